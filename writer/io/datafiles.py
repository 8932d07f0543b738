"""The word lists shipped with the miner (writer/data/mining/*.yaml), validated on load."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from writer.errors import InputError

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "mining"


class MiningDataError(InputError):
    """A word list shipped with the miner is broken."""


@lru_cache(maxsize=None)
def load_data(filename: str) -> dict:
    """One data file as a mapping (parsed once per process)."""
    import yaml

    path = DATA_DIR / filename
    try:
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise MiningDataError("缺少数据文件", path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise MiningDataError(f"YAML 格式错误（{exc.problem}）", path,
                              mark.line + 1 if mark else None,
                              mark.column + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise MiningDataError("应为键值表", path)
    return data


@lru_cache(maxsize=None)
def load_word_list(filename: str, key: str) -> tuple[str, ...]:
    """``key`` of a data file: a list of words, whitespace-separated strings allowed for brevity."""
    data = load_data(filename)
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MiningDataError("应为文字列表", DATA_DIR / filename, key=key)
    words: list[str] = []
    for item in value:
        words.extend(item.split())
    return tuple(words)
