"""A document's header: repeated titles, the ——subtitle, date and source lines, bylines; and its year.

``read_header`` walks the lines before the body and says where the body
starts; dates are read in figures (2021年3月5日, 2021-03-05) or in Chinese
numerals (二〇二一年三月五日, as subtitles of reports write them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from writer.corpus.chrome import (DATE_LINE, EMPTY_DATE_LABEL, SOURCE_LINE, is_boilerplate, is_official_byline,
                                  strip_abridgement)
from writer.corpus.cleaning import clean_line
from writer.corpus.formulas import address_length, is_address_line
from writer.zh import CN_DIGIT_VALUE, fold_letter_spacing, parse_cn_number

DASHES = "—―─-"
_SUBTITLE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_SUBTITLE_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|-|\.|/|$)")
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# （2022年10月16日）, （1992年10月9日中央纪律检查委员会第九次全体会议通过）: the date a report was given or adopted.
_PAREN_DATE = re.compile(r"^[（(][^（）()]{0,40}?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[^（）()]{0,40}[）)]$")


def undoubled(title: str) -> str:
    """A title set twice in a row, as a page's scraper may join its two copies (2015年某市政府工作报告2015年某市
    政府工作报告), is one title."""
    half = len(title) // 2
    return title[:half].strip() if len(title) % 2 == 0 and half >= 4 and title[:half] == title[half:] else title


def norm(s: str) -> str:
    """A line as compared with a title: spaces, colons and dots removed."""
    return re.sub(r"[\s：:·]", "", s)


@dataclass
class Header:
    """What the header gave: the subtitle, the date (ISO), and the index of the body's first line."""

    subtitle: str | None
    date: str | None
    end: int
    bylines: list[str]  # speaker lines, block quotes, bylines: the lines skipped that may name a person


def read_header(lines: list, title: str) -> Header:
    """Skip the header of a document's lines (``Line`` objects), keeping its subtitle and date."""
    subtitle = None
    date = None
    bylines: list[str] = []
    i = 0
    n = len(lines)
    header_end = _address_end(lines)
    while i < n:
        s = lines[i].text
        bare = norm(strip_abridgement(s))  # 政府工作报告（摘要） is the title, abridged
        if norm(s) == norm(title) or (title and {norm(s), bare} & {"政府工作报告", norm(title)}):
            i += 1
            continue
        if subtitle is None and looks_like_subtitle(s) and i < 12:
            subtitle, i = _subtitle(lines, i, bylines)
            continue
        if subtitle is None and i < 12 and i + 1 < n and _DATE_AT.match(s) \
                and looks_like_subtitle(s + lines[i + 1].text):  # 2022年4月9日在某市 / 第十六届…会议上
            subtitle, i = (s + lines[i + 1].text).strip("（()）"), i + 2
            continue
        if lines[i].quote or _PAREN_DATE.match(s):
            date = date or date_in(s)  # a block-quoted date or byline (> （…日）, > **姓名**): metadata
            bylines.append(s)
            i += 1
            continue
        dm = DATE_LINE.match(s)
        if dm:
            date = date or iso_date(*dm.groups())
            i += 1
            continue
        if EMPTY_DATE_LABEL.match(s) and i + 1 < n:
            dm = DATE_LINE.match(lines[i + 1].text)
            if dm:
                date = date or iso_date(*dm.groups())
            i += 2
            continue
        signed = _signature_before_address(s) if i < 12 else None
        if signed:  # 代市长 某某各位代表：现在，我代表…: the speaker's line, then the speech
            bylines.append(signed[0])
            lines[i].text = signed[1]
            continue
        sm = SOURCE_LINE.match(s)
        if sm:
            i += 1 if sm.group(1) else 2
            continue
        if is_boilerplate(s) or is_official_byline(s) or i < header_end:
            if not is_boilerplate(s) and not is_address_line(s):
                bylines.append(s)
            i += 1  # captions and bylines before "各位代表："
            continue
        break
    if subtitle:
        date = date_in(subtitle) or date
    return Header(subtitle, date, i, bylines)


# A line opening with a heading's number (一、 （一） 第一部分): the body's, never a header's (title, byline, caption)
NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]{1,3}(?:部分|章|篇))")


def _address_end(lines: list) -> int:
    """One past the address line (各位代表：) when the lines before it are the header's (titles, captions,
    bylines, a resolution printed above the report). A numbered heading before it means the speech has begun
    and that address is one inside it (西藏2003 turned to its audience again after its review's 一、…六、)."""
    for k in range(min(len(lines), 45)):
        s = lines[k].text
        if is_address_line(s):
            return k + 1
        if NUMBERED_HEADING.match(s):
            return 0
    return 0


