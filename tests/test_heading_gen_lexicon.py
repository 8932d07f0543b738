"""The hand-written topic lexicon (writer/data/bank/topic-lexicon.yaml) behind heading generation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from writer.errors import InputError
from writer.bank.errors import LexiconSchemaError, LexiconYamlError
from writer.bank.lexicon import LEXICON_FILE, load_lexicon
from writer.bank.lexicon_notation import parse_phrase

REQUIRED = ["人才", "党建", "教育", "法治", "医保", "生态环境", "就业", "社保", "人社", "统战", "政协",
            "城市建设", "乡村振兴", "工业", "安全生产", "消防", "公安", "卫生健康", "文化旅游", "营商环境",
            "科技创新", "民生", "纪检监察", "组织", "宣传", "应急管理"]


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


@pytest.mark.parametrize("topic", REQUIRED)
def test_every_required_topic_is_covered(lex, topic):
    t = lex.topic(topic)
    assert t.known and t.key == topic
    assert len(t.themes) >= 4 and t.principles
    for theme in t.themes:
        assert theme.facts and all("【】" in f for f in theme.facts), theme.name
        # Each theme can fill both the short (4) and the long (6) noun-phrase slots.
        lengths = {len(np) for np in theme.nouns}
        assert 4 in lengths and 6 in lengths, (topic, theme.name, lengths)
        for np in theme.nouns:
            head = lex.head(np)
            assert head is not None and head.verbs, (topic, np.text)


@pytest.mark.parametrize("typed,key", [
    ("人才工作", "人才"), ("县医保局", "医保"), ("医疗保障", "医保"), ("教育系统", "教育"),
    ("统一战线", "统战"), ("生态", "生态环境"), ("纪委监委", "纪检监察"),
])
def test_topic_resolution(lex, typed, key):
    t = lex.topic(typed)
    assert t.known and t.key == key and t.name == typed


@pytest.mark.parametrize("typed,core", [("档案", "档案"), ("档案工作", "档案"), ("妇联", "妇联")])
def test_unknown_topics_fall_back(lex, typed, core):
    t = lex.topic(typed)
    assert not t.known and t.key == core
    assert t.themes and all(core in th.name or th.name == "党建引领" for th in t.themes)
    assert all("{t}" not in np.text for th in t.themes for np in th.nouns)


def test_adverbs_fit_their_verbs(lex):
    assert "深入" not in lex.adverbs_for("深化")       # not 深入深化
    assert "持续" in lex.adverbs_for("优化")
    assert "纵深" in lex.adverbs_for("推进") and "纵深" not in lex.adverbs_for("提升")


@pytest.mark.parametrize("text,expected", [
    ("人才 发展 环境", [("人才", "N"), ("发展", "N"), ("环境", "N")]),
    ("显著/A 提升/V", [("显著", "A"), ("提升", "V")]),
    ("本土 人才 @培育|用好", [("本土", "N"), ("人才", "N"), ("@", ["培育", "用好"])]),
])
def test_parse_phrase(text, expected):
    assert parse_phrase(text, "N") == expected


@pytest.mark.parametrize("text", ["显著 提升", "人才/X", "@培育"])
def test_parse_phrase_rejects(text):
    with pytest.raises(ValueError):
        parse_phrase(text, None if "显著" in text else "N")


def copy_lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "lex.yaml"
    shutil.copy(LEXICON_FILE, path)
    return path


def test_broken_yaml_names_file_and_line(tmp_path):
    path = copy_lexicon(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40] + " [unclosed"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LexiconYamlError) as err:
        load_lexicon(path)
    assert isinstance(err.value, InputError) and err.value.line is not None
    assert str(err.value).startswith(f"{path}:")


@pytest.mark.parametrize("old,new,key", [
    ("  人才: talent\n", "  人才: nosuchclass\n", "heads.人才"),
    ("nouns: [人才 工作 格局,", "nouns: [人才 工作 无此中心词,", "topics.人才.themes.党管人才.nouns[0]"),
    ("classes:\n", "clases:\n", "clases"),
])
def test_schema_errors_name_the_key_and_line(tmp_path, old, new, key):
    path = copy_lexicon(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconSchemaError) as err:
        load_lexicon(path, use_cache=False)
    assert err.value.key == key and err.value.line is not None


def test_cache_is_rebuilt_when_the_yaml_changes(tmp_path):
    path = copy_lexicon(tmp_path)
    assert load_lexicon(path).topic("人才").known
    import os
    import writer.bank.lexicon as tl
    tl._LOADED.clear()
    text = path.read_text(encoding="utf-8").replace("aliases: [人才工作,", "aliases: [人才事业, 人才工作,", 1)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert load_lexicon(path).topic("人才事业").key == "人才"


@pytest.mark.parametrize("text,local", [
    ("科教兴琼战略", True), ("人才强桂，", True), ("实施人才强桂", True), ("人才强国战略", False), ("兴琼人", False),
])
def test_local_slogans_carry_a_place(lex, text, local):
    assert lex.local_slogan(text) is local


def test_principles_take_the_principle_verbs_unless_they_list_their_own(lex):
    assert all(p.verbs for p in lex.topic("人才").principles)
    assert {"坚持", "突出"} <= {v for p in lex.topic("档案").principles for v in p.verbs}
