"""The one reader of YAML files: parse, then decode into typed records with errors at file:line:col.

Every data file writer reads (shipped word lists and rules, the user's facts,
``custom.yaml``, ``.writer.yaml``, the bank) goes through ``load_yaml`` /
``parse_yaml`` and, where its shape is fixed, ``decode`` into a dataclass:
duplicate keys and unknown keys are rejected (an unknown key gets a "是不是…"
hint), types are checked from the dataclass's annotations, and the error names
the file, the line and column of the offending node, and the key path.

Two modes: ``decode`` raises at the first problem (shipped data, the bank);
``decode_text`` collects every problem of a file and raises them together as
one ``ErrorGroup`` in file order (files a person writes by hand, such as the
facts of ``writer render``). A field may carry validators through
``typing.Annotated[T, validator, …]``: each gets the decoded value and returns
the value to keep (``None`` meaning "not given") or raises ``SchemaProblem``.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import types
import typing
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from writer.errors import ErrorGroup, InputError, WriterError
from writer.slotted import FrozenValueRecord


class DataFileError(InputError):
    """A YAML data file is missing, unreadable, not YAML, or not of its schema."""


class SchemaProblem(ValueError):
    """Raised by a field validator: the value cannot be used (``kind`` picks the error class)."""

    def __init__(self, message: str, kind: str = "value"):
        super().__init__(message)
        self.message = message
        self.kind = kind


# TypeHint and Length are frozen slotted records (writer.slotted), not dataclasses: every command
# that reads a data file imports this module, and a dataclass compiles its methods at import.


class TypeHint(FrozenValueRecord):
    """``Annotated`` marker: a hint appended to this field's wrong-type message (如“2024年”)."""

    __slots__ = _fields = ("text",)

    def __init__(self, text: str):
        object.__setattr__(self, "text", text)


class Length(FrozenValueRecord):
    """``Annotated`` marker: a list must hold ``low``..``high`` items (checked even when an item is bad).

    ``message`` may name ``{low}``, ``{high}`` and ``{n}`` (the number found).
    """

    __slots__ = _fields = ("low", "high", "message", "kind")

    def __init__(self, low: int = 0, high: int | None = None, message: str = "应有 {low} 到 {high} 条，现有 {n} 条",
                 kind: str = "value"):
        for name, value in zip(self._fields, (low, high, message, kind)):
            object.__setattr__(self, name, value)


# An ``error`` argument is one exception class, or a mapping from the kind of problem to the
# class to raise for it: syntax, duplicate, unknown, missing, type, value (the fallback), or a
# validator's own kind.
ErrorClasses = type | Mapping[str, type]
_INVALID = object()   # the value of a node that failed to decode (collecting mode)


def _error_class(error: ErrorClasses, kind: str) -> type:
    if isinstance(error, Mapping):
        return error.get(kind) or error.get("value") or DataFileError
    return error


