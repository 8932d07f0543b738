"""`writer suggest TOPIC`: headings, slogans, openings, closings… for a topic."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from writer.cli import app, guarded

_KIND_LABELS = {"heading": "标题", "pair": "两行标题", "set": "对仗组", "slogan": "四字语",
                "opening": "开头", "closing": "结尾", "aphorism": "金句"}
_ORIGIN_LABELS = {"mined": "原文", "generated": "生成"}


@app.command("suggest", help="为主题给出标题、两行标题、对仗组、四字语、开头、结尾或金句（原文摘录或按素材库模式生成）。")
@guarded
def suggest_command(
    topic: str = typer.Argument(..., metavar="TOPIC", help="主题，如 人才、党建、教育、医保"),
    kind: str = typer.Option("heading", "--kind", "-k",
                             help="类别：heading|pair|set|slogan|opening|closing|aphorism"),
    n: int = typer.Option(10, "-n", help="条数（set 为一组标题的个数）"),
    pattern: Optional[str] = typer.Option(None, "--pattern",
                                          help="只要此形状的标题：如 坚持…推动…，或素材库中的模式"),
    bank: Optional[str] = typer.Option(None, "--bank", help="素材库文件夹（默认 $WRITER_BANK 或自带素材库）"),
    seed: int = typer.Option(0, "--seed", help="随机种子：同一种子结果相同"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 列表输出，便于脚本处理"),
) -> None:
    from writer.bank import load_bank
    from writer.suggest import suggest

    # Check the cheap arguments before touching the bank, so a typo costs nothing.
    from writer.suggest import KINDS, CountError, EmptyTopicError, UnknownKindError
    if not topic.strip():
        raise EmptyTopicError("主题不能为空（例：writer suggest 人才）", key="TOPIC")
    if kind not in KINDS:
        raise UnknownKindError(f"不认识的类别“{kind}”；可用：{'、'.join(KINDS)}", key="--kind")
    if n < 1:
        raise CountError(f"-n 应为正整数，不是 {n}", key="-n")
    results = suggest(load_bank(bank), topic, kind=kind, n=n, pattern=pattern, seed=seed)
    if as_json:
        import json
        print(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
        return
    if not results:
        print(f"没有找到与“{topic}”相关的{_KIND_LABELS[kind]}。", file=sys.stderr)
        return
    if sys.stdout.isatty():
        _table(results, topic, kind)
    else:
        for r in results:
            print(f"{r.text}\t{_ORIGIN_LABELS[r.origin]}\t{_where(r)}")


def _where(r) -> str:
    if r.origin == "mined":
        year = f" {r.year}" if r.year else ""
        return f"《{r.source}》{year}" if r.source else year.strip()
    if r.from_heading:
        return f"模式 {r.pattern}（来自“{r.from_heading}”）"
    if r.source:
        year = f" {r.year}" if r.year else ""
        return f"模板（来自《{r.source}》{year}）"
    return f"模式 {r.pattern}" if r.pattern else ""


def _table(results, topic: str, kind: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"“{topic}”的{_KIND_LABELS[kind]}建议", show_lines=kind in ("opening", "closing"))
    table.add_column("#", justify="right", style="dim")
    table.add_column("文字", overflow="fold")
    table.add_column("来源", no_wrap=False)
    table.add_column("出处或模式", overflow="fold", style="dim")
    for i, r in enumerate(results, 1):
        text = "\n".join(r.lines) if kind in ("pair",) and r.lines else r.text
        table.add_row(str(i), text, _ORIGIN_LABELS[r.origin], _where(r))
    Console().print(table)
