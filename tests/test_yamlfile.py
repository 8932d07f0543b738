"""The one YAML loader: duplicate keys, unknown-key hints, every error of a file at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

import pytest

from writer.errors import ErrorGroup
from writer.io.yamlfile import DataFileError, Length, SchemaProblem, decode, decode_text, load_yaml, parse_yaml


@pytest.mark.parametrize("text,line,col,key", [
    ("a: 1\nb: 2\na: 3\n", 3, 1, "a"),
    ("top:\n  x: 1\n  x: 2\n", 3, 3, "top.x"),
    ("items:\n  - {k: 1, k: 2}\n", 2, 12, "items[0].k"),
    ("rules:\n  - name: r\n    words: [甲]\n  - name: s\n    name: t\n", 5, 5, "rules[1].name"),
])
def test_a_duplicate_key_in_any_mapping_is_an_error(tmp_path, text, line, col, key):
    path = tmp_path / "d.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_yaml(path)
    assert str(err.value) == f"{path}:{line}:{col}: “{key}”：重复的键"


def test_merge_keys_and_equal_values_under_different_keys_are_not_duplicates():
    assert parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", "m.yaml") == \
        {"base": {"x": 1}, "other": {"x": 1, "y": 2}}


@dataclass
class _Item:
    name: str
    words: Annotated[list[str], Length(1, 3, "应有 {low} 到 {high} 个词，现有 {n} 个")]


@dataclass
class _File:
    title: str
    items: list[_Item]
    note: str | None = None
    tags: list[str] = field(default_factory=list)


def test_unknown_key_gets_the_nearest_known_key_or_the_list():
    with pytest.raises(DataFileError) as err:
        decode({"title": "t", "itmes": []}, _File, "f.yaml")
    assert "“itmes”：未知的键；是不是“items”？" in str(err.value)
    with pytest.raises(DataFileError) as err:
        decode({"title": "t", "items": [], "zzz": 1}, _File, "f.yaml")
    assert "未知的键；可用的键：title、items、note、tags" in str(err.value)


def test_collecting_mode_reports_every_problem_in_file_order():
    text = ("title: 7\n"            # wrong type
            "items:\n"
            "  - name: a\n"
            "    words: []\n"      # too few
            "  - words: [x]\n"     # name missing
            "    colour: red\n"    # unknown
            "note:\n"              # empty optional: fine
            "tags: [a]\n"
            "tags: [b]\n")         # duplicate
    with pytest.raises(ErrorGroup) as info:
        decode_text(text, _File, "f.yaml", first_index=1)
    lines = [str(e) for e in info.value.errors]
    assert lines == [
        "f.yaml:1:8: “title”：应为文字，不是数字；若确是文字，请加引号",
        "f.yaml:4:12: “items[1].words”：应有 1 到 3 个词，现有 0 个",
        "f.yaml:5:5: “items[2].name”：缺少必填的键",
        "f.yaml:6:5: “items[2].colour”：未知的键；可用的键：name、words",
        "f.yaml:9:1: “tags”：重复的键",
    ]


class _Bad(DataFileError):
    """A test's error for every kind of problem but a blank."""


class _Blank(DataFileError):
    """A test's error for a blank left unfilled."""


def _no_blank(value: str) -> str:
    if value == "【】":
        raise SchemaProblem("尚未填写", "blank")
    return value


@dataclass
class _One:
    text: Annotated[str, _no_blank]


def test_error_classes_are_chosen_by_kind_and_validators_may_raise_their_own():
    with pytest.raises(ErrorGroup) as info:
        decode_text("text: 【】\n", _One, "o.yaml", {"blank": _Blank, "value": _Bad})
    assert [type(e) for e in info.value.errors] == [_Blank]
    with pytest.raises(ErrorGroup) as info:
        decode_text("text: [1]\nextra: 2\n", _One, "o.yaml", {"blank": _Blank, "value": _Bad})
    assert [type(e) for e in info.value.errors] == [_Bad, _Bad]


def test_a_good_file_decodes():
    got = decode_text("title: t\nitems:\n  - {name: a, words: [x, y]}\n", _File, "f.yaml")
    assert got == _File(title="t", items=[_Item("a", ["x", "y"])])
