"""Reading the checker's YAML data files with errors that name file, line and key."""

from __future__ import annotations

from pathlib import Path

from writer.errors import InputError
from writer.io.yamlfile import load_yaml


class CheckDataError(InputError):
    """A rule, word list or configuration file of the checker is malformed."""


def load_yaml_file(path: Path) -> object:
    """Parse one YAML file; a syntax error names the file, line and column."""
    return load_yaml(path, CheckDataError, CheckDataError)


def expect(value: object, types: type | tuple, path: Path, key: str, what: str) -> object:
    """Return ``value`` when it has one of ``types``, else raise naming the key."""
    if isinstance(types, type):
        types = (types,)
    # YAML booleans are ints in Python; never accept them as numbers.
    if isinstance(value, bool) and bool not in types:
        raise CheckDataError(f"应为{what}", path, key=key)
    if not isinstance(value, types):
        raise CheckDataError(f"应为{what}", path, key=key)
    return value


def string_list(value: object, path: Path, key: str) -> list[str]:
    """A list of non-empty strings (a single string is not accepted)."""
    expect(value, list, path, key, "字符串列表")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise CheckDataError("应为非空字符串", path, key=f"{key}[{i}]")
        out.append(item.strip())
    return out


def check_keys(mapping: dict, allowed: set[str], path: Path, where: str) -> None:
    """Reject keys a file format does not know (a typo must not be ignored silently)."""
    for key in mapping:
        if key not in allowed:
            known = "、".join(sorted(allowed))
            prefix = f"{where}." if where else ""
            raise CheckDataError(f"未知的键（可用：{known}）", path, key=f"{prefix}{key}")
