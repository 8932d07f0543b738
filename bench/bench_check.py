"""Benchmark and corpus report of `writer check`.

    python bench/bench_check.py speed  [--bank DIR] [--keep DIR] [--repeat N]
                                       [--baseline REV | --no-baseline]
    python bench/bench_check.py counts [--bank DIR]

``speed`` measures the library check (``Checker.check_text``: every rule,
findings as values), not the command line: Rich rendering of thousands of
findings is output formatting, not checking. A 1 MB draft (the default corpus
repeated) is checked against a bank mined from the provincial reports, in
the same process as the naive script a user would write (a Python loop of
str.find over every bank phrase plus a sentence split), timed alternately
(best of --repeat); the ratio naive / check is printed for the default check
(all rules, warm caches) and for the phrase rules alone, with whether jieba
was imported.

The same measurement runs on the engine of --baseline (default: the last
commit before the speed pass of issue 6, exported with `git archive`), each
version in its own process with its own copy-index cache. Both must report
identical findings (every field) on the planted and plain fixtures (with the
tests' context, the shipped bank and the provincial bank), the 14 seed
documents, ten provincial reports, five city reports and the 1 MB draft: the bench exits 1 and
shows the differences otherwise.

The bank is mined with `writer mine` into a temporary folder unless --bank
names one (mining 38 MB takes minutes); when `writer mine` is unavailable
the phrase list is built from the corpus here.

``counts``: findings per rule and level on the 14 seed documents and on ten
provincial reports (2025, first ten provinces), for the README.

``scale`` (issue 11): `writer check` as a user runs it (a subprocess, JSON
output to /dev/null) on drafts made from the provincial reports: 1 MB and
--megabytes MB on one line (newlines removed), and --lines lines of 5 to 30
characters; and `writer render` of the example facts file with one fact of
1 MB. Prints seconds, seconds per MB, the ratio to the 1 MB case per MB (the
bound is 3) and the child's peak RSS (the bound is 1 GB).

    python bench/bench_check.py scale [--megabytes 100] [--lines 1000000]

Reads ../shared/corpora; prints a notice and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# A measuring child process imports `writer` from the version it measures.
sys.path.insert(0, os.environ.get("WRITER_BENCH_ROOT") or str(REPO))
CORPORA = Path(os.environ.get("WRITER_CORPORA") or REPO.parent / "shared" / "corpora")
PROVINCIAL = CORPORA / "gov-reports-provincial"
CITY = CORPORA / "gov-reports-city"
SEED = REPO / "phrasebank" / "corpus" / "summaries-2021.txt"
FIXTURES = REPO / "tests" / "fixtures" / "check"
PHRASE_RULES = ["cliche", "slogan-density", "repeat"]
# The engine before the speed pass of issue 6 (whole-text passes, sampled copy index, CRC32 windows).
BASELINE = "22841fa"
# The context tests/test_check.py checks the planted fixture with (my own text, no corpus's).
FIXTURE_CONTEXT = {
    "documents": [["src-1", "某县人社工作综述",
                   "今年以来，全县人社系统严格落实事业单位岗位设置管理制度，对事业单位岗位设置实行动态管理，"
                   "岗位聘用率达到98%。"],
                  ["src-2", "某区组织工作综述", "全区选派干部挂职锻炼36人，完成年度培训计划。"]],
    "slogans": {"凝心聚力": 10, "砥砺前行": 2}, "doc_count": 14,
    "idioms": ["千方百计", "实事求是"], "terms": ["基层党建"],
}


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


def finding_rows(findings) -> list[list]:
    return [[f.file, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.rule, f.level,
             f.message, f.suggestion, f.fix] for f in findings]


def measure(job: dict) -> dict:
    """In a child process: findings of every case, then naive vs check timings (see --help)."""
    import writer
    from writer.check.context import BankContext, CheckContext
    from writer.check.engine import Checker, select_rules
    from writer.check.inputs import read_draft
    from writer.check.rules import load_rules

    out: dict = {"writer": writer.__file__, "findings": {}}
    draft = make_draft()
    if job["bank"]:
        bank_context = BankContext(job["bank"])
        phrases = None
    else:
        phrases = job["phrases"]
        bank_context = CheckContext(slogans={p: 1 for p in phrases}, doc_count=1)
    fixture = job["fixture_context"]
    contexts = {
        "fixture": lambda: CheckContext.from_corpus_texts(
            [tuple(d) for d in fixture["documents"]], slogans=fixture["slogans"], doc_count=fixture["doc_count"],
            idioms=fixture["idioms"], terms=fixture["terms"]),
        "shipped": lambda: BankContext(None),
        "bank": lambda: bank_context,
    }
    full = Checker(select_rules(load_rules()), bank_context)
    start = time.perf_counter()
    full.check_text(draft, "draft.txt")
    out["first"] = time.perf_counter() - start      # loads the bank; builds caches if missing
    checkers = {}
    for name, path, kind in job["cases"]:
        if kind not in checkers:
            checkers[kind] = full if kind == "bank" else Checker(select_rules(load_rules()), contexts[kind]())
        if path is None:
            text, markdown, label = draft, False, "draft.txt"
        else:
            (text, markdown), label = read_draft(path), Path(path).name
        out["findings"][name] = finding_rows(checkers[kind].check_text(text, label, markdown))
    if phrases is None:
        phrases = [s.text for s in bank_context.bank.slogans]
    phrase_checker = Checker(select_rules(load_rules(), only=PHRASE_RULES), bank_context)
    # Alternate the three so that a noisy neighbour slows all of them alike.
    times: dict[str, list[float]] = {"naive": [], "full": [], "phrase": []}
    for _ in range(job["repeat"]):
        for key, fn in (("naive", lambda: naive(draft, phrases)), ("full", lambda: full.check_text(draft, "d.txt")),
                        ("phrase", lambda: phrase_checker.check_text(draft, "d.txt"))):
            start = time.perf_counter()
            fn()
            times[key].append(time.perf_counter() - start)
    out.update({key: min(values) for key, values in times.items()})
    out["phrases"] = len(phrases)
    out["draft_mb"] = len(draft.encode("utf-8")) / 1e6
    out["jieba"] = "jieba" in sys.modules
    return out


def run_measure(root: Path, job: dict, script: str = __file__) -> dict:
    """``script _measure`` run against the checkout ``root`` (a fresh process), its JSON answer."""
    env = dict(os.environ, WRITER_BENCH_ROOT=str(root))
    env.pop("PYTHONPATH", None)
    done = subprocess.run([sys.executable, script, "_measure"], input=json.dumps(job), env=env,
                          capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"measuring {root} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def isolated_copy(source: Path, target: Path) -> Path:
    """``target``: links to the files of bank ``source``, with a cache folder of its own for
    the copy index (engines of different versions would replace each other's)."""
    target.mkdir(parents=True)
    for entry in source.iterdir():
        if entry.name != ".cache":
            (target / entry.name).symlink_to(entry.resolve())
    (target / ".cache").mkdir()
    for entry in (source / ".cache").glob("*") if (source / ".cache").is_dir() else []:
        if entry.is_file() and not entry.name.startswith("check-copy"):
            (target / ".cache" / entry.name).symlink_to(entry.resolve())
    return target


def export_baseline(rev: str, folder: Path) -> Path | None:
    """The `writer` package of commit ``rev`` under ``folder`` (with the shipped bank), or None.

    ``rev`` may also be a folder holding a checkout (its `writer` package is measured as it is).
    """
    if (Path(rev) / "writer" / "__init__.py").is_file():
        return Path(rev).resolve()
    try:
        done = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev, "writer"],
                              capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"baseline {rev} unavailable ({exc}); measuring the current engine only")
        return None
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(folder)
    isolated_copy(REPO / "phrasebank", folder / "phrasebank")
    return folder


