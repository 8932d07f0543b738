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

from writer.corpus.chrome import (DATE_LINE, SOURCE_LINE, fill_placeholders, is_boilerplate, is_essay_site_sentence,
                                  is_portal_name, is_tail_mark, strip_portal_suffix)
from writer.corpus.cleaning import clean_line, is_terminated, strip_bylines, strip_markdown
from writer.corpus.document import Document
from writer.corpus.header import (DASHES, NUMBERED_HEADING, document_year, norm, read_header, split_title_note,
                                  undoubled, year_in)
from writer.corpus.ends import review_lead, split_closing
from writer.corpus.structure import Line, assemble_sections, has_title_word
from writer.errors import InputError, MissingPathError, NoReadableFilesError, UnsupportedFileError, WriterError
from writer.corpus.formats import READABLE_LIST, READABLE_SUFFIXES, read_file_text

_TOC_ENTRY = re.compile(r"^(\d{1,3})\s*[.、．]\s*(.+?)\s*[·.…]{3,}\s*\d+$")


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
                problems.append(NoReadableFilesError(f"文件夹中没有可读的文件（{READABLE_LIST}）", given))
            root = p.resolve().name or "corpus"
            found.extend((f, f"{root}/{f.relative_to(p).as_posix()}") for f in files)
        elif p.suffix.lower() not in READABLE_SUFFIXES:
            problems.append(UnsupportedFileError(f"不支持的文件类型（只读 {READABLE_LIST}）", given))
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
            text = read_file_text(path)
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
    """Markdown YAML front matter as a flat dict of strings (no YAML parser needed); a list's
    items (``authors:`` then ``  - 赵紫阳`` lines) joined with 、."""
    meta: dict[str, str] = {}
    m = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.S)
    if not m:
        return text, meta
    key = None
    for line in m.group(1).split("\n"):
        km = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        item = re.match(r"^\s+-\s+(.*)$", line) if km is None else None
        if km:
            key = km.group(1)
            meta[key] = km.group(2).strip().strip("'\"")
        elif item and key is not None:
            value = item.group(1).strip().strip("'\"")
            meta[key] = f"{meta[key]}、{value}" if meta[key] else value
    return text[m.end():], meta


_NO_MARKS = (False, False, 0, "")
# A numbered bold heading inside a line (…提出意见。 **一、2018年工作回顾** 2018年是…): a page that lost its breaks.
_INLINE_HEADING = re.compile(
    r" (\*\*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^*\n]{1,60}\*\*) ?")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_BOLD_PIECE = re.compile(r"\*\*([^*]{1,80})\*\*")
_BOLD_GAP = re.compile(r"[\s“”‘’《》「」]{1,3}")


def _bold_lead(stripped: str) -> str:
    """The bold run-in opening a line, also when quotation marks or spaces between its bold pieces are
    set plain (**实施**“**四新**”**产业升级行动。**锚定…); a piece that ends a sentence ends it."""
    piece = _BOLD_PIECE.match(stripped)
    if piece is None:
        return ""
    text, end = piece.group(1), piece.end()
    for _ in range(4):
        gap = None if text[-1] in "。！？；：!?;: " else _BOLD_GAP.match(stripped, end)
        piece = _BOLD_PIECE.match(stripped, gap.end()) if gap else None
        if piece is None:
            break
        text, end = text + gap.group() + piece.group(1), piece.end()
    return text if stripped[end:].strip() else ""


