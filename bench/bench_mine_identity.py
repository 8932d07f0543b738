"""Byte-identical banks (issue 13): this checkout under --jobs 1/2 and two hash seeds, and another checkout's.

Mines each corpus in fresh processes: --jobs 1 and 2, PYTHONHASHSEED 0 and 1, with this
checkout's Python, and once more with ``--other-python`` (a venv with another checkout of
writer installed, say the commit before a speed-up) when given; prints one verdict a corpus.
Corpora: the seed, ../shared/corpora/gov-reports-2026 and every 9th file of gov-reports-city
(100 files).

    python bench/bench_mine_identity.py [--other-python /path/to/venv/bin/python] [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
_MINE = ("import json, sys; from writer.mining.run import mine; "
         "mine(json.loads(open(sys.argv[1]).read()), 'bank', force=True, jobs=int(sys.argv[2]))")


def corpora(shared: Path) -> dict[str, list[str]]:
    out = {"seed": [str(ROOT / "phrasebank" / "corpus" / "summaries-2021.txt")]}
    if (shared / "gov-reports-2026").is_dir():
        out["gov-reports-2026"] = [str(shared / "gov-reports-2026")]
    city = shared / "gov-reports-city"
    if city.is_dir():
        out["city, 100 files"] = [str(p) for p in sorted(city.rglob("*.md"))[::9][:100]]
    return out


def mine(python: str, files: Path, work: Path, jobs: int, hash_seed: int) -> dict[str, bytes]:
    work.mkdir(parents=True)
    env = dict(os.environ, PYTHONHASHSEED=str(hash_seed))
    subprocess.run([python, "-c", _MINE, str(files), str(jobs)], cwd=work, env=env, check=True)
    return {p.name: p.read_bytes() for p in sorted((work / "bank").iterdir())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--other-python", help="the python of a venv with another checkout of writer")
    ap.add_argument("--corpora", type=Path, default=SHARED, help="the shared corpora folder")
    args = ap.parse_args()
    runs = [(sys.executable, jobs, seed) for jobs in (1, 2) for seed in (0, 1)]
    if args.other_python:
        runs.append((args.other_python, 1, 0))
    all_same = True
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in corpora(args.corpora).items():
            files = Path(tmp) / f"{len(name)}.json"
            files.write_text(json.dumps(paths), encoding="utf-8")
            banks, start = [], time.perf_counter()
            for k, (python, jobs, seed) in enumerate(runs):
                banks.append(mine(python, files, Path(tmp) / name / str(k), jobs, seed))
            same = all(b == banks[0] for b in banks)
            all_same &= same
            sizes = sum(map(len, banks[0].values()))
            print(f"{name}: {len(banks)} runs ({'this checkout' if not args.other_python else 'both checkouts'}, "
                  f"--jobs 1/2, PYTHONHASHSEED 0/1), {len(banks[0])} files, {sizes} bytes: "
                  f"{'identical' if same else 'DIFFERENT'} ({time.perf_counter() - start:.0f} s)", flush=True)
    sys.exit(0 if all_same else 1)


if __name__ == "__main__":
    main()
