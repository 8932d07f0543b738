"""A word jieba's dictionary tags as a place is an ordinary word of a corpus that writes it everywhere
(河湖, 台风 in the reports of every province), and stays a name where one region writes it (滇池, 珠江)."""

from __future__ import annotations

import pytest

from writer.bank.gazetteer import load_gazetteer, province_of
from writer.corpus.document import Document
from writer.mining.common_words import COMMON_REGIONS, LOCAL_SHARE, common_dictionary_words

# Cities of distinct provinces (the gazetteer maps each to its province).
CITIES = ["广州市", "昆明市", "太原市", "兰州市", "南京市", "杭州市", "福州市", "济南市", "长沙市", "武汉市",
          "成都市", "西宁市", "银川市", "沈阳市", "合肥市"]


def _doc(city: str, k: int, text: str) -> Document:
    return Document(id=f"reports/{city}/{2000 + k}", source=f"reports/{city}/{2000 + k}.md", title="政府工作报告",
                    lead=[text])


def _corpus(spread: dict[str, int], word: str) -> list[Document]:
    """``spread[city]`` documents of each city holding ``word``, and one without it."""
    docs = []
    for city, n in spread.items():
        docs += [_doc(city, k, f"推进{word}治理工作。") for k in range(n)]
        docs.append(_doc(city, 99, "推进各项工作。"))
    return docs


def test_the_cities_lie_in_distinct_provinces():
    assert len({province_of(c) for c in CITIES}) == len(CITIES) and None not in {province_of(c) for c in CITIES}


@pytest.mark.parametrize("spread, common", [
    # written evenly by the reports of COMMON_REGIONS provinces: an ordinary word
    ({c: 2 for c in CITIES[:COMMON_REGIONS]}, True),
    ({c: 1 for c in CITIES}, True),
    # one province fewer: the spread says nothing
    ({c: 2 for c in CITIES[:COMMON_REGIONS - 1]}, False),
    # a landmark: every province mentions it, but half its reports are its own region's
    ({**{c: 1 for c in CITIES[1:13]}, CITIES[0]: 12}, False),
    # just under half in one region: ordinary again
    ({**{c: 1 for c in CITIES[1:13]}, CITIES[0]: 11}, True),
])
def test_a_dictionary_place_written_everywhere_is_an_ordinary_word(spread, common):
    found = common_dictionary_words(_corpus(spread, "河湖"), ["河湖"], load_gazetteer())
    assert (found == {"河湖"}) is common
    assert LOCAL_SHARE == 0.5  # the two landmark rows sit on either side of this share


def test_a_gazetteer_name_or_a_listed_place_is_never_an_ordinary_word():
    gaz = load_gazetteer()
    assert "遵义" in gaz
    everywhere = {c: 2 for c in CITIES}
    assert common_dictionary_words(_corpus(everywhere, "遵义"), ["遵义"], gaz) == frozenset()
    assert common_dictionary_words(_corpus(everywhere, "河湖"), [], gaz) == frozenset()


def test_folders_the_gazetteer_does_not_place_count_as_their_own_regions():
    docs = [Document(id=f"单位{k}/总结/{j}", source=f"单位{k}/总结/{j}.md", title="工作总结", lead=["河湖治理"])
            for k in range(COMMON_REGIONS) for j in range(2)]
    assert common_dictionary_words(docs, ["河湖"], load_gazetteer()) == {"河湖"}
    assert common_dictionary_words(docs[:-2], ["河湖"], load_gazetteer()) == frozenset()


def _reports(cities: list[str]) -> list[Document]:
    return [Document(id=f"r/{c}/{2000 + k}", source=f"r/{c}/{2000 + k}.md", title="政府工作报告", year=2000 + k,
                     lead=["过去一年，全面推进河湖清、空气好建设行动，各项工作取得新成效。"],
                     closing=["让我们守护河湖，共创美好未来。"]) for c in cities for k in range(2)]


