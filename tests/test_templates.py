"""Opening and closing templates: context-only names, fact sentences, the lead's opening part, names of a corpus."""

from __future__ import annotations

import pytest

from writer.corpus.document import Document
from writer.mining import names as nm
from writer.mining import passages as ps
from writer.mining import places as pl
from writer.mining import segment
from writer.mining.companies import companies
from writer.mining.places import gazetteer_holds, split_places
from writer.mining.titles import TitleEntities

# 惠民, 振兴 and 兴业 are counties whose names are ordinary words: the gazetteer marks them context names.
SLOTS = {"惠民": "{place}", "振兴": "{place}", "元宝": "{place}", "兴业": "{place}", "遵义": "{place}",
         "遵义市": "{place}", "三中": "{place}", "大和": "{place}", "京津冀": "{place}", "兰州": "{place}"}
CONTEXT = frozenset({"惠民", "振兴", "兴业", "三中", "大和"})


@pytest.mark.parametrize("text,expected", [
    # must not slot: the ordinary word outside a place's context
    ("稳增长、调结构、促改革、惠民生，顺利完成", "稳增长、调结构、促改革、惠民生，顺利完成"),
    ("认真贯彻党的十八大和十八届三中全会精神", "认真贯彻党的十八大和十八届三中全会精神"),
    ("推动老工业基地振兴取得新进展", "推动老工业基地振兴取得新进展"),
    ("让更多民营企业投资兰州、兴业兰州、扎根兰州", "让更多民营企业投资{place}、兴业{place}、扎根{place}"),
    # must slot: a place suffix or an organisation after it, or an item of a list of places
    ("振兴区委带领全区", "{place}委带领全区"),
    ("振兴、元宝两区协同发展", "{place}、{place}两区协同发展"),
    ("遵义、振兴等地结对帮扶", "{place}、{place}等地结对帮扶"),
    # a suffix left after a slot is absorbed; a word that merely starts with one is not
    ("遵义市委和遵义县", "{place}委和{place}"),
    ("遵义市委常委、秘书长", "{place}委常委、秘书长"),
    ("京津冀区域空气质量持续改善", "{place}区域空气质量持续改善"),
    ("遵义市场主体活力增强", "{place}市场主体活力增强"),
])
def test_context_only_names_are_slots_only_where_the_text_shows_a_place(text, expected):
    assert ps.replace_names(text, SLOTS, context_only=CONTEXT) == expected


def test_without_context_the_same_names_are_slots_anywhere():
    # the slot step's default: every name of ``slots`` on word boundaries (the seed's behaviour)
    assert ps.replace_names("推动老工业基地振兴", SLOTS) == "推动老工业基地{place}"


@pytest.mark.parametrize("template,fact", [
    # must fire: statistics, a dated event, a list of one source's places
    ("全市实现地区生产总值{num}亿元，增长{num}%。", True),
    ("城镇登记失业率{num}％。", True),
    ("{num}月{num}日，习近平总书记亲临{place}视察指导。", True),
    ("新增市级以上农业产业化龙头企业{num}家。", True),
    ("{place}、{place}、{place}、{place}荣获省人居环境进步奖。", True),
    ("{last_year}年，习近平总书记亲临{place}考察指导。", True),               # an event of one source
    # must not fire: ordinals, sessions, plan periods, a few names, the leader's teaching to all
    ("深入贯彻习近平总书记重要讲话精神。", False),
    ("圆满完成了市{num}届人大{num}次会议确定的各项目标任务。", False),
    ("{place}国民经济和社会发展第{num}个五年规划，是全面贯彻新发展理念的规划。", False),
    ("{last_year}年是{period}规划的开局之年。", False),
    ("认真贯彻习近平总书记重要指示批示精神。", False),
    ("今年是新中国成立{num}周年。", False),
    ("{last_year}年是改革开放{num}周年，是全面贯彻党的十九大精神的开局之年。", False),
    ("打好三大攻坚战，扎实做好“六稳”工作。", False),
    ("走在全国前列。", False),
    # must fire (session 8, read on the city bank): the leader's visit or words to one place (a
    # unit he did not visit cannot say it), one place's anniversary, ranking, indicators, disaster,
    # counted programme, or a kind of place only some units are
    ("深入贯彻习近平总书记视察{place}重要讲话精神。", True),
    ("深入贯彻习近平总书记对{place}、对{place}工作的重要指示。", True),
    ("全面贯彻习近平总书记考察调研{place}重要讲话精神。", True),
    ("今年是{place}解放{num}周年。", True),
    ("在全省年度目标责任考核中名列第一。", True),
    ("我市营商环境企业家满意度居全国前三。", True),
    ("{last_year}年，主要经济指标实现正增长。", True),
    ("三大产业比例调整为{num}∶{num}∶{num}。", True),
    ("罕见的持续高温干旱。", True),
    ("第一时间启动突发公共卫生事件一级响应。", True),
    ("我们全力打好{place}防控阻击战。", True),
    ("全面贯彻中央决策部署和省委十六字方针。", True),
    ("大力实施五大发展行动计划。", True),
    ("发扬敢闯敢试、敢为人先的特区精神。", True),
    ("在自治区党委、政府的坚强领导下。", True),
    # one place's event, approval, honour or disaster of one year (event words, second line)
    ("{last_year}年是{period}收官年，我们成功举办了全国运动会。", True),
    ("{place}获批建设国家中心城市。", True),
    ("{place}荣获全国文明城市称号。", True),
    ("全市遭受特大洪涝灾害。", True),
    ("我们经受住了各种风险挑战的考验。", False),
])
def test_a_fact_sentence_is_no_template(template, fact):
    assert ps.fact_sentence(template) is fact


