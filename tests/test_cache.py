"""The compiled cache: signed data only, so no cache file that travels with a bank can run code or crash writer.

A bank folder is copied whole, hidden ``.cache/`` included. Whatever sits in it
(a pickle exploit where an old version kept ``.cache/*.cache.pickle`` or at the
new cache paths, a marshal file with the right key but wrong types, a truncated
cache), `writer bank stats` and `writer suggest` on that bank give the answer a
clean bank gives, print at most one line about the cache, and run nothing: the
exploit would create a marker file, which must not exist afterwards.
"""

from __future__ import annotations

import marshal
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from writer.io import cache

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "phrasebank"


class _Exploit:
    """Unpickling this creates ``marker`` (what a hostile cache would do, harmlessly)."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _run(args: list[str], xdg: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(xdg), PYTHONHASHSEED="0", COLUMNS="200")
    env.pop("WRITER_BANK", None)
    return subprocess.run([sys.executable, "-m", "writer", *args], capture_output=True, text=True,
                          env=env, timeout=120)


COMMANDS = {"stats": ["bank", "stats"], "suggest": ["suggest", "人才", "-n", "5"]}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> tuple[Path, Path, dict]:
    """A copy of the shipped bank with its cache filled, the user's cache home, and what
    each command prints on that bank with no cache at all."""
    root = tmp_path_factory.mktemp("cache")
    template, xdg = root / "colleague-bank", root / "xdg"
    shutil.copytree(SHIPPED, template, ignore=shutil.ignore_patterns("corpus", ".cache"))
    clean = {}
    for name, args in COMMANDS.items():
        result = _run([*args, "--bank", str(template)], xdg)
        assert result.returncode == 0 and not result.stderr, result.stderr
        clean[name] = result.stdout.replace(str(template), "BANK")
    return template, xdg, clean


@pytest.fixture
def bank(prepared, tmp_path: Path) -> Path:
    dest = tmp_path / "colleague-bank"
    shutil.copytree(prepared[0], dest)
    return dest


@pytest.fixture
def clean_answers(prepared) -> dict:
    return prepared[2]


@pytest.fixture
def xdg(prepared) -> Path:
    return prepared[1]


def _cache_files(bank: Path) -> list[Path]:
    files = sorted((bank / ".cache").glob("*.marshal"))
    assert files, "the clean run wrote no cache"
    return files


def _assert_same_answers_and_at_most_one_line(bank: Path, xdg: Path, clean: dict, marker: Path | None = None):
    for name, args in COMMANDS.items():
        result = _run([*args, "--bank", str(bank)], xdg)
        assert result.returncode == 0, result.stderr
        assert result.stdout.replace(str(bank), "BANK") == clean[name]
        lines = result.stderr.splitlines()
        assert len(lines) <= 1 and "Traceback" not in result.stderr, result.stderr
        if lines:
            assert lines[0].startswith("writer: ") and "缓存" in lines[0] and str(bank) in lines[0]
        if marker is not None:
            assert not marker.exists(), "a cache file ran code"


def test_a_pickle_where_the_old_bank_cache_was_is_never_opened(bank, clean_answers, xdg, tmp_path):
    marker = tmp_path / "pwned"
    for name in ("documents", "slogans", "aphorisms"):
        (bank / ".cache" / f"{name}.cache.pickle").write_bytes(pickle.dumps(_Exploit(marker)))
    _assert_same_answers_and_at_most_one_line(bank, xdg, clean_answers, marker)


def test_a_pickle_at_every_new_cache_path_is_ignored_and_runs_nothing(bank, clean_answers, xdg, tmp_path):
    marker = tmp_path / "pwned"
    for path in _cache_files(bank):
        path.write_bytes(pickle.dumps(_Exploit(marker)))
    result = _run(["bank", "stats", "--bank", str(bank)], xdg)
    assert result.returncode == 0 and result.stdout.replace(str(bank), "BANK") == clean_answers["stats"]
    assert len(result.stderr.splitlines()) == 1 and "已忽略并按源文件重建" in result.stderr
    assert not marker.exists()
    # Rebuilt: the next run reads its own cache and says nothing.
    again = _run(["bank", "stats", "--bank", str(bank)], xdg)
    assert again.stdout.replace(str(bank), "BANK") == clean_answers["stats"] and not again.stderr


def test_a_marshal_cache_with_the_right_key_and_wrong_types_is_ignored(bank, clean_answers, xdg):
    for path in _cache_files(bank):
        raw = path.read_bytes()
        key, _ = marshal.loads(raw[len(cache.MAGIC) + cache.KEY_ID + cache.SIGNATURE:])
        # The right key, with a plausible envelope, and data of every wrong type;
        # the signature is not this user's (a crafter does not have the secret).
        wrong = marshal.dumps((key, {"rows": [(1, None, 2.5)], "headings": 7, 3: [b"x"]}))
        # Even this user's key id (seen in a bank they once sent) does not make it trusted.
        path.write_bytes(raw[:len(cache.MAGIC) + cache.KEY_ID] + os.urandom(cache.SIGNATURE) + wrong)
    _assert_same_answers_and_at_most_one_line(bank, xdg, clean_answers)


def test_a_cache_signed_on_another_machine_is_ignored(bank, clean_answers, xdg, tmp_path):
    other = tmp_path / "other-user"
    stats = _run(["bank", "stats", "--bank", str(bank)], other)  # the colleague's own key signs it now
    assert stats.returncode == 0
    _assert_same_answers_and_at_most_one_line(bank, xdg, clean_answers)


@pytest.mark.parametrize("keep", [10, -1])
def test_a_truncated_cache_is_a_miss(bank, clean_answers, xdg, keep):
    for path in _cache_files(bank):
        raw = path.read_bytes()
        path.write_bytes(raw[:keep] if keep >= 0 else raw[:len(raw) // 2])
    _assert_same_answers_and_at_most_one_line(bank, xdg, clean_answers)


# ---------------------------------------------------------------------- in-process

@pytest.fixture
def own_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache, "_SECRET", [])
    monkeypatch.setattr(cache, "_WARNED", [])
    return tmp_path / "xdg" / "writer" / cache.KEY_NAME


def test_store_and_load_round_trip_and_the_secret_is_private(own_secret, tmp_path):
    path = tmp_path / "c.marshal"
    cache.store(path, ("k", 1), {"a": (1, 2)})
    assert cache.load(path, ("k", 1)) == {"a": (1, 2)}
    assert cache.load(path, ("k", 2)) is None          # another key: stale, silently
    assert own_secret.stat().st_mode & 0o777 == 0o600 and len(own_secret.read_bytes()) == cache.SIGNATURE


def test_one_warning_per_run_however_many_bad_files(own_secret, tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"{i}.marshal").write_bytes(b"\x80\x04junk")
        assert cache.load(tmp_path / f"{i}.marshal", "k") is None
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_a_secret_others_can_write_is_not_trusted(own_secret, tmp_path, monkeypatch):
    own_secret.parent.mkdir(parents=True)
    own_secret.write_bytes(b"k" * cache.SIGNATURE)
    own_secret.chmod(0o666)
    path = tmp_path / "c.marshal"
    cache.store(path, "k", [1])
    assert not path.exists() and cache.load(path, "k") is None   # caching off: every run rebuilds


def test_no_writable_home_means_no_cache_not_a_crash(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("XDG_CACHE_HOME", str(locked / "sub"))
    monkeypatch.setattr(cache, "_SECRET", [])
    path = tmp_path / "c.marshal"
    cache.store(path, "k", [1])
    if os.geteuid() != 0:  # root writes anywhere
        assert cache.load(path, "k") is None and not path.exists()
    else:
        assert cache.load(path, "k") == [1]
