"""The text of a Word body as a reader sees it, paragraph by paragraph, with where each piece lives.

What counts as text (the document after accepting every tracked change):

- runs' ``w:t`` (a ``w:tab`` is a tab, a line break ``w:br``/``w:cr`` a newline,
  a non-breaking hyphen a hyphen), inside tracked insertions (``w:ins``,
  ``w:moveTo``), hyperlinks, fields' results, content controls, smart tags
  and elements of other namespaces (WPS and others wrap runs in their own);
- automatic numbering (writer.corpus.numbering), put before the paragraph's text;
- table cells' paragraphs, read row by row, each a paragraph of its own.

Left out: deletions (``w:del``, ``w:moveFrom``, deleted table rows),
hidden runs (``w:vanish``), field instructions, drawings and text boxes,
math, and the parts outside the body (headers, footers, comments,
footnotes). A paragraph whose mark is deleted joins the next one.

Each paragraph is a list of pieces ``(text, node)``: ``node`` is the run's
child holding the text (``w:t``, ``w:tab``…), or None for text no run holds
(a numbering label). writer check --annotate anchors comments through the
nodes. Works on ElementTree and lxml elements alike.
"""

from __future__ import annotations

from typing import Iterator

from writer.corpus.numbering import Numbering

_WORD_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    "http://purl.oclc.org/ooxml/wordprocessingml/main")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + _WORD_NAMESPACES[0] + "}"
_W_STRICT = "{" + _WORD_NAMESPACES[1] + "}"

# Word elements whose whole subtree is no part of the text.
_SKIPPED = frozenset({"del", "moveFrom", "pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr",
                      "sectPr", "altChunk", "customXmlPr", "smartTagPr", "fldData"})
# A run's children that are text, and what each reads as (w:t is its own text).
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}

Piece = tuple[str, object]


def word_name(tag) -> str | None:
    """The local name of a Word element, '' for another namespace's, None for comments and PIs."""
    if not isinstance(tag, str):
        return None
    if tag[0] != "{":
        return ""
    namespace, _, name = tag[1:].partition("}")
    if namespace in _WORD_NAMESPACES:
        return name
    return "mc:" + name if namespace == _MC else ""


def _get(element, name: str) -> str | None:
    value = element.get(_W + name)
    return value if value is not None else element.get(_W_STRICT + name)


def _find(element, name: str):
    found = element.find(_W + name)
    return found if found is not None else element.find(_W_STRICT + name)


def _on(element) -> bool:
    """Whether an on/off property element (w:vanish, w:del…) is on."""
    return element is not None and (_get(element, "val") or "true") not in ("0", "false", "off")


def _hidden(run) -> bool:
    rpr = _find(run, "rPr")
    return rpr is not None and (_on(_find(rpr, "vanish")) or _on(_find(rpr, "specVanish")))


def _run_pieces(run, out: list[Piece]) -> None:
    if _hidden(run):
        return
    for child in run:
        name = word_name(child.tag)
        if name == "t":
            if child.text:
                out.append((child.text, child))
        elif name == "br":
            if (_get(child, "type") or "textWrapping") == "textWrapping":
                out.append(("\n", child))
        elif name in _RUN_TEXT:
            out.append((_RUN_TEXT[name], child))


def _alternative(element):
    """The branch of an mc:AlternateContent a consumer without extensions reads: its fallback."""
    choice = None
    for child in element:
        name = word_name(child.tag)
        if name == "mc:Fallback":
            return child
        if name == "mc:Choice" and choice is None:
            choice = child
    return choice


def inline_pieces(element, out: list[Piece]) -> list[Piece]:
    """The pieces of the runs under ``element`` (a paragraph or a container inside one), in order."""
    for child in element:
        name = word_name(child.tag)
        if name is None or name in _SKIPPED:
            continue
        if name == "r":
            _run_pieces(child, out)
        elif name == "mc:AlternateContent":
            branch = _alternative(child)
            if branch is not None:
                inline_pieces(branch, out)
        elif name not in ("p", "tbl", "drawing", "pict", "object", "oMath", "oMathPara"):
            inline_pieces(child, out)
    return out


def mark_deleted(paragraph) -> bool:
    """Whether the paragraph mark is a tracked deletion (the paragraph joins the next)."""
    ppr = _find(paragraph, "pPr")
    rpr = _find(ppr, "rPr") if ppr is not None else None
    return rpr is not None and _find(rpr, "del") is not None


def _row_deleted(row) -> bool:
    trpr = _find(row, "trPr")
    return trpr is not None and _find(trpr, "del") is not None


class BodyText:
    """Paragraphs of a body in reading order; holds the numbering counters and a pending joined paragraph."""

    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.pending: list[Piece] = []
        self.pending_nodes: list = []

    def paragraphs(self, element) -> Iterator[tuple[list[Piece], list]]:
        """(pieces, w:p elements) of each paragraph in ``element`` (a body-level block)."""
        name = word_name(element.tag)
        if name is None or name in _SKIPPED:
            return
        if name == "p":
            yield from self._paragraph(element)
        elif name == "tbl":
            for row in element:
                if word_name(row.tag) == "tr" and not _row_deleted(row):
                    for cell in row:
                        yield from self._cell(cell)
                elif word_name(row.tag) not in ("tr", None) and word_name(row.tag) not in _SKIPPED:
                    yield from self._cell(row)   # a content control around rows
        elif name == "mc:AlternateContent":
            branch = _alternative(element)
            if branch is not None:
                for child in branch:
                    yield from self.paragraphs(child)
        elif name not in ("drawing", "pict", "object"):
            for child in element:
                yield from self.paragraphs(child)

    def _cell(self, cell) -> Iterator[tuple[list[Piece], list]]:
        for child in cell:
            yield from self.paragraphs(child)

    def _paragraph(self, paragraph) -> Iterator[tuple[list[Piece], list]]:
        if mark_deleted(paragraph):
            inline_pieces(paragraph, self.pending)
            self.pending_nodes.append(paragraph)
            return
        label = self.numbering.label(paragraph)
        pieces: list[Piece] = [(label, None)] if label else []
        pieces.extend(self.pending)
        inline_pieces(paragraph, pieces)
        nodes = [*self.pending_nodes, paragraph]
        self.pending, self.pending_nodes = [], []
        yield pieces, nodes

    def finish(self) -> Iterator[tuple[list[Piece], list]]:
        """The last paragraph when the document ends on a deleted paragraph mark."""
        if self.pending_nodes:
            pieces, nodes = self.pending, self.pending_nodes
            self.pending, self.pending_nodes = [], []
            yield pieces, nodes


def piece_text(pieces: list[Piece]) -> str:
    return "".join(text for text, _ in pieces)
