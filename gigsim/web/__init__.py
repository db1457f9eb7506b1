"""The game in a browser: ``gigsim serve``.

``gigsim.web.server`` serves the page with textual-serve and starts one
``python -m gigsim play`` process for each browser session; ``gigsim.web.child``
is the part that runs inside such a game, so that it ends when its server is gone.

Importing this package is cheap (the command line imports ``gigsim.web.child``
in every game): aiohttp and textual-serve load only in ``gigsim.web.server``.
"""
