"""A paragraph's text as kept: bylines, cut markers and essay-site asides removed, a PDF's letter-spacing
folded. (Out of structure.py, which decides where paragraphs are, to keep that module under 500 lines.)"""

from __future__ import annotations

import re

from writer.corpus.chrome import is_editor_note, is_essay_site_sentence, strip_abridgement
from writer.corpus.cleaning import strip_bylines
from writer.zh import split_sentences

# Inside a paragraph of running text a space between two Chinese characters is an extraction artefact
# (the space that separates a heading from its text, 继续抓好城乡规划 按照…, is cut before this).
_SPACE_IN_WORDS = re.compile("(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_SPACED_PARAGRAPH = 60


def _unspaced(paragraph: str) -> str:
    """向各位代表报 告, 高举 邓小平理论 → no space: a PDF's letter-spacing inside a sentence. A space inside
    quotation marks (“学百年党史 送真诚祝福”) separates the halves of a slogan and stays."""
    out: list[str] = []
    start = depth = 0  # depth: quotation marks open before the space
    for m in _SPACE_IN_WORDS.finditer(paragraph):
        piece = paragraph[start:m.start()]
        depth += piece.count("“") - piece.count("”")
        out.append(piece + (" " if depth > 0 else ""))
        start = m.end()
    return "".join(out) + paragraph[start:]


def finish_paragraph(text: str) -> str:
    """Bylines, cut markers and essay-site asides removed; bullets dropped; an editor's note is ""."""
    if is_editor_note(text):
        return ""
    s = strip_abridgement(strip_bylines(text))
    s = re.sub(r"^[★☆●○■□◆◇▲△▶►•·\-]+\s*", "", s)
    if " " in s and len(s) > _SPACED_PARAGRAPH:
        s = _unspaced(s)
    if is_essay_site_sentence(s):
        s = "".join(x for x in split_sentences(s) if not is_essay_site_sentence(x))
    return s
