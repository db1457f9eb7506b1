"""Inside a game that ``gigsim serve`` started: end with the server.

The server stops its games itself when it is stopped (Ctrl-C, SIGTERM). A
server killed outright (kill -9, a crash) cannot: its games would run on
with nobody to play them. So each game watches its parent: the server starts
the game directly (the shell ``exec``s it), names its own process id in
``GIGSIM_SERVER_PID``, and a game whose parent is no longer that process
sends itself SIGTERM, which Textual's web driver turns into a normal exit.
Finished months are already in the autosave, written at each month's end.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Mapping

SERVER_PID_ENV = "GIGSIM_SERVER_PID"
WATCH_SECONDS = 0.5  # how often a served game looks for its server


def exit_with_server(environ: Mapping[str, str] | None = None) -> bool:
    """Watch the server named in the environment from a daemon thread; False if none is named.

    Only on POSIX systems, where a process whose parent dies gets a new parent
    (``os.getppid`` changes); elsewhere the server's own stop is the only one.
    """
    env = os.environ if environ is None else environ
    try:
        server = int(env.get(SERVER_PID_ENV, ""))
    except ValueError:
        return False
    if os.name != "posix" or server <= 0:
        return False
    threading.Thread(target=_watch, args=(server,), name="gigsim-server-watch", daemon=True).start()
    return True


def _watch(server: int) -> None:
    while os.getppid() == server:
        time.sleep(WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