def test_a_template_keeps_the_frame_and_drops_the_statistics():
    text = ("过去一年，在市委的坚强领导下，全市上下攻坚克难，较好完成了年度目标任务。"
            "全市实现地区生产总值2456亿元，增长6.5%；一般公共预算收入312亿元，增长8.1%。")
    got = ps._templated(text, {}, TitleEntities(), 2024, ps.NameIndex([]), frozenset())
    assert got == ("过去一年，在市委的坚强领导下，全市上下攻坚克难，较好完成了年度目标任务。",
                   "过去一年，在市委的坚强领导下，全市上下攻坚克难，较好完成了年度目标任务。")


def test_a_lead_is_its_opening_paragraphs_not_the_review():
    first = "过去五年，是极不平凡的五年。" * 10           # 140 characters
    review = ["过去的五年，是结构调整力度不断加大的五年。" * 12] * 5   # 252 each
    assert ps._opening_part([first, *review]) == [first, review[0]]
    long_first = "过去五年" * 200
    assert ps._opening_part([long_first, "第二段"]) == [long_first]


def _docs(spread: dict[str, int], sources: int) -> tuple[list[Document], list]:
    """One document per source; ``spread``: name → how many of the sources hold it."""
    class Analysis:
        def __init__(self, names):
            self.names, self.lead_names = names, {}

    docs, analyses = [], []
    for k in range(sources):
        docs.append(Document(id=f"corpus/城市{k}/2024", source=f"城市{k}/2024.md", title=f"城市{k}2024年政府工作报告"))
        analyses.append(Analysis({n: nm.PLACE for n, count in spread.items() if k < count}))
    return docs, analyses


def test_a_name_many_sources_use_bare_is_an_ordinary_word_of_the_corpus():
    from writer.bank.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    spread = {"富民": 12, "三中": 9, "肃南": 2, "城市3": 12, "北京": 12, "宁波": 12}
    docs, analyses = _docs(spread, 12)
    kinds = {n: nm.PLACE for n in spread}
    # a county's short form and a dictionary guess used by 5 sources or more; not a place a title
    # names (城市3), not a prefecture even when no title names it (宁波: titles may say only
    # 政府工作报告), not a listed province (北京), not one or two sources' own place (肃南)
    assert pl.ordinary_in_corpus(docs, analyses, kinds, gaz) == {"富民", "三中"}
    # fewer than 10 sources: the spread says nothing
    docs, analyses = _docs(spread, 8)
    assert pl.ordinary_in_corpus(docs, analyses, kinds, gaz) == frozenset()


