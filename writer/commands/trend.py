"""`writer trend PHRASE...`: how a formulation rose and faded; `--new`/`--fading YEAR`: what rose or fell that year."""

from __future__ import annotations

import shutil
import sys
from typing import List, Optional

import typer

HELP = ("提法的年份走势：每个提法首见、高峰、最近年份，每年用到它的报告占比（字符图），首见年份的报告；"
        "--new/--fading 年份：那一年比此前几年新出现或不再用的提法（Fightin' Words 排序）。"
        "默认查随 writer 提供的参考素材库，--bank 查自己的素材库。")
SHORT_HELP = "提法走势：首见、高峰、最近年份；某年新出现或淡出的提法"


def trend_command(
    phrases: Optional[List[str]] = typer.Argument(None, metavar="PHRASE", help="要查的提法（可给多个），如 新质生产力",
                                                  show_default=False),
    bank: Optional[str] = typer.Option(None, "--bank", metavar="DIR",
                                       help="查这个素材库的文档（documents.jsonl），任何字串都能查；默认查参考素材库",
                                       show_default=False),
    new: Optional[int] = typer.Option(None, "--new", metavar="YEAR", help="列出这一年比此前几年新出现、用得更多的提法",
                                      show_default=False),
    fading: Optional[int] = typer.Option(None, "--fading", metavar="YEAR", help="列出这一年比此前几年用得更少、不再用的提法",
                                         show_default=False),
    n: int = typer.Option(30, "-n", min=1, metavar="N", help="--new/--fading 列出的条数，默认 30"),
    window: int = typer.Option(3, "--window", min=0, metavar="N",
                               help="--new/--fading 与此前几年比较，默认 3；0 表示此前所有年份"),
    by: str = typer.Option("year", "--by", metavar="year|region", help="region：按地区（省份、城市）各列一行"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 列表输出，便于脚本处理"),
) -> None:
    from writer.trend.evidence import open_evidence
    from writer.trend.output import Request, answer

    request = Request(list(phrases or []), new=new, fading=fading, n=n, window=window, by=by, as_json=as_json,
                      columns=shutil.get_terminal_size((80, 24)).columns)
    out, errors = answer(request, open_evidence(bank))
    for line in errors:
        print(line, file=sys.stderr)
    if out:
        print("\n".join(out))
