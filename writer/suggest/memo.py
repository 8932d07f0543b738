"""Remembered answers of `writer suggest`: the same request on an unchanged bank is not computed twice.

A writer asks for the same topic again and again while drafting (headings,
then pairs, then headings again with another -n). Generating headings costs
more than starting typer, so each answer is kept in the bank's cache folder
(``writer.io.cache``: marshal of plain data, never code) together with what it
depended on:

- the request (topic, kind, n, pattern, place, org, seed, since, reference) and the bank folder's resolved path;
- writer's own code and shipped data (every file's name, size and modification
  time: an edit or a reinstall is a miss);
- the bank folder's listing (a file added or removed, custom.yaml included, is a miss)
  and the content hash of every bank file the computation read;
- for headings and slogans, the shipped reference's files (names, sizes and times:
  hashing its 10 MB on every hit would cost more than the answer).

An answer is served only when all of these still match; anything else (no
cache folder, a damaged or foreign memo file) recomputes, so the output is
byte-identical to an uncached run. At most ``KEEP`` answers are kept per bank.
"""

from __future__ import annotations

from pathlib import Path

from writer.io import cache
from writer.io.memo import Memo, folder_listing, folder_times
from writer.io.paths import default_reference
from writer.suggest.records import Suggestion

KEEP = 64
MEMO_FILE = "suggest-memo.marshal"


def suggest_remembered(bank_dir: str | Path | None, topic: str, kind: str = "heading", n: int = 10,
                       pattern: str | None = None, seed: int = 0, place: str | None = None,
                       org: str | None = None, since: int | None = None,
                       reference: bool = True) -> list[Suggestion]:
    """``writer.suggest.suggest`` on the bank at ``bank_dir``, served from the memo when nothing changed."""
    from writer.io.paths import resolve_bank
    from writer.suggest import check_request

    check_request(topic, kind, n, since)
    folder = resolve_bank(bank_dir)
    request = (str(folder.resolve()), topic.strip(), kind, n, pattern, place, org, seed, since, reference)
    memo = Memo(cache.cache_file(folder, MEMO_FILE) if folder.is_dir() else None, MEMO_FILE, KEEP)
    rows = memo.get(request, lambda deps: _current(folder, deps))
    if rows is not None:
        return [_suggestion(row) for row in rows]
    results, deps = _compute(bank_dir, request)
    memo.put(request, deps, [_row(s) for s in results])
    return results


def _compute(bank_dir, request: tuple) -> tuple[list[Suggestion], tuple]:
    """The answer computed afresh, and what it depended on in the bank folder."""
    from writer.bank.store import load_bank
    from writer.suggest import suggest

    bank = load_bank(bank_dir)
    _, topic, kind, n, pattern, place, org, seed, since, reference = request
    results = suggest(bank, topic, kind=kind, n=n, pattern=pattern, seed=seed, place=place, org=org, since=since,
                      reference=reference)
    return results, (folder_listing(bank.path), bank.files_read(), folder_times(default_reference()))


def _current(folder: Path, deps) -> bool:
    """Whether the bank folder still lists and holds what the remembered answer was computed from,
    and the reference is the same."""
    listing, read, reference = deps
    if folder_listing(folder) != listing or folder_times(default_reference()) != tuple(reference):
        return False
    return all(cache.file_stamp(folder / name) == tuple(stamp) for name, stamp in read)


def _row(s: Suggestion) -> tuple:
    return (s.text, s.kind, s.origin, s.source, s.year, s.pattern, s.from_heading, list(s.lines),
            s.score, s.theme, tuple(s.parts), s.years)


def _suggestion(row) -> Suggestion:
    text, kind, origin, source, year, pattern, from_heading, lines, score, theme, parts, years = row
    return Suggestion(text, kind, origin, source, year, pattern, from_heading, list(lines), score, theme,
                      tuple(parts), tuple(years) if years is not None else None)
