"""The one reader of YAML files: parse, then decode into typed records with errors at file:line:col.

Every data file writer reads (shipped word lists and rules, the user's facts,
``custom.yaml``, ``.writer.yaml``, the bank) goes through ``load_yaml`` and,
where its shape is fixed, ``decode`` into a dataclass: unknown keys are
rejected, types are checked from the dataclass's annotations, and the error
names the file, the line and column of the offending node, and the key path.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from writer.errors import InputError


class DataFileError(InputError):
    """A YAML data file is missing, unreadable, not YAML, or not of its schema."""


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, path: Path | str, syntax_error: type = DataFileError):
    """Parse YAML text; a syntax error names ``path`` with the line and column."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise syntax_error(f"YAML 格式错误（{exc.problem or '格式错误'}）", path,
                           mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise syntax_error(f"YAML 格式错误（{exc}）", path) from None


def load_yaml(path: Path | str, read_error: type = DataFileError, syntax_error: type | None = None,
              what: str = "文件"):
    """Parse one YAML file; errors name the file (and line and column for a syntax error).

    ``read_error`` is raised for a missing or unreadable file, ``syntax_error``
    (default: ``read_error``) for broken YAML; both are the caller's domain
    errors, constructed as ``(message, path, line, col)``.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise read_error(f"{what}不存在", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise read_error(f"无法读取{what}（{type(exc).__name__}）", path) from None
    return parse_yaml(text, path, syntax_error or read_error)


def locate(path: Path | str, keys: list) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the node at ``keys`` (mapping keys and list indexes).

    Only called when reporting an error, so composing the node tree (slower than
    loading) costs nothing on the normal path. When the last key is missing, the
    position of the deepest node found is given.
    """
    import yaml

    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except Exception:  # noqa: BLE001 — a file that will not compose has no positions to give
        return None, None
    found = node
    for key in keys:
        found_next = _child(found, key)
        if found_next is None:
            break
        found = found_next
    if found is None:
        return None, None
    return found.start_mark.line + 1, found.start_mark.column + 1


def _child(node, key):
    import yaml

    if isinstance(node, yaml.MappingNode):
        value = next((v for k, v in node.value if k.value == key), None)
        return value if value is not None else next((k for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def key_path(keys: list) -> str:
    """``["rules", 2, "name"]`` → ``rules[2].name``: how a key is named in a message."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def schema_error(path: Path | str, keys: list, message: str, error: type = DataFileError) -> InputError:
    """An error at the node ``keys`` of ``path``: file:line:col: “key”：message."""
    line, col = locate(path, keys)
    return error(message, path, line, col, key=key_path(keys) or None)


# ---------------------------------------------------------------- typed decoding

_TYPE_NAMES = {str: "文字", int: "整数", float: "数字", bool: "true 或 false", list: "列表",
               dict: "键值表"}


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(data: Any, cls: type, path: Path | str, keys: list | None = None,
           error: type = DataFileError):
    """``data`` (parsed YAML) as an instance of dataclass ``cls``, checked against its annotations.

    Unknown keys are rejected and missing required fields reported; nested
    dataclasses, ``list[X]``, ``dict[str, X]``, ``X | None`` and the scalar
    types are decoded recursively. A field's ``metadata={"key": "yaml-key"}``
    names a YAML key that is not a Python identifier.
    """
    keys = list(keys or [])
    if not isinstance(data, dict):
        raise schema_error(path, keys, "应为键值表", error)
    fields = {f.metadata.get("key", f.name): f for f in dataclasses.fields(cls)}
    for key in data:
        if key not in fields:
            known = "、".join(sorted(fields))
            raise schema_error(path, [*keys, key], f"未知的键（可用：{known}）", error)
    hints = _hints(cls)
    values = {}
    for key, f in fields.items():
        if key in data:
            values[f.name] = decode_value(data[key], hints[f.name], path, [*keys, key], error)
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise schema_error(path, keys, f"缺少键“{key}”", error)
    return cls(**values)


def decode_value(value: Any, annotation: Any, path: Path | str, keys: list, error: type = DataFileError):
    """One value checked against a type annotation (see ``decode``)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [o for o in typing.get_args(annotation) if o is not type(None)]
        if value is None and len(options) < len(typing.get_args(annotation)):
            return None
        # Pick the option by the value's shape first: locating an error re-reads the file,
        # so failing through every option of a union would be slow.
        chosen = next((o for o in options if _shape_fits(value, o)), options[0])
        return decode_value(value, chosen, path, keys, error)
    if dataclasses.is_dataclass(annotation):
        return decode(value, annotation, path, keys, error)
    if origin is list or annotation is list:
        _expect(value, list, path, keys, error)
        (item,) = typing.get_args(annotation) or (Any,)
        return [decode_value(v, item, path, [*keys, i], error) for i, v in enumerate(value)]
    if origin is dict or annotation is dict:
        _expect(value, dict, path, keys, error)
        key_type, item = typing.get_args(annotation) or (Any, Any)
        return {decode_value(k, key_type, path, [*keys, k], error):
                decode_value(v, item, path, [*keys, k], error) for k, v in value.items()}
    if origin is typing.Literal:
        allowed = typing.get_args(annotation)
        if value not in allowed:
            raise schema_error(path, keys, f"应为 {'、'.join(map(str, allowed))} 之一", error)
        return value
    if annotation is Any:
        return value
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    _expect(value, annotation, path, keys, error)
    return value


def _shape_fits(value: Any, annotation: Any) -> bool:
    """Whether ``value`` has the outer shape of ``annotation`` (without checking inside)."""
    origin = typing.get_origin(annotation)
    if dataclasses.is_dataclass(annotation) or origin is dict or annotation is dict:
        return isinstance(value, dict)
    if origin is list or annotation is list:
        return isinstance(value, list)
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if annotation is Any:
        return True
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(annotation, type) and isinstance(value, annotation) and (
        annotation is bool or not isinstance(value, bool))


def _expect(value: Any, kind: type, path, keys: list, error: type) -> None:
    # YAML booleans are ints in Python; never accept them as numbers.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise schema_error(path, keys, f"应为{_TYPE_NAMES.get(kind, kind.__name__)}", error)
