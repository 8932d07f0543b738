"""The one loader of the data files shipped with writer (everything under writer/data/).

Files are named relative to writer/data (``"mining/slogans.yaml"``,
``"corpus/chrome.yaml"``) and parsed once per process. Every file's top-level
keys are checked: a key nobody reads is rejected (a typo would otherwise turn a
list into silence), and errors read ``file:line:col: “key”：message`` (through
writer.io.yamlfile). Two shapes:

- a file of word lists: ``load_word_lists(name, keys)`` gives every list at
  once; ``keys`` is the file's whole set of top-level keys. Each list item may
  hold several words separated by spaces (the files stay short that way).
  ``load_word_list(name, key, keys)`` is one of them.
- any other shape: ``load_data(name, Schema)`` decodes the file into the
  dataclass ``Schema`` (unknown keys rejected, types checked).

Importing this module is cheap: yaml is imported on the first load.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from writer.io.yamlfile import DataFileError, decode, load_yaml, schema_error

DATA_ROOT = Path(__file__).resolve().parents[1] / "data"


class ShippedDataError(DataFileError):
    """A data file shipped with writer (under writer/data/) is missing or broken."""


def data_path(name: str) -> Path:
    """The path of a shipped data file named relative to writer/data (``"mining/names.yaml"``)."""
    return DATA_ROOT / name


def _mapping(path: Path) -> dict:
    data = load_yaml(path, ShippedDataError, what="数据文件")
    if not isinstance(data, dict):
        raise schema_error(path, [], "应为键值表", ShippedDataError)
    return data


@lru_cache(maxsize=None)
def load_data(name: str, schema: type):
    """A shipped data file decoded into the dataclass ``schema`` (parsed once per process)."""
    path = data_path(name)
    return decode(_mapping(path), schema, path, [], ShippedDataError)


@lru_cache(maxsize=None)
def load_word_lists(name: str, keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """key → words for a file of word lists whose top-level keys are exactly ``keys``."""
    path = data_path(name)
    data = _mapping(path)
    for key in data:
        if key not in keys:
            raise schema_error(path, [key], f"未知的键（可用：{'、'.join(keys)}）", ShippedDataError)
    lists: dict[str, tuple[str, ...]] = {}
    for key in keys:
        if key not in data:
            raise schema_error(path, [], f"缺少键“{key}”", ShippedDataError)
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise schema_error(path, [key], "应为文字列表", ShippedDataError)
        lists[key] = tuple(word for item in value for word in item.split())
    return lists


def load_word_list(name: str, key: str, keys: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The words under ``key``; ``keys`` is the file's whole set of keys (default: ``key`` alone)."""
    return load_word_lists(name, keys or (key,))[key]
