"""Runs pinned to their recorded output: a change of behaviour is either intended or caught.

Each case's ``--json`` (without the package version) and ``--events`` bytes
are digested and compared with the digest recorded for this ``MODEL_VERSION``.
A restructuring of the engine must leave them all unchanged. When a change of
the random draws or of a result is intended, ``MODEL_VERSION`` is bumped
(saves of the old model are then refused) and the digests below are recorded
anew: ``python -m tests.engine.test_pinned_runs`` prints them.

The cases cover what a default run does not reach: player policies that
reprice or edit in their weekly review, storms, disputes and monster buyers,
public requests, and the platforms whose fees differ most.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import tempfile
from pathlib import Path

import pytest

from gigsim import MODEL_VERSION
from gigsim.cli import main

CASES: dict[str, tuple[str, int, str | None, tuple[str, ...]]] = {
    "default": ("default", 7, None, ()),
    "active": ("default", 1, "active", ()),
    "capacity": ("coconala", 2, "capacity", ()),
    "cheap-start": ("timeticket", 3, "cheap-start", ()),
    "risks": (
        "default",
        4,
        "active",
        (
            "market.risks.storm_prob=0.9",
            "market.risks.harassment_per_month=2",
            "market.buyer_types.monster.dispute_prob=0.6",
        ),
    ),
    "requests": ("default", 5, None, ("market.choice.public_request_share=0.4",)),
    "fiverr": ("fiverr", 6, None, ()),
}
"""name: (scenario, seed, policy, --set overrides); each runs 6 months."""
MONTHS = 6

PINNED_MODEL_VERSION = "5"
PINNED: dict[str, str] = {
    "default": "3f5865cef47ead0c",
    "active": "90a668839c798787",
    "capacity": "e7ad18ba6244a379",
    "cheap-start": "e4981c024933f1cc",
    "risks": "7865903a6626fdaa",
    "requests": "cacd81b9c50281f9",
    "fiverr": "1f95dadca3697287",
}
"""Digest of each case for ``PINNED_MODEL_VERSION``; the same before the engine's kernel,
subsystems and controllers were written (checked on the code before them)."""


def digest(case: str, folder: Path) -> str:
    """The case's ``gigsim run --json --events`` files, digested (the version left out)."""
    name, seed, policy, overrides = CASES[case]
    args = ["run", name, "--months", str(MONTHS), "--seed", str(seed)]
    args += [a for o in overrides for a in ("--set", o)]
    if policy:
        args += ["--set", f"player.policy={policy}"]
    js, ev = folder / f"{case}.json", folder / f"{case}.jsonl"
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([*args, "--json", str(js), "--events", str(ev)]) == 0
    data = json.loads(js.read_bytes())
    data.pop("gigsim_version", None)
    h = hashlib.sha256(json.dumps(data, sort_keys=True).encode())
    h.update(ev.read_bytes())
    return h.hexdigest()[:16]


def test_pins_belong_to_this_model_version() -> None:
    assert MODEL_VERSION == PINNED_MODEL_VERSION, (
        "MODEL_VERSION changed: record the new digests (python -m tests.engine.test_pinned_runs)"
    )
    assert set(PINNED) == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_run_gives_its_recorded_output(case: str, tmp_path: Path) -> None:
    assert digest(case, tmp_path) == PINNED[case], f"{case}: the run's output changed"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        for case in CASES:
            print(f'    "{case}": "{digest(case, Path(d))}",')
