"""``gigsim serve`` as a process: its options, its games, and how it stops.

The games are started the way a browser starts them (a websocket on ``/ws``:
``tests.web.sessions``); ``tests/web/test_serve_browser.py`` plays one in Chromium.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import shlex
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from gigsim.cli import main
from gigsim.web import server
from gigsim.web.server import GameServer, GameService, ServeOptions, game_argv, shell_command
from tests.experiments.procs import assert_session_ends
from tests.web.serving import free_port, serving, stop, wait_for
from tests.web.sessions import open_session, port_of, wait_for_screen, wait_until_idle


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--port", "0"], "error: --port: must be between 1 and 65535 (got 0)"),
        (["--port", "65536"], "error: --port: must be between 1 and 65535 (got 65536)"),
        (["--port", "x"], "error: gigsim serve: argument --port: must be a whole number"),
        (["no-such-scenario"], "error: no-such-scenario: no shipped scenario of that name"),
        (
            ["--set", "player.hours.weekday=x"],
            "error: --set: player.hours.weekday: must be a number",
        ),
        (["--seed", "-1"], "error: --seed: must be a whole number >= 0 (got -1)"),
        (["--host", "no-such-host.invalid"], "error: --host: cannot find no-such-host.invalid"),
    ],
)
def test_a_bad_option_is_one_line_and_exit_2(
    args: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "serve", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(line) and err.count("\n") == 1, err


def test_a_port_in_use_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--lang", "en", "serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"error: --port: port {port} is already in use on 127.0.0.1: stop what uses it, "
        "or choose another port (e.g. --port 8001)\n"
    )


def test_each_page_gets_its_game_and_closing_the_page_ends_it(tmp_path: Path) -> None:
    with serving(["default", "--seed", "3"], tmp_path / "saves") as served:
        port = port_of(served.url)
        first, status = open_session(port)
        assert b" 101 " in status
        second, _status = open_session(port)
        wait_for(lambda: len(served.games()) == 2, "two games, one for each page", served)
        first.close()
        wait_for(lambda: len(served.games()) == 1, "the closed page's game to end", served)
        second.close()
        wait_for(lambda: served.games() == [], "the other game to end", served)


def test_a_page_of_another_site_starts_no_game(tmp_path: Path) -> None:
    with serving(["default"], tmp_path / "saves") as served:
        sock, status = open_session(port_of(served.url), origin="http://elsewhere.example")
        sock.close()
        assert b" 403 " in status
        time.sleep(1.0)  # a game would have been started by now
        assert served.games() == []


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_the_server_stops_every_game(tmp_path: Path, number: int) -> None:
    with serving(["default", "--seed", "3"], tmp_path / "saves") as served:
        pages = [open_session(port_of(served.url))[0] for _ in range(2)]
        for page in pages:
            wait_for_screen(page)
        assert len(served.games()) == 2
        code, err = stop(served, number)
        assert code == 0, err
        assert err.startswith("stopping: every game is asked to quit"), err
        assert_session_ends(served.proc.pid)
        for page in pages:
            page.close()


def test_a_killed_server_s_games_end_by_themselves(tmp_path: Path) -> None:
    """kill -9 leaves the server no chance: each game sees its parent gone and quits."""
    with serving(["default", "--seed", "3"], tmp_path / "saves") as served:
        page, _status = open_session(port_of(served.url))
        wait_for_screen(page)
        wait_until_idle(page)  # waiting for its player, it writes nothing that could fail
        assert len(served.games()) == 1
        os.kill(served.proc.pid, signal.SIGKILL)
        served.proc.wait()
        assert_session_ends(served.proc.pid, within_s=30.0)
        page.close()


def test_the_page_uses_the_address_the_browser_used(tmp_path: Path) -> None:
    """A student who typed the machine's name or address gets a websocket on that address."""
    with serving(["default", "--lang", "ja"], tmp_path / "saves") as served:
        connection = http.client.HTTPConnection("127.0.0.1", port_of(served.url), timeout=30)
        connection.request("GET", "/", headers={"Host": "classroom-pc.local:8123"})
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        connection.close()
        assert response.status == 200
        assert 'data-session-websocket-url="ws://classroom-pc.local:8123/ws"' in page
        assert '<html lang="ja">' in page and "ゲームを起動しています" in page
        assert "googleapis" not in page  # nothing fetched from the internet


