"""The README's command examples are true: every ``$ writer …`` block is run and its output compared.

A fenced block whose first line starts with ``$ `` holds one or more shell
commands (lines starting with ``$ ``), each followed by the output it prints
(stdout and stderr together, as a terminal shows them). Each block runs with
bash in a fresh temporary folder that holds read-only links to the inputs the
README names (examples/, the default corpus, the check fixtures), so nothing
in the repository is written. Only what must vary is normalised: the
repository's own path. A block preceded by ``<!-- not-run: reason -->`` is
not run (inputs the reader supplies).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_ROOT = "/work/main"  # the checkout the README's outputs were taken in
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```$", re.S | re.M)
NOT_RUN = re.compile(r"<!--\s*not-run:[^>]*-->\s*$")
# What a README example may read, linked into the temporary folder (target → source in the checkout).
INPUTS = {"examples": "examples", "phrasebank/corpus": "phrasebank/corpus",
          "tests/fixtures": "tests/fixtures"}


def examples() -> list[tuple[int, str]]:
    """(line number, block text) of each ``$ …`` block the README asks to run."""
    text = README.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        body = match.group(1)
        if not body.startswith("$ "):
            continue
        before = text[:match.start()].rstrip("\n")
        if NOT_RUN.search(before.splitlines()[-1] if before else ""):
            continue
        found.append((text.count("\n", 0, match.start()) + 1, body))
    return found


def commands(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of one block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        else:
            pairs[-1][1].append(line)
    return [(cmd, "".join(f"{line}\n" for line in out)) for cmd, out in pairs]


def workspace(tmp_path: Path) -> Path:
    for target, source in INPUTS.items():
        link = tmp_path / target
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(ROOT / source, target_is_directory=True)
    return tmp_path


def run(command: str, cwd: Path) -> str:
    env = dict(os.environ, COLUMNS="200", PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("WRITER_BANK", None)
    done = subprocess.run(["bash", "-c", f"exec 2>&1; {command}"], cwd=cwd, env=env,
                          capture_output=True, text=True)
    return done.stdout.replace(str(ROOT), README_ROOT)


@pytest.mark.parametrize("line,block", examples(), ids=[f"README.md:{line}" for line, _ in examples()])
def test_readme_example_prints_what_the_readme_shows(tmp_path, line, block):
    cwd = workspace(tmp_path)
    for command, expected in commands(block):
        assert run(command, cwd) == expected, f"README.md:{line}: $ {command}"


def test_the_readme_has_examples_of_every_command():
    ran = " ".join(cmd for _, block in examples() for cmd, _ in commands(block))
    for name in ("mine", "bank stats", "suggest", "outline", "render", "check"):
        assert f"writer {name}" in ran, name
