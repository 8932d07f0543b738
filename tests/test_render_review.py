"""Drafts of `writer render` pass the project's own reviewer, `writer check`.

Every example and hypothesis-generated facts files are rendered and checked
with the shipped rules against the same bank. Nothing at warning or error
level may be found, except what the writer's own strings cause by themselves
(a fact that repeats a slogan of another fact, a fact over the length limit,
ASCII punctuation in a fact…): `user_caused` decides that, strictly — a
finding the tool's wording contributes to is never excused.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render_properties import a_facts_file
from test_render_support import FACTS, make_bank

from writer.bank.store import load_bank
from writer.check.context import BankContext
from writer.check.engine import Checker, select_rules
from writer.check.finding import level_rank
from writer.check.rules import load_rules
from writer.render.facts import load_facts, parse_facts
from writer.check.budget import DensityBudget, PhraseSet, ReviewBudget
from writer.render.draft import build_draft
from writer.render.ledger import PhraseLedger, ReviewLists
from writer.render.templates import render_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SHIPPED = ROOT / "phrasebank"
_QUOTED = re.compile(r"“([^“”]+)”")
_LISTED = re.compile(r"（([^（）]+)）")
_PUNCTUATION = re.compile(r"[，；、。：\s]")
_COPY_MIN = load_rules().rules["copy"].checks[0].params["min_chars"]


# ---------------------------------------------------------------- the reviewer

@pytest.fixture(scope="module")
def reviewers(tmp_path_factory):
    """A checker per bank (rules cache their phrase sets, so one rule set per bank)."""
    banks = {"fixture": make_bank(tmp_path_factory.mktemp("review"))}
    if (SHIPPED / "manifest.yaml").exists():
        banks["shipped"] = SHIPPED
    return {name: (load_bank(path), Checker(select_rules(load_rules()), BankContext(path)))
            for name, path in banks.items()}


def user_strings(facts) -> list[str]:
    """The writer's strings a draft prints verbatim."""
    out = list(facts.overview) + (list(facts.outlook.goals) if facts.outlook else [])
    out += [facts.title] if facts.title else []
    for sec in facts.sections:
        out += list(sec.facts) + ([sec.heading] if sec.heading else [])
    return [s for s in out if s]


def user_spans(text: str, strings: list[str]) -> list[tuple[int, int]]:
    spans = []
    for s in strings:
        i = text.find(s)
        while i != -1:
            spans.append((i, i + len(s)))
            i = text.find(s, i + 1)
    return spans


def inside(spans, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def occurrences(text: str, phrase: str, start: int = 0, end: int | None = None) -> list[int]:
    end = len(text) if end is None else end
    out, i = [], text.find(phrase, start, end)
    while i != -1:
        out.append(i)
        i = text.find(phrase, i + 1, end)
    return out


def user_caused(finding, text: str, strings: list[str], max_sentence: int = 100) -> bool:
    """Whether the writer's strings alone cause ``finding``; see the module docstring."""
    spans = user_spans(text, strings)
    if finding.rule == "repeat":
        phrase = _QUOTED.search(finding.message).group(1)
        return all(inside(spans, i, i + len(phrase)) for i in occurrences(text, phrase))
    if finding.rule in ("slogan-density", "vague"):
        listed = _LISTED.findall(finding.message)[-1].split("、")
        return all(inside(spans, i, i + len(p)) for p in listed
                   for i in occurrences(text, p, finding.start, finding.end))
    if finding.rule == "copy":
        # Facts copied from a source are the writer's: the commas writer puts between them are no
        # wording, and a run one of the writer's strings makes on its own would be found anyway.
        own = all(inside(spans, i, i + 1) for i in range(finding.start, finding.end)
                  if not _PUNCTUATION.match(text[i]))
        overlap = max((min(b, finding.end) - max(a, finding.start) for a, b in spans), default=0)
        return own or overlap >= _COPY_MIN

    if finding.rule == "long-sentence":
        sentence = text[finding.start:finding.end]
        return sum(len(s) for s in strings if s in sentence) > max_sentence - 30
    return inside(spans, finding.start, finding.end)


_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,})\1")


