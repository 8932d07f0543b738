"""One place's own words in openings and closings: a calibrated statistic, not a list.

A template must read right for any unit. A city's reports repeat the words of
their own place year after year: an epithet (首都, 首府, 爽爽), a region's
programme (海峡西岸, 追赶超越, 治疆), a kind of place (自治区党委, 直辖). No name
list holds them, but the corpus shows them: a word the openings and closings of
one source repeat, that most of that source's documents hold, and that other
places' documents of the same years hold far more rarely, is that source's
own. A template sentence holding one is left out. Thresholds:
data/mining/place-related.yaml (calibrated by reading the city bank).

Words include pairs of neighbouring words: a city's positioning is built from
common words (国际一流的和谐宜居之都, 东北亚区域性中心城市, 国际旅游岛), each
of which many places use; the pair (宜居之都, 区域性中心, 旅游岛) is one place's.
Pairs and words are tested alike, and only those the templates of a few sources
hold (most pairs are wording any place may use: 发展史上, 开创了).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from writer.corpus.document import Document

_SLOT = re.compile(r"\{[a-z_]+\}")
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class PlaceRelated:
    """The schema of data/mining/place-related.yaml."""

    min_sources: int       # under this many sources the spread says nothing: no word is a place's own
    template_repeats: int  # the source's openings and closings holding the word, at least
    template_sources: int  # the templates of this many sources holding it make it no one place's
    own_share: float       # share of the source's documents holding it, at least
    ratio: float           # how many times that share exceeds other places' (documents of the same years)
    sample_documents: int  # other places' documents read per word, at most (evenly spread)
    region_provinces: int  # the provinces using it about as often lie in fewer than this: one region's
    region_share: float    # a province uses it about as often: its sampled documents' share, this part of the source's
    template_provinces: int  # the templates holding it must also lie in this many provinces to be any place's


@lru_cache(maxsize=1)
def place_related() -> PlaceRelated:
    from writer.io.datafiles import load_data

    return load_data("mining/place-related.yaml", PlaceRelated)


@lru_cache(maxsize=1 << 16)
def template_words(template: str) -> frozenset[str]:
    """The words (two CJK characters or more) of a template and its pairs of neighbouring CJK words
    (three characters or more: 宜居/之都, 旅游/岛), its slots aside."""
    from writer.mining.segment import cut

    out: set[str] = set()
    for piece in _SLOT.split(template):
        if piece:
            tokens = cut(piece, hmm=False)
            out.update(w for w in tokens if _WORD.match(w))
            out.update(pair for pair in map("".join, zip(tokens, tokens[1:]))
                       if len(pair) >= 3 and _CJK.match(pair))
    return frozenset(out)


def wide_words(words_by_doc: dict[int, set[str]], sources: list[str]) -> frozenset[str]:
    """The words and pairs the templates of ``template_sources`` sources or more hold, in
    ``template_provinces`` provinces or more: any place's (振兴发展 of the north-east's four cities is not)."""
    holders: dict[str, set[str]] = {}
    for d, words in words_by_doc.items():
        for w in words:
            holders.setdefault(w, set()).add(sources[d])
    rules = place_related()
    region = source_regions(sources)
    return frozenset(w for w, held in holders.items() if len(held) >= rules.template_sources
                     and len({region[s] for s in held}) >= rules.template_provinces)


def source_regions(sources: list[str]) -> dict[str, str]:
    """source → its province (gazetteer.province_of of the folder's name: gov-reports-city/大连市 → 辽宁);
    a source whose name is no division is a region of its own (a unit's folders: 2019, 党建)."""
    from writer.bank.gazetteer import province_of

    return {s: province_of(s.rsplit("/", 1)[-1]) or s for s in set(sources)}


def narrow_goal(template: str, wide: frozenset[str], goal_verbs: tuple[str, ...]) -> bool:
    """Whether a goal the template names (建设/打造/成为 …, up to 而 or the clause's end) holds a word
    or pair that is not any place's: the goal is where a city names its positioning (为建设国际一流的
    和谐宜居之都而努力奋斗, 打造东北亚区域性中心城市), common words in an uncommon combination."""
    for verb in goal_verbs:
        start = template.find(verb)
        while start >= 0:
            rest = template[start + len(verb):start + len(verb) + _GOAL_CHARS]
            goal = _GOAL_END.split(rest, maxsplit=1)[0]
            if goal and not wide.issuperset(template_words(goal)):
                return True
            start = template.find(verb, start + 1)
    return False


# A goal is read up to 而 (而努力奋斗) or the clause's end, at most this many characters.
_GOAL_CHARS = 40
_GOAL_END = re.compile(r"[而，。；！？：（）“”]")


def local_words(documents: list[Document], sources: list[str],
                words_by_doc: dict[int, set[str]]) -> dict[str, frozenset[str]]:
    """source → the words of its templates that are its own place's (see the module's docstring).

    ``sources``: each document's source (places.source_of); ``words_by_doc``:
    document index → the words of its opening and closing templates.
    """
    rules = place_related()
    if len(set(sources)) < rules.min_sources:
        return {}
    repeats: dict[str, Counter] = {}
    for d, words in words_by_doc.items():
        repeats.setdefault(sources[d], Counter()).update(words)
    # A word the templates of many sources in many provinces hold is none's own: not looked up in
    # the documents at all.
    wide = wide_words(words_by_doc, sources)
    members: dict[str, list[int]] = {}
    for d, source in enumerate(sources):
        members.setdefault(source, []).append(d)
    texts: dict[int, str] = {}
    region = source_regions(sources)

    def text(d: int) -> str:
        if d not in texts:
            texts[d] = "\n".join(documents[d].paragraphs())
        return texts[d]

    out: dict[str, frozenset[str]] = {}
    for source in sorted(repeats):
        own = members[source]
        found = [w for w, n in sorted(repeats[source].items()) if n >= rules.template_repeats
                 and w not in wide and _is_local(w, own, sources, documents, text, rules, region)]
        if found:
            out[source] = frozenset(found)
    return out


def _is_local(word: str, own: list[int], sources: list[str], documents: list[Document], text,
              rules: PlaceRelated, region: dict[str, str]) -> bool:
    """Whether the source's documents ``own`` hold ``word`` ``rules.ratio`` times as often as other
    places' documents of the years they hold it in (a sample of them, evenly spread), or as often
    as the documents outside its region: the provinces, its own among them, whose sampled documents
    hold it about as often as it does, fewer than ``region_provinces`` (one region's programme:
    海峡西岸, 东北振兴, 珠三角; other places name it in passing)."""
    holding = [d for d in own if word in text(d)]
    if not holding:
        return False
    # The share since the source first used it: a programme of recent years (自由贸易港) is its own too.
    first = min(documents[d].year or 0 for d in holding)
    share = len(holding) / sum(1 for d in own if (documents[d].year or 0) >= first)
    if share < rules.own_share:
        return False
    source = sources[own[0]]
    years = {documents[d].year for d in holding}
    others = [d for d in range(len(documents)) if sources[d] != source and documents[d].year in years]
    if not others:
        return False
    step = max(1, len(others) // rules.sample_documents)
    others = others[::step][:rules.sample_documents]
    sampled = [(region[sources[d]], documents[d].year or 0, word in text(d)) for d in others]
    if sum(held for _, _, held in sampled) <= share / rules.ratio * len(sampled):
        return True
    by_province: dict[str, list[int]] = {}  # province → [sampled documents, those holding the word]
    for province, _, held in sampled:
        counts = by_province.setdefault(province, [0, 0])
        counts[0] += 1
        counts[1] += held
    # Two documents at least, as often as region_share of the source's share: a province of the region.
    home = {region[source]} | {p for p, (n, held) in by_province.items()
                               if held >= max(2, n * share * rules.region_share)}
    if len(home) >= rules.region_provinces:
        return False
    # The rest of the country in the first half of the years the source used it: a region's
    # programme comes before the nation takes up its words (东北全面振兴 since 2003, 乡村全面振兴 2022).
    middle = sorted(documents[d].year or 0 for d in holding)[(len(holding) - 1) // 2]
    rest = [held for province, year, held in sampled if province not in home and year <= middle]
    return sum(rest) <= share / rules.ratio * len(rest)


QUOTED = re.compile(r"“([^“”\n]{1,20})”")


def local_quotes(documents: list[Document]) -> frozenset[str]:
    """Quoted terms the documents of fewer than places.WIDE_SOURCES sources, or of sources in fewer
    than ``region_provinces`` provinces (data/mining/place-related.yaml), use: one source's (or one
    region's) own programmes, which place a text (“五个中心”, “三高四新”, “强富美高”; read on the city
    bank, where the national ones — “六稳”, “放管服”, “两个维护” — are used by dozens of cities).
    Empty under places.MIN_SOURCES sources, where the spread says nothing."""
    from writer.mining.places import MIN_SOURCES, WIDE_SOURCES, source_of

    if len({source_of(doc.id) for doc in documents}) < MIN_SOURCES:
        return frozenset()
    spread: dict[str, set[str]] = {}
    for doc in documents:
        source = source_of(doc.id)
        for paragraph in doc.paragraphs():
            if "“" in paragraph:
                for term in QUOTED.findall(paragraph):
                    spread.setdefault(term, set()).add(source)
    # Quoted by the sources of a few provinces only, a term is one region's (“马上就办” of Fujian's cities).
    region = source_regions([source_of(doc.id) for doc in documents])
    least = place_related().region_provinces
    return frozenset(t for t, sources in spread.items()
                     if len(sources) < WIDE_SOURCES or len({region[s] for s in sources}) < least)
