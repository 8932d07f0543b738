"""Reading user files (UTF-8, GB18030, .docx) and writing outputs atomically."""

from __future__ import annotations

import os
from pathlib import Path

from writer.errors import (BinaryFileError, EmptyFileError, EncodingError,
                           MissingPathError, OutputDirError, OutputExistsError,
                           UnsupportedFileError)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCX_SUFFIXES = (".docx",)
READABLE_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES


def decode_bytes(data: bytes, path: str | Path = "-") -> str:
    """Decode UTF-8 (with or without BOM), else GB18030; reject binary data."""
    if not data.strip():
        raise EmptyFileError("文件为空", path)
    if b"\x00" in data[:8192]:
        raise BinaryFileError("不是文本文件（含二进制数据）", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"无法识别的编码（既非 UTF-8 也非 GB18030，第 {exc.start} 字节处出错）", path) from None
    # Control characters other than whitespace mean a binary file that
    # happened to decode.
    bad = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if bad > 8:
        raise BinaryFileError("不是文本文件（含大量控制字符）", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError("文件为空", path)
    return text


def read_docx_paragraphs(path: str | Path) -> list[str]:
    """Paragraph texts of a .docx file, in order (tables' cells included)."""
    try:
        import docx  # python-docx; imported here because it is slow to load
        document = docx.Document(str(path))
    except Exception:  # python-docx raises assorted errors on junk (BadZipFile, PackageNotFoundError, KeyError…)
        raise BinaryFileError("不是有效的 .docx 文件（可能已损坏，或是改了扩展名的其他文件）", path) from None
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(p.text for p in cell.paragraphs)
    return paragraphs


def read_text(path: str | Path) -> str:
    """The text of a .txt/.md/.docx file; raises an InputError subclass on failure."""
    p = Path(path)
    if not p.exists():
        raise MissingPathError("路径不存在", path)
    if p.is_dir():
        raise UnsupportedFileError("是文件夹，不是文件", path)
    suffix = p.suffix.lower()
    if suffix in DOCX_SUFFIXES:
        text = "\n\n".join(read_docx_paragraphs(p))
        if not text.strip():
            raise EmptyFileError("文件为空", path)
        return text
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise MissingPathError(f"无法读取（{exc.strerror}）", path) from None
    if data[:4] == b"PK\x03\x04":
        raise BinaryFileError("是压缩包或 Office 文件，请另存为 .docx 或 .txt", path)
    return decode_bytes(data, path)


def check_output(path: str | Path, force: bool = False) -> Path:
    """Fail early when ``path`` cannot be written: its folder is missing, or it exists without ``force``."""
    p = Path(path)
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OutputDirError("输出文件所在的文件夹不存在", parent)
    if p.exists() and not force:
        raise OutputExistsError("文件已存在；如确要覆盖，请加 --force", path)
    return p


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_replace(path: str | Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` through a temporary sibling and one rename.

    A symlink is written through to its target; an existing file keeps its
    mode (and owner, where permitted); a new file gets the umask's mode. The
    temporary file is removed on every failure.
    """
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
        mode, owner = st.st_mode & 0o7777, (st.st_uid, st.st_gid)
    except FileNotFoundError:
        mode, owner = _new_file_mode(), None
    import tempfile  # only writers pay for it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        if owner is not None and hasattr(os, "chown"):
            try:
                os.chown(tmp, *owner)
            except OSError:  # not permitted: the file becomes the writer's own
                pass
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write(path: str | Path, data: str | bytes, force: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see ``atomic_replace``).

    Refuses to replace an existing file unless ``force``.
    """
    p = check_output(path, force)
    atomic_replace(p, data.encode("utf-8") if isinstance(data, str) else data)
