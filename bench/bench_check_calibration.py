"""How often `writer check` complains about published, professionally edited text.

    python bench/bench_check_calibration.py [--n 20] [--seed 10] [--bank DIR]
                                            [--baseline REV | --no-baseline]
                                            [--sample K --sample-out FILE]
                                            [--derive [long-sentence|slogan-density]]

Checks N government work reports drawn at random (``--seed``) from
../shared/corpora/gov-reports-city and the 14 documents of the default corpus
(phrasebank/corpus/summaries-2021.txt, cut at their titles), every shipped
rule, against the shipped bank (or --bank). Prints, per rule and level, the
findings per 10,000 characters (non-blank characters of the checked text) and
the share of documents that fail at the default --fail-on (warning), for the
current tree and for --baseline (default: the commit before the calibration
of issue 10, with the bank it shipped unless --bank is given), each version
in its own process, side by side.

The seed's documents are the shipped bank's own corpus: the copy rule finds
every one of their sentences there, which says nothing about calibration, so
copy findings on the seed are counted apart (``copy (own corpus)``) and left
out of the seed's totals and failures.

``--sample K`` writes K warnings and errors of the current tree from each
group (city reports, seed), drawn at random (``--seed``), to
``--sample-out`` as tab-separated rows (group, file, rule, level, line:column,
the flagged span shortened, message) for an editor to judge.

``--derive`` prints instead the statistics the long-sentence thresholds are
derived from (writer/data/check/rules/long-sentence.yaml says which): over
every clause of every city report, as the length kind measures it, the
percentiles of clause length, of the longest stretch without a pause and of
characters per pause, and how often the shipped thresholds fire.
``--derive slogan-density`` prints those behind slogan-density's
(slogan-density.yaml): counted phrases per clause, the share of a clause's
characters they cover where there are ``sentence`` or more, and how often
the shipped clause and paragraph thresholds fire.

Reads ../shared/corpora; prints a notice and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("WRITER_BENCH_ROOT") or str(REPO))
sys.path.insert(1, str(REPO / "bench"))
import bench_check  # noqa: E402 — its run_measure starts a measuring process of either checkout
CITY = REPO.parent / "shared" / "corpora" / "gov-reports-city"
# The last commit before issue 10's calibration of long-sentence, repeat and cliche.
BASELINE = "80e0e20"
SERIOUS = ("warning", "error")
SPAN = 24          # characters of a flagged span kept in the sample


def city_reports(n: int, seed: int) -> list[Path]:
    reports = sorted(CITY.glob("*/*.md"))
    return sorted(random.Random(seed).sample(reports, min(n, len(reports))))


def seed_files(folder: Path) -> list[Path]:
    from bench_check import seed_documents

    return seed_documents(folder)


def shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SPAN else text[:SPAN // 2] + "…" + text[-SPAN // 2:]


def measure(job: dict) -> dict:
    """Findings of every shipped rule on the job's files: per group, rule and level."""
    from writer.check.context import BankContext
    from writer.check.engine import Checker, select_rules
    from writer.check.inputs import read_draft
    from writer.check.rules import load_rules

    checker = Checker(select_rules(load_rules()), BankContext(job["bank"]))
    out: dict = {"groups": {}, "findings": []}
    for group, files in job["groups"].items():
        tally: dict = collections.defaultdict(lambda: collections.Counter())
        chars, failed = 0, 0
        for name in files:
            text, markdown = read_draft(name)
            chars += len("".join(text.split()))
            fails = False
            for f in checker.check_text(text, name, markdown):
                rule = f.rule
                if group == "seed" and rule == "copy":
                    rule = "copy (own corpus)"
                tally[rule][f.level] += 1
                if f.level in SERIOUS and rule != "copy (own corpus)":
                    fails = True
                    out["findings"].append([group, name, f.rule, f.level, f"{f.line}:{f.column}",
                                            shorten(text[f.start:f.end]), f.message])
            failed += fails
        out["groups"][group] = {"chars": chars, "docs": len(files), "failed": failed,
                                "tally": {r: dict(c) for r, c in tally.items()}}
    return out


def percentiles(values: list, qs=(0.5, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999)) -> str:
    values = sorted(values)
    cells = [f"{q * 100:g}%: {values[min(len(values) - 1, int(q * len(values)))]:.4g}" for q in qs]
    return ", ".join(cells) + f", max: {values[-1]:.4g}" if values else "-"


