"""Records as plain classes with slots that compare and print as dataclasses do.

The commands a writer runs dozens of times an hour (suggest, render, check) build such records on
every run and import the modules that define them; making a dataclass compiles its methods at
import, which costs a cold start more than some of the work. A subclass names its fields in
``_fields`` (in constructor order) and writes its own ``__init__``.
"""

from __future__ import annotations


class ValueRecord:
    """Equal when of one class with equal fields; unhashable, as a mutable dataclass."""

    __slots__ = ()
    __hash__ = None
    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._fields)})"


class FrozenValueRecord(ValueRecord):
    """A ``ValueRecord`` that refuses assignment and hashes by its fields, as a frozen dataclass;
    its ``__init__`` sets fields with ``object.__setattr__``."""

    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r}")