@lru_cache(maxsize=None)
def _loader() -> type:
    """The fastest safe loader, extended to note every duplicated mapping key."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class DuplicateNotingLoader(base):
        def __init__(self, stream):
            super().__init__(stream)
            self.duplicates: list = []

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: set = set()
                for key_node, _ in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                        if (key_node.tag, key_node.value) in seen:
                            self.duplicates.append(key_node)
                        seen.add((key_node.tag, key_node.value))
            return super().construct_mapping(node, deep)

    return DuplicateNotingLoader


def _parse(text: str, path: Path | str, error: ErrorClasses) -> tuple[Any, list]:
    """(data, duplicated key nodes); a syntax error raises with the line and column."""
    import yaml

    syntax = _error_class(error, "syntax")
    loader = _loader()(text)
    try:
        return loader.get_single_data(), loader.duplicates
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise syntax(f"YAML 格式错误（{exc.problem or exc.context or '格式错误'}）", path,
                     mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise syntax(f"YAML 格式错误（{exc}）", path) from None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path | str, syntax_error: ErrorClasses = DataFileError):
    """Parse YAML text; a syntax error or a duplicated key names ``path`` with the line and column."""
    data, duplicates = _parse(text, path, syntax_error)
    if duplicates:
        decoder = Decoder(path, syntax_error, text=text)
        decoder.duplicate(duplicates[0])
    return data


def load_yaml(path: Path | str, read_error: type = DataFileError, syntax_error: ErrorClasses | None = None,
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


def decode_text(text: str, cls: type, path: Path | str, error: ErrorClasses = DataFileError,
                first_index: int = 0):
    """Parse and decode a whole file, collecting every problem; ``ErrorGroup`` (file order) if any.

    ``first_index`` is how list positions are counted in messages (1 for files
    people write by hand: the first section is ``sections[1]``).
    """
    try:
        data, duplicates = _parse(text, path, error)
    except WriterError as exc:
        raise ErrorGroup([exc]) from None
    decoder = Decoder(path, error, text=text, collect=True, first_index=first_index)
    for node in duplicates:
        decoder.duplicate(node)
    value = decoder.decode(data, cls, [])
    decoder.raise_collected()
    return value


# ---------------------------------------------------------------- positions

def _compose(text: str):
    import yaml

    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except Exception:  # noqa: BLE001 — a file that will not compose has no positions to give
        return None


def _child(node, key, at_key: bool = False):
    import yaml

    if isinstance(node, yaml.MappingNode):
        pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
        return None if pair is None else (pair[0] if at_key or pair[1] is None else pair[1])
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _node_at(root, keys: list, at_key: bool = False):
    """The node at ``keys`` (or the deepest one found on the way)."""
    found = root
    for i, key in enumerate(keys):
        found_next = _child(found, key, at_key and i == len(keys) - 1)
        if found_next is None:
            break
        found = found_next
    return found


def _key_path_to(root, target) -> list:
    """The keys leading to the mapping key node ``target`` (found by its position)."""
    import yaml

    stack = [(root, [])]
    where = (target.start_mark.line, target.start_mark.column)
    while stack:
        node, keys = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if (k.start_mark.line, k.start_mark.column) == where:
                    return [*keys, k.value]
                stack.append((v, [*keys, k.value]))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, [*keys, i]) for i, v in enumerate(node.value))
    return [target.value]


def locate(path: Path | str, keys: list) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the node at ``keys`` (mapping keys and list indexes).

    Only called when reporting an error, so composing the node tree (slower than
    loading) costs nothing on the normal path. When the last key is missing, the
    position of the deepest node found is given.
    """
    return Decoder(path).position(keys)


def key_path(keys: list, first_index: int = 0) -> str:
    """``["rules", 2, "name"]`` → ``rules[2].name``: how a key is named in a message."""
    out = ""
    for key in keys:
        out += f"[{key + first_index}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def schema_error(path: Path | str, keys: list, message: str, error: type = DataFileError) -> InputError:
    """An error at the node ``keys`` of ``path``: file:line:col: “key”：message."""
    line, col = locate(path, keys)
    return error(message, path, line, col, key=key_path(keys) or None)


# ---------------------------------------------------------------- typed decoding

_TYPE_NAMES = {str: "文字", int: "整数", float: "数字", bool: "true 或 false", list: "列表（每行以“- ”开头）",
               dict: "键值表（键: 值）"}
_VALUE_NAMES = ((bool, "是/否值"), (int, "数字"), (float, "数字"), (str, "文字"), (list, "列表"),
                (dict, "键值表"), (datetime.date, "日期"), (type(None), "空值"))


def _what(value: Any) -> str:
    return next((name for kind, name in _VALUE_NAMES if isinstance(value, kind)), type(value).__name__)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _yaml_fields(cls: type) -> dict[str, dataclasses.Field]:
    """YAML key → field; a field with ``metadata={"yaml": False}`` is set by code, never read."""
    return {f.metadata.get("key", f.name): f for f in dataclasses.fields(cls) if f.metadata.get("yaml", True)}


