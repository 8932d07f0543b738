"""The one compiled cache: data-only (marshal of plain types), keyed, signed, atomic, a miss on any damage.

marshal is the fastest loader for plain data (tuples, lists, dicts, strings,
numbers) and, unlike pickle, cannot construct objects or run code. A cache
file is ``MAGIC + key id + signature + marshal bytes``; the signature is a
keyed hash (blake2b) of the bytes under a secret kept in the user's own cache
folder (``$XDG_CACHE_HOME/writer/cache-key``, mode 0600), the key id a hash
of that secret. Only a file this user's writer signed is unmarshalled:

- a cache another user or machine signed (a colleague's bank folder, hidden
  ``.cache/`` included; a shared install) is rebuilt quietly;
- anything else (a crafted file with the right key but wrong types, a truncated
  or damaged cache, a pickle at a cache path) is ignored with one line on
  stderr (once per run) and rebuilt from the source files;
- a pickle where an old version kept its cache (``.cache/*.cache.pickle``) is
  never opened at all.

Callers store plain data and rebuild their records from it.

When no secret can be kept (no writable home), caches are neither read nor
written: every run rebuilds, slower but the same. Old-format files found in a
cache folder are left alone: they are inert, and writer cannot prove it wrote
a file someone else may own.

Where caches go (``cache_dir``): ``ROOT/.cache`` when that folder exists or can
be made and is writable, else ``$XDG_CACHE_HOME/writer/<hash of ROOT>`` (or
``~/.cache/writer/…``), for read-only installs and shared banks.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

from writer.io.files import atomic_replace

try:  # hashlib loads OpenSSL (~5 ms at every start); the built-in blake2 is enough for keys
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

# Bumped when the layout of every cache changes; part of every key.
FORMAT = 5
MAGIC = b"writer-cache\x05\n"
SIGNATURE = 32
KEY_ID = 8
KEY_NAME = "cache-key"
_SECRET: list = []          # [bytes | None] once looked up
_WARNED: list = []          # [True] once a bad cache file was reported


def cache_dir(root: Path | str) -> Path | None:
    """The cache folder for data derived from the folder ``root``; None when nowhere is writable."""
    root = Path(root).resolve()
    local = root / ".cache"
    if local.is_dir() and os.access(local, os.W_OK):
        return local
    try:
        local.mkdir()
        return local
    except FileExistsError:
        pass
    except OSError:
        pass
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = blake2b(str(root).encode("utf-8"), digest_size=8).hexdigest()
    path = base / "writer" / digest
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def cache_file(root: Path | str, name: str) -> Path | None:
    """``name`` inside ``cache_dir(root)`` (None when there is no writable cache folder)."""
    folder = cache_dir(root)
    return folder / name if folder is not None else None


def file_stamp(path: Path | str) -> tuple:
    """What identifies a file's content for a cache key: name, size and a hash of its bytes."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        return (path.name, None, None)
    return (path.name, len(data), blake2b(data, digest_size=16).hexdigest())


def _user_cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "writer"


def _read_secret(path: Path) -> bytes | None:
    """The secret at ``path`` when it is this user's own file that nobody else can write."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        data = os.read(fd, SIGNATURE + 1)
    finally:
        os.close(fd)
    return data if len(data) == SIGNATURE else None


def _make_secret(path: Path) -> bytes | None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_secret(path)   # another run made it first
    except OSError:
        return None
    secret = os.urandom(SIGNATURE)
    try:
        os.write(fd, secret)
    finally:
        os.close(fd)
    return secret


def secret() -> bytes | None:
    """This user's cache secret (made on first use); None when it cannot be kept."""
    if not _SECRET:
        try:
            path = _user_cache_root() / KEY_NAME
        except (RuntimeError, KeyError):  # no home folder to be found
            _SECRET.append(None)
            return None
        found = _read_secret(path)
        if found is None and not os.path.lexists(path):
            found = _make_secret(path)
        _SECRET.append(found)
    return _SECRET[0]


def _signature(key: bytes, payload: bytes) -> bytes:
    return blake2b(payload, key=key, digest_size=SIGNATURE).digest()


