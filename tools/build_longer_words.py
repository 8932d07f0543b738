"""Build writer/data/check/wordlists/longer-words.yaml: the words a set phrase's end runs into.

A four-character set phrase often ends in a word that a nominalising suffix
turns into a longer word: 群众满意 + 度 is 群众/满意度 (a measure, not the
slogan), 增强使命 + 感, 保持稳定 + 性. The cliche and slogan-density rules
do not count a phrase whose last characters begin such a word.

Source: jieba's dictionary (``jieba/dict.txt``, MIT licence), read as a text
file. An entry is listed when it is three characters long, ends in one of
SUFFIXES, is tagged as a noun, and its first two characters are a jieba word
that ends a four-character set phrase: an idiom of jieba's dictionary (tag
``i`` or ``l``) or a slogan of writer's shipped lists
(data/mining/slogans.yaml, data/check/wordlists/slogans.yaml). Limiting the
heads to phrase endings keeps the list to the words a slogan can run into.

    python tools/build_longer_words.py          # writes the file
    python tools/build_longer_words.py --check  # exits 1 when the shipped file differs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "writer" / "data" / "check" / "wordlists" / "longer-words.yaml"
SUFFIXES = "度率感性"

HEADER = """\
# 长词：四字格的末尾接上后缀构成的名词（满意+度、使命+感、稳定+性）。
# “群众满意度”里的“群众满意”不是口号，是“群众/满意度”：cliche 与 slogan-density
# 规则不把末尾落在这样一个词里的口号算作作者的套话。
# 由 tools/build_longer_words.py 从 jieba 词典生成（不要手改）：三字名词，以“{suffixes}”结尾，
# 前两字是某个四字格（jieba 的成语、习用语，或随包口号表里的口号）的后两字。
# 用户可在 .writer.yaml 的 extra 中以同名词表（list: longer-words）扩充。
list: longer-words
kind: phrases
description: 四字格末尾可接成的三字名词（满意度、使命感）
source: 由 tools/build_longer_words.py 从 jieba 词典（dict.txt）生成
entries:
"""


def _dictionary() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from writer.check.idioms import jieba_dictionary

    tags: dict[str, str] = {}
    with open(jieba_dictionary(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    return tags


def _shipped_slogans() -> set[str]:
    import yaml

    mining = yaml.safe_load((ROOT / "writer/data/mining/slogans.yaml").read_text(encoding="utf-8"))
    check = yaml.safe_load((ROOT / "writer/data/check/wordlists/slogans.yaml").read_text(encoding="utf-8"))
    out = {w for item in mining["slogans"] for w in item.split()}
    return out | {w for w in check["entries"] if isinstance(w, str)}


def longer_words() -> list[str]:
    """The list's entries, sorted."""
    tags = _dictionary()
    phrases = {w for w, t in tags.items() if len(w) == 4 and t in ("i", "l")} | _shipped_slogans()
    heads = {p[2:] for p in phrases if len(p) == 4 and p[2:] in tags}
    return sorted(w for w, t in tags.items()
                  if len(w) == 3 and w[2] in SUFFIXES and w[:2] in heads and t.startswith("n"))


def render() -> str:
    return HEADER.format(suffixes="、".join(SUFFIXES)) + "".join(f"  - {w}\n" for w in longer_words())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    text = render()
    if parser.parse_args().check:
        return 0 if TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
