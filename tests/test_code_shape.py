"""The package stays readable: short functions, modules of one concern, no word lists in code.

A function over ``MAX_FUNCTION`` lines or a module over ``MAX_MODULE`` lines
fails unless its docstring says why it is long (a line starting
``Long because:``, e.g. a table of data or a state machine).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "writer"
MAX_FUNCTION = 60
MAX_MODULE = 500
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _excused(node) -> bool:
    doc = ast.get_docstring(node) or ""
    return any(line.strip().startswith("Long because:") for line in doc.splitlines())


def _functions(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_functions_are_short(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in _functions(tree)
            if node.end_lineno - node.lineno + 1 > MAX_FUNCTION and not _excused(node)]
    assert not long, f"{path.name}: functions over {MAX_FUNCTION} lines: {', '.join(long)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_short(path):
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    assert lines <= MAX_MODULE or _excused(ast.parse(text)), f"{path.name}: {lines} lines"


def test_no_module_imports_the_cli():
    offenders = [str(p.relative_to(PACKAGE)) for p in SOURCES
                 if p.name not in ("cli.py", "__main__.py") and "writer.cli" in p.read_text(encoding="utf-8")]
    assert not offenders


def test_render_contract_names_every_check_module_but_budget():
    import pkgutil
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    import writer.check

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"]
                    if c["type"] == "forbidden" and c["source_modules"] == ["writer.render"])
    modules = {f"writer.check.{m.name}" for m in pkgutil.iter_modules(writer.check.__path__)}
    assert set(contract["forbidden_modules"]) == modules - {"writer.check.budget"}