def _key_id(key: bytes) -> bytes:
    """Names the secret without giving it away: tells this user's files from others'."""
    return blake2b(key, digest_size=KEY_ID, person=b"writer-key-id").digest()


def _header(key: bytes, payload: bytes) -> bytes:
    return MAGIC + _key_id(key) + _signature(key, payload)


def _warn(path: Path) -> None:
    if not _WARNED:
        _WARNED.append(True)
        from writer.io.sanitize import for_terminal

        print(f"writer: {for_terminal(str(path))}：缓存文件已损坏或不是本机写入的，已忽略并按源文件重建",
              file=sys.stderr)


def read_signed(path: Path) -> tuple | None:
    """The stored ``(key, data)`` of a cache file this user's writer signed, whatever its key;
    None (and the one warning) for any other file, nothing for a missing one."""
    secret_key = secret()
    if secret_key is None:
        return None
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    head = len(MAGIC) + KEY_ID + SIGNATURE
    payload = raw[head:]
    if raw[:len(MAGIC)] == MAGIC and raw[len(MAGIC):len(MAGIC) + KEY_ID] != _key_id(secret_key):
        return None   # another user's or machine's cache (a shared or copied folder): rebuilt quietly
    if raw[:head] != _header(secret_key, payload):
        _warn(path)   # not a cache, or one of ours damaged or tampered with
        return None
    try:
        stored_key, data = marshal.loads(payload)
    except (EOFError, ValueError, TypeError, MemoryError):   # signed yet unreadable: a bug, still a miss
        _warn(path)
        return None
    return stored_key, data


def load(path: Path | None, key):
    """The data stored at ``path`` under ``key``, or None (no file, other key, damage).

    A file that is not a cache this user's writer signed (damaged, truncated,
    copied from elsewhere, crafted, an old pickle) is not unmarshalled: it is a
    miss, reported once per run on stderr.
    """
    stored = read_signed(path) if path is not None else None
    if stored is None:
        return None
    stored_key, data = stored
    if isinstance(stored_key, list):
        stored_key = tuple(stored_key)
    return data if stored_key == (FORMAT, key) else None


def store(path: Path | None, key, data) -> None:
    """Write ``(key, data)`` signed and atomically; a read-only place only costs speed."""
    secret_key = secret() if path is not None else None
    if secret_key is None:
        return
    try:
        payload = marshal.dumps(((FORMAT, key), data))
        atomic_replace(path, _header(secret_key, payload) + payload)
    except (OSError, ValueError):
        pass


