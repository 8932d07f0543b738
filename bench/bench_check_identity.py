"""`writer check --format json` of this tree and of another checkout, compared byte for byte.

A speed change of the checker must leave every finding as it was. Each case
runs as a user runs it (``python -m writer check FILE --format json``, a fresh
process per side, the other checkout first put on PYTHONPATH): the check
fixtures (tests/fixtures/check), the 14 documents of the default corpus, five
city and ten provincial reports, with the shipped bank and, with ``--bank``,
with that bank too. Prints each case that differs and exits 1 then.

    python bench/bench_check_identity.py --base /tmp/check-base [--bank DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import CITY, FIXTURES, PROVINCIAL, REPO, seed_documents  # noqa: E402


def check_json(root: Path, path: Path, bank: Path | None, cwd: Path) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("WRITER_BANK",)}
    env["PYTHONPATH"] = str(root)
    cmd = [sys.executable, "-m", "writer", "check", str(path), "--format", "json"]
    if bank is not None:
        cmd += ["--bank", str(bank)]
    done = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd)
    return done.stdout + b"\n--exit %d--\n" % done.returncode + done.stderr.replace(str(root).encode(), b"ROOT")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the other checkout (a folder holding writer/)")
    ap.add_argument("--bank", help="also compare with this bank folder")
    args = ap.parse_args()
    base = Path(args.base).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        files = sorted(FIXTURES.glob("*.*")) + seed_documents(cwd)
        files += sorted(CITY.glob("*/*.md"))[:5] + sorted(PROVINCIAL.glob("*/2025.md"))[:10]
        banks = [None] + ([Path(args.bank)] if args.bank else [])
        same = total = 0
        for bank in banks:
            for path in files:
                total += 1
                before, after = check_json(base, path, bank, cwd), check_json(REPO, path, bank, cwd)
                if before == after:
                    same += 1
                else:
                    print(f"DIFFERENT: {path.name} (bank {bank or 'shipped'}): {len(before)} vs {len(after)} bytes")
    print(f"{same} of {total} cases byte-identical (JSON, exit code, stderr) between {base} and {REPO}")
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
