"""The one compiled cache: data-only (marshal of plain types), keyed, atomic, a miss on any damage.

marshal is the fastest loader for plain data (tuples, lists, dicts, strings,
numbers) and, unlike pickle, cannot construct objects or run code, so a cache
file copied along with someone else's bank folder is harmless: at worst it is
a miss. Callers store plain data and rebuild their records from it.

Where caches go (``cache_dir``): ``ROOT/.cache`` when that folder exists or can
be made and is writable, else ``$XDG_CACHE_HOME/writer/<hash of ROOT>`` (or
``~/.cache/writer/…``), for read-only installs and shared banks.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from writer.io.files import atomic_replace

try:  # hashlib loads OpenSSL (~5 ms at every start); the built-in blake2 is enough for keys
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

# Bumped when the layout of every cache changes; part of every key.
FORMAT = 4


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


def load(path: Path | None, key):
    """The data stored at ``path`` under ``key``, or None (no file, other key, damage)."""
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            stored = marshal.loads(fh.read())
        stored_key, data = stored
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(stored_key, list):
        stored_key = tuple(stored_key)
    return data if stored_key == (FORMAT, key) else None


def store(path: Path | None, key, data) -> None:
    """Write ``(key, data)`` atomically; a read-only place only costs speed."""
    if path is None:
        return
    try:
        atomic_replace(path, marshal.dumps(((FORMAT, key), data)))
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
