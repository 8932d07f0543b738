"""The corpus reader: files and folders in, structured documents out.

A file may hold one document (a scraped report, a Markdown export, a Word
file) or many (a collection with a table of contents, as the default corpus).
Each document is recovered as title, subtitle, date, lead, sections (heading,
subheading, paragraphs, subsections) and closing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from writer.corpus.cleaning import clean_line, is_terminated, strip_bylines, strip_markdown
from writer.corpus.document import Document, Section
from writer.errors import InputError, MissingPathError, NoReadableFilesError, UnsupportedFileError, WriterError
from writer.io.files import READABLE_SUFFIXES, read_text

# ---------------------------------------------------------------------------
# Line patterns

_TOC_ENTRY = re.compile(r"^(\d{1,3})\s*[.、．]\s*(.+?)\s*[·.…]{3,}\s*\d+$")
_H1_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}部分[、：:\s]?)\s*(.*)$")
_H2_NUMBERED = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*(.*)$")
_DASHES = "—―─-"
_SUBTITLE_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_CN_DIGITS = dict(zip("〇○零一二三四五六七八九", "00012345678" + "9"))
_SUBTITLE_CN_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_DATE_LINE = re.compile(
    r"^(?:(?:发表|发布)?时间[:：]\s*)?(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})日?(?:\s*\d{1,2}(?::|时)\d{1,2}(?:(?::|分)\d{0,2}秒?)?)?$")
_EMPTY_DATE_LABEL = re.compile(r"^(?:发表|发布)?时间[:：]$")
_SOURCE_LINE = re.compile(r"^(?:来源|来源于|稿源)[:：]\s*(.*)$")
_SALUTATION = re.compile(r"^各位(?:代表|委员|同志)[：:！!，,]?$")
_TAIL_MARK = re.compile(
    r"^(?:附件\s*\d*[:：]?$|附[:：]|附表\s*\d*$|相关报道|相关新闻|相关链接|相关文档|相关附件|延伸阅读|责任编辑|编辑|【纠错】|名词解释|注释|附注)[:：>》]*"
    r"|^(?:扫一扫|打印本页|关闭窗口|分享到)"
    r"|^[（(]来源[:：][^（）()]{1,20}[）)]$"
    r"|^(?:\d{1,3}[.．、]|［\d{1,3}］|\[\d{1,3}\]|【\d{1,3}】)[^。，]{1,30}[：:]$")
_TOOLBAR = {
    "下载", "打印", "全屏", "收藏", "加大", "还原", "减小", "大", "中", "小", "】", "【", ">", "》",
    "【字号：", "【字体：", "【字号:", "【字体:", "分享", "分享：", "分享:", "首页", "您的位置：", "您的位置:",
    "当前位置：", "当前位置:", "阅读量：", "阅读量:", "来源：", "来源:", "关闭", "返回顶部", "字号",
}
_NAV = re.compile(r"^(?:.{0,12}要闻|政务信息|政府信息公开|政府工作报告目录|省政府工作报告|.{0,10}频道|阅读量[:：]?\s*\d*|浏览次数.*|\d+)$")
_CAPTION = re.compile(r"(?:记者|摄影|通讯员).{0,20}摄\s*$|摄\s*$|^图[:：]|^(?:图为|上图|下图)")
_OFFICIAL_BYLINE = re.compile(
    r"^(?:[\u4e00-\u9fff（）]{0,24}?(?:省长|市长|州长|县长|区长|主席|书记|主任|代省长|代市长))\s?[\u4e00-\u9fff·]{1,3}(?:\s?[\u4e00-\u9fff·]{1,6})?$")
_TITLE_WORDS = re.compile(r"报告|综述|总结|回顾|工作|汇报|纪实|巡礼")
_CLOSING_MARKERS = re.compile(
    r"展望|站在新的|新征程|新起点|继往开来|乘风破浪|征程万里|让我们|各位代表|一如既往|必将|奋力谱写|"
    r"再创新的|新的更大|不断开创|新篇章|新局面|接续奋斗|扬帆起航|砥砺奋进|未来|今后|新的一年|明天")
_DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class Line:
    """A non-blank line after cleaning; ``bold`` when Markdown marked the whole line."""

    text: str
    bold: bool = False
    gap: bool = False  # a blank line precedes it


@dataclass
class Corpus:
    """What reading a set of paths gave: the documents and one problem per unreadable file."""

    documents: list[Document] = field(default_factory=list)
    problems: list[WriterError] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Files


def iter_files(paths: list[str | Path]) -> tuple[list[tuple[Path, str]], list[WriterError]]:
    """Expand files and folders (recursively) into (path, source name) pairs, sorted."""
    found: list[tuple[Path, str]] = []
    problems: list[WriterError] = []
    for given in paths:
        p = Path(given)
        if not p.exists():
            problems.append(MissingPathError("路径不存在", given))
            continue
        if p.is_dir():
            files = sorted(f for f in p.rglob("*")
                           if f.is_file() and f.suffix.lower() in READABLE_SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not files:
                problems.append(NoReadableFilesError("文件夹中没有可读的 .txt、.md 或 .docx 文件", given))
            root = p.resolve().name or "corpus"
            found.extend((f, f"{root}/{f.relative_to(p).as_posix()}") for f in files)
        elif p.suffix.lower() not in READABLE_SUFFIXES:
            problems.append(UnsupportedFileError("不支持的文件类型（只读 .txt、.md、.docx）", given))
        else:
            found.append((p, p.name))
    return found, problems


def read_corpus(paths: list[str | Path]) -> Corpus:
    """Read and structure every readable file under ``paths``.

    Unreadable files become ``problems`` (one error each) and the rest are
    still read. Raises the problem itself when nothing at all is readable.
    """
    files, problems = iter_files(paths)
    corpus = Corpus(problems=problems)
    seen_ids: set[str] = set()
    for path, source in files:
        try:
            text = read_text(path)
            docs = parse_text(text, source, markdown=path.suffix.lower() in (".md", ".markdown"))
        except InputError as exc:
            corpus.problems.append(exc)
            continue
        if not docs:
            corpus.problems.append(NoDocumentError("未能识别出任何文档内容", path))
            continue
        for doc in docs:
            base, n = doc.id, 2
            while doc.id in seen_ids:
                doc.id = f"{base}~{n}"
                n += 1
            seen_ids.add(doc.id)
            corpus.documents.append(doc)
    if not corpus.documents:
        if len(corpus.problems) == 1:
            raise corpus.problems[0]
        raise NoReadableFilesError("没有读到任何文档（" + "；".join(str(p) for p in corpus.problems) + "）")
    return corpus


class NoDocumentError(InputError):
    """A file was read but holds nothing that looks like a document."""


# ---------------------------------------------------------------------------
# Text → lines


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Markdown YAML front matter as a flat dict of strings (no YAML parser needed)."""
    meta: dict[str, str] = {}
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.S)
    if not m:
        return text, meta
    for line in m.group(1).split("\n"):
        km = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if km:
            meta[km.group(1)] = km.group(2).strip().strip("'\"")
    return text[m.end():], meta


