"""Where `writer check` spends its time on a 1 MB draft: CPU per rule, side by side for two trees.

Each tree runs in its own process (``PYTHONPATH``), with its own copy of the bank
(``--bank`` for this tree, ``--base-bank`` for ``--base``: the trees may keep the bank's
caches in different formats). In each, the rules, the bank's phrase sets and the whole
copy index are loaded first (timed apart: ``load copy index``), then the draft is
checked ``--runs`` times, each on a fresh Draft; the two trees' processes take turns,
``--rounds`` each (the machine's load changes from one minute to the next), timing every check's ``run``, the shared
phrase scan, the Draft itself, the whole check and the JSON report. Prints the minimum and
the median CPU milliseconds of each part for both trees, and their ratio.

    python bench/bench_check_rules.py --bank DIR [--base /tmp/base6 --base-bank COPY] [--runs 3] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import REPO, make_draft  # noqa: E402

CHILD = r'''
import json, sys, time
from writer.check.config import find_config, load_config
from writer.check.context import BankContext
from writer.check.draft import Draft
from writer.check.engine import Checker, configure_rules
from writer.check.report import to_json
from writer.check.rules import load_rules

draft_path, bank, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
clock = time.process_time
config = load_config(find_config())
context = BankContext(bank)
context.year = None
checker = Checker(configure_rules(load_rules(config.extra), config), context, accept=set(config.accept))
checker._phrase_scanner()
times = {}
start = clock()
# Trees before the memory-mapped index read the whole of it here; a mapped one has nothing to load.
if context.corpus is not None and hasattr(context.corpus, "_load"):
    context.corpus._load()
times["load copy index"] = [clock() - start]


def timed(name, run):
    def wrapper(*args, **kwargs):
        t = clock()
        try:
            return run(*args, **kwargs)
        finally:
            times.setdefault(name, []).append(clock() - t)
    return wrapper


for rule in checker.rules:
    for check in rule.checks:
        check.run = timed(f"{rule.id} ({check.kind})", check.run)
Draft.prepare_phrases = timed("(phrase scan)", Draft.prepare_phrases)
text = open(draft_path, encoding="utf-8").read()
for _ in range(runs):
    t = clock()
    draft = Draft(text, "draft.txt")
    times.setdefault("(Draft)", []).append(clock() - t)
    t = clock()
    findings = checker.check_draft(draft)
    times.setdefault("(whole check)", []).append(clock() - t)
    t = clock()
    to_json(findings)
    times.setdefault("(JSON report)", []).append(clock() - t)
print(json.dumps({"findings": len(findings), "times": times}))
'''


def measure(tree: Path, bank: Path, draft: Path, runs: int) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "WRITER_BANK")}
    env["PYTHONPATH"] = str(tree)
    done = subprocess.run([sys.executable, "-c", CHILD, str(draft), str(bank), str(runs)],
                          capture_output=True, text=True, env=env, cwd=draft.parent)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bank", required=True)
    ap.add_argument("--base", default="/tmp/base6")
    ap.add_argument("--base-bank", help="a copy of --bank for --base (default: --bank)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft-1mb.txt"
        draft.write_text(make_draft(), encoding="utf-8")
        trees = [(REPO, Path(args.bank).resolve())]
        if Path(args.base).is_dir():
            trees.append((Path(args.base), Path(args.base_bank or args.bank).resolve()))
        results: list[dict] = [{"times": {}} for _ in trees]
        for _ in range(args.rounds):
            for (tree, bank), merged in zip(trees, results):
                got = measure(tree, bank, draft, args.runs)
                merged["findings"] = got["findings"]
                for name, ts in got["times"].items():
                    merged["times"].setdefault(name, []).extend(ts)
        now, base = results[0], (results[1] if len(results) > 1 else None)
    print(f"1 MB draft, bank {args.bank}: {now['findings']:,} findings"
          + (f" (base: {base['findings']:,})" if base else "") + f"; CPU ms over {args.rounds} x {args.runs} runs")
    print(f"{'':32}{'min':>8}{'median':>8}" + (f"{'base min':>10}{'median':>8}{'ratio':>7}" if base else ""))
    order = sorted(now["times"], key=lambda k: -min(now["times"][k]))
    for name in order:
        ts = now["times"][name]
        row = f"{name:32}{min(ts) * 1000:8.1f}{statistics.median(ts) * 1000:8.1f}"
        if base and name in base["times"]:
            bs = base["times"][name]
            row += f"{min(bs) * 1000:10.1f}{statistics.median(bs) * 1000:8.1f}{min(ts) / max(min(bs), 1e-9):7.2f}"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
