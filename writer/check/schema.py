"""The checker's data files (rules, word lists, .writer.yaml): their error, loader and field checks.

Each file is parsed by writer.io.yamlfile and decoded into the dataclass that
is its schema (unknown keys rejected, types from the annotations). What an
annotation cannot say (a string that must not be blank, a count that must be
positive) is checked after decoding by the helpers here, with the same
``file:line:col: “key”：message`` as the decoder's own errors.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import lru_cache
from pathlib import Path
from typing import Any

from writer.io.yamlfile import DataFileError, decode, decode_value, load_yaml, schema_error


class CheckDataError(DataFileError):
    """A rule, word list or configuration file of the checker is malformed."""


# Schema records declared with ``record``, not yet made dataclasses (in the order defined).
_PENDING: list[tuple[type, dict]] = []


def record(**options):
    """``@dataclass(**options)`` for a schema record or another record of the checker, applied
    only when it is first needed: when a file is first decoded (``records_ready``) or when the
    class is first instantiated (then only it and its pending bases, ``record_ready``). A run
    served by the caches decodes nothing, and making a dataclass (compiling its __init__,
    __repr__ and __eq__ from source) is most of what importing the check kinds costs. Until
    then the class has no dataclass fields: read them through ``record_fields``. A record naming
    another record is defined after it, as a subclass after its base."""
    def wrap(cls: type) -> type:
        _PENDING.append((cls, options))
        cls.__init__ = _first_instance
        return cls
    return wrap


def _first_instance(self, *args, **kwargs) -> None:
    # The __init__ of a pending record: make its class a dataclass, then initialise as it does.
    record_ready(type(self))
    type(self).__init__(self, *args, **kwargs)


def _make(cls: type, options: dict) -> None:
    if cls.__dict__.get("__init__") is _first_instance:
        del cls.__init__        # dataclass() does not replace an __init__ the class defines
    dataclasses.dataclass(cls, **options)


def record_ready(cls: type) -> None:
    """Make ``cls`` and its pending bases dataclasses (bases first); other records stay pending."""
    for entry in [entry for entry in _PENDING if entry[0] in cls.__mro__]:
        _PENDING.remove(entry)
        _make(*entry)


def records_ready() -> None:
    """Make every pending schema record a dataclass, bases and named records first."""
    while _PENDING:
        _make(*_PENDING.pop(0))


def record_fields(cls: type) -> tuple[dataclasses.Field, ...]:
    """``dataclasses.fields`` of a schema record (made a dataclass now if still pending)."""
    records_ready()
    return dataclasses.fields(cls)


def load_file(path: Path) -> object:
    """Parse one YAML file; a syntax error names the file, line and column."""
    return load_yaml(path, CheckDataError, CheckDataError)


def decode_as(data: object, cls: type, path: Path, keys: list = ()):
    """``data`` as an instance of the schema dataclass ``cls`` (errors are CheckDataError)."""
    records_ready()
    return decode(data, cls, path, list(keys), CheckDataError)


def decode_field(value: object, cls: type, name: str, path: Path, keys: list):
    """``value`` checked against the annotation of field ``name`` of dataclass ``cls``."""
    records_ready()
    return decode_value(value, field_types(cls)[name], path, list(keys), CheckDataError)


@lru_cache(maxsize=None)
def field_types(cls: type) -> dict[str, Any]:
    """The evaluated annotations of a schema dataclass."""
    records_ready()
    return typing.get_type_hints(cls)


def data_error(path: Path, keys: list, message: str, error: type = CheckDataError) -> CheckDataError:
    """An ``error`` at the node ``keys`` of ``path`` (its line and column are looked up)."""
    return schema_error(path, list(keys), message, error)


def filled(value: str, path: Path, keys: list, message: str = "应为非空字符串") -> str:
    """``value`` stripped; an error when nothing is left."""
    if not value.strip():
        raise data_error(path, keys, message)
    return value.strip()


def filled_list(values: list[str], path: Path, keys: list) -> list[str]:
    """Each string of ``values`` stripped; an error names the first blank one."""
    return [filled(v, path, [*keys, i]) for i, v in enumerate(values)]


def positive(value: int, path: Path, keys: list) -> int:
    """``value`` when it is at least 1."""
    if value < 1:
        raise data_error(path, keys, "应为正整数")
    return value