def _markdown_marks(raw: str) -> tuple[bool, bool, int, str] | None:
    """(bold, quote, heading level, bold run-in) of a Markdown line; None for a rule or table border."""
    stripped = raw.strip()
    if stripped[:1] in ("-", "*", "_", "=", "|", ":") and re.fullmatch(r"[-*_=]{3,}|\|?[-:| ]+\|?", stripped):
        return None
    quote = stripped.startswith(">")
    if quote:
        stripped = stripped.lstrip("> ").strip()
    heading = _MD_HEADING.match(stripped) if stripped.startswith("#") else None
    starts_bold = stripped.startswith("**")
    bold = (starts_bold and stripped.endswith("**") and len(stripped) > 4) or bool(heading)
    lead = _bold_lead(stripped) if starts_bold and not bold else ""
    bold_lead = clean_line(strip_markdown(lead)) if lead else ""
    return bold, quote, len(heading.group(1)) if heading else 0, bold_lead


def to_lines(text: str, markdown: bool) -> tuple[list[Line], dict[str, str]]:
    """Cleaned non-blank lines, with Markdown removed; front matter returned apart."""
    meta: dict[str, str] = {}
    if markdown:
        text, meta = split_front_matter(text)
        text = re.sub(r"<!--(?:(?!<!--).)*?-->", "", text, flags=re.S)
        if " **" in text:
            text = _INLINE_HEADING.sub(r"\n\1\n", text)
    lines: list[Line] = []
    gap = rule = False
    for raw in text.split("\n"):
        marks = _markdown_marks(raw) if markdown else _NO_MARKS
        if marks is None:
            rule = rule or "|" not in raw  # a rule, or a table border
            continue
        if markdown:
            raw = strip_markdown(raw)
        cleaned = clean_line(raw)
        s = fill_placeholders(strip_bylines(cleaned))
        if s and not re.search(r"[0-9A-Za-z\u3400-\u9fff]", s):
            continue  # a line of bare symbols: | × 】
        if s:
            lines.append(Line(s, marks[0], gap, *marks[1:], byline=_cut_byline(cleaned, s), rule=rule))
            gap = rule = False
        else:
            gap = True
    return lines, meta


def _cut_byline(cleaned: str, kept: str) -> str:
    """What strip_bylines cut from a line (（通讯员 某某 报道）, a dateline's （记者 某某）): metadata."""
    if len(kept) >= len(cleaned) or not ("（" in cleaned or "(" in cleaned):
        return ""
    if cleaned.startswith(kept):
        return cleaned[len(kept):].strip()
    if cleaned.endswith(kept):
        return cleaned[:len(cleaned) - len(kept)].strip()
    return ""


# Front matter keys that name a document's authors (Hugo ``authors``, ``author``).
_AUTHOR_KEYS = ("authors", "author")


# ---------------------------------------------------------------------------
# Collections with a table of contents


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
        target = norm(title)
        for j in range(pos, len(lines)):
            here = norm(lines[j].text)
            if here == target:
                starts.append((j, 1, title))
                pos = j + 1
                break
            if j + 1 < len(lines) and target.startswith(here) and here + norm(lines[j + 1].text) == target:
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


def _title_like(s: str) -> bool:
    # **一、2004年工作回顾** opens the body (广州2005), though it holds title words and is set bold
    return 4 <= len(s) <= 60 and not is_terminated(s) and not s.startswith(tuple(DASHES)) \
        and not NUMBERED_HEADING.match(s)


# A date alone on its line (2003年2月24日, 二〇〇二年十二月三日): under a signature, where a printed report ends.
_BARE_DATE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
# Lines of text before a signature and date can be the end rather than a header's (市长 某某 / 2024年1月5日).
_SIGNED_AFTER = 10


# After a thematic break, a note on the text (注：文中数据为初步统计数, 资料：名词解释) or on the report's
# edits (政府工作报告修改10处): an editor's addition, not the report.
_NOTE_AFTER_RULE = re.compile(r"^(?:注|附注|备注|说明|资料|编者按)[:：]|报告.{0,8}(?:修改|修订|改动|勘误|更正)")


