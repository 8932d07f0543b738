"""Benchmark and corpus report of `writer check`.

    python bench/bench_check.py speed  [--bank DIR] [--keep DIR]
    python bench/bench_check.py counts [--bank DIR]

``speed``: checks a 1 MB draft (the default corpus repeated) against a bank
mined from the provincial reports, side by side with the naive script a
user would write (a Python loop of str.find over every bank phrase plus a
sentence split), and prints the ratio and whether jieba was imported. The
bank is mined with `writer mine` into a temporary folder unless --bank
names one (mining 38 MB takes minutes); when `writer mine` is unavailable
the phrase list is built from the corpus here.

``counts``: findings per rule and level on the 14 seed documents and on ten
provincial reports (2025, first ten provinces), for the README.

Reads ../shared/corpora; prints a notice and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPORA = REPO.parent / "shared" / "corpora"
PROVINCIAL = CORPORA / "gov-reports-provincial"
SEED = REPO / "phrasebank" / "corpus" / "summaries-2021.txt"
PHRASE_RULES = ["cliche", "slogan-density", "repeat"]


def make_draft(size: int = 1_000_000) -> str:
    """At least ``size`` bytes of UTF-8 summary text (the default corpus, repeated)."""
    seed = SEED.read_text(encoding="utf-8")
    copies = size // len(seed.encode("utf-8")) + 1
    return "\n".join([seed] * copies)


def naive(text: str, phrases: list[str]) -> tuple[int, int]:
    """What a user would script: find every phrase, split sentences, count per sentence."""
    sentences = re.split(r"(?<=[。！？])", text)
    ends, pos = [], 0
    for s in sentences:
        pos += len(s)
        ends.append(pos)
    hits = []
    for phrase in phrases:
        i = text.find(phrase)
        while i != -1:
            hits.append((i, phrase))
            i = text.find(phrase, i + 1)
    per_sentence = collections.Counter(bisect.bisect_right(ends, i) for i, _ in hits)
    dense = sum(1 for n in per_sentence.values() if n >= 4)
    return len(hits), dense


def mine_bank(target: Path) -> bool:
    cmd = [sys.executable, "-m", "writer", "mine", str(PROVINCIAL), "--out", str(target), "--jobs", "2", "--quiet"]
    print("mining the provincial corpus:", " ".join(cmd[2:]), flush=True)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO)
    print(f"  mined in {time.perf_counter() - start:.0f} s (exit {done.returncode})", flush=True)
    return (target / "slogans.yaml").exists()


def corpus_phrases(limit_docs: int = 2) -> list[str]:
    """Fallback bank: four-character Chinese strings found in at least ``limit_docs`` reports."""
    df: collections.Counter = collections.Counter()
    for path in sorted(PROVINCIAL.rglob("*.md")):
        grams = set()
        for run in re.findall(r"[\u4e00-\u9fff]{4,}", path.read_text(encoding="utf-8")):
            grams.update(run[i:i + 4] for i in range(len(run) - 3))
        df.update(grams)
    return sorted(p for p, n in df.items() if n >= limit_docs and n < 400)


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def speed(args) -> None:
    from writer.check import BankContext, Checker, CheckContext, load_rules, select_rules

    temp = None
    bank_dir = Path(args.bank) if args.bank else None
    if bank_dir is None:
        target = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="writer-bench-bank-")) / "bank"
        temp = target
        if not mine_bank(target):
            target = None
        bank_dir = target
    draft = make_draft()
    print(f"draft: {len(draft.encode('utf-8')) / 1e6:.2f} MB, {len(draft)} characters")

    if bank_dir is not None:
        from writer.bank import load_bank
        bank = load_bank(bank_dir)
        phrases = [s.text for s in bank.slogans]
        context = BankContext(bank_dir)
        print(f"bank: {bank_dir} ({len(bank.manifest['sources'])} documents, {len(phrases)} phrases)")
    else:
        phrases = corpus_phrases()
        context = CheckContext(slogans={p: 1 for p in phrases}, doc_count=1)
        print(f"bank: built here from the corpus ({len(phrases)} phrases)")

    start = time.perf_counter()
    phrase_checker = Checker(select_rules(load_rules(), only=PHRASE_RULES), context)
    first = phrase_checker.check_text(draft, "draft.txt")
    print(f"first run of {','.join(PHRASE_RULES)} (loads the bank, cold caches): {time.perf_counter() - start:.2f} s")

    t_naive = best_of(lambda: naive(draft, phrases))
    t_ours = best_of(lambda: phrase_checker.check_text(draft, "draft.txt"))
    print(f"naive str.find over {len(phrases)} phrases + sentence split: {t_naive:.3f} s")
    print(f"writer check --only {','.join(PHRASE_RULES)}: {t_ours:.3f} s ({len(first)} findings)")
    print(f"ratio naive / writer check: {t_naive / t_ours:.1f}x")

    full = Checker(select_rules(load_rules()), context)
    start = time.perf_counter()
    full.check_text(draft, "draft.txt")
    cold = time.perf_counter() - start
    t_full = best_of(lambda: full.check_text(draft, "draft.txt"), 2)
    print(f"all rules incl. copy against the bank corpus: first {cold:.2f} s, warm {t_full:.3f} s "
          f"(ratio naive / all rules: {t_naive / t_full:.1f}x)")
    print(f"jieba imported: {'jieba' in sys.modules}")
    if temp is not None and not args.keep:
        import shutil
        shutil.rmtree(temp.parent, ignore_errors=True)


def seed_documents(folder: Path) -> list[Path]:
    """The 14 documents of the default corpus as separate files, cut at their titles."""
    from writer.reader import parse_text

    text = SEED.read_text(encoding="utf-8")
    docs = parse_text(text, SEED.name)
    lines = text.split("\n")
    squash = lambda s: re.sub(r"\s+", "", s)   # noqa: E731
    starts, pos = [], 0
    for doc in docs:
        title = squash(doc.title)
        for i in range(max(pos, 30), len(lines)):
            line = squash(lines[i])
            if line == title or (len(line) >= 6 and title.startswith(line)):
                starts.append(i)
                pos = i + 1
                break
    starts.append(len(lines))
    out = []
    for k in range(len(starts) - 1):
        path = folder / f"seed-{k + 1:02d}.txt"
        path.write_text("\n".join(lines[starts[k]:starts[k + 1]]) + "\n", encoding="utf-8")
        out.append(path)
    return out


def counts(args) -> None:
    from writer.check import BankContext, Checker, load_rules, read_draft, select_rules

    checker = Checker(select_rules(load_rules()), BankContext(args.bank))
    provincial = sorted(PROVINCIAL.glob("*/2025.md"))[:10]
    with tempfile.TemporaryDirectory() as tmp:
        groups = {"seed (14 documents)": seed_documents(Path(tmp)), "provincial 2025 (10 reports)": provincial}
        for name, files in groups.items():
            tally: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
            for path in files:
                text, markdown = read_draft(str(path))
                for f in checker.check_text(text, str(path), markdown):
                    tally[f.rule][f.level] += 1
            print(f"{name}: {', '.join(p.parent.name if p.suffix == '.md' else p.stem for p in files)}")
            for rule in load_rules().rules:
                if tally[rule]:
                    print(f"  {rule:15s} " + ", ".join(f"{lvl} {n}" for lvl, n in sorted(tally[rule].items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["speed", "counts"])
    parser.add_argument("--bank", help="use this bank folder instead of mining one")
    parser.add_argument("--keep", help="mine into this folder and keep it")
    args = parser.parse_args()
    if not PROVINCIAL.is_dir():
        print(f"{PROVINCIAL} is absent; nothing to measure.")
        return
    speed(args) if args.mode == "speed" else counts(args)


if __name__ == "__main__":
    main()
