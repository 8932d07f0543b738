"""Rendering findings: JSON records, and text with excerpts and a per-rule summary."""

from __future__ import annotations

import json
import re
from collections import Counter

from writer.check.finding import LEVELS, Finding

EXCERPT_CONTEXT = 24
EXCERPT_SPAN = 60
LEVEL_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe for a terminal and for UTF-8 output (controls, lone surrogates replaced)."""
    return _UNPRINTABLE.sub("\ufffd", text.replace("\t", " "))


def to_json(findings: list[Finding]) -> str:
    """The ``--format json`` document: a list of finding records (``json.dumps(…, indent=2)``
    of the list, built one record at a time)."""
    if not findings:
        return "[]"
    return "[\n" + ",\n".join(map(_json_record, findings)) + "\n]"


def _json_record(f: Finding) -> str:
    record = f.to_dict()
    for key in ("file", "message", "suggestion"):
        if isinstance(record[key], str):
            record[key] = printable(record[key])
    return "  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")


def excerpt(line_text: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """A window of ``line_text`` around columns [start_col, end_col) (1-based) and the span in it."""
    s = start_col - 1
    e = min(end_col - 1, len(line_text), s + EXCERPT_SPAN)
    e = max(e, min(s + 1, len(line_text)))
    left = max(0, s - EXCERPT_CONTEXT)
    right = min(len(line_text), e + EXCERPT_CONTEXT)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    window = prefix + line_text[left:right] + suffix
    a = len(prefix) + s - left
    b = len(prefix) + e - left
    return printable(window), a, b


def counts_by_rule(findings: list[Finding]) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for f in findings:
        out.setdefault(f.rule, Counter())[f.level] += 1
    return out


def render_text(findings: list[Finding], line_of, console, rule_order: list[str]) -> None:
    """Print findings with excerpts to a Rich console, then a summary per rule.

    ``line_of(file, line)`` returns the text of that line of the file.
    """
    from rich.text import Text

    line_of = _last_line_kept(line_of)
    if not console.is_terminal:
        # A file or a pipe gets no styles: plain lines written straight to the stream
        # (what Rich would write, without its per-character processing), a batch at a
        # time, so the text of all findings is never held at once.
        for first in range(0, len(findings), _BATCH):
            batch = findings[first:first + _BATCH]
            console.file.write("".join(line + "\n" for f in batch for line in _plain_lines(f, line_of)))
    else:
        # One print for all findings: Rich spends some 100 µs on each print, which a
        # long draft's thousands of findings would pay several times over.
        colour = not console.no_color
        lines = [line for f in findings for line in _styled_lines(f, line_of, colour)]
        if lines:
            console.print(Text("\n").join(lines), highlight=False, soft_wrap=True)
    if not findings:
        console.print("未发现问题。", highlight=False)
        return
    _print_summary(findings, console, rule_order)


_BATCH = 2000


def _last_line_kept(line_of):
    """``line_of`` remembering its last answer: consecutive findings on one long line
    (a file typed on one line) would copy that line once each."""
    last: list = [None, None]

    def cached(file, line):
        if last[0] != (file, line):
            last[0], last[1] = (file, line), line_of(file, line)
        return last[1]
    return cached


def _parts(f: Finding, line_of) -> tuple[tuple[str, str, str], tuple[str, str, str] | None]:
    """(the header in three parts: location, level, rule and message; the excerpt in three
    parts: before, the span, after — None when the line is unknown)."""
    head = printable(f"{f.file}:{f.line}:{f.column}: "), f.level, printable(f" {f.rule}: {f.message}")
    line_text = line_of(f.file, f.line)
    if line_text is None:
        return head, None
    end_col = f.end_column if f.end_line == f.line else len(line_text) + 1
    window, a, b = excerpt(line_text, f.column, end_col)
    return head, (window[:a], window[a:b], window[b:])


def _caret_line(excerpt_parts: tuple[str, str, str]) -> str:
    from rich.cells import cell_len

    return " " * (4 + cell_len(excerpt_parts[0])) + "^" * max(1, cell_len(excerpt_parts[1]))


def _plain_lines(f: Finding, line_of) -> list[str]:
    head, excerpt_parts = _parts(f, line_of)
    lines = ["".join(head)]
    if excerpt_parts is not None:
        lines.append("    " + "".join(excerpt_parts))
        lines.append(_caret_line(excerpt_parts))
    if f.suggestion:
        lines.append(printable(f"    建议：{f.suggestion}"))
    return lines


def _styled_lines(f: Finding, line_of, colour: bool) -> list:
    from rich.text import Text

    style = LEVEL_STYLES[f.level]
    head, excerpt_parts = _parts(f, line_of)
    text = Text(head[0])
    text.append(head[1], style=style)
    text.append(head[2])
    lines = [text]
    if excerpt_parts is not None:
        body = Text("    ")
        body.append(excerpt_parts[0])
        body.append(excerpt_parts[1], style="reverse " + style)
        body.append(excerpt_parts[2])
        lines.append(body)
        if not colour:
            lines.append(Text(_caret_line(excerpt_parts)))
    if f.suggestion:
        lines.append(Text(printable(f"    建议：{f.suggestion}")))
    return lines


def _print_summary(findings: list[Finding], console, rule_order: list[str]) -> None:
    from rich.table import Table

    totals = Counter(f.level for f in findings)
    by_rule = counts_by_rule(findings)
    table = Table(title=None, show_edge=False, pad_edge=False)
    table.add_column("规则")
    for level in LEVELS:
        table.add_column(level, justify="right")
    table.add_column("合计", justify="right")
    for rule in sorted(by_rule, key=lambda r: rule_order.index(r) if r in rule_order else len(rule_order)):
        c = by_rule[rule]
        table.add_row(rule, *(str(c[level] or "") for level in LEVELS), str(sum(c.values())))
    console.print()
    console.print(table)
    summary = "，".join(f"{level} {totals[level]}" for level in reversed(LEVELS) if totals[level])
    console.print(f"共 {len(findings)} 处：{summary}", highlight=False)