def installed_stamp(path: Path | str) -> tuple:
    """What identifies a file of an installed package for a cache key: its path, size and time.

    Such a file changes only when the package is reinstalled, which changes its
    size or modification time; hashing it (jieba's 5 MB dictionary) would cost
    every run that reads the cache some 15 ms. None in place of size and time
    when the file cannot be read.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return (str(path), None, None)
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


# Content stamps of large files, remembered by what the file system says about them.
STAMPS_NAME = "stamps.marshal"
STAMPS_KEPT = 256
# From this size on the memo is worth it: hashing costs some 12-14 instructions a byte, a remembered
# stamp a stat and a lookup (a check stamps the shipped bank's 200 KB of slogans and 100 KB of
# documents; a render some 500 KB of bank and data files: slogans, documents, topics, the lexicon…).
LARGE_FILE = 16 << 10
# A file changed this recently may change again within the same tick of its clock (its
# time would not move): its stamp is not remembered until it has been still this long.
SETTLED_NS = 2_000_000_000
_STAMPS: list = []          # [{path: (stat fields, stamp)}, changed?] once read


def _stat_fields(st: os.stat_result) -> tuple:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _stamp_memo() -> list:
    if not _STAMPS:
        try:
            path = _user_cache_root() / STAMPS_NAME
        except (RuntimeError, KeyError):   # no home folder: nothing remembered
            path = None
        stored = load(path, ("stamps", 1))
        _STAMPS.extend([stored if isinstance(stored, dict) else {}, False, path])
    return _STAMPS


def content_stamp(path: Path | str) -> tuple:
    """``file_stamp(path)``, the very same value, without reading a large file again while the
    file system reports it unchanged (device, inode, size, modification and change times).

    The change time cannot be set back by any tool short of the clock, so a rewrite with the
    old modification time and size still reads anew; a file still being written (changed
    under SETTLED_NS ago) is hashed every time. Small files are simply hashed.
    """
    import time

    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return file_stamp(path)
    if st.st_size < LARGE_FILE:
        return file_stamp(path)
    memo = _stamp_memo()
    name, fields = str(path.resolve()), _stat_fields(st)
    known = memo[0].get(name)
    if isinstance(known, tuple) and len(known) == 2 and known[0] == fields:
        return tuple(known[1])
    stamp = file_stamp(path)
    try:
        unchanged = _stat_fields(path.stat()) == fields     # not rewritten while it was read
    except OSError:
        unchanged = False
    if unchanged and stamp[1] == st.st_size and max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLED_NS:
        memo[0].pop(name, None)
        memo[0][name] = (fields, stamp)
        while len(memo[0]) > STAMPS_KEPT:
            memo[0].pop(next(iter(memo[0])))
        store(memo[2], ("stamps", 1), memo[0])
    return stamp


# Block files: a signed header and blocks each read (and verified) only when asked for.
BLOCKS_MAGIC = b"writer-blocks\x01\n"
BLOCK_MAC = 16
_LENGTH = 8


class BlockDamaged(Exception):
    """A block of a block file no longer matches its signed checksum (changed after it was opened)."""


def _block_mac(secret_key: bytes, index: int, block: bytes) -> bytes:
    return blake2b(block, key=secret_key, digest_size=BLOCK_MAC, salt=index.to_bytes(8, "little"),
                   person=b"writer-block").digest()


def store_blocks(path: Path | None, key, head, blocks: list[bytes]) -> None:
    """Write ``head`` (plain data) and ``blocks`` (bytes) as a block file under ``key``, atomically.

    The header (key, ``head``, block sizes and a keyed checksum of each block) is signed like
    any cache file; each block is checked against its checksum when it is read, so a caller
    reading a few blocks of a large file neither reads nor hashes the rest.
    """
    secret_key = secret() if path is not None else None
    if secret_key is None:
        return
    macs = b"".join(_block_mac(secret_key, i, block) for i, block in enumerate(blocks))
    try:
        payload = marshal.dumps(((FORMAT, key), head, [len(block) for block in blocks], macs))
        header = BLOCKS_MAGIC + _key_id(secret_key) + _signature(secret_key, payload)
        atomic_replace(path, header + len(payload).to_bytes(_LENGTH, "little") + payload + b"".join(blocks))
    except (OSError, ValueError):
        pass


class BlockFile:
    """A block file opened for reading: ``head`` at once, each block on demand (see store_blocks)."""

    def __init__(self, fh, path: Path, secret_key: bytes, head, sizes: list[int], macs: bytes, start: int):
        self._fh = fh
        self._path = path
        self._secret = secret_key
        self.head = head
        self._sizes = sizes
        self._offsets = [start]
        for size in sizes:
            self._offsets.append(self._offsets[-1] + size)
        self._macs = macs

    def __len__(self) -> int:
        return len(self._sizes)

    @classmethod
    def open(cls, path: Path | None, key) -> "BlockFile | None":
        """The block file at ``path`` stored under ``key``; None for a miss (no file, another key,
        another user's file) and, with the one warning, for a damaged or foreign one."""
        secret_key = secret() if path is not None else None
        if secret_key is None:
            return None
        try:
            fh = open(path, "rb")
        except OSError:
            return None
        opened = cls._read_header(fh, path, secret_key, key)
        if opened is None:
            fh.close()
        return opened

    @classmethod
    def _read_header(cls, fh, path: Path, secret_key: bytes, key) -> "BlockFile | None":
        fixed = len(BLOCKS_MAGIC) + KEY_ID + SIGNATURE
        try:
            head = fh.read(fixed + _LENGTH)
            if head[:len(BLOCKS_MAGIC)] == BLOCKS_MAGIC and head[len(BLOCKS_MAGIC):fixed - SIGNATURE] != _key_id(secret_key):
                return None   # another user's or machine's: rebuilt quietly
            payload = fh.read(int.from_bytes(head[fixed:], "little")) if len(head) == fixed + _LENGTH else b""
        except (OSError, OverflowError, ValueError, MemoryError):
            payload = b""
        if not payload or head[:fixed] != BLOCKS_MAGIC + _key_id(secret_key) + _signature(secret_key, payload):
            _warn(path)
            return None
        try:
            stored_key, data, sizes, macs = marshal.loads(payload)
        except (EOFError, ValueError, TypeError, MemoryError):
            _warn(path)
            return None
        if isinstance(stored_key, list):
            stored_key = tuple(stored_key)
        if stored_key != (FORMAT, key) or len(macs) != BLOCK_MAC * len(sizes):
            return None
        return cls(fh, path, secret_key, data, list(sizes), macs, fixed + _LENGTH + len(payload))

    def offsets(self, first: int, last: int) -> list[int]:
        """Where blocks ``first`` to ``last - 1`` start, counted from the start of block 0 (what
        ``read(0, …)`` gives); ``offsets(1, n + 1)`` are where they end."""
        return [offset - self._offsets[0] for offset in self._offsets[first:last]]

    def read(self, first: int, last: int | None = None) -> bytes:
        """Blocks ``first`` to ``last`` (inclusive; default: only ``first``), joined, each verified;
        BlockDamaged when one does not match its checksum."""
        last = first if last is None else last
        self._fh.seek(self._offsets[first])
        data = self._fh.read(self._offsets[last + 1] - self._offsets[first])
        view, pos = memoryview(data), 0
        for i in range(first, last + 1):
            block = view[pos:pos + self._sizes[i]]
            if _block_mac(self._secret, i, block) != self._macs[BLOCK_MAC * i:BLOCK_MAC * (i + 1)]:
                _warn(self._path)
                raise BlockDamaged(i)
            pos += self._sizes[i]
        return data

    def mapped(self) -> list[memoryview] | None:
        """Every block as a read-only view of the file mapped in memory, none of them verified
        (pages are read only when touched): for data whose every read is bounds-checked, so a
        damaged or crafted block can give wrong answers, never run code or crash. None when
        the file is shorter than its header says or cannot be mapped."""
        import mmap

        try:
            if os.fstat(self._fh.fileno()).st_size < self._offsets[-1] or not self._sizes:
                return None
            whole = memoryview(mmap.mmap(self._fh.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):
            return None
        return [whole[a:b] for a, b in zip(self._offsets, self._offsets[1:])]


def read_block(path: Path | None, key, choose) -> tuple | None:
    """A block file's ``head`` and the one block ``choose(head)`` names (None: no block), the file
    closed again: ``(head, block bytes or None)``; None for a miss or a damaged file (as BlockFile.open
    and BlockFile.read), so the caller rebuilds."""
    opened = BlockFile.open(path, key)
    if opened is None:
        return None
    try:
        index = choose(opened.head)
        return opened.head, (opened.read(index) if index is not None else None)
    except (BlockDamaged, IndexError, OSError):
        return None
    finally:
        opened._fh.close()


# Content stamps already computed in this process: a run asks for the same bank and lexicon files'
# stamps in several places (the remembered answer's dependencies, the bank's caches, the lexicon's).
_RUN_STAMPS: dict[str, tuple] = {}


def run_stamp(path: Path | str) -> tuple:
    """``file_stamp(path)``, the very same value, each file hashed once per process while the file
    system reports it unchanged (device, inode, size, modification and change times), and a large
    one (``content_stamp``) once per change.

    A file changed under SETTLED_NS ago (a test, an editor writing it now) is hashed on every call:
    a rewrite within one tick of the clock, of the same size, would not move its times."""
    import time

    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return file_stamp(path)
    name, fields = str(path), _stat_fields(st)
    known = _RUN_STAMPS.get(name)
    if known is not None and known[0] == fields:
        return known[1]
    stamp = content_stamp(path) if st.st_size >= LARGE_FILE else file_stamp(path)
    if stamp[1] == st.st_size and max(st.st_mtime_ns, st.st_ctime_ns) < time.time_ns() - SETTLED_NS:
        _RUN_STAMPS[name] = (fields, stamp)
    return stamp
