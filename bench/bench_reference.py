"""Cold start of a lookup in the shipped reference bank against `writer suggest 人才`, side by side.

Runs, interleaved so machine noise hits all alike, ``--runs`` times each:

    suggest   python -m writer suggest 人才
    trend     python -m writer trend 生态文明           (the command, reading the reference)
    lookup    python -c "load_reference().lookup(…)"   (the reference alone: manifest, directory, one block)

and prints for each the median and minimum wall time and the median CPU time
(user + system of the child), and the ratios to suggest (issue 14 asks for
≤ 1.3). Caches are warmed by one untimed run of each.

    python bench/bench_reference.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
LOOKUP = ("from writer.bank.reference import load_reference; "
          "u = load_reference().lookup('生态文明'); print(u.first_year, u.peak_year, u.last_year)")
COMMANDS = {
    "suggest": [PY, "-m", "writer", "suggest", "人才"],
    "trend": [PY, "-m", "writer", "trend", "生态文明"],
    "lookup": [PY, "-c", LOOKUP],
}


def run(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for cmd in COMMANDS.values():
        run(cmd)  # warm the caches
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):
        for name, cmd in COMMANDS.items():
            times[name].append(run(cmd))
    base_wall = statistics.median(w for w, _ in times["suggest"])
    base_cpu = statistics.median(c for _, c in times["suggest"])
    print(f"{'':8} {'median':>8} {'min':>8} {'cpu':>8}   ratio to suggest (wall, cpu)")
    for name, rows in times.items():
        wall = statistics.median(w for w, _ in rows)
        cpu = statistics.median(c for _, c in rows)
        print(f"{name:8} {wall * 1000:7.0f}ms {min(w for w, _ in rows) * 1000:7.0f}ms {cpu * 1000:7.0f}ms"
              f"   {wall / base_wall:.2f}  {cpu / base_cpu:.2f}")


if __name__ == "__main__":
    main()
