"""`writer check --format json` of this tree and of another checkout, compared byte for byte.

A speed change of the checker must leave every finding as it was. Each case
runs as a user runs it (``python -m writer check FILE --format json``, a fresh
process per side, the other checkout first put on PYTHONPATH): the check
fixtures (tests/fixtures/check), the 14 documents of the default corpus, five
city and ten provincial reports, and the drafts the speed benches check (the
first 5 KB of the default corpus, the default corpus repeated to 1 MB; both also as
Markdown, whose lines join into paragraphs) and a draft of
passages with characters beyond the Basic Multilingual Plane and full-width letters in
them (which the copy index compares in its own units), with
the shipped bank and, with ``--bank``, with that bank too; those two drafts
also with the plain-text report. Prints each case that differs and exits 1 then.

``--base-bank`` gives the other checkout its own copy of ``--bank``: the two trees
may keep the bank's caches in different formats, and a shared cache folder would be
rebuilt at every turn (for a provincial bank's copy index, a minute each time).

    python bench/bench_check_identity.py --base /tmp/check-base [--bank DIR [--base-bank COPY]]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import CITY, FIXTURES, PROVINCIAL, REPO, make_draft, seed_documents  # noqa: E402
from bench_check_startup import small_draft  # noqa: E402


def check_json(root: Path, path: Path, bank: Path | None, cwd: Path, output: str = "json") -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("WRITER_BANK",)}
    env["PYTHONPATH"] = str(root)
    cmd = [sys.executable, "-m", "writer", "check", str(path), "--format", output]
    if bank is not None:
        cmd += ["--bank", str(bank)]
    done = subprocess.run(cmd, capture_output=True, env=env, cwd=cwd)
    return done.stdout + b"\n--exit %d--\n" % done.returncode + done.stderr.replace(str(root).encode(), b"ROOT")


def wide_draft(text: str) -> str:
    """``text`` with a character beyond the Basic Multilingual Plane or a full-width letter
    every 97 characters (inside passages the copy rule may find)."""
    marks = "𠀀😀𪚥ＡＢ１"
    return "".join(text[k:k + 97] + marks[(k // 97) % len(marks)] for k in range(0, len(text), 97))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the other checkout (a folder holding writer/)")
    ap.add_argument("--bank", help="also compare with this bank folder")
    ap.add_argument("--base-bank", help="the same bank copied to another folder, for --base (default: --bank)")
    args = ap.parse_args()
    base = Path(args.base).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        files = sorted(FIXTURES.glob("*.*")) + seed_documents(cwd)
        reports = sorted(CITY.glob("*/*.md"))[:5] + sorted(PROVINCIAL.glob("*/2025.md"))[:10]
        if not reports:
            print(f"(no corpora at {CITY.parent}: the city and provincial reports are left out; set WRITER_CORPORA)")
        files += reports
        drafts = [cwd / "draft-5k.txt", cwd / "draft-1mb.txt"]
        drafts[0].write_text(small_draft(), encoding="utf-8")
        drafts[1].write_text(make_draft(), encoding="utf-8")
        wide = cwd / "draft-wide.txt"
        wide.write_text(wide_draft(small_draft()), encoding="utf-8")
        # The same drafts read as Markdown (lines joined into paragraphs, headings, lists).
        marked = [path.with_suffix(".md") for path in drafts]
        for path, copy in zip(drafts, marked):
            copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        cases = [(path, "json") for path in files + drafts + marked + [wide]] + [(path, "text") for path in drafts]
        banks = [(None, None)] + ([(Path(args.bank), Path(args.base_bank or args.bank))] if args.bank else [])
        same = total = 0
        for bank, base_bank in banks:
            for path, output in cases:
                total += 1
                before = check_json(base, path, base_bank, cwd, output)
                after = check_json(REPO, path, bank, cwd, output)
                if base_bank != bank:
                    before = before.replace(str(base_bank).encode(), str(bank).encode())
                if before == after:
                    same += 1
                else:
                    print(f"DIFFERENT: {path.name} {output} (bank {bank or 'shipped'}): "
                          f"{len(before)} vs {len(after)} bytes")
    print(f"{same} of {total} cases byte-identical (JSON, exit code, stderr) between {base} and {REPO}")
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
