"""`writer render FACTS`: a complete draft from the writer's facts file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from writer.cli import app, guarded


@app.command(
    "render",
    help="按事实文件（YAML）写出工作综述初稿：标题、帽子、各节标题与段落、结语。"
         "默认把 Markdown 打印到屏幕；-o 可写 .md、.txt 或按公文格式排版的 .docx。"
         "数字只取自事实文件；模型生成的句子会在标准错误中列出，供核对。",
)
@guarded
def render_command(
    facts: Path = typer.Argument(..., help="事实文件（YAML，UTF-8 或 GB18030），格式见 examples/", show_default=False),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="输出文件：.md、.txt 或 .docx；不给则打印 Markdown", show_default=False),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖"),
    templates: Optional[Path] = typer.Option(None, "--templates", help="模板文件夹：其中的同名模板（summary.md.j2 等、genre.yaml）替换内置的", show_default=False),
    bank: Optional[Path] = typer.Option(None, "--bank", help="素材库文件夹（默认：$WRITER_BANK，否则内置素材库）", show_default=False),
    seed: Optional[int] = typer.Option(None, "--seed", help="随机种子：相同事实与种子得到逐字相同的初稿（默认取事实文件 style.seed，否则 0）", show_default=False),
    no_generate: bool = typer.Option(False, "--no-generate", help="不用模型生成句子，只用素材库原有的句子"),
) -> None:
    from writer.render import render_file

    result = render_file(facts, output, force=force, templates=templates, bank=bank,
                         seed=seed, generate=not no_generate)
    if result.text is not None:
        sys.stdout.write(result.text)
        sys.stdout.flush()
    draft = result.draft
    if draft.generated_headings:
        print("writer: 以下标题为自动生成，请核对：", file=sys.stderr)
        for heading in draft.generated_headings:
            print(f"  {heading}", file=sys.stderr)
    if draft.generated:
        print("writer: 以下句子由模型生成，请核对：", file=sys.stderr)
        for note in draft.generated:
            print(f"  {note.where}：{note.text}", file=sys.stderr)
    if result.path is not None:
        print(f"writer: 已写入 {result.path}", file=sys.stderr)
