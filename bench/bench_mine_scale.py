"""Mining at scale (issue 13), measured side by side in one run: time against jieba, memory as the corpus grows, --jobs 2.

Prints:
  * writer mine --jobs 1 / jieba.lcut over the same text (wall and CPU)   — must be <= 1.3
  * peak memory of --jobs 1 at 25%, 50% and 100% of the corpus, MB per MB — must be <= 600 MB, sub-linear
  * the machine's own parallel capacity: two spin loops side by side against one
  * --jobs 1 / --jobs 2 wall time, as a share of that capacity            — must be >= 85%
  * seconds per document in the workers against the single process, beside the spin loops' slowdown
  * with --other-python (a venv with another checkout, say main before a change): its --jobs 1 CPU
    time and peak memory beside this checkout's, on the --parallel fraction (issue 10: no worse than today)
and checks that --jobs 1 and --jobs 2 write byte-identical banks (and the other checkout's bank).

The fractions are every 4th and every 2nd file of the sorted list (so each is a spread of
cities and years, and 25% is inside 50%). Each measurement runs in a fresh process; jieba's
dictionary is loaded before the clock starts. The machine is shared: trust CPU seconds and
the ratios of runs interleaved in one round; --rounds keeps the best of each.

    python bench/bench_mine_scale.py [CORPUS_DIR ...] [--rounds N] [--fractions 0.25,0.5,1] [--parallel 0.25]
                                     [--other-python /path/to/venv/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
DEFAULT = [SHARED / "gov-reports-provincial", SHARED / "gov-reports-city"]
SPIN = 30_000_000


def _cpu(children: bool = True) -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    total = me.ru_utime + me.ru_stime
    if children:
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += kids.ru_utime + kids.ru_stime
    return total


def child_lcut(files: list[str]) -> dict:
    import jieba

    from writer.corpus.reader import read_corpus

    texts = [t for doc in read_corpus(files).documents for t in doc.texts()]
    jieba.setLogLevel(60)
    jieba.initialize()
    start, cpu = time.perf_counter(), _cpu()
    for text in texts:
        jieba.lcut(text)
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "chars": sum(map(len, texts))}


def _log_chunks(log: Path) -> None:
    """Record (documents, wall, CPU) of every run of files pass 1 reads, in whichever process reads it."""
    import functools

    from writer.mining import reading

    inner = reading._read_chunk

    @functools.wraps(inner)
    def timed(items):
        start, cpu = time.perf_counter(), _cpu(children=False)
        out = inner(items)
        docs = sum(len(r[1]) for r in out[0] if r[0] == "ok")
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(json.dumps([os.getpid(), docs, time.perf_counter() - start, _cpu(children=False) - cpu]) + "\n")
        return out

    reading._read_chunk = timed


def _high_water() -> float:
    """The main process's peak resident memory so far (VmHWM, MiB; ru_maxrss where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _stage_cpu(cpu_by_stage: dict[str, float], hwm_by_stage: dict[str, float]) -> None:
    """Record the main process's CPU seconds of every stage build_bank marks (its timings are wall),
    and its peak memory at the end of each (the stage where it rises holds the high-water mark)."""
    from writer.mining import build, run

    lap, last = build._Stopwatch.lap, [_cpu(children=False)]

    def timed(self, stage: str) -> None:
        lap(self, stage)
        now = _cpu(children=False)
        cpu_by_stage[stage] = cpu_by_stage.get(stage, 0.0) + now - last[0]
        hwm_by_stage[stage] = _high_water()
        last[0] = now

    build._Stopwatch.lap = timed
    read = run.read_and_analyse

    def read_marked(*args, **kwargs):
        out = read(*args, **kwargs)
        hwm_by_stage["pass 1"] = _high_water()
        return out

    run.read_and_analyse = read_marked