def report(name: str, result: dict) -> None:
    print(f"{name} ({Path(result['writer']).parent}):")
    print(f"  first check (loads the bank, builds missing caches): {result['first']:.2f} s")
    print(f"  naive str.find over {result['phrases']} phrases + sentence split: {result['naive']:.3f} s")
    print(f"  library check, all rules (default), warm: {result['full']:.3f} s "
          f"-> ratio naive / check {result['naive'] / result['full']:.1f}x")
    print(f"  library check, {','.join(PHRASE_RULES)} only: {result['phrase']:.3f} s "
          f"-> ratio {result['naive'] / result['phrase']:.1f}x")
    print(f"  jieba imported: {result['jieba']}")


def compare(before: dict, after: dict) -> bool:
    """Print the cases whose findings differ; True when none does."""
    same = True
    for case, rows in before["findings"].items():
        other = after["findings"].get(case)
        if rows == other:
            continue
        same = False
        old, new = {json.dumps(r, ensure_ascii=False) for r in rows}, \
            {json.dumps(r, ensure_ascii=False) for r in other or []}
        print(f"  DIFFERENT: {case} ({len(rows)} before, {len(other or [])} after)")
        for row in sorted(old - new)[:5]:
            print(f"    - {row}")
        for row in sorted(new - old)[:5]:
            print(f"    + {row}")
        if old == new:
            print("    (same findings, different order)")
    return same