def test_a_game_is_this_python_playing_the_served_options() -> None:
    options = ServeOptions("mine.yaml", 7, ("player.hours.weekday=2",), "ja")
    argv = game_argv(options)
    assert argv == [
        sys.executable, "-m", "gigsim", "--lang", "ja", "play", "mine.yaml", "--seed", "7",
        "--set", "player.hours.weekday=2",
    ]  # fmt: skip
    command = shell_command(argv)
    assert command.startswith("exec ")  # the game is the server's own child
    assert shlex.split(command)[1:] == argv
    # each game opens with the tour unless the server was told --no-tour
    untoured = game_argv(ServeOptions("default", 1, (), "en", tour=False))
    assert untoured[-1] == "--no-tour" and "--no-tour" not in argv


def test_each_session_saves_in_a_folder_of_its_own(tmp_path: Path) -> None:
    game_server = GameServer(ServeOptions("default", 1, (), "en"), tmp_path)
    first, second = game_server.session_folder(), game_server.session_folder()
    assert first != second and first.is_dir() and second.is_dir()
    assert first.parent == second.parent == tmp_path / "serve"
    other = GameServer(ServeOptions("default", 1, (), "en"), tmp_path)  # the same second
    other.stamp = game_server.stamp
    assert other.session_folder() not in (first, second)


STUBBORN = (
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('up', flush=True); time.sleep(60)"
)


async def _stubborn_game(tmp_path: Path) -> GameService:
    """A "game" that neither quits when asked nor ends on SIGTERM."""
    game_server = GameServer(ServeOptions("default", 1, (), "en"), tmp_path)
    game_server.command = shell_command([sys.executable, "-c", STUBBORN])

    async def nothing(*_args: object) -> None:
        return None

    game = GameService(
        game_server, tmp_path / "s", write_bytes=nothing, write_str=nothing, close=nothing
    )
    await game.start(80, 24)
    assert game._process is not None and game._process.stdout is not None
    return game


@pytest.mark.parametrize("hurry", [False, True], ids=["ctrl-c", "ctrl-c-twice"])
def test_a_game_that_does_not_quit_is_terminated_then_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hurry: bool
) -> None:
    monkeypatch.setattr(server, "QUIT_GRACE", 1.0)
    monkeypatch.setattr(server, "KILL_GRACE", 1.0)

    async def run() -> tuple[float, int | None]:
        game = await _stubborn_game(tmp_path)
        await asyncio.sleep(0.5)  # started, SIGTERM ignored
        patience = asyncio.Event()
        if hurry:
            patience.set()  # a second Ctrl-C: no waiting
        began = time.monotonic()
        await game.end(patience)
        took = time.monotonic() - began
        await game.stop()
        assert game._process is not None
        return took, game._process.returncode

    took, code = asyncio.run(run())
    assert code == -signal.SIGKILL
    if hurry:
        assert took < 1.0
    else:
        assert took >= 2.0  # asked, then terminated (ignored), then killed


def test_free_port_is_free() -> None:
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_the_wheel_carries_the_page(tmp_path: Path) -> None:
    """An installed gigsim serves its own page (a file beside the code, not a module)."""
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    root = Path(server.__file__).parents[2]
    wheel = next(
        iter(WheelBuilder(str(root)).build(directory=str(tmp_path), versions=["standard"]))
    )
    with zipfile.ZipFile(wheel) as z:
        page = z.read("gigsim/web/templates/index.html").decode("utf-8")
    assert page == (Path(server.__file__).parent / "templates" / "index.html").read_text("utf-8")