def derive() -> None:
    """Statistics of published clauses behind the long-sentence thresholds."""
    from writer.check.draft import Draft
    from writer.check.inputs import read_draft
    from writer.check.kinds.length import _HAN, _clauses, reading_measure
    from writer.check.rules import load_rules

    check = load_rules().rules["long-sentence"].checks[0]
    params = check.params
    units = frozenset(check.resolve(params["units"], None))
    lengths, stretches, segments, long_stretches, long_segments = [], [], [], [], []
    chars = 0
    reports = sorted(CITY.glob("*/*.md"))
    for path in reports:
        text, markdown = read_draft(str(path))
        chars += len("".join(text.split()))
        draft = Draft(text, str(path), markdown)
        draft.prepare_phrases(units)
        covers = sorted([*draft.title_spans(), *((s, e) for s, e, _ in draft.phrase_hits(units))])
        starts = [c[0] for c in covers]
        for paragraph in draft.paragraphs:
            for sentence in paragraph.sentences:
                for start, part, _ in _clauses(sentence, params["split"]):
                    if not _HAN.search(part):
                        continue        # the kind skips table rules and runs of symbols too
                    end = start + len(part)
                    inside = covers[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
                    local = [(s - start, e - start) for s, e in inside if e <= end]
                    stretch, segment = reading_measure(part, local, params["pauses"])
                    length = len("".join(part.split()))
                    lengths.append(length)
                    stretches.append(stretch)
                    if length > params["max"]:
                        long_stretches.append(stretch)
                        long_segments.append(segment)
    fired = sum(1 for st, sg in zip(long_stretches, long_segments) if st > params["stretch"] or sg > params["segment"])
    fired += sum(1 for n in lengths if n > params["ceiling"])
    print(f"{len(reports)} city reports, {chars} characters, {len(lengths)} clauses")
    print(f"clause length: {percentiles(lengths)}")
    print(f"longest stretch without a pause, every clause: {percentiles(stretches)}")
    print(f"clauses over max ({params['max']}): {len(long_stretches)}")
    print(f"  longest stretch without a pause: {percentiles(long_stretches)}")
    print(f"  characters per pause: {percentiles(long_segments)}")
    print(f"shipped thresholds (stretch {params['stretch']}, segment {params['segment']}, ceiling "
          f"{params['ceiling']}) fire on {fired} clauses, {10000 * fired / chars:.3f} per 10,000 characters")


def derive_density() -> None:
    """Statistics of published clauses behind the slogan-density thresholds."""
    from writer.check.context import BankContext
    from writer.check.draft import Draft
    from writer.check.inputs import read_draft
    from writer.check.kinds.phrases import own_wording
    from writer.check.rules import load_rules
    from writer.zh import clause_spans

    check = load_rules().rules["slogan-density"].checks[0]
    params, ctx, none = check.params, BankContext(str(REPO / "phrasebank")), frozenset()
    phrases, within = check.phrase_set(ctx, none), check.within_set(ctx)
    counts, shares, piles, chars, clauses, fired, paragraphs = [], [], [], 0, 0, 0, 0
    reports = sorted(CITY.glob("*/*.md"))
    for path in reports:
        text, markdown = read_draft(str(path))
        chars += len("".join(text.split()))
        draft = Draft(text, str(path), markdown)
        draft.prepare_phrases(phrases | within)
        clauses += sum(len(clause_spans(s.text, params["split"])) for p in draft.paragraphs for s in p.sentences)
        own = own_wording(check, draft, ctx, check.hits(draft, ctx, none))
        current, pile = None, 0
        for paragraph, sentence, hits in draft.hit_sentences(own):
            if paragraph is not current:
                paragraphs += pile >= params["paragraph"]
                current, pile = paragraph, 0
            if len(check._items(hits)) >= params["pile"]:
                pile += len(check._items(hits))
            for n, items in check.clauses(sentence, hits):
                counts.append(len(items))
                if len(items) >= params["sentence"]:
                    share = sum(h[1] - h[0] for h in items) / n
                    shares.append(share)
                    fired += share >= params["share"]
            piles.append(pile)
        paragraphs += pile >= params["paragraph"]
    print(f"{len(reports)} city reports, {chars} characters, {clauses} clauses, {len(counts)} holding a counted phrase")
    print(f"counted phrases per clause holding one: {percentiles(counts)}")
    print(f"clauses with {params['sentence']} or more: {len(shares)}, {10000 * len(shares) / chars:.3f} per 10,000 "
          f"characters; share of their characters the phrases cover: {percentiles(shares, (0.1, 0.25, 0.5, 0.75, 0.9))}")
    print(f"shipped thresholds (sentence {params['sentence']}, share {params['share']}) fire on {fired} clauses, "
          f"{10000 * fired / chars:.3f} per 10,000 characters; paragraphs (paragraph {params['paragraph']}, "
          f"pile {params['pile']}): {paragraphs}, {10000 * paragraphs / chars:.3f} per 10,000 characters")


def own_bank(rev: str, folder: Path) -> Path | None:
    """The phrasebank/ commit ``rev`` shipped, extracted under ``folder``; None for a checkout folder."""
    if Path(rev).is_dir():
        return None
    done = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev, "phrasebank"],
                          capture_output=True, check=False)
    if done.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(folder)
    return folder / "phrasebank"


