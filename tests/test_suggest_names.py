"""`writer suggest --place/--org`: a mined heading that names a source's place or organisation is
offered only in its slot form filled with the user's own, and skipped otherwise."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from writer.cli import app
from writer.compose.names import fill_names, slot_form

runner = CliRunner()

REPORT = """遵义市2021年教育工作综述

2021年，全市教育系统凝心聚力，各项工作取得新成效。

一、推动遵义教育高质量发展

全市新建改扩建学校，教育教学质量稳步提升，群众满意度不断提高。

二、在遵义市委领导下深化教育改革

全市深化教育评价改革，办学活力持续增强，教育公平迈出新步伐。

三、加强教师队伍建设

全市教师队伍素质不断提高，师德师风持续向好。
"""


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    from writer.mining.run import mine

    root = tmp_path_factory.mktemp("names")
    (root / "docs").mkdir()
    (root / "docs" / "a.txt").write_text(REPORT, encoding="utf-8")
    mine([root / "docs"], root / "bank")
    return str(root / "bank")


def _rows(bank: str, *args: str) -> list[dict]:
    res = runner.invoke(app, ["suggest", "教育", "--bank", bank, "--json", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_a_heading_naming_a_source_place_is_skipped_without_place(bank):
    for kind in ("heading", "pair"):
        texts = [r["text"] for r in _rows(bank, "--kind", kind)]
        assert not any("遵义" in t for t in texts), texts
    assert "加强教师队伍建设" in [r["text"] for r in _rows(bank)]  # the heading without a name stays


def test_place_fills_the_gazetteer_place_of_a_mined_heading(bank):
    rows = _rows(bank, "--place", "兰州")
    filled = [r for r in rows if r["text"] == "推动兰州教育高质量发展"]
    assert filled and filled[0]["origin"] == "mined" and filled[0]["from_heading"] == "推动{place}教育高质量发展"
    assert not any("遵义" in json.dumps({k: v for k, v in r.items() if k != "source"}, ensure_ascii=False)
                   for r in rows)
    # an organisation slot needs --org: not filled with the place
    assert not any("领导下深化教育改革" in r["text"] for r in rows)


def test_org_fills_the_organisation_slot(bank):
    texts = [r["text"] for r in _rows(bank, "--place", "兰州", "--org", "兰州市委")]
    assert "在兰州市委领导下深化教育改革" in texts and "推动兰州教育高质量发展" in texts


def test_the_table_says_the_name_was_replaced(bank):
    res = runner.invoke(app, ["suggest", "教育", "--bank", bank, "--place", "兰州"])
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("推动兰州"))
    assert "原文" in line and "--place" in line


@pytest.mark.parametrize("text,names,expected", [
    ("推动遵义高质量发展", {"遵义": "place"}, "推动{place}高质量发展"),
    ("在遵义市委的坚强领导下", {"遵义": "place", "遵义市委": "org"}, "在{org}的坚强领导下"),
    ("应勇同志调研教育工作", {"应勇": "person"}, None),      # no user person to put there
    ("和平区教育提质", {"和平区": "place"}, "{place}教育提质"),
    ("推动和平发展", {"和平": "place"}, None),               # also an ordinary word: no bare slot
    # read on the city bank's slot forms: a county's short form, a two-character or generic full name
    ("大力实施科教兴国战略", {"兴国": "place"}, None),
    ("加强和创新市域社会治理", {"新市": "place"}, None),
    ("推进老城区改造提升", {"老城区": "place"}, None),
    ("深化健康遵义建设", {"遵义": "place"}, "深化健康{place}建设"),
])
def test_slot_form(text, names, expected):
    assert slot_form(text, names) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="遵义市委教育发展推动在的", max_size=20), st.sampled_from(["兰州", "某某县"]))
def test_a_filled_slot_form_holds_the_user_name_not_the_source(text, place):
    names = {"遵义": "place", "遵义市": "place", "遵义市委": "org"}
    slotted = slot_form(text, names)
    assert slotted is not None and "遵义" not in slotted
    filled = fill_names(slotted, place, "兰州市委")
    assert filled is not None and "遵义" not in filled
    assert fill_names(slotted, None, None) is None or "{" not in slotted