def _admits_none(annotation: Any) -> bool:
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation is Any or annotation is type(None) or (
        typing.get_origin(annotation) in (typing.Union, types.UnionType)
        and type(None) in typing.get_args(annotation))


class Decoder:
    """Decodes parsed YAML against dataclasses, raising or collecting errors located in the file."""

    def __init__(self, path: Path | str, error: ErrorClasses = DataFileError, *, text: str | None = None,
                 collect: bool = False, first_index: int = 0):
        self.path, self.error, self.text = path, error, text
        self.collect, self.first_index = collect, first_index
        self.errors: list[WriterError] = []
        self._root: Any = False    # the composed node tree, composed at the first error
        self._type_hint: str | None = None   # a TypeHint of the field being decoded

    # -- errors
    def position(self, keys: list, at_key: bool = False) -> tuple[int | None, int | None]:
        node = _node_at(self._tree(), keys, at_key)
        return (None, None) if node is None else (node.start_mark.line + 1, node.start_mark.column + 1)

    def _tree(self):
        if self._root is False:
            try:
                text = self.text if self.text is not None else Path(self.path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._root = _compose(text)
        return self._root

    def fail(self, kind: str, keys: list, message: str, at_key: bool = False) -> Any:
        """Report a problem at ``keys``: raise it, or in collecting mode note it and go on."""
        line, col = self.position(keys, at_key)
        err = _error_class(self.error, kind)(message, self.path, line, col,
                                              key=key_path(keys, self.first_index) or None)
        if not self.collect:
            raise err
        self.errors.append(err)
        return _INVALID

    def duplicate(self, key_node) -> None:
        keys = _key_path_to(self._tree(), key_node)
        err = _error_class(self.error, "duplicate")(
            "重复的键", self.path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
            key=key_path(keys, self.first_index))
        if not self.collect:
            raise err
        self.errors.append(err)

    def raise_collected(self) -> None:
        if self.errors:
            self.errors.sort(key=lambda e: (e.line or 0, e.col or 0))
            raise ErrorGroup(self.errors)

    # -- records
    def decode(self, data: Any, cls: type, keys: list):
        """``data`` as an instance of dataclass ``cls`` (``_INVALID`` after a collected error)."""
        fields = _yaml_fields(cls)
        if data is None and not keys:
            return self.fail("missing", keys, "文件里没有内容")
        if not isinstance(data, dict):
            required = [k for k, f in fields.items() if _required(f)][:3]
            shape = "、".join(f"{k}:" for k in required)
            return self.fail("type", keys, f"应为键值表（{shape} …），不是{_what(data)}" if shape
                             else f"应为键值表，不是{_what(data)}")
        ok = True
        for key in data:
            if key not in fields:
                self.fail("unknown", [*keys, key], _unknown_key(key, fields), at_key=True)
                ok = False
        hints = _hints(cls)
        values = {}
        for key, f in fields.items():
            if key not in data:
                if _required(f):
                    self.fail("missing", [*keys, key], "缺少必填的键")
                    ok = False
                continue
            if data[key] is None and not _required(f):
                continue   # an empty value is the same as leaving the key out
            value = self.value(data[key], hints[f.name], [*keys, key])
            ok = ok and value is not _INVALID
            values[f.name] = value
        return cls(**values) if ok else _INVALID

    def value(self, value: Any, annotation: Any, keys: list):
        """One value checked against a type annotation."""
        if value is None and not _admits_none(annotation):
            return self.fail("missing", keys, "不能为空")
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            return self._annotated(value, annotation, keys)
        if origin in (typing.Union, types.UnionType):
            options = [o for o in typing.get_args(annotation) if o is not type(None)]
            if value is None:
                return None
            # Pick the option by the value's shape first: locating an error re-reads the file,
            # so failing through every option of a union would be slow.
            return self.value(value, next((o for o in options if _shape_fits(value, o)), options[0]), keys)
        if dataclasses.is_dataclass(annotation):
            return self.decode(value, annotation, keys)
        if origin is list or annotation is list:
            return self._list(value, annotation, keys)
        if origin is dict or annotation is dict:
            return self._dict(value, annotation, keys)
        if origin is typing.Literal:
            allowed = typing.get_args(annotation)
            if value not in allowed:
                return self.fail("value", keys, f"应为 {'、'.join(map(str, allowed))} 之一")
            return value
        if annotation is Any:
            return value
        if annotation is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return self._expect(value, annotation, keys)

    def _annotated(self, value: Any, annotation: Any, keys: list):
        base, *extras = typing.get_args(annotation)
        hint = next((e.text for e in extras if isinstance(e, TypeHint)), None)
        self._type_hint, outer = hint, self._type_hint
        try:
            out = self.value(value, base, keys)
        finally:
            self._type_hint = outer
        for length in (e for e in extras if isinstance(e, Length)):
            n = len(value) if isinstance(value, list) else None
            if n is not None and not (length.low <= n and (length.high is None or n <= length.high)):
                self.fail(length.kind, keys, length.message.format(low=length.low, high=length.high, n=n))
                out = _INVALID
        if out is _INVALID:
            return out
        for check in extras:
            if isinstance(check, (TypeHint, Length)):
                continue
            try:
                out = check(out)
            except SchemaProblem as problem:
                return self.fail(problem.kind, keys, problem.message)
            if out is None:
                return None if _admits_none(base) else self.fail("missing", keys, "不能为空")
        return out

    def _list(self, value: Any, annotation: Any, keys: list):
        if self._expect(value, list, keys) is _INVALID:
            return _INVALID
        (item,) = typing.get_args(annotation) or (Any,)
        out = [self.value(v, item, [*keys, i]) for i, v in enumerate(value)]
        return _INVALID if any(v is _INVALID for v in out) else out

    def _dict(self, value: Any, annotation: Any, keys: list):
        if self._expect(value, dict, keys) is _INVALID:
            return _INVALID
        key_type, item = typing.get_args(annotation) or (Any, Any)
        out = {self.value(k, key_type, [*keys, k]): self.value(v, item, [*keys, k]) for k, v in value.items()}
        return _INVALID if any(k is _INVALID or v is _INVALID for k, v in out.items()) else out

    def _expect(self, value: Any, kind: type, keys: list):
        # YAML booleans are ints in Python; never accept them as numbers.
        if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
            return value
        hint = "；若确是文字，请加引号" if kind is str and isinstance(value, (int, float, datetime.date)) else ""
        if self._type_hint:
            hint = f"；{self._type_hint}"
        return self.fail("type", keys, f"应为{_TYPE_NAMES.get(kind, kind.__name__)}，不是{_what(value)}{hint}")


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _unknown_key(key: Any, fields: dict) -> str:
    """The message for an unknown key: the nearest known key, or the list of them."""
    close = difflib.get_close_matches(str(key), list(fields), n=1, cutoff=0.5)
    return f"未知的键；是不是“{close[0]}”？" if close else f"未知的键；可用的键：{'、'.join(fields)}"


def decode(data: Any, cls: type, path: Path | str, keys: list | None = None,
           error: ErrorClasses = DataFileError):
    """``data`` (parsed YAML) as an instance of dataclass ``cls``, checked against its annotations.

    Unknown keys are rejected and missing required fields reported; nested
    dataclasses, ``list[X]``, ``dict[str, X]``, ``X | None``, ``Literal``,
    ``Annotated`` validators and the scalar types are decoded recursively. A
    field's ``metadata={"key": "yaml-key"}`` names a YAML key that is not a
    Python identifier. Raises at the first problem.
    """
    return Decoder(path, error).decode(data, cls, list(keys or []))


def decode_value(value: Any, annotation: Any, path: Path | str, keys: list, error: ErrorClasses = DataFileError):
    """One value checked against a type annotation (see ``decode``)."""
    return Decoder(path, error).value(value, annotation, list(keys))


def _shape_fits(value: Any, annotation: Any) -> bool:
    """Whether ``value`` has the outer shape of ``annotation`` (without checking inside)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _shape_fits(value, typing.get_args(annotation)[0])
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
