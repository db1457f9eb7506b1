"""Browser sessions without a browser: a websocket opened by hand on a served game's /ws,
which is what makes the server start a game; closing the socket is closing the page."""

from __future__ import annotations

import base64
import os
import socket
import time


def open_session(port: int, origin: str | None = None) -> tuple[socket.socket, bytes]:
    """A websocket handshake on ``/ws``; the socket (kept open) and the server's status line."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /ws?width=80&height=24 HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return sock, head.split(b"\r\n", 1)[0]


def wait_for_screen(sock: socket.socket, at_least: int = 2000) -> None:
    """Read what the game sends until it has drawn a screen's worth (it is up and running)."""
    received = 0
    while received < at_least:
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError(f"the session closed after {received} bytes")
        received += len(chunk)


def wait_until_idle(sock: socket.socket, quiet_s: float = 1.5, within_s: float = 60.0) -> None:
    """Read until the game has sent nothing for ``quiet_s`` seconds: its screen is drawn and
    it waits for the player (a game still drawing would notice a closed pipe by itself)."""
    deadline = time.monotonic() + within_s
    sock.settimeout(quiet_s)
    try:
        while time.monotonic() < deadline:
            try:
                if not sock.recv(65536):
                    raise AssertionError("the session closed")
            except TimeoutError:
                return
        raise AssertionError(f"the game kept sending for {within_s:.0f} s")
    finally:
        sock.settimeout(30)


def port_of(url: str) -> int:
    return int(url.rstrip("/").rsplit(":", 1)[1])
