"""Repairing text damaged by PDF extraction, web scraping and Markdown export.

Cleaning fixes what extraction broke (spaces inserted around numbers, ``and``
for 和, full-width digits, bylines, editorial leftovers) but never converts
Chinese punctuation to ASCII: no NFKC on the text.
"""

from __future__ import annotations

import re

from writer.zh import FULLWIDTH_DIGITS, fold_ascii_punctuation

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation around which a space is always an artefact.
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·"
# What a complete paragraph ends with (a closing quote or bracket may follow).
TERMINAL = "。！？…"
CLOSERS = "”’）)》」』"

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2002\u2003\u2009\u3000]+")
_SPACE_CJK_ALNUM = re.compile(rf"(?<=[{CJK}]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[{CJK}])")
_SPACE_PUNCT = re.compile(rf" (?=[{FULLWIDTH_PUNCT}])|(?<=[{FULLWIDTH_PUNCT}]) ")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=[.%‰])|(?<=\.) (?=\d)")
# A character standing alone before a space and another character (注 释, （四）坚 持统筹): letter-spacing
# of a PDF or a centred heading. A space after a word of two or more (省长 某某, 产业兴旺 群众美) separates.
_LETTER_SPACED = re.compile(rf"(?<![{CJK}])([{CJK}]) (?=[{CJK}])")
_AND = re.compile(rf"(?<=[{CJK}”》）]) ?(?<![A-Za-z])and(?![A-Za-z]) ?(?=[{CJK}“《（])")

# Bylines and editorial leftovers inside paragraphs.
_BYLINE_TAIL = re.compile(
    r"[（(][^（）()]{0,40}(?:通讯员|记者|融媒|报道|供稿|摄影|编辑|来源|撰稿|作者)[^（）()]{0,40}[）)]\s*$")
_BYLINE_SHORT_TAIL = re.compile(rf"[（(][{CJK}]{{2,8}}(?:融媒|日报|晚报|新闻网|网|台|报)[）)]\s*$")
_DATELINE_HEAD = re.compile(
    rf"^[{CJK}A-Za-z]{{0,16}}(?:网|社|报|台|电)?\d{{1,2}}月\d{{1,2}}日(?:电|讯)(?:[（(][^（）()]{{0,40}}[）)])?\s*")
_EDITORIAL = re.compile(r"[（(]?点击图片[^（）()]{0,12}[）)]?|》》点击[^《]{0,20}《《|[（(]图片来源[^（）()]{0,30}[）)]")


_NEEDS_FIXING = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad０-９\t\u00a0\u2002\u2003\u2009\u3000]|  ")


def clean_line(line: str) -> str:
    """One line repaired: spaces, ``and``, full-width digits, and ASCII marks written in Chinese
    (,;:?!() and paired "…", as GB/T 15834 wants them: full-width; 3.5 and 9:30 stay), so
    nothing mined from the line carries them into what writer prints. Full-width marks are never touched."""
    s = line
    # Most lines need none of this: test once, cheaply, before the substitutions
    # (reading a 38 MB corpus runs this on every line).
    if _NEEDS_FIXING.search(s):
        s = _INVISIBLE.sub("", s)
        s = s.translate(FULLWIDTH_DIGITS)
        s = _SPACES.sub(" ", s)
    s = s.strip()
    if not s:
        return s
    if "and" in s:
        s = _AND.sub("和", s)
    if " " in s:
        s = _SPACE_CJK_ALNUM.sub("", s)
        s = _SPACE_PUNCT.sub("", s)
        s = _SPACE_IN_NUMBER.sub("", s)
        s = _LETTER_SPACED.sub(r"\1", s)
    return fold_ascii_punctuation(s)


_BYLINE_HINT = re.compile(r"[（(》]|点击|讯")


def strip_bylines(paragraph: str) -> str:
    """Drop reporters' bylines, datelines and "click the picture" leftovers."""
    if not _BYLINE_HINT.search(paragraph):
        return paragraph.strip()
    s = _EDITORIAL.sub("", paragraph)
    s = _DATELINE_HEAD.sub("", s)
    s = _BYLINE_TAIL.sub("", s)
    s = _BYLINE_SHORT_TAIL.sub("", s)
    return s.strip()


def is_terminated(s: str) -> bool:
    """Whether ``s`` ends as a complete sentence (。！？… optionally closed by ” ） 》)."""
    t = s.rstrip(CLOSERS)
    if not t:
        return False
    if t[-1] in TERMINAL or t[-1] in "!?":
        return True
    # “……”。 handled above; a quotation closing a paragraph (…“压舱石”。) too.
    return False


_MARKDOWN_HINT = re.compile(r"[*_`\\\[#>+]|^\s*-")


def strip_markdown(line: str) -> str:
    """Inline Markdown removed: bold/italic marks, links, images, code ticks, escapes."""
    if not _MARKDOWN_HINT.search(line):
        return line
    s = re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", line)
    s = re.sub(r"\[([^\[\]]*)\]\([^()]*\)", r"\1", s)
    s = s.replace("**", "").replace("__", "")
    s = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)\*(?!\w)", r"\1", s)
    s = s.replace("`", "")
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>|])", r"\1", s)
    s = re.sub(r"^\s{0,3}#{1,6}\s*", "", s)
    s = re.sub(r"^\s{0,3}>\s?", "", s)
    s = re.sub(r"^\s{0,3}[-*+]\s+(?=\S)", "", s)
    if "[" in s:
        s = re.sub(r"(?<=\S)\[\d{1,3}\]", "", s)  # an endnote's reference (“五外联动”[25]): the notes are not kept
    return s
