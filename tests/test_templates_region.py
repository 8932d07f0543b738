"""One region's words in openings and closings: sources counted by province (data/bank/provinces.tsv),
and the corpus's landmarks and words taken for places kept out of the slots (mining/places.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from writer.corpus.document import Document

ROOT = Path(__file__).resolve().parents[1]

NORTH_EAST = ("沈阳市", "大连市", "长春市", "哈尔滨市")  # three provinces: 辽宁, 吉林, 黑龙江
ELSEWHERE = ("南京市", "杭州市", "广州市", "成都市", "武汉市", "长沙市", "西安市", "郑州市")


def test_shipped_provinces_file_is_what_the_generator_writes():
    if importlib.util.find_spec("jionlp") is None:
        pytest.skip("jionlp is not installed (pip install --no-deps jionlp)")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_provinces.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name,province", [
    ("大连市", "辽宁"), ("大连", "辽宁"), ("北京市", "北京"), ("延边朝鲜族自治州", "吉林"),
    ("辽宁省", "辽宁"), ("内蒙古", "内蒙古"), ("遵义", "贵州"),
    ("鼓楼区", None),   # in several provinces: it tells none
    ("滨湖名城", None),  # no division
])
def test_province_of_a_division(name, province):
    from writer.bank.gazetteer import province_of

    assert province_of(name) == province


def test_a_source_is_counted_by_its_folders_province():
    from writer.mining.templates_local import source_regions

    got = source_regions(["city/大连市", "city/沈阳市", "city/杭州市", "my/2019"])
    assert got == {"city/大连市": "辽宁", "city/沈阳市": "辽宁", "city/杭州市": "浙江", "my/2019": "my/2019"}


def _corpus(heavy: tuple[str, ...], phrase: str, late_everywhere: str = "") -> tuple[list[Document], list[str]]:
    """Twelve cities' reports of 2020–2023: the ``heavy`` cities write ``phrase`` every year, every
    city writes ``late_everywhere`` in 2023 only (a national term taken up late)."""
    docs, sources = [], []
    for city in NORTH_EAST + ELSEWHERE:
        source = f"city/{city}"
        for year in (2020, 2021, 2022, 2023):
            body = ["全市上下坚持稳中求进，经济运行总体平稳，民生持续改善。"]
            if city in heavy:
                body.append(f"我们奋力推进{phrase}，各项工作取得新进展。")
            if year == 2023 and late_everywhere:
                body.append(f"我们推进{late_everywhere}。")
            docs.append(Document(id=f"{source}/{year}", source=f"{source}/{year}.md", title="政府工作报告",
                                 year=year, lead=body))
            sources.append(source)
    return docs, sources


def _local(docs, sources, phrase, holders):
    from writer.mining.templates_local import local_words

    by_doc = {d: {phrase} if sources[d].split("/")[1] in holders else {"稳中求进"} for d in range(len(docs))}
    return local_words(docs, sources, by_doc)


def test_a_programme_four_cities_of_one_region_share_is_each_ones_own():
    # four cities in three provinces write it every year; every other city names it once, in the
    # last year (乡村全面振兴 of 2023): counted by city it is five places' and more, by province one region's
    docs, sources = _corpus(NORTH_EAST, "全面振兴", late_everywhere="乡村全面振兴")
    got = _local(docs, sources, "全面振兴", NORTH_EAST)
    assert got == {f"city/{c}": frozenset({"全面振兴"}) for c in NORTH_EAST}


def test_a_phrase_cities_of_many_provinces_write_is_no_ones():
    # the four north-eastern cities and four more provinces' cities write it every year
    heavy = NORTH_EAST + ELSEWHERE[:4]
    docs, sources = _corpus(heavy, "营商环境", late_everywhere="营商环境")
    assert _local(docs, sources, "营商环境", NORTH_EAST) == {}


def test_a_quoted_term_the_cities_of_one_region_quote_places_a_text():
    from writer.mining.templates_local import local_quotes

    docs, sources = _corpus(NORTH_EAST, "“振兴东北”", late_everywhere="“六稳”")
    quoted = local_quotes(docs)
    assert "振兴东北" in quoted and "六稳" not in quoted


def test_landmarks_and_words_taken_for_places_are_no_slots():
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.names import ORG, PLACE
    from writer.mining.passages import replace_names
    from writer.mining.places import dictionary_places

    kinds = {"百川": PLACE, "珠江": PLACE, "大连": PLACE, "一人公司": ORG, "滨湖名城": PLACE}
    found = dictionary_places(kinds, load_gazetteer())
    assert found == {"百川", "珠江"}  # 大连 is the gazetteer's, 滨湖名城 no dictionary word
    slots = {"百川": "{place}", "大连": "{place}"}
    assert replace_names("形成百川汇海的强大合力", slots, context_only=found) == "形成百川汇海的强大合力"
    assert replace_names("大连全面振兴", slots, context_only=found) == "{place}全面振兴"
