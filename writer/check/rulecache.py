"""The checker's rule and word-list files compiled once, kept in the one cache (writer.io.cache).

A warm `writer check` neither imports yaml nor compiles a regular expression.
One cache file holds, keyed by the content hash of every file it was made
from (the shipped rules and word lists, the user's ``extra`` files), the
Python version and the version of the regex engine:

- the parsed content of each file, as plain data (a YAML date is kept as the
  ISO day the word-list reader makes of it anyway);
- the compiled form of each rule pattern: the code `re` compiles a pattern
  into, a list of integers, which ``_sre.compile`` turns back into the very
  pattern object ``re.compile`` returns (``==`` compares pattern, flags and
  code; a form that would not compare equal is never stored). Compiling the
  patterns' wide character classes (``[\\u4e00-\\u9fff…]``) is what costs: the
  compiler builds a 65,536-entry map for each one in Python.

The cache is written only after every file validated, so what it holds was
checked once with the errors a user would see (file:line:col); a changed file
changes the key and everything is read and checked again. ``_sre`` is CPython's
own engine module: when it is missing or refuses a stored form, the pattern is
compiled the ordinary way (slower, the same result).
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from pathlib import Path

from writer.io import cache

CACHE_NAME = "check-rules.marshal"
SNAPSHOT_NAME = "check-ruleset.marshal"
FORMAT = 1
# Regular expressions compiled this run or read from the cache: (pattern, flags) → Pattern.
_PATTERNS: dict[tuple[str, int], re.Pattern] = {}
# The stored form of every pattern of _PATTERNS that has one (what the cache is written with).
_FORMS: dict[tuple[str, int], tuple] = {}
# The patterns the rule files being loaded use, and whether one of them was compiled afresh.
_USED: dict[tuple[str, int], None] = {}
_FRESH: list[bool] = [False]


def _engine() -> tuple:
    try:
        import _sre
    except ImportError:   # pragma: no cover - not CPython
        return (sys.implementation.name, sys.hexversion, None)
    return (sys.implementation.name, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)


def compiled_form(pattern: str, flags: int) -> tuple | None:
    """What ``_sre.compile`` needs to rebuild ``re.compile(pattern, flags)``, as plain data;
    None when this Python's re module does not expose it."""
    try:
        from re import _compiler, _parser

        tree = _parser.parse(pattern, flags)
        code = _compiler._code(tree, flags)
        groupindex = dict(tree.state.groupdict)
        indexgroup = [None] * tree.state.groups
        for name, number in groupindex.items():
            indexgroup[number] = name
        return (pattern, int(flags | tree.state.flags), list(map(int, code)), tree.state.groups - 1, groupindex,
                tuple(indexgroup))
    except (ImportError, AttributeError, TypeError, re.error):
        return None


def from_form(form) -> re.Pattern | None:
    """The pattern a stored form describes; None when the engine refuses it."""
    try:
        import _sre

        pattern, flags, code, groups, groupindex, indexgroup = form
        return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    except (ImportError, TypeError, ValueError, RuntimeError, OverflowError):
        return None


def known_pattern(pattern: str, flags: int) -> re.Pattern | None:
    """The compiled ``pattern`` when a rule file loaded earlier (this run or, through the cache,
    a previous one) already compiled and validated it."""
    found = _PATTERNS.get((pattern, int(flags)))
    if found is not None:
        _USED[(pattern, int(flags))] = None
    return found


def remember_pattern(pattern: str, flags: int, compiled: re.Pattern) -> None:
    """Keep ``compiled`` (``re.compile(pattern, flags)``, validated) for this run and for the cache."""
    flags = int(flags)
    _PATTERNS[(pattern, flags)] = compiled
    _USED[(pattern, flags)] = None
    _FRESH[0] = True
    form = compiled_form(pattern, flags)
    if form is not None and from_form(form) == compiled:
        _FORMS[(pattern, flags)] = form


