"""--new / --fading: the Fightin' Words z-score against a hand computation, and the ranking's filters."""

from __future__ import annotations

import math

import pytest

from writer.bank.years import YearTable, YearUse
from writer.trend.errors import TrendYearError
from writer.trend.fightin import contrasts, log_odds_z, prior_weight
from writer.trend.contexts import Contexts, is_fragment
from writer.trend.ranking import base_years, cut_at_edge, holds_place, is_numeric, rank


def test_log_odds_z_by_hand():
    # 6 of 10 reports in the year, 2 of 20 before, a corpus share of 1/4 and a prior of 4 pseudo-reports:
    # a = 1, b = 3; delta = ln(7/7) - ln(3/21) = ln 7; var = 1/7 + 1/7 + 1/3 + 1/21 = 2/3.
    delta, z = log_odds_z((6, 10), (2, 20), 0.25, prior=4)
    assert delta == pytest.approx(math.log(7))
    assert z == pytest.approx(math.log(7) / math.sqrt(2 / 3))  # 1.945910 / 0.816497
    assert z == pytest.approx(2.383243, abs=1e-6)


def test_contrasts_take_the_prior_from_the_whole_corpus():
    totals = {2019: 10, 2020: 10, 2021: 10, 2022: 2}
    use = YearUse("甲", {2019: 1, 2020: 1, 2021: 6}, totals)  # 8 of 32 reports: share 1/4
    (c,) = contrasts([use], totals, 2021, [2019, 2020], prior=4)
    assert (c.focus_docs, c.focus_total, c.base_docs, c.base_total) == (6, 10, 2, 20)
    assert c.z == pytest.approx(2.383243, abs=1e-6)


def test_frequent_strings_do_not_win_by_size():
    # The same rise in share (10% → 20%) is surer with more reports; a single report is no trend.
    small = log_odds_z((2, 10), (1, 10), 0.15, 10)[1]
    large = log_odds_z((200, 1000), (100, 1000), 0.15, 10)[1]
    single = log_odds_z((1, 10), (0, 30), 1 / 40, 10)[1]
    assert large > small > 0 and single < log_odds_z((5, 10), (0, 30), 5 / 40, 10)[1]


def test_extreme_shares_stay_finite():
    assert math.isfinite(log_odds_z((10, 10), (30, 30), 1.0, 10)[1])
    assert math.isfinite(log_odds_z((0, 10), (0, 30), 0.0, 10)[1])


def test_the_prior_weighs_like_a_typical_year():
    assert prior_weight({2019: 3, 2020: 5, 2021: 4}) == 4 and prior_weight({}) == 1


TIME_WORDS = ("过去", "今后", "以来", "来", "近", "上")


def test_numbers_years_dates_and_spans_are_no_formulations():
    for text in ("2024年", "二〇二四年", "百分之", "１２月", "十四", "5G", "三千", "过去五年", "五年来", "近三年",
                 "上半年"):
        assert is_numeric(text, TIME_WORDS), text
    for text in ("新质生产力", "十四五", "十四五规划", "两个确保", "国企改革三年行动", "上海", "来访"):
        assert not is_numeric(text, TIME_WORDS), text


def test_function_words_at_the_edges_cut_a_clause():
    filters = {"start": ("的", "是"), "end": ("和",)}
    assert cut_at_edge("的关键一年", filters) and cut_at_edge("扩大内需和", filters)
    assert not cut_at_edge("以进促稳", filters)


def test_place_names_anywhere_in_the_string():
    places = frozenset({"上海", "遵义"})
    assert holds_place("建设上海国际", places) and holds_place("遵义", places)
    assert not holds_place("新质生产力", places)


class Evidence:
    kind = "reference"

    def __init__(self, totals, counts):
        self.table = YearTable(totals, counts)
        self.totals = self.table.totals

    def rows(self):
        years = sorted(self.totals)
        return ((use.text, [use.docs.get(y, 0) for y in years]) for use in self.table)

    def reports(self, text, year):
        return [("报告", year, "")]


TOTALS = {2021: 30, 2022: 30, 2023: 30, 2024: 30}
COUNTS = {
    "新质生产力": {2024: 20},
    "质生产力": {2024: 21},             # a fragment: nearly always inside 新质生产力
    "生产力": {2021: 10, 2022: 10, 2023: 10, 2024: 30},  # outside 新质生产力 as often as before: a repeat
    "数智": {2021: 1, 2022: 1, 2023: 1, 2024: 30},        # rose on its own, outside 数智经济
    "数智经济": {2021: 1, 2022: 1, 2023: 1, 2024: 14},    # a longer word after it: its own formulation
    "展数智经济": {2024: 10},
    "发展数智经济": {2024: 10},                           # a verb before a listed one: a repeat
    "2024年": {2024: 30},               # a year
    "上海新质": {2024: 22},             # a place
    "旧提法": {2021: 25, 2022: 20, 2023: 15},
    "高质量发展": {2021: 30, 2022: 30, 2023: 30, 2024: 30},  # everywhere: no change
}


def test_new_ranks_by_z_and_drops_numbers_places_and_fragments():
    ranked = rank(Evidence(TOTALS, COUNTS), 2024)
    assert [t.phrase for t in ranked] == ["数智", "新质生产力", "数智经济"]
    assert ranked[0].score > ranked[1].score > ranked[2].score > 0
    assert ranked[1].first_reports == [("报告", 2024, "")]


def test_fading_ranks_the_fallen():
    ranked = rank(Evidence(TOTALS, COUNTS), 2024, fading=True)
    assert [t.phrase for t in ranked] == ["旧提法"] and ranked[0].score < 0


