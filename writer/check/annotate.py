"""`writer check --annotate`: a copy of the draft as a Word file with one comment (批注) per finding.

Each comment is anchored to exactly the characters of its finding: where a
span begins or ends inside a run, the run is split in two, both halves
keeping the run's properties (``w:rPr`` copied), so the document reads and
looks as before. Paragraphs are found as writer.corpus.docxtext reads them
(line = paragraph), so a finding's line and columns are the comment's
place; spans inside tracked insertions or across runs work alike. Text no
run holds (an automatic number such as 一、) cannot carry a comment: a span
on it is anchored to the nearest real text of its paragraph, the next
character first (on an empty numbered paragraph, at the paragraph itself).

python-docx (≥ 1.2: ``Document.add_comment``) writes the comments part;
the comment has author ``writer``, no date (the same input gives the same
bytes), and the text ``level rule：message。建议：suggestion``.
"""

from __future__ import annotations

import io
from pathlib import Path

from writer.check.finding import Finding
from writer.corpus.docx import LINE_BREAK_IN_PARAGRAPH, stable_zip
from writer.corpus.docxtext import BodyText, inline_pieces, word_name
from writer.corpus.numbering import Numbering, NumberingDefinitions
from writer.errors import InputError

AUTHOR = "writer"
INITIALS = "W"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class AnnotateError(InputError):
    """The draft cannot be annotated (python-docx cannot open it, or its text changed while reading)."""


def comment_text(finding: Finding) -> str:
    """``warning copy：照抄：…。建议：…``: level, rule id, message and suggestion."""
    text = f"{finding.level} {finding.rule}：{finding.message}"
    if finding.suggestion:
        if text[-1] not in "。！？":
            text += "。"
        text += f"建议：{finding.suggestion}"
    return text


def default_output(path: str | Path) -> Path:
    """初稿.docx → 初稿.审读.docx, next to the input."""
    p = Path(path)
    return p.with_name(p.stem + ".审读.docx")


class _Unit:
    """One paragraph as the reader sees it: its number label, its w:p elements, its pieces."""

    __slots__ = ("label", "nodes", "pieces")

    def __init__(self, pieces: list, nodes: list):
        self.label = pieces[0][0] if pieces and pieces[0][1] is None else ""
        self.nodes = nodes
        self.pieces = pieces

    def refresh(self) -> None:
        pieces = [(self.label, None)] if self.label else []
        for node in self.nodes:
            inline_pieces(node, pieces)
        self.pieces = pieces

    def text(self) -> str:
        return "".join(t for t, _ in self.pieces).replace("\n", LINE_BREAK_IN_PARAGRAPH)

    def spans(self) -> list[tuple[int, int, object]]:
        """(start, end, node) of the pieces a run holds."""
        out, pos = [], 0
        for text, node in self.pieces:
            if node is not None:
                out.append((pos, pos + len(text), node))
            pos += len(text)
        return out


def _part_root(document, kind: str):
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/" + kind) and not rel.is_external:
            part = rel.target_part
            if hasattr(part, "element"):
                return part.element
            from lxml import etree
            return etree.fromstring(part.blob)
    return None


def _units(document) -> list[_Unit]:
    numbering = Numbering(NumberingDefinitions.parse(_part_root(document, "numbering"),
                                                     _part_root(document, "styles")))
    body = BodyText(numbering)
    units = []
    for block in document.element.body:
        units.extend(_Unit(pieces, nodes) for pieces, nodes in body.paragraphs(block))
    units.extend(_Unit(pieces, nodes) for pieces, nodes in body.finish())
    return units


def _content_children(run) -> list:
    return [c for c in run if word_name(c.tag) != "rPr"]


def _split_run_before(child) -> None:
    """Move ``child`` and what follows it in its run into a new run right after, same properties."""
    import copy

    run = child.getparent()
    if _content_children(run)[:1] == [child]:
        return
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = next((c for c in run if word_name(c.tag) == "rPr"), None)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    siblings = list(run)
    for moved in siblings[siblings.index(child):]:
        new.append(moved)
    run.addnext(new)


