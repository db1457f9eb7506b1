"""Build hook: compile the gettext catalogues (``.po`` -> ``.mo``) into the wheel.

Runs for the standard wheel and the editable install alike (``pip install .``,
``pip install -e .``), so that an installed gigsim carries compiled catalogues;
the ``.mo`` files are written next to their ``.po`` (they are not kept in git).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogues(locale_dir: Path) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` under ``locale_dir``; return the ``.mo`` paths."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        catalog = read_po(io.BytesIO(po.read_bytes()))
        out = io.BytesIO()
        write_mo(out, catalog)
        mo = po.with_suffix(".mo")
        mo.write_bytes(out.getvalue())  # always: newer than its .po, so it is the one read
        written.append(mo)
    return written


class CatalogueHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_catalogues(root / "gigsim" / "locale"):
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
