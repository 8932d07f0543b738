"""`writer suggest TOPIC`: headings, slogans, openings, closings… for a topic."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import re
import sys
from typing import Optional

import typer

HELP = "为主题给出标题、两行标题、对仗组、四字语、开头、结尾或金句：原文摘录（注明出处）或按素材库模式生成（注明模式）。"
SHORT_HELP = "按主题给出标题、两行标题、对仗组、四字语、开头、结尾、金句"

_KIND_LABELS = {"heading": "标题", "pair": "两行标题", "set": "对仗组", "slogan": "四字语",
                "opening": "开头", "closing": "结尾", "aphorism": "金句"}
_ORIGIN_LABELS = {"mined": "原文", "generated": "生成", "reference": "参考"}


def suggest_command(
    topic: str = typer.Argument("", metavar="TOPIC", help="主题，如 人才、党建、教育、医保", show_default=False),
    kind: str = typer.Option("heading", "--kind", "-k", metavar="KIND",
                             help="类别：heading（默认）| pair | set | slogan | opening | closing | aphorism"),
    n: int = typer.Option(10, "-n", metavar="N", help="条数，默认 10（set 为一组标题的个数）"),
    pattern: Optional[str] = typer.Option(None, "--pattern", metavar="TEXT",
                                          help="只要此形状的标题：如 坚持…推动…，或素材库中的模式"),
    bank: Optional[str] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认 $WRITER_BANK 或自带素材库）"),
    seed: int = typer.Option(0, "--seed", metavar="N", help="随机种子：同一种子结果相同（默认 0）"),
    place: Optional[str] = typer.Option(None, "--place", metavar="TEXT",
                                        help="你的地名（如 兰州）：原文标题里来源的地名换成它；不给则略去这类标题"),
    org: Optional[str] = typer.Option(None, "--org", metavar="TEXT",
                                      help="你的单位名（如 兰州市委）：原文标题里来源的单位名换成它；不给则略去这类标题"),
    since: Optional[int] = typer.Option(None, "--since", metavar="YEAR",
                                        help="只要这一年及以后用过的（年份也从这一年算起），如 2020"),
    no_reference: bool = typer.Option(False, "--no-reference", help="只用自己的素材库，不加随附的参考素材库"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 列表输出，便于脚本处理"),
) -> None:
    from writer.suggest.memo import suggest_remembered

    results = suggest_remembered(bank, topic, kind=kind, n=n, pattern=pattern, seed=seed, place=place, org=org,
                                 since=since, reference=not no_reference)
    topic = topic.strip()
    if as_json:
        import json
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    elif not results:
        from writer.suggest.records import nothing_found
        print(f"writer: {nothing_found(topic, _KIND_LABELS[kind])}", file=sys.stderr)
    if kind == "set" and 0 < len(results) < n:  # the bank's patterns fill no larger parallel set
        print(f"writer: 素材库的模式最多能为“{topic}”填出 {len(results)} 个一组的对仗标题（要的是 {n} 个）",
              file=sys.stderr)
    if as_json or not results:
        return
    if sys.stdout.isatty():
        _table(results, topic, kind)
    else:
        for r in results:
            print(f"{r.text}\t{_ORIGIN_LABELS[r.origin]}\t{_where(r)}")


def _years(r) -> str:
    """The years a result was used: 2004—2026年，峰值2024年，172篇 (one document: its year)."""
    if r.years is None:
        return ""
    first, peak, last, docs = r.years
    if first == last:   # one year: a reference result still says how many reports (2026年，1篇报告)
        return f"{first}年" + (f"，{docs}篇" if docs > 1 or r.origin == "reference" else "")
    return f"{first}—{last}年，峰值{peak}年，{docs}篇"


def _where(r) -> str:
    # No space beside the full-width 》 (GB/T 15834; writer check flags one): 《…》2021年.
    year = f"{r.year}年" if r.year else ""
    if r.origin == "reference":
        shape = f"；模式 {r.pattern}" if r.pattern else ""
        return f"{r.source}：{_years(r)}报告{shape}"
    if r.origin == "mined" and r.kind == "slogan" and r.years and r.years[3] > 1:
        first, peak, last, docs = r.years
        span = f"{first}年" if first == last else f"{first}—{last}年，峰值{peak}年"
        return (f"《{r.source}》等" if r.source else "") + f"{docs}篇，{span}"
    if r.origin == "mined":
        own = f"（{r.from_heading}：来源的专名换成了 --place/--org）" if r.from_heading else ""
        return (f"《{r.source}》{year}" if r.source else year) + own
    if r.from_heading:
        return f"模式 {r.pattern}（来自“{r.from_heading}”，{_years(r)}）" if r.years else \
            f"模式 {r.pattern}（来自“{r.from_heading}”）"
    frame = re.search(r"句式(\d+)$", r.pattern or "")
    if frame:  # a paragraph assembled from the bank's couplets and a lexicon frame
        where = f"句子取自《{r.source}》＋" if r.source else ""
        return f"{where}句式{frame.group(1)}"
    if r.source:
        return f"模板（来自《{r.source}》{year}）"
    used = f"；参考素材库：{_years(r)}报告" if r.years else ""
    return (f"模式 {r.pattern}" if r.pattern else "") + used


def _table(results, topic: str, kind: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"“{topic}”的{_KIND_LABELS[kind]}建议", show_lines=kind in ("opening", "closing"))
    table.add_column("#", justify="right", style="dim")
    table.add_column("文字", overflow="fold")
    table.add_column("来源")
    table.add_column("出处或模式", overflow="fold", style="dim")
    for i, r in enumerate(results, 1):
        text = "\n".join(r.lines) if kind == "pair" and r.lines else r.text
        table.add_row(str(i), text, _ORIGIN_LABELS[r.origin], _where(r))
    Console().print(table)
