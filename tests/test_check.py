"""`writer check` library: planted and plain drafts, positions, suppression, copy index, fixes, caches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from writer.check.config import load_config
from writer.check.context import BankContext, CheckContext
from writer.check.engine import Checker, check_text, configure_rules, select_rules
from writer.check.fixes import apply_fixes, fix_text
from writer.check.rules import load_rules
from writer.check.copyindex import CorpusIndex, normalise
from writer.check.textmap import LineMap, split_paragraphs

FIXTURES = Path(__file__).parent / "fixtures" / "check"
REPO = Path(__file__).parents[1]
# A passage of my own (not from any corpus) that the planted draft copies.
SOURCE_TEXT = ("今年以来，全县人社系统严格落实事业单位岗位设置管理制度，对事业单位岗位设置实行动态管理，"
               "岗位聘用率达到98%。")
# (rule, line) of every fault planted in tests/fixtures/check/planted.txt.
PLANTED = [
    ("cliche", 8), ("slogan-density", 9), ("vague", 10), ("punct", 12), ("quote", 13),
    ("spacing", 14), ("number", 15), ("stale", 16), ("copy", 19), ("repeat", 20),
    ("long-sentence", 21),
]


def make_context(**extra) -> CheckContext:
    documents = [("src-1", "某县人社工作综述", SOURCE_TEXT),
                 ("src-2", "某区组织工作综述", "全区选派干部挂职锻炼36人，完成年度培训计划。")]
    kwargs = dict(slogans={"凝心聚力": 10, "砥砺前行": 2}, doc_count=14,
                  idioms={"千方百计", "实事求是"}, terms={"基层党建"})
    kwargs.update(extra)
    return CheckContext.from_corpus_texts(documents, **kwargs)


def checker(context=None, **kwargs) -> Checker:
    return Checker(select_rules(load_rules(), **kwargs), context or make_context())


def above_info(findings):
    return sorted({(f.rule, f.line) for f in findings if f.level != "info"})


def test_planted_faults_each_reported_at_their_line():
    text = (FIXTURES / "planted.txt").read_text(encoding="utf-8")
    findings = checker().check_text(text, "planted.txt")
    found = {(f.rule, f.line) for f in findings}
    for fault in PLANTED:
        assert fault in found, fault
    # Nothing else above info: every warning and error is a planted one.
    assert above_info(findings) == sorted(PLANTED)
    # Rule fact runs only with a facts file (--facts): tests/test_fact_rule.py plants its faults;
    # rule dated reads the reference bank's years: tests/test_dated.py plants its own.
    assert {r for r, _ in PLANTED} == set(load_rules().rules) - {"fact", "dated"}


def test_plain_fact_dense_draft_has_nothing_above_info():
    text = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
    assert above_info(checker().check_text(text, "plain.txt")) == []


SHIPPED_BANK = REPO / "phrasebank" / "slogans.yaml"


@pytest.mark.skipif(not SHIPPED_BANK.exists(), reason="the shipped bank (phrasebank/) is not mined yet")
def test_planted_and_plain_against_the_shipped_bank():
    context = BankContext(None)
    run = Checker(select_rules(load_rules()), context)
    planted = run.check_text((FIXTURES / "planted.txt").read_text(encoding="utf-8"), "planted.txt")
    found = {(f.rule, f.line) for f in planted}
    missing = [fault for fault in PLANTED if fault not in found]
    assert not missing
    copy = [f for f in planted if f.rule == "copy"]
    assert "肃南" in copy[0].message   # the seed document the sentence comes from
    plain = run.check_text((FIXTURES / "plain.txt").read_text(encoding="utf-8"), "plain.txt")
    assert above_info(plain) == []


@pytest.mark.parametrize("text, rule, line, column, end_column", [
    ("第一行。\n\n  全年完成投资3.5亿元,同比增长。", "punct", 3, 14, 15),
    ("\u3000\u3000全年新增就业3976人 。", "spacing", 1, 14, 15),
    ("标题\r\n全年 GDP增长。".replace("\r\n", "\n"), "spacing", 2, 3, 4),
    ("𠀀𠀀他说\"好\"。", "quote", 1, 5, 6),   # characters beyond the BMP count as one column
])
def test_positions_are_characters_of_the_original(text, rule, line, column, end_column):
    findings = [f for f in check_text(text, only=[rule]) if f.rule == rule]
    assert findings, text
    f = findings[0]
    assert (f.line, f.column, f.end_column) == (line, column, end_column)
    lines = text.split("\n")
    assert lines[f.line - 1][f.column - 1:f.end_column - 1] == text[f.start:f.end]


def test_markdown_soft_wrapped_paragraph_maps_to_each_line():
    text = "---\ntitle: x, y\n---\n\n# 标题\n\n第一行写到这里\n第二行,接着写。\n\n```\na,b\n```\n"
    findings = check_text(text, markdown=True, only=["punct"])
    assert [(f.line, f.column) for f in findings] == [(8, 4)]


def test_markdown_structure_is_not_text():
    paragraphs = split_paragraphs("---\na: 1\n---\n## 一、总体情况 ##\n- 条目一\n> 引文\n<!-- 注释 -->\n正文", True)
    assert [p.text for p in paragraphs] == ["一、总体情况", "条目一", "引文", "正文"]


@pytest.mark.parametrize("markdown, directive", [
    (True, "<!-- writer-disable punct -->"),
    (False, "# writer-disable punct"),
    (False, "# writer-disable punct, spacing"),
    (False, "# writer-disable"),
])
def test_disable_directive_covers_only_the_next_paragraph(markdown, directive):
    text = f"{directive}\n全年完成投资,同比增长。\n\n全年完成投资,同比增长。\n"
    findings = check_text(text, markdown=markdown, only=["punct"])
    assert [f.line for f in findings] == [4]


def test_accepted_phrases_are_not_reported():
    text = "全体干部凝心聚力，推动落实。"
    assert [f.rule for f in checker(only=["cliche"]).check_text(text)] == ["cliche"]
    accepted = Checker(select_rules(load_rules(), only=["cliche"]), make_context(), accept={"凝心聚力"})
    assert accepted.check_text(text) == []


def test_cliche_escalates_with_share_of_bank_documents():
    context = make_context(slogans={"凝心聚力": 7, "砥砺前行": 6}, doc_count=14)
    findings = checker(context, only=["cliche"]).check_text("凝心聚力，砥砺前行。")
    assert [(f.level, "7 篇" in f.message or "6 篇" in f.message) for f in findings] == [
        ("warning", True), ("info", True)]


def test_repeat_reports_the_second_use_and_points_to_the_first():
    text = "一是守正创新。\n二是强化保障。\n三是守正创新。\n四是守正创新。\n"
    findings = checker(only=["repeat"]).check_text(text)
    assert [(f.line, f.column) for f in findings] == [(3, 3)]
    assert "第 1 行" in findings[0].message and "共 3 次" in findings[0].message


def test_formula_occurrences_do_not_count_as_repeats():
    text = "坚持稳中求进工作总基调。\n全年稳中求进工作总基调不变。\n"
    assert checker(only=["repeat"]).check_text(text) == []


def test_slogan_density_counts_shipped_list_bank_and_idioms_not_terms():
    dense = "我们凝心聚力、千方百计、实事求是、真抓实干，推动工作。"
    plain = "基层党建、基层党建、凝心聚力、实事求是。"
    assert [f.rule for f in checker(only=["slogan-density"]).check_text(dense)] == ["slogan-density"]
    assert checker(only=["slogan-density"]).check_text(plain) == []


def test_vague_needs_nothing_concrete():
    empty = "我们高度重视，积极推进，各项工作取得明显成效。"
    concrete = "我们高度重视，积极推进，各项工作取得明显成效，新增就业3976人。"
    named = "我们高度重视，积极推进《就业促进法》宣传，各项工作取得明显成效。"
    assert [f.rule for f in check_text(empty, only=["vague"])] == ["vague"]
    assert check_text(concrete, only=["vague"]) == []
    assert check_text(named, only=["vague"]) == []


def test_long_sentence_threshold_is_tunable():
    sentence = "全年" + "新建道路" * 30 + "。"
    rules = load_rules()
    assert [f.rule for f in Checker(configure_rules(rules, only=["long-sentence"])).check_text(sentence)] \
        == ["long-sentence"]
    rules = load_rules()
    assert Checker(configure_rules(rules, only=["long-sentence"], max_sentence=200)).check_text(sentence) == []


# copy ---------------------------------------------------------------------

def test_copy_names_the_source_document():
    draft = "本年度全县人社系统严格落实事业单位岗位设置管理制度，对事业单位岗位设置实行动态管理。"
    findings = checker(only=["copy"]).check_text(draft)
    assert len(findings) == 1
    f = findings[0]
    assert "某县人社工作综述" in f.message
    assert draft[f.start:f.end].startswith("全县人社系统严格落实")


def test_copy_does_not_fire_on_a_draft_against_itself():
    draft = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
    # The draft is twice itself: repeated text inside a draft is no copy of the corpus.
    assert checker(only=["copy"]).check_text(draft + "\n" + draft) == []
    context = CheckContext.from_corpus_texts([("me", "本稿", draft)])
    assert [f.rule for f in checker(context, only=["copy"]).check_text(draft)][:1] == ["copy"]


def test_copy_ignores_passages_shared_by_several_documents_and_formulas():
    shared = "全面推进城乡供水一体化建设，农村自来水普及率稳步提高"
    context = CheckContext.from_corpus_texts([("a", "甲", shared + "甲。"), ("b", "乙", "乙：" + shared)])
    assert checker(context, only=["copy"]).check_text("我们" + shared + "。") == []
    formula = "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神"
    context = CheckContext.from_corpus_texts([("a", "甲", formula + "，推动工作。")])
    assert checker(context, only=["copy"]).check_text(formula + "，推动工作。") == []


def test_copy_survives_spaces_left_by_pdf_extraction():
    source = "招考录公务员、事业单位工作人员等 330 人，采取灵活方式招聘急需紧缺人才 71 人"
    context = CheckContext.from_corpus_texts([("seed", "人社综述", source)])
    draft = "招考录公务员、事业单位工作人员等330人，采取灵活方式招聘急需紧缺人才71人。"
    findings = checker(context, only=["copy"]).check_text(draft)
    assert len(findings) == 1 and findings[0].end - findings[0].start >= 30


@pytest.mark.parametrize("length, found", [(18, False), (19, True), (25, True), (60, True)])
def test_copy_index_finds_every_run_of_guaranteed_length(length, found):
    import random
    rnd = random.Random(length)
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    filler = "".join(rnd.choice(alphabet) for _ in range(200))
    run = "".join(rnd.choice(alphabet) for _ in range(length))
    context = CheckContext.from_corpus_texts([("x", "来源", filler[:37] + run + filler[37:])])
    draft = "【" + run + "】"
    rules = load_rules()
    rules.rules["copy"].tune("min_chars", 19 if length < 19 else min(length, 20))
    findings = Checker(select_rules(rules, only=["copy"]), context).check_text(draft)
    assert bool(findings) == found
    if found:
        assert draft[findings[0].start:findings[0].end] == run


def test_copy_index_cache_roundtrip_and_rebuild(tmp_path):
    source = tmp_path / "documents.jsonl"
    source.write_text("v1", encoding="utf-8")
    calls = []

    def documents():
        calls.append(1)
        return [("a", "甲", SOURCE_TEXT)]

    first = CorpusIndex.cached(tmp_path, [source], documents)
    second = CorpusIndex.cached(tmp_path, [source], documents)
    assert len(calls) == 1
    assert list(second.hashes) == list(first.hashes) and second.docs == first.docs
    norm = normalise("严格落实事业单位岗位设置管理制度，对事业单位岗位设置实行动态管理")
    assert [r.doc for r in second.find_runs(norm, 20)] == [0]
    source.write_text("v2 changed", encoding="utf-8")
    CorpusIndex.cached(tmp_path, [source], documents)
    assert len(calls) == 2
    # One block file (index and text), replaced in place (keyed by the content of documents.jsonl).
    assert sorted(p.name for p in (tmp_path / ".cache").glob("check-copy*")) == ["check-copy.blocks"]
    (tmp_path / ".cache" / "check-copy.blocks").write_bytes(b"damaged")
    again = CorpusIndex.cached(tmp_path, [source], documents)
    assert len(calls) == 3 and list(again.hashes) == list(first.hashes)


# fixes ----------------------------------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("全年完成投资3.5亿元,同比增长8%.", "全年完成投资3.5亿元，同比增长8%。"),
    ("2025 年 3 月召开会议 。", "2025年3月召开会议。"),
    ('他说"要抓落实"。', "他说“要抓落实”。"),
    ("举办培训班(共3期)!!", "举办培训班（共3期）！"),
    ("还有很多工作要做...", "还有很多工作要做……"),
    ("(1)坚持党建引领", "（1）坚持党建引领"),
    ("新冠肺炎疫情,防控有力", "新冠肺炎疫情，防控有力"),   # wording (stale) is never touched
])
def test_fix_applies_only_mechanical_fixes(before, after):
    fixed, applied = fix_text(Checker(select_rules(load_rules())), before)
    assert fixed == after
    assert applied >= 1


def test_fixes_only_come_from_punct_quote_spacing():
    findings = check_text("全年走访3千余人次,新冠肺炎疫情 2025 年。")
    fixable = {f.rule for f in findings if f.fix is not None}
    assert fixable == {"punct", "spacing"}
    text, n = apply_fixes("全年走访3千余人次,新冠肺炎疫情 2025 年。", findings)
    assert "3千" in text and "新冠肺炎" in text and n == 3


# caches and imports -----------------------------------------------------------

def test_idiom_cache_is_read_without_importing_jieba(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from writer.check.idioms import load_idioms\n"
        f"idioms, everything = load_idioms(Path({str(tmp_path)!r}))\n"
        "assert '千方百计' in idioms and '贯彻落实' not in idioms and '贯彻落实' in everything\n"
        "print('jieba' in sys.modules)\n"
    )
    for _ in range(2):   # cold, then warm cache
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "False"
    assert (tmp_path / ".cache" / "check-idioms.marshal").is_file()


def test_check_command_does_not_import_jieba(tmp_path):
    draft = tmp_path / "x.txt"
    draft.write_text("全年完成投资,同比增长。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "writer", "check", str(draft),
                          "--only", "punct,spacing,quote,number,stale,long-sentence,vague"],
                         capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 1, out.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "jieba" not in imported
    assert "writer.check" in imported


def test_config_file_values(tmp_path):
    (tmp_path / ".writer.yaml").write_text(
        "render: {seed: 3}\ncheck:\n  disable: [cliche]\n  max-sentence: 80\n  accept: [凝心聚力]\n"
        "  thresholds: {copy: 30, slogan-density: {sentence: 5}}\n", encoding="utf-8")
    from writer.check.config import find_config
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    config = load_config(find_config(sub))
    assert config.disable == ["cliche"] and config.max_sentence == 80 and config.accept == ["凝心聚力"]
    rules = load_rules()
    enabled = configure_rules(rules, config)
    assert "cliche" not in [r.id for r in enabled]
    assert rules.rules["copy"].checks[0].params["min_chars"] == 30
    assert rules.rules["slogan-density"].checks[0].params["sentence"] == 5
    assert rules.rules["long-sentence"].checks[0].params["max"] == 80


def test_json_record_fields():
    record = check_text("全年完成投资,同比增长。")[0].to_dict()
    assert list(record) == ["file", "line", "column", "end_line", "end_column", "rule", "level",
                            "message", "suggestion"]
    json.dumps(record, ensure_ascii=False)


def test_line_map_handles_offsets_past_the_end():
    lm = LineMap("一\n二")
    assert lm.position(0) == (1, 1) and lm.position(2) == (2, 1) and lm.position(99) == (2, 2)


# parallelism ----------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, frame", [
    ("实实在在的投入、实实在在的产出、实实在在的增长。", "实实在在", True),
    ("坚定不移深化改革，坚定不移扩大开放。", "坚定不移", True),
    ("机遇前所未有，挑战也前所未有。", "前所未有", True),
    ("以解放思想推动观念更新，以解放思想推进改革。", "解放思想", True),
    ("扎扎实实、踏踏实实抓产业，扎扎实实、踏踏实实扬优势。", "扎扎实实", True),
    ("办好实实在在的事，解决实实在在的困难。", "实实在在", True),
    ("（一）坚定不移推进改革\n全年完成改革任务。\n（二）坚定不移扩大开放\n", "坚定不移", True),
    # The same item twice, and uses that do not open or close sibling items.
    ("一是守正创新。\n二是强化保障。\n三是守正创新。", "守正创新", False),
    ("真抓实干、真抓实干、攻坚克难，推动工作。", "真抓实干", False),
    ("岗位聘用，岗位聘用。", "岗位聘用", False),
    ("我们凝心聚力抓发展。大家凝心聚力促改革。", "凝心聚力", False),
    ("守正创新是我们的方法。\n我们坚持守正创新，引进人才。", "守正创新", False),
    ("凝心聚力凝心聚力。", "凝心聚力", False),
])
def test_parallel_frames_are_told_from_repetition(text, phrase, frame):
    from writer.check.kinds.frames import is_frame

    first = text.index(phrase)
    second = text.index(phrase, first + 1)
    assert is_frame(text, (first, first + len(phrase)), (second, second + len(phrase))) is frame


@pytest.mark.parametrize("text, mention", [
    ("会议提出“守正创新”的要求。", True),
    ("做到五个守正创新。", True),
    ("守正创新工作法：是指一套做法。", True),
    ("全市坚持守正创新，完成任务。", False),
])
def test_mentions_name_a_phrase(text, mention):
    from writer.check.kinds.frames import is_mention

    start = text.index("守正创新")
    assert is_mention(text, start, start + 4) is mention


@pytest.mark.parametrize("text, markdown, year", [
    ("---\ntitle: 某市政府工作报告（2021年）\n---\n\n正文。\n", True, 2021),
    ("某区2023年工作综述\n\n（2024年1月5日）\n\n正文写到2035年远景目标。\n", False, 2024),
    ("某区工作综述\n\n正文。\n", False, None),
])
def test_document_year_comes_from_title_front_matter_and_date_lines(text, markdown, year):
    from writer.check.draft import Draft
    from writer.check.kinds.phrases import document_year

    assert document_year(Draft(text, "-", markdown)) == year


def test_stale_wording_in_a_document_dated_before_or_in_the_year_of_the_change_is_not_reported():
    old = "---\ntitle: 某市政府工作报告（2021年）\n---\n\n有力抗击新冠肺炎疫情。\n"
    new = old.replace("2021", "2024")
    assert check_text(old, markdown=True, only=["stale"]) == []
    assert check_text(old.replace("2021", "2022"), markdown=True, only=["stale"]) == []
    assert [f.rule for f in check_text(new, markdown=True, only=["stale"])] == ["stale"]
