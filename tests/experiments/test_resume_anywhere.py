"""--resume works from whatever a killed batch left, and bad folders are one line, exit 2.

A kill can land at any instant: before the manifest is written (the folder
holds only a temporary file), between runs, or during the final writes
(temporary files beside complete ones). A journal line can be damaged. The
folder can be unwritable, or the disk full. In each case: one line, exit 2
where the user has something to fix, nothing already written lost, and a
``--resume`` that gives the files of an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gigsim.experiments import journal as journal_module
from gigsim.experiments.runs import MONTH_KPIS

from .helpers import batch, manifest, outputs

ARGS = ["textbook-queue", "--months", "1", "--reps", "4", "--seed", "2", "--jobs", "1"]


@pytest.fixture
def clean(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, bytes]:
    code, _, err = batch(capsys, *ARGS, "--out", str(tmp_path / "clean"))
    assert code == 0, err
    return outputs(tmp_path / "clean")


def _one_line(err: str) -> str:
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def test_a_folder_holding_only_a_temporary_manifest_is_resumed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, bytes]
) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / ".manifest.json.x1b2c3d4.tmp").write_text('{"experi')  # killed while writing it
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0, err
    assert outputs(out) == clean


def test_temporary_files_of_the_final_writes_are_removed_by_the_resume(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, bytes]
) -> None:
    out = tmp_path / "o"
    assert batch(capsys, *ARGS, "--out", str(out))[0] == 0
    (out / "report.html").unlink()
    for name in ("report.html", "runs.jsonl", "manifest.json"):
        (out / f".{name}.ab_12xyz.tmp").write_text("partial")
    assert batch(capsys, *ARGS, "--out", str(out), "--resume")[0] == 0
    assert outputs(out) == clean  # every file is compared: no temporary file is left


def test_files_that_only_look_temporary_are_not_ours(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in (".notes.txt.abcdefgh.tmp", "manifest.json.tmp", ".runs.csv.abc.tmp"):
        out = tmp_path / name.replace(".", "_")
        out.mkdir()
        (out / name).write_text("theirs")
        code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
        assert code == 2 and "holds no gigsim batch manifest" in _one_line(err)
        assert [p.name for p in out.iterdir()] == [name]


def test_a_journal_without_its_manifest_is_resumed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, bytes]
) -> None:
    out = tmp_path / "o"
    out.mkdir()
    journal = (tmp_path / "clean" / "runs.jsonl").read_text().splitlines(keepends=True)
    (out / "runs.jsonl").write_text("".join(journal[:2]))
    code, _, err = batch(capsys, *ARGS, "--out", str(out))
    assert code == 2 and "holds a run journal (runs.jsonl); add --resume" in _one_line(err)
    assert batch(capsys, *ARGS, "--out", str(out), "--resume")[0] == 0
    assert outputs(out) == clean


def test_an_older_journal_of_positional_months_is_read_and_rewritten_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, bytes]
) -> None:
    """Older gigsim wrote each month as a list in column order, with 0.0 for "no rating yet"."""
    out = tmp_path / "o"
    assert batch(capsys, *ARGS, "--out", str(out))[0] == 0
    old = []
    unrated = 0
    for line in (out / "runs.jsonl").read_text().splitlines():
        rec = json.loads(line)
        assert all(isinstance(m, dict) for m in rec["months"])  # named, self-describing
        unrated += sum(m["rating"] is None for m in rec["months"])
        rec["months"] = [
            [0.0 if k == "rating" and m[k] is None else m[k] for k in MONTH_KPIS]
            for m in rec["months"]
        ]
        old.append(json.dumps(rec) + "\n")
    assert unrated > 0  # the old 0.0 for "no rating yet" is read back as null
    (out / "runs.jsonl").write_text("".join(old))
    (out / "runs.csv").unlink()
    code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
    assert code == 0 and err == ""  # every record kept: none is run again
    assert outputs(out) == clean  # the journal rewritten with named months, ratings null


def _edit_journal(out: Path, line: int, edit: Any) -> None:
    lines = (out / "runs.jsonl").read_text().splitlines()
    rec = json.loads(lines[line])
    edit(rec)
    lines[line] = json.dumps(rec)
    (out / "runs.jsonl").write_text("\n".join(lines) + "\n")
    (out / "runs.csv").unlink()


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda r: r.pop("totals"), "line 2: totals: missing or not an object"),
        (lambda r: r["totals"].pop("net_income"), "line 2: totals.net_income: missing"),
        (lambda r: r.update(months=[[1]]), "line 2: months.0: neither a month's named values"),
        (lambda r: r["months"][0].pop("rating"), "line 2: months.0.rating: missing"),
        (lambda r: r["months"][0].update(x=1), "line 2: months.0.x: not a month's value"),
        (lambda r: r["months"][0].update(orders="3"), "line 2: months.0.orders: not a number"),
        (lambda r: r["months"][0].update(label=3), "line 2: months.0.label: not a text"),
        (lambda r: r.update(seed=r["seed"] + 1), "group 0, replication 1: not a run of this"),
        (lambda r: r.update(group="0"), "line 2: group: missing or not a whole number"),
    ],
)
def test_a_damaged_journal_record_is_run_again(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    clean: dict[str, bytes],
    edit: Any,
    problem: str,
) -> None:
    out = tmp_path / "o"
    assert batch(capsys, *ARGS, "--out", str(out))[0] == 0
    _edit_journal(out, 1, edit)
    for _ in range(2):  # every later --resume too
        code, _, err = batch(capsys, *ARGS, "--out", str(out), "--resume")
        assert code == 0, err
        assert outputs(out) == clean
        _edit_journal(out, 1, edit)
    assert problem in _one_line(err) and "run again" in err


def test_a_damaged_line_in_the_middle_keeps_the_lines_after_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, bytes]
) -> None:
    out = tmp_path / "o"
    assert batch(capsys, *ARGS, "--out", str(out))[0] == 0
    lines = (out / "runs.jsonl").read_bytes().splitlines(keepends=True)
    (out / "runs.jsonl").write_bytes(lines[0] + b"{not json\n" + b"".join(lines[2:]))
    j = journal_module.Journal(out)
    assert sorted(j.load()) == [(0, 0), (0, 2), (0, 3)]
    assert j.damaged == ["line 2: not JSON"]
    assert batch(capsys, *ARGS, "--out", str(out), "--resume")[0] == 0
    assert outputs(out) == clean


def test_out_below_a_file_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("mine")
    code, _, err = batch(capsys, *ARGS, "--out", str(tmp_path / "afile" / "sub"))
    assert code == 2
    assert (
        _one_line(err)
        == f"error: {tmp_path}/afile/sub: cannot create the --out folder: '{tmp_path}/afile' is a file"
    )
    assert (tmp_path / "afile").read_text() == "mine"


def _mount(folder: Path, options: str) -> bool:
    """Mount a small tmpfs at ``folder``; False where that is not allowed."""
    try:
        cmd = ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)]
        return subprocess.run(cmd, capture_output=True).returncode == 0
    except OSError:
        return False


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[str]:
    """``folder`` made unwritable: a read-only mount where allowed (root), else no write bit."""
    folder.mkdir()
    mounted = _mount(folder, "ro,size=64k")
    if not mounted:
        folder.chmod(0o555)
    try:
        yield "is on a read-only file system" if mounted else "is not writable"
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)
        else:
            folder.chmod(0o755)


def test_out_on_a_read_only_file_system_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ro = tmp_path / "ro"
    with _read_only(ro) as why:
        code, _, err = batch(capsys, *ARGS, "--out", str(ro / "sub"))
        assert code == 2 and _one_line(err).endswith(f"'{ro}' {why}"), err
        code, _, err = batch(capsys, *ARGS, "--out", str(ro))
        assert code == 2 and "not writable" in _one_line(err), err


class _DiskFillsUp:
    """``os`` for the journal module, whose writes fail with ENOSPC after ``room`` bytes."""

    def __init__(self, room: int) -> None:
        self.room = room

    def write(self, fd: int, data: Any) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        n = os.write(fd, bytes(data[: self.room]))  # a part, as a filling disk takes
        self.room -= n
        return n

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


@contextlib.contextmanager
def _small_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A file system of 64 KiB at ``folder`` where allowed (root); else writes that fill up."""
    folder.mkdir()
    # GIGSIM_TEST_NO_MOUNT=1 runs the other branch where mounting is allowed
    mounted = os.environ.get("GIGSIM_TEST_NO_MOUNT") != "1" and _mount(folder, "size=64k")
    if not mounted:
        monkeypatch.setattr(journal_module, "os", _DiskFillsUp(room=6000))
    try:
        yield
    finally:
        monkeypatch.undo()
        if mounted:
            subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_one_line_exit_2_and_loses_no_finished_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["textbook-queue", "--months", "1", "--reps", "120", "--seed", "2", "--jobs", "1"]
    disk, roomy = tmp_path / "disk", tmp_path / "roomy"
    with _small_disk(disk, monkeypatch):
        code, _, err = batch(capsys, *args, "--out", str(disk / "o"))
        assert code == 2, err
        line = _one_line(err)
        assert "No space left on device" in line and "--resume finishes the rest" in line
        journal = (disk / "o" / "runs.jsonl").read_bytes()
        subprocess.run(["cp", "-a", str(disk / "o"), str(roomy)], check=True)
    assert journal.endswith(b"\n")
    kept = [json.loads(x) for x in journal.splitlines()]
    assert kept and all(journal_module.record_problem(r) is None for r in kept)
    assert f"{len(kept)} finished runs are kept" in line
    assert batch(capsys, *args, "--out", str(roomy), "--resume")[0] == 0
    assert batch(capsys, *args, "--out", str(tmp_path / "clean"))[0] == 0
    assert outputs(roomy) == outputs(tmp_path / "clean")
    assert manifest(roomy)["status"] == "complete"


def test_a_folder_another_batch_is_writing_to_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import fcntl

    out = tmp_path / "o"
    out.mkdir()
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running batch holds it
        code, _, err = batch(capsys, *ARGS, "--out", str(out))
    finally:
        os.close(fd)
    assert code == 2
    assert _one_line(err) == f"error: {out}: another gigsim batch is writing to this folder"
    assert list(out.iterdir()) == []