def child_mine(files: list[str], out: Path, jobs: int) -> dict:
    from writer.mining import segment
    from writer.mining.run import mine

    out.mkdir(parents=True, exist_ok=True)
    os.chdir(out)  # the bank folder is "bank" in every run, so its rebuild command is the same
    log = out / "chunks.jsonl"
    _log_chunks(log)
    segment.initialize()
    timings: dict[str, float] = {}
    cpu_by_stage: dict[str, float] = {}
    hwm_by_stage: dict[str, float] = {}
    _stage_cpu(cpu_by_stage, hwm_by_stage)
    start, cpu = time.perf_counter(), _cpu()
    own = _cpu(children=False)
    result = mine(files, "bank", force=True, jobs=jobs, timings=timings)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    # The first lap ("names") also holds reading and pass 1, the last one ("write") is what follows it.
    cpu_by_stage["write"] = _cpu(children=False) - own - sum(cpu_by_stage.values())
    chunks = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return {"seconds": seconds, "cpu": cpu, "documents": len(result.documents), "timings": timings,
            "stage_cpu": cpu_by_stage, "stage_hwm": hwm_by_stage | {"write": _high_water()},
            "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "chunks": [c for c in chunks if c[0] != os.getpid()] if jobs > 1 else chunks}


def child_spin() -> dict:
    start, cpu = time.perf_counter(), _cpu()
    x = 0
    for i in range(SPIN):
        x += i
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu}


def _command(*args: str, python: str | None = None) -> list[str]:
    return [python or sys.executable, __file__, "--child", *args]


