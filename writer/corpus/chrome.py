"""Page furniture: the lines of a scraped page that are not the document (toolbars, navigation, captions, footers).

Which lines count is partly pattern (dates, sources, captions) and partly a
list of the labels web pages use, kept in data/corpus/chrome.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_CHROME_LISTS = ("corpus/chrome.yaml", ("toolbar", "nav", "tail_marks", "page_tools", "official_titles", "meta_labels",
                                        "portal_endings", "essay_site_phrases", "glossary_terms", "glossary_notes",
                                        "appendix_words", "abridgement_words", "editor_notes"))
# The separators of a navigation path (首页 > 政务公开 > 正文), read as one.
_NAV_SEPARATORS = str.maketrans({"＞": ">", "»": ">", "›": ">"})
_NUMERAL_ONLY = re.compile(r"^[（(][一二三四五六七八九十\d]{1,3}[）)]$")

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
    meta_line: re.Pattern
    portal: re.Pattern
    essay_site: re.Pattern
    glossary: re.Pattern
    abridgement: re.Pattern


@lru_cache(maxsize=1)
def _chrome() -> _Chrome:
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists(*_CHROME_LISTS)
    nav = re.compile(rf"^(?:.{{0,12}}要闻|{_words(lists['nav'])}|.{{0,10}}频道|阅读量[:：]?\s*\d*|浏览次数.*|\d+)$")
    tail_mark = re.compile(
        rf"^(?:(?:文档|相关|下载)?附件\s*\d*[:：]?$|附[:：]|附表\s*\d*$|{_words(lists['tail_marks'])})[:：>》]*"
        rf"|^(?:{_words(lists['page_tools'])})"
        r"|^[（(]来源[:：][^（）()]{1,20}[）)]$"
        # a link to an attached file (2014年政府工作报告.doc): the page's attachments
        r"|^[^，。；：:\s]{1,60}\.(?:docx?|pdf|wps|xlsx?|zip|rar)$"
        r"|^(?:\d{1,3}[.．、]|［\d{1,3}］|\[\d{1,3}\]|【\d{1,3}】)[^。，]{1,30}[：:]$"
        # the first endnote, its term and explanation on one line ([1] 四下基层：宣传…下基层…): the notes begin
        r"|^(?:［1］|\[1\]|【1】)\s?[^。，；：:]{1,30}[：:]\S"
        # a print colophon (市十五届人大三次会议秘书处 2014年1月6日印): the printed copy ends
        r"|^[^，。；！？]{2,40}?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日印(?:发|制)?$")
    official_byline = re.compile(
        rf"^(?:[\u4e00-\u9fff（）]{{0,24}}?(?:{_words(lists['official_titles'])}))"
        r"\s?[\u4e00-\u9fff·]{1,3}(?:\s?[\u4e00-\u9fff·]{1,6})?$")
    return _Chrome(frozenset(lists["toolbar"]), nav, tail_mark, official_byline, *_form_patterns(lists))


def _form_patterns(lists: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, ...]:
    """The chrome recognised by its form: labelled metadata, portal names, essay-site lines, appendices, cuts."""
    meta_line = re.compile(rf"^[【\[（(]?(?:{_words(lists['meta_labels'])})\s*[:：]")
    portal = re.compile(rf"(?:{_words(lists['portal_endings'])})$")
    essay_site = re.compile(_words(lists["essay_site_phrases"]))
    labelled = r"^[\[【]?(?:[^，。；]{0,6}[:：])?"
    prefix = labelled + r"(?:《[^《》]{1,30}》|[^，。；：:]{0,8}?)(?:附[:：]?)?(?:部分|有关|相关|主要|若干)?"
    notes = _words(lists["glossary_notes"])
    glossary = re.compile(
        rf"{prefix}(?:{_words(lists['glossary_terms'])}){{1,2}}的?(?:{notes})(?:和(?:{notes}))?(?:[（(][^（）()]{{0,24}}[）)])?[:：\]】]?$"
        rf"|{labelled}(?:《[^《》]{{1,30}}》)?(?:{_words(lists['appendix_words'])})[一二三四五六七八九十\d]{{0,3}}(?:[:：].{{0,30}})?$"
        r"|^关于[^，。；]{1,60}的说明$")
    abridgement = re.compile(rf"[（(](?:本文|原文|以下|此处)?(?:{_words(lists['abridgement_words'])})[）)]$")
    return meta_line, portal, essay_site, glossary, abridgement


def is_boilerplate(s: str) -> bool:
    """A line of page furniture: toolbar, navigation, caption, labelled metadata, view count, a cut marker."""
    chrome = _chrome()
    return (s in chrome.toolbar or bool(chrome.nav.match(s)) or bool(_CAPTION.search(s) and len(s) < 60)
            or bool(EMPTY_DATE_LABEL.match(s)) or (_has_nav_mark(s) and _is_nav_path(s))
            or (len(s) <= 100 and ("：" in s[:12] or ":" in s[:12]) and "。" not in s and bool(chrome.meta_line.match(s)))
            or bool(chrome.abridgement.fullmatch(s) if s.startswith(("（", "(")) else False)
            or _is_parenthetical_note(s))


def _has_nav_mark(s: str) -> bool:
    return ">" in s or "＞" in s or "»" in s or "›" in s


def _is_nav_path(s: str) -> bool:
    """Short items joined by >: three or more, or one and 正文 (the page itself)."""
    items = [item.strip() for item in s.translate(_NAV_SEPARATORS).split(">")]
    if items and not items[-1]:
        items.pop()  # a trailing >
    if not all(1 <= len(item) <= 20 for item in items[1:]) or len(items[0]) > 20:
        return False
    return 3 <= len(items) <= 10 or (len(items) == 2 and items[1] == "正文")


def _is_parenthetical_note(s: str) -> bool:
    """A line that is only a short bracketed note (（市政府办公厅 年鉴处）), not a number or a date."""
    return len(s) <= 30 and s[0] in "（(" and s[-1] in "）)" and not re.search(r"[。，；（(]", s[1:-1]) \
        and not _NUMERAL_ONLY.match(s) and not re.search(r"\d{4}|年.{0,3}月", s)


def is_portal_name(s: str) -> bool:
    """A site's or channel's name standing where a title would (某市人民政府门户网站)."""
    return bool(_chrome().portal.search(s))


def strip_portal_suffix(title: str) -> str:
    """A page title without the site's name after _ | - (2024年工作总结_某县人民政府门户网站)."""
    cut = max(title.rfind(sep) for sep in ("_", "|", "｜", "-", "—"))
    if cut < 4:
        return title
    site = title[cut + 1:].strip(" -—_|｜")
    return title[:cut].rstrip(" -—_|｜") if 2 <= len(site) <= 30 and is_portal_name(site) else title