def _signed_end(lines: list[Line], k: int) -> bool:
    """Whether the printed copy ends at ``lines[k]``: a date alone (二〇〇二年十二月三日), a signature
    (市十二届人大六次会议秘书处) with the date under it, or an editor's note after a thematic break."""
    line = lines[k]
    if k < _SIGNED_AFTER:
        return False
    if line.rule and _NOTE_AFTER_RULE.search(line.text):
        return True
    if _BARE_DATE.match(line.text):
        return True
    return k + 1 < len(lines) and len(line.text) <= 30 and not line.bold \
        and not re.search(r"[，。；：！？、]", line.text) and bool(_BARE_DATE.match(lines[k + 1].text))


def _body(lines: list[Line]) -> list[Line]:
    """The body's lines up to the page's footer (相关报道：…) or a signature, without editorial lines."""
    kept: list[Line] = []
    for k, line in enumerate(lines):
        if is_tail_mark(line.text) or _signed_end(lines, k):
            break
        if is_boilerplate(line.text) or (SOURCE_LINE.match(line.text) and len(line.text) < 30):
            continue
        kept.append(line)
    return kept


def build_document(doc_id: str, source: str, title: str, lines: list[Line],
                   year_hint: int | None = None, meta: dict[str, str] | None = None,
                   markdown: bool = False) -> Document:
    """Structure one document's lines (title already known) into a Document."""
    meta = meta or {}
    header = read_header(lines, title)
    lead, sections = assemble_sections(_body(lines[header.end:]), markdown)
    lead = lead or review_lead(sections)
    closing = split_closing(lead, sections)
    year = document_year((title, header.date or "", header.subtitle or "", meta.get("title", ""), source))
    if year is None:
        year = year_hint
    bylines = [f"{k}: {meta[k]}" for k in _AUTHOR_KEYS if meta.get(k)] + header.bylines \
        + [line.byline for line in lines if line.byline]
    return Document(id=doc_id, source=source, title=title, subtitle=header.subtitle, date=header.date,
                    year=year, lead=lead, sections=sections, closing=closing, bylines=bylines)


def _subtitle_is(following: list[Line], title: str) -> bool:
    """Whether the line after a bold title is a ——subtitle saying what the front matter's title says."""
    return bool(following) and following[0].text.startswith(tuple(DASHES)) \
        and norm(title) in norm(following[0].text.lstrip(DASHES))


def _doc_id(source: str) -> str:
    return re.sub(r"\.(txt|md|markdown|text|docx|pdf|html?)$", "", source, flags=re.I)


# A front matter title that opens with a full date (2005年1月23日广东省省长某某 在…会议上作政府工作报告) is a note.
_DATED_NOTE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日")


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
    title = undoubled(meta.get("title", ""))
    start = 0
    for k, line in enumerate(lines[:60]):
        s = line.text
        if is_boilerplate(s) or SOURCE_LINE.match(s) or DATE_LINE.match(s) or is_essay_site_sentence(s) \
                or (is_portal_name(s) and not has_title_word(s)):
            continue
        if _title_like(s) and (has_title_word(s) or k == 0 or line.bold):
            if not title:
                title = s
                start = k + 1
            elif norm(s) == norm(title) or (line.bold and has_title_word(s)) or s == "政府工作报告":
                if _DATED_NOTE.match(title) and has_title_word(s):
                    title = s  # the front matter's "title" is the dated speaker's note; the page shows the title
                start = k + 1
            elif line.bold and _subtitle_is(lines[k + 1:k + 2], title):
                title, start = s, k + 1  # the displayed title; the front matter's is its subtitle
            break
        break
    if not title:
        title = Path(_doc_id(source)).name
    title, date, speaker = split_title_note(strip_portal_suffix(title))
    doc = build_document(_doc_id(source), source, title, lines[start:], year_hint=year_in(source), meta=meta,
                         markdown=markdown)
    doc.date = doc.date or date  # the title's bracketed date and speaker are metadata, not its words
    if speaker:
        doc.bylines.append(speaker)
    if doc.year is None and date:
        doc.year = int(date[:4])
    return [doc]