def doubled_words(text: str, strings: list[str]) -> list[str]:
    """Words written twice in a row (工作工作, 推进推进) outside the writer's strings."""
    spans = user_spans(text, strings)
    return [m.group(0) for m in _DOUBLED.finditer(text) if not inside(spans, m.start(), m.end())]


def faults(checker: Checker, text: str, facts, fmt: str = "md") -> list[str]:
    """Findings at warning or above the tool is to blame for, and doubled words, as readable lines."""
    strings = user_strings(facts)
    out = []
    for f in checker.check_text(text, f"draft.{fmt}", markdown=fmt == "md"):
        if level_rank(f.level) >= level_rank("warning") and not user_caused(f, text, strings):
            out.append(f"{f.line}:{f.column} {f.rule}: {f.message} «{text[f.start:f.end]}»")
    out += [f"doubled: {w}" for w in doubled_words(text, strings + [facts.org, facts.topic])]
    return out


def draft(facts, bank, seed=None, fmt="md") -> str:
    return render_text(build_draft(facts, bank, seed=seed), fmt)


# ---------------------------------------------------------------- drafts pass the reviewer

@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("bank_name", ["shipped", "fixture"])
def test_example_drafts_pass_the_reviewer(reviewers, path, bank_name):
    if bank_name not in reviewers:
        pytest.skip("the shipped bank (phrasebank/) has not been mined yet")
    bank, checker = reviewers[bank_name]
    facts = load_facts(path)
    for seed in (None, 1, 2):
        for fmt in ("md", "txt"):
            text = draft(facts, bank, seed, fmt)
            assert faults(checker, text, facts, fmt) == [], text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=a_facts_file())
def test_generated_facts_drafts_pass_the_reviewer(reviewers, text):
    for bank, checker in reviewers.values():
        facts = parse_facts(text, "facts.yaml")
        out = draft(facts, bank)
        assert faults(checker, out, facts) == [], out


def test_eight_sections_pass_the_reviewer(reviewers, tmp_path):
    """More sections than any genre list has entries: choices must not run out into repeats."""
    themes = ["就业创业", "社会保障", "人才人事", "劳动关系", "行风建设", "技能人才", "工资收入", "信息化建设"]
    facts_dict = {**FACTS, "sections": [
        {"theme": t, "facts": [f"{t}相关指标完成{n}项", f"投入资金{n * 10}万元", f"惠及群众{n * 100}人"]}
        for n, t in enumerate(themes, start=3)]}
    facts = parse_facts(yaml.safe_dump(facts_dict, allow_unicode=True), "f.yaml")
    for bank, checker in reviewers.values():
        for seed in range(4):
            text = draft(facts, bank, seed)
            assert faults(checker, text, facts) == [], text


# ---------------------------------------------------------------- the test itself can fail

def test_the_reviewer_blames_the_tool_for_its_own_repeats(reviewers):
    bank, checker = next(iter(reviewers.values()))
    facts = parse_facts(yaml.safe_dump(FACTS, allow_unicode=True), "f.yaml")
    text = draft(facts, bank)
    bad = text.replace("\n\n", "\n\n真抓实干、攻坚克难、守正创新、担当作为，推动工作。全局上下要继续真抓实干，推动落实。\n\n", 1)
    found = faults(checker, bad, facts)
    assert any("repeat" in f for f in found) and any("slogan-density" in f for f in found)


def test_doubled_words_are_found_outside_the_writers_strings():
    assert doubled_words("推动工作工作取得新成效。", []) == ["工作工作"]
    assert doubled_words("开展“学习学习”活动。", ["开展“学习学习”活动"]) == []


@pytest.mark.parametrize("rule,message,span,expected", [
    # The writer used 凝心聚力 in two facts: their doing.
    ("repeat", "“凝心聚力”再次出现", "凝心聚力", True),
])
def test_user_caused_excuses_only_the_writers_own_strings(rule, message, span, expected):
    from writer.check.finding import Finding

    strings = ["全员凝心聚力完成任务3项", "继续凝心聚力推进改革"]
    text = "全员凝心聚力完成任务3项，继续凝心聚力推进改革。"
    start = text.rindex(span)
    finding = Finding("-", start, start + len(span), 1, start + 1, 1, start + 5, rule, "warning", message)
    assert user_caused(finding, text, strings) is expected
    # The same repeat where the tool wrote the first use is not excused.
    ours = "凝心聚力。" + text
    start = ours.rindex(span)
    finding = Finding("-", start, start + len(span), 1, start + 1, 1, start + 5, rule, "warning", message)
    assert user_caused(finding, ours, strings) is False


