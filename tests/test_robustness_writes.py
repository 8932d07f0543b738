"""Hostile writes, processes and command lines, each run as the console script runs, in a bounded subprocess.

Every case of the table asserts: the exit code, one ``writer:`` line naming
the user's file (or option), no traceback, no file changed that should not
be, no temporary file left. Each run has an address-space and CPU limit and a
timeout, so a regression fails fast instead of hanging CI. The mine kill test
interrupts a run on a small corpus with SIGINT, SIGTERM and SIGKILL at several
points (bench/bench_mine_interrupt.py does twenty on the provincial corpus).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "phrasebank" / "corpus" / "summaries-2021.txt"
DRAFT = "坚持党建引领 , 凝心聚力,,推动人才工作高质量发展。\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
MEMORY_LIMIT = 3 << 30   # bytes of address space per process (jieba and its dictionary need about 0.5 GB)
CPU_LIMIT = 120          # seconds of CPU per process
TIMEOUT = 120            # seconds of wall time per run


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float


def _limits(extra: Callable[[], None] | None = None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))
        if extra is not None:
            extra()
    return apply


_SHARED_CACHE: list[Path] = []


def _user_cache() -> Path:
    """One user cache folder for the whole module: jieba's dictionary cache is built once, not per case."""
    if not _SHARED_CACHE:
        import tempfile

        _SHARED_CACHE.append(Path(tempfile.mkdtemp(prefix="writer-robust-cache-")))
    return _SHARED_CACHE[0]


def teardown_module() -> None:
    for folder in _SHARED_CACHE:
        shutil.rmtree(folder, ignore_errors=True)