def speed(args) -> None:
    temp = Path(tempfile.mkdtemp(prefix="writer-bench-check-"))
    bank_dir = Path(args.bank) if args.bank else None
    if bank_dir is None:
        target = Path(args.keep) if args.keep else temp / "bank"
        bank_dir = target if mine_bank(target) else None
    seeds = seed_documents(temp)
    cases = [[f"{kind}/{name}", str(FIXTURES / name), kind]
             for kind in ("fixture", "shipped", "bank") for name in ("planted.txt", "plain.txt")]
    cases += [[f"{kind}/{p.name}", str(p), kind] for kind in ("shipped", "bank") for p in seeds]
    cases += [[f"bank/{p.parent.name}-2025.md", str(p), "bank"] for p in sorted(PROVINCIAL.glob("*/2025.md"))[:10]]
    cases += [[f"{kind}/city-{p.parent.name}-{p.stem}.md", str(p), kind]
              for kind in ("shipped", "bank") for p in sorted(CITY.glob("*/*.md"))[:5]]
    cases.append(["bank/draft-1mb.txt", None, "bank"])
    job = {"bank": str(bank_dir) if bank_dir else None, "cases": cases, "repeat": args.repeat,
           "fixture_context": FIXTURE_CONTEXT, "phrases": [] if bank_dir else corpus_phrases()}
    print(f"bank: {bank_dir or 'phrases built here from the corpus'}; {len(cases)} cases compared")
    after = run_measure(REPO, job)
    print(f"draft: {after['draft_mb']:.2f} MB")
    before = None
    baseline = None if args.no_baseline else export_baseline(args.baseline, temp / "baseline")
    if baseline is not None:
        if bank_dir is not None:
            job = dict(job, bank=str(isolated_copy(bank_dir, temp / "baseline-bank")))
        before = run_measure(baseline, job)
        report(f"before: {args.baseline}", before)
    report("after: this tree", after)
    import shutil
    shutil.rmtree(temp, ignore_errors=True)
    if before is not None:
        if not compare(before, after):
            print("findings differ between the two engines")
            sys.exit(1)
        total = sum(len(rows) for rows in after["findings"].values())
        print(f"findings identical before and after: {len(cases)} cases, {total} findings")


def seed_documents(folder: Path) -> list[Path]:
    """The 14 documents of the default corpus as separate files, cut at their titles."""
    from writer.corpus.reader import parse_text

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
    from writer.check.context import BankContext
    from writer.check.engine import Checker, select_rules
    from writer.check.inputs import read_draft
    from writer.check.rules import load_rules

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


