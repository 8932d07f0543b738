"""One place's own words in openings and closings: a calibrated statistic, not a list.

A template must read right for any unit. A city's reports repeat the words of
their own place year after year: an epithet (首都, 首府, 爽爽), a region's
programme (海峡西岸, 追赶超越, 治疆), a kind of place (自治区党委, 直辖). No name
list holds them, but the corpus shows them: a word the openings and closings of
one source repeat, that most of that source's documents hold, and that other
places' documents of the same years hold far more rarely, is that source's
own. A template sentence holding one is left out. Thresholds:
data/mining/place-related.yaml (calibrated by reading the city bank).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from writer.corpus.document import Document

_SLOT = re.compile(r"\{[a-z_]+\}")
_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


@dataclass(frozen=True)
class PlaceRelated:
    """The schema of data/mining/place-related.yaml."""

    min_sources: int       # under this many sources the spread says nothing: no word is a place's own
    template_repeats: int  # the source's openings and closings holding the word, at least
    own_share: float       # share of the source's documents holding it, at least
    ratio: float           # how many times that share exceeds other places' (documents of the same years)
    sample_documents: int  # other places' documents read per word, at most (evenly spread)


@lru_cache(maxsize=1)
def place_related() -> PlaceRelated:
    from writer.io.datafiles import load_data

    return load_data("mining/place-related.yaml", PlaceRelated)


def template_words(template: str) -> set[str]:
    """The words (two CJK characters or more) of a template, its slots aside."""
    from writer.mining.segment import cut

    return {w for piece in _SLOT.split(template) if piece for w in cut(piece, hmm=False) if _WORD.match(w)}


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
    members: dict[str, list[int]] = {}
    for d, source in enumerate(sources):
        members.setdefault(source, []).append(d)
    texts: dict[int, str] = {}

    def text(d: int) -> str:
        if d not in texts:
            texts[d] = "\n".join(documents[d].paragraphs())
        return texts[d]

    out: dict[str, frozenset[str]] = {}
    for source in sorted(repeats):
        own = members[source]
        found = [w for w, n in sorted(repeats[source].items()) if n >= rules.template_repeats
                 and _is_local(w, own, sources, documents, text, rules)]
        if found:
            out[source] = frozenset(found)
    return out


def _is_local(word: str, own: list[int], sources: list[str], documents: list[Document], text,
              rules: PlaceRelated) -> bool:
    """Whether the source's documents ``own`` hold ``word`` ``rules.ratio`` times as often as other
    places' documents of the years they hold it in (a sample of them, evenly spread)."""
    holding = [d for d in own if word in text(d)]
    share = len(holding) / len(own)
    if share < rules.own_share:
        return False
    source = sources[own[0]]
    years = {documents[d].year for d in holding}
    others = [d for d in range(len(documents)) if sources[d] != source and documents[d].year in years]
    if not others:
        return False
    step = max(1, len(others) // rules.sample_documents)
    others = others[::step][:rules.sample_documents]
    # Other places may hold it in fewer than this many of the sample; stop as soon as they do not.
    allowed = share / rules.ratio * len(others)
    hits = 0
    for d in others:
        if word in text(d):
            hits += 1
            if hits > allowed:
                return False
    return True
