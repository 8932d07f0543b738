"""Remembered answers of writer's deterministic commands (suggest, outline, render): the same request
on unchanged inputs is not computed twice.

A writer asks again and again while drafting: the same topic with another
kind, the same facts rendered to .md then .docx. Each answer is kept in the
bank's cache folder through writer.io.cache (marshal of plain data, signed
per user, never code) with what it depended on, and served only while all of
that still matches:

- the request itself (the caller's key: options, the resolved paths, the
  content hash of an input file);
- writer's own code and shipped data (``code_stamp``: every file's path,
  size and modification time, so an edit or a reinstall is a miss);
- whatever the caller lists as dependencies (a bank folder's listing and the
  content hash of the files the answer read, a template folder…), recomputed
  and compared on every hit.

Anything else (no cache folder, a damaged or foreign memo file, a memo of an
older shape) recomputes, so the output is byte-identical to an uncached run.
At most ``keep`` answers are kept per folder (a file each), the least recently stored dropped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from writer.io import cache

_PACKAGE = Path(__file__).resolve().parents[1]


def code_stamp(name: str) -> tuple:
    """writer's code and shipped data as a key: every file's path, size and modification time.

    Each file is one short line of text (a repr of tuples costs a cold start three times as much),
    and the lines are hashed in path order."""
    found: list[str] = []
    pending = [str(_PACKAGE)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                if e.name not in ("__pycache__", ".cache"):
                    pending.append(e.path)
            elif not e.name.endswith((".pyc", ".marshal")):
                st = e.stat()
                found.append(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}")
    found.sort()
    return (name, cache.blake2b("\n".join(found).encode("utf-8"), digest_size=16).hexdigest())


def folder_listing(folder: Path) -> tuple:
    """The names and sizes of a folder's files (hidden ones, its own cache folder included, left out)."""
    try:
        entries = [(e.name, e.stat().st_size) for e in os.scandir(folder)
                   if e.is_file() and not e.name.startswith(".")]
    except OSError:
        return ()
    return tuple(sorted(entries))


def folder_times(folder: Path) -> tuple:
    """The names, sizes and modification times of a folder's files: for shipped data (the reference),
    which changes only when it is rebuilt or reinstalled, and is too large to hash on every hit."""
    try:
        entries = [(e.name, st.st_size, st.st_mtime_ns) for e in os.scandir(folder)
                   if e.is_file() and not e.name.startswith(".") for st in (e.stat(),)]
    except OSError:
        return ()
    return tuple(sorted(entries))


def folder_contents(folder: Path) -> tuple:
    """The listing of ``folder`` and the content stamp of each of its files (``cache.run_stamp``: a file
    other caches of the run stamped is not read again)."""
    listing = folder_listing(folder)
    return listing, tuple(cache.run_stamp(folder / name) for name, _ in listing)


class MemoFolder:
    """Remembered answers one file each, in a folder: request → (dependencies, answer).

    A request reads and writes only its own small file (named by a hash of the request, which
    the file's key holds in full), so asking with a new seed costs the same whether the folder
    holds one answer or ``keep``; a single memo file is read, checked and rewritten whole on
    every miss. At most ``keep`` files stay, the least recently stored removed.
    """

    SUFFIX = ".marshal"

    def __init__(self, folder: Path | None, name: str, keep: int, key: tuple | None = None):
        """``key``: the code stamp when the caller has it (another memo's of this run), else computed."""
        self.folder, self.keep = folder, keep
        self.key = (key or code_stamp(name)) if folder is not None else None

    def _file(self, request: tuple) -> Path:
        digest = cache.blake2b(repr(request).encode("utf-8"), digest_size=16).hexdigest()
        return self.folder / (digest + self.SUFFIX)

    def get(self, request: tuple, current: Callable[[Any], bool]) -> Any:
        """The answer remembered for ``request`` while ``current(its dependencies)`` holds; else None."""
        if self.folder is None:
            return None
        entry = cache.load(self._file(request), (self.key, request))
        try:
            deps, answer = entry
            return answer if current(deps) else None
        except (TypeError, ValueError):   # none, or a memo of another shape: recompute
            return None

    def put(self, request: tuple, deps: Any, answer: Any) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(exist_ok=True)
        except OSError:
            return
        path = self._file(request)
        cache.store(path, (self.key, request), (deps, answer))
        self._trim(path)

    def _stored(self) -> list[tuple[int, str]]:
        """(modification time, name) of each answer file, oldest first."""
        try:
            return sorted((e.stat().st_mtime_ns, e.name) for e in os.scandir(self.folder)
                          if e.name.endswith(self.SUFFIX) and e.is_file(follow_symlinks=False))
        except OSError:
            return []

    def _trim(self, newest: Path) -> None:
        stored = self._stored()
        others = [t for t, name in stored if name != newest.name]
        mine = next((t for t, name in stored if name == newest.name), None)
        if mine is not None and others and mine <= max(others):   # stored within one tick of the clock:
            try:                                                    # it still counts as the newest
                os.utime(newest, ns=(max(others) + 1, max(others) + 1))
            except OSError:
                pass
        for _, name in [e for e in stored if e[1] != newest.name][:max(len(stored) - self.keep, 0)]:
            try:
                os.unlink(self.folder / name)
            except OSError:
                pass

    def requests(self) -> list[tuple]:
        """The requests remembered, least recently stored first (readable entries only)."""
        out = []
        for _, name in self._stored():
            stored = cache.read_signed(self.folder / name)
            if stored is not None and isinstance(stored[0], (tuple, list)) and len(stored[0]) == 2:
                out.append(tuple(stored[0][1][1]))
        return out