def _cut(unit: _Unit, cuts: set[int]) -> None:
    """Make each offset of ``cuts`` (of the unit's text) a run boundary.

    Right to left: a split leaves the pieces before it where they were, so the
    spans are computed once.
    """
    spans = unit.spans()
    for at in sorted(cuts, reverse=True):
        for start, end, node in spans:
            if start < at < end:   # inside a w:t: split the text element, then the run
                whole = node.text
                tail = node.makeelement(node.tag, {})
                node.text, tail.text = whole[:at - start], whole[at - start:]
                for t in (node, tail):
                    t.set(_XML_SPACE, "preserve")
                node.addnext(tail)
                _split_run_before(tail)
                break
            if start == at and start > 0:
                _split_run_before(node)
                break
    unit.refresh()


def _anchor(unit: _Unit, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) moved onto text runs hold; None when the paragraph has no such text."""
    spans = unit.spans()
    if not spans:
        return None
    if end <= start:   # an empty span: its next character (the last one at the paragraph's end)
        end = start + 1
    inside = [s for s in spans if s[0] < end and s[1] > start]
    if inside:
        return max(start, inside[0][0]), min(end, inside[-1][1])
    after = [s for s in spans if s[0] >= end]
    if after:
        return after[0][0], after[0][0] + 1
    last = spans[-1]
    return last[1] - 1, last[1]


def _first_run(spans: list, start: int):
    return next(node for s, _, node in spans if s >= start).getparent()


def _last_run(spans: list, end: int):
    return next(node for _, e, node in reversed(spans) if e <= end).getparent()


class Annotator:
    """Adds comments to a python-docx Document whose body reads as ``lines``."""

    def __init__(self, document, lines: list[str], label: str):
        self.document = document
        self.units = _units(document)
        if [u.text() for u in self.units] != lines:
            raise AnnotateError("Word 正文两次读出的内容不一致，无法加批注", label)

    def _place(self, finding: Finding) -> tuple[int, int, int, int] | None:
        """(paragraph, start, paragraph, end) the comment covers; start -1 when the paragraph has no text."""
        first, last = finding.line - 1, finding.end_line - 1
        if not 0 <= first < len(self.units):
            return None
        start, end = finding.column - 1, finding.end_column - 1
        if last != first and 0 <= last < len(self.units):
            a = _anchor(self.units[first], start, len(self.units[first].text()))
            b = _anchor(self.units[last], 0, end)
            if a and b:
                return first, a[0], last, b[1]
        spot = _anchor(self.units[first], start, end if last == first else len(self.units[first].text()))
        return (first, spot[0], first, spot[1]) if spot else (first, -1, first, -1)

    def annotate(self, findings: list[Finding]) -> int:
        """One comment per finding, in the findings' order; returns how many were added."""
        places = [self._place(f) for f in findings]
        cuts: dict[int, set[int]] = {}
        for place in places:
            if place and place[1] >= 0:
                cuts.setdefault(place[0], set()).add(place[1])
                cuts.setdefault(place[2], set()).add(place[3])
        for index, offsets in cuts.items():
            _cut(self.units[index], offsets)
        spans = {index: self.units[index].spans() for index in cuts}
        comments = _CommentWriter(self.document)
        for finding, place in zip(findings, places):
            if place is None:
                continue
            if place[1] < 0:
                comments.add_empty(self.units[place[0]].nodes[-1], comment_text(finding))
            else:
                comments.add(_first_run(spans[place[0]], place[1]), _last_run(spans[place[2]], place[3]),
                             comment_text(finding))
        return comments.flush()


