"""Build writer/data/bank/gazetteer.tsv, China's administrative divisions and their short forms.

Source: the division list that the JioNLP package ships (``jionlp/dictionary/
china_location.zip``: province, prefecture, county with the short form its
maintainers give, and the townships below them), licensed Apache-2.0. Only the
data file is read; jionlp itself is never imported (it needs numpy and more),
so installing it without its dependencies is enough:

    pip install --no-deps jionlp==1.5.31 && python tools/build_gazetteer.py

Each row is ``name  level  use``: level is province, prefecture, county or
township; use is ``full`` (an official name), ``short`` (a short form that
names the place wherever it stands: 遵义, 延边州, 内蒙古) or ``context`` (a
name that is also an ordinary word — 合作, 和平, 公安, 城区 — and names the place
only where the text shows one: followed by a place suffix or an organisation,
or in a list of places). A short form is an ordinary word when jieba's
dictionary gives it a part of speech other than a noun or name (合作/vn,
比如/v, 平安/a, 南部/f) and its corpus uses it at least RARE_VERB times
(遵义, tagged v, is used 179 times: a name); when it is a common noun (jieba
tag n) that JioNLP's word dictionary (a general dictionary of Chinese words)
defines (公安, 港口, 同心, 会同; 孝感 and 合肥 too, which then count as places
bare only in the documents whose title names them); or when writer's own
list of words that are not names (data/mining/names.yaml) holds it, alone
or with a place suffix (示范区). Short forms of one character and the short
forms of townships are left out (too many are ordinary words; a township is
found by its full name, which the segmenter may cut as 南翔/镇), and so are
generic full names (城区, 社区) and the farms and parks listed among the
townships. The same name at several places keeps its strongest use and
highest level.

``--check`` exits 1 when the shipped file differs from what the installed
package gives (tests/test_gazetteer.py runs the same comparison).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "writer" / "data" / "bank" / "gazetteer.tsv"
COMMAND = "pip install --no-deps jionlp==VERSION && python tools/build_gazetteer.py"

LEVELS = ("province", "prefecture", "county", "township")
USES = ("full", "short", "context")
# jieba tags of a word that may be a name; any other tag makes a short form an ordinary word.
NAME_TAGS = frozenset({None, "n", "nr", "nrt", "nrfg", "ns", "nz", "nt"})
# jieba's dictionary tags some cities as verbs (遵义/v): a non-noun this rare in jieba's corpus is a name.
RARE_VERB = 200
TOWNSHIPS = ("镇", "乡", "街道", "苏木")
# Suffixes whose short form + one character is a form in use (延边州, 肃南县, 阿拉善旗).
ABBREVIATED_SUFFIXES = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


def jionlp_dictionary() -> tuple[Path, str]:
    """The folder of jionlp's data files and the installed version (jionlp is not imported)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp 未安装：pip install --no-deps jionlp")
    folder = Path(list(spec.submodule_search_locations)[0]) / "dictionary"
    return folder, importlib.metadata.version("jionlp")


def _zipped_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".txt"))
        return zf.read(name).decode("utf-8")


def divisions(text: str) -> list[tuple[str, str, list[str]]]:
    """(full name, level, short forms) for every line of china_location.txt above the villages."""
    out = []
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue
        fields = line.strip().split("\t")
        full = fields[0]
        shorts = fields[2].split("/") if depth < 3 and len(fields) == 3 else []
        out.append((full, LEVELS[depth], shorts))
    return out


def _short_forms(full: str, level: str, given: list[str]) -> list[str]:
    """The short forms of one division: the package's, and stem + 州/县/旗 for autonomous ones."""
    if level == "township":
        return []
    # A short form keeps the name's head (延边 of 延边朝鲜族自治州); the list's placeholders
    # (市直辖行政区划) and the development zones' generic ones (示范区, 产业园) name nothing.
    if "直辖" in full or "行政区划" in full:
        return []
    forms = [s for s in given if s and s != full and s[0] == full[0]]
    for suffix, short_suffix in ABBREVIATED_SUFFIXES.items():
        if full.endswith(suffix):
            forms += [s + short_suffix for s in given if s and not s.endswith(short_suffix)]
    return [f for f in dict.fromkeys(forms) if len(f) >= 2]


