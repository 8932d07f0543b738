"""Hostile and oversized inputs: one table, each row run as a user would, in a subprocess held by limits.

Every row runs ``python -m writer …`` under RLIMIT_AS (address space) and
RLIMIT_CPU, with a wall-clock timeout, so a regression that hangs or eats
memory fails this test quickly instead of stalling CI. Each row asserts:

- the documented exit code (README 退出码);
- no Python traceback, and for an error exactly one line ``writer: …`` naming
  the user's file;
- no file in the row's folder changed except the outputs the row expects;
- run time and peak memory (the child's max RSS) under the row's bounds.

Sizes are scaled for CI (a 4 MB one-line file stands for 100 MB, 50,000
lines for a million); bench/bench_check.py measures the full sizes.
Writes, signals, --jobs, FIFOs and undecodable file names are the table of
tests/test_robustness_writes.py.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "人社工作.yaml"
FACT_LINE = "      - 全年城镇新增就业1260人，完成年度目标的105%"
PROSE = "我们坚持以人民为中心深入推进各项工作取得明显成效全面加强基层治理能力建设持续提升服务水平"
PLANTED = "全年走访慰问困难群众3千余人次。\n"        # one number warning: check exits 1


@dataclass
class Row:
    """One hostile input: how to make it, what writer must answer, and the bounds."""

    id: str
    make: Callable[[Path], list]           # builds the input in the folder, returns the arguments
    code: int
    message: str | None = None             # a phrase of the one error line (None: no error line)
    names: str | None = None               # the user's file the line must name
    outputs: tuple[str, ...] = ()          # files the run may create or change (``dir/``: any file in it)
    lines: int = 1                         # error lines allowed (one per error of the file)
    seconds: float = 20.0
    megabytes: int = 300
    env: dict = field(default_factory=dict)
    check_output: Callable[[Path, str], None] | None = None


# writer as `python -m writer` runs it, writing its own peak RSS (VmHWM: of this program
# only; a forked child's ru_maxrss starts at the size of the test process) when it exits.
MEASURED = """
import atexit, runpy, sys
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            open('.stdhwm', 'w').write(line.split()[1])
atexit.register(hwm)
sys.argv[0] = 'writer'
runpy.run_module('writer', run_name='__main__')
"""


def _run(args: list, cwd: Path, env: dict, seconds: float, megabytes: int):
    """(exit code, stdout, stderr, wall seconds, peak RSS in MB) of writer under limits."""
    def limits():
        cap = (megabytes + 700) * 2 ** 20   # address space: the interpreter maps ~200 MB before any work
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(seconds * 2) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    full_env = dict(os.environ, PYTHONHASHSEED="0", COLUMNS="200", **env)
    full_env.pop("WRITER_BANK", None)
    out, err = cwd / ".stdout", cwd / ".stderr"
    with open(out, "wb") as o, open(err, "wb") as e:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", MEASURED, *args], cwd=cwd, env=full_env,
                                 stdin=subprocess.DEVNULL, stdout=o, stderr=e, preexec_fn=limits)
        timer = threading.Timer(seconds * 3 + 10, child.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
    stdout, stderr = out.read_bytes(), err.read_bytes()
    peak = int((cwd / ".stdhwm").read_text()) / 1024 if (cwd / ".stdhwm").exists() else usage.ru_maxrss / 1024
    for name in (".stdout", ".stderr", ".stdhwm"):
        (cwd / name).unlink(missing_ok=True)
    return child.returncode, stdout, stderr.decode("utf-8", "replace"), wall, peak


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".std")}


# ------------------------------------------------------------------ making the inputs

def _text(name: str, text: str) -> Callable[[Path], list]:
    def make(tmp: Path) -> list:
        (tmp / name).write_text(text, encoding="utf-8")
        return ["check", name]
    return make


def _prose(n: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(PROSE) for _ in range(n))


def _one_line(megabytes: int) -> str:
    sentence = "全年城镇新增就业1260人，城乡居民养老保险参保率稳定在96%以上，各项工作取得明显成效。"
    return (sentence * (megabytes * 2 ** 20 // len(sentence.encode()) + 1))[: megabytes * 2 ** 20 // 3] + PLANTED


def _many_lines(count: int) -> str:
    rng = random.Random(1)
    return "".join(_prose(rng.randint(5, 30), i) + "。\n" for i in range(count)) + PLANTED


def _runs() -> str:
    marks = "一1１ 　。，.,(（《“!！?？-*#|{[%年十"
    return "".join(mark * 20_000 + "\n" for mark in marks) + PLANTED


def _brackets() -> str:
    return "（" * 40_000 + "《" * 40_000 + "“" * 40_000 + "(" * 40_000 + "\n" + PLANTED


def _facts(tmp: Path, name: str, replace: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert FACT_LINE in text
    (tmp / name).write_text(text.replace(FACT_LINE, replace, 1), encoding="utf-8")


def _big_fact(tmp: Path) -> list:
    _facts(tmp, "facts.yaml", "      - 全年城镇新增就业1260人" + "，持续推进就业服务" * 40_000)   # 1 MB
    return ["render", "facts.yaml", "-o", "draft.md"]


def _control_fact(tmp: Path) -> list:
    _facts(tmp, "facts.yaml", '      - "全年城镇新\\x07增就业1260人\\x1b[31m\\x00，完成年度目标的105%"')
    return ["render", "facts.yaml", "-o", "draft.docx"]


def _docx_is_valid_xml(tmp: Path, _stderr: str) -> None:
    from xml.dom.minidom import parseString

    with zipfile.ZipFile(tmp / "draft.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    parseString(body)
    assert "\x07" not in body and "\x1b" not in body and "增就业1260人" in body


def _list_key(tmp: Path) -> list:
    (tmp / "facts.yaml").write_text(EXAMPLE.read_text(encoding="utf-8") + "? [a, b]\n: 1\n", encoding="utf-8")
    return ["render", "facts.yaml", "-o", "draft.md"]


def _laughs(tmp: Path) -> list:
    lines = ['org: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for i in range(8):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"topic{i}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    (tmp / "facts.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["render", "facts.yaml", "-o", "draft.md"]


def _deep(tmp: Path) -> list:
    (tmp / "facts.yaml").write_text("org: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    return ["render", "facts.yaml", "-o", "draft.md"]


def _template_not_utf8(tmp: Path) -> list:
    (tmp / "tpl").mkdir()
    (tmp / "tpl" / "summary.md.j2").write_bytes("# {{ title }}\n".encode("gb18030") + b"\xff\xfe\x80\x81")
    shutil.copy(EXAMPLE, tmp / "facts.yaml")
    return ["render", "facts.yaml", "--templates", "tpl", "-o", "draft.md"]


def _zip_bomb(tmp: Path) -> list:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   '2006/main"><w:body><w:p><w:r><w:t>' + "好" * (200 * 2 ** 20 // 3) + "</w:t></w:r></w:p>"
                   "</w:body></w:document>", compresslevel=9)
    (tmp / "bomb.docx").write_bytes(buffer.getvalue())          # ~0.2 MB holding 200 MB of XML
    return ["check", "bomb.docx"]


def _named_with_escape(tmp: Path) -> list:
    return ["check", "报告\x1b[31m.txt"]


def _no_raw_escape(_tmp: Path, stderr: str) -> None:
    assert "\x1b" not in stderr and "\\x1b" in stderr


def _escape_in_draft(tmp: Path) -> list:
    (tmp / "draft.txt").write_text("全年新增就业\x1b[2J1260人,完成目标。\n" + PLANTED, encoding="utf-8")
    return ["check", "draft.txt"]


class _Exploit:
    def __reduce__(self):
        return (open, ("PWNED", "w"))


def _pickled_bank(tmp: Path) -> list:
    bank = tmp / "bank"
    shutil.copytree(ROOT / "phrasebank", bank, ignore=shutil.ignore_patterns("corpus", ".cache"))
    (bank / ".cache").mkdir()
    for name in ("documents.cache.pickle", "bank-slogans.marshal", "bank-manifest.marshal"):
        (bank / ".cache" / name).write_bytes(pickle.dumps(_Exploit()))
    return ["bank", "stats", "--bank", "bank"]


def _nothing_ran(tmp: Path, _stderr: str) -> None:
    assert not (tmp / "PWNED").exists()


def _nested_rule(tmp: Path) -> list:
    (tmp / "rule.yaml").write_text("id: my-rule\nlevel: warning\nchecks:\n  - kind: pattern\n    items:\n"
                                   "      - match: '([一-龥]+，?)+省'\n", encoding="utf-8")
    (tmp / ".writer.yaml").write_text("check:\n  extra: [rule.yaml]\n", encoding="utf-8")
    (tmp / "draft.txt").write_text(PLANTED, encoding="utf-8")
    return ["check", "draft.txt"]


ROWS = [
    Row("check: 200k characters of prose without punctuation", _text("draft.txt", _prose(200_000) + "\n" + PLANTED),
        1, seconds=20),
    Row("check: a 4 MB file on one line (bench: 100 MB)", _text("draft.txt", _one_line(4)), 1, seconds=30,
        megabytes=350),
    Row("check: 50,000 short lines (bench: a million)", _text("draft.txt", _many_lines(50_000)), 1, seconds=30,
        megabytes=350),
    Row("check: 20,000-character runs of one character", _text("draft.txt", _runs()), 1, seconds=30),
    Row("check: 160,000 unclosed nested brackets", _text("draft.txt", _brackets()), 1, seconds=30),
    Row("check: a .docx zip bomb", _zip_bomb, 3, "解压后超过", "bomb.docx", seconds=20, megabytes=300),
    Row("check: a file name holding an escape sequence", _named_with_escape, 3, "报告", "报告",
        check_output=_no_raw_escape),
    Row("check: control characters in the draft", _escape_in_draft, 1,
        check_output=lambda tmp, err: None),
    Row("check: a user rule with a repeat in a repeat", _nested_rule, 3, "回溯失控", "rule.yaml"),
    Row("render: a 1 MB fact", _big_fact, 0, outputs=("draft.md",), seconds=20),
    Row("render: control characters in a fact, to .docx", _control_fact, 0, outputs=("draft.docx",),
        check_output=_docx_is_valid_xml),
    Row("render: a facts file with a list as a key", _list_key, 2, "facts.yaml", "facts.yaml"),
    Row("render: a facts file of nested aliases (billion laughs)", _laughs, 2, "facts.yaml", "facts.yaml", lines=20),
    Row("render: a facts file nested 50,000 deep", _deep, 2, "facts.yaml", "facts.yaml"),
    Row("render: a template file that is not UTF-8", _template_not_utf8, 3, "summary.md.j2", "summary.md.j2"),
    Row("suggest: a topic that is not valid UTF-8", lambda tmp: ["suggest", b"\xff\xfe\xe4\xba"], 2, "不是有效的文字"),
    Row("outline: an organisation holding a lone surrogate", lambda tmp: ["outline", "--org", b"\xed\xa0\x80" + "局".encode(),
                                                                         "--topic", "教育"], 2, "不是有效的文字"),
    Row("suggest: stdout that cannot encode Chinese", lambda tmp: ["suggest", "人才"], 3, "PYTHONIOENCODING",
        env={"PYTHONIOENCODING": "latin-1"}),
    Row("bank stats: pickle exploits in a copied bank's .cache", _pickled_bank, 0, seconds=30,
        check_output=_nothing_ran, outputs=("bank/.cache/",)),
]
# Known to fail at this commit, for the lead: the owner of the module named fixes it.
KNOWN: dict[str, str] = {}  # row id → why it still fails (run as a strict xfail)


def _params():
    for row in ROWS:
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[row.id])] if row.id in KNOWN else []
        yield pytest.param(row, id=row.id, marks=marks)


@pytest.mark.parametrize("row", list(_params()))
def test_hostile_input(row: Row, tmp_path: Path):
    args = row.make(tmp_path)
    before = _snapshot(tmp_path)
    code, stdout, stderr, seconds, megabytes = _run(args, tmp_path, row.env, row.seconds, row.megabytes)
    assert "Traceback" not in stderr, stderr[-2000:]
    assert code == row.code, (code, stderr[-500:])
    errors = [line for line in stderr.splitlines() if not line.startswith("writer: 已写入")
              and not line.startswith("  ") and "自动生成" not in line and "分成" not in line]
    if row.message is not None:
        assert 1 <= len(errors) <= row.lines, stderr
        assert all(line.startswith("writer: ") for line in errors) and row.message in errors[0], errors[0]
        if row.names is not None:
            assert all(row.names in line for line in errors), errors
    after = _snapshot(tmp_path)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    unexpected = {name for name in changed if name not in row.outputs
                  and not any(out.endswith("/") and name.startswith(out) for out in row.outputs)}
    assert not unexpected, unexpected
    assert seconds < row.seconds, f"{seconds:.1f} s"
    assert megabytes < row.megabytes, f"{megabytes:.0f} MB"
    if row.check_output is not None:
        row.check_output(tmp_path, stderr)


# ------------------------------------------------------------------ sanitising, in-process

@pytest.mark.parametrize("raw, shown", [
    ("报告\x1b[31m.txt", "报告\\x1b[31m.txt"), ("a\nb", "a\\x0ab"), ("\udcff", "\\udcff"),
    ("名\u202e称", "名\\u202e称"), ("普通的文字 2025年", "普通的文字 2025年"), ("\x9b", "\\x9b"),
])
def test_terminal_text_shows_controls_escaped(raw, shown):
    from writer.io.sanitize import for_terminal

    assert for_terminal(raw) == shown
    shown.encode("utf-8")  # printable anywhere UTF-8 is


@pytest.mark.parametrize("raw, kept", [
    ("就业\x07\x00人", "就业人"), ("a\tb\nc\rd", "a\tb\nc\rd"), ("\ud800x", "\ufffdx"), ("\uffff", "\ufffd"),
    ("𠀀好", "𠀀好"),
])
def test_xml_text_holds_only_what_xml_allows(raw, kept):
    from xml.dom.minidom import parseString

    from writer.io.sanitize import for_xml

    assert for_xml(raw) == kept
    parseString(f"<t>{for_xml(raw).replace('&', '&amp;').replace('<', '&lt;')}</t>".encode("utf-8"))
