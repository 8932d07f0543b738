"""Which reader a file's suffix calls: text and Word files through io, PDFs and saved web pages through their extractors."""

from __future__ import annotations

from pathlib import Path

from writer.io.files import DOCX_SUFFIXES, read_text
from writer.io.files import READABLE_SUFFIXES as TEXT_AND_WORD_SUFFIXES

# The extractors (pdf.py, html.py) load only when such a file is read: a command on a .txt never pays for them.
PDF_SUFFIXES = (".pdf",)
HTML_SUFFIXES = (".html", ".htm")
READABLE_SUFFIXES = TEXT_AND_WORD_SUFFIXES + PDF_SUFFIXES + HTML_SUFFIXES
# For messages: 可读 .txt、.md、.docx、.pdf、.html…
READABLE_LIST = "、".join(READABLE_SUFFIXES)


def read_file_text(path: str | Path) -> str:
    """The text of a readable file; a PDF's paragraphs are separated by blank lines, a page's by lines."""
    suffix = Path(path).suffix.lower()
    if suffix in PDF_SUFFIXES and Path(path).is_file():
        from writer.corpus.pdf import read_pdf_text
        return read_pdf_text(path)
    if suffix in HTML_SUFFIXES and Path(path).is_file():
        from writer.corpus.html import read_html_text
        return read_html_text(path)
    if suffix in DOCX_SUFFIXES and Path(path).is_file():
        from writer.corpus.docx import read_docx_text
        return read_docx_text(path)
    return read_text(path)
