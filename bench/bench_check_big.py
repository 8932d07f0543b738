"""`writer check` of a 1 MB draft with a large bank, as whole processes side by side (issue 13).

Interleaved runs, each a fresh process (the first of each untimed, to fill caches):

- the naive script a user would write: read the bank's phrases (one a line) and
  the draft, ``str.find`` every phrase, split sentences, count phrases per sentence;
- pyahocorasick (when installed) building an automaton of the same phrases and
  scanning the draft, the floor for matching that many phrases from Python;
- writer's own phrase scanner (writer.check.draft.PhraseScanner) building its
  tables for the same phrases and scanning the draft, in the same kind of script;
- ``writer check DRAFT --bank BANK --format json`` of this tree, of ``--base`` and of
  ``--before`` (the checkout before the reorganisation of issue 9: checking no slower);
- the same with the plain-text report (stdout not a terminal), this tree;
- the floor, each part alone in its own process: Python starting and importing typer,
  ``writer check`` of a one-line draft with the same bank (start-up, rules, phrase
  tables), reading the 1 MB draft (the splitter's modules imported), reading it and splitting it
  into paragraphs and sentences once,
  the copy rule's lookups alone (index mapped, draft normalised, every run found);
  with the scanner's row (phrase scan alone) they say what no rule-level change can remove.

Each checkout other than this tree checks with its own copy of the bank (``--base-bank``,
``--before-bank``; default: the bank itself): the trees keep the bank's caches (copy
index, phrase sets) in different formats, and one folder shared by them would be rebuilt
at every turn. Every check here is a first run for its findings: writer keeps no findings
between runs, only the bank's compiled caches (copy index, phrase sets, rules), which the
untimed first run of each case builds.

The draft is the default corpus repeated to 1 MB; the bank is mined from the
provincial corpus (``writer mine …/gov-reports-provincial --out BANK``). Prints the
median and minimum wall time and median CPU time, and the targets: check at
least 10x faster than the naive script, within 3x of pyahocorasick, the text
report not much slower than JSON.

    python bench/bench_check_big.py [--runs 5] [--bank DIR] [--base DIR [--base-bank COPY]]
                                    [--before DIR [--before-bank COPY]]
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import make_draft, naive  # noqa: E402
from bench_startup import LAUNCH, PY, ROOT, env_for, measure, report, summary  # noqa: E402

# The naive script is bench_check.naive itself, run in its own process over the bank's phrases.
NAIVE = ("import bisect, collections, re, sys\n" + inspect.getsource(naive) +
         'text = open(sys.argv[1], encoding="utf-8").read()\n'
         'phrases = open(sys.argv[2], encoding="utf-8").read().split("\\n")\n'
         "print(*naive(text, phrases))\n")
AHO = '''import sys
import ahocorasick
text = open(sys.argv[1], encoding="utf-8").read()
automaton = ahocorasick.Automaton()
for phrase in open(sys.argv[2], encoding="utf-8").read().split("\\n"):
    automaton.add_word(phrase, phrase)
automaton.make_automaton()
print(sum(1 for _ in automaton.iter(text)))
'''
SCANNER = '''import sys
from writer.check.draft import PhraseScanner
text = open(sys.argv[1], encoding="utf-8").read()
phrases = open(sys.argv[2], encoding="utf-8").read().split("\\n")
print(len(PhraseScanner(phrases).scan(text)))
'''

# Reading the draft with the splitter's modules imported: "read + split" less this is the split.
READ = '''import sys
from writer.check.draft import Draft
print(len(open(sys.argv[1], encoding="utf-8").read()))
'''
SPLIT = '''import sys
from writer.check.draft import Draft
draft = Draft(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
print(sum(len(p.sentences) for p in draft.paragraphs))
'''
COPY = '''import sys
from writer.check.context import BankContext
from writer.check.copyindex import Normalised
corpus = BankContext(sys.argv[2]).corpus
print(len(corpus.find_runs(Normalised(open(sys.argv[1], encoding="utf-8").read()).text, 20, 2)))
'''
FLOOR = ("python + typer", "check of one line", "read draft", "read + split", "writer scanner", "copy lookups")


def bank_phrases(bank: Path) -> list[str]:
    from writer.bank.store import load_bank

    return sorted({s.text for s in load_bank(bank).slogans if s.text})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bank", default="/tmp/s5/check-perf/provbank")
    ap.add_argument("--base", default="/tmp/base9")
    ap.add_argument("--base-bank", help="a copy of --bank for --base (default: --bank)")
    ap.add_argument("--before", default="/tmp/before")
    ap.add_argument("--before-bank", help="a copy of --bank for --before (default: --bank)")
    ap.add_argument("--cases", help="only these cases, comma-separated (default: every case)")
    args = ap.parse_args()
    bank, base, before = Path(args.bank), Path(args.base), Path(args.before)
    if not (bank / "slogans.yaml").is_file():
        print(f"{bank} is no bank; mine one: writer mine ../shared/corpora/gov-reports-provincial --out {bank}")
        return 0
    phrases = bank_phrases(bank)
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        draft, words = cwd / "draft-1mb.txt", cwd / "phrases.txt"
        draft.write_text(make_draft(), encoding="utf-8")
        words.write_text("\n".join(phrases), encoding="utf-8")
        (cwd / "naive.py").write_text(NAIVE, encoding="utf-8")
        (cwd / "aho.py").write_text(AHO, encoding="utf-8")
        (cwd / "scanner.py").write_text(SCANNER, encoding="utf-8")
        (cwd / "read_draft.py").write_text(READ, encoding="utf-8")
        (cwd / "split_draft.py").write_text(SPLIT, encoding="utf-8")
        (cwd / "copy_lookups.py").write_text(COPY, encoding="utf-8")
        (cwd / "line.txt").write_text("一行草稿。\n", encoding="utf-8")
        check = [PY, "-c", LAUNCH, "check", str(draft), "--bank", str(bank)]
        cases = {"naive": ([PY, str(cwd / "naive.py"), str(draft), str(words)], env_for(ROOT)),
                 "check json": ([*check, "--format", "json"], env_for(ROOT)),
                 "check text": (check, env_for(ROOT)),
                 "writer scanner": ([PY, str(cwd / "scanner.py"), str(draft), str(words)], env_for(ROOT)),
                 "python + typer": ([PY, "-c", "import typer"], env_for(ROOT)),
                 "check of one line": ([PY, "-c", LAUNCH, "check", str(cwd / "line.txt"), "--bank", str(bank),
                                        "--format", "json"], env_for(ROOT)),
                 "read draft": ([PY, str(cwd / "read_draft.py"), str(draft)], env_for(ROOT)),
                 "read + split": ([PY, str(cwd / "split_draft.py"), str(draft)], env_for(ROOT)),
                 "copy lookups": ([PY, str(cwd / "copy_lookups.py"), str(draft), str(bank)], env_for(ROOT))}
        try:
            import ahocorasick  # noqa: F401
            cases["pyahocorasick"] = ([PY, str(cwd / "aho.py"), str(draft), str(words)], env_for(ROOT))
        except ImportError:
            print("(pyahocorasick is not installed: its row is skipped)")
        for name, tree, copy in (("base", base, args.base_bank), ("before", before, args.before_bank)):
            if tree.is_dir():
                other = [PY, "-c", LAUNCH, "check", str(draft), "--bank", str(copy or bank), "--format", "json"]
                cases[f"check json ({name})"] = (other, env_for(tree))
        if args.cases:
            cases = {name: case for name, case in cases.items() if name in args.cases.split(",")}
        times = measure(cases, args.runs, cwd)
    print(f"1 MB draft, bank {bank} ({len(phrases):,} phrases), {args.runs} runs each; every check a first "
          "run for its findings (none kept between runs; only the bank's compiled caches)")
    report(times, [("naive str.find / check json", "naive", "check json"),
                   ("check json / pyahocorasick", "check json", "pyahocorasick"),
                   ("check text / check json", "check text", "check json"),
                   ("writer scanner / pyahocorasick", "writer scanner", "pyahocorasick"),
                   (f"check json / base ({base})", "check json", "check json (base)"),
                   (f"check json / before ({before})", "check json", "check json (before)")])
    stats = summary(times)
    if "check json" in stats:
        print("floor (median CPU ms, each part alone in its own process; share of check json):")
        for name in FLOOR:
            if name in stats:
                print(f"  {name:20} {stats[name][2] * 1000:7.0f}  {stats[name][2] / stats['check json'][2]:6.0%}")
        if "check of one line" in stats:
            own = stats["check json"][2] - stats["check of one line"][2]
            print(f"  the 1 MB's own work (check json - check of one line): {own * 1000:.0f} ms CPU")
        if "read draft" in stats and "read + split" in stats:
            print(f"  paragraphs and sentences (read + split - read draft): "
                  f"{(stats['read + split'][2] - stats['read draft'][2]) * 1000:.0f} ms CPU")
        if "naive" in stats:
            print(f"  check json must be at most {stats['naive'][2] * 100:.0f} ms CPU for naive / check >= 10")
        if "pyahocorasick" in stats:
            print(f"  check json must be at most {stats['pyahocorasick'][2] * 3000:.0f} ms CPU "
                  "for check / pyahocorasick <= 3")
    for label, a, b, bound, above in (("naive / check >= 10", "naive", "check json", 10, True),
                                      ("check / pyahocorasick <= 3", "check json", "pyahocorasick", 3, False),
                                      ("check / before <= 1 (issue 9)", "check json", "check json (before)", 1, False)):
        if a in stats and b in stats:
            for what, i in (("min wall", 1), ("median CPU", 2)):
                ratio = stats[a][i] / stats[b][i]
                ok = ratio >= bound if above else ratio <= bound
                print(f"target {label} ({what}): {ratio:.2f}", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
