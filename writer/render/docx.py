"""A .docx laid out after GB/T 9704-2012 (党政机关公文格式) for the body of a summary.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. Title 2号
(22 pt) 方正小标宋简体, centred. Body 3号 (16 pt) 仿宋_GB2312, first line
indented two characters, fixed 28 pt line spacing. First-level headings 黑体,
second-level 楷体_GB2312 (both 3号, numbering as the template writes it).
Page numbers “— 1 —” in 4号 (14 pt) 宋体 at the foot, odd pages right and
even pages left, one character in from the edge, through a PAGE field.

Chinese fonts are set as ``w:eastAsia`` (Word picks the East Asian font for
Chinese characters from that attribute alone), and on the styles as well as
on every run, so the layout survives a change of the default font.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
# GB/T 9704: the page number sits 7 mm below the text block (bottom margin 35 mm);
# a 4号 line is about 5 mm high, so the footer's bottom edge is about 23 mm up.
FOOTER_DISTANCE_MM = 23

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22
BODY_FONT, BODY_PT = "仿宋_GB2312", 16
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT, PAGE_NUMBER_PT = "宋体", 14
LINE_SPACING_PT = 28
TITLE_LINE_SPACING_PT = 36

STYLE_TITLE, STYLE_BODY, STYLE_H1, STYLE_H2 = "公文标题", "公文正文", "公文一级标题", "公文二级标题"
ROLES = ("title", "h1", "h2", "p")


@dataclass
class Block:
    """One paragraph of the document and its role (title, h1, h2, p)."""

    role: str
    text: str


def blocks_from_markup(markup: str) -> list[Block]:
    """Paragraphs from the docx template's output: ``@role text`` per line.

    A line without a known ``@role`` is a body paragraph; blank lines are skipped.
    """
    blocks = []
    for line in markup.splitlines():
        line = line.strip()
        if not line:
            continue
        role, text = "p", line
        if line.startswith("@"):
            head, _, rest = line.partition(" ")
            if head[1:] in ROLES:
                role, text = head[1:], rest.strip()
        if text:
            blocks.append(Block(role, text))
    return blocks


def _set_fonts(rpr_owner, font: str, size_pt: float) -> None:
    """Latin and East Asian font and size on a run or a style."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rpr_owner.font.name = font
    rpr_owner.font.size = Pt(size_pt)
    rpr = rpr_owner.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    # Theme fonts would override the names above.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _first_line_chars(paragraph_format_owner, chars: int, size_pt: float) -> None:
    """A first-line indent of ``chars`` characters (in characters for Word, in points for others)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph_format_owner.paragraph_format.first_line_indent = Pt(chars * size_pt)
    ppr = paragraph_format_owner.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(chars * 100))


def _outline_level(style, level: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), str(level))
    ppr.append(lvl)


def _styles(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT, BODY_PT)

    def make(name: str, font: str, size: float, *, indent: bool, align, spacing: float,
             outline: int | None = None):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _set_fonts(style, font, size)
        style.font.bold = False
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spacing)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        if indent:
            _first_line_chars(style, 2, size)
        if outline is not None:
            _outline_level(style, outline)
        return style

    make(STYLE_BODY, BODY_FONT, BODY_PT, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
         spacing=LINE_SPACING_PT)
    title = make(STYLE_TITLE, TITLE_FONT, TITLE_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER,
                 spacing=TITLE_LINE_SPACING_PT, outline=0)
    # One empty body line between the title and the text.
    title.paragraph_format.space_after = Pt(LINE_SPACING_PT)
    make(STYLE_H1, H1_FONT, BODY_PT, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
         spacing=LINE_SPACING_PT, outline=1)
    make(STYLE_H2, H2_FONT, BODY_PT, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
         spacing=LINE_SPACING_PT, outline=2)


def _page_number_paragraph(paragraph, odd: bool) -> None:
    """``— N —`` with a PAGE field; odd pages right, even pages left, one character in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    fmt.first_line_indent = Pt(0)

    def run(text: str | None = None, field: str | None = None, instr: str | None = None):
        r = paragraph.add_run(text or "")
        _set_fonts(r, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        if field:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), field)
            r._r.append(el)
        if instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r._r.append(el)
        return r

    run("— ")
    run(field="begin")
    run(instr=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def write_docx(blocks: list[Block], title: str | None = None) -> bytes:
    """The .docx bytes for ``blocks``; the same blocks always give the same bytes."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], odd=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)

    fonts = {"title": (STYLE_TITLE, TITLE_FONT, TITLE_PT), "h1": (STYLE_H1, H1_FONT, BODY_PT),
             "h2": (STYLE_H2, H2_FONT, BODY_PT), "p": (STYLE_BODY, BODY_FONT, BODY_PT)}
    for block in blocks:
        style, font, size = fonts[block.role]
        paragraph = document.add_paragraph(style=style)
        _set_fonts(paragraph.add_run(block.text), font, size)

    props = document.core_properties
    first_title = next((b.text for b in blocks if b.role == "title"), None)
    props.title = title or first_title or ""
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, so equal documents are equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