# ---------------------------------------------------------------- the ledger

def lists(repeat=None, copy_chars=0, contexts=None) -> ReviewLists:
    phrases = frozenset({"真抓实干", "攻坚克难", "守正创新", "担当作为", "久久为功"})
    budget = ReviewBudget(repeat=PhraseSet(phrases if repeat is None else repeat, frozenset({"稳中求进工作总基调"})),
                          densities=(DensityBudget(PhraseSet(phrases), 4, 8),), max_sentence=60,
                          copy_chars=copy_chars)
    return ReviewLists(budget, contexts=contexts or {})


def test_ledger_refuses_a_used_or_reserved_phrase():
    ledger = PhraseLedger(lists(), ["全年真抓实干完成任务"])
    assert ledger.cost("坚持真抓实干")[0] == 1          # the writer's
    assert ledger.cost("坚持守正创新")[0] == 0
    ledger.take("坚持守正创新")
    assert ledger.cost("守正创新、担当作为")[0] == 1    # ours, earlier
    assert ledger.cost("久久为功、久久为功")[0] == 1    # twice in one piece


def test_ledger_counts_density_and_length_per_sentence():
    ledger = PhraseLedger(lists())
    assert ledger.sentence_fits("真抓实干、攻坚克难、守正创新。", "真抓实干、攻坚克难、守正创新")
    assert not ledger.sentence_fits("真抓实干、攻坚克难、守正创新、担当作为。", "担当作为")
    # The writer's own four: fine as long as the tool adds none.
    assert ledger.sentence_fits("真抓实干、攻坚克难、守正创新、担当作为。", "")
    assert not ledger.sentence_fits("工作" * 31 + "。")


def test_ledger_prefers_options_without_echo_and_skips_hard_faults():
    ledger = PhraseLedger(lists())
    ledger.take("压实责任、狠抓落实")
    options = ["坚持真抓实干", "压实责任、强化督导", "细化措施、强化督导"]
    ledger.take("真抓实干")
    assert ledger.choose(options) == "细化措施、强化督导"
    assert ledger.choose(["真抓实干"]) is None
    assert ledger.choose(["真抓实干"], required=True) == "真抓实干"


def test_ledger_ignores_phrases_inside_formulas():
    ledger = PhraseLedger(lists(repeat=frozenset({"稳中求进"})))
    assert ledger.phrases("坚持稳中求进工作总基调") == []
    assert ledger.phrases("坚持稳中求进") == ["稳中求进"]


def test_ledger_stops_a_borrowed_sentence_running_on_as_its_source():
    couplet = "乘风破浪潮头立，扬帆起航正当时。"
    ledger = PhraseLedger(lists(copy_chars=20, contexts={couplet: (16, [], 16, ["站在新的历史起点上,全市"])}))
    ledger.new_paragraph()
    ledger.commit_sentence(couplet, borrowed=couplet)
    assert not ledger.sentence_fits("站在新的起点上，某局将继续努力。")
    assert ledger.sentence_fits("新征程上，某局将继续努力。")


# A set lying in a wider one with the same formulas is scanned through it (writer.check.budget).
_WIDE = frozenset({"一带一路", "高质量发展", "发展", "共同富裕", "乡村振兴", "振兴", "人民群众", "中国式现代化", "现代化",
                   "三农", "农业农村", "锦上添花"})
_NARROW = _WIDE - {"发展", "锦上添花", "振兴"}
_FORMULAS = frozenset({"推动高质量发展", "全面推进乡村振兴"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(_WIDE | _FORMULAS) + list("，。、；“”（）的和是在 —")), max_size=14))
def test_a_narrower_set_finds_what_it_would_alone(pieces):
    from collections import Counter

    text = "".join(pieces)
    wide = PhraseSet(_WIDE, _FORMULAS)
    through = PhraseSet(_NARROW, _FORMULAS, wider=wide)
    alone = PhraseSet(_NARROW, _FORMULAS)
    assert through._wider is wide
    assert Counter(through.find(text)) == Counter(alone.find(text))
    assert through.occurs_in(text) == alone.occurs_in(text)


