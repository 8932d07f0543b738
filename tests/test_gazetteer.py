"""The gazetteer (writer/data/bank/gazetteer.tsv): generated from JioNLP's division list, current, loaded fast."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from writer.bank.gazetteer import GAZETTEER_FILE, load_gazetteer, parse_gazetteer
from writer.io.datafiles import data_path

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_file_is_what_the_generator_writes_from_the_installed_package():
    if importlib.util.find_spec("jionlp") is None:
        pytest.skip("jionlp 未安装（pip install --no-deps jionlp）")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_gazetteer
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shipped = data_path(GAZETTEER_FILE).read_text(encoding="utf-8")
    assert build_gazetteer.build() == shipped, "运行 python tools/build_gazetteer.py 重建地名表"


def test_header_names_source_version_licence_and_command():
    head = [line for line in data_path(GAZETTEER_FILE).read_text(encoding="utf-8").splitlines()[:8]
            if line.startswith("#")]
    text = "\n".join(head)
    for needed in ("JioNLP", "Apache-2.0", "python tools/build_gazetteer.py", "pip install --no-deps jionlp=="):
        assert needed in text


@pytest.mark.parametrize("name", [
    "遵义市", "遵义", "延边朝鲜族自治州", "延边州", "延边", "西双版纳傣族自治州", "西双版纳州",
    "内蒙古自治区", "内蒙古", "广西壮族自治区", "广西", "肃南裕固族自治县", "肃南县", "肃南", "七台河市",
    "南翔镇",
])
def test_divisions_and_short_forms_name_places_anywhere(name):
    assert name in load_gazetteer().free


@pytest.mark.parametrize("word", ["合作", "和平", "公安", "比如", "南部", "复兴"])
def test_short_forms_that_are_ordinary_words_need_context(word):
    gaz = load_gazetteer()
    assert word in gaz.context and word not in gaz.free


@pytest.mark.parametrize("word", ["城区", "社区", "街道", "示范区", "产业园", "市直辖", "中国", "人民"])
def test_generic_words_are_not_names(word):
    assert word not in load_gazetteer().free


def test_every_level_is_there_and_every_row_is_well_formed():
    text = data_path(GAZETTEER_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert all(len(r) == 3 and r[1] in ("province", "prefecture", "county", "township")
               and r[2] in ("full", "short", "context") for r in rows)
    levels = {r[1] for r in rows}
    assert levels == {"province", "prefecture", "county", "township"}
    assert len({r[0] for r in rows}) == len(rows)  # one row a name


def test_parse_splits_free_and_context():
    free, context, major = parse_gazetteer(
        "# 注释\n遵义\tprefecture\tshort\n合作\tcounty\tcontext\n遵义市\tprefecture\tfull\n南翔镇\ttownship\tfull\n")
    assert free == ["遵义", "遵义市", "南翔镇"] and context == ["合作"] and major == ["遵义", "遵义市"]
