"""``gigsim completion bash|zsh``: a script that completes the commands, their options and files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gigsim.cli import main

COMMANDS = ("scenarios", "scenario", "run", "batch", "play", "completion")


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_script_names_every_command(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "gigsim" in script and len(script.splitlines()) > 20
    for name in COMMANDS:
        assert name in script
    for option in ("--months", "--sweep", "--method", "--lang"):
        assert option in script


def test_bash_completes_a_command_and_an_option(tmp_path: Path) -> None:
    """The bash script, loaded in bash, completes `gigsim ru` and `gigsim batch --met`."""
    bash = shutil.which("bash")
    assert bash is not None
    script = tmp_path / "gigsim.bash"
    out = subprocess.run(
        [sys.executable, "-m", "gigsim", "completion", "bash"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    script.write_text(out, encoding="utf-8")
    probe = (
        f"source {script}\n"
        'COMP_WORDS=(gigsim ru); COMP_CWORD=1; _shtab_gigsim; echo "${COMPREPLY[@]}"\n'
        'COMP_WORDS=(gigsim batch --met); COMP_CWORD=2; _shtab_gigsim; echo "${COMPREPLY[@]}"\n'
    )
    lines = subprocess.run(
        [bash, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert lines == ["run", "--method"]


def test_an_unknown_shell_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "fish"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("error: gigsim completion: ")
