"""Reading user files (UTF-8, GB18030, .docx) and writing outputs atomically."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from writer.errors import (BinaryFileError, EmptyFileError, EncodingError,
                           MissingPathError, NotRegularFileError, OutputDirError, OutputExistsError,
                           ReadOnlyFileError, UnsupportedFileError, WriteFailedError)

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DOCX_SUFFIXES = (".docx",)
READABLE_SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES


def decode_bytes(data: bytes, path: str | Path = "-") -> str:
    """Decode UTF-8 (with or without BOM), else GB18030; reject binary data."""
    if not data.strip():
        raise EmptyFileError("文件为空", path)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_unicode_bom(data[len(bom):], codec, path)
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


# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _decode_unicode_bom(data: bytes, codec: str, path: str | Path) -> str:
    """A file that says by its byte-order mark it is UTF-16 or UTF-32 (Windows Notepad's "Unicode")."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"按字节顺序标记是 {codec.upper()}，但第 {exc.start} 字节处无法解码", path) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError("文件为空", path)
    return text


def read_text(path: str | Path) -> str:
    """The text of a .txt/.md file; raises an InputError subclass on failure (.docx: writer.corpus.docx).

    Only regular files are read: a pipe or device named x.txt would block or never end.
    """
    p = Path(path)
    if not p.exists():
        raise MissingPathError("路径不存在", path)
    if p.is_dir():
        raise UnsupportedFileError("是文件夹，不是文件", path)
    data = read_regular_bytes(p)
    if data[:4] == b"PK\x03\x04":
        raise BinaryFileError("是压缩包或 Office 文件，请另存为 .docx 或 .txt", path)
    return decode_bytes(data, path)


_NOT_REGULAR = "不是普通文件（是管道、设备或套接字），writer 只读写普通文件"


def require_regular(path: str | Path) -> None:
    """Raise unless ``path`` (followed through symlinks) is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise MissingPathError(f"无法读取（{exc.strerror}）", path) from None
    if not stat.S_ISREG(mode):
        raise NotRegularFileError(_NOT_REGULAR, path)


def read_regular_bytes(path: str | Path) -> bytes:
    """The bytes of the regular file ``path``.

    Opened without blocking and checked on the open descriptor, so a pipe
    put in the file's place between a check and the read cannot hang writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise MissingPathError(f"无法读取（{exc.strerror}）", path) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFileError(_NOT_REGULAR, path)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    except OSError as exc:
        raise MissingPathError(f"无法读取（{exc.strerror}）", path) from None
    finally:
        os.close(fd)


STDOUT = "-"


def check_output(path: str | Path, force: bool = False) -> Path:
    """Fail early when ``path`` cannot be written.

    Refused: a missing folder; an existing file without ``force``; whatever is
    not a regular file (a device, pipe or folder: even with ``force``); a
    read-only file (even with ``force``: its owner made it so). ``-`` is
    standard output. A symlink is judged by its target.
    """
    p = Path(path)
    if str(path) == STDOUT:
        return p
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise OutputDirError("输出文件所在的文件夹不存在", parent)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return p
    except OSError as exc:
        raise WriteFailedError(f"无法写入（{exc.strerror}）", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise NotRegularFileError("是文件夹，不能当作输出文件", path)
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFileError(_NOT_REGULAR, path)
    if not force:
        raise OutputExistsError("文件已存在；如确要覆盖，请加 --force", path)
    if _read_only(p, st):
        raise ReadOnlyFileError("文件是只读的，writer 不改写它；确要改写，请先去掉只读属性", path)
    return p


def _read_only(path: Path, st: os.stat_result) -> bool:
    # Nobody may write it by its mode bits (root could, but the owner meant "do not"),
    # or this user may not.
    return not st.st_mode & 0o222 or not os.access(path, os.W_OK)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary_sibling(target: Path) -> tuple[int, str]:
    """A new file beside ``target`` (``.NAME.<random>.tmp``, mode 0600, opened for writing), as
    ``tempfile.mkstemp`` makes one: importing tempfile (and random) cost every run that stores a
    cache or a remembered answer some 1.4M instructions."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):   # a name already taken: draw another, as mkstemp does
        tmp = os.path.join(target.parent, f".{target.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "没有可用的临时文件名", str(target.parent))


def atomic_replace(path: str | Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` through a temporary sibling and one rename.

    A symlink is written through to its target; an existing file keeps its
    mode (and owner, where permitted); a new file gets the umask's mode. The
    temporary file is removed on every failure (OSError propagates: callers
    that report to the user use ``atomic_write``).
    """
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
        mode, owner = st.st_mode & 0o7777, (st.st_uid, st.st_gid)
    except FileNotFoundError:
        mode, owner = _new_file_mode(), None
    fd, tmp = _temporary_sibling(target)
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
    """Write ``data`` to ``path`` atomically (see ``atomic_replace``), or to standard output for ``-``.

    Refuses what ``check_output`` refuses; a failure names ``path``, never a temporary file.
    """
    p = check_output(path, force)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == STDOUT:
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return
    try:
        atomic_replace(p, raw)
    except OSError as exc:
        raise WriteFailedError(f"无法写入（{exc.strerror or exc}）", path) from None
