"""``python -m gigsim`` runs the same command line as the ``gigsim`` script."""

from gigsim.cli import main

raise SystemExit(main())