def test_corpus_names_drop_guesses_and_mark_gazetteer_words():
    docs, analyses = _docs({"富民": 12, "三中": 9, "肃南": 2}, 12)
    for an in analyses:
        an.evidence = {n: ("词典地名（模板中）", "…") for n in an.names}
    evidence: dict = {}
    kinds, _ = nm.corpus_names(docs, analyses, evidence)
    assert "三中" not in kinds and "三中" not in evidence   # a dictionary guess: no name of this corpus
    assert kinds["富民"] == nm.PLACE and evidence["富民"][0] == pl.WHY_ORDINARY
    assert evidence["肃南"][0] == "词典地名（模板中）"


def test_an_ordinary_word_of_the_corpus_is_held_only_in_context():
    tokens = segment.cut("善谋富民之策，富民县人民政府")
    assert "富民" in gazetteer_holds(segment.cut("善谋富民之策"))
    assert "富民" not in gazetteer_holds(segment.cut("善谋富民之策"), frozenset({"富民"}))
    assert "富民县" in gazetteer_holds(tokens, frozenset({"富民"}))


@pytest.mark.parametrize("text,expected", [
    ("首都北京迈上了新的历史征程", ["首都", "北京"]),
    ("云南旅游", ["云南", "旅游"]),
    ("大西安要有大作为", ["大", "西安"]),
    ("实现长治久安", ["实现", "长治久安"]),   # an idiom holds no name: the segmenter's word wins
])
def test_a_province_or_prefecture_is_split_off_a_compound(text, expected):
    assert split_places(segment.cut(text))[:len(expected)] == expected


@pytest.mark.parametrize("text,brand,not_brand", [
    ("晶澳太阳能有限公司", "晶澳", None),
    ("组建三大公司（土地经营公司", None, "三大"),            # a count
    ("组建高水平市场化平台公司", None, "高水平"),          # a common word jieba tags as a name
    ("做优做强文化发展集团", None, "做优做强"),            # verb and adjective characters: a verb phrase
])
def test_a_company_brand_is_a_name_not_a_count_or_a_word(text, brand, not_brand):
    found = companies(segment.cut(text))
    if brand:
        assert brand in found
    if not_brand:
        assert not_brand not in found


@pytest.mark.parametrize("text,found,not_found", [
    ("新华、和平、河西三区", "和平", None),
    ("让更多民营企业投资兰州、兴业兰州、扎根兰州", None, "兴业"),
    ("稳增长、调结构、促改革、惠民生", None, "惠民"),
])
def test_a_context_name_in_a_list_is_a_place_only_as_a_whole_item(text, found, not_found):
    names = nm.names_from_tokens(segment.cut(text))
    if found:
        assert names.get(found) == nm.PLACE
    if not_found:
        assert not_found not in names


def test_a_sentence_naming_one_sources_programme_is_left_out():
    docs = [Document(id=f"corpus/城市{k}/2024", source="x", title="t",
                     lead=["统筹做好“六稳”工作。" + ("推进“五个中心”建设。" if k == 0 else "")]) for k in range(12)]
    local = ps.local_quotes(docs)
    assert "五个中心" in local and "六稳" not in local   # one city's, against a national one used by all
    text = "统筹做好“六稳”工作。加快推进“五个中心”建设。"
    got = ps._templated(text, {}, TitleEntities(), 2024, ps.NameIndex([]), frozenset(), local)
    assert got == ("统筹做好“六稳”工作。", "统筹做好“六稳”工作。")
    assert ps.local_quotes(docs[:8]) == frozenset()         # too few sources to tell


def test_a_context_name_a_title_holds_is_a_slot_in_every_document():
    """合肥 is a gazetteer context name (JioNLP's dictionary defines it as a word): a corpus whose titles
    name it treats it as a source's place wherever it stands; 惠民 stays a word in 惠民生."""
    class Analysis:
        def __init__(self, title_place):
            self.names, self.lead_names = {"合肥": nm.PLACE, "惠民": nm.PLACE}, {}
            self.entities = TitleEntities(place=title_place)

    lead = "过去一年，合肥发展取得新成效，我们坚持稳增长、促改革、惠民生，较好完成了年度目标任务。"
    docs = [Document(id="c/合肥市/2024", source="x", title="合肥市2024年政府工作报告", year=2024, lead=[lead]),
            Document(id="c/南京市/2024", source="y", title="南京市2024年政府工作报告", year=2024, lead=[lead])]
    kinds = {"合肥": nm.PLACE, "惠民": nm.PLACE}
    openings, _ = ps.mine_passages(docs, [Analysis("合肥市"), Analysis("南京市")], kinds, ps.NameIndex(kinds))
    assert [o.template for o in openings] == [
        "过去一年，{place}发展取得新成效，我们坚持稳增长、促改革、惠民生，较好完成了年度目标任务。"] * 2


