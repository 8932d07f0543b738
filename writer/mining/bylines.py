"""Persons named where documents put names apart from the text: bylines, speaker lines, authors.

The reader keeps these lines as a document's metadata (``Document.bylines``),
never as sections: the ``authors``/``author`` of a Markdown front matter
(``authors: 赵紫阳``), the header's speaker and date lines (上海市市长 应勇,
上海市市长 龚 正, （2003年2月16日 陈良宇）, a block quote's ``**赵紫阳**``, a name
alone on its line under 东莞市人民政府市长) and the reporters' bylines cut from
paragraphs (（通讯员 王荣文 报道）, （义乌商报记者 王婷）). A person is what such a
line names in a person's place: an author; the words after a reporter's title;
the last words of a speaker line, after a title, a date or alone. It must
look like a name: two to four Chinese characters (a minority name with ·
may be longer) starting with a common surname, no place of the gazetteer,
no word of data/mining/names.yaml's ``not_names`` and no common word of
jieba's dictionary. Each person comes with why it is one and its line.
"""

from __future__ import annotations

import re

# Why a byline's name is a person (names.yaml's ``why``).
WHY_AUTHOR = "文档作者（front matter）"
WHY_REPORTER = "记者或通讯员署名"
WHY_SPEAKER = "题头署名行"

_AUTHOR = re.compile(r"^(?:authors|author): (.+)$")
_REPORTER = re.compile(r"(?:通讯员|记者|撰稿|撰文|作者|摄影|编辑)[：:\s]*([\u4e00-\u9fff·、\s]{2,40}?)"
                       r"\s*(?:报道|供稿|摄影|整理|/|）|\)|$)")
_DATE_END = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日$")
# A dictionary word this frequent is an ordinary word, not a name (writer.mining.names uses the same).
_COMMON_FREQUENCY = 500
# A two-character given name this frequent in jieba's corpus is a common word (水平: 13880; the
# given names of the Party reports' and city reports' speakers are used at most a few dozen times).
_COMMON_GIVEN = 1000


def byline_persons(bylines: list[str]) -> dict[str, tuple[str, str]]:
    """The persons ``bylines`` name: name → (why it is a person, the byline)."""
    out: dict[str, tuple[str, str]] = {}
    for line in bylines:
        m = _AUTHOR.match(line)
        if m:
            for name in re.split(r"[、，,]\s*", m.group(1)):
                _add(out, name.strip(), WHY_AUTHOR, line)
            continue
        if ("（" in line or "(" in line) and _REPORTER.search(line) and not _DATE_END.search(_unwrap(line)):
            for name in _reporter_names(line):
                _add(out, name, WHY_REPORTER, line)
            continue
        name = _speaker_name(_unwrap(line))
        if name:
            _add(out, name, WHY_SPEAKER, line)
    return out


def _add(out: dict, name: str, why: str, line: str) -> None:
    if name not in out and looks_like_person(name):
        out[name] = (why, line)


def _unwrap(line: str) -> str:
    """A line without the brackets around it: （2003年2月16日 陈良宇） → 2003年2月16日 陈良宇."""
    s = line.strip()
    if s[:1] in "（(" and s[-1:] in "）)":
        s = s[1:-1].strip()
    return s


def _reporter_names(line: str) -> list[str]:
    """The names after a reporter's title in a byline (通讯员 王荣文 报道, 记者 张三 李四)."""
    names: list[str] = []
    for m in _REPORTER.finditer(line):
        names += [p for p in re.split(r"[、\s]+", m.group(1)) if p]
    return names


def _speaker_name(line: str) -> str:
    """The name a speaker line ends with: after a title (市长 应勇, 市长韩正), after a date
    (2003年2月16日 陈良宇), or alone on its line (吕成蹊); "" when it names none."""
    from writer.mining.names import name_lists

    if len(line) > 40:
        return ""
    parts = line.split()
    # a name written with a space between its characters: 龚 正, 侯 刚
    tail = []
    while parts and len(parts[-1]) == 1 and len(tail) < 3:
        tail.insert(0, parts.pop())
    if tail:
        parts.append("".join(tail))
    if not parts:
        return ""
    last = parts[-1]
    if len(parts) >= 2:
        before = parts[-2]
        if _DATE_END.search(before) or _ends_with_title(before, name_lists()["person_titles"]):
            return last
        return ""
    # one word: a name alone, or a title run on into the name (上海市市长韩正)
    for title in sorted(name_lists()["person_titles"], key=len, reverse=True):
        at = last.rfind(title)
        rest = last[at + len(title):] if at >= 0 else ""
        if 2 <= len(rest) <= 3 or ("·" in rest and at >= 0):  # 市长韩正, 代市长伊力哈木·沙比尔
            return rest
    return last


def _ends_with_title(word: str, titles) -> bool:
    return any(word.endswith(t) for t in titles)


def looks_like_person(name: str) -> bool:
    """Two to four Chinese characters (longer with ·) starting with a common surname, and no
    place of the gazetteer, listed non-name, common dictionary word or surname before a common word."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.names import name_lists
    from writer.mining.segment import dictionary_frequency, dictionary_tag

    plain = name.replace("·", "")
    if not plain or not all("\u4e00" <= c <= "\u9fff" for c in plain):
        return False
    if not (2 <= len(name) <= 4 or ("·" in name and len(name) <= 12)):
        return False
    lists = name_lists()
    if "·" not in name and name[0] not in lists["surnames"]:
        return False
    if "·" in name and any(t in name for t in lists["person_titles"]):
        return False  # a title run on into a minority name: 代市长伊力哈木·沙比尔
    if name in lists["not_names"] or name in load_gazetteer():
        return False
    if len(name) == 3 and dictionary_frequency(name[1:]) >= _COMMON_GIVEN:
        return False  # 高/水平: a surname-like character before a common word
    tag = dictionary_tag(name)
    return tag in (None, "nr", "nrfg", "nrt") or dictionary_frequency(name) < _COMMON_FREQUENCY