def run_child(*args: str, python: str | None = None) -> dict:
    proc = subprocess.run(_command(*args, python=python), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench child failed: {args}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def spin_pair() -> dict:
    """Two spin loops started together: the wall time until both are done."""
    start = time.perf_counter()
    procs = [subprocess.Popen(_command("spin"), stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    return {"seconds": time.perf_counter() - start, "each": max(o["seconds"] for o in outs),
            "each_cpu": max(o["cpu"] for o in outs)}


def same_bank(a: Path, b: Path) -> bool:
    files = sorted(p.name for p in a.iterdir() if p.is_file())
    return files == sorted(p.name for p in b.iterdir() if p.is_file()) and all(
        (a / f).read_bytes() == (b / f).read_bytes() for f in files)


def _keep_best(best: dict, key: str, res: dict) -> None:
    if key not in best or res["seconds"] < best[key]["seconds"]:
        best[key] = res


def _fraction(files: list[str], fraction: float) -> list[str]:
    if fraction >= 1:
        return files
    stride = round(1 / fraction)
    return [f for i, f in enumerate(files) if i % stride == 0]


def measure(files: list[str], fractions: list[float], rounds: int, tmp: Path, parallel: float,
            other: str | None = None, log: Path | None = None) -> tuple[dict, dict]:
    lists = {}
    for fraction in fractions:
        path = tmp / f"files-{fraction}.json"
        path.write_text(json.dumps(_fraction(files, fraction)), encoding="utf-8")
        lists[fraction] = str(path)
    full = lists[max(fractions)]
    best: dict[str, dict] = {}
    for r in range(rounds):
        # Interleaved, so machine noise hits every measurement alike.
        # The whole-corpus pair first: on a machine this slow to share, the rest may not finish.
        steps = [("lcut", lambda: run_child("lcut", full)),
                 ("jobs1", lambda: run_child("mine", full, str(tmp / "j1"), "1"))]
        steps += [(f"peak{f}", (lambda f=f: run_child("mine", lists[f], str(tmp / f"p{f}"), "1")))
                  for f in fractions if f < max(fractions)]
        steps += [("spin1", lambda: run_child("spin")),
                  ("spin2", spin_pair),
                  ("jobs2", lambda: run_child("mine", lists[parallel], str(tmp / "j2"), "2"))]
        if other:  # on the fraction --jobs 2 runs on, beside this checkout's --jobs 1 there (last: optional)
            steps.append(("other", lambda: run_child("mine", lists[parallel], str(tmp / "o1"), "1", python=other)))
        for key, step in steps:
            load = os.getloadavg()[0]
            res = step()
            res["load"] = (load, os.getloadavg()[0])  # 1-minute load average before and after the step
            if log:
                with open(log, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps({"round": r + 1, "step": key, **res}, ensure_ascii=False) + "\n")
            print(f"round {r + 1}: {key:9s} {res['seconds']:7.1f} s wall"
                  + (f", {res['cpu']:7.1f} s CPU" if "cpu" in res else "")
                  + (f", peak {res['self_mb']:.0f} MB" if "self_mb" in res else "")
                  + f", load {res['load'][0]:.1f}→{res['load'][1]:.1f}", flush=True)
            _keep_best(best, key, res)
    sizes = {f: sum(os.path.getsize(p) for p in json.loads(Path(lists[f]).read_text())) / 1e6 for f in fractions}
    return best, sizes


def _per_doc(chunks: list, column: int = 2) -> float:
    """Seconds per document of pass 1's runs: wall (column 2) or CPU (column 3)."""
    docs = sum(c[1] for c in chunks) or 1
    return sum(c[column] for c in chunks) / docs


def report(best: dict, sizes: dict, fractions: list[float], identical: bool, parallel: float) -> None:
    lcut, j1, j2 = best["lcut"], best["jobs1"], best["jobs2"]
    top = max(fractions)
    p1 = j1 if parallel == top else best[f"peak{parallel}"]  # --jobs 1 on the corpus --jobs 2 mined
    print(f"\ncorpus: {sizes[top]:.0f} MB, {j1['documents']} documents, {lcut['chars'] / 1e6:.1f} M characters")
    print(f"jieba.lcut over the same text:  {lcut['seconds']:7.1f} s wall {lcut['cpu']:7.1f} s CPU")
    print(f"writer mine --jobs 1:           {j1['seconds']:7.1f} s wall {j1['cpu']:7.1f} s CPU")
    print(f"ratio mine/lcut:                {j1['seconds'] / lcut['seconds']:.2f} wall, "
          f"{j1['cpu'] / lcut['cpu']:.2f} CPU  (must be <= 1.3)")
    peaks = {f: best[f"peak{f}"]["self_mb"] for f in fractions if f < top} | {top: j1["self_mb"]}
    for f in fractions:
        print(f"peak memory --jobs 1 at {f:4.0%} ({sizes[f]:5.1f} MB): {peaks[f]:6.0f} MB "
              f"({peaks[f] / sizes[f]:.1f} MB per MB of corpus)")
    lo = min(fractions)
    growth = (peaks[top] / peaks[lo]) / (sizes[top] / sizes[lo])
    print(f"memory growth {lo:.0%}→{top:.0%} against the corpus's: {growth:.2f} (sub-linear when < 1; "
          f"peak must be <= 600 MB)")
    capacity = 2 * best["spin1"]["seconds"] / best["spin2"]["seconds"]
    speedup = p1["seconds"] / j2["seconds"]
    print(f"machine capacity, two spin loops against one: {capacity:.2f}× throughput "
          f"(each loop {best['spin2']['each'] / best['spin1']['seconds']:.2f}× slower side by side)")
    print(f"writer mine --jobs 2 on {parallel:.0%} ({sizes[parallel]:.1f} MB): {j2['seconds']:7.1f} s wall "
          f"{j2['cpu']:7.1f} s CPU (workers included); --jobs 1 there {p1['seconds']:7.1f} s wall")
    print(f"speed-up --jobs 2 over --jobs 1: {speedup:.2f}× = {speedup / capacity:.0%} of the capacity "
          f"(must be >= 85%)")
    single, worker = _per_doc(p1["chunks"]), _per_doc(j2["chunks"])
    print(f"pass 1 seconds per document by wall: single process {single * 1000:.0f} ms, workers {worker * 1000:.0f} ms "
          f"({worker / single:.2f}× against the spin loops' {best['spin2']['each'] / best['spin1']['seconds']:.2f}×)")
    single, worker = _per_doc(p1["chunks"], 3), _per_doc(j2["chunks"], 3)
    spin_cpu = best["spin2"].get("each_cpu", 0) / (best["spin1"]["cpu"] or 1)
    print(f"pass 1 seconds per document by CPU: single process {single * 1000:.0f} ms, workers {worker * 1000:.0f} ms "
          f"({worker / single:.2f}× against the spin loops' {spin_cpu:.2f}× CPU per loop side by side)")
    print("load average (1 min, before→after) at the parallel steps: "
          + ", ".join(f"{k} {best[k]['load'][0]:.1f}→{best[k]['load'][1]:.1f}" for k in ("spin1", "spin2", "jobs2")
                      if "load" in best[k]) + " (the capacity and --jobs 2 compare fairly only under like loads)")
    print(f"peak memory --jobs 2: main process {j2['self_mb']:.0f} MB, largest worker {j2['worker_mb']:.0f} MB")
    print(f"identical banks --jobs 1 / 2:   {'yes' if identical else 'NO'}")
    if "other" in best:
        o = best["other"]
        print(f"other checkout --jobs 1 on {parallel:.0%}: {o['seconds']:7.1f} s wall {o['cpu']:7.1f} s CPU, "
              f"peak {o['self_mb']:.0f} MB; this one there: {p1['cpu']:7.1f} s CPU, peak {p1['self_mb']:.0f} MB")
        print(f"this checkout / other: {p1['cpu'] / o['cpu']:.2f} CPU, {p1['self_mb'] / o['self_mb']:.2f} peak "
              f"(no worse when <= 1, within noise); identical banks: {'yes' if best['other_same'] else 'NO'}")
    for key, res in (("--jobs 1", p1), ("--jobs 2", j2)):
        stages = ", ".join(f"{k} {v:.1f}" if k != "candidates" else f"{k} {v:.0f}" for k, v in res["timings"].items())
        print(f"stages {key} (wall s, main process): {stages}")
        cpu = ", ".join(f"{k} {v:.1f}" for k, v in res["stage_cpu"].items())
        print(f"stages {key} (CPU s, main process; names includes reading and pass 1): {cpu}")
        hwm = ", ".join(f"{k} {v:.0f}" for k, v in res.get("stage_hwm", {}).items())
        print(f"stages {key} (peak MiB so far at the end of each, main process): {hwm}")
    peaks = best["jobs1"].get("stage_hwm", {})
    if peaks:
        top_mb = max(peaks.values())
        print(f"peak memory --jobs 1 on the whole corpus ({top_mb:.0f} MiB) reached in stage: "
              f"{next(k for k, v in peaks.items() if v == top_mb)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--fractions", default="0.25,0.5,1")
    ap.add_argument("--parallel", type=float, default=1.0,
                    help="the fraction --jobs 2 is compared on (one of --fractions; a smaller one saves time)")
    ap.add_argument("--other-python", help="the python of a venv with another checkout of writer (the base)")
    ap.add_argument("--log", type=Path, help="append every measurement's result here as it ends (a JSON line each), "
                    "so a run stopped early still leaves its numbers")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode, rest = args.child[0], args.child[1:]
        if mode == "spin":
            print(json.dumps(child_spin()))
            return
        files = json.loads(Path(rest[0]).read_text(encoding="utf-8"))
        res = child_lcut(files) if mode == "lcut" else child_mine(files, Path(rest[1]), int(rest[2]))
        print(json.dumps(res))
        return
    missing = [str(c) for c in args.corpus if not c.is_dir()]
    if missing:
        sys.exit(f"corpus not found: {', '.join(missing)} (the benchmark needs ../shared/corpora)")
    from writer.corpus.reader import iter_files

    files = sorted(str(p.resolve()) for p, _ in iter_files(args.corpus)[0])
    fractions = sorted(float(f) for f in args.fractions.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        best, sizes = measure(files, fractions, args.rounds, Path(tmp), args.parallel, args.other_python, args.log)
        same_as = "j1" if args.parallel == max(fractions) else f"p{args.parallel}"
        identical = same_bank(Path(tmp) / same_as / "bank", Path(tmp) / "j2" / "bank")
        if args.other_python:
            best["other_same"] = same_bank(Path(tmp) / same_as / "bank", Path(tmp) / "o1" / "bank")
    report(best, sizes, fractions, identical, args.parallel)


if __name__ == "__main__":
    main()
