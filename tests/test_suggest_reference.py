"""`writer suggest` with both banks: the shipped reference's headings and slogans, every result's years,
--since, --no-reference (writer.suggest.reference, writer.compose.reference, writer.bank.reference_headings)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from writer.bank.reference_headings import MIN_CHARS, reference_lines
from writer.bank.reference import default_reference
from writer.cli import app

runner = CliRunner()


def as_json(*args: str) -> list[dict]:
    res = runner.invoke(app, ["suggest", *args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def lines():
    found = reference_lines()
    if found is None:
        pytest.skip("no reference bank installed")
    return found


def test_the_compiled_lines_are_the_shipped_references(lines):
    assert lines is reference_lines(default_reference())   # one compiled copy per folder and run


def test_compiled_lines_are_whole_headings_of_a_pattern(lines):
    assert len(lines) > 500
    for k in range(0, len(lines), max(len(lines) // 300, 1)):
        line, pattern = lines.line(k), lines.pattern(k)
        assert len(line) >= MIN_CHARS and "{" in pattern
        own = [part for part in pattern.replace("}", "{").split("{")[::2] if part]
        assert all(part in line for part in own), (line, pattern)   # the pattern's own text is in it
        use = lines.use(k)
        assert use.reports >= 20 and use.first_year <= use.last_year


@pytest.mark.parametrize("piece,whole", [
    ("实施全民参保", "实施全民参保计划"),      # nearly always continued on the right
    ("加强大气污染", None),                  # its last word mostly goes on (防治)
])
def test_pieces_of_longer_strings_are_left_out(lines, piece, whole):
    texts = {lines.line(k) for k in range(len(lines))}
    assert piece not in texts
    if whole:
        assert whole in texts


def _region_names() -> set[str]:
    """The provinces and cities of the reference's reports, full and short (上海市, 上海)."""
    from writer.bank.reference import load_reference

    names = set()
    for region in load_reference().regions:
        names.add(region)
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if region.endswith(suffix) and len(region) - len(suffix) >= 2:
                names.add(region[:-len(suffix)])
                break
    return names


@pytest.mark.parametrize("topic", ["人才", "医保", "安全生产", "乡村振兴"])
def test_reference_results_carry_their_years_and_no_names(topic):
    rows = as_json(topic, "-n", "30")
    ref = [r for r in rows if r["origin"] == "reference"]
    assert ref, topic
    for r in rows:
        assert r["first_year"] is None or r["first_year"] <= r["peak_year"] <= r["last_year"], r
    for r in ref:
        assert r["source"] == "参考素材库" and r["documents"] >= 1 and r["pattern"], r
        assert not any(name in r["text"] for name in _region_names()), r
        assert "总书记" not in r["text"] and "同志" not in r["text"], r


def test_the_users_own_texts_on_the_topic_come_first():
    rows = as_json("人才")
    origins = [r["origin"] for r in rows]
    first_other = next(i for i, o in enumerate(origins) if o != "mined")
    assert first_other >= 3 and all(o == "mined" for o in origins[:first_other])


@pytest.mark.parametrize("kind", ["heading", "slogan"])
@pytest.mark.parametrize("since", [2015, 2023])
def test_since_keeps_what_was_used_from_that_year_on(kind, since):
    rows = as_json("医保", "--kind", kind, "--since", str(since), "-n", "20")
    assert rows
    for r in rows:
        assert r["first_year"] >= since and r["peak_year"] >= since and r["last_year"] >= since, r
    if since > 2021:   # the shipped bank's own results (all of 2021) drop out
        assert all(r["origin"] == "reference" or r["kind"] == "slogan" for r in rows)
    # A result used before ``since`` too is counted from ``since`` on.
    early = {r["text"]: r for r in as_json("医保", "--kind", kind, "-n", "20") if (r["first_year"] or since) < since}
    recounted = [r for r in rows if r["text"] in early]
    assert all(r["documents"] <= early[r["text"]]["documents"] for r in recounted)


def test_since_shows_the_years_in_plain_output():
    res = runner.invoke(app, ["suggest", "医保", "--since", "2023", "-n", "5"])
    assert res.exit_code == 0
    years = [int(y) for y in re.findall(r"(\d{4})年", res.stdout)]
    assert years and min(years) >= 2023


@pytest.mark.parametrize("value,message", [
    ("3000", "--since 应为 1900 到"),
    ("1899", "--since 应为 1900 到"),
    ("24", "--since 应为 1900 到"),
    ("二〇二三", "应为整数"),
])
def test_a_bad_since_is_one_line_and_exit_2(value, message):
    res = runner.invoke(app, ["suggest", "人才", "--since", value])
    assert res.exit_code == 2
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.output


def test_no_reference_uses_the_users_bank_alone():
    rows = as_json("生态环境", "-n", "30", "--no-reference")
    assert rows and all(r["origin"] != "reference" for r in rows)
    assert any(r["origin"] == "reference" for r in as_json("生态环境", "-n", "30"))


def test_same_request_same_bytes():
    args = ["suggest", "安全生产", "--seed", "3", "-n", "15", "--json"]
    first = runner.invoke(app, args).stdout
    assert first == runner.invoke(app, args).stdout
