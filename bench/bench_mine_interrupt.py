"""Interrupt `writer mine` on the provincial corpus at many points; the previous bank must survive each.

For each point a run of ``writer mine CORPUS --out bank`` over an existing
bank is sent SIGINT (to the whole process group, as Ctrl-C does), SIGTERM or
SIGKILL, either at a fraction of the measured full run time or at the moment
the new bank folder appears beside the old one. Afterwards the bank must be
byte-identical to the previous bank (or to the complete new bank, when the
run finished first), and after SIGINT/SIGTERM there must be one line
``writer: 已中断``, exit 130/143 and no temporary file. Prints one row per
point and a verdict.

    python bench/bench_mine_interrupt.py [CORPUS_DIR] [--points 20] [--files N] [--jobs 2]

``--files N`` mines only the first N files (sorted), for a quicker look.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "gov-reports-provincial"
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


def digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def temporaries(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if ".writer-" in p.name or p.name.endswith(".tmp"))


def mine(args: list[str], cwd: Path) -> tuple[int, str, float]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "writer", "mine", *args], cwd=cwd, capture_output=True, text=True)
    return proc.returncode, proc.stderr, time.perf_counter() - start


def as_foreground_job() -> None:
    # A bench started in the background (`&`, nohup) hands its children an ignored SIGINT,
    # which writer rightly leaves ignored; Ctrl-C reaches a foreground job with the default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt(args: list[str], cwd: Path, sig: int, delay: float, at_write: bool) -> tuple[int, str, float | None]:
    proc = subprocess.Popen([sys.executable, "-m", "writer", "mine", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=as_foreground_job)
    start = time.perf_counter()
    if at_write:  # a new folder of this run's (one a killed run left is not it)
        before = set(os.listdir(cwd))
        while proc.poll() is None and not any(n.startswith(".bank.writer-new-") for n in set(os.listdir(cwd)) - before):
            time.sleep(0.002)
    time.sleep(delay)
    sent: float | None = time.perf_counter() - start
    if proc.poll() is None:
        if sig == signal.SIGINT:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches every process of the terminal's group
        else:
            os.kill(proc.pid, sig)
    else:
        sent = None  # the run finished first: nothing was sent
    _, err = proc.communicate()
    return proc.returncode, err, sent


def _points(n: int, seconds: float) -> list[tuple[int, float, bool]]:
    """n - 3 points spread over the run, then each signal at the moment of the write."""
    spread = [(SIGNALS[i % 3], seconds * (i + 0.5) / (n - 3), False) for i in range(n - 3)]
    return spread + [(sig, 0.0, True) for sig in SIGNALS]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--points", type=int, default=20)
    parser.add_argument("--files", type=int, default=0)
    parser.add_argument("--jobs", default="2")
    opts = parser.parse_args()
    if not opts.corpus.is_dir():
        print(f"corpus not found: {opts.corpus}")
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-interrupt-"))
    try:
        return _run(opts, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(opts, work: Path) -> int:
    files = sorted(p for p in opts.corpus.rglob("*") if p.is_file() and p.suffix in (".md", ".txt"))
    files = files[:opts.files] if opts.files else files
    corpus = work / "corpus"
    for f in files:
        dest = corpus / f.relative_to(opts.corpus)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest)
    (work / "old").mkdir()
    for f in files[:3]:
        shutil.copy(f, work / "old" / f.name)
    code, err, _ = mine(["old", "--out", "bank", "--quiet"], work)
    assert code == 0, err
    saved = work / "saved"
    shutil.copytree(work / "bank", saved)
    previous = digest(work / "bank")
    args = ["corpus", "--out", "bank", "--quiet", "--jobs", opts.jobs]
    # The complete new bank, by the same command line (the files stamp it); then the previous put back.
    code, err, seconds = mine(args, work)
    assert code == 0, err
    complete = digest(work / "bank")
    shutil.rmtree(work / "bank")
    shutil.copytree(saved, work / "bank")
    print(f"{len(files)} files; a full run takes {seconds:.1f} s; {opts.points} points")
    print(f"{'#':>3} {'signal':8} {'sent at':>9} {'exit':>5}  bank       stray  stderr")
    failures = 0
    for i, (sig, delay, at_write) in enumerate(_points(opts.points, seconds), 1):
        code, err, sent = interrupt(args, work, sig, delay, at_write)
        state = digest(work / "bank")
        verdict = "previous" if state == previous else "complete" if state == complete else "DAMAGED"
        stray = temporaries(work)
        ok = verdict != "DAMAGED"
        if sig != signal.SIGKILL:
            ok = ok and not stray and "Traceback" not in err and (
                code == 0 or (code == 128 + sig and err == "writer: 已中断\n"))
        failures += not ok
        when = "finished" if sent is None else "at write" if at_write else f"{sent:8.2f}s"
        print(f"{i:>3} {signal.Signals(sig).name:8} {when:>9} {code:>5}  {verdict:10} {len(stray):>5}  "
              f"{err.strip()[:60]!r}{'' if ok else '  <-- FAIL'}")
        if verdict != "previous":
            shutil.rmtree(work / "bank")
            shutil.copytree(saved, work / "bank")
    code, err, _ = mine(["old", "--out", "bank", "--quiet"], work)
    left = temporaries(work)
    print(f"next run after the kills: exit {code}, temporaries left: {left or 'none'}")
    failures += code != 0 or bool(left)
    print("verdict:", "every point left the previous bank whole" if not failures else f"{failures} FAILED")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
