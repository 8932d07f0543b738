"""Making PDFs for the reading tests: Word files laid out by LibreOffice, and hand-written PDFs.

A test that converts skips when ``soffice`` is absent. Each conversion runs
with a profile of its own, so conversions running at the same time (other
tests, other sessions) do not trip over LibreOffice's profile lock.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is absent")


def _page_field(paragraph) -> None:
    """``— N —`` through a PAGE field, as Word writes page numbers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.text = text
        else:
            run.text = text
            continue
        run._r.append(el)
    paragraph.add_run(" —")


def paged_docx(paragraphs: list[str], header: str, *, page_mm=(210, 297), margin_mm=25,
               size_pt=12, indent=True, breaks_before: tuple[int, ...] = ()) -> bytes:
    """A Word file of ``paragraphs`` (an empty one stays an empty paragraph) with a running
    header, page numbers in the footer and, with ``indent``, first lines indented two characters."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(page_mm[0]), Mm(page_mm[1])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(margin_mm))
    section.header.paragraphs[0].text = header
    _page_field(section.footer.paragraphs[0])
    normal = document.styles["Normal"]
    normal.font.size = Pt(size_pt)
    normal.paragraph_format.space_after = Pt(0)
    for k, text in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if k in breaks_before:
            paragraph.insert_paragraph_before().add_run().add_break(WD_BREAK.PAGE)
        if indent and text:
            paragraph.paragraph_format.first_line_indent = Pt(2 * size_pt)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soffice_pdf(source: Path, outdir: Path) -> Path:
    """``source`` converted to PDF by LibreOffice into ``outdir``."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is absent")
    with tempfile.TemporaryDirectory(prefix="writer-soffice-") as profile:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(source)],
                       check=True, capture_output=True, timeout=300)
    out = outdir / (source.stem + ".pdf")
    assert out.is_file(), f"LibreOffice wrote no PDF for {source}"
    return out


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def handmade_pdf(content: bytes, resources: bytes = b"<< >>", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF with the given content stream (objects 5… are ``extra``), with a true xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
        + resources + b" >>",
        _stream(b"", content),
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# A page as a scanner makes it: a picture (an 8×8 grey image stretched over the page), no text.
SCANNED_PAGE = handmade_pdf(
    b"q 500 0 0 700 40 60 cm /Im1 Do Q",
    b"<< /XObject << /Im1 5 0 R >> >>",
    (_stream(b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
             bytes(range(0, 256, 4))),))
# A page with one line of text in a standard font: what the scanned page lacks.
TEXT_PAGE = handmade_pdf(
    b"BT /F1 12 Tf 72 720 Td (Annual work summary 2025.) Tj ET",
    b"<< /Font << /F1 5 0 R >> >>",
    (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",))