def _child(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MB, exit code) of ``python -m writer ARGS``.

    The peak is the child's own VmHWM, written as it exits: a forked child's
    ru_maxrss starts at the size of this process, which holds the drafts."""
    measured = ("import atexit, runpy, sys\n"
                "peak_file = sys.argv.pop(1)\n"
                "def hwm():\n"
                "    line = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
                "    open(peak_file, 'w').write(line.split()[1])\n"
                "atexit.register(hwm)\n"
                "sys.argv[0] = 'writer'\n"
                "runpy.run_module('writer', run_name='__main__')\n")
    with tempfile.NamedTemporaryFile("r", suffix=".hwm") as peak_file, open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", measured, peak_file.name, *args], stdout=sink, stderr=sink)
        _, status, _ = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        peak = int(open(peak_file.name).read() or 0) / 1024
    return seconds, peak, os.waitstatus_to_exitcode(status)


def _scaled(source: str, megabytes: float) -> str:
    data = source.encode("utf-8")
    want = int(megabytes * 2 ** 20)
    return (data * (want // len(data) + 1))[:want].decode("utf-8", "ignore")


def _short_lines(source: str, count: int) -> str:
    import random

    rng = random.Random(11)
    flat = source.replace("\n", "")
    out = []
    for _ in range(count):
        start = rng.randrange(len(flat) - 40)
        out.append(flat[start:start + rng.randint(5, 30)])
    return "\n".join(out) + "\n"


def scale(args) -> None:
    files = sorted(PROVINCIAL.rglob("*.md"))[:80]
    source = "".join(f.read_text(encoding="utf-8") for f in files)
    one_line = source.replace("\n", "")
    with tempfile.TemporaryDirectory() as tmp:
        drafts = [("1 MB, one line", _scaled(one_line, 1)),
                  (f"{args.megabytes} MB, one line", _scaled(one_line, args.megabytes)),
                  (f"{args.lines:,} lines", _short_lines(source, args.lines))]
        warm = Path(tmp) / "warm.txt"
        warm.write_text(one_line[:2000], encoding="utf-8")
        _child(["check", str(warm)])   # fill the bank's caches (idioms, copy index) before timing
        print(f"{'draft':24s} {'MB':>7s} {'s':>8s} {'s/MB':>7s} {'x 1 MB':>7s} {'peak MB':>8s}")
        first = None
        for name, text in drafts:
            path = Path(tmp) / "draft.txt"
            path.write_text(text, encoding="utf-8")
            size = path.stat().st_size / 2 ** 20
            seconds, peak, code = _child(["check", str(path), "--format", "json"])
            per_mb = seconds / size
            first = first or per_mb
            verdict = "ok" if per_mb <= 3 * first and peak < 1024 and code in (0, 1) else "OVER"
            print(f"{name:24s} {size:7.1f} {seconds:8.1f} {per_mb:7.2f} {per_mb / first:7.2f} {peak:8.0f}  {verdict}")
        _render_scale(Path(tmp))


def _render_scale(tmp: Path) -> None:
    example = REPO / "examples" / "人社工作.yaml"
    line = "      - 全年城镇新增就业1260人，完成年度目标的105%"
    text = example.read_text(encoding="utf-8")
    big = text.replace(line, "      - 全年城镇新增就业1260人" + "，持续推进就业服务" * 40_000, 1)
    (tmp / "small.yaml").write_text(text, encoding="utf-8")
    (tmp / "big.yaml").write_text(big, encoding="utf-8")
    base, _, _ = _child(["render", str(tmp / "small.yaml"), "-o", str(tmp / "small.md"), "--force"])
    seconds, peak, code = _child(["render", str(tmp / "big.yaml"), "-o", str(tmp / "big.md"), "--force"])
    extra = (len(big.encode()) - len(text.encode())) / 2 ** 20
    per_mb = (seconds - base) / extra
    print(f"render, one fact of {extra:.1f} MB: {seconds:.1f} s (the example alone {base:.1f} s): "
          f"{per_mb:.2f} s per MB of fact, peak {peak:.0f} MB, exit {code}  {'ok' if per_mb < 1 else 'OVER'}")


def main() -> None:
    if sys.argv[1:] == ["_measure"]:
        json.dump(measure(json.load(sys.stdin)), sys.stdout, ensure_ascii=False)
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["speed", "counts", "scale"])
    parser.add_argument("--megabytes", type=float, default=100, help="scale: size of the one-line draft")
    parser.add_argument("--lines", type=int, default=1_000_000, help="scale: lines of the many-line draft")
    parser.add_argument("--bank", help="use this bank folder instead of mining one")
    parser.add_argument("--keep", help="mine into this folder and keep it")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each side (best is kept)")
    parser.add_argument("--baseline", default=BASELINE,
                        help="commit (or checkout folder) whose engine is measured and compared")
    parser.add_argument("--no-baseline", action="store_true", help="measure the current engine only")
    args = parser.parse_args()
    if not PROVINCIAL.is_dir():
        print(f"{PROVINCIAL} is absent; nothing to measure.")
        return
    {"speed": speed, "counts": counts, "scale": scale}[args.mode](args)


if __name__ == "__main__":
    main()