def _plain(value):
    """``value`` as marshal can store it: YAML dates become their ISO day."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


class Unstorable(Exception):
    """A validated value the snapshot cannot store as plain data (the rules are then not snapshot)."""


def plain_value(value):
    """A validated rule value as plain data: YAML scalars, lists and dicts as they are, a compiled
    rule pattern as ("re", pattern, flags) (the key it was compiled under), a record of the
    checker's own dataclasses as ("dc", module, class, fields). Unstorable for anything else."""
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, list):
        return [plain_value(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, re.Pattern):
        key = next((k for k, v in _PATTERNS.items() if v is value), None)
        if key is None:
            raise Unstorable(value)
        return ("re", key[0], key[1])
    import dataclasses   # here, not at the top: render imports this module for own_pattern only

    cls = type(value)
    if dataclasses.is_dataclass(cls) and cls.__module__.startswith("writer.check."):
        return ("dc", cls.__module__, cls.__qualname__,
                {f.name: plain_value(getattr(value, f.name)) for f in dataclasses.fields(cls)})
    raise Unstorable(value)


def from_plain_value(plain):
    """The value ``plain_value`` stored; Unstorable when it names a pattern not known this run
    or a class that is not one of the checker's dataclasses (a snapshot then is not used)."""
    kind = plain.__class__
    if kind is list:        # mostly strings (phrases, examples): taken as they are
        return [v if v.__class__ is str else from_plain_value(v) for v in plain]
    if kind is dict:
        return {k: v if v.__class__ is str else from_plain_value(v) for k, v in plain.items()}
    if kind is not tuple:
        return plain
    if len(plain) == 3 and plain[0] == "re":
        compiled = known_pattern(plain[1], plain[2])
        if compiled is None:
            raise Unstorable(plain)
        return compiled
    if len(plain) == 4 and plain[0] == "dc" and isinstance(plain[3], dict):
        return _record_class(plain[1], plain[2])(**{k: v if v.__class__ is str else from_plain_value(v)
                                                   for k, v in plain[3].items()})
    raise Unstorable(plain)


_CLASSES: dict[tuple, type] = {}


def _record_class(module, name) -> type:
    """The dataclass ``name`` of the checker's module ``module`` (already imported), a pending
    ``record`` made one now; Unstorable else."""
    found = _CLASSES.get((module, name))
    if found is None:
        import dataclasses

        cls = getattr(sys.modules.get(module), name, None) if isinstance(module, str) and \
            module.startswith("writer.check.") and isinstance(name, str) else None
        if isinstance(cls, type):
            from writer.check.schema import record_ready

            record_ready(cls)      # a record of writer.check.schema.record not yet made a dataclass
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            raise Unstorable((module, name))
        found = _CLASSES[(module, name)] = cls
    return found


def code_stamp(modules) -> tuple:
    """What identifies the code that decodes and validates the rules (the modules' source files,
    by path, size and time): a snapshot of validated rules holds its defaults."""
    stamps = []
    for name in sorted(set(modules)):
        path = sys.modules[name].__file__
        try:
            st = os.stat(path)
        except OSError:
            stamps.append((path, None, None))
            continue
        stamps.append((path, st.st_size, st.st_mtime_ns))
    return tuple(stamps)


STAMPS_NAME = "check-file-stamps.marshal"


def file_stamps(paths: list[Path], root: Path) -> list[tuple]:
    """``cache.file_stamp`` of each of ``paths``, the very same values, without reading a file
    the file system reports unchanged (device, inode, size, modification and change times)
    since an earlier run remembered its stamp in ``root``'s cache.

    ``cache.content_stamp`` does this for large files only, in a memo every tree shares; the
    rule files are small but some twenty, read and hashed at every check (about 4M of a short
    draft's instructions), so their stamps are kept in a memo of their own, of just these
    files. As there, a file changed under ``cache.SETTLED_NS`` ago is hashed every time.
    """
    import time

    path = cache.cache_file(root, STAMPS_NAME)
    stored = cache.load(path, ("stamps", 1)) if path is not None else None
    memo = stored if isinstance(stored, dict) else {}
    kept, stamps, settled = {}, [], time.time_ns() - cache.SETTLED_NS
    for file in paths:
        name = str(file)
        try:
            st = os.stat(file)
        except OSError:
            stamps.append(cache.file_stamp(file))
            continue
        fields = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        known = memo.get(name)
        if isinstance(known, tuple) and len(known) == 2 and known[0] == fields:
            kept[name] = known
            stamps.append(tuple(known[1]))
            continue
        stamp = cache.file_stamp(file)
        stamps.append(stamp)
        try:
            again = os.stat(file)
        except OSError:
            continue
        if (again.st_dev, again.st_ino, again.st_size, again.st_mtime_ns, again.st_ctime_ns) == fields \
                and stamp[1] == st.st_size and max(st.st_mtime_ns, st.st_ctime_ns) < settled:
            kept[name] = (fields, stamp)
    if kept != memo:
        cache.store(path, ("stamps", 1), kept)
    return stamps


class RuleSources:
    """The parsed content of the checker's data files, from the cache when it is current.

    ``snapshot(code)`` gives the rules and word lists validated by an earlier run from the
    very same files and code (or None); ``data(path)`` a file's content (parsed now when
    the cache lacks it); ``save(snapshot)``, called once every file validated, stores
    contents, patterns and the snapshot of what they validated into.
    """

    def __init__(self, paths: list[Path]):
        from writer.io.datafiles import DATA_ROOT

        self._key = (FORMAT, _engine(), tuple(zip(map(str, paths), file_stamps(paths, DATA_ROOT))))
        self._path = cache.cache_file(DATA_ROOT, CACHE_NAME)
        self._snapshot_path = cache.cache_file(DATA_ROOT, SNAPSHOT_NAME)
        self._code: tuple = ()
        self._files: dict[str, object] | None = None
        self._stored = False
        _USED.clear()
        _FRESH[0] = False

    def snapshot(self, code: tuple):
        """The snapshot stored for these files and ``code`` (its patterns restored), or None."""
        self._code = code
        stored = cache.load(self._snapshot_path, (self._key, code))
        if isinstance(stored, tuple) and len(stored) == 2 and self._restore(stored[0]):
            return stored[1]
        return None

    def _load_files(self) -> dict:
        if self._files is None:
            self._files = {}
            stored = cache.load(self._path, self._key)
            if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], dict):
                self._files, forms = stored
                self._stored = self._restore(forms)
        return self._files

    @staticmethod
    def _restore(forms) -> bool:
        try:
            items = list(forms)
        except TypeError:
            return False
        for item in items:
            try:
                pattern, flags, form = item
                compiled = from_form(form)
            except (TypeError, ValueError):
                compiled = None
            if compiled is None:
                return False      # an engine that refuses the form: compile as usual, store afresh
            _PATTERNS.setdefault((pattern, flags), compiled)
            _FORMS.setdefault((pattern, flags), tuple(form))
        return True

    @property
    def key(self) -> tuple:
        """The cache key: the format, the regex engine and every file's content stamp."""
        return self._key

    def data(self, path: Path) -> object:
        files = self._load_files()
        name = str(path)
        if name not in files:
            from writer.check.schema import load_file

            files[name] = load_file(path)
            self._stored = False
        return files[name]

    def save(self, snapshot=None) -> None:
        """Store the files' contents and patterns (when something was read afresh) and
        ``snapshot`` (plain data of what they validated into; None: none kept)."""
        forms = [[pattern, flags, list(_FORMS[(pattern, flags)])] for pattern, flags in _USED
                 if (pattern, flags) in _FORMS]
        if not (self._stored and not _FRESH[0]):
            files = {name: _plain(data) for name, data in self._load_files().items()}
            cache.store(self._path, self._key, (files, forms))
            self._stored = True
        if snapshot is not None and len(forms) == len(_USED):
            cache.store(self._snapshot_path, (self._key, self._code), (forms, snapshot))