class OrdinaryWords:
    """Whether a word is an ordinary word of Chinese (jieba's tag, JioNLP's dictionary, writer's list)."""

    def __init__(self, dictionary: Path):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        self.tags = jieba.posseg.dt.word_tag_tab
        self.freq = jieba.dt.FREQ
        words = _zipped_text(dictionary / "chinese_word_dictionary.zip")
        self.defined = {line.split("\t", 1)[0] for line in words.splitlines() if line}
        sys.path.insert(0, str(ROOT))
        from writer.mining.names import name_lists

        lists = name_lists()
        self.not_names = set(lists["not_names"]) | set(lists["generic_stems"])

    def __contains__(self, word: str) -> bool:
        if word in self.not_names or word[:-1] in self.not_names and word[-1] in "省市州县区":
            return True  # 示范区: a generic stem and a suffix
        tag, freq = self.tags.get(word), self.freq.get(word, 0)
        if tag not in NAME_TAGS:  # a verb, adjective, locative…, unless jieba's corpus rarely uses it so
            return freq >= RARE_VERB
        return tag == "n" and word in self.defined


def rows(entries: list[tuple[str, str, list[str]]], ordinary: OrdinaryWords) -> list[tuple[str, str, str]]:
    """name → (level, use), the strongest use and highest level where a name recurs."""
    best: dict[str, tuple[int, int]] = {}

    def add(name: str, level: str, use: str) -> None:
        rank = (USES.index(use), LEVELS.index(level))
        if name not in best or rank < best[name]:
            best[name] = rank

    for full, level, shorts in entries:
        # A generic full name (城区, 郊区, 社区) names nothing; a township is a 镇, 乡, 街道 or 苏木
        # (not the farms and parks the list also holds at that level).
        if len(full) < 2 or full in ordinary.not_names or "行政区划" in full or (level == "township" and not any(
                full.endswith(t) and len(full) > len(t) for t in TOWNSHIPS)):
            continue
        add(full, level, "full")
        for short in _short_forms(full, level, shorts):
            add(short, level, "context" if short in ordinary else "short")
    return sorted((name, LEVELS[lv], USES[use]) for name, (use, lv) in best.items())


def render(version: str, table: list[tuple[str, str, str]]) -> str:
    import jieba

    head = [
        "# 中国行政区划地名表（省、地、县三级及其简称，乡镇街道全称），writer 用来识别来源文档的地名。",
        f"# 来源：JioNLP {version} 随包数据 jionlp/dictionary/china_location.zip（Apache-2.0 许可）；",
        f"# 常用词判断用 jieba {jieba.__version__} 词典与 JioNLP 词语词典。不要手改，用下面的命令重建：",
        f"# {COMMAND.replace('VERSION', version)}",
        "# 列：名称<TAB>级别（province/prefecture/county/township）<TAB>用法（full 全称 / short 简称 /",
        "# context 也是常用词，只在后接地名尾字或机构名、或在地名并列中才算地名）",
    ]
    return "\n".join(head + ["\t".join(r) for r in table]) + "\n"


def build() -> str:
    """The gazetteer file's text, from the installed jionlp."""
    folder, version = jionlp_dictionary()
    table = rows(divisions(_zipped_text(folder / "china_location.zip")), OrdinaryWords(folder))
    return render(version, table)


def generate(argv: list[str] | None, out: Path, build_text, header_lines: int, description: str) -> int:
    """The command line of a generated data file: write ``build_text()`` to ``out``, or with
    ``--check`` only say whether ``out`` is current (exit 1 when not). Shared with build_provinces."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="只比较，不写入")
    args = parser.parse_args(argv)
    text = build_text()
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        print(f"{out.name} 与 jionlp 一致" if current == text else f"{out.name} 需要重建")
        return 0 if current == text else 1
    out.write_bytes(text.encode("utf-8"))
    print(f"已写入 {out.relative_to(ROOT)}：{text.count(chr(10)) - header_lines} 行")
    return 0


def main(argv: list[str] | None = None) -> int:
    return generate(argv, OUT, build, 6, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
