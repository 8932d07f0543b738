"""What ``writer trend`` prints: the histories or the ranking as terminal lines or JSON.

``answer`` runs one call of the command (phrases, or ``--new``/``--fading``)
against one source of evidence and returns the lines for standard output and
those for standard error (the phrases the evidence does not hold).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from writer.io.sanitize import for_terminal
from writer.trend.chart import bar_rows, pad, percent, sparkline, sparkline_rows
from writer.errors import UsageError
from writer.trend.history import Trend, trace

FIRST_REPORTS_SHOWN = 10
BY_VALUES = ("year", "region")
# The reference keeps the reports and regions of its mined phrases only, not of every indexed string.
NO_REGIONS = "  （没有分地区的数据：参考素材库只为提炼出的提法记录地区）"
NO_SOURCES = "参考素材库只为提炼出的提法（四字语、术语、标题）保存出处，这些字串没有"


@dataclass
class Request:
    """One call of ``writer trend``: phrases, or a year to rank (``new``/``fading``), and how to show it."""

    phrases: list[str]
    new: int | None = None
    fading: int | None = None
    n: int = 30
    window: int = 3
    by: str = "year"
    as_json: bool = False
    columns: int = 80


def _source_line(evidence) -> str:
    years = list(evidence.totals)
    what = "参考素材库" if evidence.kind == "reference" else f"素材库“{for_terminal(str(evidence.path))}”的文档"
    span = f"{years[0]}—{years[-1]}" if len(years) > 1 else f"{years[0]}"
    return (f"{what}：{span}年共{sum(evidence.totals.values())}篇"
            "（每年篇数不同，按当年用到的篇数占比计）")


def not_held(phrase: str, evidence) -> str:
    """The one line for a phrase the evidence cannot answer for, with how to ask a local corpus."""
    shown = for_terminal(phrase)
    if evidence.kind == "reference":
        return (f"writer: 参考素材库没有收录“{shown}”（只收 2 至 12 字、足够多篇报告用过的字串）；"
                f"要查自己的语料，先 writer mine 语料 --out 素材库，再 writer trend {shown} --bank 素材库")
    return f"writer: 素材库的文档里没有“{shown}”"


def _first_reports(trend: Trend) -> list[str]:
    out = ["", f"{trend.use.first_year}年用到“{for_terminal(trend.phrase)}”的报告（{len(trend.first_reports)}篇）："]
    for title, year, region in trend.first_reports[:FIRST_REPORTS_SHOWN]:
        where = f"{region}，" if region else ""
        out.append(f"  《{for_terminal(title)}》（{for_terminal(where)}{year}）")
    if len(trend.first_reports) > FIRST_REPORTS_SHOWN:
        out.append(f"  ……另{len(trend.first_reports) - FIRST_REPORTS_SHOWN}篇")
    return out


def history_lines(trends: list[Trend], evidence, request: Request) -> list[str]:
    years = list(evidence.totals)
    held = [t for t in trends if t.use is not None and t.use.reports]
    if not held:
        return []
    out = [_source_line(evidence), *sparkline_rows([(t.phrase, t.use) for t in held], years)]
    if request.by == "region":
        for t in held:
            out += ["", f"“{for_terminal(t.phrase)}”按地区："]
            regions = [(region, use) for region, use in evidence.by_region(t.phrase).items() if use.reports]
            # Who used it first comes first: the rows show how a formulation spread.
            regions.sort(key=lambda row: (row[1].first_year, -row[1].reports, row[0]))
            out += sparkline_rows(regions, years) if regions else [NO_REGIONS]
    elif len(held) == 1:
        out += ["", *bar_rows(held[0].use, years, request.columns)]
    for t in held:
        out += _first_reports(t) if t.first_reports else []
    unsourced = [f"“{for_terminal(t.phrase)}”" for t in held if not t.first_reports]
    if unsourced:
        out += ["", f"{'、'.join(unsourced)}首见那一年的报告：{NO_SOURCES}"]
    return out


def _span(years: list[int]) -> str:
    return f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0])


def ranking_lines(trends: list[Trend], evidence, year: int, before: list[int], fading: bool) -> list[str]:
    years = list(evidence.totals)
    word = "用得更少或不再用" if fading else "新出现或用得更多"
    out = [_source_line(evidence),
           f"{year}年比{_span(before)}年{word}的提法（按Fightin' Words对数优势比的z值排序）：",
           f"     {'z':>5}  {pad('提法', 26)}{pad(f'{year}年', 14)}{pad(f'{_span(before)}年', 16)}"
           f"{years[0]}—{years[-1]}"]
    for i, t in enumerate(trends, 1):
        use = t.use
        focus = f"{use.docs.get(year, 0)}/{use.totals[year]}（{percent(use.share(year))}）"
        base_docs = sum(use.docs.get(y, 0) for y in before)
        base_total = sum(use.totals[y] for y in before)
        base = f"{base_docs}/{base_total}（{percent(base_docs / base_total)}）"
        out.append(f"{i:>3}. {t.score:>5.1f}  {pad(for_terminal(t.phrase), 26)}{pad(focus, 14)}{pad(base, 16)}"
                   f"{sparkline(use, years)}")
    return out


def answer(request: Request, evidence) -> tuple[list[str], list[str]]:
    """(stdout lines, stderr lines) of one ``writer trend`` call."""
    if request.by not in BY_VALUES:
        raise UsageError(f"--by 只能是 {' 或 '.join(BY_VALUES)}，不是“{request.by}”", key="--by")
    year = request.new if request.new is not None else request.fading
    if year is not None:
        return _ranked(request, evidence, year)
    trends = trace(request.phrases, evidence)
    errors = [not_held(t.phrase, evidence) for t in trends if t.use is None or not t.use.reports]
    if request.as_json:
        return [json.dumps([t.to_dict() for t in trends], ensure_ascii=False, indent=2)], errors
    return history_lines(trends, evidence, request), errors


def _ranked(request: Request, evidence, year: int) -> tuple[list[str], list[str]]:
    from writer.trend.ranking import base_years, rank

    if request.phrases:
        raise UsageError("--new、--fading 不与提法同用：要么查提法，要么按年份排行", key=request.phrases[0])
    if request.new is not None and request.fading is not None:
        raise UsageError("--new 与 --fading 只能给一个", key="--fading")
    before = base_years(evidence.totals, year, request.window)
    trends = rank(evidence, year, fading=request.fading is not None, n=request.n, window=request.window)
    if request.as_json:
        return [json.dumps([t.to_dict() for t in trends], ensure_ascii=False, indent=2)], []
    return ranking_lines(trends, evidence, year, before, request.fading is not None), []