def test_a_corpus_names_list_leaves_out_the_words_it_writes_everywhere():
    from writer.mining.analysis import analyse_document
    from writer.mining.names import WHY_DICTIONARY, corpus_names

    for cities, named in ((CITIES[:COMMON_REGIONS + 1], False), (CITIES[:3], True)):
        docs = _reports(cities)
        evidence: dict = {}
        kinds, _ = corpus_names(docs, [analyse_document(d) for d in docs], evidence)
        assert ("河湖" in kinds) is named
        if named:
            assert evidence["河湖"][0] == WHY_DICTIONARY  # three cities' reports: still taken for a place


# --- a gazetteer name jieba's dictionary holds as another word (安康 of 幸福安康) ----------------------

class _Analysis:
    def __init__(self, names: dict[str, str]):
        self.names, self.lead_names = names, {}


def _found(spread: dict[str, int], word: str, title: str = "政府工作报告", folders: dict[str, str] | None = None):
    """common_gazetteer_words over ``spread[city]`` documents finding ``word`` as a place in each city."""
    from writer.mining.common_words import common_gazetteer_words
    from writer.mining.names import PLACE

    docs, analyses = [], []
    for city, n in spread.items():
        for k in range(n):
            folder = (folders or {}).get(city, city)
            docs.append(Document(id=f"reports/{folder}/{2000 + k}", source="x.md", title=title,
                                 lead=[f"人民生活幸福{word}。"]))
            analyses.append(_Analysis({word: PLACE}))
    return common_gazetteer_words(docs, analyses, {word: PLACE}, load_gazetteer())


@pytest.mark.parametrize("spread, common", [
    ({c: 2 for c in CITIES[:COMMON_REGIONS]}, True),            # must fire: written evenly everywhere
    ({c: 2 for c in CITIES[:COMMON_REGIONS - 1]}, False),       # must not: one province fewer
    ({**{c: 1 for c in CITIES[1:13]}, CITIES[0]: 12}, False),   # must not: half its documents one province's
])
def test_a_gazetteer_name_written_everywhere_as_another_word_is_ordinary(spread, common):
    from writer.mining.segment import dictionary_tag

    assert "安康" in load_gazetteer().free and dictionary_tag("安康") not in (None, "ns")
    assert (_found(spread, "安康") == {"安康"}) is common


def test_a_name_the_dictionary_calls_a_place_a_title_or_a_folder_names_stays_a_place():
    from writer.mining.segment import dictionary_tag

    everywhere = {c: 2 for c in CITIES}
    assert dictionary_tag("宁波") == "ns"
    assert _found(everywhere, "宁波") == frozenset()                       # 北京, 宁波: places wherever written
    assert _found(everywhere, "安康", title="安康市政府工作报告") == frozenset()  # a title names it
    folders = {c: c for c in CITIES} | {CITIES[0]: "安康市"}
    assert _found(everywhere, "安康", folders=folders) == frozenset()       # a source is that place


def test_a_units_own_folders_say_nothing_of_a_gazetteer_name():
    from writer.mining.common_words import common_gazetteer_words
    from writer.mining.names import PLACE

    # Twelve year folders of one unit writing its own 安康 bare: no province, no spread, still a place.
    docs = [Document(id=f"我的材料/{2010 + k}/总结", source="x.md", title="工作总结", lead=["推动安康高质量发展"])
            for k in range(12)]
    analyses = [_Analysis({"安康": PLACE}) for _ in docs]
    assert common_gazetteer_words(docs, analyses, {"安康": PLACE}, load_gazetteer()) == frozenset()


def test_a_name_the_dictionary_tags_as_an_organisation_stays_a_place():
    from writer.mining.segment import dictionary_tag

    # 香港特别行政区 (nt) is written by the reports of 11 provinces of the provincial corpus: still Hong Kong.
    assert dictionary_tag("香港特别行政区") == "nt"
    assert _found({c: 2 for c in CITIES}, "香港特别行政区") == frozenset()
