"""`writer outline` with both banks: each section's years and the reference's headings for its theme,
--since, --no-reference (writer.outline, writer.compose.reference)."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from writer.bank.reference_headings import reference_lines
from writer.cli import app

runner = CliRunner()
ARGS = ["outline", "--org", "某县医疗保障局", "--topic", "医保", "--period", "2024年"]


@pytest.fixture(autouse=True)
def _reference():
    if reference_lines() is None:
        pytest.skip("no reference bank installed")


def as_json(*args: str) -> dict:
    res = runner.invoke(app, [*ARGS, *args, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_sections_carry_years_and_reference_headings():
    sections = as_json()["sections"]
    assert all(s["first_year"] == s["last_year"] == 2021 for s in sections)   # the shipped bank's headings
    refs = [r for s in sections for r in s["reference"]]
    assert refs and all(r["first_year"] <= r["peak_year"] <= r["last_year"] and r["documents"] >= 20
                        for r in refs)
    assert all(len({r["pattern"] for r in s["reference"]}) == len(s["reference"]) <= 3 for s in sections)


@pytest.mark.parametrize("since", [2018, 2024])
def test_since_shows_only_years_from_then_on(since):
    sections = as_json("--since", str(since))["sections"]
    years = [y for s in sections for y in (s["first_year"], s["last_year"]) if y is not None]
    years += [r[k] for s in sections for r in s["reference"] for k in ("first_year", "peak_year", "last_year")]
    assert years and min(years) >= since
    # A section whose own heading is older than --since takes the reference's first, with its years.
    for s in sections:
        if s["origin"] == "参考素材库":
            assert s["heading"] == s["reference"][0]["text"] and s["first_year"] >= since
    md = runner.invoke(app, [*ARGS, "--since", str(since)]).stdout
    provenance = md.split("\n---\n")[1]
    # The years of the section headings and reference headings (the lead's and closing's source titles aside).
    shown = [int(y) for y in re.findall(r"(?<![《\d])(\d{4})(?=年|—)", provenance.split("- 导语")[0])]
    assert shown and min(shown) >= since


def test_the_body_holds_no_number():
    md = runner.invoke(app, ARGS).stdout
    body = md.split("\n---\n")[0]
    assert "参考提法" in body
    assert not re.search(r"[0-9]", body.replace("2024", "").replace("2025", ""))


@pytest.mark.parametrize("value", ["3000", "1899", "24"])
def test_a_bad_since_is_one_line_and_exit_2(value):
    res = runner.invoke(app, [*ARGS, "--since", value])
    assert res.exit_code == 2
    assert "--since 应为 1900 到" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_no_reference_lists_none():
    sections = as_json("--no-reference")["sections"]
    assert all(not s["reference"] for s in sections)
    assert "参考提法" not in runner.invoke(app, [*ARGS, "--no-reference"]).stdout


def test_same_request_same_bytes():
    first = runner.invoke(app, [*ARGS, "--since", "2020", "--seed", "4"]).stdout
    assert first == runner.invoke(app, [*ARGS, "--since", "2020", "--seed", "4"]).stdout
