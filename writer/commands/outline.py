"""`writer outline`: a whole summary laid out, and a facts skeleton for `writer render`."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import sys
from typing import Optional

import typer

HELP = "列出一篇综述的提纲：标题、导语模板、对仗的分节标题及各节可写的事实、结语；可另存为 writer render 用的事实文件骨架。"
SHORT_HELP = "整篇提纲与事实文件骨架"


def outline_command(
    org: Optional[str] = typer.Option(None, "--org", metavar="ORG", help="单位名称，如 某县人力资源和社会保障局（必填）"),
    topic: Optional[str] = typer.Option(None, "--topic", metavar="TOPIC", help="主题，如 人才、教育、医保（必填）"),
    period: Optional[str] = typer.Option(None, "--period", metavar="TEXT", help="综述的时段，如 2024年、五年来、“十四五”以来"),
    sections: Optional[int] = typer.Option(None, "--sections", metavar="N", help="分节数（2-8，默认 4）"),
    themes: Optional[str] = typer.Option(None, "--themes", metavar="A,B,C", help="各节主题，逗号分隔，如 引才聚才,育才用才,人才服务"),
    style: str = typer.Option("single", "--style", metavar="STYLE", help="标题样式：single 一行 | pair 两行 | triple 一行三句"),
    bank: Optional[str] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认 $WRITER_BANK 或自带素材库）"),
    seed: int = typer.Option(0, "--seed", metavar="N", help="随机种子：同一种子结果相同"),
    fmt: str = typer.Option("md", "--format", metavar="md|json", help="输出格式：md | json"),
    facts_out: Optional[str] = typer.Option(None, "--facts-out", metavar="FILE", help="另存事实文件骨架（YAML）到此路径"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的 --facts-out 文件"),
) -> None:
    from writer.outline import OutlineOptionError

    # Cheap checks first, so a typo costs nothing and names the option.
    if not (org or "").strip():
        raise OutlineOptionError("缺少单位名称（--org，如 某县人力资源和社会保障局）", key="--org")
    if not (topic or "").strip():
        raise OutlineOptionError("缺少主题（--topic，如 人才、教育、医保）", key="--topic")
    if fmt not in ("md", "json"):
        raise OutlineOptionError(f"输出格式只能是 md 或 json，不是“{fmt}”", key="--format")

    from writer.bank.store import load_bank
    from writer.outline import build_outline, facts_skeleton, parse_themes, to_json, to_markdown
    from writer.io.files import atomic_write

    outline = build_outline(load_bank(bank), org, topic, period=period, sections=sections,
                            themes=parse_themes(themes), style=style, seed=seed)
    if facts_out:
        atomic_write(facts_out, facts_skeleton(outline), force=force)
        print(f"writer: 事实文件骨架已写入 {facts_out}；填好【请填写】后运行 writer render {facts_out}",
              file=sys.stderr)
    sys.stdout.write(to_json(outline) if fmt == "json" else to_markdown(outline))
