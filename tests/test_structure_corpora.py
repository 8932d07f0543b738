"""Structure on layouts the project was not built on: the shared city and Party reports (skipped without them).

- tests/fixtures/structure/expected.yaml holds the headings and levels read by
  hand from 24 randomly chosen reports; the reader must find exactly those.
- Over both whole collections, no title, heading, lead or closing holds web
  chrome, a byline, a speech formula, a glossary or a cut marker.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from writer.corpus.reader import read_corpus

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
EXPECTED = Path(__file__).parent / "fixtures" / "structure" / "expected.yaml"
SAMPLE_SEED = 20261201

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is absent")


def _expected() -> dict:
    return yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))


def outline(doc) -> list[list]:
    """[level, "heading / subheading"] for every heading in reading order."""
    out: list[list] = []

    def walk(sections, level):
        for s in sections:
            out.append([level, s.heading + (f" / {s.subheading}" if s.subheading else "")])
            walk(s.subsections, level + 1)
    walk(doc.sections, 1)
    return out


def _sample(seed: int, skip: set[str]) -> list[str]:
    """20 city and 4 Party reports drawn with ``seed`` from the sorted collections, ``skip`` left out.

    The Party collection is small (16 reports): once fewer than 4 are left undrawn, a draw takes its 4
    from the whole collection and reads them again (the fixture's header states this rule)."""
    city_root, party_root = SHARED / "gov-reports-city", SHARED / "party-reports"
    city = sorted(p.relative_to(city_root).as_posix() for p in city_root.rglob("*.md"))
    party = sorted(p.name for p in party_root.glob("*.md"))
    city = [c for c in city if f"gov-reports-city/{c}" not in skip]
    left = [p for p in party if f"party-reports/{p}" not in skip]
    party = left if len(left) >= 4 else party
    rng = random.Random(seed)
    return [f"gov-reports-city/{c}" for c in sorted(rng.sample(city, 20))] \
        + [f"party-reports/{p}" for p in sorted(rng.sample(party, 4))]


def _all_expected() -> dict:
    """Expected outlines of the first sample and of every later draw's reports read as the source."""
    data = _expected()
    out = dict(data["documents"])
    for draw in data.get("draws", []):
        out.update(draw["documents"])
    return out


def test_fixture_is_the_documented_random_sample():
    data = _expected()
    assert data["seed"] == SAMPLE_SEED
    if not SHARED.is_dir():
        pytest.skip("../shared/corpora is absent")
    assert list(data["documents"]) == _sample(SAMPLE_SEED, set())
    # each later draw skips the reports drawn before it; it lists every report drawn, as an expected
    # outline or with why the reader's outline differed from the source's
    seen = set(data["documents"])
    expected = dict(data["documents"])
    for draw in data.get("draws", []):
        drawn = set(draw["documents"]) | set(draw.get("rejected", {}))
        assert sorted(drawn) == sorted(_sample(draw["seed"], seen)), draw["seed"]
        # a report read again (the Party collection once exhausted) was read the same way both times
        again = {source: outline for source, outline in draw["documents"].items() if source in expected}
        assert again == {source: expected[source] for source in again}, draw["seed"]
        expected.update(draw["documents"])
        seen |= drawn


@needs_shared
@pytest.mark.parametrize("source", list(_all_expected()))
def test_headings_and_levels_are_the_sources(source):
    [doc] = read_corpus([SHARED / source]).documents
    assert outline(doc) == _all_expected()[source]


# What must never stand in a title, heading, lead or closing: each pattern is a form, not a document's string.
FORBIDDEN = {
    "address": re.compile(r"^(?:各位|全体)?(?:代表|委员|同志)们?[：:！!，,]|^同志们"),
    "formula": re.compile(r"请予审议|提出意见。?$|向[^。]{0,24}(?:大会|会议)(?:作|做)?报告(?:政府)?工作|做好以下|做了以下|抓好以下"),
    "chrome": re.compile(r"(?:作者|来源|来自|浏览次数|发布时间|阅读量|点击数)[:：]|\S\s*>\s*\S+\s*>|小编|为大家整理|欢迎阅读"),
    "glossary": re.compile(r"^(?:附[:：])?[^，。]{0,10}(?:名词|术语|用语|词语)的?(?:解释|注解|注释|说明)|^附件\s*[一二三四五六七八九十\d]*[:：]?$"),
    "marker": re.compile(r"[（(](?:略|本文有删减|此处有删节)[）)]|^……$|\[\d{1,3}\]|(?<![A-Za-z])[xX]{2,}(?![A-Za-z])"),
    "markup": re.compile(r"\*\*|^>|^#"),
}


@lru_cache(maxsize=None)
def _collection(name: str):
    """A whole shared collection, read once for the tests below (about 10 s for the city reports)."""
    return read_corpus([SHARED / name])


def _fields(doc):
    yield "title", doc.title
    if doc.subtitle:
        yield "subtitle", doc.subtitle
    for s in doc.all_sections():
        yield "heading", s.heading
        if s.subheading:
            yield "heading", s.subheading
    yield from (("lead", p) for p in doc.lead)
    yield from (("closing", p) for p in doc.closing)


def _bylines(raw: str) -> set[str]:
    """The block-quoted lines of a Markdown source (> （日期）, > **姓名**), as text."""
    return {re.sub(r"[*\s]", "", line.lstrip("> ")) for line in raw.split("\n") if line.startswith(">")} - {""}


@needs_shared
@pytest.mark.parametrize("collection", ["gov-reports-city", "party-reports"])
def test_no_chrome_byline_formula_glossary_or_marker_in_titles_headings_leads_closings(collection):
    corpus = _collection(collection)
    assert corpus.documents and not corpus.problems
    found = []
    for doc in corpus.documents:
        bylines = _bylines((SHARED / doc.source).read_text(encoding="utf-8"))
        for where, text in _fields(doc):
            if re.sub(r"\s", "", text) in bylines:
                found.append((doc.id, where, "byline", text[:40]))
            for name, pattern in FORBIDDEN.items():
                if pattern.search(text):
                    found.append((doc.id, where, name, text[:40]))
    assert not found, found[:20]


@needs_shared
def test_a_government_report_leads_with_its_review_not_its_formula():
    corpus = _collection("gov-reports-city")
    leads = [doc.lead[0] for doc in corpus.documents if doc.lead]
    assert len(leads) >= 0.95 * len(corpus.documents)
    assert not [p for p in leads if "我代表" in p[:40]]
