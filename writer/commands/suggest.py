"""`writer suggest TOPIC`: headings, slogans, openings, closings… for a topic.

The options are parsed here rather than declared to typer: this typer builds a
pydantic validator for every typed parameter, which costs more than the whole
command. `suggest` must start as fast as `import typer, rich` (issue 4), so it
takes its arguments raw and checks them itself.
"""

from __future__ import annotations

import re
import sys

import typer

from writer.cli import app, guarded
from writer.commands.rawargs import split_options

_KIND_LABELS = {"heading": "标题", "pair": "两行标题", "set": "对仗组", "slogan": "四字语",
                "opening": "开头", "closing": "结尾", "aphorism": "金句"}
_ORIGIN_LABELS = {"mined": "原文", "generated": "生成"}

_HELP = """为主题给出标题、两行标题、对仗组、四字语、开头、结尾或金句：原文摘录（注明出处）或按素材库模式生成（注明模式）。

\b
用法：writer suggest TOPIC [选项]
  TOPIC              主题，如 人才、党建、教育、医保
  --kind, -k KIND    类别：heading（默认）| pair | set | slogan | opening | closing | aphorism
  -n N               条数，默认 10（set 为一组标题的个数）
  --pattern TEXT     只要此形状的标题：如 坚持…推动…，或素材库中的模式
  --bank DIR         素材库文件夹（默认 $WRITER_BANK 或自带素材库）
  --seed N           随机种子：同一种子结果相同（默认 0）
  --json             以 JSON 列表输出，便于脚本处理
"""


# option → (field, takes a value)
_OPTIONS = {"--kind": ("kind", True), "-k": ("kind", True), "-n": ("n", True),
            "--pattern": ("pattern", True), "--bank": ("bank", True), "--seed": ("seed", True),
            "--json": ("as_json", False)}


def parse_args(args: list[str]) -> dict:
    """The suggest options from raw arguments; UsageError (exit 2) on anything unusable."""
    from writer.suggest import CountError, SuggestOptionError

    out: dict = {"topic": None, "kind": "heading", "n": "10", "pattern": None, "bank": None,
                 "seed": "0", "as_json": False}
    given, positional = split_options(args, _OPTIONS, SuggestOptionError, attached=("-n",))
    out.update(given)
    if len(positional) > 1:
        raise SuggestOptionError(f"只能给一个主题，收到 {len(positional)} 个：{'、'.join(positional)}",
                                 key="TOPIC")
    out["topic"] = positional[0] if positional else ""
    for field, flag in (("n", "-n"), ("seed", "--seed")):
        try:
            out[field] = int(out[field])
        except ValueError:
            raise (CountError if field == "n" else SuggestOptionError)(
                f"{flag} 应为整数，不是“{out[field]}”", key=flag) from None
    return out


@app.command("suggest", help=_HELP, short_help="按主题给出标题、两行标题、对仗组、四字语、开头、结尾、金句",
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True,
                               "allow_interspersed_args": False})
@guarded
def suggest_command(ctx: typer.Context) -> None:
    from writer.bank.store import load_bank
    from writer.suggest import check_request, suggest

    opts = parse_args(list(ctx.args))
    # Cheap checks before touching the bank, so a typo costs nothing.
    check_request(opts["topic"], opts["kind"], opts["n"])
    results = suggest(load_bank(opts["bank"]), opts["topic"], kind=opts["kind"], n=opts["n"],
                      pattern=opts["pattern"], seed=opts["seed"])
    kind, topic = opts["kind"], opts["topic"].strip()
    if opts["as_json"]:
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
    frame = re.search(r"句式(\d+)$", r.pattern or "")
    if frame:  # a paragraph assembled from the bank's couplets and a lexicon frame
        where = f"句子取自《{r.source}》＋" if r.source else ""
        return f"{where}句式{frame.group(1)}"
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
    table.add_column("来源")
    table.add_column("出处或模式", overflow="fold", style="dim")
    for i, r in enumerate(results, 1):
        text = "\n".join(r.lines) if kind == "pair" and r.lines else r.text
        table.add_row(str(i), text, _ORIGIN_LABELS[r.origin], _where(r))
    Console().print(table)
