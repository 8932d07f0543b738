"""What keeps a large corpus's bank precise (issue 10, read on 100 random entries of each kind of the
city bank): slogan statistics (source spread, neighbour entropy, collocations), aphorisms that are not
work items, closings without the body's last paragraph, editors' notes and genre formulas kept out."""

from __future__ import annotations

import pytest

from writer.corpus.cleaning import clean_line
from writer.corpus.document import Section
from writer.corpus.formulas import strip_formulas
from writer.corpus.ends import CLOSING_LEAD_IN_MAX, split_closing
from writer.mining.aphorisms import is_aphorism, is_work_item
from writer.mining.slogans import Candidate, verdict

# A set phrase's neighbours: it closes its clause (mostly punctuation after) and often opens one.
OPENING = "，。、；：！？（和的在是与及为对"
CLOSING = "，。、；：！？）》…的和"
FREQ = {"聚力": 0, "打造": 661, "接续": 90, "开展": 6910, "坚持": 10215, "处理": 10840, "处置": 1082,
        "低保": 40, "对象": 4511, "孤寡": 15, "老人": 4424, "铺张": 55, "浪费": 1134, "越来": 3, "国家": 20000, "增材": 0, "制造": 6418}
LARGE = 200  # documents


def _cand(text: str, count=40, docs=30, groups=12, left=OPENING, right=CLOSING, standalone=10) -> Candidate:
    spread = lambda chars: {ch: max(1, count // len(chars)) for ch in chars}  # noqa: E731
    return Candidate(text, count, count, standalone, docs, spread(left), spread(right), groups)


def _tags(text: str, whole=None, head=None, tail=None, **more) -> dict:
    return {text: whole, text[:2]: head, text[2:]: tail, text[1:]: more.get("last3"), text[:3]: more.get("first3")}


def _verdict(cand, tags, n_docs=LARGE, n_groups=40):
    return verdict(cand, tags, frozenset(), n_docs, lambda w: FREQ.get(w, 0), n_groups=n_groups)


@pytest.mark.parametrize("cand, tags, expected", [
    # a rhetorical phrase many sources share
    (_cand("稳岗扩岗"), _tags("稳岗扩岗"), "slogan"),
    # one source's programme or coinage: all its documents come from one or two folders
    (_cand("精网微格", groups=2), _tags("精网微格"), None),
    (_cand("刮目相看", groups=2), _tags("刮目相看", "i"), "slogan"),   # an idiom needs two sources
    (_cand("引滦入津", groups=1), _tags("引滦入津", "l"), None),
    # a piece of a longer run: 一网一门一次, always followed by 一
    (_cand("一网一门", right="一"), _tags("一网一门"), None),
    (_cand("一区一策"), _tags("一区一策"), "slogan"),
    # two ordinary words side by side in the ABAC shape
    (_cand("处理处置"), _tags("处理处置", None, "v", "v"), None),
    # a collocation: a verb before a common verb, a very common verb before its object
    (_cand("聚力打造"), _tags("聚力打造", None, "v", "v"), None),
    (_cand("接续开展"), _tags("接续开展", None, "v", "v"), None),
    (_cand("坚持低碳"), _tags("坚持低碳", None, "v", None), None),
    # a common noun at the end makes a topic term, a common verb after an unknown word too
    (_cand("低保对象"), _tags("低保对象", None, "v", "n"), "term"),
    (_cand("增材制造"), _tags("增材制造", None, None, "v"), "term"),
    # an idiom of two nouns, the tail a very common one, names a group (a term); a rarer tail stays
    (_cand("孤寡老人"), _tags("孤寡老人", "i", "n", "n"), "term"),
    (_cand("孤寡老人", count=6, docs=4), _tags("孤寡老人", "i", "n", "n"), None),
    (_cand("铺张浪费"), _tags("铺张浪费", "i", "n", "n"), "slogan"),
    (_cand("孤寡老人"), _tags("孤寡老人", "i", "n", "vn"), "slogan"),
    # a term by its route (a 习用语 of two nouns) stays one, however thin for the rule above
    (_cand("孤寡老人", count=6, docs=4), _tags("孤寡老人", "l", "n", "n"), "term"),
    # an idiom ending in a conjunction, always followed by the same character: the head of a saying
    (_cand("谋定而后", count=3, docs=3, right="动"), _tags("谋定而后", "i", "v", "c"), None),
    (_cand("谋定而后", count=3, docs=3), _tags("谋定而后", "i", "v", "c"), "slogan"),
    (_cand("顺势而为", count=3, docs=3, right="动"), _tags("顺势而为", "i", "v", "v"), "slogan"),
    # a word plus one character: 越来越(d)+大, 家+国家级(b)
    (_cand("越来越大"), _tags("越来越大", None, "d", None, first3="d"), None),
    (_cand("家国家级"), _tags("家国家级", None, None, None, last3="b"), None),
    # an idiom always followed by the same character is the inside of a longer expression
    (_cand("人与自然", count=192, right="和"), _tags("人与自然", "i", None, "d"), None),
])
def test_large_corpus_verdicts(cand, tags, expected):
    assert _verdict(cand, tags) == expected


def test_small_corpora_and_single_folder_corpora_keep_their_verdicts():
    # Fourteen documents (the seed): none of the large-corpus statistics applies.
    small = _cand("接续开展", count=2, docs=2, groups=1, standalone=1)
    assert _verdict(small, _tags("接续开展", None, "v", "v"), n_docs=14, n_groups=1) == "slogan"
    # A user's own reports in one folder: spread cannot be told, so it is not asked for.
    assert _verdict(_cand("稳岗扩岗", groups=1), _tags("稳岗扩岗"), n_groups=1) == "slogan"


@pytest.mark.parametrize("sentence, work", [
    ("加强市场监管，规范市场秩序。", True),
    ("城市建设进一步加快，人居环境继续改善。", True),
    ("适时调高最低工资标准，稳步提高城乡居民收入。", True),
    ("以改革激发国有、民营经济活力。", True),
    ("改革释放红利，创新引领发展。", False),
    ("开放带来进步，封闭必然落后。", False),
    ("保障和改善民生，政府责无旁贷。", False),
    ("政以才治，业以才兴。", False),
    ("带着问题下去，带着办法回来。", False),
    # long clauses (LONG_CLAUSE), one a listed task or result, no judgement: a work item or a report
    ("各项社会事业协调发展，精神文明建设全面推进。", True),
    ("大力开展生态建设，城市环境极大改善。", True),
    ("面向国内发达地区，推进横向经济联合。", True),
    ("城市发展为了人民，建设更需依靠人民。", False),      # 更需: a judgement
    ("稳定是发展的前提基础，没有稳定一切都无从谈起。", False),
    ("改革洪流催人奋进，跨越征程时不我待。", False),      # no listed task or result
    ("加强领导，推进改革。", True),                       # short clauses: all tasks, as before
])
def test_work_items_are_no_aphorisms(sentence, work):
    assert is_work_item(sentence) is work
    assert is_aphorism(sentence, set()) is (not work)


@pytest.mark.parametrize("sentence", [
    "一是稳就业，二是保民生。", "要求真务实，加强调查研究。", "生态经济、循环经济、数字经济、平台经济。",
])
def test_enumerations_and_instructions_are_no_aphorisms(sentence):
    assert not is_aphorism(sentence, set())


def test_the_closing_leaves_the_last_part_of_the_body_alone():
    appeal = "蓝图绘就共奋进，跃马扬鞭向未来。让我们紧密团结在党中央周围，奋力谱写新篇章！"
    body = "新征程新使命对政府自身建设提出了新要求。" + "我们要始终坚持依法行政，自觉接受监督，持续改进作风。" * 10
    assert len(body) > CLOSING_LEAD_IN_MAX
    outlook = "展望未来，我们充满信心。"
    sections = [Section(heading="加强政府自身建设", paragraphs=["锤炼政治忠诚。坚持不懈学习。", body, outlook, appeal])]
    assert split_closing([], sections) == [outlook, appeal]
    assert sections[0].paragraphs == ["锤炼政治忠诚。坚持不懈学习。", body]


def test_editor_notes_and_plan_preambles_are_no_content():
    from writer.corpus.structure import _finish_paragraph

    assert _finish_paragraph("某市第十二届人大第二次会议今天上午9时开幕，代市长某某作了政府工作报告。以下为报告全文。") == ""
    assert _finish_paragraph("过去一年，全市经济稳中有进。") == "过去一年，全市经济稳中有进。"
    preamble = "根据《中共某市委关于制定某市第十一个五年规划的建议》，市人民政府制定了《某市第十一个五年规划纲要（草案）》。"
    assert strip_formulas(preamble + "现提请大会审议。") == ""
    assert strip_formulas("根据《某市城市总体规划》，建成区扩大到500平方公里。") == "根据《某市城市总体规划》，建成区扩大到500平方公里。"


@pytest.mark.parametrize("raw, clean", [
    ('全年完成投资3.5亿元,同比增长8%.', "全年完成投资3.5亿元，同比增长8%。"),
    ('聚焦"引育留用"全链条', "聚焦“引育留用”全链条"),
    ("9:30召开，版本3.5", "9:30召开，版本3.5"),
    ("他说：“好！”（完）", "他说：“好！”（完）"),
])
def test_reading_folds_ascii_marks_written_in_chinese(raw, clean):
    assert clean_line(raw) == clean


# ---------------------------------------------------------------- how a phrase is used (data/mining/slogan_use.yaml)

def _quoted(text: str, share: float, count=40) -> Candidate:
    quoted = round(count * share)
    rest = count - quoted
    def other(chars: str) -> dict:
        return {chars[i % len(chars)]: rest // len(chars) + (i < rest % len(chars)) for i in range(min(rest, len(chars)))}
    left, right = dict(other(OPENING), **{"“": quoted}), dict(other(CLOSING), **{"”": quoted})
    return Candidate(text, count, count, 10, 30, left, right, 12)


def test_a_quoted_coinage_names_a_measure():
    # “照后减证”: jieba knows neither half; quoted in most of its uses it is a reform's name.
    assert _verdict(_quoted("照后减证", 0.6), _tags("照后减证")) == "term"
    assert _verdict(_quoted("照后减证", 0.6, count=6), _tags("照后减证")) is None  # too thin for a term
    assert _verdict(_quoted("稳岗扩岗", 0.1), _tags("稳岗扩岗")) == "slogan"
    # An idiom jieba knows is quoted now and then as a unit, not as a name.
    assert _verdict(_quoted("刮目相看", 0.5), _tags("刮目相看", "i")) == "slogan"
    assert _verdict(_quoted("走深走实", 0.5), _tags("走深走实")) == "slogan"


@pytest.mark.parametrize("text, tags", [
    ("一国两制", _tags("一国两制", "i")),       # “一国两制”方针
    ("门前三包", _tags("门前三包", "i")),       # “门前三包”责任制
    ("扫黄打非", _tags("扫黄打非", "i")),       # “扫黄打非”工作
    ("一老一小", _tags("一老一小")),            # “一老一小”服务: a repeated shape
    ("秒批秒办", _tags("秒批秒办")),            # “秒批秒办”事项
])
def test_an_idiom_or_repeated_shape_quoted_nearly_always_names_a_policy(text, tags):
    # Quoted in 75% of its uses or more (data/mining/slogan_use.yaml quoted_name): a name, no set phrase.
    assert _verdict(_quoted(text, 0.8), tags) != "slogan"
    assert _verdict(_quoted(text, 0.6), tags) == "slogan"   # quoted less often: the counts decide


@pytest.mark.parametrize("text, tags, heads, expected", [
    ("容缺受理", _tags("容缺受理", None, None, "v"), 0.18, "term"),     # 容缺受理机制, 容缺受理服务
    ("容缺受理", _tags("容缺受理", None, None, "v"), 0.0, "slogan"),
    ("稳岗扩岗", _tags("稳岗扩岗"), None, "slogan"),                      # not measured: the counts decide
    # a repeated shape takes objects that look like term heads (兜住兜牢民生底线): not asked
    ("兜住兜牢", _tags("兜住兜牢", None, "v"), 0.58, "slogan"),
])
def test_a_coinage_followed_by_term_heads_is_a_term(text, tags, heads, expected):
    cand = _cand(text)
    cand.heads = heads
    assert _verdict(cand, tags) == expected


def test_a_measure_word_inside_an_idiom_makes_a_fragment():
    assert _verdict(_cand("每平方米"), _tags("每平方米", "l", first3="i", last3="q")) is None
    assert _verdict(_cand("更进一步"), _tags("更进一步", "l", None, "m", last3="d")) == "slogan"


def test_the_use_statistics_leave_small_corpora_alone():
    cand = _quoted("照后减证", 0.6, count=4)
    cand.docs, cand.heads = 3, 0.5
    assert verdict(cand, _tags("照后减证"), frozenset(), 14, lambda w: 0, n_groups=1) == "slogan"


def test_term_head_shares_reads_what_follows_each_use():
    from writer.corpus.document import Document
    from writer.mining.slogans import term_head_shares
    from writer.mining.spans import SpanPlaces, SpanTable

    docs = [Document(id=f"d{i}", source=f"g{i}/x.md", title="题", lead=[text]) for i, text in enumerate([
        "推行容缺受理机制，完善容缺受理服务。", "实行容缺受理。", "坚持稳岗扩岗，稳岗扩岗机制。"])]
    table = SpanTable()
    table.docs = {"容缺受理": [0, 1], "稳岗扩岗": [2]}
    shares = term_head_shares(["容缺受理", "稳岗扩岗"], SpanPlaces(table, docs), frozenset({"机制", "服务"}))
    assert shares == {"容缺受理": 2 / 3, "稳岗扩岗": 0.0}  # one use before a head is no evidence


@pytest.mark.parametrize("sentence", [
    "转变政府职能，建设法治政府。",          # 建设 (vn) leads a task
    "切坚持生态优先，营造良好人居环境。",    # a stray character before the task verb
    "四要坚持市县联动，着力提升整体竞争力。",  # an enumeration's item
    "建设生态文明和美丽城市，是全市人民的共同心愿。",  # one place's people
    "实现上述目标，任务光荣而艰巨。",        # points back into its report
])
def test_tasks_and_local_references_are_no_aphorisms(sentence):
    assert not is_aphorism(sentence, set())


@pytest.mark.parametrize("sentence", ["不驰于空想，不骛于虚声。", "发展全凭实干，奋斗成就梦想！", "改革释放红利，创新引领发展。"])
def test_maxims_with_a_negation_or_a_subject_stay(sentence):
    assert is_aphorism(sentence, set())


def test_maxims_heavy_with_topic_words_are_work_items():
    from writer.mining.aphorisms import is_topical

    topics = frozenset({"文化", "体制改革", "社会主义", "人才", "资源", "科技", "动力", "发展"})
    assert is_topical("大力推进文化体制改革，繁荣社会主义文化艺术。", topics)
    assert not is_topical("科技是第一生产力，人才是第一资源，创新是第一动力。", topics)  # definitions
    assert not is_topical("改革释放红利，创新引领发展。", topics)
    # the whole topic model's words (topics and related words): more than max_model_words is a report
    from writer.io.datafiles import load_data
    from writer.mining.aphorisms import AphorismTopics

    limit = load_data("mining/aphorism_topics.yaml", AphorismTopics).max_model_words
    model = frozenset(["对外贸易", "保持", "增长", "开放型", "经济", "提质"][:limit + 1])
    assert is_topical("对外贸易保持增长，开放型经济提质增效。", frozenset(), model)
    assert not is_topical("对外贸易保持增长，开放型经济提质增效。", frozenset(), frozenset(list(model)[:limit]))


@pytest.mark.parametrize("text, expected", [("加大减税", None), ("确保国控", None), ("持续唱响", None),
                                            ("崇尚实干", "slogan"), ("慢进亦退", "slogan")])
def test_a_coinage_opening_with_a_task_verb_is_the_start_of_its_object(text, expected):
    assert _verdict(_cand(text), _tags(text)) == expected


@pytest.mark.parametrize("sentence, maxim", [
    ("工业向集群化、高端化迈进。", False),          # one clause: a list, not a couplet
    ("高度重视街道、居委会建设。", False),
    ("重任在肩、惟有奋斗！", True),                  # two equal halves joined by 、
    ("适应城市发展需要，制订了一批专项规划。", False),  # what was done
    ("城市发展为了人民，建设更需依靠人民。", True),      # 为了 is no perfective
    ("过去一年，极不平凡，极具挑战。", False),          # one year's account
])
def test_couplets_lists_and_reports(sentence, maxim):
    assert is_aphorism(sentence, set()) is maxim


@pytest.mark.parametrize("sentence, work", [
    ("加强领导，精心组织，深入动员，突出实效。", True),       # three tasks and an idiom
    ("简化办事程序，精简会议文件，改进会风文风，提高工作效率。", True),
    ("奋斗成就梦想，实干创造未来。", False),                 # two clauses: all must be tasks
    ("蓝图已经绘就，号角已经吹响，奋斗正当其时。", False),
])
def test_a_list_of_tasks_is_a_work_item(sentence, work):
    assert is_work_item(sentence) is work


@pytest.mark.parametrize("sentence, work", [
    # round 10's rejects (/tmp/s10/bankjudge/round1.md): a listed task verb opens, nothing judges
    ("坚持艰苦奋斗，勤俭办一切事业。", True),
    ("转变作风，廉洁勤政，求真务实。", True),
    ("提高政治站位、锤炼政治能力，旗帜鲜明讲政治。", True),
    ("坚持刀刃向内，改革共识在增强，改革力度在加大，改革成效在显现。", True),
    # a judgement word makes the task a maxim's subject; a subject that is no task verb opens a maxim
    ("坚持就是胜利，实干才能成功。", False),
    ("推动高质量发展，根基在实体经济，支撑在现代产业。", False),   # a clause of its own subject
    ("奋斗成就梦想，实干创造未来。", False),
    ("不驰于空想，不骛于虚声。", False),
])
def test_a_sentence_opening_with_a_task_verb_and_judging_nothing_is_a_work_item(sentence, work):
    assert is_work_item(sentence) is work


# ---------------------------------------------------------------- use across many sources (slogan_use.yaml, round 6)

def _sided(text: str, left_bounded: float, right_bounded: float, groups=12, count=40) -> Candidate:
    """A candidate whose neighbours are punctuation in the given shares (the rest varied characters)."""
    marks, words = "，。、；：！？（）…", "和的在是与及为对把将向从也就都又机制工程项目"

    def side(share: float) -> dict:
        n = round(count * share)
        out = {marks[i % len(marks)]: 0 for i in range(len(marks))}
        for i in range(n):
            out[marks[i % len(marks)]] += 1
        for i in range(count - n):
            out[words[i % len(words)]] = out.get(words[i % len(words)], 0) + 1
        return {ch: c for ch, c in out.items() if c}
    return Candidate(text, count, count, 10, 30, side(left_bounded), side(right_bounded), groups)


def test_a_coinage_must_close_its_clause_in_enough_sources():
    from writer.mining.slogans import slogan_use

    use = slogan_use()
    above, below = use.coined_close + 0.05, use.coined_close - 0.1
    opens = use.coined_open + 0.05
    assert _verdict(_sided("稳岗扩岗", opens, above), _tags("稳岗扩岗")) == "slogan"
    # 源网荷储一体化, 批而未供土地: a coinage leading a noun is a term's first half
    assert _verdict(_sided("源网荷储", opens, below), _tags("源网荷储")) is None
    assert _verdict(_sided("稳岗扩岗", use.coined_open - 0.1, above), _tags("稳岗扩岗")) is None
    assert _verdict(_sided("稳岗扩岗", opens, above, groups=use.unit_groups - 1), _tags("稳岗扩岗")) is None
    # jieba's idioms and the listed slogans are not asked
    assert _verdict(_sided("刮目相看", 0.0, below), _tags("刮目相看", "i")) == "slogan"


def test_a_repeated_shape_after_a_verb_is_a_measure_or_a_term():
    from writer.mining.slogans import slogan_use

    use = slogan_use()
    # 加强节能节水, 实施脱硫脱硝: the object of a verb; 用足用活 opens its clause
    assert _verdict(_sided("脱硫脱硝", use.repeat_open - 0.2, 0.5), _tags("脱硫脱硝", None, "v")) is None
    assert _verdict(_sided("用足用活", use.repeat_open + 0.1, 0.5), _tags("用足用活", None, "v")) == "slogan"


def test_a_half_from_the_topic_model_makes_a_term_and_a_name_is_never_a_slogan():
    topics = frozenset({"存量", "债务", "广电"})
    cand = _cand("化解存量")
    tags = _tags("化解存量", None, "v", "n")
    assert verdict(cand, tags, frozenset(), LARGE, lambda w: FREQ.get(w, 0), n_groups=40) == "slogan"
    assert verdict(cand, tags, frozenset(), LARGE, lambda w: FREQ.get(w, 0), n_groups=40,
                   topic_words=topics) == "term"
    assert _verdict(_cand("阿里巴巴"), _tags("阿里巴巴", "nrt", "nrt", "ns")) is None
    # the seed (14 documents, one source) is judged without any of this
    small = _cand("化解存量", groups=1)
    assert verdict(small, tags, frozenset(), 14, lambda w: FREQ.get(w, 0), n_groups=1,
                   topic_words=topics) == "slogan"


def _moment(years_of_span: dict[str, list[int]], corpus_years=range(2003, 2027)):
    from writer.corpus.document import Document
    from writer.mining.slogans import Route, moment_verdicts
    from writer.mining.spans import SpanPlaces, SpanTable

    documents = [Document(id=f"c/城{k}/{y}", source=f"c/城{k}/{y}.md", title="报告", year=y)
                 for k in range(3) for y in corpus_years]
    at = {(d.id.split("/")[1], d.year): k for k, d in enumerate(documents)}
    table = SpanTable(docs={span: sorted(at[(f"城{k % 3}", y)] for k, y in enumerate(ys))
                            for span, ys in years_of_span.items()})
    routes = {"捂盘惜售": Route("rhetoric"), "拆违拆临": Route("repeat"), "急转直下": Route("idiom", "slogan"),
              "凝心聚力": Route("listed-slogan")}
    kinds = dict.fromkeys(years_of_span, "slogan")
    merged = {s: _cand(s, count=len(ys), docs=len(ys)) for s, ys in years_of_span.items()}
    return moment_verdicts(kinds, routes, merged, SpanPlaces(table, documents), documents)


def test_a_coinage_of_one_moment_is_no_set_phrase():
    # all its documents within two consecutive years: that moment's measure (too thin for a term here)
    assert _moment({"捂盘惜售": [2010, 2010, 2011]}) == {"捂盘惜售": None}
    assert _moment({"拆违拆临": [2021] * 3 + [2022] * 6}) == {"拆违拆临": "term"}
    # reused over three years or more; an idiom jieba knows; a listed phrase: the counts decide as before
    assert _moment({"捂盘惜售": [2010, 2012], "急转直下": [2009, 2009], "凝心聚力": [2025, 2025]}) == {}
    # a corpus of a few years cannot tell a moment from the genre
    assert _moment({"捂盘惜售": [2010, 2010]}, corpus_years=range(2005, 2012)) == {}
