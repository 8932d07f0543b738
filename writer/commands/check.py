"""`writer check FILE...`: lint 工作综述 drafts (套话, 空话, copies, stale wording, GB/T 15834/15835)."""

# No ``from __future__ import annotations``: typer would evaluate each annotation string at every run.

import atexit
import gc
import sys
from pathlib import Path
from typing import List, Optional

import typer

HELP = ("审读工作综述草稿：套话与口号堆砌、空话、重复、照抄素材库、长句、过时提法，"
        "以及标点、引号、空格、数字写法（GB/T 15834、15835）。"
        "退出码：0 无问题，1 有达到 --fail-on 级别的问题，2 用法错误，3 文件无法读取。")
SHORT_HELP = "审读草稿：套话、空话、照抄、过时提法、标点数字（GB/T 15834/15835）"

FORMATS = ("text", "json")
LEVEL_NAMES = ("info", "warning", "error")


def _ids(values: Optional[List[str]]) -> list[str]:
    out = []
    for value in values or []:
        out.extend(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
    return out


def check_command(
    files: List[str] = typer.Argument(..., metavar="FILE", help="草稿文件（.txt、.md、.docx；UTF-8 或 GB18030）；- 表示标准输入",
                                      show_default=False),
    output_format: str = typer.Option("text", "--format", metavar="text|json", help="输出格式：text 或 json"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="LEVEL",
                                          help="达到此级别（info、warning、error）即以 1 退出；默认 warning",
                                          show_default=False),
    disable: Optional[List[str]] = typer.Option(None, "--disable", metavar="ID,...", help="关闭的规则，逗号分隔（可多次给出）",
                                                show_default=False),
    only: Optional[List[str]] = typer.Option(None, "--only", metavar="ID,...", help="只运行这些规则，逗号分隔（可多次给出）",
                                             show_default=False),
    max_sentence: Optional[int] = typer.Option(None, "--max-sentence", min=1, metavar="N",
                                               help="长句阈值（字数，默认 100）", show_default=False),
    bank: Optional[Path] = typer.Option(None, "--bank", metavar="DIR", help="素材库文件夹（默认：$WRITER_BANK，否则内置素材库）",
                                        show_default=False),
    fix: bool = typer.Option(False, "--fix", help="只修正标点、引号、空格这类机械问题，写入 FILE.fixed；不改措辞"),
    in_place: bool = typer.Option(False, "--in-place", help="与 --fix 同用：直接改写原文件，原文件另存为 FILE.bak"),
    annotate: bool = typer.Option(False, "--annotate",
                                  help="另存一份带 Word 批注的副本：每条问题一条批注，标在问题文字上（默认 FILE.审读.docx，原文件不动）"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE.docx",
                                          help="与 --annotate 同用：批注副本的文件名（只审读一个文件时）", show_default=False),
    facts: Optional[Path] = typer.Option(None, "--facts", metavar="FACTS.yaml",
                                         help="事实文件：草稿里它没有的数字、疑似笔误和没用到的事实都报告（规则 fact）",
                                         show_default=False),
    force: bool = typer.Option(False, "--force", help="FILE.fixed、FILE.bak 或批注副本已存在时覆盖"),
    year: Optional[int] = typer.Option(None, "--year", metavar="YEAR",
                                       help="草稿的年份（规则 dated 据此判断提法是否早已少用；默认取标题或开头的日期）",
                                       show_default=False),
) -> None:
    # The cyclic collector is paused for the whole command: loading the rules, the caches and
    # the bank's indexes makes tens of thousands of objects and no reference cycles, and the
    # collections they would trigger cost a short draft's check about as much as running
    # two of its rules. Restored afterwards (tests run the command inside one process).
    collecting = gc.isenabled()
    gc.disable()
    # At exit Python runs the collector over every object still alive (four passes); after a check
    # that is the rules, phrase sets and indexes, which hold no garbage: frozen at exit instead, as
    # the last thing before those passes, they are skipped (about a tenth of a short draft's check).
    atexit.unregister(gc.freeze)      # once per process, however many checks it runs
    atexit.register(gc.freeze)
    try:
        _check(files, output_format, fail_on, disable, only, max_sentence, bank, fix, in_place, annotate, output,
               facts, force, year)
    finally:
        if collecting:
            _resume_collector()


def _resume_collector() -> None:
    # Everything the command made while the collector was paused is still in the youngest
    # generation, so the first allocation after gc.enable() would walk all of it (the rules,
    # caches and indexes: some 7M instructions, a short draft's check ends with it). In a
    # process that froze its long-lived objects (the console script does, before typer) the
    # command's join them; elsewhere they go to the oldest generation (freeze, then unfreeze)
    # and wait for a full collection like any long-lived object, and nothing frozen by the
    # caller is released.
    frozen = gc.get_freeze_count()
    gc.freeze()
    if not frozen:
        gc.unfreeze()
    gc.enable()


def _check(files, output_format, fail_on, disable, only, max_sentence, bank, fix, in_place, annotate, output,
           facts, force, year) -> None:
    from writer.check.config import find_config, load_config
    from writer.check.engine import Checker, configure_rules
    from writer.check.finding import level_rank
    from writer.check.rules import load_rules
    from writer.errors import EXIT_FINDINGS, ErrorGroup

    _check_options(files, output_format, fail_on, fix, in_place)
    _annotate_options(files, annotate, output, fix)
    config = load_config(find_config())
    ruleset = load_rules(config.extra)
    rules = configure_rules(ruleset, config, _ids(only), _ids(disable), max_sentence)
    checker = Checker(rules, _context(bank, facts, year), accept=set(config.accept))
    threshold = level_rank(fail_on or config.fail_on or "warning")

    copies = {}
    if annotate:
        from writer.check.annotate import default_output
        copies = {name: output or default_output(name) for name in files}
    findings, lines, errors = _check_files(checker, files, fix, in_place, force, copies)
    if fix and "-" in files:
        if errors:
            raise ErrorGroup(errors)
        return
    if findings or not errors or output_format == "json":  # no "未发现问题。" beside an unreadable file
        _print_findings(findings, lines, output_format, [r.id for r in rules])
    if errors:
        raise ErrorGroup(errors)
    if any(level_rank(f.level) >= threshold for f in findings):
        raise typer.Exit(EXIT_FINDINGS)


def _context(bank: Optional[Path], facts: Optional[Path], year: Optional[int]):
    """The bank's data for the rules, the facts of --facts, the draft's year of --year (rule dated)."""
    from writer.check.context import BankContext

    context = BankContext(bank)
    context.year = year
    if facts is not None:
        from writer.check.kinds.facts import FactSheet
        context.facts = FactSheet.load(facts)
    return context


def _check_options(files: List[str], output_format: str, fail_on: Optional[str], fix: bool,
                   in_place: bool) -> None:
    """Reject option values check cannot use (UsageError, exit 2), before any file is read."""
    from writer.errors import UsageError

    if output_format not in FORMATS:
        raise UsageError(f"--format 应为 {' 或 '.join(FORMATS)}", key="--format")
    if fail_on is not None and fail_on not in LEVEL_NAMES:
        raise UsageError(f"--fail-on 应为 {'、'.join(LEVEL_NAMES)} 之一", key="--fail-on")
    if in_place and not fix:
        raise UsageError("--in-place 只能与 --fix 同用", key="--in-place")
    if in_place and "-" in files:
        raise UsageError("--in-place 不能用于标准输入 -（修正后的文字写到标准输出）", key="--in-place")
    if files.count("-") > 1:
        raise UsageError("标准输入 - 只能给一次", key="-")


def _annotate_options(files: List[str], annotate: bool, output: Optional[Path], fix: bool) -> None:
    from writer.errors import UsageError

    if output is not None and not annotate:
        raise UsageError("-o 只能与 --annotate 同用", key="-o")
    if annotate and fix:
        raise UsageError("--annotate 与 --fix 不能同用", key="--annotate")
    if output is not None and len(files) > 1:
        raise UsageError("审读多个文件时不能给 -o（每个文件各自写入 FILE.审读.docx）", key="-o")
    if annotate and "-" in files and output is None:
        raise UsageError("标准输入 - 加批注时须用 -o 给出副本的文件名", key="-o")


def _check_files(checker, files: List[str], fix: bool, in_place: bool, force: bool, copies: dict):
    """Check (or fix, then check) each file: its findings, its lines by label, and the files that failed.

    A file that cannot be read is an error of its own; the others are still checked.
    Fixing standard input writes the fixed text to stdout and checks nothing.
    ``copies`` maps a file to the annotated copy to write (--annotate).
    """
    from writer.check.draft import Draft
    from writer.check.inputs import read_draft
    from writer.errors import WriterError

    if fix:
        from writer.check.fixes import fix_file, fix_text

    findings, lines, errors = [], {}, []
    for name in files:
        try:
            if fix and name == "-":
                text, markdown = read_draft(name)
                fixed, applied = fix_text(checker, text, name, markdown)
                sys.stdout.write(fixed)
                print(f"writer: 已修正 {applied} 处", file=sys.stderr)
                continue
            if fix:
                target, applied, text, markdown = fix_file(checker, name, in_place, force)
                print(f"writer: 已修正 {applied} 处，写入 {target}", file=sys.stderr)
                label = str(target)
            else:
                if name in copies:
                    from writer.check.annotate import check_copy_target
                    check_copy_target(name, copies[name], force)
                text, markdown = read_draft(name)
                label = name
            draft = Draft(text, label, markdown)
            lines[label] = draft.lines
            found = checker.check_draft(draft)
            findings.extend(found)
            if name in copies:
                from writer.check.annotate import write_annotated
                count = write_annotated(name, text, found, copies[name], force)
                print(f"writer: 已写入 {copies[name]}（批注 {count} 条）", file=sys.stderr)
        except WriterError as error:
            errors.append(error)
    return findings, lines, errors


def _print_findings(findings, lines: dict, output_format: str, rule_ids: list[str]) -> None:
    if output_format == "json":
        from writer.check.report import to_json
        sys.stdout.write(to_json(findings) + "\n")
    else:
        from writer.check.report import print_text

        def line_of(label: str, line: int):
            mapping = lines.get(label)
            return mapping.line_text(line) if mapping is not None else None

        print_text(findings, line_of, rule_ids, sys.stdout)
    sys.stdout.flush()
