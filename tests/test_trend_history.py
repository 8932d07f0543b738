"""The README's table of formulations: `writer trend` on the shipped reference gives the years and shapes it shows,
and (with ../shared/corpora) the first year is within one year of the first report that uses each."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from writer.bank.reference import load_reference
from writer.trend.evidence import ReferenceEvidence

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ROW = re.compile(r"^\| (?P<phrase>[^|`]+?) \| (?P<era>20[0-9]{2} 年代兴起、已淡出|2010 年代出现|2023 年以来新出现) \| "
                 r"(?P<first>[0-9]{4}) \| (?P<peak>[0-9]{4}) \| (?P<last>[0-9]{4}) \|", re.M)


def table() -> list[dict]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## `writer trend`.*?(?=^## )", text, re.S | re.M).group(0)
    return [m.groupdict() for m in ROW.finditer(section)]


ROWS = table()


def test_the_table_has_twenty_formulations_of_each_era():
    eras = [row["era"] for row in ROWS]
    assert len(ROWS) == 20 and len(set(eras)) == 3 and min(map(eras.count, set(eras))) >= 3


@pytest.fixture(scope="module")
def evidence():
    return ReferenceEvidence(load_reference())


@pytest.mark.parametrize("row", ROWS, ids=[row["phrase"] for row in ROWS])
def test_trend_gives_the_years_and_the_shape_of_the_table(row, evidence):
    use = evidence.lookup(row["phrase"])
    assert use is not None, row["phrase"]
    assert (use.first_year, use.peak_year, use.last_year) == (int(row["first"]), int(row["peak"]), int(row["last"]))
    years = sorted(use.totals)
    peak = use.share(use.peak_year)
    recent = max(use.share(y) for y in years[-3:])
    rise = next(y for y in years if use.share(y) >= peak / 2)  # the year it took hold
    if row["era"].endswith("已淡出"):
        assert 2000 <= rise <= 2009 and recent <= 0.3 * peak
    elif row["era"] == "2010 年代出现":
        assert 2010 <= rise <= 2019 and use.peak_year >= rise
    else:
        assert rise >= 2023 and recent >= peak / 2


@pytest.fixture(scope="module")
def first_report_years() -> dict[str, int]:
    """Each table phrase → the year (from its file name) of the first report using it, in one pass."""
    if not (CORPORA / "gov-reports-city").is_dir():
        pytest.skip("../shared/corpora is absent")
    first: dict[str, int] = {}
    for path in [*(CORPORA / "gov-reports-provincial").glob("*/*.md"), *(CORPORA / "gov-reports-city").glob("*/*.md")]:
        if not path.stem[:4].isdigit():
            continue
        text, year = path.read_text(encoding="utf-8"), int(path.stem[:4])
        for row in ROWS:
            if row["phrase"] in text and year < first.get(row["phrase"], 9999):
                first[row["phrase"]] = year
    return first


@pytest.mark.parametrize("row", ROWS, ids=[row["phrase"] for row in ROWS])
def test_first_year_is_that_of_the_first_report_using_it(row, first_report_years):
    assert abs(int(row["first"]) - first_report_years[row["phrase"]]) <= 1
