"""Reading a draft to check: .txt/.md (UTF-8 or GB18030), .docx, or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from writer.corpus.formats import READABLE_SUFFIXES
from writer.corpus.formats import HTML_SUFFIXES, PDF_SUFFIXES
from writer.errors import EmptyFileError, UnsupportedFileError
from writer.io.files import DOCX_SUFFIXES, decode_bytes, read_text

MARKDOWN_SUFFIXES = (".md", ".markdown")


def read_draft(name: str) -> tuple[str, bool]:
    """The text of a draft and whether it is Markdown; ``-`` reads standard input.

    A .docx or .pdf becomes one line per paragraph, so a finding's line
    number is the paragraph number (a .docx counts every paragraph of the body,
    empty ones and table cells' included, as Word does); a web page, its main
    text a paragraph a line.
    """
    if name == "-":
        return decode_bytes(sys.stdin.buffer.read(), "-"), False
    path = Path(name)
    suffix = path.suffix.lower()
    if path.is_file() and suffix and suffix not in READABLE_SUFFIXES:
        raise UnsupportedFileError(f"不支持的文件类型 {suffix}（可读：{' '.join(READABLE_SUFFIXES)}）", name)
    if suffix in DOCX_SUFFIXES and path.is_file():
        from writer.corpus.docx import read_docx_lines
        text = "\n".join(read_docx_lines(path))
        if not text.strip():
            raise EmptyFileError("文件为空", name)
        return text, False
    if suffix in PDF_SUFFIXES and path.is_file():  # one line per paragraph, as for .docx
        from writer.corpus.pdf import pdf_paragraphs
        return "\n".join(pdf_paragraphs(path)) + "\n", False
    if suffix in HTML_SUFFIXES and path.is_file():
        from writer.corpus.html import read_html_text
        return read_html_text(path), False
    return read_text(path), suffix in MARKDOWN_SUFFIXES


def encode_like(original: bytes, text: str) -> bytes:
    """``text`` encoded as ``original`` was: same encoding (UTF-8 or GB18030), BOM and line endings."""
    if b"\r\n" in original:
        text = text.replace("\n", "\r\n")
    try:
        original.decode("utf-8")
        bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
        return bom + text.encode("utf-8")
    except UnicodeDecodeError:
        return text.encode("gb18030")
