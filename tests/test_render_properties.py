"""Invariants of `writer render` over generated facts files (hypothesis).

* every number in the draft — digits, and Chinese numerals outside the fixed
  phrases of genre.yaml (十四五, 两个维护…) — occurs in the facts file;
* no place, organisation or person name of the bank's sources appears;
* the same facts and seed give byte-identical output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_support import make_bank

from writer.bank.store import load_bank
from writer.render.facts import parse_facts
from writer.render.draft import build_draft
from writer.render.genre import load_genre, stray_numerals
from writer.render.templates import render_text

SHIPPED = Path(__file__).resolve().parents[1] / "phrasebank"

ORGS = ["某县人力资源和社会保障局", "某市教育局", "某区医疗保障局", "某县农业农村局",
        "某市生态环境局", "某镇人民政府", "某街道办事处"]
TOPICS = ["人社工作", "教育工作", "医保工作", "农业农村工作", "生态环境工作", "党建工作", "统战工作"]
THEMES = ["就业创业", "社会保障", "人才人事", "劳动关系", "基础教育", "师资队伍", "基金监管",
          "医保服务", "耕地保护", "污染防治", "基层党建", "队伍建设", "乡村振兴", "营商环境"]
VERBS = ["新增", "发放", "建成", "培训", "引进", "完成", "追回", "办结", "新建", "惠及"]
NOUNS = ["就业岗位", "补贴资金", "示范学校", "技能人才", "医保基金", "案件", "服务站点", "高标准农田"]
UNITS = ["人", "万元", "亿元", "所", "个", "件", "人次", "亩", "家"]
CN_COUNTS = ["两项", "三个", "五所", "十二家", "一批"]


@st.composite
def a_fact(draw) -> str:
    verb, noun = draw(st.sampled_from(VERBS)), draw(st.sampled_from(NOUNS))
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"{verb}{noun}{draw(st.integers(1, 99999))}{draw(st.sampled_from(UNITS))}"
    if kind == 1:
        whole, part = draw(st.integers(0, 999)), draw(st.integers(0, 99))
        return f"{noun}达到{whole}.{part}{draw(st.sampled_from(['%', '万人', '亿元']))}"
    if kind == 2:
        return f"{verb}{draw(st.sampled_from(CN_COUNTS))}{noun}"
    return f"{noun}工作稳步推进"


@st.composite
def a_facts_file(draw) -> str:
    year = draw(st.integers(2015, 2030))
    n = draw(st.integers(2, 6))
    themes = draw(st.lists(st.sampled_from(THEMES), min_size=n, max_size=n, unique=True))
    sections = []
    for theme in themes:
        section = {"theme": theme, "facts": draw(st.lists(a_fact(), min_size=1, max_size=6))}
        if draw(st.booleans()) and draw(st.booleans()):
            section["heading"] = f"{theme}取得新进展"
        sections.append(section)
    facts = {
        "org": draw(st.sampled_from(ORGS)),
        "topic": draw(st.sampled_from(TOPICS)),
        "period": draw(st.sampled_from([f"{year}年", "“十四五”以来", "五年来"])),
        "sections": sections,
    }
    if draw(st.booleans()):
        facts["org_short"] = facts["org"][1:3] + "局"
    if draw(st.booleans()):
        facts["year"] = year
    if draw(st.booleans()):
        facts["guiding"] = "习近平新时代中国特色社会主义思想"
    facts["overview"] = draw(st.lists(a_fact(), max_size=2))
    if draw(st.booleans()):
        outlook = {"goals": draw(st.lists(a_fact(), max_size=3))}
        if draw(st.booleans()):
            outlook["next_year"] = year + draw(st.integers(1, 2))
        facts["outlook"] = outlook
    facts["style"] = {"seed": draw(st.integers(0, 10_000))}
    return yaml.safe_dump(facts, allow_unicode=True, sort_keys=False)


_HEADING_NUMBER = re.compile(r"^(#+ )?[一二三四五六七八九十]+、", re.M)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def numbers_not_from_facts(text: str, facts_text: str, fixed: list[str]) -> list[str]:
    """Numbers of ``text`` (section numbering aside) that the facts file does not hold."""
    body = _HEADING_NUMBER.sub("", text)
    found = _DIGITS.findall(body) + stray_numerals(body, fixed)
    return [n for n in found if n not in facts_text]


@pytest.fixture(scope="module")
def banks(tmp_path_factory):
    out = {"fixture": load_bank(make_bank(tmp_path_factory.mktemp("bank")))}
    if (SHIPPED / "manifest.yaml").exists():
        out["shipped"] = load_bank(SHIPPED)
    return out


@pytest.fixture(scope="module")
def fixed_phrases():
    return load_genre().fixed_phrases


def check(bank, text_yaml: str, fixed: list[str]) -> None:
    facts = parse_facts(text_yaml, "facts.yaml")
    first = render_text(build_draft(facts, bank), "md")
    assert numbers_not_from_facts(first, text_yaml, fixed) == []
    leaked = [name for name in bank.source_names() if name in first and name not in text_yaml]
    assert leaked == []
    again = render_text(build_draft(parse_facts(text_yaml, "facts.yaml"), bank), "md")
    assert first == again


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=a_facts_file())
def test_fixture_bank_invariants(banks, fixed_phrases, text):
    check(banks["fixture"], text, fixed_phrases)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=a_facts_file())
def test_shipped_bank_invariants(banks, fixed_phrases, text):
    if "shipped" not in banks:
        pytest.skip("the shipped bank (phrasebank/) has not been mined yet")
    check(banks["shipped"], text, fixed_phrases)


def test_the_number_check_can_fail(fixed_phrases):
    facts_text = "facts: [新增就业1260人, 建成三个示范点]"
    assert numbers_not_from_facts("新增就业1260人，建成三个示范点。", facts_text, fixed_phrases) == []
    assert numbers_not_from_facts("新增就业1300人。", facts_text, fixed_phrases) == ["1300"]
    assert numbers_not_from_facts("完成五项任务。", facts_text, fixed_phrases) == ["五"]
    # Fixed phrases and section numbering are not numbers.
    assert numbers_not_from_facts("## 二、坚持“两个维护”，进一步推进“十四五”规划。", facts_text,
                                  fixed_phrases) == []
