"""Cold start of `writer check` on a 5 KB draft, side by side in one run (issue 13, issue 9).

Cases, interleaved (each run once untimed first, to fill the compiled caches):

- ``writer suggest 人才`` of this tree, of ``--base`` (the commit this branch started
  from, a checkout folder) and of ``--main`` (the main checkout, whose suggest other
  work makes faster): the yardsticks (target: check <= 1.5x each);
- ``writer check`` of a 5 KB draft (the first 5 KB of the default corpus) with
  the default bank, on this tree, on ``--base`` and on ``--before`` (the
  pre-refactor checkout: no slower);
- the same check with ``--bank BANK`` (a bank mined from the provincial corpus:
  a small draft must not pay for a large bank), on this tree and on ``--base``.

Prints the median and minimum wall time and the median and minimum CPU time
(user + system of the child) of each, and the ratios. On a machine shared with
other work the wall and even the CPU times swing; ``--instructions`` also counts
the instructions one run of each case executes (valgrind's callgrind, when
installed; deterministic, though an instruction is not a fixed time). Bytecode
is written and reused as an installed writer would; every command runs from an
empty folder.

    python bench/bench_check_startup.py [--runs 15] [--base /tmp/base9] [--main /work/main]
                                        [--before /tmp/before] [--bank DIR] [--instructions]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import LAUNCH, PY, ROOT, env_for, instructions, measure, report, summary  # noqa: E402

SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"
TARGET = 1.5


def small_draft(size: int = 5000) -> str:
    """The first ``size`` bytes of the default corpus, cut at a line end."""
    text = SEED.read_text(encoding="utf-8")
    data = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    return data[:data.rfind("\n") + 1]


def _cases(args, cwd: Path) -> dict:
    draft = cwd / "draft-5k.txt"
    draft.write_text(small_draft(), encoding="utf-8")
    check = [PY, "-c", LAUNCH, "check", str(draft)]
    suggest = [PY, "-c", LAUNCH, "suggest", "人才"]
    cases = {"suggest": (suggest, env_for(ROOT)), "check": (check, env_for(ROOT))}
    for name, folder in (("base", Path(args.base)), ("main", Path(args.main))):
        if folder.is_dir() and folder.resolve() != ROOT:
            cases[f"suggest ({name})"] = (suggest, env_for(folder))
    for name, folder in (("base", Path(args.base)), ("before", Path(args.before))):
        if folder.is_dir():
            cases[f"check ({name})"] = (check, env_for(folder))
    bank = Path(args.bank)
    if (bank / "slogans.yaml").is_file():
        cases["check big bank"] = ([*check, "--bank", str(_bank_view(bank, cwd / "bank"))], env_for(ROOT))
        if Path(args.base).is_dir():
            cases["check big bank (base)"] = ([*check, "--bank", str(_bank_view(bank, cwd / "bank-base"))],
                                              env_for(Path(args.base)))
    return cases


def _bank_view(bank: Path, folder: Path) -> Path:
    """A folder of links to ``bank``'s files: each tree then keeps its caches in a folder of its
    own (two trees sharing one bank's .cache would overwrite each other's on every run)."""
    folder.mkdir()
    for entry in bank.iterdir():
        if entry.name != ".cache":
            (folder / entry.name).symlink_to(entry.resolve())
    return folder


PAIRS = [("check / suggest 人才", "check", "suggest"), ("check / suggest 人才 (base)", "check", "suggest (base)"),
         ("check / suggest 人才 (main)", "check", "suggest (main)"), ("check / base", "check", "check (base)"),
         ("check / pre-refactor", "check", "check (before)"), ("check --bank big / default bank", "check big bank", "check"),
         ("check --bank big / base", "check big bank", "check big bank (base)")]


def _targets(times: dict) -> None:
    stats = summary(times)
    cpu_min = {name: min(c for _, c in ts) for name, ts in times.items()}
    for yardstick in ("suggest", "suggest (base)", "suggest (main)"):
        if "check" not in stats or yardstick not in stats:
            continue
        for what, new, old in (("minimum wall time", stats["check"][1], stats[yardstick][1]),
                               ("median CPU time", stats["check"][2], stats[yardstick][2]),
                               ("minimum CPU time", cpu_min["check"], cpu_min[yardstick])):
            ratio = new / old
            print(f"target check / {yardstick} <= {TARGET} ({what}): {ratio:.2f}", "met" if ratio <= TARGET else "NOT met")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--base", default="/tmp/base9", help="checkout this branch started from")
    ap.add_argument("--main", default="/work/main", help="the main checkout (its suggest)")
    ap.add_argument("--before", default="/tmp/before", help="pre-refactor checkout")
    ap.add_argument("--bank", default="/tmp/s8/check-big/provbank", help="a large mined bank")
    ap.add_argument("--instructions", action="store_true", help="also count each case's instructions (valgrind)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        cases = _cases(args, cwd)
        times = measure(cases, args.runs, cwd)
        counts = {name: instructions(cmd, env, cwd) for name, (cmd, env) in cases.items()} if args.instructions else {}
    print(f"writer check, 5 KB draft ({len(small_draft().encode('utf-8'))} bytes), {args.runs} runs each")
    report(times, PAIRS)
    cpu_min = {name: min(c for _, c in ts) for name, ts in times.items()}
    print("minimum CPU ms: " + ", ".join(f"{name} {value * 1000:.0f}" for name, value in cpu_min.items()))
    _targets(times)
    if counts and all(counts.values()):
        print("instructions (millions): " + ", ".join(f"{name} {n / 1e6:.0f}" for name, n in counts.items()))
        for label, new, old in PAIRS:
            if new in counts and old in counts:
                print(f"  {label:38} {counts[new] / counts[old]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