class _CommentWriter:
    """Comments added in bulk: python-docx makes the comments part, the elements are built here.

    python-docx's own add_comment looks for a free id by scanning every comment
    (quadratic in their number: 8 s for a thousand findings); here the ids are
    counted and the comment elements parsed in one go.
    """

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        document.comments   # creates the comments part when the document has none
        self.root = next(rel.target_part.element for rel in document.part.rels.values()
                         if rel.reltype.endswith("/comments"))
        ids = [int(c.get(qn("w:id"))) for c in self.root if (c.get(qn("w:id")) or "").isdigit()]
        self.next_id = max(ids, default=-1) + 1
        self.pending: list[str] = []
        self.templates = None

    def _markers(self):
        """commentRangeStart, commentRangeEnd and the reference run of the next comment."""
        import copy

        if self.templates is None:
            from docx.oxml import OxmlElement

            reference = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:rStyle", attrs={self.qn("w:val"): "CommentReference"}))
            reference.append(rpr)
            reference.append(OxmlElement("w:commentReference"))
            self.templates = (OxmlElement("w:commentRangeStart"), OxmlElement("w:commentRangeEnd"), reference)
        cid = str(self.next_id)
        start, end, reference = (copy.deepcopy(t) for t in self.templates)
        for element in (start, end, reference[-1]):
            element.set(self.qn("w:id"), cid)
        return start, end, reference

    def _comment(self, text: str) -> None:
        from xml.sax.saxutils import escape

        self.pending.append(
            f'<w:comment w:id="{self.next_id}" w:author="{AUTHOR}" w:initials="{INITIALS}"><w:p><w:pPr>'
            '<w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:annotationRef/></w:r><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:comment>')
        self.next_id += 1

    def add(self, first_run, last_run, text: str) -> None:
        """A comment on the runs from ``first_run`` to ``last_run``."""
        start, end, reference = self._markers()
        first_run.addprevious(start)
        last_run.addnext(reference)
        last_run.addnext(end)
        self._comment(text)

    def add_empty(self, paragraph, text: str) -> None:
        """A comment on a paragraph with no text of its own: an empty range at its end."""
        for element in self._markers():
            paragraph.append(element)
        self._comment(text)

    def flush(self) -> int:
        """Add the comments built so far to the comments part; their number."""
        from docx.oxml.ns import nsdecls
        from docx.oxml.parser import parse_xml

        count = len(self.pending)
        if self.pending:
            wrapper = parse_xml(f'<w:comments {nsdecls("w")}>' + "".join(self.pending) + "</w:comments>")
            self.root.extend(list(wrapper))
        self.pending = []
        return count


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_zip(buffer.getvalue())


def annotate_docx(path: str | Path, lines: list[str], findings: list[Finding]) -> tuple[bytes, int]:
    """The .docx at ``path`` with a comment per finding (its body read as ``lines``), and the count."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises assorted errors on what our reader accepted
        raise AnnotateError(f"python-docx 无法打开此文件，不能加批注（{type(exc).__name__}）", path) from None
    count = Annotator(document, lines, str(path)).annotate(findings)
    return _save(document), count


def annotate_text(text: str, findings: list[Finding], label: str) -> tuple[bytes, int]:
    """A new .docx of ``text`` (a paragraph a line, as checked) with a comment per finding."""
    import docx

    document = docx.Document()
    body = document.element.body
    for paragraph in list(body):
        if word_name(paragraph.tag) == "p":
            body.remove(paragraph)
    lines = text.split("\n")
    for line in lines:
        document.add_paragraph(line.replace(LINE_BREAK_IN_PARAGRAPH, "\n"))
    count = Annotator(document, lines, label).annotate(findings)
    return _save(document), count


def check_copy_target(name: str, target: str | Path, force: bool) -> None:
    """Refuse, before any work, a copy that would overwrite the draft itself or (without --force) a file."""
    from writer.errors import UsageError
    from writer.io.files import check_output

    if name != "-" and Path(target).resolve() == Path(name).resolve():
        raise UsageError("批注副本不能写回原文件（原文件从不改动）", key="-o")
    check_output(target, force)


def write_annotated(name: str, text: str, findings: list[Finding], target: str | Path, force: bool) -> int:
    """Write the annotated copy of the draft ``name`` (read as ``text``); returns the comments written."""
    from writer.io.files import DOCX_SUFFIXES, atomic_write

    if name != "-" and Path(name).suffix.lower() in DOCX_SUFFIXES:
        data, count = annotate_docx(name, text.split("\n"), findings)
    else:
        data, count = annotate_text(text, findings, name)
    atomic_write(target, data, force)
    return count
