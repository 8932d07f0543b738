"""Page furniture: the lines of a scraped page that are not the document (toolbars, navigation, captions, footers).

Which lines count is partly pattern (dates, sources, captions) and partly a
list of the labels web pages use, kept in data/corpus/chrome.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CHROME_LISTS = ("corpus/chrome.yaml", ("toolbar", "nav", "tail_marks", "page_tools", "official_titles"))

DATE_LINE = re.compile(
    r"^(?:(?:发表|发布)?时间[:：]\s*)?(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?(?:\s*\d{1,2}(?::|时)\d{1,2}(?:(?::|分)\d{0,2}秒?)?)?$")
EMPTY_DATE_LABEL = re.compile(r"^(?:发表|发布)?时间[:：]$")
# Where the text came from (来源：新华网): a line of the header, or of the footer when short.
SOURCE_LINE = re.compile(r"^(?:来源|来源于|稿源)[:：]\s*(.*)$")
_CAPTION = re.compile(r"(?:记者|摄影|通讯员).{0,20}摄\s*$|摄\s*$|^图[:：]|^(?:图为|上图|下图)")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


@dataclass(frozen=True)
class _Chrome:
    toolbar: frozenset[str]
    nav: re.Pattern
    tail_mark: re.Pattern
    official_byline: re.Pattern


@lru_cache(maxsize=1)
def _chrome() -> _Chrome:
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists(*_CHROME_LISTS)
    nav = re.compile(rf"^(?:.{{0,12}}要闻|{_words(lists['nav'])}|.{{0,10}}频道|阅读量[:：]?\s*\d*|浏览次数.*|\d+)$")
    tail_mark = re.compile(
        rf"^(?:附件\s*\d*[:：]?$|附[:：]|附表\s*\d*$|{_words(lists['tail_marks'])})[:：>》]*"
        rf"|^(?:{_words(lists['page_tools'])})"
        r"|^[（(]来源[:：][^（）()]{1,20}[）)]$"
        r"|^(?:\d{1,3}[.．、]|［\d{1,3}］|\[\d{1,3}\]|【\d{1,3}】)[^。，]{1,30}[：:]$")
    official_byline = re.compile(
        rf"^(?:[\u4e00-\u9fff（）]{{0,24}}?(?:{_words(lists['official_titles'])}))"
        r"\s?[\u4e00-\u9fff·]{1,3}(?:\s?[\u4e00-\u9fff·]{1,6})?$")
    return _Chrome(frozenset(lists["toolbar"]), nav, tail_mark, official_byline)


def is_boilerplate(s: str) -> bool:
    """A toolbar label, a navigation line, a photo caption or an empty date label."""
    chrome = _chrome()
    return (s in chrome.toolbar or bool(chrome.nav.match(s)) or bool(_CAPTION.search(s) and len(s) < 60)
            or bool(EMPTY_DATE_LABEL.match(s)))


def is_official_byline(s: str) -> bool:
    """A line naming the official who gives the report (××省长 张三)."""
    return bool(_chrome().official_byline.match(s))


def is_tail_mark(s: str) -> bool:
    """A line where the page's footer begins (相关报道：, 责任编辑, 扫一扫…): it and what follows are not the document."""
    return bool(_chrome().tail_mark.match(s))
