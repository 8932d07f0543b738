"""Rendering findings: JSON records, and text with excerpts and a per-rule summary."""

from __future__ import annotations

from collections import Counter

from writer.check.finding import LEVELS, Finding
from writer.check.rulecache import own_pattern

EXCERPT_CONTEXT = 24
EXCERPT_SPAN = 60
LEVEL_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_UNPRINTABLE = own_pattern(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe for a terminal and for UTF-8 output (controls, lone surrogates replaced)."""
    return _UNPRINTABLE.sub("\ufffd", text.replace("\t", " "))


def to_json(findings: list[Finding]) -> str:
    """The ``--format json`` document: a list of finding records (``json.dumps(…, indent=2)``
    of the list, built one record at a time)."""
    # json.dumps(…, ensure_ascii=False) encodes strings with json's C encoder: taken from its
    # accelerator module, the json package (decoder, scanner, encoder) is not imported at all.
    try:
        from _json import encode_basestring
    except ImportError:     # a Python without the accelerator: json's own fallback
        from json.encoder import encode_basestring

    if not findings:
        return "[]"
    # A long draft's findings share their file, rules and most of their messages: each
    # distinct string is encoded once (file, message and suggestion made printable first).
    shown: dict = {}
    names: dict = {}

    def text(value) -> str:
        out = shown.get(value)
        if out is None:
            out = shown[value] = encode_basestring(printable(value)) if type(value) is str else \
                _json_value(value, encode_basestring)
        return out

    def name(value) -> str:
        out = names.get(value)
        if out is None:
            out = names[value] = _json_value(value, encode_basestring)
        return out

    def number(value) -> str:
        return int.__repr__(value) if type(value) is int else _json_value(value, encode_basestring)

    # Findings of one rule with one message differ only in their position: a record is its
    # file's head with the four numbers filled in, then the text of (rule, level, message,
    # suggestion), each made once.
    heads: dict = {}
    tails: dict = {}
    records = []
    for f in findings:
        if type(f.line) is type(f.column) is type(f.end_line) is type(f.end_column) is int:
            head = heads.get(f.file)
            if head is None:
                head = heads[f.file] = _HEAD % (text(f.file).replace("%", "%%"), "%d", "%d", "%d", "%d")
            key = (f.rule, f.level, f.message, f.suggestion)
            tail = tails.get(key)
            if tail is None:
                tail = tails[key] = _TAIL % (name(f.rule), name(f.level), text(f.message), text(f.suggestion))
            records.append(head % (f.line, f.column, f.end_line, f.end_column) + tail)
        else:
            records.append(_RECORD % (text(f.file), number(f.line), number(f.column), number(f.end_line),
                                      number(f.end_column), name(f.rule), name(f.level), text(f.message),
                                      text(f.suggestion)))
    return "[\n" + ",\n".join(records) + "\n]"


# The text json.dumps(record, ensure_ascii=False, indent=2) gives for Finding.to_dict(), indented
# by two, written out here: the json module's pure-Python indenting encoder would cost a long
# draft's thousands of records more than checking it. Strings go through json's own C encoder.
_RECORD = "  {\n" + ",\n".join(f'    "{key}": %s' for key in (
    "file", "line", "column", "end_line", "end_column", "rule", "level", "message", "suggestion")) + "\n  }"
# The record cut before "rule": the head (file and the four numbers) and the tail.
_HEAD, _TAIL = _RECORD[:_RECORD.index(',\n    "rule"')], _RECORD[_RECORD.index(',\n    "rule"'):]


def _json_value(value, encode_string) -> str:
    """``value`` as json.dumps writes it inside a record at the record's field depth
    (``encode_string``: json's string encoder)."""
    kind = type(value)
    if kind is str:
        return encode_string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    import json

    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def excerpt(line_text: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """A window of ``line_text`` around columns [start_col, end_col) (1-based) and the span in it."""
    window, a, b = _window(line_text, start_col, end_col)
    return printable(window), a, b


def _window(line_text: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """``excerpt`` of ``line_text`` as it is (not made printable)."""
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
    return window, a, b


def counts_by_rule(findings: list[Finding]) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for f in findings:
        counts = out.get(f.rule)
        if counts is None:
            counts = out[f.rule] = Counter()      # not setdefault: a Counter made per finding
        counts[f.level] += 1
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
        _write_plain(findings, line_of, console.file)
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


def _write_plain(findings: list[Finding], line_of, stream) -> None:
    # printable() maps each character to one character: the printable form of a text is
    # that of its parts joined, and an excerpt of a line made printable is the line's
    # printable excerpt. Each file name, message, suggestion and line is made printable
    # once, not once for every finding that shows it.
    shown: dict = {}
    last: list = [None, None]

    def printable_line(file, line):
        if last[0] != (file, line):
            text = line_of(file, line)
            last[0], last[1] = (file, line), printable(text) if text is not None else None
        return last[1]

    for first in range(0, len(findings), _BATCH):
        batch = findings[first:first + _BATCH]
        stream.write("".join(line + "\n" for f in batch for line in _plain_lines(f, printable_line, shown)))


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


# Characters whose terminal width is known without Rich's tables (tests/test_check_cache.py
# checks each against rich.cells.cell_len): printable ASCII, narrow punctuation, the symbols
# drafts mark and number items with (★, ①, Ⅱ, ℃) and the box-drawing lines of the report's own
# summary table (U+2500–U+257F) are one cell; CJK ideographs, CJK punctuation and full-width
# forms two. A text holding any other character is measured by Rich, whose import costs a
# short report more than writing it.
_NARROW = frozenset(map(ord, "‘’“”…—·★☆●○■□▲△◆◇※→←↑↓①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ℃×÷±≤≥°‰№√•")) \
    | frozenset(range(0x2500, 0x2580))
_WIDE_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF), (0x3000, 0x301F), (0xFF01, 0xFF5E))
_NARROW_CLASS = "\\x20-\\x7e" + "".join(sorted(map(chr, _NARROW)))
_NARROW_RUNS = own_pattern(f"[{_NARROW_CLASS}]+")
_UNKNOWN_WIDTH = own_pattern(f"[^{_NARROW_CLASS}" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _WIDE_RANGES) + "]")


def cell_width(text: str) -> int:
    """Terminal cells of ``text``, as Rich counts them (Rich is asked only for a character
    outside the common ranges: importing it costs a short check more than its report)."""
    if _UNKNOWN_WIDTH.search(text) is not None:
        from rich.cells import cell_len

        return cell_len(text)
    # Every character is narrow (one cell) or wide (two): the length plus the wide ones.
    return len(text) + len(_NARROW_RUNS.sub("", text))


def _caret_line(excerpt_parts: tuple[str, str, str]) -> str:
    return " " * (4 + cell_width(excerpt_parts[0])) + "^" * max(1, cell_width(excerpt_parts[1]))


def _plain_lines(f: Finding, printable_line, shown: dict) -> list[str]:
    """The lines of ``f`` in the plain report (``_parts`` and ``_caret_line`` as the styled
    report has them); ``printable_line``: the printable text of a line of a file; ``shown``:
    the printable forms of the strings shown so far."""
    file, message, suggestion = (f.file, 0), (f.rule, f.message), (f.suggestion, 1)
    if file not in shown:
        shown[file] = printable(f"{f.file}")
    if message not in shown:
        shown[message] = printable(f" {f.rule}: {f.message}")
    place = f":{f.line}:{f.column}: "
    lines = [shown[file] + (place if type(f.line) is type(f.column) is int else printable(place)) + f.level
             + shown[message]]
    line_text = printable_line(f.file, f.line)
    if line_text is not None:
        end_col = f.end_column if f.end_line == f.line else len(line_text) + 1
        window, a, b = _window(line_text, f.column, end_col)
        excerpt_parts = (window[:a], window[a:b], window[b:])
        lines.append("    " + "".join(excerpt_parts))     # not the window: a column past the line's end
        lines.append(_caret_line(excerpt_parts))
    if f.suggestion:
        if suggestion not in shown:
            shown[suggestion] = printable(f"    建议：{f.suggestion}")
        lines.append(shown[suggestion])
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


def print_text(findings: list[Finding], line_of, rule_order: list[str], stream) -> None:
    """The text report on ``stream``: without Rich when it would write plain text anyway
    (not a terminal, no forced colours) and the summary fits its width; through Rich otherwise.

    Importing and running Rich costs a short check more than checking does.
    """
    width = _plain_width(stream)
    table = _summary_table(findings, rule_order) if findings and width is not None else None
    if width is None or (findings and (table is None or max(map(cell_width, table)) > width)):
        from rich.console import Console

        render_text(findings, line_of, Console(file=stream, highlight=False, soft_wrap=True), rule_order)
        return
    _write_plain(findings, _last_line_kept(line_of), stream)
    if not findings:
        stream.write("未发现问题。\n")
        return
    stream.write("\n" + "".join(line + "\n" for line in table) + _total_line(findings) + "\n")


# What makes Rich treat a stream as a terminal or colour it whatever it is.
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES")


def _plain_width(stream) -> int | None:
    """The width Rich would lay a plain report out in (its own rule: a standard stream's
    terminal size, then $COLUMNS, then 80); None when Rich would treat ``stream`` as a terminal."""
    import os
    import sys

    isatty = getattr(stream, "isatty", None)
    if isatty is None or isatty() or any(name in os.environ for name in _FORCING) or "idlelib" in sys.modules:
        return None
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
            break
        except (AttributeError, ValueError, OSError):
            pass
    columns = os.environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


def _summary_table(findings: list[Finding], rule_order: list[str]) -> list[str] | None:
    """The per-rule summary as Rich draws it plainly (heavy header, no outer edge, columns
    padded by one space inside); None when a cell holds a character whose width Rich may count
    differently (anything but ASCII and CJK)."""
    by_rule = counts_by_rule(findings)
    rules = sorted(by_rule, key=lambda r: rule_order.index(r) if r in rule_order else len(rule_order))
    header = ["规则", *LEVELS, "合计"]
    rows = [[rule, *(str(by_rule[rule][level] or "") for level in LEVELS), str(sum(by_rule[rule].values()))]
            for rule in rules]
    if any(not (c.isascii() and c.isprintable()) for row in rows for c in row[0]):
        return None
    widths = [max(cell_width(row[k]) for row in [header, *rows]) for k in range(len(header))]

    def line(cells: list[str], bar: str) -> str:
        padded = [cells[0] + " " * (widths[0] - cell_width(cells[0]))]
        padded += [" " * (w - cell_width(c)) + c for c, w in zip(cells[1:], widths[1:])]
        return f" {bar} ".join(padded)

    rule_line = "╇".join("━" * (w + (1 if k in (0, len(widths) - 1) else 2)) for k, w in enumerate(widths))
    return [line(header, "┃"), rule_line, *(line(row, "│") for row in rows)]


def _total_line(findings: list[Finding]) -> str:
    totals = Counter(f.level for f in findings)
    summary = "，".join(f"{level} {totals[level]}" for level in reversed(LEVELS) if totals[level])
    return f"共 {len(findings)} 处：{summary}"


def _print_summary(findings: list[Finding], console, rule_order: list[str]) -> None:
    from rich.table import Table

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
    console.print(_total_line(findings), highlight=False)
