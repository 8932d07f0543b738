"""A small phrase bank and facts files for the render tests (imported by tests/test_render*.py).

The bank follows docs/bank-format.md with a few documents whose text holds
source names, numbers and Chinese quotes, so the tests can check that none
of those leak into a draft.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

SOURCE_NAMES = ["肃南", "德宏州", "王荣文", "永州", "平川区"]

DOCUMENTS = [
    {
        "id": "d1", "source": "seed.txt", "title": "“十三五”肃南人社工作综述", "year": 2021,
        "lead": ["“十三五”期间，肃南县人社工作以习近平新时代中国特色社会主义思想为指导，紧紧围绕民生为本、人才优先的工作主线，各项工作取得新成效。"],
        "sections": [
            {"heading": "就业创业实现稳中向好", "paragraphs": [
                "坚持把创新创业作为破解就业难题的重要举措，精心实施就业创业各项计划。城镇新增就业3976人，城镇登记失业率稳控在3%以内。",
                "坚持就业优先，稳住就业基本盘。强化技能培训，拓宽就业渠道。就业创业工作取得的成就，成为民生改善的坚实基础，垒实了社会稳定的“压舱石”。",
                "坚持就业优先，推进创业带动。强化技能培训，推进稳岗扩岗。稳住就业基本盘，拓宽创业渠道。",
            ]},
            {"heading": "社会保障水平显著提高", "paragraphs": [
                "实施全民参保计划，社会保险基金收支规模持续扩大，待遇水平稳步提高。全面落实“放管服”改革要求，提升经办服务效能。",
                "坚持应保尽保，守牢民生底线。坚持精准施策，推进扩面提质。",
            ]},
        ],
        "closing": ["回顾过去，我们砥砺前行；展望未来，我们信心百倍。王荣文表示，肃南人社将再接再厉。"],
    },
    {
        "id": "d2", "source": "seed.txt", "title": "五年来永州统一战线工作综述", "year": 2021,
        "lead": ["五年来，永州市统一战线坚持“两个维护”，深化“放管服”改革，凝心聚力、守正创新。"],
        "sections": [
            {"heading": "坚持党建引领", "paragraphs": [
                "坚持党建引领，筑牢政治忠诚。坚持溯源治本，推进便民利企。强化责任担当，推进工作落实。",
                "坚持“两个维护”，增强“四个意识”。坚持实事求是，推进建章立制。",
                "平川区坚持推进城乡基础设施建设，绿化面积大，空气又好。",
            ]},
        ],
        "closing": ["乘风破浪潮头立，扬帆起航正当时。站在新的历史起点上，全市统一战线将继续凝心聚力、守正创新。"],
    },
]

APHORISMS = [
    {"text": "就业是最大的民生。", "heading": "就业创业实现稳中向好"},
    {"text": "思想决定行动，方向关乎全局。", "heading": "坚持党建引领"},
    {"text": "社会保障是民生安全网。", "heading": "社会保障水平显著提高"},
    # Bad records a real miner should not produce; render must still refuse them.
    {"text": "肃南就业是头等大事。", "heading": "就业"},
    {"text": "三年来就业稳中有进。", "heading": "就业"},
]

CLOSINGS = [
    {"text": "站在新的历史起点上，全市统一战线将继续凝心聚力、守正创新，为建设现代化新永州贡献力量。",
     "template": "站在新的历史起点上，全{place}统一战线将继续凝心聚力、守正创新，为建设现代化新{place}贡献力量。"},
    {"text": "回顾2021，我们辛勤耕耘；展望2022，我们信心满怀。迈上新征程，肃南人社将继续奋楫扬帆，完成12项重点任务，奋力谱写人社工作新篇章。",
     "template": "回顾{year}，我们辛勤耕耘；展望{next_year}，我们信心满怀。迈上新征程，{org_short}将继续奋楫扬帆，完成{num}项重点任务，奋力谱写{topic}新篇章。"},
    {"text": "征程万里风正劲，重任千钧再出发。永州人社将以更加昂扬的姿态，推动人社工作再上新台阶。",
     "template": "征程万里风正劲，重任千钧再出发。{org}将以更加昂扬的姿态，推动{topic}再上新台阶。"},
]


def make_bank(root: Path, aphorisms=None, closings=None, documents=None, names=None) -> Path:
    """Write a minimal valid bank folder under ``root`` and return its path."""
    bank = root / "bank"
    bank.mkdir(parents=True, exist_ok=True)

    def dump(name: str, data) -> None:
        text = "# 本文件由 writer mine 生成，请勿手工修改；个人增删请写在 custom.yaml。\n"
        text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        (bank / name).write_text(text, encoding="utf-8")

    docs = DOCUMENTS if documents is None else documents
    with open(bank / "documents.jsonl", "w", encoding="utf-8") as fh:
        for doc in docs:
            full = {"subtitle": None, "date": None, **doc}
            full["sections"] = [{"subheading": None, "subsections": [], **s} for s in doc["sections"]]
            fh.write(json.dumps(full, ensure_ascii=False) + "\n")
    dump("manifest.yaml", {"writer_version": "0.1.0", "command": "writer mine test",
                           "sources": [{"id": d["id"], "file": d["source"], "title": d["title"],
                                        "year": d["year"]} for d in docs],
                           "counts": {}})
    dump("slogans.yaml", {"slogans": [{"text": "凝心聚力", "kind": "slogan", "count": 3, "docs": 2}]})
    dump("headings.yaml", {"headings": [], "groups": {}})
    dump("openings.yaml", {"openings": []})
    dump("closings.yaml", {"closings": CLOSINGS if closings is None else closings})
    dump("aphorisms.yaml", {"aphorisms": APHORISMS if aphorisms is None else aphorisms})
    dump("topics.yaml", {"topics": {"就业": ["创业", "稳岗"]},
                         "vocab": {"就业": {"pos": "vn", "count": 9}, "创业": {"pos": "vn", "count": 5},
                                   "社会": {"pos": "n", "count": 4}, "保障": {"pos": "vn", "count": 6}}})
    dump("names.yaml", {"names": [{"text": n, "kind": "place", "docs": ["d1"]}
                                  for n in (SOURCE_NAMES if names is None else names)]})
    return bank


FACTS = {
    "org": "某县人力资源和社会保障局",
    "org_short": "县人社局",
    "topic": "人社工作",
    "period": "2024年",
    "year": 2024,
    "guiding": "习近平新时代中国特色社会主义思想",
    "overview": ["全县城镇新增就业1260人"],
    "sections": [
        {"theme": "就业创业", "heading": "稳就业 保民生 就业局势总体稳定",
         "facts": ["全年城镇新增就业1260人", "城镇登记失业率控制在3.2%以内", "发放创业担保贷款2350万元"]},
        {"theme": "社会保障", "facts": ["城乡居民养老保险参保人数达到15.8万人", "发放社会保险待遇3.2亿元"]},
        {"theme": "劳动关系", "facts": ["劳动合同签订率达到96.5%"]},
    ],
    "outlook": {"next_year": 2025, "goals": ["城镇新增就业1300人以上"]},
}


def write_facts(path: Path, facts: dict | None = None, encoding: str = "utf-8") -> Path:
    path.write_text(yaml.safe_dump(facts or FACTS, allow_unicode=True, sort_keys=False),
                    encoding=encoding)
    return path


def run_render(args: list[str]):
    """``writer render ARGS`` through CliRunner."""
    from typer.testing import CliRunner

    from writer.cli import app

    return CliRunner().invoke(app, ["render", *map(str, args)])


@pytest.fixture
def bank_dir(tmp_path) -> Path:
    return make_bank(tmp_path)


def test_fixture_bank_loads(bank_dir):
    from writer.bank.store import load_bank

    bank = load_bank(bank_dir).load_all()
    assert bank.source_names() == set(SOURCE_NAMES)
    assert len(bank.documents()) == len(DOCUMENTS)
