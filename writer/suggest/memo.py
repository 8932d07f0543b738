"""Remembered answers of `writer suggest`: the same request on an unchanged bank is not computed twice.

A writer asks for the same topic again and again while drafting (headings,
then pairs, then headings again with another -n). Generating headings costs
more than starting typer, so each answer is kept in the bank's cache folder
(``writer.io.cache``: marshal of plain data, never code) together with what it
depended on:

- the request (topic, kind, n, pattern, place, org, seed) and the bank folder's resolved path;
- writer's own code and shipped data (every file's name, size and modification
  time: an edit or a reinstall is a miss);
- the bank folder's listing (a file added or removed, custom.yaml included, is a miss)
  and the content hash of every bank file the computation read.

An answer is served only when all of these still match; anything else (no
cache folder, a damaged or foreign memo file) recomputes, so the output is
byte-identical to an uncached run. At most ``KEEP`` answers are kept per bank.
"""

from __future__ import annotations

import os
from pathlib import Path

from writer.io import cache
from writer.suggest.records import Suggestion

KEEP = 64
MEMO_FILE = "suggest-memo.marshal"
_PACKAGE = Path(__file__).resolve().parents[1]


def suggest_remembered(bank_dir: str | Path | None, topic: str, kind: str = "heading", n: int = 10,
                       pattern: str | None = None, seed: int = 0, place: str | None = None,
                       org: str | None = None) -> list[Suggestion]:
    """``writer.suggest.suggest`` on the bank at ``bank_dir``, served from the memo when nothing changed."""
    from writer.io.paths import resolve_bank
    from writer.suggest import check_request

    check_request(topic, kind, n)
    folder = resolve_bank(bank_dir)
    request = (str(folder.resolve()), topic.strip(), kind, n, pattern, place, org, seed)
    memo_path = cache.cache_file(folder, MEMO_FILE) if folder.is_dir() else None
    memo = _load_memo(memo_path)
    entry = memo.get(request)
    if entry is not None and _current(folder, entry[0]):
        return [_suggestion(row) for row in entry[1]]
    results, deps = _compute(bank_dir, request)
    if memo_path is not None:
        memo.pop(request, None)
        memo[request] = (deps, [_row(s) for s in results])
        while len(memo) > KEEP:
            memo.pop(next(iter(memo)))
        cache.store(memo_path, _code_stamp(), memo)
    return results


def _compute(bank_dir, request: tuple) -> tuple[list[Suggestion], tuple]:
    """The answer computed afresh, and what it depended on in the bank folder."""
    from writer.bank.store import load_bank
    from writer.suggest import suggest

    bank = load_bank(bank_dir)
    _, topic, kind, n, pattern, place, org, seed = request
    results = suggest(bank, topic, kind=kind, n=n, pattern=pattern, seed=seed, place=place, org=org)
    return results, (_listing(bank.path), bank.files_read())


def _load_memo(path: Path | None) -> dict:
    memo = cache.load(path, _code_stamp())
    return memo if isinstance(memo, dict) else {}


def _current(folder: Path, deps) -> bool:
    """Whether the bank folder still lists and holds what the remembered answer was computed from."""
    try:
        listing, read = deps
        if _listing(folder) != listing:
            return False
        return all(cache.file_stamp(folder / name) == tuple(stamp) for name, stamp in read)
    except (TypeError, ValueError):  # a memo of another shape: recompute
        return False


def _listing(folder: Path) -> tuple:
    """The names and sizes of the bank folder's files (its own cache folder left out)."""
    try:
        entries = [(e.name, e.stat().st_size) for e in os.scandir(folder)
                   if e.is_file() and not e.name.startswith(".")]
    except OSError:
        return ()
    return tuple(sorted(entries))


def _code_stamp() -> tuple:
    """writer's code and shipped data as a key: every file's path, size and modification time."""
    found: list[tuple] = []
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
                found.append((e.path, st.st_size, st.st_mtime_ns))
    found.sort()
    return (MEMO_FILE, cache.blake2b(repr(found).encode("utf-8"), digest_size=16).hexdigest())


def _row(s: Suggestion) -> tuple:
    return (s.text, s.kind, s.origin, s.source, s.year, s.pattern, s.from_heading, list(s.lines),
            s.score, s.theme, tuple(s.parts))


def _suggestion(row) -> Suggestion:
    text, kind, origin, source, year, pattern, from_heading, lines, score, theme, parts = row
    return Suggestion(text, kind, origin, source, year, pattern, from_heading, list(lines), score, theme,
                      tuple(parts))
