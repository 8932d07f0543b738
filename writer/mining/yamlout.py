"""A fast YAML emitter for bank data (mappings, lists, strings, numbers, null), block style, Chinese unescaped.

PyYAML's representer walks every node in Python and dominates the time of
writing a bank mined from hundreds of documents. The bank's data has a few
plain shapes, so this module writes them directly. Strings stay plain when
YAML reads them back as the same string, else they are double-quoted with
JSON escapes (a subset of YAML's). ``yaml.safe_load(dump(x)) == x`` holds
for all bank data (tested).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator

# Plain scalars YAML 1.1 (PyYAML) could read as something other than this string.
_NOT_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`~ \t=<0123456789+.")
_RESOLVES = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                       r"|null|Null|NULL)$")
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|: |:$| #|\\s$")
# Characters YAML does not allow raw (PyYAML's NON_PRINTABLE) or reads as line breaks: escaped.
_ESCAPE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


# Short strings already written → their YAML text: keys, kinds and document ids recur thousands
# of times in a large bank (each slogan lists its documents). Bounded.
_WRITTEN: dict[str, str] = {}
MAX_WRITTEN = 50_000


def scalar(value) -> str:
    """One scalar as YAML text."""
    kind = type(value)
    if kind is str:
        known = _WRITTEN.get(value)
        if known is None:
            known = _string(value)
            if len(value) <= 40 and len(_WRITTEN) < MAX_WRITTEN:
                _WRITTEN[value] = known
        return known
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return _string(str(value))


def _string(text: str) -> str:
    if text and text[0] not in _NOT_PLAIN_START and not _UNSAFE.search(text) and not _RESOLVES.match(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _emit(value, indent: int, out: list[str]) -> None:
    """Append the block-style lines of a mapping or a list (the caller wrote its key or dash)."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _entry(f"{pad}{scalar(key)}:", item, indent, out)
    else:
        dash = pad + "- "
        for item in value:
            kind = type(item)
            if kind is str or kind is int:  # most items: document ids, counts
                out.append(dash + scalar(item))
            elif isinstance(item, dict) and item:
                first = True
                for key, sub in item.items():
                    prefix = f"{pad}- " if first else f"{pad}  "
                    _entry(f"{prefix}{scalar(key)}:", sub, indent + 2, out)
                    first = False
            elif isinstance(item, list) and item:
                # A list in a list: "- - a" then the rest under it.
                inner: list[str] = []
                _emit(item, indent + 2, inner)
                inner[0] = f"{pad}- " + inner[0][indent + 2:]
                out.extend(inner)
            else:
                out.append(dash + _inline(item))


def _inline(value) -> str:
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return scalar(value)


def _entry(head: str, value, indent: int, out: list[str]) -> None:
    if isinstance(value, dict) and value:
        out.append(head)
        _emit(value, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(head)
        # Lists under a key sit at the key's indentation, as PyYAML writes them.
        _emit(value, indent, out)
    else:
        out.append(f"{head} {_inline(value)}")


class LazyList:
    """A top-level list whose items are converted (``convert``) only as they are written."""

    def __init__(self, items: list, convert: Callable):
        self.items, self.convert = items, convert

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator:
        return map(self.convert, self.items)


def dump(data: dict) -> str:
    """A top-level mapping as YAML text."""
    return "".join(dump_pieces(data))


def dump_pieces(data: dict) -> Iterable[str]:
    """``dump(data)`` a piece at a time: a piece per item of a top-level list or mapping, so a large
    bank file is never one string in memory (nor are its records' dicts, with ``LazyList``)."""
    if not data:
        yield "{}\n"
        return
    for key, value in data.items():
        head = f"{scalar(key)}:"
        if isinstance(value, (dict, list, LazyList)) and len(value):
            yield head + "\n"
            # What _entry would write, split at the items (each item's lines stand alone).
            items = ([{k: v} for k, v in value.items()] if isinstance(value, dict) else ([v] for v in value))
            indent = 2 if isinstance(value, dict) else 0
            for item in items:
                out: list[str] = []
                _emit(item, indent, out)
                yield "\n".join(out) + "\n"
        else:
            out = []
            _entry(head, list(value) if isinstance(value, LazyList) else value, 0, out)
            yield "\n".join(out) + "\n"
