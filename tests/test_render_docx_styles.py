"""The rendered .docx uses Word's own styles and GB/T 9704's grid, read back from the file,
and (where LibreOffice is installed) laid out as the standard says: bookmarks, 22 lines, 28 characters."""

from __future__ import annotations

import io
import math
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from lxml import etree
import test_docx
from pdf_support import needs_soffice, soffice_pdf

from writer.render.docx import (CHAR_SPACING_TWIPS, FONT_FALLBACKS, LINE_PITCH_TWIPS, Block,
                                write_docx)

BLOCKS = [
    *test_docx.BLOCKS,
    Block("h2", "（二）技能培训"),
    Block("p", "开展职业技能培训4200人次。"),
    Block("h1", "二、强保障 惠民生"),
    Block("p", "城乡居民养老保险参保人数达到15.8万人。"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def data() -> bytes:
    return write_docx(BLOCKS)


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


# role → (Word's style id, its outline level or None, East Asian font, size in pt)
ROLES = {
    "title": ("Title", None, "方正小标宋简体", 22),
    "h1": ("Heading1", 0, "黑体", 16),
    "h2": ("Heading2", 1, "楷体_GB2312", 16),
    "p": ("Normal", None, "仿宋_GB2312", 16),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_a_built_in_style(document, role):
    style_id, outline, font, size = ROLES[role]
    paragraphs = [p for p, b in zip(document.paragraphs, BLOCKS) if b.role == role]
    assert paragraphs and all(p.style.style_id == style_id for p in paragraphs)
    style = paragraphs[0].style
    level = style.element.pPr.find(qn("w:outlineLvl"))
    assert (None if level is None else int(level.get(qn("w:val")))) == outline
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == font and fonts.get(qn("w:ascii")) == font
    assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")]
    assert style.font.size == Pt(size) and style.font.bold is False
    assert style.element.rPr.find(qn("w:color")) is None  # the template's blue is gone
    assert style.element.pPr.find(qn("w:pBdr")) is None  # and the title's rule
    # Runs carry nothing of their own: restyling a heading restyles every heading.
    assert all(run._r.rPr is None for p in paragraphs for run in p.runs)


def test_headings_keep_with_what_follows(document):
    for style_id in ("Heading1", "Heading2"):
        fmt = document.styles.get_by_id(style_id, 1).paragraph_format
        assert fmt.keep_with_next and fmt.keep_together


def test_indents_and_alignment(document):
    styles = {s.style_id: s for s in document.styles if s.type == 1}
    for style_id in ("Normal", "Heading1", "Heading2"):
        fmt = styles[style_id].paragraph_format
        assert fmt.first_line_indent == Pt(32)  # two 16 pt characters
        assert styles[style_id].element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
        assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    title = styles["Title"].paragraph_format
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.first_line_indent == 0
    assert title.space_after == Twips(LINE_PITCH_TWIPS)  # one empty line under the title
    for style in styles.values():
        if style.style_id in ROLES_BY_ID:
            assert style.paragraph_format.line_spacing == Twips(LINE_PITCH_TWIPS)


ROLES_BY_ID = {v[0] for v in ROLES.values()}


def test_document_defaults_are_chinese(data):
    styles = part(data, "word/styles.xml")
    rpr = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert rpr.find(f"{W}rFonts").get(f"{W}eastAsia") == "仿宋_GB2312"
    assert rpr.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"
    assert rpr.find(f"{W}sz").get(f"{W}val") == "32"
    # Schema order inside the properties (Word refuses a file that breaks it).
    tags = [child.tag.rpartition("}")[2] for child in rpr]
    assert tags.index("rFonts") < tags.index("sz") < tags.index("szCs") < tags.index("lang")


def test_grid_gives_22_lines_of_28_characters(document):
    section = document.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == LINE_PITCH_TWIPS
    height = section.page_height - section.top_margin - section.bottom_margin
    width = section.page_width - section.left_margin - section.right_margin
    assert close(height, Mm(225)) and close(width, Mm(156))
    pitch = Twips(LINE_PITCH_TWIPS)
    assert 22 * pitch <= height < 23 * pitch
    char = Pt(16) + Twips(CHAR_SPACING_TWIPS)  # each 3号 character, narrowed
    assert 28 * char <= width < 29 * char
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == CHAR_SPACING_TWIPS


def close(length, value, tolerance=Mm(0.2)) -> bool:
    return abs(length - value) <= tolerance


def test_font_table_names_substitutes(data):
    table = part(data, "word/fontTable.xml")
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
           for f in table.findall(f"{W}font") if f.find(f"{W}altName") is not None}
    assert alt["方正小标宋简体"] == "宋体" and alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体"
    assert set(FONT_FALLBACKS) <= set(alt)


# ---------------------------------------------------------------- laid out by LibreOffice

LONG = [Block("title", "某县人社工作综述"), Block("h1", "一、就业创业"), Block("h2", "（一）稳岗扩岗"),
        *[Block("p", "就业是最基本的民生县人社局坚持把稳就业摆在突出位置" * 6) for _ in range(6)],
        Block("h2", "（二）技能培训"), Block("p", "开展职业技能培训四千二百人次"), Block("h1", "二、社会保障"),
        Block("p", "城乡居民养老保险参保人数稳步增长")]


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render-pdf")
    source = folder / "draft.docx"
    source.write_bytes(write_docx(LONG))
    return soffice_pdf(source, folder)


@needs_soffice
def test_headings_become_the_pdf_outline(laid_out):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(laid_out))
    outline = [(item.level, item.get_title()) for item in document.get_toc()]
    document.close()
    assert outline == [(0, "一、就业创业"), (1, "（一）稳岗扩岗"), (1, "（二）技能培训"), (0, "二、社会保障")]


@needs_soffice
def test_page_holds_22_lines_of_28_characters(laid_out):
    from writer.corpus.pdf import pdf_pages

    first, second = pdf_pages(laid_out)[:2]
    body = [line for line in second if line.top > 100]  # page 2: body text only, footer aside
    tops = [line.top for line in body]
    steps = {round(a - b, 1) for a, b in zip(tops, tops[1:])}
    assert steps <= {28.9, 29.0} and len(body) == 22
    full = [line.text for line in body if len(line.text) > 20]
    # A full line of 3号 text holds 28 characters (26 after a paragraph's two-character indent).
    assert {len(text) for text in full} <= {26, 28} and sum(len(t) == 28 for t in full) >= 10
    # Page 1: the title, one empty line, then body lines down to the same 22nd grid line.
    top_lines = [line for line in first if line.top > 100]
    assert len(top_lines) == 21 and top_lines[0].text == "某县人社工作综述"
    assert round(top_lines[-1].top, 1) == round(body[-1].top, 1)
    assert round(top_lines[1].top, 1) == round(body[2].top, 1)  # the h1 on grid line 3
    left = min(line.x0 for line in body) / 72 * 25.4
    assert math.isclose(left, 28, abs_tol=0.5)  # the left margin, in mm
