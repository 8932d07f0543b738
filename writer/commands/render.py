"""`writer render FACTS`: a complete draft from the writer's facts file.

The options are parsed raw (writer.commands.rawargs), as `suggest` does: this
typer builds a pydantic validator for every typed parameter, about 100 ms per
run, and render must start within twice suggest's time.
"""

from __future__ import annotations

import sys

import typer

from writer.cli import app, guarded
from writer.commands.rawargs import split_options
from writer.errors import UsageError

_HELP = """按事实文件（YAML）写出工作综述初稿：标题、帽子、各节标题与段落、结语。数字只取自事实文件；自动生成的标题与句子会在标准错误中列出，供核对。

\b
用法：writer render FACTS [选项]
  FACTS              事实文件（YAML，UTF-8 或 GB18030），格式见 examples/
  -o, --output FILE  输出文件：.md、.txt 或 .docx（GB/T 9704 公文格式）；不给则把 Markdown 打印到屏幕
  --force            输出文件已存在时覆盖
  --templates DIR    模板文件夹：其中的同名文件（summary.md.j2、summary.txt.j2、summary.docx.j2、genre.yaml）替换内置的
  --bank DIR         素材库文件夹（默认 $WRITER_BANK，否则自带素材库）
  --seed N           随机种子：相同事实与种子得到逐字相同的初稿（默认取事实文件的 style.seed，否则 0）
  --no-generate      不用模型生成句子，只用素材库原有的句子
"""


class RenderOptionError(UsageError):
    """An option of writer render is unknown, repeated without sense, or lacks its value."""


# option → (field, takes a value)
_OPTIONS = {"-o": ("output", True), "--output": ("output", True), "--force": ("force", False),
            "--templates": ("templates", True), "--bank": ("bank", True), "--seed": ("seed", True),
            "--no-generate": ("no_generate", False)}


def parse_args(args: list[str]) -> dict:
    """The render options from raw arguments; RenderOptionError (exit 2) on anything unusable."""
    out: dict = {"facts": None, "output": None, "force": False, "templates": None, "bank": None,
                 "seed": None, "no_generate": False}
    given, positional = split_options(args, _OPTIONS, RenderOptionError, attached=("-o",))
    out.update(given)
    if not positional:
        raise RenderOptionError("缺少事实文件：writer render FACTS [选项]", key="FACTS")
    if len(positional) > 1:
        raise RenderOptionError(f"只能给一个事实文件，收到 {len(positional)} 个：{'、'.join(positional)}",
                                key="FACTS")
    out["facts"] = positional[0]
    if out["seed"] is not None:
        try:
            out["seed"] = int(out["seed"])
        except ValueError:
            raise RenderOptionError(f"--seed 应为整数，不是“{out['seed']}”", key="--seed") from None
    for field in ("output", "templates", "bank"):
        if out[field] == "":
            raise RenderOptionError("值不能为空", key=f"--{field}")
    return out


@app.command("render", help=_HELP, short_help="按事实文件写出初稿（.md、.txt 或 GB/T 9704 .docx）",
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def render_command(ctx: typer.Context) -> None:
    from writer.render.draft import render_file

    opts = parse_args(list(ctx.args))
    result = render_file(opts["facts"], opts["output"], force=opts["force"],
                         templates=opts["templates"], bank=opts["bank"], seed=opts["seed"],
                         generate=not opts["no_generate"])
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