def run_measure(root: Path, job: dict) -> dict:
    return bench_check.run_measure(root, job, __file__)


def per_10k(count: int, chars: int) -> str:
    return f"{10000 * count / chars:7.2f}" if chars else "      -"


def print_group(group: str, results: dict[str, dict]) -> None:
    """One table: rule/level rows, one column per measured version."""
    names = list(results)
    first = results[names[0]]["groups"][group]
    print(f"\n{group}: {first['docs']} documents, {first['chars']} characters; findings per 10,000 characters")
    rows = sorted({(rule, level) for r in results.values()
                   for rule, levels in r["groups"][group]["tally"].items() for level in levels})
    print(f"  {'rule':22s}{'level':9s}" + "".join(f"{n:>12s}" for n in names))
    for rule, level in rows:
        cells = [per_10k(r["groups"][group]["tally"].get(rule, {}).get(level, 0), r["groups"][group]["chars"])
                 for r in results.values()]
        print(f"  {rule:22s}{level:9s}" + "".join(f"{c:>12s}" for c in cells))
    for label, levels in (("warnings+errors", SERIOUS), ("info", ("info",))):
        cells = []
        for r in results.values():
            g = r["groups"][group]
            count = sum(n for rule, lv in g["tally"].items() if rule != "copy (own corpus)"
                        for level, n in lv.items() if level in levels)
            cells.append(per_10k(count, g["chars"]))
        print(f"  {label:31s}" + "".join(f"{c:>12s}" for c in cells))
    cells = [f"{r['groups'][group]['failed']}/{r['groups'][group]['docs']}" for r in results.values()]
    print(f"  {'documents failing --fail-on warning':31s}" + "".join(f"{c:>12s}" for c in cells))


def write_sample(findings: list, k: int, seed: int, target: Path) -> None:
    """``k`` warnings and errors of each group drawn at random, as tab-separated rows."""
    chosen = []
    for group in sorted({row[0] for row in findings}):
        rows = [row for row in findings if row[0] == group]
        chosen += random.Random(seed).sample(rows, min(k, len(rows)))
    chosen.sort(key=lambda r: (r[0], r[2], r[1], [int(n) for n in r[4].split(":")]))
    lines = ["group\tfile\trule\tlevel\tline:column\tspan\tmessage"]
    for group, name, rule, level, line, span, message in chosen:
        lines.append("\t".join([group, Path(name).parent.name + "/" + Path(name).name, rule, level, line,
                                span, message]))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nsample of {len(chosen)} warnings and errors (of {len(findings)}; up to {k} per group) "
          f"written to {target}")


def main() -> None:
    if sys.argv[1:] == ["_measure"]:
        json.dump(measure(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20, help="city reports to check")
    parser.add_argument("--seed", type=int, default=10, help="seed of the random choices")
    parser.add_argument("--bank", default=None, help="bank folder (default: the shipped bank)")
    parser.add_argument("--baseline", default=BASELINE, help="commit (or checkout folder) to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--sample", type=int, default=0, help="warnings and errors to draw from each group for judging")
    parser.add_argument("--derive", nargs="?", const="long-sentence", choices=["long-sentence", "slogan-density"],
                        help="statistics behind a rule's thresholds (default: long-sentence)")
    parser.add_argument("--sample-out", type=Path, default=Path("/tmp/check-calibration-sample.tsv"))
    args = parser.parse_args()
    if not CITY.is_dir():
        print(f"{CITY} is absent: nothing to measure")
        return
    if args.derive:
        derive_density() if args.derive == "slogan-density" else derive()
        return
    from bench_check import export_baseline

    with tempfile.TemporaryDirectory() as tmp:
        job = {"bank": args.bank or str(REPO / "phrasebank"), "groups": {"city": [str(p) for p in city_reports(args.n, args.seed)],
                                             "seed": [str(p) for p in seed_files(Path(tmp))]}}
        print(f"city reports (--seed {args.seed}): " + ", ".join(f"{Path(p).parent.name}/{Path(p).stem}"
                                                                  for p in job["groups"]["city"]))
        results = {"current": run_measure(REPO, job)}
        if not args.no_baseline:
            root = export_baseline(args.baseline, Path(tmp) / "baseline")
            if root is not None:
                # The baseline's own link to the bank: its copy-index cache is its own. Without
                # --bank, a commit is measured with the bank it shipped: its engine cannot read
                # later bank formats (80e0e20 predates Slogan.years, 204069c).
                bank = args.bank or str(own_bank(args.baseline, Path(tmp) / "baseline-bank") or root / "phrasebank")
                results = {f"{args.baseline}": run_measure(root, {**job, "bank": bank}), **results}
        for group in job["groups"]:
            print_group(group, results)
        if args.sample:
            write_sample(results["current"]["findings"], args.sample, args.seed, args.sample_out)


if __name__ == "__main__":
    main()