@lru_cache(maxsize=1)
def _editor_note() -> re.Pattern:
    from writer.io.datafiles import load_word_lists

    return re.compile(_words(load_word_lists(*_CHROME_LISTS)["editor_notes"]))


def is_editor_note(paragraph: str) -> bool:
    """A news site's note before the text it reprints (…作了政府工作报告。以下为报告全文。)."""
    return bool(_editor_note().search(paragraph))


def is_essay_site_sentence(s: str) -> bool:
    """A sample-essay site's aside (下面是小编为大家整理的…，欢迎阅读)."""
    return bool(_chrome().essay_site.search(s))


_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[xX]{2,4}|×{2,4})(?![A-Za-z])")


def fill_placeholders(s: str) -> str:
    """A sample essay's blanks (xx县, xx年xx月) written as the project writes an unnamed one: 某."""
    if "xx" not in s and "XX" not in s and "××" not in s:
        return s
    return _PLACEHOLDER.sub("某", s)


def strip_abridgement(s: str) -> str:
    """A heading or paragraph without a trailing cut marker (…（略）)."""
    m = _chrome().abridgement.search(s) if s.endswith(("）", ")")) else None
    return s[:m.start()].rstrip() if m else s


def is_official_byline(s: str) -> bool:
    """A line naming the official who gives the report (××省长 张三)."""
    return bool(_chrome().official_byline.match(s))


def is_tail_mark(s: str) -> bool:
    """A line where the page's footer or the appendices begin (相关报道：, 扫一扫, 名词解释, 附：部分用语说明, 附件1)."""
    chrome = _chrome()
    return bool(chrome.tail_mark.match(s)) or (len(s) <= 40 and not s.endswith("。") and bool(chrome.glossary.search(s)))