_DATE_AT = re.compile(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[^。，]{1,8}日在")
_ADDRESS_START = re.compile("各位|全体|尊敬|代表|委员|同志")


def _signature_before_address(s: str) -> tuple[str, str] | None:
    """(signature, the rest) for a speaker's line run into the address after it (代市长 某某各位代表：…)."""
    for m in _ADDRESS_START.finditer(s, 3, 40):
        head = s[:m.start()].strip()
        if address_length(s[m.start():]) and is_official_byline(head):
            return head, s[m.start():]
    return None


def _subtitle(lines: list, i: int, bylines: list[str]) -> tuple[str, int]:
    """The subtitle starting at line ``i`` (it may run on to the next line) and the line after it;
    a byline run on after it goes to ``bylines``."""
    n = len(lines)
    sub = lines[i].text.lstrip(DASHES).strip()
    run_on = re.search(r"(?:会议|大会)上[）)]?\s+(\S.*)$", sub)
    if run_on:
        bylines.append(run_on.group(1))
    sub = re.sub(r"((?:会议|大会)上)[）)]?\s+\S.*$", r"\1", sub)  # a byline run on
    if sub.startswith(("（", "(")) and sub.endswith(("）", ")")):
        sub = sub[1:-1]
    if i + 1 < n and not sub.endswith(("上", "）", ")", "综述", "报告")) and lines[i + 1].text.endswith("上"):
        sub += lines[i + 1].text
        i += 1
    return sub, i + 1


# Characters typeset one by one (2 0 2 1 年, 注 释): two or more one-character pieces in a row.
_LETTER_SPACED_RUN = re.compile(r"(?:^|\s)\S\s+\S(?:\s|$)")
_TITLE_NOTE = re.compile(r"^\s*([（(][^（）()]{4,40}[）)])\s*(?=\S)|(?<=\S)\s*([（(][^（）()]{4,40}[）)])\s*$")


def split_title_note(title: str) -> tuple[str, str | None, str]:
    """A title without the bracketed date (and speaker) set before or after it, which are metadata:
    ``某市政府工作报告 （2017年1月15日 某某）`` → (某市政府工作报告, 2017-01-15, 某某). A bracket holding
    no full date (（2021年）, （全文）) is part of the title. A letter-spaced title is closed up and the
    title cleaned as a line of the body is."""
    if _LETTER_SPACED_RUN.search(title):
        title = fold_letter_spacing(title)  # as the reference builder reads it; word spaces elsewhere stay
    title = clean_line(title)  # as the body's lines are cleaned
    m = _TITLE_NOTE.search(title) if ("（" in title or "(" in title) else None
    date = date_in(m.group(1) or m.group(2)) if m else None
    if not date:
        return title, None, ""
    note = (m.group(1) or m.group(2))[1:-1]
    speaker = _SUBTITLE_DATE.sub("", _SUBTITLE_CN_DATE.sub("", note)).strip(" ，,、")
    return (title[:m.start()] + title[m.end():]).strip(), date, speaker


def looks_like_subtitle(s: str) -> bool:
    if s.startswith(tuple(DASHES)):
        return True
    return bool(re.match(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,8}月.{1,8}日在.*(?:会议|大会)(?:上|[）)]|$)", s))


def iso_date(y: str, m: str, d: str) -> str | None:
    try:
        yi, mi, di = int(y), int(m), int(d)
    except ValueError:
        return None
    if not (1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def date_in(text: str) -> str | None:
    """The date a text (a subtitle) holds, in figures or in Chinese numerals."""
    m = _SUBTITLE_DATE.search(text)
    if m:
        return iso_date(*m.groups())
    m = _SUBTITLE_CN_DATE.search(text)
    if m:
        y = "".join(str(CN_DIGIT_VALUE[c]) for c in m.group(1))
        return iso_date(y, str(parse_cn_number(m.group(2))), str(parse_cn_number(m.group(3))))
    return None


def document_year(texts: tuple[str, ...]) -> int | None:
    """The first year (19xx, 20xx) found in ``texts``, tried in order (title, date, subtitle…)."""
    for text in texts:
        ym = _YEAR.search(text) or _ANY_YEAR.search(text)
        if ym:
            return int(ym.group(1))
    return None


def year_in(text: str) -> int | None:
    """Any year (19xx, 20xx) standing alone in ``text`` (a file name)."""
    ym = _ANY_YEAR.search(text)
    return int(ym.group(1)) if ym else None