def _env(home: Path, **changes: str | None) -> dict[str, str]:
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(_user_cache()), PYTHONIOENCODING="utf-8")
    env.pop("WRITER_BANK", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def writer(args: list, cwd: Path, env: dict | None = None, stdin: bytes | None = None,
           extra: Callable[[], None] | None = None) -> Run:
    """``writer ARGS`` as the console script runs it, bounded in memory, CPU and time."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "writer", *args], cwd=cwd, env=env or _env(cwd),
                          input=stdin or b"", capture_output=True, timeout=TIMEOUT, preexec_fn=_limits(extra))
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
               time.perf_counter() - start)


def digest(root: Path) -> dict[str, tuple]:
    """Every entry under ``root``: kind, mode, owner and content hash (a device or pipe is not opened)."""
    out = {}
    for path in sorted(root.rglob("*")):
        st = path.lstat()
        if stat.S_ISREG(st.st_mode):
            content = hashlib.sha256(path.read_bytes()).hexdigest()
        elif stat.S_ISLNK(st.st_mode):
            content = os.readlink(path)
        else:
            content = None
        out[str(path.relative_to(root))] = (stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), st.st_uid, content)
    return out


def temporaries(root: Path) -> list[str]:
    """Temporary files and folders writer could leave behind."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith(".tmp") or ".writer-" in p.name)


def error_lines(run: Run) -> list[str]:
    """stderr's lines, without a cache's one-time rebuild notice (shared caches of the checkout may be stale)."""
    return [line for line in run.err.splitlines() if line.strip() and "/.cache/" not in line]


# ---------------------------------------------------------------- the table

@dataclass
class Case:
    """One hostile input: how to set it up, what must come out, what must stay as it was."""

    id: str
    setup: Callable[[Path], list]          # makes files under the folder, returns the arguments
    code: int
    names: str | tuple | None              # what the one error line must name (a tuple: one line each; None: none)
    message: str = ""                      # a part of the message
    keep: tuple[str, ...] = ()             # entries that must be byte-, mode- and owner-identical afterwards
    env: dict = field(default_factory=dict)
    extra: Callable[[], None] | None = None
    root_only: bool = False
    after: Callable[[Path, Run], None] | None = None


def _draft(tmp: Path, name: str = "draft.txt", mode: int = 0o644) -> Path:
    path = tmp / name
    path.write_text(DRAFT, encoding="utf-8")
    path.chmod(mode)
    return path


def _read_only_in_place(tmp: Path) -> list:
    _draft(tmp, mode=0o444)
    return ["check", "draft.txt", "--fix", "--in-place"]


def _device(tmp: Path) -> list:
    os.mknod(tmp / "node", 0o644 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null, inside tmp
    return ["outline", "--org", "某县", "--topic", "人才", "--facts-out", "node", "--force"]


def _fifo_output(tmp: Path) -> list:
    os.mkfifo(tmp / "pipe.yaml")
    return ["outline", "--org", "某县", "--topic", "人才", "--facts-out", "pipe.yaml", "--force"]


def _folder_output(tmp: Path) -> list:
    (tmp / "out.yaml").mkdir()
    return ["outline", "--org", "某县", "--topic", "人才", "--facts-out", "out.yaml", "--force"]


def _write_fails(tmp: Path) -> list:
    return ["outline", "--org", "某县", "--topic", "人才", "--facts-out", "skeleton.yaml"]


def _small_files() -> None:
    # Writes beyond 1 KB fail with EFBIG instead of killing the process (SIGXFSZ ignored): a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))


def _symlinked_draft(tmp: Path) -> list:
    target = _draft(tmp, "real.txt", mode=0o640)
    if IS_ROOT:
        os.chown(target, NOBODY, NOBODY)
    (tmp / "link.txt").symlink_to("real.txt")
    return ["check", "link.txt", "--fix", "--in-place", "--fail-on", "error"]


def _symlink_kept(tmp: Path, run: Run) -> None:
    link, target = tmp / "link.txt", tmp / "real.txt"
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_text(encoding="utf-8") != DRAFT and ",," not in target.read_text(encoding="utf-8")
    st = target.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if IS_ROOT:
        assert (st.st_uid, st.st_gid) == (NOBODY, NOBODY)


def _umask_027() -> None:
    os.umask(0o027)


def _new_output(tmp: Path) -> list:
    return ["outline", "--org", "某县", "--topic", "人才", "--facts-out", "new.yaml"]


def _umask_honoured(tmp: Path, run: Run) -> None:
    assert stat.S_IMODE((tmp / "new.yaml").stat().st_mode) == 0o640


def _fix_stdin_in_place(tmp: Path) -> list:
    return ["check", "-", "--fix", "--in-place"]


def _bad_bytes_topic(tmp: Path) -> list:
    return ["suggest", b"\xff"]


def _bad_bytes_org(tmp: Path) -> list:
    return ["outline", "--topic", "人才", "--org", b"\xff\xfe", "--facts-out", "f.yaml"]


def _suggest(tmp: Path) -> list:
    return ["suggest", "人才"]


def _check_ascii_name(tmp: Path) -> list:
    _draft(tmp)
    return ["check", "draft.txt"]  # ASCII arguments: in an ASCII locale Chinese ones are undecodable (不是有效的文字)


def _hostile_corpus(tmp: Path) -> list:
    """One mine run over every kind of bad input (each run costs seconds of jieba loading)."""
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED.read_text(encoding="utf-8")[:20000], encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")          # skipped by the folder walk: only regular files are read
    os.mkfifo(tmp / "x.txt")                # named on the command line: refused, not opened
    if IS_ROOT:  # root reads any mode; /proc/self/mem is a regular file whose first page cannot be read
        (tmp / "secret.txt").symlink_to("/proc/self/mem")
    else:
        _draft(tmp, "secret.txt", mode=0o000)
    # Windows Notepad's "Unicode": UTF-16 with a byte-order mark.
    (tmp / "u16.txt").write_bytes(b"\xff\xfe" + SEED.read_text(encoding="utf-8")[:3000].encode("utf-16-le"))
    # jieba's own default cache place is the shared temporary folder; here one it can neither read nor
    # replace (as another user's file in a sticky /tmp is; a folder makes it so even for root).
    (tmp / "shared-tmp" / "jieba.cache").mkdir(parents=True)
    return ["mine", "corpus", "x.txt", "secret.txt", "u16.txt", "--out", "bank", "--quiet", "-j", "1000000000"]


def _mined_the_rest(tmp: Path, run: Run) -> None:
    sources = [line.split('"source": "')[1].split('"')[0]
               for line in (tmp / "bank" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert set(sources) == {"corpus/seed.txt", "u16.txt"}, sources
    assert run.seconds < 60


def _foreign_bank(tmp: Path) -> list:
    shutil.copy(SEED, tmp / "seed.txt")
    (tmp / "bank").mkdir()
    (tmp / "bank" / "slogans.yaml").write_text("slogans: [我自己整理的]\n", encoding="utf-8")
    return ["mine", "seed.txt", "--out", "bank"]


CASES = [
    Case("fix-in-place-read-only", _read_only_in_place, 3, "draft.txt", "只读", keep=("draft.txt",),
         after=lambda tmp, run: not (tmp / "draft.txt.bak").exists() or pytest.fail("backup written")),
    Case("fix-stdin-in-place", _fix_stdin_in_place, 2, "--in-place", "标准输入"),
    Case("output-device-node-with-force", _device, 3, "node", "不是普通文件", keep=("node",), root_only=True),
    Case("output-fifo-with-force", _fifo_output, 3, "pipe.yaml", "不是普通文件", keep=("pipe.yaml",)),
    Case("output-is-a-folder", _folder_output, 3, "out.yaml", "文件夹", keep=("out.yaml",)),
    Case("output-write-fails", _write_fails, 3, "skeleton.yaml", "无法写入", extra=_small_files,
         after=lambda tmp, run: not (tmp / "skeleton.yaml").exists() or pytest.fail("partial file")),
    Case("fix-in-place-through-symlink", _symlinked_draft, 0, None, after=_symlink_kept),
    Case("new-file-honours-umask", _new_output, 0, None, extra=_umask_027, after=_umask_honoured),
    Case("topic-undecodable", _bad_bytes_topic, 2, "\\xff", "不是有效的文字"),
    Case("org-undecodable", _bad_bytes_org, 2, "\\xff\\xfe", "不是有效的文字",
         after=lambda tmp, run: not (tmp / "f.yaml").exists() or pytest.fail("wrote the skeleton")),
    # stderr cannot show Chinese either: the line ends in ASCII.
    Case("stdout-latin-1", _suggest, 3, "PYTHONIOENCODING=utf-8", "cannot show Chinese",
         env={"PYTHONIOENCODING": "latin-1"}),
    Case("stdout-ascii-locale", _check_ascii_name, 3, "PYTHONIOENCODING=utf-8", "cannot show Chinese",
         env={"PYTHONIOENCODING": None, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}),
    # A FIFO named x.txt, an unreadable file, a UTF-16 file, -j 1000000000, jieba's cache in the way:
    # one line per bad file, exit 3 at the end, the rest mined, no traceback.
    Case("mine-hostile-corpus", _hostile_corpus, 3, ("x.txt: 不是普通文件", "secret.txt: 无法读取"),
         after=_mined_the_rest, env={"TMPDIR": "SHARED"}),
    Case("mine-foreign-bank-files", _foreign_bank, 3, "bank", "不是 writer mine 写的", keep=("bank",)),
]


@pytest.fixture
def open_folder():
    """A folder every user may enter and write (cases that run as nobody need one; pytest's tmp_path is 0700)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="writer-robust-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_case(open_folder: Path, case: Case):
    if case.root_only and not IS_ROOT:
        pytest.skip("needs root (device nodes, another user's files)")
    work, home = open_folder / "work", open_folder / "home"
    work.mkdir(mode=0o777)
    home.mkdir(mode=0o777)
    work.chmod(0o777)
    home.chmod(0o777)
    args = case.setup(work)
    before = digest(work)
    env_changes = {k: (str(work / "shared-tmp") if v == "SHARED" else v) for k, v in case.env.items()}
    run = writer(args, work, env=_env(home, **env_changes), extra=case.extra)
    assert "Traceback" not in run.err and "Traceback" not in run.out, run.err
    assert run.code == case.code, (run.code, run.err)
    lines = error_lines(run)
    if case.names is None:  # notes only ("writer: 已修正…"), no error
        assert all(line.startswith("writer: ") for line in lines), lines
    else:
        names = case.names if isinstance(case.names, tuple) else (case.names,)
        assert len(lines) == len(names), lines
        for name in names:
            assert sum(line.startswith("writer: ") and name in line and case.message in line for line in lines) == 1, \
                (name, lines)
        assert not [line for line in lines if ".tmp" in line or line.startswith("writer: :")], lines
    after = digest(work)
    for kept in case.keep:
        assert {k: v for k, v in after.items() if k == kept or k.startswith(kept + "/")} == \
               {k: v for k, v in before.items() if k == kept or k.startswith(kept + "/")}, kept
    assert temporaries(work) == []
    if case.after is not None:
        case.after(work, run)


# ---------------------------------------------------------------- pipes and signals

def test_broken_pipe_exits_quietly_with_the_commands_own_code(tmp_path: Path):
    _draft(tmp_path)
    for args, code in ((["suggest", "人才", "-n", "300"], 0), (["check", "draft.txt"], 1)):
        proc = subprocess.Popen([sys.executable, "-m", "writer", *args], cwd=tmp_path, env=_env(tmp_path),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits())
        proc.stdout.readline()
        proc.stdout.close()  # the reader goes away, as `| head -1` does
        err = proc.stderr.read().decode("utf-8", "replace")
        assert proc.wait(timeout=TIMEOUT) == code, (args, err)
        assert err.strip() == "", (args, err)


def _corpus(folder: Path, copies: int, year_shift: int = 0) -> Path:
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for k in range(copies):
        (folder / f"s{k}.txt").write_text(text.replace("2021", str(2010 + k + year_shift)), encoding="utf-8")
    return folder


def _sibling_new_folder(parent: Path, before: set[str]) -> bool:
    """True once a new folder of this run's is beside the bank (one a killed run left is not it)."""
    return any(n.startswith(".bank.writer-new-") for n in set(os.listdir(parent)) - before)


def _as_foreground_job() -> None:
    # pytest run in the background (`&`, nohup) hands its children an ignored SIGINT, which
    # writer rightly leaves ignored; Ctrl-C reaches a foreground job with the default handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _group_size(pgid: int) -> int:
    """How many live processes are in process group ``pgid`` (Linux /proc; 0 elsewhere)."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        count += fields[0] != "Z" and fields[2] == str(pgid)
    return count


def _interrupt(args: list, cwd: Path, sig: int, delay: float, when_writing: bool, group: bool = False,
               members: int = 0) -> Run:
    """Start ``writer ARGS``; send ``sig`` after ``delay`` seconds (counted from when the new bank folder
    appears, with ``when_writing``, or from when its process group holds ``members`` processes: a
    mine's workers are running); return how it ended."""
    proc = subprocess.Popen([sys.executable, "-m", "writer", *args], cwd=cwd, env=_env(cwd),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits(_as_foreground_job),
                            start_new_session=group)
    start = time.perf_counter()
    before = set(os.listdir(cwd))
    if when_writing:
        while proc.poll() is None and not _sibling_new_folder(cwd, before) and time.perf_counter() - start < TIMEOUT:
            time.sleep(0.002)
    while members and proc.poll() is None and _group_size(proc.pid) < members and time.perf_counter() - start < TIMEOUT:
        time.sleep(0.002)
    time.sleep(delay)
    if proc.poll() is None:
        (os.killpg if group else os.kill)(proc.pid, sig)
    out, err = proc.communicate(timeout=TIMEOUT)
    return Run(proc.returncode, out.decode(), err.decode("utf-8", "replace"), time.perf_counter() - start)


def test_mine_killed_anywhere_leaves_the_previous_bank_whole(tmp_path: Path):
    _corpus(tmp_path / "old", 1)
    _corpus(tmp_path / "new", 2, year_shift=5)
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "custom.yaml").write_text("add:\n  slogans: [踔厉奋发]\n", encoding="utf-8")
    assert writer(["mine", "old", "--out", "bank", "--quiet"], tmp_path).code == 0
    saved = tmp_path / "saved"
    shutil.copytree(tmp_path / "bank", saved)
    previous = digest(tmp_path / "bank")
    # The complete new bank, written by the same command line (the files stamp it), then the previous put back.
    full = writer(["mine", "new", "--out", "bank", "--quiet", "-j", "2"], tmp_path)
    assert full.code == 0, full.err
    complete = digest(tmp_path / "bank")
    shutil.rmtree(tmp_path / "bank")
    shutil.copytree(saved, tmp_path / "bank")
    assert complete != previous
    # SIGINT and SIGTERM in the middle of mining; each signal at the moment the new folder appears.
    points = [(s, full.seconds * 0.5, False) for s in (signal.SIGINT, signal.SIGTERM)]
    points += [(s, 0.0, True) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)]
    interrupted = 0
    for sig, delay, when_writing in points:
        run = _interrupt(["mine", "new", "--out", "bank", "--quiet", "-j", "2"], tmp_path, sig, delay, when_writing,
                         group=sig == signal.SIGINT)
        state = digest(tmp_path / "bank")
        assert state in (previous, complete), (sig, delay, when_writing, run.code)
        if state == complete:  # finished (or swapped in) before the signal: put the previous bank back
            shutil.rmtree(tmp_path / "bank")
            shutil.copytree(saved, tmp_path / "bank")
        if sig != signal.SIGKILL:
            assert "Traceback" not in run.err, run.err
            if run.code != 0:
                assert run.code == 128 + sig and error_lines(run) == ["writer: 已中断"], (run.code, run.err)
            assert temporaries(tmp_path) == [], (sig, delay)
        interrupted += run.code != 0
    assert interrupted >= len(points) - 2  # most signals hit a running mine
    # What SIGKILL left behind, the next run into the folder removes.
    assert writer(["mine", "old", "--out", "bank", "--quiet"], tmp_path).code == 0
    assert temporaries(tmp_path) == []


def test_ctrl_c_reaches_every_worker_and_says_one_line(tmp_path: Path):
    # Interrupted once both workers run, however fast mining has become (a fixed 2.5 s outlived a
    # 3-document mine); twelve documents keep them busy for a second or more.
    _corpus(tmp_path / "new", 12)
    run = _interrupt(["mine", "new", "--out", "bank", "-j", "2", "--quiet"], tmp_path, signal.SIGINT, 0.1, False,
                     group=True, members=3)
    assert run.code == 130 and run.err == "writer: 已中断\n", run.err
    assert not (tmp_path / "bank").exists() and temporaries(tmp_path) == []


def test_a_second_mine_into_the_same_folder_is_refused(tmp_path: Path):
    from writer.io.folders import FolderLock

    shutil.copy(SEED, tmp_path / "seed.txt")
    lock = FolderLock(tmp_path / "bank")
    assert lock.acquire()
    try:
        run = writer(["mine", "seed.txt", "--out", "bank"], tmp_path)
    finally:
        lock.release()
    assert run.code == 3 and error_lines(run) == [
        "writer: bank: 另一个 writer mine 正在写这个文件夹；等它结束再试（锁文件 .bank.writer-lock）"], run.err
    assert not (tmp_path / "bank").exists() and temporaries(tmp_path) == []


def test_the_shipped_bank_is_refused_without_force(tmp_path: Path, monkeypatch):
    # The shipped bank is found through writer.io.paths; pointing it at a copy keeps the checkout safe.
    from typer.testing import CliRunner

    from writer.cli import app
    from writer.io import paths

    shipped = tmp_path / "phrasebank"
    shutil.copytree(REPO / "phrasebank", shipped, ignore=shutil.ignore_patterns(".cache"))
    monkeypatch.setattr(paths, "default_bank", lambda: shipped)
    before = digest(shipped)
    result = CliRunner().invoke(app, ["mine", str(shipped / "corpus"), "--out", str(shipped)])
    assert result.exit_code == 3 and "随 writer 附带的素材库" in result.output and "--force" in result.output
    assert digest(shipped) == before


def test_jobs_are_capped_at_the_cpus():
    from writer.mining.run import cpu_count, resolve_jobs

    assert resolve_jobs(1_000_000_000) == cpu_count() == resolve_jobs(0)
    assert resolve_jobs(1) == 1
