"""A .docx laid out after GB/T 9704-2012 (党政机关公文格式), with Word's own styles.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm: a text block of
156 mm × 225 mm holding a document grid of 22 lines × 28 characters
(§5.2.3): a line grid (``w:docGrid`` type lines, pitch 225 mm / 22), every
paragraph's line spacing exactly one grid line, and 3号 text set 0.25 pt
closer, so 28 characters of 16 pt fill the 156 mm line. Word's character
grid (type linesAndChars with a negative ``w:charSpace``) would say the same
to Word, but LibreOffice 7.4 lays it out as about 14 characters a line, so the
narrowing is in the styles, where Word, WPS and LibreOffice all honour it.

The paragraphs carry Word's built-in styles, so the navigation pane shows the
outline and the writer goes on editing with styles: 标题 (Title) 2号 (22 pt)
方正小标宋简体, centred, followed by one empty line; 标题 1 (Heading 1,
outline level 1) 黑体 and 标题 2 (Heading 2, outline level 2) 楷体_GB2312,
both 3号 with numbering as the template writes it (一、 （一）); 正文
(Normal) 3号 (16 pt) 仿宋_GB2312, first line indented two characters. Runs
carry no formatting of their own: restyling a heading restyles every heading.

Chinese fonts are set as ``w:eastAsia`` (Word and WPS pick the East Asian
font for Chinese characters from that attribute alone) on the document
defaults and on every style, with the theme fonts removed. The font table
names the common substitute of each 公文 font (方正小标宋简体 → 宋体,
仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体) for machines without it.
Page numbers “— 1 —” in 4号 (14 pt) 宋体 at the foot, odd pages right and
even pages left, one character in from the edge, through a PAGE field.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
# GB/T 9704: the page number sits 7 mm below the text block (bottom margin 35 mm);
# a 4号 line is about 5 mm high, so the footer's bottom edge is about 23 mm up.
FOOTER_DISTANCE_MM = 23
GRID_LINES, GRID_CHARS = 22, 28

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22
BODY_FONT, BODY_PT = "仿宋_GB2312", 16
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT, PAGE_NUMBER_PT = "宋体", 14
# The substitute a machine without the font should use (w:altName in the font table).
FONT_FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H2_FONT: "楷体", H1_FONT: "SimHei",
                  PAGE_NUMBER_FONT: "SimSun"}

STYLE_TITLE, STYLE_BODY, STYLE_H1, STYLE_H2 = "Title", "Normal", "Heading 1", "Heading 2"
ROLES = ("title", "h1", "h2", "p")
STYLE_OF_ROLE = {"title": STYLE_TITLE, "h1": STYLE_H1, "h2": STYLE_H2, "p": STYLE_BODY}
# Word's outline levels count from 0 (shown as 1级): the title is body text in the outline.
OUTLINE_LEVELS = {STYLE_H1: 0, STYLE_H2: 1}

_TWIPS_PER_MM = 1440 / 25.4


def document_grid() -> tuple[int, int]:
    """(line pitch in twips, character spacing of 3号 text in twips) for 22 lines × 28 characters.

    The line pitch divides the block's height by 22; the spacing narrows
    each 16 pt character just enough that 28 fit the block's width (both
    round down, so 22 lines and 28 characters always fit, 23 and 29 never).
    """
    block_w = (PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) * _TWIPS_PER_MM
    block_h = (PAGE_HEIGHT_MM - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * _TWIPS_PER_MM
    return math.floor(block_h / GRID_LINES), math.floor(block_w / GRID_CHARS - BODY_PT * 20)


LINE_PITCH_TWIPS, CHAR_SPACING_TWIPS = document_grid()
LINE_SPACING_PT = LINE_PITCH_TWIPS / 20  # every line exactly one grid line (28.95 pt)


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
    """Latin and East Asian font and size on a run or a style, theme fonts removed."""
    from docx.shared import Pt

    rpr_owner.font.name = font
    rpr_owner.font.size = Pt(size_pt)
    _font_names(rpr_owner.element.get_or_add_rPr(), font)


def _font_names(rpr, font: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    # Theme fonts would override the names above.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]


def _first_line_chars(style, chars: int, size_pt: float) -> None:
    """A first-line indent of ``chars`` characters (in characters for Word and WPS, in points for others)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.paragraph_format.first_line_indent = Pt(chars * size_pt)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(chars * 100))


# Schema order of the children writer sets (ECMA-376 CT_RPr, CT_PPr, CT_SectPr): Word
# rejects a file whose properties stand out of order.
_CHILD_ORDER = (
    ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
     "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
     "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
     "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
     "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
     "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
     "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
     "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
     "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
     "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    ("w:footnotePr", "w:endnotePr", "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders",
     "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
     "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
)
_PARENT_ORDER = {"rPr": _CHILD_ORDER[0], "pPr": _CHILD_ORDER[1], "sectPr": _CHILD_ORDER[2]}


