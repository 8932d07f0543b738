"""The corpus reader on the default corpus, hand-made fixtures and the shared corpora."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from writer.corpus.cleaning import clean_line, is_terminated, strip_bylines
from writer.corpus.docx import DocxReadError
from writer.errors import (BinaryFileError, EmptyFileError, MissingPathError,
                           NoReadableFilesError, UnsupportedFileError)
from writer.io.paths import default_corpus
from writer.corpus.reader import parse_text, read_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"

# The section headings a careful reader sees in the seed, in order, per document
# ("heading / subheading" for two-line headings; "> sub" for subsections).
SEED_HEADINGS = {
    1: ["就业创业实现稳中向好", "人事人才工作创新发展", "社会保障水平显著提高", "各类劳动关系和谐稳定", "人社扶贫政策精准落地"],
    2: ["总揽全局 / 把准换届“方向盘”", "严格标准 / 把好代表“质量关”", "选优配强 / 树立用人“风向标”",
        "风清气正 / 筑牢纪律“防火墙”", "四化四同 / 把好换届“安全阀”", "砥砺前行 / 绘就发展“新蓝图”"],
    3: ["筑牢基层组织堡垒", "凝聚发展强大动能"],
    4: ["坚持党建引领 / 班子建设质量高", "坚持固本培元 / 政治教育力度大", "坚持从严治队 / 队伍管理措施实",
        "坚持争先创优 / 典型引领树形象", "坚持基层至上 / 优抚优待暖人心"],
    5: ["产业兴旺 群众美", "城市更新 家园美", "乡村振兴 农村美"],
    6: ["从缺失到完善 基础设施日渐齐全", "从蜗居到宜居 城市面貌越加靓丽", "从平庸到出彩 人民生活日益美好"],
    7: ["提高政治站位，强化责任担当，推动教育整顿走深走实", "坚持力戒虚功，做实规定动作，推动学习教育入脑入心",
        "紧盯问题整改，完善长效机制，推动总结提升落地落实"],
    8: ["委员宣讲凝聚共识", "基层调研成果丰硕", "提案质量进一步提升"],
    9: ["落实党管人才责任 / 坚持党对人才工作的全面领导", "优化顶层设计 / 坚持深化人才发展体制机制改革",
        "突出人才优先 / 打造聚天下英才而用之的引才高地", "搭建“双创”平台 / 坚持人才引领发展的战略地位",
        "精准拴心留人 / 营造识才爱才敬才用才的良好环境"],
    10: ["思想筑基 党建引领 始终保持正确政治方向", "围绕中心 服务大局 全力助推省会经济社会发展",
         "> 让履职方向紧贴党政中心和民生热点", "> 让履职脚步紧盯问题追着落实走",
         "商以求同 协以成事 创新协商民主提升建言质量", "> 制度机制铺轨，畅通“多层”协商“立交桥”",
         "> 把平台延伸到线上，让协商更具“智慧”", "> 发扬“钉钉子”精神，紧盯落地持续用力",
         "增进共识 形成合力 凝聚团结奋进的强大正能量"],
    11: ["巩固思想主轴，增强政治定力", "把握协商主责，增添发展助力", "坚持两大主题，增进各方合力",
         "把准创新主调，增加履职活力", "强化履职主力，增长素质能力"],
    12: ["全力夯实法治建设根基", "全面优化法治营商环境", "持续淬炼法治工作队伍", "不断提升群众法治体验"],
    13: ["坚持党的领导，大统战工作格局更加完善", "服务中心大局，统一战线法宝作用更加彰显",
         "强化政治引领，统一战线团结奋斗根基更加坚实", "突出特色亮点，统一战线影响力更加提升"],
    14: ["产业集聚 握掌成拳好前景", "数字赋能 既要产值也要“未来”"],
}

LEFTOVERS = re.compile(r"通讯员|融媒）|记者 |点击图片|》》|来源：|时间：|相关报道|字号|\*\*|^---|source:|<!--")


def all_fields(doc) -> list[str]:
    out = [doc.title, doc.subtitle or "", *doc.lead, *doc.closing]
    def walk(sections):
        for s in sections:
            out.extend([s.heading, s.subheading or "", *s.paragraphs])
            walk(s.subsections)
    walk(doc.sections)
    return out


def headings_of(doc) -> list[str]:
    out = []
    for s in doc.sections:
        out.append(s.heading + (f" / {s.subheading}" if s.subheading else ""))
        out.extend(f"> {sub.heading}" for sub in s.subsections)
    return out


def body_paragraphs(doc) -> list[str]:
    return doc.paragraphs()


@pytest.fixture(scope="module")
def seed():
    return read_corpus([default_corpus()])


def test_seed_has_fourteen_documents_titled_as_the_contents(seed):
    text = default_corpus().read_text(encoding="utf-8")
    toc = [re.sub(r"\s", "", m.group(1)) for m in re.finditer(r"^\d+\.\s*(.+?)\s*·{3,}", text, re.M)]
    assert len(toc) == 14
    assert [re.sub(r"\s", "", d.title) for d in seed.documents] == toc
    assert not seed.problems


@pytest.mark.parametrize("number", sorted(SEED_HEADINGS))
def test_seed_headings_are_found_as_a_reader_sees_them(seed, number):
    assert headings_of(seed.documents[number - 1]) == SEED_HEADINGS[number]


def test_seed_paragraphs_are_complete_and_clean(seed):
    for doc in seed.documents:
        for p in body_paragraphs(doc):
            assert is_terminated(p), (doc.id, p[-30:])
            assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", p), (doc.id, p[:40])
            assert not re.search(r"[\u4e00-\u9fff] ?and ?[\u4e00-\u9fff]", p)
        for field in all_fields(doc):
            assert not LEFTOVERS.search(field), (doc.id, field[:60])


def test_seed_page_break_fragments_are_rejoined(seed):
    text = "\n".join(p for d in seed.documents for p in d.paragraphs())
    assert "坚持统一政策口径、统一日程安排、统一文书式样，坚持每周一调度的" in text
    assert "甘南百草生物科技开发有限公司位于合作市生态产业园区内" in text
    assert "回顾2021，我们辛勤耕耘、硕果累累；展望2022，我们满怀信心" in text
    assert "以积极饱满的政治热情和高度负责的工作态度" in text  # "and" repaired and rejoined


def test_seed_metadata(seed):
    docs = seed.documents
    assert docs[0].date == "2021-06-15"
    assert docs[9].subtitle == "十三届石家庄市政协履职工作综述"
    assert docs[10].subtitle == "十五届九江市政协履职工作综述"
    assert all(d.year == 2021 for d in docs)
    assert docs[0].closing == []  # ends on facts, not rhetoric
    assert docs[10].closing[0].startswith("征程万里风正劲，重任千钧再奋蹄。")
    assert docs[6].sections[1].paragraphs[0].startswith("以政治教育为引领，筑牢政治忠诚。")  # run-in lead kept


def test_pdf_like_fixture():
    [doc] = read_corpus([FIXTURES / "pdf-like.txt"]).documents
    assert doc.title == "某县2023年乡村振兴工作综述"
    assert doc.date == "2023-12-20"
    assert headings_of(doc) == ["产业振兴 动能强", "聚焦人才振兴 / 激活一池春水",
                                "坚持生态优先，守护绿水青山，推动人居环境整治走深走实"]
    assert doc.sections[0].paragraphs == [
        "全县新建高标准农田1.2万亩，培育市级以上龙头企业12家，农村居民人均可支配收入增长7.1%。"
        "依托特色种植和乡村旅游，带动2300余户群众增收。"]
    assert doc.closing and doc.closing[0].startswith("回首过去")


def test_web_report_fixture():
    [doc] = read_corpus([FIXTURES / "web-report.txt"]).documents
    assert doc.title == "2025年某市政府工作报告"
    assert doc.subtitle == "2025年1月10日在某市第五届人民代表大会第三次会议上"
    assert doc.date == "2025-01-10"
    # the speech formula is structure: the lead is the review's first paragraph
    assert doc.lead == ["过去一年，我们坚持稳中求进工作总基调，全市经济运行稳中向好。"]
    assert [s.heading for s in doc.sections] == ["2024年工作回顾", "2025年重点工作"]
    assert doc.sections[0].paragraphs == []
    assert [s.heading for s in doc.sections[0].subsections] == ["全力稳住经济基本盘", "持续改善民生福祉"]
    assert doc.sections[0].subsections[0].paragraphs == ["全市生产总值增长5.2%，规模以上工业增加值增长6.0%。"]
    assert doc.closing[0].startswith("实干铸就辉煌")  # the address (各位代表！) is not the closing's text
    for field in all_fields(doc):
        assert not re.search(r"下载|打印|全屏|收藏|李 四|王五|来源|某市两会闭幕|点击", field), field


def test_markdown_fixture():
    [doc] = read_corpus([FIXTURES / "provincial.md"]).documents
    assert doc.title == "2019年政府工作报告"
    assert [s.heading for s in doc.sections] == ["2018年工作回顾", "2019年主要任务"]
    assert doc.sections[0].subsections[0].heading == "着力推动高质量发展"
    # a bold run-in phrase opens a third level (**强化创新驱动。**研发经费…)
    [run_in] = doc.sections[0].subsections[0].subsections
    assert (run_in.heading, run_in.paragraphs) == ("强化创新驱动", ["研发经费投入增长12%。"])
    assert doc.lead == ["一年来，全省经济保持平稳健康发展，生产总值增长7.0%。"]
    for field in all_fields(doc):
        assert "**" not in field and "赵六" not in field and "example.org" not in field


def test_collection_fixture_split_by_contents():
    docs = read_corpus([FIXTURES / "collection.txt"]).documents
    assert [d.title for d in docs] == ["甲单位人才工作综述", "乙单位法治工作综述：守正创新 行稳致远"]
    assert [s.heading for s in docs[1].sections] == ["健全制度体系"]
    assert docs[1].closing and docs[0].closing == []


@pytest.mark.parametrize("raw, clean", [
    ("招考录公务员 330 人，增长 3.5 %", "招考录公务员330人，增长3.5%"),
    ("以习近平新时代中国特色社会主义思想 and 授旗训词精神为统领", "以习近平新时代中国特色社会主义思想和授旗训词精神为统领"),
    ("“十三五” 肃南", "“十三五”肃南"),
    ("２０２１年", "2021年"),
    ("产业兴旺 群众美", "产业兴旺 群众美"),
    ("Python and Go", "Python and Go"),
    ("增长3.2%，（一）", "增长3.2%，（一）"),
])
def test_clean_line(raw, clean):
    assert clean_line(raw) == clean


def test_cleaning_keeps_chinese_punctuation():
    s = "他说：“好！”（完）；《条例》……"
    assert clean_line(s) == s


@pytest.mark.parametrize("raw, clean", [
    ("有效维护了劳动者合法权益。（通讯员 王荣文 报道）", "有效维护了劳动者合法权益。"),
    ("人均公共绿化面积达到17.75平方米。（平川融媒）", "人均公共绿化面积达到17.75平方米。"),
    ("发挥了重要的作用。”（经济日报-中国经济网记者 曾诗阳）", "发挥了重要的作用。”"),
    ("中国义乌网9月3日讯（义乌商报记者 王婷）初秋，在车间", "初秋，在车间"),
    ("见到了（点击图片查看》》）成效。", "见到了成效。"),
])
def test_strip_bylines(raw, clean):
    assert strip_bylines(raw) == clean


def test_output_is_deterministic(tmp_path):
    a = [json.dumps(d.to_dict(), ensure_ascii=False) for d in read_corpus([default_corpus(), FIXTURES]).documents]
    b = [json.dumps(d.to_dict(), ensure_ascii=False) for d in read_corpus([default_corpus(), FIXTURES]).documents]
    assert a == b


# --- bad input -------------------------------------------------------------

def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "gbk.txt").write_bytes("某局2023年工作综述\n\n一年来，各项工作取得新成效。\n\n强化党建引领\n\n全年开展培训12次。\n".encode("gb18030"))
    (tmp_path / "fake.docx").write_bytes(b"not a zip at all")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "notes.csv").write_text("a,b", encoding="utf-8")
    corpus = read_corpus([tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "gbk.txt",
                          tmp_path / "fake.docx", tmp_path / "picture.png", empty_dir, tmp_path / "missing.txt"])
    assert [d.title for d in corpus.documents] == ["某局2023年工作综述"]
    kinds = {Path(p.path).name: type(p) for p in corpus.problems}
    assert kinds == {"empty.txt": EmptyFileError, "binary.txt": BinaryFileError, "fake.docx": DocxReadError,
                     "picture.png": UnsupportedFileError, "nothing": NoReadableFilesError,
                     "missing.txt": MissingPathError}
    for problem in corpus.problems:
        message = str(problem)
        assert "\n" not in message and problem.path in message


def test_docx_is_read(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in ["某中心2024年工作综述", "2024年，中心各项工作稳步推进。", "坚持创新驱动", "全年完成项目8个。"]:
        d.add_paragraph(text)
    d.save(tmp_path / "report.docx")
    [doc] = read_corpus([tmp_path / "report.docx"]).documents
    assert doc.title == "某中心2024年工作综述"
    assert [s.heading for s in doc.sections] == ["坚持创新驱动"]


def test_nothing_readable_raises(tmp_path):
    with pytest.raises(MissingPathError):
        read_corpus([tmp_path / "missing"])
    (tmp_path / "e.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(EmptyFileError):
        read_corpus([tmp_path / "e.txt"])


# --- shared corpora (skipped when ../shared is absent) ------------------------

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpora is absent")
BOILERPLATE = re.compile(r"^(下载|打印|全屏|收藏|加大|还原|减小)$|【字号|【字体|来源[:：]|时间[:：]|相关报道[:：]|打印本页|扫一扫|点击图片")


@needs_shared
def test_2026_reports():
    corpus = read_corpus([SHARED / "gov-reports-2026"])
    assert len(corpus.documents) == 31 and not corpus.problems
    for doc in corpus.documents:
        for field in all_fields(doc):
            assert not BOILERPLATE.search(field), (doc.id, field[:60])
        raw = (SHARED / doc.source).read_text(encoding="utf-8")
        body = re.split(r"\n(?:附件\s*\d*|相关报道：|名词解释)\n", raw)[0]  # appendices are not the report
        numbered = [clean_line(l).split("、", 1)[1] for l in body.split("\n")
                    if re.match(r"^[一二三四五六七八九十]、", l.strip()) and len(l.strip()) < 60]
        found = [s.heading for s in doc.all_sections()]  # under unnumbered parts, 一、 items are one level down
        for h in numbered:
            assert any(h.startswith(f) for f in found), (doc.id, h)
        assert any(s.subsections for s in doc.sections) or "（一）" not in raw, doc.id


@needs_shared
def test_provincial_markdown_sample():
    root = SHARED / "gov-reports-provincial"
    files = sorted(root.rglob("*.md"))[::24]  # a spread sample over provinces and years
    corpus = read_corpus(files)
    assert len(corpus.documents) == len(files) and not corpus.problems
    for doc in corpus.documents:
        assert doc.sections, doc.source
        for field in all_fields(doc):
            assert "**" not in field and not field.startswith("---") and "source:" not in field


# --- genre formulas (data/corpus/formulas.yaml) --------------------------------

def _formula_examples():
    from writer.corpus.formulas import grammar

    g = grammar()
    yield from (pytest.param("address", text, True, id=f"address+{i}") for i, text in enumerate(g.address.fire))
    yield from (pytest.param("address", text, False, id=f"address-{i}") for i, text in enumerate(g.address.not_fire))
    for rule in g.sentences + g.clauses:
        yield from (pytest.param(rule.id, text, True, id=f"{rule.id}+{i}") for i, text in enumerate(rule.fire))
        yield from (pytest.param(rule.id, text, False, id=f"{rule.id}-{i}") for i, text in enumerate(rule.not_fire))


@pytest.mark.parametrize("rule, text, fires", list(_formula_examples()))
def test_formula_grammar_examples(rule, text, fires):
    from writer.corpus.formulas import address_length, grammar, strip_formulas

    if rule == "address":
        assert (address_length(text) > 0) == fires
        return
    stripped = strip_formulas(text)
    if rule in {c.id for c in grammar().clauses}:
        # a clause formula leaves the sentence's content: shorter when it fires, untouched otherwise
        assert (stripped != text and len(stripped) > 4) == fires and text.endswith(stripped), (text, stripped)
        return
    assert (stripped == "") == fires if fires else stripped == text, (text, stripped)


def test_formula_address_keeps_the_rest_of_the_paragraph():
    from writer.corpus.formulas import strip_formulas

    assert strip_formulas("各位代表！实干铸就辉煌，奋斗赢得未来。") == "实干铸就辉煌，奋斗赢得未来。"
    assert strip_formulas("中国共产党第二十次全国代表大会召开了！现在，我代表中央委员会向大会作报告。") \
        == "中国共产党第二十次全国代表大会召开了！"


def test_essay_site_page_keeps_only_the_document():
    [doc] = read_corpus([FIXTURES / "essay-site.txt"]).documents
    assert doc.title == "某局2024年工作总结"  # the portal's name is not the title; xx is a blank
    assert doc.lead == ["2024年，某局在县委、县政府的坚强领导下，紧紧围绕年初确定的目标任务，真抓实干，各项工作取得明显成效。"]
    # a heading set over two lines is one heading; the cut marker and the glossary are not headings
    assert headings_of(doc) == ["抓实基础工作", "强化队伍建设，提升服务能力", "其他工作", "下步打算"]
    for field in all_fields(doc):
        assert not re.search(r"小编|作者|浏览|首页|>|（略）|删减|用语说明|三个一批|xx", field), field


def test_congress_report_with_block_quote_byline():
    [doc] = read_corpus([FIXTURES / "congress.md"]).documents
    assert doc.title == "凝心聚力谱新篇 砥砺奋进新征程"
    assert doc.subtitle == "在某某代表大会上的报告"
    assert doc.date == "2021-10-16"
    assert doc.lead == ["这次大会是在全面建设社会主义现代化新征程开局之际召开的一次重要会议。"]
    from tests.test_structure_corpora import outline
    assert outline(doc) == [[1, "过去五年的工作"], [2, "经济实力显著增强"], [2, "民生福祉持续改善"],
                            [1, "今后五年的目标任务"], [2, "推动高质量发展"], [3, "做强实体经济"]]
    assert doc.closing == ["让我们紧密团结，为谱写新篇章而努力奋斗！"]
    assert "某某" not in " ".join(s.heading for s in doc.all_sections())
