"""Headless Chromium (Debian's ``chromium``, driven by Playwright) on a served game.

The page's terminal is xterm.js drawing on a canvas, so its text is in no DOM
node. An init script keeps every object textual-serve's page stores as its
``terminal`` (the xterm.js ``Terminal``) in ``window.__terminals``, and
``rows`` reads the terminal's buffer, the text as the player sees it, row by row.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.web.serving import WAIT_S

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 760, "height": 540}  # 16-pixel letters: at least 80 columns by 24 rows

KEEP_TERMINALS = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    (window.__terminals = window.__terminals || []).push(value);
  },
});
"""
ROWS = """() => {
  const term = (window.__terminals || [])[0];
  if (!term) return null;
  const rows = [];
  for (let i = 0; i < term.rows; i++) {
    const line = term.buffer.active.getLine(i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows;
}"""


def chromium() -> str:
    """Debian's Chromium: the test needs it (``.ci/run`` installs it), it never skips."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.fail("no chromium on PATH: apt-get install chromium (.ci/run does)")
    return found


@contextlib.contextmanager
def browser_page(profile: Path) -> Iterator[Page]:
    """A page of a fresh headless Chromium (its own profile folder), closed after the block."""
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,  # type: ignore[arg-type]
        )
        try:
            page = context.new_page()
            page.add_init_script(KEEP_TERMINALS)
            yield page
        finally:
            context.close()


def focus_terminal(page: Page) -> None:
    """Keys go to the game once its terminal has the focus, as after a player's click."""
    page.locator(".xterm-helper-textarea").focus()


def rows(page: Page) -> list[str]:
    """The terminal's rows as text (empty before the page has a terminal)."""
    found = page.evaluate(ROWS)
    return list(found) if found else []


def wait_for_screen(page: Page, shows: Callable[[str], bool], what: str) -> str:
    """Poll the terminal until ``shows(its text)``; the text then."""
    deadline = time.monotonic() + WAIT_S
    text = ""
    while time.monotonic() < deadline:
        text = "\n".join(rows(page))
        if shows(text):
            return text
        time.sleep(0.1)
    pytest.fail(f"waited {WAIT_S:.0f} s for {what}; the page showed:\n{text}")
