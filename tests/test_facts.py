"""The facts file: valid files load; every kind of bad input gives a located, clear error."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_render_support import run_render

from writer.errors import ErrorGroup
from writer.render.facts import (FactsDuplicateKeyError, FactsMissingKeyError, FactsPlaceholderError,
                          FactsSyntaxError, FactsTypeError, FactsUnknownKeyError, FactsValueError,
                          load_facts, parse_facts)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

GOOD = """\
org: 某县人力资源和社会保障局
org_short: 县人社局
topic: 人社工作
period: 2024年
year: 2024
sections:
  - theme: 就业创业
    heading: 稳就业 保民生
    facts:
      - 全年城镇新增就业1260人。
      - 城镇登记失业率控制在3.2%以内
  - theme: 社会保障
    facts: [发放社会保险待遇3.2亿元]
outlook:
  next_year: 2025
  goals: [新增就业1300人以上]
style: {heading: pair, seed: 7}
"""


def test_good_file_loads_with_every_field():
    facts = parse_facts(GOOD, "f.yaml")
    assert (facts.org, facts.org_short, facts.topic, facts.period, facts.year) == \
        ("某县人力资源和社会保障局", "县人社局", "人社工作", "2024年", 2024)
    assert [s.theme for s in facts.sections] == ["就业创业", "社会保障"]
    assert facts.sections[0].heading == "稳就业 保民生"
    # Final punctuation is the weaver's job.
    assert facts.sections[0].facts[0] == "全年城镇新增就业1260人"
    assert facts.outlook.next_year == 2025 and facts.outlook.goals == ["新增就业1300人以上"]
    assert (facts.style.heading, facts.style.seed) == ("pair", 7)
    assert facts.place == "某县"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_are_valid(path):
    facts = load_facts(path)
    assert 2 <= len(facts.sections) <= 8
    assert all(s.facts for s in facts.sections)


def test_there_are_at_least_two_examples():
    assert len(list(EXAMPLES.glob("*.yaml"))) >= 2


@pytest.mark.parametrize("org,place", [
    ("某县人力资源和社会保障局", "某县"), ("某市教育局", "某市"), ("某区医疗保障局", "某区"),
    ("某自治州民政局", "某自治州"), ("人社局", None), ("某县", None), ("中共某市委统战部", "某市"),
])
def test_org_place(org, place):
    from writer.compose.titles import org_place

    assert org_place(org) == place


@pytest.mark.parametrize("org,topic,period,title", [
    # The name spells the topic out (市场监督管理 → 市场监管): place + topic, never both.
    ("某县市场监督管理局", "市场监管", "2024年", "2024年某县市场监管工作综述"),
    ("中共某市委统战部", "统一战线", "五年来", "五年来某市统一战线工作综述"),
    ("某区委组织部", "党建", "五年来", "五年来某区委组织部党建工作综述"),
])
def test_titles_take_one_of_the_corpus_forms(org, topic, period, title):
    from writer.compose.titles import build_title

    assert build_title(org, topic, period) == title


@pytest.mark.parametrize("org,topic,short", [
    ("某县人力资源和社会保障局", "人社工作", "县人社局"), ("某县市场监督管理局", "市场监管", "县市场监管局"),
    ("某区住房和城乡建设局", "城市建设", "区住房和城乡建设局"), ("某市消防救援支队", "消防", "市消防救援支队"),
    ("国家电网某公司", "党建", "国家电网某公司"),
])
def test_org_short_is_derived_when_absent(org, topic, short):
    from writer.compose.titles import org_place
    from writer.render.fit import derived_org_short

    assert derived_org_short(org, org_place(org), topic) == short


def test_approach_and_highlight_are_optional_per_section():
    facts = parse_facts(GOOD.replace("    heading: 稳就业 保民生\n", "    heading: 稳就业 保民生\n"
                                     "    approach: 坚持就业优先。\n    highlight: 垒实了民生底座\n"), "f.yaml")
    assert (facts.sections[0].approach, facts.sections[0].highlight) == ("坚持就业优先", "垒实了民生底座")
    assert facts.sections[1].approach is None


# (name, text, error class, line, col, key)
BAD = [
    ("malformed", "org: 某县\nsections: [a, b\n", FactsSyntaxError, 3, 1, None),
    ("a list", "- org: 某县\n- topic: x\n", FactsTypeError, 1, 1, None),
    ("missing sections", "org: 某县\ntopic: 人社工作\nperiod: 2024年\n", FactsMissingKeyError, 1, 1, "sections"),
    ("section without facts",
     "org: 某县\ntopic: t\nperiod: p\nsections:\n  - theme: a\n    facts: [x]\n  - theme: b\n",
     FactsMissingKeyError, 7, 5, "sections[2].facts"),
    ("fact is a number",
     "org: 某县\ntopic: t\nperiod: p\nsections:\n  - theme: a\n    facts: [x, 1260]\n  - theme: b\n    facts: [y]\n",
     FactsTypeError, 6, 16, "sections[1].facts[2]"),
    ("unknown key", "org: 某县\ntopci: t\nperiod: p\nsections: []\n", FactsUnknownKeyError, 2, 1, "topci"),
    ("duplicate key", "org: 某县\norg: 某市\ntopic: t\nperiod: p\n", FactsDuplicateKeyError, 2, 1, "org"),
    ("one section",
     "org: 某县\ntopic: t\nperiod: p\nsections:\n  - theme: a\n    facts: [x]\n",
     FactsValueError, 5, 3, "sections"),
    ("bad heading style",
     "org: 某县\ntopic: t\nperiod: p\nstyle: {heading: double}\nsections:\n  - {theme: a, facts: [x]}\n  - {theme: b, facts: [y]}\n",
     FactsValueError, 4, 18, "style.heading"),
    ("year not a year", "org: 某县\ntopic: t\nperiod: p\nyear: 明年\n", FactsTypeError, 4, 7, "year"),
    ("placeholder left",
     "org: 某县\ntopic: t\nperiod: p\nsections:\n  - theme: a\n    facts: [（请填写）]\n  - {theme: b, facts: [y]}\n",
     FactsPlaceholderError, 6, 13, "sections[1].facts[1]"),
    ("sections not a list", "org: 某县\ntopic: t\nperiod: p\nsections: 就业\n", FactsTypeError, 4, 11, "sections"),
]


@pytest.mark.parametrize("name,text,cls,line,col,key", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_located(name, text, cls, line, col, key):
    with pytest.raises(ErrorGroup) as info:
        parse_facts(text, "f.yaml")
    matching = [e for e in info.value.errors if isinstance(e, cls)]
    assert matching, [str(e) for e in info.value.errors]
    err = matching[0]
    assert (err.path, err.line, err.col, err.key) == ("f.yaml", line, col, key)
    assert str(err).startswith(f"f.yaml:{line}:{col}: ")
    assert info.value.exit_code == 2


def test_unknown_key_suggests_the_near_one():
    with pytest.raises(ErrorGroup) as info:
        parse_facts(GOOD.replace("outlook:", "outlok:"), "f.yaml")
    assert "是不是“outlook”" in str(info.value)


def test_all_errors_are_reported_at_once_in_file_order():
    text = GOOD.replace("topic: 人社工作", "topci: 人社工作").replace(
        "      - 城镇登记失业率控制在3.2%以内", "      - 3.2").replace("seed: 7", "seed: 七")
    with pytest.raises(ErrorGroup) as info:
        parse_facts(text, "f.yaml")
    kinds = [type(e) for e in info.value.errors]
    assert FactsUnknownKeyError in kinds and FactsMissingKeyError in kinds
    assert FactsTypeError in kinds  # the number fact and the seed
    assert len(info.value.errors) >= 4
    lines = [e.line for e in info.value.errors]
    assert lines == sorted(lines)
    assert len(str(info.value).splitlines()) == len(info.value.errors)


def test_gb18030_file_reads_like_utf8(tmp_path):
    utf8 = tmp_path / "u.yaml"
    gb = tmp_path / "g.yaml"
    utf8.write_text(GOOD, encoding="utf-8")
    gb.write_bytes(GOOD.encode("gb18030"))
    a, b = load_facts(utf8), load_facts(gb)
    assert (a.org, a.sections, a.outlook) == (b.org, b.sections, b.outlook)


def test_braces_in_a_fact_are_kept_as_text():
    facts = parse_facts(GOOD.replace("全年城镇新增就业1260人。", "'{{ 7*7 }}'"), "f.yaml")
    assert facts.sections[0].facts[0] == "{{ 7*7 }}"


# ---------------------------------------------------------------- the CLI

@pytest.mark.parametrize("name,text,cls,line,col,key", BAD, ids=[b[0] for b in BAD])
def test_cli_bad_facts_exit_2_without_traceback_or_output(tmp_path, name, text, cls, line, col, key):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    out = tmp_path / "draft.md"
    result = run_render([facts, "-o", out])
    assert result.exit_code == 2, result.output
    assert f"{facts}:{line}:{col}:" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_cli_missing_facts_file(tmp_path):
    # Unreadable is an input error (3); read but wrong is a usage error (2).
    result = run_render([tmp_path / "none.yaml"])
    assert result.exit_code == 3
    assert "none.yaml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("data", [b"", b"\x00\x01binary\x00", b"org: \xff\xfe\xfd\x80\x80\n"],
                         ids=["empty", "binary", "undecodable"])
def test_cli_unreadable_facts_exit_3(tmp_path, data):
    facts = tmp_path / "facts.yaml"
    facts.write_bytes(data)
    result = run_render([facts])
    assert result.exit_code == 3
    assert str(facts) in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------- outline's skeleton

def _fill_blanks(value):
    """The skeleton as a writer fills it: each blank replaced by a number or a clause."""
    import re
    if isinstance(value, dict):
        return {k: _fill_blanks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_blanks(v) for v in value]
    if isinstance(value, str):
        if re.fullmatch(r"【[^】]*】", value.strip()):
            return "全年完成重点任务10项"
        return re.sub(r"【[^】]*】", "10", value)
    return value


def test_outline_skeleton_is_accepted_once_filled(tmp_path):
    pytest.importorskip("writer.outline")
    import yaml

    skeleton = tmp_path / "facts.yaml"
    from typer.testing import CliRunner

    from writer.cli import app
    result = CliRunner().invoke(app, ["outline", "--org", "某县人力资源和社会保障局", "--topic", "人社工作",
                                      "--period", "2024年", "--facts-out", str(skeleton)])
    assert result.exit_code == 0, result.output
    text = skeleton.read_text(encoding="utf-8")
    # Unfilled, the only complaints are blanks, never the skeleton's own keys or shape.
    try:
        parse_facts(text, str(skeleton))
    except ErrorGroup as group:
        kinds = {type(e) for e in group.errors}
        assert kinds <= {FactsPlaceholderError, FactsMissingKeyError, FactsValueError}, str(group)
    filled = yaml.safe_dump(_fill_blanks(yaml.safe_load(text)), allow_unicode=True, sort_keys=False)
    assert "【" not in filled
    facts = parse_facts(filled, str(skeleton))
    assert facts.org == "某县人力资源和社会保障局" and facts.topic == "人社工作"
    assert 2 <= len(facts.sections) <= 8
    skeleton.write_text(filled, encoding="utf-8")
    result = run_render([skeleton, "--seed", "1"])
    assert result.exit_code == 0, result.stderr
    assert facts.sections[0].facts[0] in result.stdout


def test_facts_are_plain_records_that_compare_and_show_as_dataclasses():
    from writer.render import facts_schema
    from writer.render.facts import Facts, SectionFacts, Style

    facts = parse_facts(GOOD, "f.yaml")
    again = parse_facts(GOOD, "f.yaml")
    assert type(facts) is Facts and type(facts.sections[0]) is SectionFacts
    assert facts == again and facts is not again and facts != parse_facts(GOOD, "g.yaml")
    # The same fields as the schema the file is decoded with, in the same order.
    import dataclasses

    assert Facts.__slots__ == tuple(f.name for f in dataclasses.fields(facts_schema.Facts))
    assert SectionFacts.__slots__ == tuple(f.name for f in dataclasses.fields(facts_schema.SectionFacts))
    assert Style.__slots__ == tuple(f.name for f in dataclasses.fields(facts_schema.Style))
    assert repr(Style()) == "Style(heading='single', seed=None)"
    with pytest.raises(TypeError):
        hash(facts)
