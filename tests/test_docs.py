"""Every command and every option of the command line is documented in README.md.

A command is documented when its section (the ``## `writer CMD` …`` heading and
what follows it up to the next ``## ``) exists; an option when its flags appear
in that section, written as code (`` `--flag` `` or inside a code span such as
`` `-o, --out DIR` ``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from writer.cli import app

_TEXT = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
# The reference is the prose and tables; code blocks are examples (and their output has its own ## lines).
README = re.sub(r"^```.*?^```$", "", _TEXT, flags=re.S | re.M)


def _commands(group, path: str):
    """(`writer …` path, click command) of every leaf command, in help order."""
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, f"{path} {name}")
        else:
            yield f"{path} {name}", command


COMMANDS = list(_commands(typer.main.get_command(app), "writer"))


def section(command_path: str) -> str:
    """The README section whose heading names ``command_path``."""
    match = re.search(rf"^## `{re.escape(command_path)}`.*?(?=^## |\Z)", README, re.S | re.M)
    assert match, f"README.md 没有“## `{command_path}`”一节"
    return match.group(0)


def flags(command) -> list[str]:
    return [flag for param in command.params if param.param_type_name == "option"
            for flag in (*param.opts, *param.secondary_opts)]


@pytest.mark.parametrize("path,command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_a_section_and_a_row_in_the_table(path, command):
    section(path)
    assert re.search(rf"^\| `{re.escape(path)}[ `]", README, re.M), f"命令一览里没有 {path}"


@pytest.mark.parametrize("path,command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_option_is_documented_in_its_command_section(path, command):
    text = section(path)
    spans = " ".join(re.findall(r"`([^`\n]*)`", text))
    missing = [flag for flag in flags(command) if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", spans)]
    assert not missing, f"{path}：README 没有写到 {', '.join(missing)}"
