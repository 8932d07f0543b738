"""`writer trend` over a user's bank of 100 MB of documents against one pass of ``str.count``, side by side.

Builds a documents.jsonl of about ``--mb`` megabytes (default 100) from the
government reports of ../shared/corpora (each report one document, its year
from its file name; the corpus is repeated under new ids until the size is
reached), then, interleaved over ``--runs`` rounds, for each phrase:

- ``count``: ``text.count(phrase)`` over the same documents' text, already
  decoded into one ``str`` (the floor the issue sets: one pass of Python's
  str.count over that text);
- ``answer``: ``DocumentText(path).use(phrase)``: mapping the file, indexing
  its lines (years, titles' offsets) and the per-document search: all
  the work ``writer trend PHRASE --bank DIR`` does besides starting Python;
- ``search``: ``use(phrase)`` on a file already indexed, its per-run memory of
  answers emptied (several phrases in one call pay the index once).

Then, the comparison the issue means, whole processes side by side (each
started the way the console script starts, bench/bench_startup.py's ``run``):

- ``python count``: a Python process that reads the documents' text (a UTF-8
  file of it written beside the bank) and runs ``str.count`` once;
- ``writer trend``: ``writer trend PHRASE --bank DIR``, the line index already
  in the bank's cache (every query after the first);
- ``writer trend, first``: the same with the cache removed first (the first
  query, which indexes the file and keeps the index).

It prints the median and minimum wall time and the median CPU time of each,
and the ratios to the count (target ≤ 1 for the whole processes; in-process,
answer/count and search/count show what the search costs beside a count over
text already in memory). Nothing is written but the generated bank and its
text, under --work (default /tmp/writer-bench/trend).

``--startup`` measures instead, interleaved in fresh processes the way the
console script starts (bench/bench_startup.py's ``run``), the cold start of
``writer trend 新质生产力`` (the shipped reference), of ``writer trend --new
2024`` and of ``writer check`` on a two-line draft with and without rule dated
(which reads the reference), against ``writer suggest 人才`` (target ≤ 1.3).

    python bench/bench_trend.py [--mb 100] [--runs 7] [--work DIR]
    python bench/bench_trend.py --startup [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
PHRASES = ("新质生产力", "高质量发展", "科学发展观", "2035", "不存在的提法")


def build_bank(folder: Path, megabytes: int) -> tuple[Path, str]:
    """A documents.jsonl of about ``megabytes`` from the reports, and the documents' text as one string."""
    from writer.corpus.document import Document

    files = sorted((CORPORA / "gov-reports-provincial").glob("*/*.md")) + \
        sorted((CORPORA / "gov-reports-city").glob("*/*.md"))
    if not files:
        sys.exit(f"没有语料：{CORPORA}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "documents.jsonl"
    texts, size, n = [], 0, 0
    with open(path, "w", encoding="utf-8") as out:
        while size < megabytes * 1_000_000:
            for file in files:
                lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
                year = int(file.stem[:4]) if file.stem[:4].isdigit() else None
                doc = Document(id=f"r{n}", source=file.name, title=f"{file.parent.name}{file.stem}年政府工作报告",
                               year=year, lead=lines)
                line = json.dumps(doc.to_dict(), ensure_ascii=False) + "\n"
                out.write(line)
                texts.append("\n".join(doc.texts()))
                size += len(line.encode("utf-8"))
                n += 1
                if size >= megabytes * 1_000_000:
                    break
    return path, "\n".join(texts)


def timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def startup(runs: int) -> None:
    """Cold starts of trend (and check with rule dated) against ``writer suggest 人才``, side by side."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_startup import LAUNCH, PY, env_for, measure, report

    env = env_for(ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "草稿.txt"
        draft.write_text("某县2026年工作总结\n全面落实科学发展观，推动经济社会又好又快发展。\n", encoding="utf-8")
        cases = {name: ([PY, "-c", LAUNCH, *argv], env) for name, argv in {
            "suggest": ["suggest", "人才"], "trend": ["trend", "新质生产力"],
            "trend new": ["trend", "--new", "2024"], "check": ["check", str(draft)],
            "check no dated": ["check", str(draft), "--disable", "dated"]}.items()}
        times = measure(cases, runs, Path(tmp))
    report(times, [("trend 新质生产力 / suggest 人才", "trend", "suggest"),
                   ("trend --new 2024 / suggest 人才", "trend new", "suggest"),
                   ("check（含 dated）/ check --disable dated", "check", "check no dated")])
    print("目标：trend / suggest <= 1.3")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path("/tmp/writer-bench/trend"))
    parser.add_argument("--startup", action="store_true", help="cold starts instead of the search")
    args = parser.parse_args()
    if args.startup:
        startup(args.runs)
        return
    sys.path.insert(0, str(ROOT))
    from writer.trend.documents import DocumentText

    path, text = build_bank(args.work, args.mb)
    indexed = DocumentText(path)
    print(f"{path}: {path.stat().st_size / 1e6:.0f} MB，{len(indexed)} 篇，{len(text) / 1e6:.1f} 百万字")
    in_process(path, text, indexed, args.runs)
    text_file = args.work / "text.txt"
    text_file.write_text(text, encoding="utf-8")
    del text
    processes(path, text_file, args.runs)


def _cells(ts: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median and minimum wall time, median CPU time."""
    return statistics.median(w for w, _ in ts), min(w for w, _ in ts), statistics.median(c for _, c in ts)


def in_process(path: Path, text: str, indexed, runs: int) -> None:
    """count, answer and search in this process, interleaved."""
    from writer.trend.documents import DocumentText

    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(runs):
        for phrase in PHRASES:
            for name, fn in (("count", lambda: text.count(phrase)),
                             ("answer", lambda: DocumentText(path).use(phrase)),
                             ("search", lambda: (indexed._found.clear(), indexed.use(phrase)))):
                times.setdefault((phrase, name), []).append(timed(fn))
    print(f"{'提法':<10}{'count 中位/最小/CPU':>24}{'answer 中位/最小/CPU':>26}{'search 中位/最小/CPU':>26}"
          f"{'answer/count':>14}{'search/count':>14}")
    for phrase in PHRASES:
        row = {name: times[(phrase, name)] for name in ("count", "answer", "search")}
        cells = {name: _cells(ts) for name, ts in row.items()}
        shown = "".join(f"{m * 1000:>10.1f}/{lo * 1000:.1f}/{c * 1000:.1f} ms" for m, lo, c in cells.values())
        ratio = [cells[name][1] / cells["count"][1] for name in ("answer", "search")]
        cpu = [cells[name][2] / cells["count"][2] for name in ("answer", "search")]
        docs = indexed.use(phrase).reports
        print(f"{phrase:<10}{shown}{ratio[0]:>8.2f}（CPU {cpu[0]:.2f}）{ratio[1]:>6.2f}（CPU {cpu[1]:.2f}）"
              f"   （{docs} 篇用到）")
    print("（进程内）比值按最小墙钟时间计（同机其他负载只会增加墙钟时间），括号里按 CPU 时间中位数计。")


COUNT_SCRIPT = "import sys; text = open(sys.argv[1], encoding='utf-8').read(); print(text.count(sys.argv[2]))"
FIRST_SCRIPT = ("import os, sys; from writer.io.cache import cache_file; from writer.trend.documents import LINES_CACHE; "
                "f = cache_file(sys.argv[1], LINES_CACHE); f.unlink(missing_ok=True); sys.argv[1:2] = []; ")


def processes(path: Path, text_file: Path, runs: int) -> None:
    """Whole processes: a Python reading the text and counting once vs writer trend PHRASE --bank DIR."""
    import tempfile

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_startup import LAUNCH, PY, env_for, run

    env, bank = env_for(ROOT), str(path.parent)
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        print(f"\n整个进程（{runs} 轮交替）：")
        print(f"{'提法':<10}{'python count':>22}{'writer trend':>22}{'trend（首次）':>22}"
              f"{'trend/count':>16}{'首次/count':>16}")
        for phrase in PHRASES:
            cases = {"count": [PY, "-c", COUNT_SCRIPT, str(text_file), phrase],
                     "trend": [PY, "-c", LAUNCH, "trend", phrase, "--bank", bank],
                     "first": [PY, "-c", FIRST_SCRIPT + LAUNCH, bank, "trend", phrase, "--bank", bank]}
            for cmd in cases.values():
                run(cmd, cwd, env)  # warm the OS file cache and the bytecode
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
            for _ in range(runs):
                for name, cmd in cases.items():
                    wall, cpu, _code = run(cmd, cwd, env)
                    times[name].append((wall, cpu))
            cells = {name: _cells(ts) for name, ts in times.items()}
            shown = "".join(f"{m:>9.2f}/{lo:.2f}/{c:.2f} s" for m, lo, c in cells.values())
            ratios = "".join(f"{cells[name][1] / cells['count'][1]:>7.2f}（CPU {cells[name][2] / cells['count'][2]:.2f}）"
                             for name in ("trend", "first"))
            print(f"{phrase:<10}{shown}{ratios}")
    print("每格：中位/最小墙钟时间/CPU 时间中位数；比值按最小墙钟时间计，括号里按 CPU 时间中位数计；目标 ≤ 1。")


if __name__ == "__main__":
    main()
