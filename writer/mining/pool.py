"""Running a step over runs of items in worker processes, results in order.

The miner's two passes (reading and analysing files; counting candidate
spans) use it. With ``fork`` the workers share what the parent loaded
(jieba's dictionary, the documents of pass 2); results always come back in
item order, so the output does not depend on the number of processes.
"""

from __future__ import annotations

import multiprocessing
from typing import Callable

Progress = Callable[[str, int, int], None]  # (stage, done so far, total)


def _worker_init() -> None:
    """Set up a worker: the parent alone answers Ctrl-C and SIGTERM, and a worker dies with it.

    Ctrl-C reaches every process of the terminal's group; a worker that took it
    would print its own traceback. So workers ignore SIGINT, take SIGTERM (what
    ``Pool.terminate`` sends) with the default action instead of the parent's
    handler, and on Linux get SIGTERM when the parent dies, even by SIGKILL
    (otherwise they would wait for work forever).
    """
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by start_pool while the parent forked
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        try:
            ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
        except (OSError, AttributeError):
            pass


def start_pool(processes: int):
    """A pool of ``processes`` workers, forked with Ctrl-C and SIGTERM held back.

    A signal that lands while ``fork`` runs its Python callbacks (logging's
    lock release, for one) raises inside a callback whose exceptions Python
    only prints ("Exception ignored in …"), so the interrupt would be lost with
    a traceback on screen. Held back, it is delivered the moment the pool
    exists, in ordinary code; the workers unblock it in ``_worker_init``.
    """
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        return context().Pool(processes, initializer=_worker_init)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        return context().Pool(processes, initializer=_worker_init)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def context():
    # fork shares jieba's loaded dictionary with the workers; elsewhere they load their own.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def chunks(n: int, jobs: int, sizes: list[int] | None = None, max_size: int | None = None) -> list[range]:
    """Contiguous runs of items.

    In-process (jobs == 1): small runs, so the progress bar moves. With workers:
    ``2 * jobs`` runs of about equal total ``sizes``, because the parent merges each
    run's counts (a Python loop per entry) while the workers keep both cores busy;
    more when a run would exceed ``max_size``: the parent holds a run's results at
    once, and the runs finished last are merged after the workers are done.
    """
    if jobs <= 1:
        return [range(i, min(n, i + 16)) for i in range(0, n, 16)]
    sizes = sizes if sizes is not None else [1] * n
    total = sum(sizes) or 1
    runs = min(n, max(2 * jobs, -(-total // max_size) if max_size else 0))
    out: list[range] = []
    start, acc = 0, 0
    for i, size in enumerate(sizes):
        acc += size
        if len(out) < runs - 1 and acc >= total * (len(out) + 1) / runs and i + 1 < n:
            out.append(range(start, i + 1))
            start = i + 1
    out.append(range(start, n))
    return [r for r in out if len(r)]


def pool_imap(fn, items: list, jobs: int, progress: Progress | None, stage: str, total: int | None = None):
    """fn over items, results yielded in order, in ``jobs`` processes (in this one when jobs == 1).

    A generator, so the caller merges each result as it comes and memory holds
    one chunk's statistics at a time, not the corpus's. ``total`` counts the
    underlying units for the progress bar (items are chunks of them).
    """
    total = total if total is not None else len(items)
    done = 0
    if jobs <= 1 or len(items) <= 1:
        results = map(fn, items)
        pool = None
    else:
        pool = start_pool(min(jobs, len(items)))
        results = pool.imap(fn, items, chunksize=1)
    try:
        for item, res in zip(items, results):
            yield res
            done += len(item) if isinstance(item, (list, range)) else 1
            if progress:
                progress(stage, done, total)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


_SHARED: tuple = ()


def shared() -> tuple:
    """What ``map_documents`` hands the step it runs (in a worker: inherited by fork)."""
    return _SHARED


def map_documents(fn, inputs: tuple, sizes: list[int], jobs: int, progress: Progress | None = None,
                  stage: str = ""):
    """``fn(range of document indexes)`` over all the documents, results yielded in document order.

    For the per-document steps that need corpus-wide tables (the names, the topics), so
    run after pass 1: ``inputs`` (the documents, their analyses, those tables) is what
    ``fn`` reads through ``shared()``, which forked workers find in the memory they
    inherit, nothing pickled. ``sizes``: one per document, to balance the runs. In
    this process when ``jobs`` is 1 or without fork: the same runs' results, in order.
    """
    global _SHARED
    _SHARED = inputs
    try:
        if context().get_start_method() != "fork":
            jobs = 1
        n = len(sizes)
        runs = [range(0, n)] if jobs <= 1 else chunks(n, jobs, sizes)
        yield from pool_imap(fn, runs, jobs, progress, stage, n)
    finally:
        _SHARED = ()


def add_counts(total: dict, part: dict) -> None:
    """``Counter.update(part)`` for a mapping ``part`` (which it consumes), in C: the same counts and
    the same key order (old keys stay, new ones follow in ``part``'s order).

    Counter.update loops in Python over every entry; the parent merges every run's
    counts of pass 1 and 2 (hundreds of thousands of spans each) while the workers
    compute, so that loop was most of its share of ``--jobs 2``.
    """
    if total:
        from operator import add

        common = list(part.keys() & total.keys())
        dict.update(part, zip(common, map(add, map(part.__getitem__, common), map(total.__getitem__, common))))
    dict.update(total, part)


def merge_pairs(blocks: list[range]) -> list[range]:
    """Halve the number of runs (2 * jobs → jobs) by joining neighbours."""
    out = []
    for i in range(0, len(blocks), 2):
        pair = blocks[i:i + 2]
        out.append(range(pair[0].start, pair[-1].stop))
    return out

