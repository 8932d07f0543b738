"""Rule dated: a set phrase of the reference that faded years before the draft's year, with its evidence."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import pytest

from writer.bank.years import YearUse
from writer.check.context import CheckContext
from writer.check.engine import Checker
from writer.check.kinds.dated import fade_of
from writer.check.rules import load_rules

TOTALS = {year: 50 for year in range(2003, 2027)}


def _use(text: str, shares: dict[range, int]) -> YearUse:
    docs = {year: n for span, n in shares.items() for year in span if n}
    return YearUse(text, docs, TOTALS)


PHRASES = {
    "slogan": [
        _use("老提法甲", {range(2003, 2009): 30, range(2009, 2012): 5, range(2012, 2027): 0}),  # faded 2012
        _use("老提法乙", {range(2003, 2015): 20, range(2015, 2027): 0}),                          # faded 2015
        _use("常用提法", {range(2003, 2027): 25}),                                                 # still used
        _use("冷僻提法", {range(2003, 2005): 2, range(2005, 2027): 0}),                            # never a set phrase
        _use("新冠肺炎", {range(2020, 2023): 40, range(2023, 2027): 0}),                           # rule stale's
    ],
}


class FakeReference:
    totals = TOTALS

    def phrases(self, kind):
        return iter(PHRASES.get(kind, []))


def _checker(year=None, accept=()):
    rule = load_rules([]).rules["dated"]
    context = CheckContext()
    context.reference = FakeReference()
    context.year = year
    return Checker([rule], context, accept=set(accept))


def test_fade_is_the_first_year_of_the_last_run_near_zero():
    fade = fade_of(PHRASES["slogan"][0], 0.02, 0.1)
    assert (fade.peak, fade.faded, fade.last) == (2003, 2012, 2011)   # 10% in 2009–2011 is still in use
    assert fade_of(PHRASES["slogan"][2], 0.02, 0.1) is None       # in use to the end
    assert fade_of(PHRASES["slogan"][3], 0.02, 0.1) is None       # peak 4%: never a set phrase
    # A phrase that came back is not faded from its first dip.
    back = _use("x", {range(2003, 2008): 30, range(2008, 2010): 0, range(2010, 2027): 30})
    assert fade_of(back, 0.02, 0.1) is None


CASES = [  # draft, --year, phrases reported
    ("某县2019年工作总结\n我们落实老提法甲和老提法乙，坚持常用提法。", None, ["老提法甲"]),       # 2015 + 5 > 2019
    ("某县2021年工作总结\n我们落实老提法甲和老提法乙。", None, ["老提法甲", "老提法乙"]),
    ("某县2016年工作总结\n我们落实老提法甲。", None, []),                                        # 2012 + 5 > 2016
    ("我们落实老提法甲和老提法乙。", 2018, ["老提法甲"]),                                          # --year
    ("我们落实老提法甲和老提法乙。", None, ["老提法甲", "老提法乙"]),                              # no year: the data's last
    ("某县2025年工作总结\n新冠肺炎疫情防控、冷僻提法、常用提法。", None, []),                      # stale's, rare, current
    ("某县2025年工作总结\n学习《老提法甲读本》。", None, []),                                      # a quoted title
]


@pytest.mark.parametrize("text,year,expected", CASES)
def test_dated_findings(text, year, expected):
    findings = _checker(year).check_text(text)
    assert [text[f.start:f.end] for f in findings] == expected
    assert all(f.level == "info" and f.rule == "dated" for f in findings)


def test_message_gives_the_evidence():
    (finding,) = _checker().check_text("某县2021年工作总结\n我们落实老提法乙。")
    assert "高峰于 2003 年（40% 的报告用到）" in finding.message
    assert "2015 年起已很少用，最近见于 2014 年" in finding.message
    assert "2021 年的稿子" in finding.suggestion


def test_accepted_official_name_is_not_reported():
    assert _checker(accept=["老提法甲"]).check_text("某县2021年工作总结\n老提法甲。") == []


def test_disabling_dated_never_reads_the_reference(tmp_path):
    # The shipped reference is pointed at a missing folder: a run that reads it fails with one line.
    draft = tmp_path / "draft.txt"
    draft.write_text("某县2021年工作总结\n我们全面落实科学发展观。\n", encoding="utf-8")
    probe = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import writer.bank.reference as reference
        import writer.io.paths as paths
        reference.default_reference = paths.default_reference = lambda: Path({str(tmp_path / "none")!r})
        from writer.cli import app
        sys.argv = ["writer", "check", {str(draft)!r}] + sys.argv[1:]
        app()
    """)
    off = subprocess.run([sys.executable, "-c", probe, "--disable", "dated"], cwd=tmp_path,
                         capture_output=True, text=True)
    on = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert off.returncode in (0, 1) and "参考素材库" not in off.stderr, off.stderr
    assert on.returncode == 3 and "参考素材库缺少此文件" in on.stderr and "Traceback" not in on.stderr


def test_the_shipped_reference_dates_phrases_of_its_time():
    rule = load_rules([]).rules["dated"]
    text = "某县2026年工作总结\n深入开展打黑除恶专项斗争，坚持以高质量发展为主题。"
    findings = Checker([rule], CheckContext()).check_text(text)
    assert [text[f.start:f.end] for f in findings] == ["打黑除恶"]
    assert "最近见于" in findings[0].message


def _build_reference_tool():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "tools" / "build_reference.py"
    spec = importlib.util.spec_from_file_location("build_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ordinary_terms_list_is_current():
    # Generated from the shipped reference and jieba's own dictionary; stale after a rebuild of either.
    tool = _build_reference_tool()
    assert tool.ORDINARY_TERMS.read_text(encoding="utf-8") == tool.ordinary_terms_text(tool.SHIPPED), \
        "rebuild with python tools/build_reference.py --ordinary-terms"


def _shipped_fades():
    """(ordinary, coined): the shipped reference's terms the rule's thresholds find faded by 2021."""
    from writer.bank.reference import default_reference, load_reference

    rule = load_rules([]).rules["dated"]
    params = rule.checks[0].params
    ordinary = set(rule.checks[0].wordlists["ordinary-terms"].phrases)
    faded = [use.text for use in load_reference(default_reference()).phrases("term")
             if (fade := fade_of(use, params["near_zero"], params["min_peak"], params["min_reports"]))
             and fade.faded <= 2021]
    return sorted(t for t in faded if t in ordinary), sorted(t for t in faded if t not in ordinary)


def test_ordinary_words_of_the_reference_are_never_dated_coined_terms_are():
    ordinary, coined = _shipped_fades()
    assert len(ordinary) >= 10 and len(coined) >= 10     # 劳动合同, 金融危机 … / 好字优先, 五证合一 …
    rule = load_rules([]).rules["dated"]
    for phrases, reported in ((ordinary, False), (coined, True)):
        text = "某县2026年工作总结\n" + "".join(f"做好{p}。" for p in phrases)
        found = {text[f.start:f.end] for f in Checker([rule], CheckContext()).check_text(text)}
        assert (found == set(phrases)) if reported else not found, sorted(found ^ set(phrases))[:10]
