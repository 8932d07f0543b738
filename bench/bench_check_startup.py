"""Cold start of `writer check` on a 5 KB draft, side by side in one run (issue 13, issue 9).

Cases, interleaved (each run once untimed first, to fill the compiled caches):

- ``writer suggest 人才`` of this tree: the yardstick (target: check <= 1.5x it);
- ``writer check`` of a 5 KB draft (the first 5 KB of the default corpus) with
  the default bank, on this tree, on ``--base`` (the commit this branch started
  from, a checkout folder) and on ``--before`` (the pre-refactor checkout: no slower);
- the same check with ``--bank BANK`` (a bank mined from the provincial corpus:
  a small draft must not pay for a large bank), on this tree and on ``--base``.

Prints the median and minimum wall time and the median CPU time (user +
system of the child) of each, and the ratios. Bytecode is written and reused
as an installed writer would; every command runs from an empty folder.

    python bench/bench_check_startup.py [--runs 15] [--base /tmp/check-base]
                                        [--before /tmp/before] [--bank DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import LAUNCH, PY, ROOT, env_for, measure, report, summary  # noqa: E402

SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"
TARGET = 1.5


def small_draft(size: int = 5000) -> str:
    """The first ``size`` bytes of the default corpus, cut at a line end."""
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    return data[:data.rfind("\n") + 1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--base", default="/tmp/check-base", help="checkout this branch started from")
    ap.add_argument("--before", default="/tmp/before", help="pre-refactor checkout")
    ap.add_argument("--bank", default="/tmp/s4/check-perf/provbank", help="a large mined bank")
    args = ap.parse_args()
    base, before, bank = Path(args.base), Path(args.before), Path(args.bank)
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        draft = cwd / "draft-5k.txt"
        draft.write_text(small_draft(), encoding="utf-8")
        check = [PY, "-c", LAUNCH, "check", str(draft)]
        cases = {"suggest": ([PY, "-c", LAUNCH, "suggest", "人才"], env_for(ROOT)),
                 "check": (check, env_for(ROOT))}
        for name, folder in (("base", base), ("before", before)):
            if folder.is_dir():
                cases[f"check ({name})"] = (check, env_for(folder))
        if (bank / "slogans.yaml").is_file():
            cases["check big bank"] = ([*check, "--bank", str(bank)], env_for(ROOT))
            if base.is_dir():
                cases["check big bank (base)"] = ([*check, "--bank", str(bank)], env_for(base))
        times = measure(cases, args.runs, cwd)
    print(f"writer check, 5 KB draft ({len(small_draft().encode('utf-8'))} bytes), {args.runs} runs each")
    report(times, [("check / suggest 人才", "check", "suggest"),
                   (f"check / base ({base})", "check", "check (base)"),
                   (f"check / pre-refactor ({before})", "check", "check (before)"),
                   ("check --bank big / default bank", "check big bank", "check"),
                   ("check --bank big / base", "check big bank", "check big bank (base)")])
    stats = summary(times)
    if "check" in stats and "suggest" in stats:
        for what, i in (("minimum wall time", 1), ("median CPU time", 2)):
            ratio = stats["check"][i] / stats["suggest"][i]
            print(f"target check / suggest <= {TARGET} ({what}): {ratio:.2f}", "met" if ratio <= TARGET else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
