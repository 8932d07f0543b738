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
byte-identical to an uncached run. At most ``KEEP`` answers are kept per bank, a file each
(a new request reads and writes only its own, however many are kept).

A request with a new seed reuses what does not depend on the seed (``POOLS_FILE``: per
request without its seed, the bank's mined headings on the topic with their scores and the
reference's lines on it, writer.suggest.headings and writer.suggest.years), under the same
dependencies: only the drawing (generated headings, the seeded ranking) is done again.
"""

from __future__ import annotations

from pathlib import Path

from writer.io import cache
from writer.io.memo import MemoFolder, folder_listing, folder_times
from writer.io.paths import default_reference
from writer.suggest.records import Suggestion, as_row, from_row

KEEP = 64
MEMO_FILE = "suggest-memo"     # a folder: one file per answer (writer.io.memo.MemoFolder)
POOLS_FILE = "suggest-pools"
POOLS_KEPT = 16


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
    memo = MemoFolder(cache.cache_file(folder, MEMO_FILE) if folder.is_dir() else None, MEMO_FILE, KEEP)
    rows = memo.get(request, lambda deps: _current(folder, deps))
    if rows is not None:
        return [from_row(row) for row in rows]
    pools = MemoFolder(memo.folder.with_name(POOLS_FILE) if memo.folder is not None else None, POOLS_FILE,
                       POOLS_KEPT, key=(POOLS_FILE, memo.key[1]) if memo.key is not None else None)
    results, deps = _compute(bank_dir, folder, request, pools)
    memo.put(request, deps, [as_row(s) for s in results])
    return results


def _compute(bank_dir, folder: Path, request: tuple, pools: MemoFolder) -> tuple[list[Suggestion], tuple]:
    """The answer computed afresh (with the seed-independent pools remembered in ``pools`` when they
    are current), and what it depended on in the bank folder."""
    from writer.bank.store import load_bank
    from writer.suggest import suggest

    bank = load_bank(bank_dir)
    _, topic, kind, n, pattern, place, org, seed, since, reference = request
    unseeded = request[:7] + request[8:]
    kept = pools.get(unseeded, lambda deps: _current(folder, deps))
    drawn = dict(kept[1]) if kept is not None else {}
    results = suggest(bank, topic, kind=kind, n=n, pattern=pattern, seed=seed, place=place, org=org, since=since,
                      reference=reference, pools=drawn)
    read = bank.files_read()
    if kept is not None:   # the pools' own dependencies stay this answer's
        read = tuple(sorted({**dict(kept[0]), **dict(read)}.items()))
    deps = (folder_listing(bank.path), read, folder_times(default_reference()))
    if kept is None and drawn:
        pools.put(unseeded, deps, (read, drawn))
    return results, deps


def _current(folder: Path, deps) -> bool:
    """Whether the bank folder still lists and holds what the remembered answer was computed from,
    and the reference is the same."""
    listing, read, reference = deps
    if folder_listing(folder) != listing or folder_times(default_reference()) != tuple(reference):
        return False
    return all(cache.run_stamp(folder / name) == tuple(stamp) for name, stamp in read)