@pytest.mark.parametrize("doc_id,source", [
    ("gov-reports-city/上海市/2003", "gov-reports-city/上海市"),
    ("summaries-2021#04", "summaries-2021"),          # the documents of one file: one source
    ("我的材料/2023/总结#2", "我的材料/2023"),
])
def test_a_documents_source_is_its_folder_or_its_file(doc_id, source):
    assert pl.source_of(doc_id) == source


def test_a_sentence_pointing_back_to_a_dropped_fact_goes_with_it():
    text = ("过去一年，全市上下攻坚克难，较好完成了年度目标任务。全市生产总值2456亿元，增长6.5%。"
            "上述指标均完成了市人大确定的目标。；全面完成节能减排任务。城乡面貌明显改善。")
    got = ps._templated(text, {}, TitleEntities(), 2024, ps.NameIndex([]), frozenset())
    assert got[1] == "过去一年，全市上下攻坚克难，较好完成了年度目标任务。城乡面貌明显改善。"


# --- one place's own words (mining/templates_local.py, data/mining/place-related.yaml) -----------

def _city_corpus(extra_word: str = "", recent_word: str = "") -> tuple[list[Document], list[str]]:
    """Twelve sources of four yearly reports each; source 城甲 writes ``extra_word`` every year,
    every source writes ``recent_word`` in its last year only."""
    docs, sources = [], []
    for c in range(12):
        source = f"city/城{'甲乙丙丁戊己庚辛壬癸子丑'[c]}"
        for year in (2020, 2021, 2022, 2023):
            body = ["全市上下坚持稳中求进，经济运行总体平稳，民生持续改善。"]
            if c == 0 and extra_word:
                body.append(f"我们坚持建设{extra_word}，各项工作取得新进展。")
            if year == 2023 and recent_word:
                body.append(f"我们推进{recent_word}，开创发展新局面。")
            docs.append(Document(id=f"{source}/{year}", source=f"{source}/{year}.md", title="政府工作报告",
                                 year=year, lead=body))
            sources.append(source)
    return docs, sources


def _words(docs, sources, word):
    from writer.mining.templates_local import local_words

    # 城甲's templates hold the word, every other source's a phrase of its own (the documents decide)
    by_doc = {d: {word} if sources[d] == "city/城甲" else {"稳中求进"} for d in range(len(docs))}
    return local_words(docs, sources, by_doc)


def test_a_word_one_place_repeats_is_its_own():
    docs, sources = _city_corpus(extra_word="滨湖名城")
    assert _words(docs, sources, "滨湖名城") == {"city/城甲": frozenset({"滨湖名城"})}


@pytest.mark.parametrize("case", ["everyone", "new-term", "few-sources"])
def test_words_many_places_use_are_no_places_own(case):
    if case == "everyone":  # a word every report uses
        docs, sources = _city_corpus()
        word = "民生"
    elif case == "new-term":  # a new national term: only in recent years, but then everywhere
        docs, sources = _city_corpus(recent_word="中国式现代化")
        word = "中国式现代化"
    else:  # too few sources to compare (a unit's own corpus, the seed)
        docs, sources = _city_corpus(extra_word="滨湖名城")
        keep = [i for i, s in enumerate(sources) if s in ("city/城甲", "city/城乙", "city/城丙")]
        docs, sources, word = [docs[i] for i in keep], [sources[i] for i in keep], "滨湖名城"
    assert _words(docs, sources, word) == {}


