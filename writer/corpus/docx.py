"""Reading Word files (.docx, also as saved by WPS): the body's paragraphs, bounded and streamed.

The package is opened with zipfile and its XML parts parsed with the
standard library (python-docx would load every part and take far longer).
What the text is, paragraph by paragraph, is writer.corpus.docxtext's
(tracked changes accepted, numbering rendered, tables row by row).

Bounded: a part whose uncompressed size (declared, and counted while
streaming) exceeds MAX_PART_BYTES, or that declares a DTD, is refused, so a
zip bomb or an entity bomb costs at most one bounded read. Every failure is
one DocxReadError naming the file: a renamed text file, a zip without a
Word body, a password-protected (or pre-2007 .doc) file, a damaged zip.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from writer.corpus.docxtext import BodyText, piece_text, word_name
from writer.corpus.numbering import Numbering, NumberingDefinitions
from writer.errors import BinaryFileError
from writer.io.files import require_regular

MAX_PART_BYTES = 64 * 2 ** 20   # a 64 MB document.xml is some ten thousand pages
_CHUNK = 2 ** 20
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


class DocxReadError(BinaryFileError):
    """A .docx file cannot be read: not a Word file, damaged, encrypted, or too large once unpacked."""


class _CappedStream:
    """A zip member read in chunks that raises once more than ``cap`` bytes come out."""

    def __init__(self, stream, cap: int, path, member: str):
        self.stream, self.cap, self.path, self.member = stream, cap, path, member
        self.total = 0
        self.first = True

    def read(self, size: int = _CHUNK) -> bytes:
        data = self.stream.read(min(size if size and size > 0 else _CHUNK, _CHUNK))
        self.total += len(data)
        if self.total > self.cap:
            raise _too_large(self.path, self.member)
        if self.first:
            self.first = False
            if b"<!doctype" in data[:4096].lower():
                raise DocxReadError(f"{self.member} 含 DTD 声明（Word 文件不会有），拒绝读取", self.path)
        return data


def _too_large(path, member: str) -> DocxReadError:
    return DocxReadError(f"{member} 解压后超过 {MAX_PART_BYTES // 2 ** 20} MB（可能是压缩炸弹），拒绝读取", path)


def _not_a_zip(path: Path) -> DocxReadError:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            if head == _OLE_MAGIC:
                # Encrypted OOXML is an OLE compound file with an EncryptionInfo stream;
                # any other OLE file is a Word 97–2003 .doc.
                data = fh.read(MAX_PART_BYTES)
                if _ENCRYPTION_INFO in data:
                    return DocxReadError("是有密码保护的 Word 文件：请在 Word 或 WPS 中去掉密码后另存为 .docx", path)
                return DocxReadError("是旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx", path)
    except OSError as exc:
        return DocxReadError(f"无法读取（{exc.strerror}）", path)
    if not head:
        return DocxReadError("文件为空", path)
    if head[:2] == b"PK":
        return DocxReadError("不是有效的 .docx 文件（压缩包已损坏或不完整）", path)
    if b"\x00" not in head:
        return DocxReadError("不是 .docx 文件：内容是纯文本，扩展名可能改错了（请改为 .txt）", path)
    return DocxReadError("不是有效的 .docx 文件（可能已损坏，或是改了扩展名的其他文件）", path)


class DocxPackage:
    """An opened .docx: its main document part and the parts it names."""

    def __init__(self, path: str | Path):
        self.path = path
        require_regular(path)
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError):
            raise _not_a_zip(Path(path)) from None
        self.names = set(self.zip.namelist())
        self.main = self._main_part()

    def close(self) -> None:
        self.zip.close()

    def open_part(self, member: str) -> _CappedStream:
        info = self.zip.getinfo(member)
        if info.file_size > MAX_PART_BYTES:
            raise _too_large(self.path, member)
        try:
            return _CappedStream(self.zip.open(info), MAX_PART_BYTES, self.path, member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError) as exc:
            raise DocxReadError(f"{member} 无法解压（{type(exc).__name__}：可能已加密或损坏）", self.path) from None

    def parse_part(self, member: str):
        """The root element of a small part (numbering, styles, relationships), or None when absent."""
        if member not in self.names:
            return None
        try:
            return ET.parse(self.open_part(member)).getroot()
        except (ET.ParseError, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise DocxReadError(f"{member} 不是有效的 XML（{exc}）", self.path) from None

    def _main_part(self) -> str:
        rels = self.parse_part("_rels/.rels")
        for rel in (rels.iter(_REL) if rels is not None else ()):
            if rel.get("Type") in _OFFICE_DOCUMENT:
                target = rel.get("Target", "").lstrip("/")
                if target in self.names:
                    return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise DocxReadError("是压缩包，但里面没有 Word 正文（word/document.xml）：不是 .docx 文件", self.path)

    def related(self, kind: str) -> str | None:
        """The member the main part's relationship of type ``.../kind`` points at (styles, numbering)."""
        folder, name = posixpath.split(self.main)
        rels = self.parse_part(posixpath.join(folder, "_rels", name + ".rels"))
        for rel in (rels.iter(_REL) if rels is not None else ()):
            if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
                member = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                return member if member in self.names else None
        return None

    def numbering(self) -> Numbering:
        numbering, styles = self.related("numbering"), self.related("styles")
        return Numbering(NumberingDefinitions.parse(self.parse_part(numbering) if numbering else None,
                                                    self.parse_part(styles) if styles else None))


