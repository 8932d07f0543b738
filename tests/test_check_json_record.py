"""The JSON report written out by hand is byte for byte what json.dumps(indent=2) gives."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from writer.check.finding import Finding
from writer.check.report import _json_value, printable, to_json

text = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from('"\\\n\t\x00\x1f\u2028“”%'), max_size=30)
findings = st.builds(Finding, file=text, start=st.integers(0, 10 ** 6), end=st.integers(0, 10 ** 6),
                     line=st.integers(1, 10 ** 6), column=st.integers(1, 10 ** 4), end_line=st.integers(1, 10 ** 6),
                     end_column=st.integers(1, 10 ** 4), rule=st.sampled_from(["copy", "punct", "my-rule"]),
                     level=st.sampled_from(["info", "warning", "error"]), message=text,
                     suggestion=st.none() | text)


def _dumps(items: list[Finding]) -> str:
    """The former report: json.dumps of each record, indented by two."""
    records = []
    for f in items:
        record = f.to_dict()
        for key in ("file", "message", "suggestion"):
            if isinstance(record[key], str):
                record[key] = printable(record[key])
        records.append("  " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  "))
    return "[\n" + ",\n".join(records) + "\n]" if records else "[]"


@given(st.lists(findings, max_size=4))
def test_to_json_matches_json_dumps(items):
    assert to_json(items) == _dumps(items)
    assert [r["message"] for r in json.loads(to_json(items))] == [printable(f.message) for f in items]


@given(st.lists(findings, min_size=1, max_size=3), st.lists(st.tuples(st.integers(1, 10 ** 6), st.integers(1, 10 ** 4)),
                                                     max_size=6))
def test_records_sharing_file_and_message_match_json_dumps(shapes, places):
    # A long draft's findings share their file and messages (to_json fills one head and
    # one tail per file and per message): the same findings at other places.
    items = [Finding(f.file, 0, 0, line, column, line, column + 1, f.rule, f.level, f.message, f.suggestion)
             for line, column in places for f in shapes] + shapes
    assert to_json(items) == _dumps(items)


def test_other_values_are_indented_like_json_dumps():
    value = {"a": [1, 2.5, True, None], "b": {}}
    record = json.dumps({"x": value}, ensure_ascii=False, indent=2)
    encode = json.encoder.encode_basestring
    assert record == "{\n  \"x\": " + _json_value(value, encode).replace("\n    ", "\n  ") + "\n}"
    assert _json_value(True, encode) == "true" and _json_value(2.5, encode) == "2.5"


def _former_plain_lines(f: Finding, line_of) -> list[str]:
    """The plain report's lines of ``f`` as they were made before (every part made printable
    for each finding): what the styled report still shows."""
    from writer.check.report import _caret_line, _parts

    head, excerpt_parts = _parts(f, line_of)
    lines = ["".join(head)]
    if excerpt_parts is not None:
        lines += ["    " + "".join(excerpt_parts), _caret_line(excerpt_parts)]
    if f.suggestion:
        lines.append(printable(f"    建议：{f.suggestion}"))
    return lines


@given(st.lists(findings, max_size=6), st.lists(text, min_size=1, max_size=3))
def test_plain_report_lines_are_the_former_ones(items, lines):
    import io

    from writer.check.report import _write_plain

    def line_of(file, line):
        return lines[line % len(lines)] if line % 4 else None

    out = io.StringIO()
    _write_plain(items, line_of, out)
    assert out.getvalue() == "".join(line + "\n" for f in items for line in _former_plain_lines(f, line_of))
