"""The .docx follows GB/T 9704-2012 for the body, read back with python-docx."""

from __future__ import annotations

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from test_render_support import bank_dir, run_render, write_facts  # noqa: F401 — fixture

from writer.render.docx import (LINE_SPACING_PT, STYLE_BODY, STYLE_H1, STYLE_H2, STYLE_TITLE, Block,
                                blocks_from_markup, write_docx)

BLOCKS = [
    Block("title", "2024年某县人社工作综述"),
    Block("p", "2024年，某县人社局坚持以习近平新时代中国特色社会主义思想为指导。"),
    Block("h1", "一、稳就业 保民生"),
    Block("h2", "（一）就业创业"),
    Block("p", "全年城镇新增就业1260人。"),
]


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(write_docx(BLOCKS)))


def east_asia(element) -> str | None:
    rpr = element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def close(length, value, tolerance=Mm(0.2)) -> bool:
    return abs(length - value) <= tolerance


def test_page_is_a4_with_gbt_margins(document):
    s = document.sections[0]
    assert close(s.page_width, Mm(210)) and close(s.page_height, Mm(297))
    assert close(s.top_margin, Mm(37)) and close(s.bottom_margin, Mm(35))
    assert close(s.left_margin, Mm(28)) and close(s.right_margin, Mm(26))


# role -> (style, East Asian font, size pt, alignment, first-line indent pt)
EXPECTED = {
    "title": (STYLE_TITLE, "方正小标宋简体", 22, WD_ALIGN_PARAGRAPH.CENTER, None),
    "p": (STYLE_BODY, "仿宋_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 32),
    "h1": (STYLE_H1, "黑体", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 32),
    "h2": (STYLE_H2, "楷体_GB2312", 16, WD_ALIGN_PARAGRAPH.JUSTIFY, 32),
}


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_paragraph_style_fonts_and_sizes(document, index):
    block = BLOCKS[index]
    style_name, font, size, align, indent = EXPECTED[block.role]
    paragraph = document.paragraphs[index]
    assert paragraph.text == block.text
    style = paragraph.style
    assert style.name == style_name
    # The East Asian font on the style and on the run, not only the Latin one.
    assert east_asia(style.element) == font
    assert style.font.size == Pt(size)
    # Runs carry no formatting of their own: the style decides (restyling restyles every heading).
    run = paragraph.runs[0]
    assert run._r.rPr is None
    assert not style.font.bold
    fmt = style.paragraph_format
    assert fmt.alignment == align
    if indent is None:
        assert not fmt.first_line_indent
    else:
        assert fmt.first_line_indent == Pt(indent)
    if block.role != "title":
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert fmt.line_spacing == Pt(LINE_SPACING_PT)


def test_page_numbers_in_the_footer(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
        assert xml.count("w:fldCharType=") == 3
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.paragraph_format.alignment == align
        for run in paragraph.runs:
            assert run.font.size == Pt(14)
            assert east_asia(run._r) == "宋体"


def test_same_blocks_same_bytes():
    assert write_docx(BLOCKS) == write_docx(BLOCKS)


def test_blocks_from_markup():
    markup = "@title 标题\n\n@h1 一、甲\n@p 正文\n没有标记的一行\n@unknown 也是正文\n@p \n"
    assert blocks_from_markup(markup) == [
        Block("title", "标题"), Block("h1", "一、甲"), Block("p", "正文"),
        Block("p", "没有标记的一行"), Block("p", "@unknown 也是正文")]


def test_cli_writes_a_docx_with_the_draft(tmp_path, bank_dir):
    facts = write_facts(tmp_path / "facts.yaml")
    out = tmp_path / "draft.docx"
    result = run_render([facts, "-o", out, "--bank", bank_dir, "--no-generate"])
    assert result.exit_code == 0, result.output + result.stderr
    document = docx.Document(str(out))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == STYLE_TITLE
    headings = [p.text for p in document.paragraphs if p.style.name == STYLE_H1]
    assert [h.split("、")[0] for h in headings] == ["一", "二", "三"]
    assert headings[0] == "一、稳就业 保民生 就业局势总体稳定"
    body = "".join(p.text for p in document.paragraphs if p.style.name == STYLE_BODY)
    assert "全年城镇新增就业1260人" in body
    # The same facts and seed give the same file.
    again = tmp_path / "again.docx"
    run_render([facts, "-o", again, "--bank", bank_dir, "--no-generate"])
    assert out.read_bytes() == again.read_bytes()