def test_n_and_window():
    assert len(rank(Evidence(TOTALS, COUNTS), 2024, n=1)) == 1
    assert base_years(TOTALS, 2024, 1) == [2023] and base_years(TOTALS, 2024, 0) == [2021, 2022, 2023]


@pytest.mark.parametrize("year", [1990, 2021])
def test_a_year_without_a_comparison_is_an_error(year):
    with pytest.raises(TrendYearError):
        base_years(TOTALS, year, 3)


def test_windows_of_a_formulation_too_long_for_the_index_are_dropped():
    # At the longest length held, two strings one character apart with nearly the same count are
    # windows of one longer formulation: neither is shown.
    counts = {"甲乙丙丁戊": {2024: 20}, "乙丙丁戊己": {2024: 19}, "新提法": {2024: 15}}
    assert [t.phrase for t in rank(Evidence(TOTALS, counts), 2024)] == ["新提法"]


def test_common_words_are_vocabulary():
    counts = {"胜利": {2021: 30, 2022: 30, 2023: 30}, "六稳": {2021: 30, 2022: 30, 2023: 30}}
    assert [t.phrase for t in rank(Evidence(TOTALS, counts), 2024, fading=True)] == ["六稳"]


# -- fragments, from the one-character longer strings of the evidence (writer.trend.contexts) ----------

CONTEXT_CASES = [  # id, strings with (the year's, the years before's documents), candidate, fading, fragment
    ("one right extension holds it", {"学习运用": (51, 1), "学习运用千万工程": (50, 0)}, "学习运用", False, True),
    ("one left extension holds it", {"质生产力": (21, 0), "新质生产力": (20, 0)}, "质生产力", False, True),
    ("two words go on from it", {"实施乡村": (10, 131), "实施乡村振兴": (2, 80), "实施乡村建设": (5, 83)},
     "实施乡村", True, True),
    ("numbers follow it", {"年均增长": (3, 114), "年均增长8": (0, 32), "年均增长1": (2, 65), "年均增长6": (1, 45)},
     "年均增长", True, True),
    ("numbers before it", {"次党代会": (3, 105), "十次党代会": (0, 29), "二次党代会": (1, 24), "一次党代会": (0, 20),
                           "九次党代会": (0, 17)}, "次党代会", True, True),
    ("verbs before it, other words after", {"新型工业化": (61, 50), "进新型工业化": (45, 14), "家新型工业化": (10, 16),
                                            "新型工业化示范": (12, 5)}, "新型工业化", False, False),
    ("many words after it", {"绿色消费": (45, 26), "绿色消费券": (10, 2), "绿色消费品": (8, 3), "绿色消费理念": (9, 5)},
     "绿色消费", False, False),
    ("the count that moved decides", {"实施乡村": (10, 131), "实施乡村振兴": (2, 80), "实施乡村建设": (5, 83)},
     "实施乡村", False, False),
]


@pytest.mark.parametrize("case", CONTEXT_CASES, ids=[c[0] for c in CONTEXT_CASES])
def test_fragments_from_the_longer_strings(case):
    _, counts, text, fading, fragment = case
    contexts = Contexts([(t, focus, base) for t, (focus, base) in counts.items()])
    count = counts[text][1 if fading else 0]
    assert is_fragment(text, count, contexts, fading) is fragment


def test_contexts_take_the_counts_of_a_closure():
    # 实施乡村振 is not stored (its counts are 实施乡村振兴战略's): the extension still counts.
    contexts = Contexts([("实施乡村", 10, 131), ("实施乡村振兴战略", 2, 80), ("面实施乡村振兴", 0, 31)])
    assert contexts.right("实施乡村") == {"振": (2, 80)}
    assert contexts.left("实施乡村") == {"面": (0, 31)}


class QuotedEvidence(Evidence):
    def __init__(self, totals, counts, quoted):
        super().__init__(totals, counts)
        self.quoted = frozenset(quoted)


def test_a_term_the_reports_quote_is_whole():
    # 放管服 goes on as 放管服改革 nearly always, but the reports put it in quotes: it stays.
    counts = {"放管服": {2021: 28, 2022: 28, 2023: 28, 2024: 1}, "放管服改革": {2021: 26, 2022: 25, 2023: 26}}
    listed = [t.phrase for t in rank(QuotedEvidence(TOTALS, counts, {"放管服"}), 2024, fading=True)]
    assert listed == ["放管服"]
    assert [t.phrase for t in rank(QuotedEvidence(TOTALS, counts, ()), 2024, fading=True)] == ["放管服改革"]


# -- the shipped reference: what a reader of the 2024 reports calls new or faded ----------------------

@pytest.fixture(scope="module")
def shipped():
    from writer.bank.reference import load_reference
    from writer.trend.evidence import ReferenceEvidence

    return ReferenceEvidence(load_reference())


def test_shipped_new_2024_lists_formulations_not_pieces(shipped):
    listed = {t.phrase for t in rank(shipped, 2024, n=30)}
    assert {"新质生产力", "千万工程", "平急两用", "低空经济", "银发经济", "以进促稳", "先立后破"} <= listed
    # pieces: of 学习运用“千万工程”经验, of 以科技创新引领/推动…, of “平急两用”公共基础设施建设
    assert not {"学习运用", "以科技创新", "公共基础设施", "公共基础设施建设"} & listed


def test_shipped_fading_2024_lists_formulations_not_pieces(shipped):
    listed = {t.phrase for t in rank(shipped, 2024, fading=True, n=30)}
    assert {"放管服", "六稳", "六保", "市场主体", "外防输入", "国企改革三年行动"} <= listed
    # headless (实施乡村振兴/建设, 以优异成绩迎接/庆祝, 建党精神/100周年), a number's lead-in, a 12-character window
    assert not {"实施乡村", "以优异成绩", "建党", "年均增长", "贯彻党的十九大和十九届"} & listed