# The checker's own patterns (module constants, patterns a check builds from its parameters),
# kept in a cache of their own: they are compiled while modules import, before the rule files'
# stamps are known. Same stored form and the same test of it as the rules' patterns.
PATTERNS_NAME = "check-patterns.marshal"
_OWN: list = []          # [{(pattern, flags): form}, path] once read


def _own_forms() -> list:
    if not _OWN:
        # writer.io.datafiles.DATA_ROOT, not imported: it imports the YAML decoder, which a render
        # (own_pattern's other user) does not need.
        path = cache.cache_file(Path(__file__).resolve().parents[1] / "data", PATTERNS_NAME)
        stored = cache.load(path, (FORMAT, _engine()))
        _OWN.extend([stored if isinstance(stored, dict) else {}, path])
    return _OWN


def own_pattern(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, rebuilt from its stored form when a run stored it before.

    Compiling a wide character class (``[\\u4e00-\\u9fff]``, a class of Chinese numerals)
    costs milliseconds each time writer starts; rebuilding it from its form, microseconds.
    """
    forms, path = _own_forms()
    key = (pattern, int(flags))
    form = forms.get(key)
    compiled = from_form(form) if form is not None else None
    if compiled is not None:
        return compiled
    compiled = re.compile(pattern, flags)
    form = compiled_form(pattern, flags)
    if form is not None and from_form(form) == compiled:
        forms[key] = form
        cache.store(path, (FORMAT, _engine()), forms)
    return compiled
