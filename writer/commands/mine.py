"""`writer mine PATH... --out DIR`: mine a corpus into a phrase bank folder."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import sys
from pathlib import Path
from typing import List

import typer

from writer.commands._shared import report
from writer.errors import EXIT_INPUT

HELP = ("从往年综述（.txt、.md、.docx 文件或文件夹）提炼素材库：documents.jsonl、四字格、标题模式、"
        "帽子与结语模板、金句、话题词、来源专名，写入 --out 文件夹。有文件读不了时照常处理其余文件，退出码为 3。")
SHORT_HELP = "从往年综述提炼素材库（结构化文档、四字格、标题模式、开头结尾、金句）"

_STAGES = {"read": "读取与分词", "scan": "统计四字格"}


def _progress_bar(quiet: bool):
    """A Rich progress bar on a terminal's stderr; None with --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done)
    return bar, update


def mine_command(
    # readable=False: click would end the run at an unreadable file; the reader names it and goes on.
    paths: List[Path] = typer.Argument(..., metavar="PATH", help="语料文件或文件夹（可多个；文件夹递归读取）", show_default=False,
                                       readable=False),
    out: Path = typer.Option(..., "--out", "-o", metavar="DIR", help="素材库文件夹（不存在则新建）", show_default=False,
                             readable=False),
    force: bool = typer.Option(False, "--force", help="写入随包素材库、不是 mine 写的素材库，或有素材库以外文件的文件夹"),
    jobs: int = typer.Option(1, "--jobs", "-j", metavar="N",
                             help="并行进程数（0 表示按 CPU 核数，最多 CPU 核数）；结果与单进程逐字相同"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示进度条与汇总"),
) -> None:
    from writer.mining.run import mine

    bar, update = _progress_bar(quiet)
    if bar is not None:
        with bar:
            result = mine(paths, out, force=force, jobs=jobs, progress=update)
    else:
        result = mine(paths, out, force=force, jobs=jobs)
    for problem in result.problems:
        report(problem)
    if not quiet:
        counts = result.bank.manifest["counts"]
        print(f"writer: 已写入 {out}：{counts['document']} 篇文档，四字格 {counts['slogan']} 条、话题词 {counts['term']} 条、"
              f"标题 {counts['heading']} 条、帽子 {counts['opening']} 段、结语 {counts['closing']} 段、金句 {counts['aphorism']} 句、"
              f"专名 {counts['name']} 个", file=sys.stderr)
    if result.problems:
        raise typer.Exit(EXIT_INPUT)
