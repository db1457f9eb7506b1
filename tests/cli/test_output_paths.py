"""gigsim writes only regular files, and a standard output it cannot write is one line, exit 2.

Every output path (``run --json``/``--events``, the files of ``batch --out``,
saves through ``fileio.write_atomic``) must name a regular file or nothing:
a FIFO, a device, a folder or a symbolic link there is refused by its own
name, with one line and exit 2, and left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from gigsim import fileio
from gigsim.cli import main
from gigsim.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
RUN = ["run", "textbook-queue", "--months", "1"]


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _device(p: Path) -> None:
    try:
        os.mknod(p, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    except PermissionError:
        os.symlink("/dev/null", p)  # without root: refused as a link, and /dev cannot be harmed


def _socket(p: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(p))
    s.close()


def _link_to_file(p: Path) -> None:
    (p.parent / "elsewhere.json").write_text("theirs")
    os.symlink(p.parent / "elsewhere.json", p)


def _dangling_link(p: Path) -> None:
    os.symlink(p.parent / "nowhere" / "x.json", p)


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "is a FIFO (named pipe), not a regular file"),
    "device": (_device, "not a regular file"),
    "socket": (_socket, "is a socket, not a regular file"),
    "directory": (lambda p: p.mkdir(), "is a directory, not a regular file"),
    "link to a file": (_link_to_file, "is a symbolic link, not a regular file"),
    "dangling link": (_dangling_link, "is a symbolic link, not a regular file"),
}


def _state(p: Path) -> tuple[int, int, str | None]:
    st = os.lstat(p)
    return st.st_mode, st.st_ino, os.readlink(p) if stat.S_ISLNK(st.st_mode) else None


def _tree(folder: Path) -> dict[str, tuple[int, int, str | None]]:
    return {str(p.relative_to(folder)): _state(p) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("option", ["--json", "--events"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_run_refuses_a_target_that_is_not_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str, kind: str
) -> None:
    make, problem = KINDS[kind]
    target = tmp_path / "target"
    make(target)
    before = _tree(tmp_path)
    code = main([*RUN, option, str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"error: {target}: ") and problem in err and f"({option})" in err
    assert out == ""
    assert _tree(tmp_path) == before
    if kind == "link to a file":
        assert (tmp_path / "elsewhere.json").read_text() == "theirs"


def test_batch_refuses_a_link_among_its_own_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = ["batch", "textbook-queue", "--months", "1", "--reps", "2", "--jobs", "1"]
    out = tmp_path / "o"
    assert main([*args, "--out", str(out)]) == 0
    (out / "report.html").unlink()
    (tmp_path / "mine.html").write_text("mine")
    os.symlink(tmp_path / "mine.html", out / "report.html")
    before = _tree(tmp_path)
    capsys.readouterr()
    assert main([*args, "--out", str(out), "--resume"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"error: {out}/report.html: is a symbolic link, not a regular file" in err
    assert _tree(tmp_path) == before and (tmp_path / "mine.html").read_text() == "mine"


def test_the_journal_is_never_opened_through_a_link(tmp_path: Path) -> None:
    from gigsim.experiments.journal import Journal

    (tmp_path / "elsewhere").write_text("theirs\n")
    os.symlink(tmp_path / "elsewhere", tmp_path / "runs.jsonl")
    j = Journal(tmp_path)
    with pytest.raises(BadInput, match="is a symbolic link"):
        j.append({"group": 0})
    with pytest.raises(BadInput, match="is a symbolic link"):
        j.load()
    assert (tmp_path / "elsewhere").read_text() == "theirs\n"


def test_write_atomic_checks_the_target_again_before_the_rename(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    (tmp_path / "elsewhere").write_text("theirs")

    def chunks() -> Iterator[str]:
        yield "part"
        os.symlink(tmp_path / "elsewhere", target)  # put there while the file is written
        yield "rest"

    with pytest.raises(BadInput, match="is a symbolic link"):
        fileio.write_atomic(target, chunks(), "--json")
    assert os.readlink(target) == str(tmp_path / "elsewhere")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "out.json"]


def test_write_atomic_names_its_temporary_file_recognisably_and_removes_it(
    tmp_path: Path,
) -> None:
    target = tmp_path / "save.json"
    seen: list[str] = []

    def chunks() -> Iterator[str]:
        seen.extend(p.name for p in tmp_path.iterdir())
        yield "x"
        raise KeyboardInterrupt  # Ctrl-C while writing

    with pytest.raises(KeyboardInterrupt):
        fileio.write_atomic(target, chunks(), "save")
    assert len(seen) == 1 and fileio.is_temp_name(seen[0], ["save.json"])
    assert not fileio.is_temp_name(seen[0], ["other.json"])
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fileio.os, "fsync", full)
    with pytest.raises(BadInput, match="cannot write \\(--json\\): No space left on device"):
        fileio.write_atomic(target, ["new"], "--json")
    monkeypatch.undo()
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


def _gigsim(*args: str, **popen: object) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "gigsim", *args],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        **popen,
    )


def test_standard_output_on_a_full_disk_is_one_line_exit_2(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        result = _gigsim(*RUN, "--json", str(tmp_path / "r.json"), stdout=full)
    assert result.returncode == 2
    assert result.stderr == "error: standard output: cannot write: No space left on device\n"
    assert (tmp_path / "r.json").stat().st_size > 0  # the file asked for is written whole


@pytest.mark.parametrize("command", [RUN, ["scenario", "schema"], ["scenarios"]])
def test_standard_output_to_a_closed_pipe_is_one_line_exit_2(command: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line
    try:
        result = _gigsim(*command, stdout=write)
    finally:
        os.close(write)
    assert result.returncode == 2
    assert result.stderr == "error: standard output: cannot write: Broken pipe\n"


def test_a_closed_standard_output_is_one_line_exit_2(tmp_path: Path) -> None:
    result = _gigsim(
        "scenario", "schema", stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1)
    )
    assert result.returncode == 2
    assert result.stderr == "error: standard output: cannot write: it is closed\n"


def test_run_removes_what_a_killed_run_left_of_its_own_files(tmp_path: Path) -> None:
    """kill -9 during the write leaves ``write_atomic``'s temporary file; the next run to the
    same targets removes it, and leaves anyone else's files (another target's too) alone."""
    left = [tmp_path / ".a.json.k9k9k9k9.tmp", tmp_path / ".e.jsonl.abcdefgh.tmp"]
    others = [tmp_path / ".b.json.k9k9k9k9.tmp", tmp_path / "a.json.tmp", tmp_path / "notes.txt"]
    for p in left + others:
        p.write_text("partial")
    assert (
        main([*RUN, "--json", str(tmp_path / "a.json"), "--events", str(tmp_path / "e.jsonl")]) == 0
    )
    assert not any(p.exists() for p in left)
    assert all(p.read_text() == "partial" for p in others)
    assert (tmp_path / "a.json").stat().st_size > 0
