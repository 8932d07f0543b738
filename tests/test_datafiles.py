"""writer/io/datafiles.py: the one loader of shipped data files (names relative to writer/data)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from writer.io import datafiles
from writer.io.datafiles import ShippedDataError, load_data, load_word_list, load_word_lists


@pytest.fixture
def data_root(tmp_path, monkeypatch):
    monkeypatch.setattr(datafiles, "DATA_ROOT", tmp_path)
    load_data.cache_clear()
    load_word_lists.cache_clear()
    (tmp_path / "area").mkdir()
    yield tmp_path
    load_data.cache_clear()
    load_word_lists.cache_clear()


def test_word_lists_split_items_at_spaces(data_root):
    (data_root / "area" / "w.yaml").write_text("# header\na:\n  - 甲 乙\n  - 丙\nb: [丁]\n", encoding="utf-8")
    assert load_word_lists("area/w.yaml", ("a", "b")) == {"a": ("甲", "乙", "丙"), "b": ("丁",)}
    assert load_word_list("area/w.yaml", "b", ("a", "b")) == ("丁",)


def test_unknown_top_level_key_is_rejected_with_its_position(data_root):
    (data_root / "area" / "w.yaml").write_text("a: [甲]\ntypo: [乙]\n", encoding="utf-8")
    with pytest.raises(ShippedDataError) as err:
        load_word_list("area/w.yaml", "a")
    assert str(err.value).startswith(f"{data_root / 'area' / 'w.yaml'}:2:")
    assert "“typo”：未知的键" in str(err.value)


def test_missing_key_and_wrong_type(data_root):
    (data_root / "area" / "w.yaml").write_text("a: 甲\n", encoding="utf-8")
    with pytest.raises(ShippedDataError, match="“a”：应为文字列表"):
        load_word_list("area/w.yaml", "a")
    (data_root / "area" / "v.yaml").write_text("a: [甲]\n", encoding="utf-8")
    with pytest.raises(ShippedDataError, match="缺少键“b”"):
        load_word_lists("area/v.yaml", ("a", "b"))


def test_missing_file_and_broken_yaml(data_root):
    with pytest.raises(ShippedDataError, match="数据文件不存在"):
        load_word_list("area/none.yaml", "a")
    (data_root / "area" / "bad.yaml").write_text("a: [甲\n", encoding="utf-8")
    with pytest.raises(ShippedDataError, match=r"bad\.yaml:\d+:\d+: YAML 格式错误"):
        load_word_list("area/bad.yaml", "a")


@dataclass(frozen=True)
class _Schema:
    table: dict[str, str]


def test_schema_files_are_decoded_and_checked(data_root):
    (data_root / "area" / "s.yaml").write_text("table:\n  甲: a\n", encoding="utf-8")
    assert load_data("area/s.yaml", _Schema).table == {"甲": "a"}
    (data_root / "area" / "t.yaml").write_text("table: {}\nother: 1\n", encoding="utf-8")
    with pytest.raises(ShippedDataError, match="t.yaml:2:1: “other”：未知的键；可用的键：table"):
        load_data("area/t.yaml", _Schema)


def test_every_shipped_mining_file_loads():
    from writer.mining import names, segment, slogans

    assert names.name_lists()["places"]
    assert slogans.word_lists()["slogans"]
    assert segment.overrides()
