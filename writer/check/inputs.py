"""Reading a draft to check: .txt/.md (UTF-8 or GB18030), .docx, or standard input."""

from __future__ import annotations

import sys
from pathlib import Path

from writer.errors import EmptyFileError, UnsupportedFileError
from writer.io.files import (DOCX_SUFFIXES, READABLE_SUFFIXES, decode_bytes,
                           read_docx_paragraphs, read_text)

MARKDOWN_SUFFIXES = (".md", ".markdown")


def read_draft(name: str) -> tuple[str, bool]:
    """The text of a draft and whether it is Markdown; ``-`` reads standard input.

    A .docx becomes one line per Word paragraph, so a finding's line number
    is the paragraph number.
    """
    if name == "-":
        return decode_bytes(sys.stdin.buffer.read(), "-"), False
    path = Path(name)
    suffix = path.suffix.lower()
    if path.is_file() and suffix and suffix not in READABLE_SUFFIXES:
        raise UnsupportedFileError(f"不支持的文件类型 {suffix}（可读：{' '.join(READABLE_SUFFIXES)}）", name)
    if suffix in DOCX_SUFFIXES and path.is_file():
        text = "\n".join(read_docx_paragraphs(path))
        if not text.strip():
            raise EmptyFileError("文件为空", name)
        return text, False
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
