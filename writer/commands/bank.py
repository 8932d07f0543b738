"""`writer bank stats`: what a phrase bank holds (counts per kind, sources)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

HELP = "查看素材库。"
STATS_HELP = "列出素材库各类条目的数量和来源文档。"

_KIND_NAMES = {
    "slogan": "四字格（套语）", "term": "四字格（话题词）", "heading": "标题", "opening": "帽子段落",
    "closing": "结语段落", "aphorism": "金句", "topic": "话题", "name": "来源专名",
}


def stats_command(
    bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认：$WRITER_BANK，否则内置素材库）",
                                        show_default=False),
) -> None:
    from rich.console import Console
    from rich.table import Table

    from writer.bank.store import load_bank

    b = load_bank(bank)
    counts = b.counts()
    manifest = b.manifest
    console = Console()
    console.print(f"素材库：{b.path}")
    console.print(f"重建命令：{manifest.get('command', '')}")
    table = Table(title="条目数量（已合并 custom.yaml）")
    table.add_column("类别")
    table.add_column("数量", justify="right")
    for kind, n in counts.items():
        table.add_row(_KIND_NAMES.get(kind, kind), str(n))
    table.add_row("词表（带词性）", str(len(b.vocab)))
    console.print(table)
    sources = Table(title=f"来源文档（{len(manifest['sources'])} 篇）")
    sources.add_column("编号")
    sources.add_column("文件")
    sources.add_column("标题")
    sources.add_column("年份", justify="right")
    for s in manifest["sources"]:
        sources.add_row(str(s.get("id", "")), str(s.get("file", "")), str(s.get("title", "")),
                        "" if s.get("year") is None else str(s["year"]))
    console.print(sources)
