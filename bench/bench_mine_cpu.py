"""Mining CPU time (issue 13), side by side in one run: `writer mine --jobs 1` against `jieba.lcut` over the same text.

Prints, for the corpus given (folders or files; by default the provincial and city corpora, 84 MB):
  * jieba.lcut over the texts mining segments (each document's ``texts()``): wall and CPU seconds
  * writer mine --jobs 1 (reading to writing the bank): wall and CPU seconds, and its stages
  * the ratio mine / lcut, wall and CPU                                     — must be <= 1.3
  * with --other-python (a venv with another checkout, say the base before a change): its mine
    beside this one's (CPU ratio, peak memory) and whether the two banks are byte-identical

Each measurement runs in a fresh process with jieba's dictionary loaded before the clock starts;
the runs of one round are interleaved (lcut, mine, other mine) so the machine's noise hits them
alike, and --rounds keeps the least CPU time of each. The machine is shared: trust CPU seconds.
``--stride K`` mines every K-th file of the sorted list (a spread of places and years), for quick
measurements while developing.

    python bench/bench_mine_cpu.py [PATH ...] [--stride K] [--rounds N] [--other-python /path/to/venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The jieba floor and the bank comparison are the other mining benches' own (bench/ is on sys.path
# when a bench runs as a script).
from bench_mine import same_bank
from bench_mine_scale import child_lcut

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
DEFAULT = [SHARED / "gov-reports-provincial", SHARED / "gov-reports-city"]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (immune to other programs' load)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def child_mine(files: list[str], out: Path) -> dict:
    from writer.mining import segment
    from writer.mining.run import mine

    out.mkdir(parents=True, exist_ok=True)
    os.chdir(out)  # the bank folder is "bank" in every run, so its rebuild command is the same
    segment.initialize()
    timings: dict[str, float] = {}
    start, cpu = time.perf_counter(), _cpu()
    result = mine(files, "bank", force=True, jobs=1, timings=timings)
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "documents": len(result.documents),
            "timings": timings, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_child(*args: str, python: str | None = None) -> dict:
    proc = subprocess.run([python or sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench child failed: {args}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _line(name: str, runs: list[dict]) -> str:
    cpus = [r["cpu"] for r in runs]
    walls = [r["seconds"] for r in runs]
    return (f"{name:26s} CPU min {min(cpus):7.1f} s, median {statistics.median(cpus):7.1f} s; "
            f"wall min {min(walls):7.1f} s, median {statistics.median(walls):7.1f} s")


def report(runs: dict[str, list[dict]], megabytes: float, same: bool | None) -> None:
    lcut, mine = runs["lcut"], runs["mine"]
    best = {k: min(v, key=lambda r: r["cpu"]) for k, v in runs.items()}
    print(f"\ncorpus: {megabytes:.1f} MB, {best['mine']['documents']} documents, "
          f"{best['lcut']['chars'] / 1e6:.1f} M characters; {len(lcut)} round(s)")
    print(_line("jieba.lcut, same text:", lcut))
    print(_line("writer mine --jobs 1:", mine))
    ratios = [m["cpu"] / c["cpu"] for m, c in zip(mine, lcut)]
    walls = [m["seconds"] / c["seconds"] for m, c in zip(mine, lcut)]
    print(f"ratio mine / lcut:         CPU {best['mine']['cpu'] / best['lcut']['cpu']:.2f} (best of each), "
          f"per round {', '.join(f'{r:.2f}' for r in ratios)}; wall per round {', '.join(f'{r:.2f}' for r in walls)}"
          f"  (must be <= 1.3)")
    print(f"peak memory of mine: {best['mine']['peak_mb']:.0f} MB")
    stages = ", ".join(f"{k} {v:.1f}" if k != "candidates" else f"{k} {v:.0f}"
                       for k, v in best["mine"]["timings"].items())
    print(f"stages (wall s): {stages}")
    if "other" in runs:
        other = runs["other"]
        print(_line("other checkout's mine:", other))
        per = [m["cpu"] / o["cpu"] for m, o in zip(mine, other)]
        print(f"this / other: CPU {best['mine']['cpu'] / best['other']['cpu']:.2f} (best of each), per round "
              f"{', '.join(f'{r:.2f}' for r in per)}; peak {best['mine']['peak_mb']:.0f} MB against "
              f"{best['other']['peak_mb']:.0f} MB; other / lcut CPU {best['other']['cpu'] / best['lcut']['cpu']:.2f}")
        print(f"identical banks with the other checkout: {'yes' if same else 'NO'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--stride", type=int, default=1, help="mine every K-th file only")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--other-python", help="the python of a venv with another checkout of writer (the base)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        files = json.loads(Path(args.child[1]).read_text(encoding="utf-8"))
        res = child_lcut(files) if args.child[0] == "lcut" else child_mine(files, Path(args.child[2]))
        print(json.dumps(res))
        return
    missing = [str(c) for c in args.corpus if not c.exists()]
    if missing:
        sys.exit(f"corpus not found: {', '.join(missing)} (the benchmark needs ../shared/corpora)")
    from writer.corpus.reader import iter_files

    files = sorted(str(p.resolve()) for p, _ in iter_files(args.corpus)[0])[::args.stride]
    megabytes = sum(os.path.getsize(f) for f in files) / 1e6
    runs: dict[str, list[dict]] = {"lcut": [], "mine": []} | ({"other": []} if args.other_python else {})
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "files.json"
        listing.write_text(json.dumps(files), encoding="utf-8")
        for r in range(args.rounds):
            steps = [("lcut", ()), ("mine", (str(Path(tmp) / "mine"),))]
            if args.other_python:
                steps.append(("other", (str(Path(tmp) / "other"),)))
            for key, extra in steps:
                mode = "lcut" if key == "lcut" else "mine"
                res = run_child(mode, str(listing), *extra, python=args.other_python if key == "other" else None)
                runs[key].append(res)
                print(f"round {r + 1}: {key:5s} {res['seconds']:7.1f} s wall, {res['cpu']:7.1f} s CPU", flush=True)
        same = same_bank(Path(tmp) / "mine" / "bank", Path(tmp) / "other" / "bank") if args.other_python else None
    report(runs, megabytes, same)


if __name__ == "__main__":
    main()
