"""``gigsim serve``: the game in a browser, one game process for each browser session.

textual-serve gives the page (xterm.js) and relays each browser's websocket to a
process it starts with a shell command: here ``exec <this Python> -m gigsim
--lang L play SCENARIO --seed N [--set ...]`` (``play --lesson N --seed N`` for a
lesson, ``play --class PACK --lesson N`` for a class pack's lesson), so that
every student gets a game of their own, in the same market (scenario and seed)
as the others.

What this module adds to textual-serve's ``Server``:

- the socket is bound before anything else, so that a port in use, a port out
  of range or a host that is not this machine's is one ``BadInput`` line;
- the page is gigsim's own (``templates/index.html``): its texts translated, no
  font fetched from the internet (a classroom may have none), and the websocket
  address taken from the address the browser used, so that the page works
  whatever name or address of the machine a student typed;
- a websocket from another site's page is refused (a page the teacher visits
  must not be able to start games on the teacher's machine);
- each game saves in a folder of its own under the saves folder of
  ``gigsim play`` (``<saves>/serve/<date-time>-<n>``): with one seed for the
  whole room, the games' autosaves would otherwise have the same name;
- stopping (Ctrl-C or SIGTERM) asks every game to quit (textual-serve's "quit"
  message), sends SIGTERM to those still running after ``QUIT_GRACE`` seconds
  (a game still starting up has not read its messages yet; Textual's web
  driver quits the same way on SIGTERM), kills those left ``KILL_GRACE``
  seconds later; a second Ctrl-C skips the waiting. A killed server's games
  end by themselves (``gigsim.web.child``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import errno
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from gigsim.errors import BadInput
from gigsim.i18n import _
from gigsim.web.child import SERVER_PID_ENV

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
QUIT_GRACE = 2.0  # seconds a game asked to quit is given before it is sent SIGTERM
KILL_GRACE = 3.0  # seconds a game sent SIGTERM is given before it is killed
SESSIONS_FOLDER = "serve"
TEMPLATES = Path(__file__).parent / "templates"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
WILDCARD = ("0.0.0.0", "::", "")

log = logging.getLogger("gigsim.serve")


@dataclass(frozen=True)
class ServeOptions:
    scenario: str
    seed: int
    overrides: tuple[str, ...]
    lang: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    tour: bool = True
    """Each game opens with the first-time tour (``--no-tour``: without it)."""
    lesson: int | None = None
    """A lesson to play (of the class pack, with ``pack``)."""
    pack: str | None = None
    """A class pack's file (its full path): each game plays ``lesson`` of it."""


def game_argv(options: ServeOptions) -> list[str]:
    """The command of one browser session's game: ``gigsim play`` with the server's options
    (a class pack's lesson: the pack names the scenario and the seed)."""
    argv = [sys.executable, "-m", "gigsim", "--lang", options.lang, "play"]
    if options.pack is not None:
        argv += ["--class", options.pack, "--lesson", str(options.lesson)]
    else:
        if options.lesson is not None:
            argv += ["--lesson", str(options.lesson)]
        else:
            argv.append(options.scenario)
        argv += ["--seed", str(options.seed)]
        for override in options.overrides:
            argv += ["--set", override]
    if not options.tour:
        argv.append("--no-tour")
    return argv


def shell_command(argv: Sequence[str]) -> str:
    """``argv`` for the shell textual-serve runs it with; ``exec`` so that the game is the
    server's own child (``gigsim.web.child`` watches that parent)."""
    if os.name == "posix":
        return "exec " + shlex.join(argv)
    return subprocess.list2cmdline(list(argv))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port``, or ``BadInput`` naming the option at fault."""
    if not 1 <= port <= 65535:
        raise BadInput(
            "--port",
            None,
            _("must be between {low} and {high} (got {n})").format(low=1, high=65535, n=port),
        )
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError) as e:
        why = e.strerror if isinstance(e, socket.gaierror) else str(e)
        raise BadInput(
            "--host", None, _("cannot find {host}: {why}").format(host=host, why=why)
        ) from None
    sock = socket.socket(family, kind, proto)
    try:
        if os.name == "posix":  # a restart just after a stop may take the port again
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as e:
        sock.close()
        raise _bind_error(host, port, e) from None
    sock.setblocking(False)
    return sock


def _bind_error(host: str, port: int, e: OSError) -> BadInput:
    if e.errno == errno.EADDRINUSE:
        return BadInput(
            "--port",
            None,
            _(
                "port {port} is already in use on {host}: stop what uses it, or choose another "
                "port (e.g. --port 8001)"
            ).format(port=port, host=host),
        )
    if e.errno == errno.EADDRNOTAVAIL:
        return BadInput(
            "--host",
            None,
            _("{host} is not an address of this machine (e.g. --host 127.0.0.1)").format(host=host),
        )
    if e.errno == errno.EACCES:
        return BadInput(
            "--port",
            None,
            _(
                "port {port} is reserved for administrators: choose one from 1024 up "
                "(e.g. --port 8000)"
            ).format(port=port),
        )
    return BadInput(
        "--port",
        None,
        _("cannot listen on {host} port {port}: {why}").format(
            host=host, port=port, why=e.strerror or e
        ),
    )


class GameService(AppService):
    """One browser session's game process (textual-serve's ``AppService``), tracked by
    its server, saving in a folder of its own."""

    def __init__(self, server: GameServer, save_dir: Path, **kwargs: Any) -> None:
        super().__init__(server.command, download_manager=server.download_manager, **kwargs)
        self.server = server
        self.save_dir = save_dir

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width=width, height=height)
        env["GIGSIM_SAVE_DIR"] = str(self.save_dir)
        env[SERVER_PID_ENV] = str(os.getpid())
        return env

    async def start(self, width: int, height: int) -> None:
        self.server.games.add(self)
        await super().start(width, height)

    async def run(self) -> None:
        """The game's output to the browser until it ends; then the page says so."""
        try:
            await super().run()
        finally:
            self.server.games.discard(self)
            with contextlib.suppress(Exception):
                await self.remote_close()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self, patience: asyncio.Event) -> None:
        """Quit the game: ask, then terminate, then kill; ``patience`` set means hurry."""
        process = self._process
        if process is None or process.returncode is not None:
            return
        await self.send_meta({"type": "quit"})
        for wait, then in ((QUIT_GRACE, process.terminate), (KILL_GRACE, process.kill)):
            if await _exited(process, wait, patience):
                return
            with contextlib.suppress(ProcessLookupError):
                then()
        await process.wait()


