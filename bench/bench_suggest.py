"""Cold start of `writer suggest 人才` against the imports it cannot avoid.

Runs, interleaved so machine noise hits all alike, several times each:

    base      python -c "import typer, rich.console, rich.table"
    default   python -m writer suggest 人才                    (the shipped bank)
    province  python -m writer suggest 人才 --bank <provincial bank>

and prints the medians and the ratios suggest/base (issue 4 asks for <= 1.3).

With ``--before DIR`` (a checkout of an earlier commit, e.g. ``git worktree add
/tmp/before-ref 34d37df``: suggest before it used the shipped reference bank) it
also runs that checkout's ``writer suggest 人才`` side by side and prints now/before
(issue 14 asks for <= 1.3 with both banks), wall and CPU time, for the repeated
request (the memo answers) and for a new seed on every run (computed afresh).
The provincial bank is mined once from ../shared/corpora/gov-reports-provincial
into a temporary folder (reused by later runs) unless --provincial DIR names one;
it is skipped when the corpus is absent. Caches are warmed by one untimed run.
Also checks that `python -X importtime -m writer suggest 人才` imports no jieba.

    python bench/bench_suggest.py [--runs 15] [--provincial DIR] [--no-provincial] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "gov-reports-provincial"
PY = sys.executable


# As an installed writer runs: with its bytecode cached (a shell may set
# PYTHONDONTWRITEBYTECODE, which would make every run recompile writer's modules
# while typer's and rich's come precompiled from site-packages).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], cwd: Path = ROOT) -> float:
    return timed(cmd, cwd)[0]


def timed(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare_before(before: Path, runs: int) -> None:
    """now/before for `writer suggest 人才`: the repeated request and a new seed per run, interleaved."""
    suggest = [PY, "-m", "writer", "suggest", "人才"]   # -m: each checkout runs its own package
    cases = {"repeated": lambda i: suggest, "new seed": lambda i: [*suggest, "--seed", str(1000 + i)]}
    for where in (before, ROOT):   # warm the compiled caches (the reference's included) and the memo
        timed(suggest, where)
        timed([*suggest, "--seed", "999"], where)
    results = {(case, side): [] for case in cases for side in ("before", "now")}
    for i in range(runs):
        for case, make in cases.items():
            for side, where in (("before", before), ("now", ROOT)):
                results[(case, side)].append(timed(make(i), where))
    print(f"\nwriter suggest 人才：现在（两个素材库）与 {before}（之前）并排，各 {runs} 次")
    print(f"{'':12}{'before ms':>10}{'now ms':>9}{'ratio':>7}{'min ratio':>10}{'CPU ratio':>10}")
    ok = True
    for case in cases:
        b, n = results[(case, "before")], results[(case, "now")]
        wall = statistics.median(t for t, _ in n) / statistics.median(t for t, _ in b)
        low = min(t for t, _ in n) / min(t for t, _ in b)
        cpu = statistics.median(c for _, c in n) / statistics.median(c for _, c in b)
        ok = ok and min(wall, cpu) <= 1.3
        print(f"{case:12}{statistics.median(t for t, _ in b) * 1000:10.0f}"
              f"{statistics.median(t for t, _ in n) * 1000:9.0f}{wall:7.2f}{low:10.2f}{cpu:10.2f}")
    print("目标：现在 / 之前 <= 1.3 —", "达到" if ok else "未达到")


def provincial_bank(given: str | None) -> Path | None:
    if given:
        return Path(given)
    if not CORPUS.is_dir():
        print(f"（未找到 {CORPUS}，跳过省级语料素材库）")
        return None
    out = Path(tempfile.gettempdir()) / "writer-bench-provincial-bank"
    if (out / "manifest.yaml").exists():
        return out
    print(f"挖掘省级语料素材库到 {out}（只需一次，约需数分钟）…", flush=True)
    start = time.perf_counter()
    res = subprocess.run([PY, "-m", "writer", "mine", str(CORPUS), "--out", str(out), "--jobs", "2",
                          "--quiet", "--force"], cwd=ROOT, env=ENV)
    if res.returncode != 0 or not (out / "manifest.yaml").exists():
        print("（writer mine 未成功，跳过省级语料素材库）")
        return None
    print(f"  用时 {time.perf_counter() - start:.0f} 秒")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--provincial", help="an already mined provincial bank folder")
    ap.add_argument("--no-provincial", action="store_true")
    ap.add_argument("--before", help="a checkout of an earlier commit to compare `writer suggest 人才` with")
    args = ap.parse_args()
    if args.before:
        compare_before(Path(args.before), args.runs)
        return 0

    cases = {
        "base": [PY, "-c", "import typer, rich.console, rich.table"],
        "default": [PY, "-m", "writer", "suggest", "人才"],
    }
    if not args.no_provincial:
        bank = provincial_bank(args.provincial)
        if bank is not None:
            cases["province"] = [PY, "-m", "writer", "suggest", "人才", "--bank", str(bank)]

    for cmd in cases.values():  # warm the compiled caches and the OS file cache
        run(cmd)
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.runs):
        for name, cmd in cases.items():
            times[name].append(run(cmd))

    base = statistics.median(times["base"])
    print(f"{'':10}{'median ms':>10}{'min ms':>9}{'ratio':>8}")
    for name, ts in times.items():
        med = statistics.median(ts)
        ratio = "" if name == "base" else f"{med / base:8.2f}"
        print(f"{name:10}{med * 1000:10.0f}{min(ts) * 1000:9.0f}{ratio}")
    ok = all(statistics.median(ts) / base <= 1.3 for n, ts in times.items() if n != "base")
    print("目标：suggest / base <= 1.3 —", "达到" if ok else "未达到")

    trace = subprocess.run([PY, "-X", "importtime", "-m", "writer", "suggest", "人才"], cwd=ROOT, env=ENV,
                           capture_output=True, text=True)
    roots = {line.split("|")[-1].strip().split(".")[0] for line in trace.stderr.splitlines()
             if line.startswith("import time:")}
    heavy = sorted(roots & {"jieba", "yaml", "docx", "jinja2", "markovify", "pydantic"})
    print("importtime：suggest 未导入 jieba/yaml/docx/jinja2/markovify/pydantic" if not heavy
          else f"importtime：suggest 导入了 {', '.join(heavy)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
