"""`writer outline`: a whole summary laid out, and a facts skeleton for `writer render`.

The same request on an unchanged bank is answered from the memo (writer.io.memo,
in the bank's cache folder), as `writer suggest` is: keyed by every option and the
bank folder, served while writer's code, the bank folder's listing, the content of
each bank file the outline read and the shipped reference's files are what it was
made from.
"""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import sys
from typing import Optional

import typer

HELP = "列出一篇综述的提纲：标题、导语模板、对仗的分节标题及各节可写的事实、结语；可另存为 writer render 用的事实文件骨架。"
SHORT_HELP = "整篇提纲与事实文件骨架"
MEMO_FILE = "outline-memo"       # a folder: one file per answer (writer.io.memo.MemoFolder)
POOLS_FILE = "outline-pools"    # what a request takes whatever its seed (writer.outline.OutlinePools)
KEEP = 32


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
    since: Optional[int] = typer.Option(None, "--since", metavar="YEAR",
                                        help="参考提法只要这一年及以后用过的；素材库里所依标题早于这一年的一节改用参考提法"),
    no_reference: bool = typer.Option(False, "--no-reference", help="只用自己的素材库，不列参考素材库的提法"),
) -> None:
    # Cheap checks first, so a typo costs nothing and names the option.
    if not (org or "").strip():
        _reject("缺少单位名称（--org，如 某县人力资源和社会保障局）", "--org")
    if not (topic or "").strip():
        _reject("缺少主题（--topic，如 人才、教育、医保）", "--topic")
    if fmt not in ("md", "json"):
        _reject(f"输出格式只能是 md 或 json，不是“{fmt}”", "--format")
    if since is not None:
        from writer.outline import check_since
        check_since(since)

    from writer.io import cache
    from writer.io.memo import MemoFolder
    from writer.io.paths import resolve_bank

    folder = resolve_bank(bank)
    # What build_outline takes besides the bank, org and topic; each one part of the memo's key.
    options = {"period": period, "sections": sections, "themes": themes, "style": style, "seed": seed,
               "since": since, "reference": not no_reference}
    request = (str(folder.resolve()), org, topic, fmt, tuple(sorted(options.items())))
    memo = MemoFolder(cache.cache_file(folder, MEMO_FILE) if folder.is_dir() else None, MEMO_FILE, KEEP)
    answer = memo.get(request, lambda deps: _current(folder, deps))
    if answer is None:
        answer, deps = _compute(bank, org, topic, fmt, options, memo)
        memo.put(request, deps, answer)
    text, skeleton = answer
    if facts_out:
        from writer.io.files import atomic_write

        atomic_write(facts_out, skeleton, force=force)
        print(f"writer: 事实文件骨架已写入 {facts_out}；填好【请填写】后运行 writer render {facts_out}",
              file=sys.stderr)
    sys.stdout.write(text)


def _compute(bank: Optional[str], org: str, topic: str, fmt: str, options: dict, memo) -> tuple:
    """The outline's text and facts skeleton, and what they depended on (for the memo).

    The pools of the same request without its seed (writer.outline.OutlinePools) are remembered
    beside the answers with what they were read from, which the answer then depends on too."""
    from writer.bank.store import load_bank
    from writer.io.memo import MemoFolder, folder_listing, folder_times
    from writer.io.paths import default_reference
    from writer.outline import OutlinePools, build_outline, facts_skeleton, parse_themes, to_json, to_markdown

    loaded = load_bank(bank)
    pools_memo = MemoFolder(memo.folder.with_name(POOLS_FILE) if memo.folder is not None else None, POOLS_FILE,
                            KEEP, key=memo.key)
    without_seed = (str(loaded.path.resolve()), org, topic, tuple(sorted((k, v) for k, v in options.items()
                                                                         if k != "seed")))
    stored = pools_memo.get(without_seed, lambda deps: _current(loaded.path, deps))   # (pools, files read)
    pools = OutlinePools(stored[0] if stored is not None else None)
    outline = build_outline(loaded, org, topic, **{**options, "themes": parse_themes(options["themes"])},
                            pools=pools)
    text = to_json(outline) if fmt == "json" else to_markdown(outline)
    read = {**dict(stored[1] if stored is not None else ()), **dict(loaded.files_read())}
    deps = (folder_listing(loaded.path), tuple(sorted(read.items())), folder_times(default_reference()))
    if pools.changed:
        pools_memo.put(without_seed, deps, (pools.data, deps[1]))
    return (text, facts_skeleton(outline)), deps


def _current(folder, deps) -> bool:
    """Whether the bank folder and the shipped reference still hold what the outline was made from."""
    from writer.io.cache import run_stamp
    from writer.io.memo import folder_listing, folder_times
    from writer.io.paths import default_reference

    listing, read, reference = deps
    # run_stamp: the file stamped for the pools' check is not read again for the bank's caches.
    return (folder_listing(folder) == listing and folder_times(default_reference()) == tuple(reference)
            and all(run_stamp(folder / name) == tuple(stamp) for name, stamp in read))


def _reject(message: str, key: str) -> None:
    from writer.outline import OutlineOptionError

    raise OutlineOptionError(message, key=key)
