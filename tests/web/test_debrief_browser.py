"""The debrief page as a projector shows it: in a 1200-pixel-wide window, each student's
table fits without scrolling sideways, in English and in Japanese (headless Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gigsim.cli import main
from gigsim.lessons.pack_file import pack_yaml
from tests.classroom.helpers import class_folder, small_pack
from tests.web.browser import browser_page

PROJECTOR = {"width": 1200, "height": 900}

OVERFLOWING = """() => [...document.querySelectorAll('.wide')]
  .filter(e => e.scrollWidth > e.clientWidth + 1).length"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("class")
    pack = small_pack()
    (root / "week.yaml").write_text(pack_yaml(pack), encoding="utf-8")
    class_folder(root / "results", pack)
    return root / "results", root / "week.yaml"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_each_students_table_fits_a_projectors_width(
    results: tuple[Path, Path], tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, pack = results
    out = tmp_path / "debrief"
    args = ["--lang", lang, "class", "collect", str(folder), "--pack", str(pack)]
    assert main([*args, "--out", str(out), "--luck-seeds", "0"]) == 0
    capsys.readouterr()
    with browser_page(tmp_path / "profile") as page:
        page.set_viewport_size(PROJECTOR)  # type: ignore[arg-type]
        page.goto((out / "class-debrief.html").as_uri())
        assert page.locator(".wide").count() == 2  # a table a lesson
        assert page.evaluate(OVERFLOWING) == 0
