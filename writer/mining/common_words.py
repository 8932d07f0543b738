"""Words a corpus writes everywhere that jieba's dictionary tags as places (河湖, 台风, 都市): no names.

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
