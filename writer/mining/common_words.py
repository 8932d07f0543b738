"""Words a corpus writes everywhere that jieba's dictionary tags as places (河湖, 台风, 都市): no names;
the gazetteer's names it writes everywhere as another word (安康 of 幸福安康): places only in context.

A landmark or a region's own name is written by the reports of its region
(滇池, 汾河 by one city's; 珠江 mostly by Guangdong's), an ordinary word by the
reports of every province. names.corpus_names drops the words found here from
a corpus's names (a user who means one as a name lists it in custom.yaml).
"""

from __future__ import annotations

import re
from collections import Counter

from writer.corpus.document import Document

# Read on the city bank (886 reports of 44 cities in 31 provinces; /tmp/s9/bankjudge/dictplaces.md): of
# the 130 words taken for places only because jieba's dictionary tags them ns, the 48 whose reports
# lie in 10 provinces or more, none of them holding half of those reports, were ordinary words (河湖,
# 台风, 都市, 城中村, 并联) or names of the whole country's (中关村, 环渤海, 中欧); a landmark is written
# by its own region's reports (珠江 in 12 provinces, 75% of its reports Guangdong's; 滇池, 汾河 in one).
COMMON_REGIONS = 10
LOCAL_SHARE = 0.5


def common_dictionary_words(documents: list[Document], words: list[str], gaz) -> frozenset[str]:
    """The ``words`` (dictionary places, not the gazetteer's) this corpus uses everywhere: held by
    the documents of COMMON_REGIONS regions or more (a source's province when the gazetteer knows
    its folder's place, the folder otherwise), no region holding LOCAL_SHARE of those documents."""
    from writer.bank.gazetteer import province_of
    from writer.mining.names import name_lists
    from writer.mining.places import source_of

    words = sorted(w for w in words if w not in gaz and w not in name_lists()["places"])
    if not words:
        return frozenset()
    # One pass per document, longest words first; a word inside a longer one found counts too (渤海 of
    # 环渤海). Overlaps across two words' edges go uncounted: fewer regions, the word stays a name.
    pattern = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    inside = {w: [v for v in words if v != w and v in w] for w in words}
    regions: dict[str, Counter] = {w: Counter() for w in words}
    for doc in documents:
        source = source_of(doc.id)
        region = province_of(source.rpartition("/")[2]) or source
        found = set(pattern.findall("\n".join(doc.texts())))
        for w in found | {v for f in found for v in inside[f]}:
            regions[w][region] += 1
    return frozenset(w for w, by_region in regions.items() if len(by_region) >= COMMON_REGIONS
                     and max(by_region.values()) < LOCAL_SHARE * sum(by_region.values()))


# jieba's tags of proper names: a gazetteer name the dictionary tags so is that name, not another word
# (宁波 ns; 香港特别行政区 nt, written by the reports of 11 provinces of the provincial corpus). 安康 is
# tagged nr: the dictionary reads it as a given name, no place, and the corpus as 幸福安康.
_NAME_TAGS = (None, "ns", "nt", "nz")


def common_gazetteer_words(documents: list[Document], analyses: list, names_kind: dict[str, str],
                           gaz) -> frozenset[str]:
    """The gazetteer's names (free ones, a prefecture's short form too) that jieba's dictionary holds
    as another word and that this corpus writes as that word: a place name the documents of
    COMMON_REGIONS provinces or more take for a name, no province holding LOCAL_SHARE of those
    documents, no document's title or source folder naming it. 安康 (a prefecture; jieba: nr) is
    幸福安康 in the reports of 24 provinces of the city bank, and its slot made 幸福{place} of them.
    Such a name is an ordinary word here, a place only where the text shows one (names.corpus_names
    marks it so; a user who means the place writes it with its suffix or lists it in custom.yaml).

    Only sources the gazetteer places in a province count: a unit's own folders (2019, 党建) say
    nothing of where a word is used, and its own city, written bare in every folder, stays a name.
    A name jieba's dictionary tags as a proper name (北京, 宁波, 大庆; 香港特别行政区) stays one however
    widely written."""
    from writer.bank.gazetteer import province_of
    from writer.mining.names import PLACE, name_lists
    from writer.mining.places import source_of, titled
    from writer.mining.segment import dictionary_tag

    listed = name_lists()["places"]
    words = {n for n, kind in names_kind.items() if kind == PLACE and n in gaz.free and n not in listed
             and dictionary_tag(n) not in _NAME_TAGS}
    if not words:
        return frozenset()
    regions: dict[str, Counter] = {w: Counter() for w in words}
    folders: set[str] = set()
    for doc, an in zip(documents, analyses):
        folder = source_of(doc.id).rpartition("/")[2]
        folders.add(folder)
        province = province_of(folder)
        if province is not None:
            for w in words & (an.names.keys() | an.lead_names.keys()):
                regions[w][province] += 1
    found = [w for w, by_region in regions.items() if len(by_region) >= COMMON_REGIONS
             and max(by_region.values()) < LOCAL_SHARE * sum(by_region.values())
             and not any(f.startswith(w) for f in folders)]
    return frozenset(found) - titled(documents, found)
