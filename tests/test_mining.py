"""Mining functions on hand-made documents: spans, verdicts, names, patterns, templates, aphorisms, topics."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.corpus.document import Document, Section
from writer.mining import names as nm
from writer.mining import titles
from writer.mining.aphorisms import is_aphorism, is_balanced
from writer.mining.build import build_bank
from writer.bank.patterns import heading_shape, pattern_from_tokens, split_frame_compounds
from writer.mining.passages import make_template, replace_names, replace_numbers
from writer.mining.slogans import Candidate, verdict
from writer.mining.spans import aligned_spans, aligned_spans_of_text, count_spans, sentence_around
from writer.mining.topics import build_topics

SLOT = re.compile(r"\{[a-zA-Z_]+\d*\}")


def no_slots(text: str) -> str:
    return SLOT.sub("□", text)  # a placeholder, so slots do not join their neighbours


def test_aligned_spans_keep_whole_words_only():
    spans = Counter(aligned_spans(["凝心", "聚力", "，", "为", "全县", "经济", "发展"]))
    assert spans["凝心聚力"] == 1
    assert "为全县经" not in spans  # 经济 straddles the end
    assert spans["经济发展"] == 1
    assert all(len(s) == 4 for s in spans)
    tokens = ["凝心", "聚力", "，", "为", "全县", "经济", "发展", "\n", "守正", "创新"]
    assert sorted(aligned_spans_of_text(tokens)) == sorted(aligned_spans(tokens[:7]) + aligned_spans(tokens[8:]))


def test_scan_counts_occurrences_neighbours_and_standalone():
    table = count_spans(["要凝心聚力、砥砺前行。\n凝心聚力", "砥砺前行"], {"凝心聚力", "砥砺前行"})
    assert table.counts["凝心聚力"] == 2 and list(table.docs["凝心聚力"]) == [0]
    assert table.standalone["凝心聚力"] == 1  # 要… is not a boundary; the second line stands alone
    assert table.left["凝心聚力"] == {"要": 1, "\n": 1} and table.right["凝心聚力"] == {"、": 1, "\x00": 1}
    assert list(table.docs["砥砺前行"]) == [0, 1] and table.standalone["砥砺前行"] == 2
    # Two runs merged equal one run over both.
    merged = count_spans(["要凝心聚力、砥砺前行。\n凝心聚力"], {"凝心聚力", "砥砺前行"})
    merged.merge(count_spans(["砥砺前行"], {"凝心聚力", "砥砺前行"}, [1]))
    assert merged == table
    assert sentence_around("前文。要凝心聚力、砥砺前行。后文", 4, 8) == "要凝心聚力、砥砺前行。"
    assert sentence_around("标题\n凝心聚力砥砺前行\n下一段", 3, 7) == "凝心聚力砥砺前行"


def _cand(text: str, count=3, aligned=3, standalone=0, docs=2, left="，和", right="，的") -> Candidate:
    return Candidate(text, aligned, count, standalone, docs, dict(Counter(left)), dict(Counter(right)))


def _tags(text: str, whole=None, head=None, tail=None) -> dict:
    return {text: whole, text[:2]: head, text[2:]: tail}


@pytest.mark.parametrize("cand, tags, expected", [
    (_cand("凝心聚力", count=1, aligned=1, docs=1), _tags("凝心聚力"), "slogan"),  # the genre list
    (_cand("疫情防控"), _tags("疫情防控", None, "n", "vn"), "term"),  # the terms list
    (_cand("工作综述"), _tags("工作综述", None, "vn", "vn"), None),  # not a phrase
    (_cand("为全县经", count=4, aligned=0), _tags("为全县经"), None),  # never whole, bad start
    (_cand("星罗棋布", count=1, aligned=1, docs=1), _tags("星罗棋布", "i", None, "n"), "slogan"),
    (_cand("走访走查", count=2, aligned=2, standalone=1), _tags("走访走查"), "slogan"),  # ABAC
    (_cand("三严三实", count=2, aligned=2, standalone=1), _tags("三严三实"), None),  # a programme's name
    (_cand("德宏发展"), _tags("德宏发展"), None),  # carries a source name
    (_cand("基层组织", count=3, aligned=3), _tags("基层组织", None, "n", "n"), "term"),
    (_cand("基层组织", count=3, aligned=3, left="新新新"), _tags("基层组织", None, "n", "n"), None),  # part of a longer word
    (_cand("始终保持", count=4, aligned=4, standalone=1), _tags("始终保持", "i", "d", "v"), None),  # two free words
])
def test_verdict(cand, tags, expected):
    freq = {"始终": 5358, "保持": 10261, "星罗": 0, "棋布": 13}.get
    assert verdict(cand, tags, {"德宏"}, n_docs=14, frequency=lambda w: freq(w) or 0) == expected


@pytest.mark.parametrize("title, subtitle, place, org", [
    ("德宏州党委换届工作综述", None, "德宏州", "德宏州党委"),
    ("十九大以来秦皇岛市人才工作综述", None, "秦皇岛市", None),
    ("合作市2021年重点工作综述", None, "合作市", None),
    ("凝心聚力与新时代同行", "——十三届石家庄市政协履职工作综述", "石家庄市", "石家庄市政协"),
    ("七台河市公安局队伍教育整顿工作综述", None, "七台河市", "七台河市公安局"),
    ("天津推进全面依法治市工作综述", None, "天津", None),
])
def test_title_entities(title, subtitle, place, org):
    e = titles.title_entities(title, subtitle)
    assert e.place == place
    assert e.org == org


def test_title_names_do_not_make_common_words_names():
    names = titles.names_from_title(titles.title_entities("合作市2021年重点工作综述"))
    assert "合作市" in names and "合作" not in names
    assert {"平川区", "平川"} <= set(titles.names_from_title(titles.title_entities("平川区城市建设工作综述")))


def test_person_needs_a_person_context():
    found = nm.names_from_tagged([("市民", "n"), ("陈景乾", "nr"), ("告诉", "v")])
    assert found == {"陈景乾": "person"}
    assert nm.names_from_tagged([("近", "d"), ("段时间", "nr")]) == {}


def test_companies_and_their_brand():
    found = nm.companies(["在", "义乌", "晶澳", "太阳能", "科技", "有限公司", "的"])
    assert found.get("义乌晶澳太阳能科技有限公司") == "org"
    assert found.get("晶澳") == "org"


def test_heading_pattern_keeps_frame_and_slots_names_and_digits():
    tokens = [("坚持", "v"), ("党建", "n"), ("引领", "v")]
    assert pattern_from_tokens(tokens) == ("坚持{N2}引领", [["{N2}", "党建"]])
    pattern, slots = pattern_from_tokens([("德宏", "nr"), ("2021", "m"), ("年", "m"), ("成效", "n")], {"德宏"})
    assert "德宏" not in pattern and not re.search(r"\d", no_slots(pattern))
    assert ["{N2}", "德宏"] in slots


def test_frame_compound_is_split_back():
    tags = {"党建": "n", "引领": "v"}.get
    assert split_frame_compounds([("党建引领", "i")], tags) == [("党建", "n"), ("引领", "v")]
    assert split_frame_compounds([("稳中向好", "i")], tags) == [("稳中向好", "i")]


@pytest.mark.parametrize("heading, sub, shape", [
    ("坚持党建引领", None, "1x6"),
    ("巩固思想主轴，增强政治定力", None, "2x6,6"),
    ("总揽全局", "把准换届“方向盘”", "1x4/1x7"),
])
def test_heading_shape(heading, sub, shape):
    assert heading_shape(heading, sub) == shape


def test_template_slots_names_years_numbers():
    e = titles.TitleEntities(place="德宏州", org="德宏州党委", topic="换届")
    slots = {"德宏州": "{place}", "德宏": "{place}", "德宏州党委": "{org}", "王荣文": "{person}"}
    out = make_template("2021年，德宏州党委带领全州完成换届工作，选出代表330人；德宏州委书记王荣文说2022年更好。",
                        slots, e, 2021)
    assert out == "{year}年，{org}带领全州完成{topic}工作，选出代表{num}人；{place}委书记{person}说{next_year}年更好。"


@given(st.text(alphabet="德宏州市区县年月日0123456789.%，。人才工作一二三", max_size=60), st.integers(1990, 2030))
@settings(max_examples=200, deadline=None)
def test_template_never_keeps_a_digit_or_a_name(text, year):
    slots = {"德宏州": "{place}", "德宏": "{place}"}
    out = make_template(text, slots, titles.TitleEntities(place="德宏州"), year)
    plain = no_slots(out)
    assert not re.search(r"\d", plain)
    assert "德宏" not in plain


@given(st.lists(st.sampled_from(["九江", "九江市", "市政协", "推进", "，", "2020"]), max_size=12))
def test_replace_names_removes_every_name(parts):
    text = "".join(parts)
    out = replace_names(text, {"九江": "{place}", "九江市": "{place}"})
    assert "九江" not in out


def test_replace_numbers_keeps_words():
    assert replace_numbers("“十四五”开局，新一届班子，第八次代表大会，增长3.5%", 2021) == \
        "{period}开局，新一届班子，第{num}次代表大会，增长{num}%"


@pytest.mark.parametrize("sentence, ok", [
    ("思想决定行动，方向关乎全局。", True),
    ("唯改革者进，唯创新者强，唯改革创新者胜。", True),
    ("政以才治，业以才兴。", True),
    ("疫情终将过去，德宏从此不同。", False),  # a source name
    ("今年以来，全市上下共同努力。", False),  # narration
    ("全年完成投资12亿元，同比增长5%。", False),  # digits
    ("我们辛勤耕耘，我们硕果累累。", False),  # first person
    ("在党委的坚强领导下，支队政治工作以习近平新时代中国特色社会主义思想为统领。", False),
])
def test_is_aphorism(sentence, ok):
    assert is_aphorism(sentence, {"德宏"}) is ok


def test_balanced_halves_around_semicolon():
    assert is_balanced("参天之本，必有其根；怀山之水，必有其源。")


def _doc(i: int, place: str) -> Document:
    return Document(
        id=f"d{i}", source="x.txt", title=f"{place}人才工作综述", year=2020 + i,
        lead=[f"人才是强市之本、创新之源。{i + 2019}年以来，{place}委坚持凝心聚力、砥砺前行，引进人才{i * 100}人。"],
        sections=[
            Section("坚持党建引领", "班子建设质量高", [f"{place}委坚持党管人才，凝心聚力，守正创新，人才工作取得成效。"]),
            Section("巩固思想主轴，增强政治定力", None,
                    ["思想决定行动，方向关乎全局。人才队伍不断壮大，引才育才成效明显。"]),
        ],
        closing=[f"征程万里风正劲，重任千钧再奋蹄。{place}将凝心聚力、砥砺前行，再创佳绩！"])


def test_build_bank_on_hand_made_documents():
    docs = [_doc(1, "秦皇岛市"), _doc(2, "永州市"), _doc(3, "九江市")]
    bank = build_bank(docs, command="writer mine x --out y")
    slogans = {s.text: s for s in bank.slogans}
    assert slogans["凝心聚力"].docs == 3 and slogans["凝心聚力"].first_year == 2021
    assert slogans["凝心聚力"].last_year == 2023
    assert len(bank.headings) == 6 and all(h.pattern for h in bank.headings)
    assert bank.headings[0].text == "坚持党建引领 / 班子建设质量高"
    assert {"秦皇岛市", "永州市", "九江市"} <= {n.text for n in bank.names}
    for p in bank.openings + bank.closings:
        plain = no_slots(p.template)
        assert not re.search(r"\d", plain)
        assert not any(place in plain for place in ("秦皇岛", "永州", "九江"))
    assert "思想决定行动，方向关乎全局。" in [a.text for a in bank.aphorisms]
    assert bank.manifest["counts"]["document"] == 3
    assert [s["id"] for s in bank.manifest["sources"]] == ["d1", "d2", "d3"]


def test_topics_relate_words_that_share_sections():
    vocab = {w: {"pos": "n", "count": 10} for w in ("人才", "引才", "专家", "道路", "人才队伍")}
    sections = [["人才", "引才", "专家"], ["人才", "专家", "人才队伍"], ["道路"], ["道路"], ["人才", "引才", "专家"]]
    topics = build_topics(vocab, sections, max_topics=10, min_sections=2)
    assert "人才队伍" in topics["人才"] and "专家" in topics["人才"]
    assert "道路" not in topics["人才"]


@given(st.text(alphabet="凝心聚力砥砺前行经济发展的了，。、 \t\r\nab12.%-“”", max_size=40))
@settings(max_examples=200, deadline=None)
def test_memoised_cut_equals_jieba(text):
    import jieba

    from writer.mining import segment

    segment.initialize()
    assert segment.cut(text, hmm=False) == jieba.lcut(text, HMM=False)
    assert segment.cut(text, hmm=False) == jieba.lcut(text, HMM=False)  # again, from the memo
