"""Build writer/data/bank/provinces.tsv: the province each division above the townships lies in.

Source: the division list the JioNLP package ships (``jionlp/dictionary/
china_location.zip``, Apache-2.0), the same file tools/build_gazetteer.py
reads; jionlp itself is never imported:

    pip install --no-deps jionlp==1.5.31 && python tools/build_provinces.py

Each row is ``name  province``: a province, prefecture or county, by its full
name and by the short forms the list gives (大连市/大连 → 辽宁; 北京市 → 北京),
and the province by its short form. A name that lies in two provinces (鼓楼区,
朝阳区) is left out: it does not tell the province. Mining uses the table to
count how many provinces' sources hold a phrase (writer/mining/templates_local.py):
a programme three cities of one province share is that province's, not anyone's.

``--check`` exits 1 when the shipped file differs from what the installed
package gives (tests/test_templates_region.py runs the same comparison).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_gazetteer import _zipped_text, generate, jionlp_dictionary  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "writer" / "data" / "bank" / "provinces.tsv"
COMMAND = "pip install --no-deps jionlp==VERSION && python tools/build_provinces.py"
# Depths of china_location.txt: 0 province, 1 prefecture, 2 county (3 townships, 4 villages: not read).
_DEEPEST = 2


def provinces(text: str) -> list[tuple[str, str]]:
    """(name, province short form) for every division down to the counties; ambiguous names left out."""
    found: dict[str, set[str]] = {}
    province = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > _DEEPEST or not line.strip():
            continue
        fields = line.strip().split("\t")
        shorts = [s for s in fields[2].split("/") if len(s) >= 2] if len(fields) == 3 else []
        if depth == 0:
            province = shorts[0] if shorts else fields[0]
        if "直辖" in fields[0] or "行政区划" in fields[0]:
            continue
        for name in (fields[0], *shorts):
            found.setdefault(name, set()).add(province)
    return sorted((name, next(iter(held))) for name, held in found.items() if len(held) == 1)


def render(version: str, table: list[tuple[str, str]]) -> str:
    head = [
        "# 行政区划所属的省（省、地、县三级的全称与简称 → 省的简称），挖掘时按省数一个提法的分布。",
        f"# 来源：JioNLP {version} 随包数据 jionlp/dictionary/china_location.zip（Apache-2.0 许可）；",
        "# 两省都有的名称（鼓楼区、朝阳区）不列。不要手改，用下面的命令重建：",
        f"# {COMMAND.replace('VERSION', version)}",
        "# 列：名称<TAB>所属省（简称）",
    ]
    return "\n".join(head + ["\t".join(r) for r in table]) + "\n"


def build() -> str:
    """The file's text, from the installed jionlp."""
    folder, version = jionlp_dictionary()
    return render(version, provinces(_zipped_text(folder / "china_location.zip")))


def main(argv: list[str] | None = None) -> int:
    return generate(argv, OUT, build, 5, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