def _body_blocks(stream, path, member: str):
    """Each body-level element of the main part, parsed completely, then freed (streaming)."""
    depth = 0
    body_depth = None
    try:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            if event == "start":
                depth += 1
                if body_depth is None and word_name(element.tag) == "body":
                    body_depth = depth
                continue
            if body_depth is not None and depth == body_depth + 1:
                yield element
                element.clear()
            depth -= 1
    except ET.ParseError as exc:
        raise DocxReadError(f"{member} 不是有效的 XML（{exc}）", path) from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DocxReadError(f"{member} 无法解压（{type(exc).__name__}：文件可能已损坏）", path) from None


def read_docx_paragraphs(path: str | Path) -> list[str]:
    """The text of each paragraph of a .docx body, in reading order (see writer.corpus.docxtext).

    Raises DocxReadError (one line naming the file) when the file is not a
    readable Word document.
    """
    package = DocxPackage(path)
    try:
        body = BodyText(package.numbering())
        paragraphs = []
        for block in _body_blocks(package.open_part(package.main), path, package.main):
            paragraphs.extend(piece_text(pieces) for pieces, _ in body.paragraphs(block))
        paragraphs.extend(piece_text(pieces) for pieces, _ in body.finish())
        return paragraphs
    finally:
        package.close()


# A line break inside a Word paragraph (Shift+Enter), where each paragraph must stay one line
# (writer check: line = paragraph number): LINE SEPARATOR is space to str.strip() but no rule's.
LINE_BREAK_IN_PARAGRAPH = "\u2028"


def read_docx_lines(path: str | Path) -> list[str]:
    """The paragraphs of a .docx, each on one line (line breaks inside one as LINE_BREAK_IN_PARAGRAPH)."""
    return [p.replace("\n", LINE_BREAK_IN_PARAGRAPH) for p in read_docx_paragraphs(path)]


def read_docx_text(path: str | Path) -> str:
    """A .docx as text for the corpus reader: paragraphs separated by blank lines."""
    from writer.errors import EmptyFileError

    text = "\n\n".join(read_docx_paragraphs(path))
    if not text.strip():
        raise EmptyFileError("文件为空", path)
    return text


def stable_zip(data: bytes) -> bytes:
    """A zip package rewritten with fixed timestamps, so the same content gives the same bytes."""
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info))
    return out.getvalue()
