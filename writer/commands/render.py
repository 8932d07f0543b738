"""`writer render FACTS`: a complete draft from the writer's facts file."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import sys
from typing import Optional

import typer

from writer.errors import UsageError

HELP = ("按事实文件（YAML）写出工作综述初稿：标题、帽子、各节标题与段落、结语。数字只取自事实文件；"
        "自动生成的标题与句子会在标准错误中列出，供核对。")
SHORT_HELP = "按事实文件写出初稿（.md、.txt 或 GB/T 9704 .docx）"


class RenderOptionError(UsageError):
    """An option of writer render has an empty value."""


def render_command(
    facts: str = typer.Argument(..., metavar="FACTS", help="事实文件（YAML，UTF-8 或 GB18030），格式见 examples/",
                                show_default=False),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE",
                                         help="输出文件：.md、.txt 或 .docx（GB/T 9704 公文格式）；不给则把 Markdown 打印到屏幕"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    templates: Optional[str] = typer.Option(
        None, "--templates", metavar="DIR",
        help="模板文件夹：其中的同名文件（summary.md.j2、summary.txt.j2、summary.docx.j2、genre.yaml）替换内置的"),
    bank: Optional[str] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认 $WRITER_BANK，否则自带素材库）"),
    seed: Optional[int] = typer.Option(None, "--seed", metavar="N",
                                       help="随机种子：相同事实与种子得到逐字相同的初稿（默认取事实文件的 style.seed，否则 0）"),
    no_generate: bool = typer.Option(False, "--no-generate", help="不用模型生成句子，只用素材库原有的句子"),
) -> None:
    from writer.render.memo import render_remembered

    for flag, value in (("--output", output), ("--templates", templates), ("--bank", bank)):
        if value == "":
            raise RenderOptionError("值不能为空", key=flag)
    result = render_remembered(facts, output, force=force, templates=templates, bank=bank, seed=seed,
                               generate=not no_generate)
    if result.text is not None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    for line in result.messages:
        print(line, file=sys.stderr)
    if result.path is not None:
        print(f"writer: 已写入 {result.path}", file=sys.stderr)
