"""Word files built in the tests: python-docx's blank document with a raw body, numbering and parts.

Each builder writes the XML Word (or WPS) itself writes for the case, so the
reader and the annotator meet tracked changes, numbering, tables, WPS
namespaces and the parts outside the body exactly as they come from users.
"""

from __future__ import annotations

import functools
import io
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (f'xmlns:w="{W_NS}" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
              'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:v="urn:schemas-microsoft-com:vml" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
              'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData"')


@functools.lru_cache(maxsize=1)
def blank_docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, parts: dict[str, bytes | str], drop: tuple[str, ...] = ()) -> bytes:
    """``data`` (a zip) with members replaced or added and some dropped."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop or info.filename in parts:
                continue
            dst.writestr(info.filename, src.read(info))
        for name, content in parts.items():
            dst.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()


def run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*inner: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{''.join(inner)}</w:p>"


def numbered(text: str, level: int, num_id: int = 1, props: str = "") -> str:
    return para(run(text, props), ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')


def document_xml(body: str, root_attrs: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NAMESPACES} {root_attrs}>'
            f'<w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def docx_with_body(body: str, numbering: str | None = None, root_attrs: str = "") -> bytes:
    parts: dict[str, str] = {"word/document.xml": document_xml(body, root_attrs)}
    if numbering is not None:
        parts["word/numbering.xml"] = numbering
    return rewrite(blank_docx(), parts)


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/>{extra}</w:lvl>')


def numbering_xml(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """Abstract definitions (id → levels) and lists (numId → (abstract id, overrides XML))."""
    body = "".join(f'<w:abstractNum w:abstractNumId="{a}">{"".join(levels)}</w:abstractNum>'
                   for a, levels in abstracts.items())
    body += "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>'
                    for n, (a, extra) in nums.items())
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {NAMESPACES}>{body}</w:numbering>'


# The 公文 outline: 一、 （一） 1. （1）
GONGWEN_LEVELS = [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）"),
                  level(2, "decimal", "%3."), level(3, "decimal", "（%4）")]


def with_header_footer_comment_footnote(data: bytes) -> bytes:
    """``data`` with a header, a footer, a comment (python-docx) and a footnote part (raw)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉：某县人社局"
    section.footer.paragraphs[0].text = "第 1 页"
    first = document.paragraphs[0]
    document.add_comment(first.runs[:1], "批注：这句要改", author="审稿人")
    buffer = io.BytesIO()
    document.save(buffer)
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NAMESPACES}>'
                 f'<w:footnote w:id="1"><w:p>{run("脚注：数据来自统计局")}</w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        rels = z.read("word/_rels/document.xml.rels").decode()
        types = z.read("[Content_Types].xml").decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    types = types.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    return rewrite(buffer.getvalue(), {"word/footnotes.xml": footnotes, "word/_rels/document.xml.rels": rels,
                                       "[Content_Types].xml": types})


def text_docx(lines: list[str]) -> bytes:
    """A .docx with one paragraph (one run) per line, made with python-docx."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


INS_TEMPLATE = '<w:ins w:id="901" w:author="甲" w:date="2024-01-01T00:00:00Z">{inner}</w:ins>'
