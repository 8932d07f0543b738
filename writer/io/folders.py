"""Replacing a whole folder at once, and a lock that keeps two writers out of one folder.

``writer mine`` builds the new bank in a hidden sibling folder and then puts
it in the old one's place in one step: on Linux the two folders are exchanged
by one ``renameat2(RENAME_EXCHANGE)`` call, so at every instant the path
names either the complete old folder or the complete new one; elsewhere two
renames (old aside, new in) with the old put back when the second fails.
The old folder, now at the hidden name, is then deleted. A run killed with
SIGKILL can leave only hidden siblings named ``.NAME.writer-*``; the next run
into the same folder deletes them (it holds the lock, so they are stale).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path

TEMP_MARK = ".writer-"


def temp_prefix(target: Path) -> str:
    """The name every temporary sibling of ``target`` starts with."""
    return f".{target.name}{TEMP_MARK}"


def make_sibling(target: Path) -> Path:
    """A new empty hidden folder beside ``target``, with the mode (and owner) ``target`` has or a new folder would get."""
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(target) + "new-", dir=target.parent))
    try:
        st = target.stat()
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:  # not permitted: the folder becomes this user's own
            pass
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)
    return tmp


def carry_over(old: Path, new: Path, skip: set[str]) -> None:
    """Put every entry of ``old`` except ``skip`` into ``new``: hard links where the file system allows, else copies."""
    if not old.is_dir():
        return
    for entry in sorted(old.iterdir()):
        if entry.name in skip:
            continue
        dest = new / entry.name
        if entry.is_symlink():
            os.symlink(os.readlink(entry), dest)
        elif entry.is_dir():
            shutil.copytree(entry, dest, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, dest)


def _link_or_copy(src, dest) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # this kernel or file system cannot exchange
    raise OSError(err, os.strerror(err), str(b))


def replace_folder(new: Path, target: Path) -> None:
    """Put the folder ``new`` at ``target`` in one step; the folder that was there is deleted afterwards."""
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old folder
        return
    aside = new.with_name(new.name.replace("new-", "old-", 1))
    os.rename(target, aside)
    try:
        os.rename(new, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def remove_stale_siblings(target: Path) -> None:
    """Delete hidden siblings left by a run that was killed (call only while holding the lock)."""
    prefix = temp_prefix(target)
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


class FolderLock:
    """An exclusive lock on ``target`` (a folder that may not exist yet), held through a hidden sibling file.

    ``acquire`` returns False when another process holds it. The lock file is
    removed on release; a lock file left by a killed process is free again
    (the kernel drops the lock with the process). Without fcntl (Windows)
    there is no lock.
    """

    def __init__(self, target: Path):
        self.path = target.parent / f"{temp_prefix(target)}lock"
        self.fd: int | None = None

    def acquire(self) -> bool:
        try:
            import fcntl
        except ImportError:
            return True
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return False
            # The holder before us may have removed the file after we opened it: lock the file the name names.
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                return True
            os.close(fd)

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None