async def _exited(process: asyncio.subprocess.Process, wait: float, hurry: asyncio.Event) -> bool:
    """Whether ``process`` ended within ``wait`` seconds (sooner given up once ``hurry`` is set)."""
    done = asyncio.ensure_future(process.wait())
    hurried = asyncio.ensure_future(hurry.wait())
    await asyncio.wait({done, hurried}, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
    hurried.cancel()
    if not done.done():
        done.cancel()
        return False
    return True


class GameServer(Server):
    """textual-serve's ``Server`` with gigsim's page, origin check, saves and stop."""

    def __init__(self, options: ServeOptions, save_root: Path) -> None:
        super().__init__(
            shell_command(game_argv(options)),
            host=options.host,
            port=options.port,
            title="gigsim",
            templates_path=TEMPLATES,
        )
        self.options = options
        self.save_root = save_root
        self.games: set[GameService] = set()
        self.started = 0
        self.stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")

    def session_folder(self) -> Path:
        """A new game's saves folder, made now: one per browser session, never shared, not
        even with a game of another server started in the same second on the same folder."""
        while True:
            self.started += 1
            folder = self.save_root / SESSIONS_FOLDER / f"{self.stamp}-{self.started}"
            try:
                folder.mkdir(parents=True)
            except FileExistsError:
                continue
            except OSError:
                pass  # the game says what is wrong with the folder when it first saves
            return folder

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, its websocket on the address the browser used (``request.host``)."""
        scheme = "wss" if request.secure else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws",
            "static_url": "/static/",
            "lang": self.options.lang,
            "title": _("gigsim: a side gig on a skill marketplace"),
            "starting": _("Starting your game…"),
            "ended": _("Your game has ended. Its saves stay on the machine that serves it."),
            "start": _("Start"),
            "restart": _("New game"),
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: a game process of its own for as long as the page is open."""
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != request.host:
            raise web.HTTPForbidden(text=_("games are started only from gigsim's own page"))
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        game = GameService(
            self,
            self.session_folder(),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
        )
        try:
            await game.start(width, height)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # one session's failure must not stop the others
            log.exception(error)
        finally:
            await game.end(asyncio.Event())
            await game.stop()
            await websocket.close()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        """What the teacher reads: where the game is, where saves go, how to stop."""
        url = f"http://{_url_host(self.options.host)}:{self.options.port}/"
        with contextlib.suppress(OSError):  # a closed terminal does not stop the games
            self._tell(url)

    def _tell(self, url: str) -> None:
        print(
            _("gigsim serve: open {url} in a browser; each page gets its own game").format(url=url)
        )
        if self.options.host in WILDCARD:
            print(
                _(
                    "listening on every address of this machine: anyone who can reach one of "
                    "them can play, on port {port}"
                ).format(port=self.options.port)
            )
        elif self.options.host not in LOOPBACK:
            print(
                _("anyone who can reach {host} can play: the games run on this machine").format(
                    host=self.options.host
                )
            )
        print(_("saves: {folder}").format(folder=self.save_root / SESSIONS_FOLDER))
        print(_("Ctrl+C stops the server and every game"), flush=True)

    async def stop_games(self, hurry: asyncio.Event) -> None:
        """End every game this server started, the way ``GameService.end`` says."""
        await asyncio.gather(*(game.end(hurry) for game in list(self.games)))

    async def run(self, sock: socket.socket, stop: asyncio.Event, hurry: asyncio.Event) -> None:
        """Serve on ``sock`` until ``stop`` is set, then end the games and close."""
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=2.0
        )
        await runner.setup()
        try:
            await web.SockSite(runner, sock).start()
            await stop.wait()
            print(_("stopping: every game is asked to quit"), file=sys.stderr, flush=True)
            await self.stop_games(hurry)
        finally:
            await runner.cleanup()


def _url_host(host: str) -> str:
    if host in WILDCARD:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def serve(options: ServeOptions, save_root: Path) -> int:
    """Run the server until Ctrl-C or SIGTERM; 0 when stopped, ``BadInput`` before it starts."""
    sock = bind(options.host, options.port)
    server = GameServer(options, save_root)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    async def main() -> None:
        stop, hurry = asyncio.Event(), asyncio.Event()

        def signalled() -> None:
            (hurry if stop.is_set() else stop).set()

        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(number, signalled)
        await server.run(sock, stop, hurry)

    try:
        asyncio.run(main())
    finally:
        sock.close()
    return 0
