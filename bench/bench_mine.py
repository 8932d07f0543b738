"""Benchmark `writer mine` on the provincial corpus, measured side by side in one run.

Prints three ratios (issue 3):
  * mining, single process (reading included) / `jieba.lcut` over the same text  — must be <= 2
    (wall and CPU seconds; on a shared machine the CPU ratio is the one to trust)
  * --jobs 1 / --jobs 2 wall time (speed-up)                                     — must be >= 1.5
  * peak memory of the mining process (and of its largest worker)                 — must be < 2 GB
and checks that --jobs 1 and --jobs 2 write byte-identical banks.

Each measurement runs in a fresh process (so peak memory is its own); jieba's
dictionary is loaded before the clock starts in every one of them.

    python bench/bench_mine.py [CORPUS_DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "gov-reports-provincial"


def _texts(corpus: Path) -> list[str]:
    from writer.corpus.reader import read_corpus

    return [t for doc in read_corpus([corpus]).documents for t in doc.texts()]


def child_lcut(corpus: Path) -> dict:
    import jieba

    texts = _texts(corpus)
    jieba.setLogLevel(60)
    jieba.initialize()
    start, cpu = time.perf_counter(), _cpu()
    tokens = 0
    for text in texts:
        tokens += len(jieba.lcut(text))
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "chars": sum(map(len, texts)),
            "tokens": tokens}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (immune to other programs' load)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child_mine(corpus: Path, out: Path, jobs: int) -> dict:
    import os

    from writer.mining import segment
    from writer.mining.run import mine

    # The bank files name the output folder in their rebuild command: write to "bank" in
    # a folder of its own, so runs with different --jobs can be compared byte for byte.
    out.mkdir(parents=True, exist_ok=True)
    os.chdir(out)
    segment.initialize()
    timings: dict[str, float] = {}
    start, cpu = time.perf_counter(), _cpu()
    result = mine([corpus.resolve()], "bank", force=True, jobs=jobs, timings=timings)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    return {"seconds": seconds, "cpu": cpu, "documents": len(result.documents), "timings": timings,
            "self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def run_child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench child failed: {args}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def same_bank(a: Path, b: Path) -> bool:
    files = sorted(p.name for p in a.iterdir() if p.is_file())
    return files == sorted(p.name for p in b.iterdir() if p.is_file()) and all(
        (a / f).read_bytes() == (b / f).read_bytes() for f in files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=1, help="repeat the three measurements and keep the best of each")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode = args.child[0]
        if mode == "lcut":
            print(json.dumps(child_lcut(Path(args.child[1]))))
        else:
            print(json.dumps(child_mine(Path(args.child[1]), Path(args.child[2]), int(args.child[3]))))
        return
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus} (the benchmark needs ../shared/corpora)")
    with tempfile.TemporaryDirectory() as tmp:
        best: dict[str, dict] = {}
        for r in range(args.rounds):
            # Interleaved, so machine noise hits all three alike.
            for key, child in (("lcut", ("lcut", str(args.corpus))),
                               ("jobs1", ("mine", str(args.corpus), f"{tmp}/j1", "1")),
                               ("jobs2", ("mine", str(args.corpus), f"{tmp}/j2", "2"))):
                res = run_child(*child)
                print(f"round {r + 1}: {key:5s} {res['seconds']:7.1f} s wall, {res['cpu']:7.1f} s CPU", flush=True)
                if key not in best or res["seconds"] < best[key]["seconds"]:
                    best[key] = res
        identical = same_bank(Path(tmp) / "j1" / "bank", Path(tmp) / "j2" / "bank")
    lcut, j1, j2 = best["lcut"], best["jobs1"], best["jobs2"]
    peak = max(j1["self_kb"], j2["self_kb"]) / 1024
    worker = j2["children_kb"] / 1024
    print()
    print(f"corpus: {args.corpus} — {j1['documents']} documents, {lcut['chars'] / 1e6:.1f} M characters")
    print(f"jieba.lcut over the same text:     {lcut['seconds']:7.1f} s")
    print(f"writer mine --jobs 1 (with reading): {j1['seconds']:7.1f} s")
    print(f"writer mine --jobs 2:                {j2['seconds']:7.1f} s")
    print(f"ratio mine/lcut (single process):  {j1['seconds'] / lcut['seconds']:.2f} wall, "
          f"{j1['cpu'] / lcut['cpu']:.2f} CPU  (must be <= 2; CPU time is immune to other programs' load)")
    print(f"speed-up --jobs 2 over --jobs 1:   {j1['seconds'] / j2['seconds']:.2f}  (must be >= 1.5)")
    print(f"identical output --jobs 1 / 2:     {'yes' if identical else 'NO'}")
    print(f"peak memory: main process {peak:.0f} MB, largest worker {worker:.0f} MB  (must be < 2048 MB)")
    for key, res in (("--jobs 1", j1), ("--jobs 2", j2)):
        stages = ", ".join(f"{k} {v:.1f}" if k != "candidates" else f"{k} {v:.0f}" for k, v in res["timings"].items())
        print(f"stages {key} (wall s, main process): {stages}")


if __name__ == "__main__":
    main()
