"""`writer outline`: title, lead, parallel sections with facts, closing, facts skeleton."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from test_heading_gen import shipped_bank, write_bank
from writer.bank.store import load_bank
from writer.cli import app
from writer.errors import ErrorGroup
from writer.render.facts import parse_facts
from writer.bank.lexicon import load_lexicon
from writer.compose.titles import build_title
from writer.outline import build_outline, facts_skeleton, parse_themes, theme_facts, to_markdown, year_of

runner = CliRunner()


@pytest.fixture
def bank_dir(tmp_path):
    return write_bank(tmp_path / "bank")


def outline(*args: str):
    return runner.invoke(app, ["outline", *args])


@pytest.mark.parametrize("org,topic,period,title", [
    ("某县", "人才", "2024年", "2024年某县人才工作综述"),
    ("某县", "人才工作", "2024年", "2024年某县人才工作综述"),
    ("某市", "统一战线", "五年来", "五年来某市统一战线工作综述"),
    ("某县医疗保障局", "医保", "2024年", "2024年某县医保工作综述"),   # the org already says the topic: place + topic
    ("某县人社局", "人社", "“十四五”以来", "“十四五”以来某县人社工作综述"),
    ("省人社厅", "人社", "2024年", "2024年省人社厅工作综述"),            # no place to take: the org itself
    ("某区委组织部", "党建", "五年来", "五年来某区委组织部党建工作综述"),
    ("某区", "档案", None, "某区档案工作综述"),
])
def test_build_title(org, topic, period, title):
    assert build_title(org, topic, period) == title


@pytest.mark.parametrize("period,year", [("2024年", 2024), ("2023 年度", 2023), ("五年来", None), (None, None)])
def test_year_of(period, year):
    assert year_of(period) == year


def test_parse_themes():
    assert parse_themes("引才聚才, 育才用才，人才服务、留才") == ["引才聚才", "育才用才", "人才服务", "留才"]
    assert parse_themes(None) == []


def source_free(text: str, names) -> bool:
    body = text.split("\n---\n")[0]   # the provenance notes come after the rule
    return not any(n in body for n in names if len(n) >= 2)


@pytest.mark.parametrize("org,topic,n", [
    ("某县人力资源和社会保障局", "人社", 4),
    ("某市教育局", "教育", 3),            # absent from the corpus
    ("某县医疗保障局", "医保", 5),        # absent from the corpus
])
def test_outline_reads_as_an_outline(bank_dir, org, topic, n):
    res = outline("--org", org, "--topic", topic, "--period", "2024年", "--sections", str(n),
                  "--bank", str(bank_dir))
    assert res.exit_code == 0, res.output
    md = res.stdout
    assert md.startswith("# 2024年") and "综述" in md.splitlines()[0]
    sections = re.findall(r"^## ([一二三四五六七八])、(.+)$", md, re.M)
    assert [s[0] for s in sections] == list("一二三四五六七八")[:n]
    assert "## 导语（帽子）" in md and "## 结语" in md
    lead = md.split("## 导语（帽子）")[1].split("## 一、")[0]
    assert org in lead and "【" in lead                      # the writer's blanks are marked
    assert md.count("\n- ") >= n                             # facts under the sections
    assert source_free(md, load_bank(bank_dir).source_names())
    assert not re.search(r"[0-9]", md.split("\n---\n")[0].replace("2024", "").replace("2025", ""))


def test_outline_sections_are_one_parallel_set(bank_dir):
    bank = load_bank(bank_dir)
    o = build_outline(bank, "某县", "人才", "2024年", themes=["党管人才", "引才聚才", "育才用才"], seed=2)
    assert len({s.pattern for s in o.sections}) == 1
    assert [s.theme for s in o.sections] == ["党管人才", "引才聚才", "育才用才"]
    leads = [re.sub(r"^(持续|不断|全面|着力|切实|加快|大力|全力|深入|扎实)", "", s.heading)[:2]
             for s in o.sections]
    assert len(set(leads)) == len(leads), [s.heading for s in o.sections]


@pytest.mark.parametrize("style,lines", [("single", 1), ("pair", 2)])
def test_outline_styles(bank_dir, style, lines):
    o = build_outline(load_bank(bank_dir), "某县", "党建", "2024年", style=style)
    assert all(len(s.lines) == lines for s in o.sections)
    md = to_markdown(o)
    if lines == 2:
        assert md.count("\n**") == len(o.sections)


def test_deterministic_and_seeds_differ(bank_dir):
    args = ["--org", "某县", "--topic", "人才", "--period", "2024年", "--bank", str(bank_dir)]
    a = outline(*args, "--seed", "4").stdout
    assert a == outline(*args, "--seed", "4").stdout
    assert len({outline(*args, "--seed", str(s)).stdout for s in range(6)}) > 1


def test_json_format(bank_dir):
    res = outline("--org", "某县", "--topic", "人才", "--format", "json", "--bank", str(bank_dir))
    data = json.loads(res.stdout)
    assert data["title"] == "某县人才工作综述" and len(data["sections"]) == 4
    assert all(s["facts"] and s["heading"] and s["pattern"] for s in data["sections"])


# ---------------------------------------------------------------- facts skeleton

def fill_blanks(text: str) -> str:
    """What a writer does: every 【请填写…】 becomes a number or words."""
    text = re.sub(r"【请填写：全年总体成绩[^】]*】", "城镇新增就业1260人", text)
    text = re.sub(r"【请填写：明年的目标[^】]*】", "新增就业1300人以上", text)
    text = re.sub(r"【请填写：如[^】]*】", "2024年", text)
    return text.replace("【请填写】", "12")


@pytest.mark.parametrize("topic,period", [("人社", "2024年"), ("医保", "2023年"), ("档案", None)])
def test_facts_skeleton_is_valid_render_input_once_filled(bank_dir, tmp_path, topic, period):
    path = tmp_path / "facts.yaml"
    args = ["--org", "某县", "--topic", topic, "--bank", str(bank_dir), "--facts-out", str(path)]
    if period:
        args += ["--period", period]
    res = outline(*args)
    assert res.exit_code == 0, res.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#")                                   # commented
    with pytest.raises(ErrorGroup) as err:                        # blanks left: render refuses
        parse_facts(text, path)
    assert any("尚未填写" in str(e) for e in err.value.errors)
    facts = parse_facts(fill_blanks(text), path)
    assert facts.org == "某县" and facts.topic == topic
    assert 2 <= len(facts.sections) <= 8 and all(s.facts and s.heading for s in facts.sections)
    if period:
        assert facts.year == int(period[:4]) and facts.outlook.next_year == facts.year + 1
    assert facts.style.heading == "single" and facts.style.seed == 0


def test_facts_skeleton_keeps_pair_headings_on_one_line(bank_dir):
    o = build_outline(load_bank(bank_dir), "某县", "党建", "2024年", style="pair")
    text = facts_skeleton(o)
    facts = parse_facts(fill_blanks(text))
    assert facts.style.heading == "pair"
    assert [s.heading for s in facts.sections] == [" ".join(s.lines) for s in o.sections]


def test_facts_out_never_overwrites_without_force(bank_dir, tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("mine: true\n", encoding="utf-8")
    args = ["--org", "某县", "--topic", "人才", "--bank", str(bank_dir), "--facts-out", str(path)]
    res = outline(*args)
    assert res.exit_code == 3 and "--force" in res.stderr
    assert path.read_text(encoding="utf-8") == "mine: true\n"
    assert outline(*args, "--force").exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("#")


def test_facts_out_folder_missing(bank_dir, tmp_path):
    res = outline("--org", "某县", "--topic", "人才", "--bank", str(bank_dir),
                  "--facts-out", str(tmp_path / "no" / "f.yaml"))
    assert res.exit_code == 3 and len(res.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- facts per theme

@pytest.mark.parametrize("theme", ["就业创业", "基金监管", "教师队伍", "档案利用"])
def test_facts_for_theme(bank_dir, theme):
    bank = load_bank(bank_dir)
    facts = theme_facts(bank, load_lexicon(), theme)
    assert facts and all("【】" in f for f in facts)
    assert not any(re.search(r"[0-9]", f) for f in facts)
    assert not any(n in f for f in facts for n in bank.source_names())


def test_facts_come_from_corpus_sections_when_there_are_any():
    bank = shipped_bank()
    facts = theme_facts(bank, load_lexicon(), "就业创业")
    # The seed's 就业创业 section reports loans and new jobs; they lead the list.
    assert any("担保贷款" in f or "孵化基地" in f for f in facts[:3]), facts
    for theme in ("人才服务", "基层组织", "医保改革"):
        for f in theme_facts(bank, load_lexicon(), theme):
            assert not any(n in f for n in bank.source_names() if len(n) >= 2), f


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("args,code,needle", [
    (["--topic", "人才"], 2, "--org"),
    (["--org", "某县"], 2, "--topic"),
    (["--org", "某县", "--topic", "人才", "--sections", "1"], 2, "分节数"),
    (["--org", "某县", "--topic", "人才", "--sections", "9"], 2, "分节数"),
    (["--org", "某县", "--topic", "人才", "--style", "fancy"], 2, "标题样式"),
    (["--org", "某县", "--topic", "人才", "--format", "pdf"], 2, "输出格式"),
    (["--org", "某县", "--topic", "人才", "--themes", "引才聚才,育才用才", "--sections", "3"], 2, "不一致"),
    (["--org", "某县", "--topic", "人才", "--themes", "引才聚才,引才聚才"], 2, "重复"),
    (["--org", "某县", "--topic", "人才", "--bank", "/no/such"], 3, "素材库"),
])
def test_bad_options(args, code, needle):
    res = outline(*args)
    assert res.exit_code == code, res.output
    assert needle in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.output


@pytest.mark.parametrize("style", ["single", "pair"])
def test_a_bank_with_no_fitting_pattern_names_the_style_not_a_facts_key(tmp_path, style):
    # A bank without headings cannot fill a set: the message points at outline's own options
    # (the heading generator's key is the facts file's "themes", which outline's user never wrote).
    from test_render_support import make_bank

    res = outline("--org", "某县", "--topic", "人才", "--style", style, "--bank", str(make_bank(tmp_path)))
    assert res.exit_code == 2, res.output
    line = res.stderr.strip()
    assert "“--style”" in line and style in line and "“themes”" not in line and len(line.splitlines()) == 1


# ---------------------------------------------------------------- shipped bank

@pytest.mark.parametrize("org,topic", [("某县人力资源和社会保障局", "人社"), ("某市教育局", "教育"),
                                       ("某县医疗保障局", "医保"), ("某县委组织部", "人才")])
def test_shipped_bank_outlines_are_source_free(org, topic):
    bank = shipped_bank()
    for style in ("single", "pair"):
        md = to_markdown(build_outline(bank, org, topic, "2024年", style=style, seed=1))
        assert source_free(md, bank.source_names()), md


@pytest.mark.parametrize("text, period, fits", [
    ("春华秋实又五年，砥砺奋进结硕果。", "2024年", False),
    ("春华秋实又五年，砥砺奋进结硕果。", "五年来", True),
    ("春华秋实又五年，砥砺奋进结硕果。", "“十四五”以来", False),
    ("新的一年，新的征程。", "2024年", True),
    ("乘风破浪潮头立，扬帆起航正当时。", "2024年", True),
    ("回首二十世纪90年代", "2024年", True),
])
def test_couplets_match_the_span_of_the_period(text, period, fits):
    from writer.compose.passages import span_fits
    assert span_fits(text, period) is fits


def test_one_year_outline_never_opens_with_a_five_year_couplet():
    from writer.bank.store import load_bank
    from writer.outline import build_outline, to_markdown
    bank = load_bank(None)
    for seed in range(8):
        text = to_markdown(build_outline(bank, "某县人力资源和社会保障局", "人社", "2024年", 4, None, "single", seed))
        assert "五年" not in text.split("## 一")[0], seed


@pytest.mark.parametrize("clause, fact", [
    ("发放创业小额担保贷款6397万元", "发放创业小额担保贷款【】万元"),
    ("支队党委专题研究党建工作12次", None),       # a body of the source
    ("市委常委会研究人才工作8次", None),
    ("举办党建MV云端展3期", None),
    ("招考录公务员、事业单位工作人员等330人", None),  # a list is one source's
])
def test_corpus_clauses_become_kinds_of_facts(clause, fact):
    from writer.outline import _fact_from_clause
    assert _fact_from_clause(clause, []) == fact


@pytest.mark.parametrize("period, expected", [
    ("五年来", "五年来，某局"), ("“十四五”以来", "“十四五”以来，某局"), ("2024年", "2024年，某局"),
    ("2021年至2025年", "2021年至2025年，某局"), ("“十三五”", "“十三五”以来，某局"),
])
def test_period_is_not_doubled_in_frames(period, expected):
    from writer.compose.passages import fill_template
    assert fill_template("{period}以来，{org}", {"period": period, "org": "某局"}) == expected


# ---------------------------------------------------------------- issue 10: what writer prints passes its own check

README_TOPICS = ["人才", "党建", "教育", "法治", "生态环境", "医保"]


def _mechanics_findings(text: str) -> str:
    res = runner.invoke(app, ["check", "-", "--only", "punct,quote,spacing", "--fail-on", "error"], input=text)
    return "" if res.exit_code == 0 else res.output


@pytest.mark.parametrize("topic", README_TOPICS)
def test_outline_and_suggest_output_pass_the_mechanics_check(topic):
    outputs = [runner.invoke(app, ["outline", "--org", "某市某局", "--topic", topic, "--period", "2024年",
                                     "--seed", "1", "--style", style]).stdout for style in ("single", "pair")]
    for kind in ("heading", "pair", "set", "slogan", "opening", "closing", "aphorism"):
        res = runner.invoke(app, ["suggest", topic, "--kind", kind, "-n", "5"])
        outputs.append("\n".join(line.split("\t")[0] for line in res.stdout.splitlines()))
    for text in outputs:
        assert text.strip()
        assert not _mechanics_findings(text), _mechanics_findings(text)


@pytest.mark.parametrize("raw, folded", [
    ("全年完成投资3.5亿元,同比增长8%.", "全年完成投资3.5亿元，同比增长8%。"),
    ('开展"社保服务进万家"活动', "开展“社保服务进万家”活动"),
    ("会议(第一次)召开;地点:三楼", "会议（第一次）召开；地点：三楼"),
    ("9:30召开，版本3.5", "9:30召开，版本3.5"),
    ("模式 全面优化{N2}{N4}", "模式 全面优化{N2}{N4}"),
    ("Python and Go, ok.", "Python and Go, ok."),
])
def test_ascii_punctuation_from_mined_text_is_folded(raw, folded):
    from writer.zh import fold_ascii_punctuation

    assert fold_ascii_punctuation(raw) == folded


def test_outline_folds_a_banks_ascii_punctuation(tmp_path):
    from writer.mining.run import mine

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(
        "某局2023年教育工作综述\n\n2023年,某局坚持立德树人,推动教育工作取得新成效.\n\n"
        "一、完善教育基础设施\n\n新建学校3所,新增学位1200个.\n\n"
        "二、加强师德师风建设\n\n培训教师860人次.\n\n展望未来,我们将继续努力,奋力谱写教育新篇章!\n",
        encoding="utf-8")
    mine([tmp_path / "docs"], tmp_path / "bank")
    res = runner.invoke(app, ["outline", "--org", "某市教育局", "--topic", "教育", "--bank", str(tmp_path / "bank")])
    assert res.exit_code == 0, res.output
    body = res.stdout.split("---")[0]
    assert not re.search(r"[\u4e00-\u9fff][,;:!?.]|[,;:!?.][\u4e00-\u9fff]", body), body
