"""`writer bank stats`: what a phrase bank holds (counts per kind, sources)."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

from pathlib import Path
from typing import Optional

import typer

STATS_HELP = "列出素材库各类条目的数量和来源文档。"

_KIND_NAMES = {
    "slogan": "四字格（套语）", "term": "四字格（话题词）", "heading": "标题", "opening": "帽子段落",
    "closing": "结语段落", "aphorism": "金句", "topic": "话题", "name": "来源专名",
}


def stats_command(
    bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认：$WRITER_BANK，否则内置素材库）",
                                        show_default=False),
) -> None:
    import sys

    from writer.bank.store import load_bank

    b = load_bank(bank)
    manifest = b.manifest
    rows = [(_KIND_NAMES.get(kind, kind), str(n)) for kind, n in b.counts().items()]
    rows.append(("词表（带词性）", str(len(b.vocab))))
    sources = [(str(s.get("id", "")), str(s.get("file", "")), str(s.get("title", "")),
                "" if s.get("year") is None else str(s["year"])) for s in manifest["sources"]]
    print(f"素材库：{b.path}")
    print(f"重建命令：{manifest.get('command', '')}")
    if sys.stdout.isatty():
        _tables(rows, sources)
        return
    # Redirected: plain lines (a table's padding would put spaces beside full-width marks).
    print("条目数量（已合并custom.yaml）：")
    for name, n in rows:
        print(f"{name}：{n}")
    print(f"来源文档（{len(sources)}篇）：")
    for doc_id, file, title, year in sources:
        print(f"{doc_id}：《{title}》{year + '年' if year else ''}（{file}）")


def _tables(rows: list[tuple[str, str]], sources: list[tuple[str, ...]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="条目数量（已合并 custom.yaml）")
    table.add_column("类别")
    table.add_column("数量", justify="right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    listing = Table(title=f"来源文档（{len(sources)} 篇）")
    listing.add_column("编号")
    listing.add_column("文件")
    listing.add_column("标题")
    listing.add_column("年份", justify="right")
    for row in sources:
        listing.add_row(*row)
    console.print(listing)
