"""Speed of `writer check --annotate` on the seed corpus as one .docx, measured side by side.

Converts phrasebank/corpus/summaries-2021.txt into one Word file (a paragraph
a line, made with python-docx), then times, interleaved in one run:
  * `writer check seed.docx --format json` (the yardstick),
  * `writer check seed.docx --annotate --force --format json` (the same check plus the
    annotated copy seed.审读.docx, a comment per finding),
and prints medians and the ratio annotate / check (target: at most 2). Both run
warm (bank caches built by a first untimed run of each) and with bytecode
written, as an installed package does.

    .venv/bin/python bench/bench_annotate.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"
WRITER = [sys.executable, "-c", "import sys; from writer.cli import main; sys.argv[0] = 'writer'; main()"]
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "WRITER_BANK")}


def seed_docx(folder: Path) -> Path:
    import docx

    document = docx.Document()
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    path = folder / "seed.docx"
    document.save(str(path))
    return path


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(WRITER + args, cwd=cwd, env=ENV, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"writer {' '.join(args)} 失败：{result.stderr.decode('utf-8', 'replace')}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = seed_docx(folder)
        plain = ["check", str(path), "--format", "json"]
        annotate = plain + ["--annotate", "--force"]
        timed(plain, folder)
        timed(annotate, folder)
        times: dict[str, list[float]] = {"check": [], "check --annotate": []}
        for _ in range(args.runs):
            times["check"].append(timed(plain, folder))
            times["check --annotate"].append(timed(annotate, folder))
        import docx

        comments = len(list(docx.Document(str(folder / "seed.审读.docx")).comments))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"seed.docx：{SEED.name} 的 {len(SEED.read_text(encoding='utf-8').splitlines())} 段，批注 {comments} 条；"
          f"每项 {args.runs} 次，交替运行，取中位数")
    for name, value in medians.items():
        print(f"  writer {name:<18} {value:6.2f} s")
    ratio = medians["check --annotate"] / medians["check"]
    print(f"比值 annotate / check = {ratio:.2f}（目标 ≤ 2）")


if __name__ == "__main__":
    main()