def test_a_pair_of_common_words_one_place_repeats_is_its_own():
    # 旅游 and 岛 are every coastal city's words; 旅游/岛 (two words to the segmenter) is one city's positioning
    docs, sources = _city_corpus(extra_word="国际旅游岛")
    for doc in docs:
        doc.lead.append("我们建设国际旅游目的地，保护海岛生态。")
    from writer.mining.templates_local import local_words, template_words

    words = template_words("为建设国际旅游岛而努力奋斗")
    assert "旅游岛" in words and {"国际", "旅游"} <= words
    common = template_words("我们建设国际旅游目的地，保护海岛生态")
    by_doc = {d: common | (words if sources[d] == "city/城甲" else set()) for d in range(len(docs))}
    got = local_words(docs, sources, by_doc)
    assert set(got) == {"city/城甲"} and "旅游岛" in got["city/城甲"]
    assert got["city/城甲"] == {"旅游岛"}  # its words, and the pairs every city writes, are not


def test_a_programme_a_few_places_share_is_each_ones_own():
    # 城甲, 城乙 and 城丙 (one region) write it every year: each is the others' only user, however
    # close their shares (the ratio alone would take it for everyone's); 城丁's of its last two years
    docs, sources = _city_corpus()
    for doc, source in zip(docs, sources):
        if source in ("city/城甲", "city/城乙", "city/城丙"):
            doc.lead.append("我们融入海峡西岸经济区建设。")
        if source == "city/城丁" and doc.year >= 2022:
            doc.lead.append("我们推进自由贸易港建设。")
    by_doc = {d: {"海峡西岸", "自由贸易港"} for d, s in enumerate(sources) if s in ("city/城甲", "city/城丁")}
    from writer.mining.templates_local import local_words

    got = local_words(docs, sources, by_doc)
    assert got == {"city/城甲": frozenset({"海峡西岸"}), "city/城丁": frozenset({"自由贸易港"})}


def test_a_word_the_templates_of_many_sources_hold_is_not_looked_up():
    # every source's templates hold it: none's own, whatever the documents say
    docs, sources = _city_corpus(extra_word="滨湖名城")
    by_doc = {d: {"滨湖名城"} for d in range(len(docs))}
    from writer.mining.templates_local import local_words

    assert local_words(docs, sources, by_doc) == {}


@pytest.mark.parametrize("template,narrow", [
    # must fire: a positioning in the goal, common words in a combination no other place writes
    ("让我们团结奋斗，为建设国际一流的和谐宜居之都而努力奋斗！", True),
    ("早日把{place}建设成为蓝色、文明、幸福之都而努力奋斗！", True),
    # must not fire: a goal any place writes, a sentence with no goal
    ("让我们团结奋斗，为建设社会主义现代化强市而努力奋斗！", False),
    ("新起点呼唤新担当，新征程需要新作为。", False),
])
def test_a_goal_no_other_place_names_is_narrow(template, narrow):
    from writer.mining.templates_local import narrow_goal, template_words

    # the words and pairs the templates of many sources hold
    wide = template_words("建设社会主义现代化强市而努力奋斗，建成美丽幸福文明城市，建设国际一流营商环境")
    assert narrow_goal(template, wide, ("建设", "建成", "成为")) is narrow


def test_template_words_skip_slots():
    from writer.mining.templates_local import template_words

    assert template_words("{place}建设滨湖名城") >= {"建设"}
    assert not any("{" in w or "place" in w for w in template_words("{place}建设{org}"))


def test_a_place_body_is_its_place_slot_even_when_the_document_names_only_the_body():
    # 中共大连市委 in a report whose own names hold no bare 大连: still 中共{place}委, never 中共{org}
    # (the user's organisation fills {org}; it is not the party committee of its place).
    corpus = {"大连": nm.PLACE, "大连市": nm.PLACE}
    assert ps.name_slots({"中共大连市委": nm.ORG}, TitleEntities(place="大连市"), corpus) == {"中共大连市委": "中共{place}委"}
    # the document's own organisation (from its title) is {org}
    assert ps.name_slots({"中共大连市委": nm.ORG}, TitleEntities(org="中共大连市委"), corpus)["中共大连市委"] == "{org}"


@pytest.mark.parametrize("stem, is_name", [("在昆明", False), ("于都", True), ("昆明", True)])
def test_a_preposition_before_a_title_place_is_no_part_of_it(stem, is_name):
    # ——在昆明市第十五届人民代表大会第四次会议上: 在昆明 is no place (于都 is a county)
    assert nm.stem_is_name(stem, in_title=True) is is_name
