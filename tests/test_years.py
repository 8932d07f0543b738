"""The per-year evidence record: shares against the year's total, first/peak/last years."""

from writer.bank.years import PEAK_MIN_REPORTS, YearTable, YearUse, count_by_year


def test_peak_is_by_share_not_by_count():
    # 2010 has 10 of 100 reports, 2020 has 5 of 10: the share peaks in 2020.
    use = YearUse("某提法", {2010: 10, 2020: 5}, {2010: 100, 2015: 50, 2020: 10})
    assert use.peak_year == 2020
    assert use.first_year == 2010 and use.last_year == 2020
    assert use.reports == 15
    assert use.shares() == {2010: 0.1, 2015: 0.0, 2020: 0.5}


def test_a_year_of_few_reports_is_no_peak_beside_a_larger_one():
    # One report of one (100%) in 1984, 46 of 100 in 2008: the heyday is 2008.
    use = YearUse("劳动合同", {1984: 1, 2008: 46}, {1984: 1, 2008: 100})
    assert use.peak_year == 2008
    # a small corpus, no year of PEAK_MIN_REPORTS reports: every year counts
    small = YearUse("x", {2020: 1, 2021: 2}, {2020: 1, 2021: PEAK_MIN_REPORTS - 1})
    assert small.peak_year == 2020


def test_peak_tie_goes_to_the_earliest_year():
    use = YearUse("x", {2012: 1, 2011: 1}, {2011: 2, 2012: 2})
    assert use.peak_year == 2011


def test_unused_string_has_no_years():
    use = YearUse("x", {2011: 0}, {2011: 3})
    assert use.first_year is None and use.peak_year is None and use.last_year is None
    assert use.share(1999) == 0.0


def test_table_lookup_and_iteration():
    table = YearTable({2021: 2, 2020: 1}, {"乙": {2021: 1}, "甲": {2020: 1, 2021: 2}, "丙": {}})
    assert list(table.totals) == [2020, 2021]
    assert table.lookup("丙") is None and table.lookup("丁") is None
    assert [use.text for use in table] == ["乙", "甲"]
    assert table.lookup("甲").share(2021) == 1.0


def test_count_by_year_skips_undated_documents():
    assert count_by_year([2021, None, 2020, 2021]) == {2020: 1, 2021: 2}