def test_a_budget_stores_a_narrower_set_as_what_it_lacks_and_rebuilds_it():
    repeat = PhraseSet(_WIDE, _FORMULAS)
    density = DensityBudget(PhraseSet(_WIDE - {"锦上添花"}, _FORMULAS), 4, 8)   # lacks one in 12
    budget = ReviewBudget(repeat, PhraseSet(frozenset({"国税局"})), (density,), 100, 20)
    plain = budget.to_plain()
    assert any(isinstance(entry, tuple) for entry in plain[1])     # the narrower set kept as a difference
    rebuilt = ReviewBudget.from_plain(plain)
    assert rebuilt == budget
    assert rebuilt.densities[0].counted._wider is rebuilt.repeat
    assert rebuilt.banned._wider is None and rebuilt.repeat._wider is None


# ---------------------------------------------------------------- verdicts kept between drafts

_BANNED = frozenset({"国税局", "地税局", "，两"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(sorted(_WIDE | _FORMULAS | _BANNED) + list("，。、；“”（）的和是在两 —\u3000")),
                max_size=14), st.booleans())
def test_the_ledger_counts_clause_by_clause_as_the_sets_count_whole_texts(pieces, kept):
    """What the ledger finds through its clause tables (and, ``kept``, through tables a ledger
    before it filled and stored) is what the phrase sets find in the whole text."""
    import marshal
    from collections import Counter

    from writer.render.ledger import Verdicts

    text = "".join(pieces)
    budget = ReviewBudget(PhraseSet(_WIDE, _FORMULAS), PhraseSet(_BANNED),
                          (DensityBudget(PhraseSet(_NARROW, _FORMULAS), 3, 6, "[两]"),), 100, 20)
    rebuilt = ReviewBudget.from_plain(budget.to_plain())
    verdicts = Verdicts()
    if kept:   # an earlier ledger weighed the text's clauses: the tables, as stored and read back
        earlier = PhraseLedger(ReviewLists(rebuilt, verdicts=verdicts))
        earlier.cost(text), earlier._density_hits(0, text)
        verdicts = Verdicts(marshal.loads(marshal.dumps(verdicts.tables)))
    loaded: list = []

    def load():
        loaded.append(True)
        return rebuilt
    ledger = PhraseLedger(ReviewLists(None, limits=budget.limits(), load_budget=load, verdicts=verdicts))
    assert Counter(ledger.phrases(text)) == Counter(budget.repeat.find(text))
    assert Counter(ledger._find(1, text)) == Counter(budget.densities[0].counted.find(text))
    assert ledger.cost(text)[0] - len(ledger.phrases(text)) + len(set(ledger.phrases(text))) == \
        int(budget.banned.occurs_in(text))
    assert ledger._exempt_from(0, text) == budget.densities[0].exempt(text)
    for found in (rebuilt.repeat, rebuilt.densities[0].counted, rebuilt.banned):   # a set read alone, for a new clause
        alone = PhraseSet.with_sizes(found.phrases, found.within, found.sizes())
        assert alone.find_short(text) == PhraseSet(found.phrases, found.within).find_uncut(text)
    if kept:
        assert not loaded   # every clause was weighed before: the phrase sets were never made


def test_a_draft_is_the_same_whoever_weighed_its_clauses(tmp_path, monkeypatch):
    """Drafts with the verdicts of earlier drafts read exactly as drafts weighed from scratch."""
    from writer.render import review

    bank = make_bank(tmp_path / "bank")
    facts = parse_facts(yaml.safe_dump(FACTS, allow_unicode=True), "f.yaml")
    kept = [render_text(build_draft(facts, load_bank(bank), seed=seed), "md") for seed in range(6)]
    assert (Path(bank) / ".cache" / review._VERDICTS_NAME).is_file()
    monkeypatch.setattr(review, "_load_verdicts", lambda bank, key: review.Verdicts())
    fresh = [render_text(build_draft(facts, load_bank(bank), seed=seed), "md") for seed in range(6)]
    assert kept == fresh
