"""Where the packaged data lives: inside the wheel, or at the checkout's top."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir(name: str) -> Path:
    """The shipped folder ``name`` (phrasebank, templates) of an install or checkout."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def default_corpus() -> Path:
    """The default corpus the shipped bank is mined from."""
    return data_dir("phrasebank") / "corpus" / "summaries-2021.txt"


def default_bank() -> Path:
    """The bank used when neither --bank nor WRITER_BANK is given."""
    return data_dir("phrasebank")


def default_reference() -> Path:
    """The shipped reference bank (phrasebank/reference/)."""
    return data_dir("phrasebank") / "reference"


def resolve_bank(bank: str | Path | None) -> Path:
    """--bank, else $WRITER_BANK, else the shipped bank."""
    if bank:
        return Path(bank)
    env = os.environ.get("WRITER_BANK")
    if env:
        return Path(env)
    return default_bank()


def templates_dir() -> Path:
    """The shipped Jinja2 templates."""
    return data_dir("templates")