def to_lines(text: str, markdown: bool) -> tuple[list[Line], dict[str, str]]:
    """Cleaned non-blank lines, with Markdown removed; front matter returned apart."""
    meta: dict[str, str] = {}
    if markdown:
        text, meta = split_front_matter(text)
        text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    lines: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        bold = False
        if markdown:
            stripped = raw.strip()
            if re.fullmatch(r"[-*_=]{3,}|\|?[-:| ]+\|?", stripped or "x"):
                continue
            bold = (stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4) or stripped.startswith("#")
            raw = strip_markdown(raw)
        s = strip_bylines(clean_line(raw))
        if s and not re.search(r"[0-9A-Za-z\u3400-\u9fff]", s):
            continue  # a line of bare symbols: | × 】
        if s:
            lines.append(Line(s, bold, gap))
            gap = False
        else:
            gap = True
    return lines, meta


# ---------------------------------------------------------------------------
# Collections with a table of contents


def _norm(s: str) -> str:
    return re.sub(r"[\s：:·]", "", s)


def split_collection(lines: list[Line]) -> tuple[list[tuple[str, list[Line]]], int | None] | None:
    """Split a collection at its table of contents' titles, or None when it has none."""
    toc: list[tuple[int, str]] = []
    for i, line in enumerate(lines[:400]):
        m = _TOC_ENTRY.match(line.text)
        if m:
            toc.append((i, m.group(2).strip()))
    if len(toc) < 2:
        return None
    header_year = None
    for line in lines[:toc[0][0]]:
        ym = re.search(r"((?:19|20)\d{2})年", line.text)
        if ym:
            header_year = int(ym.group(1))
            break
    pos = toc[-1][0] + 1
    starts: list[tuple[int, int, str]] = []  # (start line, lines used by the title, title)
    for _, title in toc:
        target = _norm(title)
        for j in range(pos, len(lines)):
            here = _norm(lines[j].text)
            if here == target:
                starts.append((j, 1, title))
                pos = j + 1
                break
            if j + 1 < len(lines) and target.startswith(here) and here + _norm(lines[j + 1].text) == target:
                starts.append((j, 2, title))
                pos = j + 2
                break
    if len(starts) < max(2, len(toc) // 2):
        return None
    parts = []
    for k, (j, used, title) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        parts.append((title, lines[j + used:end]))
    return parts, header_year


# ---------------------------------------------------------------------------
# Lines → document


def _iso_date(y: str, m: str, d: str) -> str | None:
    try:
        yi, mi, di = int(y), int(m), int(d)
    except ValueError:
        return None
    if not (1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def _cn_number(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + int(_CN_DIGITS[s[1]])
    if s.endswith("十"):
        return int(_CN_DIGITS[s[0]]) * 10
    if "十" in s:
        return int(_CN_DIGITS[s[0]]) * 10 + int(_CN_DIGITS[s[2]])
    return int(_CN_DIGITS[s])


def _date_in(text: str) -> str | None:
    m = _SUBTITLE_DATE.search(text)
    if m:
        return _iso_date(*m.groups())
    m = _SUBTITLE_CN_DATE.search(text)
    if m:
        y = "".join(_CN_DIGITS[c] for c in m.group(1))
        return _iso_date(y, str(_cn_number(m.group(2))), str(_cn_number(m.group(3))))
    return None


def _is_boilerplate(s: str) -> bool:
    return (s in _TOOLBAR or bool(_NAV.match(s)) or bool(_CAPTION.search(s) and len(s) < 60)
            or bool(_EMPTY_DATE_LABEL.match(s)))


def _title_like(s: str) -> bool:
    return 4 <= len(s) <= 60 and not is_terminated(s) and not s.startswith(tuple(_DASHES))


def _looks_like_subtitle(s: str) -> bool:
    if s.startswith(tuple(_DASHES)):
        return True
    return bool(re.match(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,8}月.{1,8}日在.*(?:会议|大会)(?:上|[）)]|$)", s))


def _looks_like_fragment(s: str, paged: bool = True) -> bool:
    """An unterminated line that is half of a paragraph cut at a page break, not a heading.

    ``paged`` text (paragraphs separated by blank lines, as PDF extractions
    are) gets the weaker tests too; in one-paragraph-per-line text a page
    break cannot cut a paragraph, so only clear signs count there.
    """
    if s.endswith("——"):
        return False
    if len(s) > 32:
        return True
    if s[-1] in "，、；：（“《—-,;(" or s.startswith(("——", "―")):
        return True
    if re.search(r"[。；！？;]", s):
        return True
    clauses = [c for c in re.split(r"[，、 ,]", s) if c]
    if clauses and len(clauses[-1]) <= 1:
        return True
    if not paged:
        return False
    if "、" in s and len(s) > 12:
        return True
    if re.search(r"\d", s) and "，" in s:
        return True
    if len(clauses) == 1 and len(s) > 18:
        return True
    return False


def _split_run_in(rest: str) -> tuple[str, str]:
    """``坚持政治引领，不折不扣贯彻落实。坚持…`` → (heading, paragraph)."""
    m = re.search(r"[。；]", rest)
    if m and m.start() <= 60:
        return rest[:m.start()], rest[m.end():].strip()
    return rest, ""


@dataclass
class _Block:
    kind: str  # "h1", "h2", "h" (unnumbered heading), "p"
    text: str
    tail: str = ""  # run-in paragraph after a numbered heading


def _blocks(lines: list[Line], paged: bool) -> list[_Block]:
    """Classify lines as headings or paragraphs, rejoining page-break fragments."""
    blocks: list[_Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.text
        m1 = _H1_NUMBERED.match(s)
        m2 = _H2_NUMBERED.match(s) if not m1 else None
        if m1 and m1.group(1):
            head, tail = _split_run_in(m1.group(1)) if is_terminated(m1.group(1)) or "。" in m1.group(1) else (m1.group(1), "")
            blocks.append(_Block("h1", head, tail))
            i += 1
            continue
        if m2 and m2.group(1):
            rest = m2.group(1)
            head, tail = _split_run_in(rest) if ("。" in rest or is_terminated(rest)) else (rest, "")
            blocks.append(_Block("h2", head, tail))
            i += 1
            continue
        if is_terminated(s) or s.endswith(("：", ":")):
            blocks.append(_Block("p", s))
            i += 1
            continue
        if (line.bold and len(s) <= 60) or not _looks_like_fragment(s, paged):
            blocks.append(_Block("h", s))
            i += 1
            continue
        # A fragment: join the following lines until the paragraph is complete.
        text = s
        i += 1
        while i < n and not is_terminated(text):
            nxt = lines[i].text
            if _H1_NUMBERED.match(nxt) or _H2_NUMBERED.match(nxt) or lines[i].bold:
                break
            text += nxt
            i += 1
        blocks.append(_Block("p", text))
    return blocks


def _finish_paragraph(text: str) -> str:
    """Bylines removed; bullets dropped; a dangling unfinished sentence at the very end trimmed."""
    s = strip_bylines(text)
    s = re.sub(r"^[★☆●○■□◆◇▲△▶►•·\-]+\s*", "", s)
    return s


def _trim_dangling(paragraph: str) -> str:
    """Cut an unfinished last sentence (text lost at the source's end) back to its last full stop."""
    if not paragraph or is_terminated(paragraph) or paragraph.endswith(("：", ":")):
        return paragraph
    cut = max(paragraph.rfind(c) for c in "。！？")
    if cut <= 0:
        return paragraph
    end = cut + 1
    while end < len(paragraph) and paragraph[end] in "”’）》":
        end += 1
    return paragraph[:end]


def _is_closing_paragraph(p: str) -> bool:
    return bool(_CLOSING_MARKERS.search(p)) and len(_DIGIT_RUN.findall(p)) <= 4


def build_document(doc_id: str, source: str, title: str, lines: list[Line],
                   year_hint: int | None = None, meta: dict[str, str] | None = None) -> Document:
    """Structure one document's lines (title already known) into a Document."""
    meta = meta or {}
    subtitle = None
    date = None
    i = 0
    n = len(lines)

    # Header: duplicate titles, subtitle, date and source lines, bylines.
    header_end = 0
    for k in range(min(n, 45)):
        if _SALUTATION.match(lines[k].text):
            header_end = k + 1
            break
    while i < n:
        s = lines[i].text
        if _norm(s) == _norm(title) or (title and _norm(s) in {"政府工作报告", _norm(title)}):
            i += 1
            continue
        if subtitle is None and _looks_like_subtitle(s) and i < 12:
            sub = s.lstrip(_DASHES).strip()
            sub = re.sub(r"((?:会议|大会)上)[）)]?\s+\S.*$", r"\1", sub)  # a byline run on
            if sub.startswith(("（", "(")) and sub.endswith(("）", ")")):
                sub = sub[1:-1]
            if i + 1 < n and not sub.endswith(("上", "）", ")", "综述", "报告")) and lines[i + 1].text.endswith("上"):
                sub += lines[i + 1].text
                i += 1
            subtitle = sub
            i += 1
            continue
        dm = _DATE_LINE.match(s)
        if dm:
            date = date or _iso_date(*dm.groups())
            i += 1
            continue
        if _EMPTY_DATE_LABEL.match(s) and i + 1 < n:
            dm = _DATE_LINE.match(lines[i + 1].text)
            if dm:
                date = date or _iso_date(*dm.groups())
            i += 2
            continue
        sm = _SOURCE_LINE.match(s)
        if sm:
            i += 1 if sm.group(1) else 2
            continue
        if _is_boilerplate(s) or _OFFICIAL_BYLINE.match(s):
            i += 1
            continue
        if i < header_end:
            i += 1  # captions and bylines before "各位代表："
            continue
        break
    if subtitle:
        date = _date_in(subtitle) or date
    body = lines[i:]

    # Tail: "相关报道：" and what follows; editorial lines.
    kept: list[Line] = []
    for line in body:
        if _TAIL_MARK.match(line.text):
            break
        if _SALUTATION.match(line.text) or _is_boilerplate(line.text) \
                or (_SOURCE_LINE.match(line.text) and len(line.text) < 30):
            continue
        kept.append(line)

    lead: list[str] = []
    sections: list[Section] = []
    current: Section | None = None
    pending_heading = False  # the last block was a heading with no paragraph yet

    def add_paragraph(text: str) -> None:
        nonlocal pending_heading
        text = _finish_paragraph(text)
        if not text:
            return
        target = current
        if target is None:
            lead.append(text)
        else:
            (target.subsections[-1] if target.subsections else target).paragraphs.append(text)
        pending_heading = False

    paged = sum(1 for l in kept if l.gap) > 0.6 * max(1, len(kept)) and not any(l.bold for l in kept)
    seen_numbered = False
    for block in _blocks(kept, paged):
        seen_numbered = seen_numbered or block.kind == "h1"
        if block.kind == "h1" or (block.kind == "h" and not block.text.endswith("——") and not seen_numbered):
            if block.kind == "h" and pending_heading and current is not None and current.subheading is None \
                    and not current.subsections and not current.paragraphs and block.kind == "h":
                current.subheading = block.text  # second line of a two-line heading
                continue
            current = Section(block.text)
            sections.append(current)
            pending_heading = True
            if block.tail:
                add_paragraph(block.tail)
        elif block.kind in ("h2", "h"):
            head = block.text[:-2] if block.text.endswith("——") else block.text
            if current is None:
                current = Section(head)
                sections.append(current)
            else:
                current.subsections.append(Section(head))
            pending_heading = True
            if block.tail:
                add_paragraph(block.tail)
        else:
            add_paragraph(block.text)

    # Drop headings that turned out empty at the very end (e.g. a stray line).
    while sections and not sections[-1].paragraphs and not sections[-1].subsections:
        sections.pop()

    # The very last paragraph may be cut off by the source: trim to a full stop.
    def last_container() -> list[str] | None:
        if not sections:
            return lead
        sec = sections[-1]
        while sec.subsections and sec.subsections[-1].paragraphs:
            sec = sec.subsections[-1]
        return sec.paragraphs if sec.paragraphs else None

    tail_paragraphs = last_container()
    if tail_paragraphs:
        tail_paragraphs[-1] = _trim_dangling(tail_paragraphs[-1])

    # Closing: the rhetorical paragraphs that end the last section.
    closing: list[str] = []
    if tail_paragraphs and (sections or len(tail_paragraphs) > 1):
        k = len(tail_paragraphs)
        while k > 1 and len(closing) < 3:
            p = tail_paragraphs[k - 1]
            if _is_closing_paragraph(p) or (closing and len(p) <= 30 and not _DIGIT_RUN.search(p)):
                closing.insert(0, p)
                k -= 1
            else:
                break
        # A short aphorism cannot be the whole closing on its own.
        while closing and not _is_closing_paragraph(closing[-1]):
            closing.pop()
            k += 1
        del tail_paragraphs[k:]

    year = None
    for text in (title, date or "", subtitle or "", meta.get("title", ""), source):
        ym = re.search(r"(?<!\d)((?:19|20)\d{2})(?:年|-|\.|/|$)", text) or re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
        if ym:
            year = int(ym.group(1))
            break
    if year is None:
        year = year_hint

    return Document(id=doc_id, source=source, title=title, subtitle=subtitle, date=date, year=year,
                    lead=lead, sections=sections, closing=closing)


def _doc_id(source: str) -> str:
    return re.sub(r"\.(txt|md|markdown|text|docx)$", "", source, flags=re.I)


def parse_text(text: str, source: str, markdown: bool = False) -> list[Document]:
    """The documents in one file's text (several when it is a collection with a contents list)."""
    lines, meta = to_lines(text, markdown)
    if not lines:
        return []
    collection = None if markdown else split_collection(lines)
    if collection:
        parts, header_year = collection
        return [build_document(f"{_doc_id(source)}#{k:02d}", source, title, part,
                               year_hint=header_year)
                for k, (title, part) in enumerate(parts, 1)]

    # A single document: its title is the front matter's, else the first title-like line.
    title = meta.get("title", "")
    start = 0
    for k, line in enumerate(lines[:60]):
        s = line.text
        if _is_boilerplate(s) or _SOURCE_LINE.match(s) or _DATE_LINE.match(s):
            continue
        if _title_like(s) and (_TITLE_WORDS.search(s) or k == 0 or line.bold):
            if not title:
                title = s
                start = k + 1
            elif _norm(s) == _norm(title) or (line.bold and _TITLE_WORDS.search(s)) or s == "政府工作报告":
                start = k + 1
            break
        break
    if not title:
        title = Path(_doc_id(source)).name
    year_hint = None
    ym = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", source)
    if ym:
        year_hint = int(ym.group(1))
    return [build_document(_doc_id(source), source, title, lines[start:], year_hint=year_hint, meta=meta)]
