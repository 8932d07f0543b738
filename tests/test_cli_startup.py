"""Start-up of the command line: a command imports and builds only itself; help and errors still see every command.

Each run is a fresh interpreter (the test process has imported everything
already), launched as the console script is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from writer.cli import BANK_COMMANDS, COMMANDS, app
from writer.io.paths import default_bank

ROOT = Path(__file__).resolve().parents[1]
# Runs the console script's main with the given argv, then prints which writer.commands modules and heavy
# libraries were imported (stdout of the command itself goes to /dev/null).
PROBE = """
import json, os, sys
argv = json.loads(sys.argv[1])
sys.argv = ["writer", *argv]
real = sys.stdout
sys.stdout = open(os.devnull, "w")
from writer.__main__ import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = ("jieba", "yaml", "docx", "jinja2", "markovify", "rich", "pypdfium2", "trafilatura", "hashlib")
computing = ("writer.commands.", "writer.bank", "writer.compose", "writer.outline", "writer.suggest.headings")
loaded = sorted(m for m in sys.modules if m.startswith(computing) or m.split(".")[0] in heavy)
print(json.dumps([code, loaded]), file=real)
"""


def probe(argv: list[str], tmp_path: Path) -> tuple[int, list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "WRITER_BANK"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    return code, loaded


@pytest.mark.parametrize("argv,module", [
    (["suggest", "人才", "-n", "1"], "suggest"),
    (["outline", "--org", "某县人社局"], "outline"),      # stops at the missing --topic
    (["check", "--format", "xml", "草稿.txt"], "check"),   # stops at the bad --format
    (["trend", "--help"], "trend"),
    (["bank", "stats", "--bank", "没有这个素材库"], "bank"),
])
def test_a_command_imports_no_other_command(argv, module, tmp_path):
    code, loaded = probe(argv, tmp_path)
    assert code in (0, 2, 3)
    commands = [m for m in loaded if m.startswith("writer.commands.")]
    assert commands == sorted({"writer.commands._shared", f"writer.commands.{module}"})


@pytest.mark.parametrize("argv", [["suggest", "人才"], ["outline", "--org", "某县人社局", "--topic", "人社"]])
def test_a_repeated_request_loads_neither_the_bank_nor_a_heavy_library(argv, tmp_path):
    bank = tmp_path / "bank"                         # a fresh copy: the first run computes
    shutil.copytree(default_bank(), bank, ignore=shutil.ignore_patterns(".cache", "corpus", "reference"))
    argv = [*argv, "--bank", str(bank)]
    first_code, first = probe(argv, tmp_path)        # computed (and remembered) on the first run
    assert first_code == 0 and any(m.startswith("writer.bank") for m in first)
    code, loaded = probe(argv, tmp_path)
    assert code == 0
    assert [m for m in loaded if not m.startswith("writer.commands.")] == []


def test_the_help_lists_every_command_in_order(tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.output.split("命令：\n", 1)[1].splitlines() if line.strip()]
    assert listed == [spec.name for spec in COMMANDS] + ["bank"]
    bank = CliRunner().invoke(app, ["bank", "--help"])
    assert [spec.name for spec in BANK_COMMANDS] == [line.split()[0] for line in
                                                      bank.output.split("命令：\n", 1)[1].splitlines() if line.strip()]


def test_an_unknown_command_names_every_command_without_building_them(tmp_path):
    code, loaded = probe(["sugest", "人才"], tmp_path)
    assert code == 2
    assert [m for m in loaded if m.startswith("writer.commands.")] == ["writer.commands._shared"]
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["sugest"])
    assert "、".join(spec.name for spec in COMMANDS) + "、bank" in result.output


def test_every_command_is_built_from_its_own_signature():
    group = typer.main.get_command(app)
    for spec in COMMANDS:
        command = group.commands[spec.name]
        assert command.name == spec.name
        assert command.params, spec.name                      # typer read the function's parameters
        assert command.help and command.short_help
    assert list(group.commands) == [spec.name for spec in COMMANDS] + ["bank"]
    assert "suggest" in group.commands and "sugest" not in group.commands
    with pytest.raises(KeyError):
        group.commands["sugest"]