def _set_child(parent, tag: str, **attrs: str) -> None:
    """``parent``'s only ``tag`` child, with ``attrs`` (w: attributes), in its schema place."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    order = _PARENT_ORDER[parent.tag.rpartition("}")[2]]
    later = {qn(t) for t in order[order.index(tag) + 1:]}
    successor = next((child for child in parent if child.tag in later), None)
    if successor is None:
        parent.append(el)
    else:
        successor.addprevious(el)


def _clear(style) -> None:
    """The template's paragraph and character properties off ``style`` (borders, colours, theme fonts)."""
    from docx.oxml.ns import qn

    for tag in ("w:pPr", "w:rPr"):
        for el in style.element.findall(qn(tag)):
            style.element.remove(el)


def _document_defaults(document) -> None:
    """Body font, size and Chinese as the language for text outside any style, and no spacing after."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _font_names(rpr, BODY_FONT)
    _set_child(rpr, "w:sz", val=str(BODY_PT * 2))
    _set_child(rpr, "w:szCs", val=str(BODY_PT * 2))
    _set_child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_child(ppr, "w:spacing", after="0", line=str(LINE_PITCH_TWIPS), lineRule="exact")


def _style(document, name: str, font: str, size: float, *, indent: bool, align) -> object:
    """A built-in paragraph style set anew: font, size, alignment, indent, one grid line a line."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    style = document.styles[name]
    _clear(style)
    style.quick_style = True
    _set_fonts(style, font, size)
    style.font.bold = False
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        _first_line_chars(style, 2, size)
    else:
        fmt.first_line_indent = Pt(0)
        style.element.pPr.find(qn("w:ind")).set(qn("w:firstLineChars"), "0")
    if size == BODY_PT:
        _set_child(style.element.get_or_add_rPr(), "w:spacing", val=str(CHAR_SPACING_TWIPS))
    if name in OUTLINE_LEVELS:
        fmt.keep_with_next = True
        fmt.keep_together = True
        _set_child(style.element.get_or_add_pPr(), "w:outlineLvl", val=str(OUTLINE_LEVELS[name]))
    return style


def _styles(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Twips

    _document_defaults(document)
    justify, centre = WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.CENTER
    _style(document, STYLE_BODY, BODY_FONT, BODY_PT, indent=True, align=justify)
    title = _style(document, STYLE_TITLE, TITLE_FONT, TITLE_PT, indent=False, align=centre)
    # One empty body line between the title and the text; the 2号 line keeps to its own
    # exact spacing (LibreOffice would give it two grid lines, Word gives it one).
    title.paragraph_format.space_after = Twips(LINE_PITCH_TWIPS)
    _set_child(title.element.get_or_add_pPr(), "w:snapToGrid", val="0")
    _style(document, STYLE_H1, H1_FONT, BODY_PT, indent=True, align=justify)
    _style(document, STYLE_H2, H2_FONT, BODY_PT, indent=True, align=justify)
    footer = document.styles["Footer"]
    footer.paragraph_format.first_line_indent = Twips(0)


def _grid(section) -> None:
    """The section's line grid: 22 lines to the page."""
    _set_child(section._sectPr, "w:docGrid", type="lines", linePitch=str(LINE_PITCH_TWIPS))


def _font_table(xml: bytes) -> bytes:
    """The font table naming each font's substitute, charset GB2312, so a machine without it picks a like one."""
    from lxml import etree

    root = etree.fromstring(xml)
    w = root.nsmap["w"]
    for font, fallback in FONT_FALLBACKS.items():
        el = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": font})
        for tag, value in (("altName", fallback), ("charset", "86"), ("family", "auto"), ("pitch", "variable")):
            etree.SubElement(el, f"{{{w}}}{tag}", {f"{{{w}}}val": value})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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

    from writer.io.sanitize import for_xml

    blocks, title = [Block(b.role, for_xml(b.text)) for b in blocks], title and for_xml(title)
    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    _grid(section)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer.paragraphs[0], odd=True)
    _page_number_paragraph(section.even_page_footer.paragraphs[0], odd=False)

    for block in blocks:
        document.add_paragraph(block.text, style=STYLE_OF_ROLE[block.role])

    props = document.core_properties
    first_title = next((b.text for b in blocks if b.role == "title"), None)
    props.title = title or first_title or ""
    props.author = ""
    props.last_modified_by = ""
    props.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), {"word/fontTable.xml": _font_table})


def _stable_zip(data: bytes, rewrite: dict | None = None) -> bytes:
    """The same archive with fixed entry times, so equal documents are equal bytes;
    the entries named in ``rewrite`` pass through its function on the way."""
    out = io.BytesIO()
    rewrite = rewrite or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            dst.writestr(fixed, rewrite[info.filename](body) if info.filename in rewrite else body)
    return out.getvalue()
