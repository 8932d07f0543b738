"""`writer mine` as a library call: read a corpus, build the bank, write the bank folder."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from writer.corpus.document import Document
from writer.errors import BusyError, UsageError, WriteFailedError, WriterError
from writer.mining.bankfiles import check_out_dir, write_bank
from writer.mining.build import BankData, build_bank
from writer.mining.pool import Progress
from writer.mining.reading import read_and_analyse


class JobsError(UsageError):
    """--jobs is not a usable number of processes."""


@dataclass
class MineResult:
    """What a mining run produced: the documents, the bank, the files written, the unreadable inputs."""

    documents: list[Document]
    bank: BankData
    written: list[Path]
    problems: list[WriterError]


def rebuild_command(paths: list[str | Path], out: str | Path) -> str:
    """The command line stamped in the bank files (paths as given; --jobs does not change the output)."""
    return shlex.join(["writer", "mine", *map(str, paths), "--out", str(out)])


def cpu_count() -> int:
    """The CPUs this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """--jobs N: N processes, at most one per CPU (more only add memory); 0 means one per CPU."""
    if jobs < 0:
        raise JobsError("--jobs 不能为负数（0 表示按 CPU 核数）", key="--jobs")
    return min(jobs, cpu_count()) if jobs else cpu_count()


def mine(paths: list[str | Path], out: str | Path, *, force: bool = False, jobs: int = 1,
         progress: Progress | None = None, timings: dict[str, float] | None = None) -> MineResult:
    """Mine ``paths`` into the bank folder ``out``.

    Unreadable files are returned as ``problems`` (the rest is still mined);
    raises when nothing is readable or when ``out`` holds foreign files and
    ``force`` is not given (checked before any reading).
    """
    import gc

    from writer.io.folders import FolderLock, remove_stale_siblings

    jobs = resolve_jobs(jobs)
    out = Path(out)
    check_out_dir(out, force)
    target = Path(os.path.realpath(out))
    lock = FolderLock(target)
    try:
        locked = lock.acquire()
    except OSError as exc:
        raise WriteFailedError(f"无法在上级文件夹里建锁文件（{exc.strerror}）", out) from None
    if not locked:
        raise BusyError(f"另一个 writer mine 正在写这个文件夹；等它结束再试（锁文件 {lock.path.name}）", out)
    # Mining builds millions of small objects and few cycles; the cyclic collector would
    # walk the whole growing heap again and again (workers inherit the setting).
    enabled = gc.isenabled()
    gc.disable()
    try:
        remove_stale_siblings(target)  # left by a run that was killed: we hold the lock, so none is in use
        return _mine(paths, out, force, jobs, progress, timings)
    finally:
        lock.release()
        if enabled:
            gc.enable()


def _mine(paths, out: Path, force: bool, jobs: int, progress, timings) -> MineResult:
    import time

    start = time.perf_counter()
    analysed = read_and_analyse(paths, jobs=jobs, progress=progress)
    if timings is not None:
        timings["read+analyse"] = time.perf_counter() - start
    bank = build_bank(analysed, jobs=jobs, command=rebuild_command(paths, out), progress=progress, timings=timings)
    start = time.perf_counter()
    try:
        written = write_bank(out, analysed.documents, bank, force=force, lines=analysed.lines)
    finally:
        if hasattr(analysed.lines, "close"):
            analysed.lines.close()
    if timings is not None:
        timings["write"] = time.perf_counter() - start
    return MineResult(documents=analysed.documents, bank=bank, written=written, problems=analysed.problems)
