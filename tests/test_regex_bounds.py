"""Every regular expression writer runs costs time linear in the text, on any text.

The patterns come from three places: the shipped rules (pattern items, density
``unless``, and whatever a check kind compiles), module-level constants of every
writer module, and every pattern writer code compiles while the commands run
(``re._compile`` is watched during mine, suggest, outline, render and check over
the fixtures). Each is searched (``finditer``, as the checker does) in adversarial
texts made from the pattern's own characters and from the shapes that defeat
backtracking engines: long runs of one character, long text without punctuation,
nested brackets. A text of 12,000 characters must take under 0.25 s (a quadratic
pattern takes several seconds there; a linear one a few milliseconds); an alarm
cuts a run at 1 s, so a regression fails fast instead of hanging the suite.
"""

from __future__ import annotations

import importlib
import pkgutil
import random
import re
import signal
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import writer
from writer.check.regexcost import nested_repeat

ROOT = Path(__file__).resolve().parents[1]
WRITER_DIR = str(ROOT / "writer")
# At 12,000 characters a quadratic pattern took 0.21 s on an idle machine, under BOUND: the self-test
# failed and a quadratic would have passed. At 20,000 it takes 0.58 s, and writer's slowest pattern 0.05 s.
SIZE = 20_000
BOUND = 0.25
ALARM = 1.0
# Characters of ordinary Chinese prose without punctuation (a long paragraph typed with no stops).
PROSE = "我们坚持以人民为中心深入推进各项工作取得明显成效全面加强基层治理能力建设持续提升服务水平"
GENERIC = [
    "a", "一", "1", "１", " ", "\t", "\n", "　", "。", "，", ".", ",", "(", ")", "（", "）", "《", "》",
    "“", "”", "[", "]", "{", "}", "<", ">", "-", "*", "_", "#", "|", "\\", "…", "⋯", "%", "年", "省",
    "十", "x", "\u200b", "\x00",
]


def _shaped(n: int) -> list[str]:
    rng = random.Random(11)
    texts = [c * n for c in GENERIC]
    texts.append("".join(rng.choice(PROSE) for _ in range(n)))
    texts += ["(" * (n // 2) + ")" * (n // 2), "（" * (n // 2) + "）" * (n // 2), "《" * (n // 2) + "》" * (n // 2),
              "“" * (n // 2) + "”" * (n // 2), "[" * (n // 2) + "](" * (n // 4), "一 " * (n // 2), "1." * (n // 2),
              "1,1" * (n // 3), "a|" * (n // 2), "- " * (n // 2), "* " * (n // 2), "一\n" * (n // 2),
              "<!--" * (n // 4), "---\n" + "a: b\n" * (n // 5)]
    return texts


def _pattern_chars(pattern: re.Pattern) -> list[str]:
    """A few characters each literal and set of ``pattern`` matches."""
    from re import _constants as c, _parser as p

    found: list[str] = []

    def walk(tree):
        for op, av in tree:
            if op is c.LITERAL:
                found.append(chr(av))
            elif op is c.IN:
                for item_op, item_av in av:
                    if item_op is c.LITERAL:
                        found.append(chr(item_av))
                    elif item_op is c.RANGE:
                        found.extend((chr(item_av[0]), chr((item_av[0] + item_av[1]) // 2), chr(item_av[1])))
            elif isinstance(av, (list, tuple)):
                for child in av:
                    if isinstance(child, p.SubPattern):
                        walk(child)
                    elif isinstance(child, (list, tuple)):
                        for grand in child:
                            if isinstance(grand, p.SubPattern):
                                walk(grand)

    walk(p.parse(pattern.pattern, pattern.flags & ~re.UNICODE))
    return list(dict.fromkeys(ch for ch in found if not 0xD800 <= ord(ch) <= 0xDFFF))


def _adversarial(pattern: re.Pattern, n: int = SIZE) -> list[str]:
    chars = _pattern_chars(pattern)[:40]
    texts = _shaped(n) + [ch * n for ch in chars]
    texts += [(a + b) * (n // 2) for a, b in zip(chars, chars[1:])]
    return texts


class _TooSlow(Exception):
    pass


def _alarm(*_):
    raise _TooSlow


def _timed(pattern: re.Pattern, text: str) -> float:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, ALARM)
    start = time.perf_counter()
    try:
        for _ in pattern.finditer(text):
            pass
        pattern.search(text)
        return time.perf_counter() - start
    except _TooSlow:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ------------------------------------------------------------------ collecting patterns

def _module_patterns() -> dict[str, re.Pattern]:
    out = {}
    for info in pkgutil.walk_packages(writer.__path__, "writer."):
        if info.name in ("writer.__main__",):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                out[f"{info.name}.{name}"] = value
    return out


def _rule_patterns() -> dict[str, re.Pattern]:
    from writer.check.rules import load_rules

    out = {}
    for rule in load_rules().rules.values():
        for i, check in enumerate(rule.checks):
            values = list(vars(check).values()) + list(check.params.values())
            for value in values:
                for item in (value if isinstance(value, (list, tuple)) else [value]):
                    for part in (item if isinstance(item, tuple) else [item]):
                        if isinstance(part, re.Pattern):
                            out[f"{rule.id}[{i}] {part.pattern[:40]}"] = part
    return out


def _compiled_while_running(tmp: Path) -> dict[str, re.Pattern]:
    """Patterns writer code compiles while the commands run over the fixtures."""
    from writer.cli import app

    seen: dict[str, re.Pattern] = {}
    original = re._compile

    def watching(pattern, flags):
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename.endswith(("re/__init__.py", "enum.py")):
            frame = frame.f_back
        if frame is not None and frame.f_code.co_filename.startswith(WRITER_DIR) \
                and isinstance(compiled.pattern, str):
            where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}"
            seen.setdefault(f"{where} {compiled.pattern[:40]}", compiled)
        return compiled

    runner = CliRunner()
    fixtures = ROOT / "tests" / "fixtures"
    example = ROOT / "examples" / "人社工作.yaml"
    runs = [["mine", str(fixtures / "reader"), "--out", str(tmp / "bank"), "--quiet"],
            ["suggest", "人才", "--kind", "heading"], ["suggest", "教育", "--kind", "set", "-n", "3"],
            ["suggest", "党建", "--kind", "aphorism"], ["suggest", "法治", "--kind", "opening"],
            ["outline", "--org", "某市人社局", "--topic", "人才", "--period", "2024年", "--facts-out", str(tmp / "facts.yaml")],
            ["render", str(tmp / "facts.yaml"), "-o", str(tmp / "facts.md")],
            ["render", str(example), "-o", str(tmp / "draft.md")],
            ["render", str(example), "-o", str(tmp / "draft.docx")],
            ["check", *map(str, sorted((fixtures / "check").glob("*.txt")))],
            ["check", str(tmp / "draft.md"), str(tmp / "draft.docx"), "--bank", str(tmp / "bank")],
            ["bank", "stats", "--bank", str(tmp / "bank")]]
    re._compile = watching
    try:
        for args in runs:
            result = runner.invoke(app, args)
            # Rendering the outline's facts stops at its blanks (exit 2): its patterns ran by then.
            assert result.exit_code in (0, 1, 2) and isinstance(result.exception, (SystemExit, type(None))), \
                (args, result.output)
    finally:
        re._compile = original
    return seen


@pytest.fixture(scope="module")
def every_pattern(tmp_path_factory) -> dict[str, re.Pattern]:
    patterns = _module_patterns()
    patterns.update(_rule_patterns())
    patterns.update(_compiled_while_running(tmp_path_factory.mktemp("runs")))
    return patterns


def test_the_collection_reaches_rules_modules_and_lazily_built_patterns(every_pattern):
    names = " ".join(every_pattern)
    # One of each source: a rule item, a density `unless`, a module constant, a pattern built at first use.
    assert "punct[0]" in names and "vague[0]" in names
    assert "writer.check.draft._TITLE" in names
    assert any(name.startswith(("chrome.py", "outline.py", "structure.py")) for name in every_pattern)
    assert len(every_pattern) > 100


def test_no_pattern_nests_a_repeat_in_a_repeat(every_pattern):
    nested = {name: why for name, p in every_pattern.items() if (why := nested_repeat(p.pattern, p.flags & ~re.UNICODE))}
    assert not nested


def test_every_pattern_is_linear_on_adversarial_text(every_pattern):
    slow = []
    for name, pattern in sorted(every_pattern.items()):
        for text in _adversarial(pattern):
            seconds = _timed(pattern, text)
            if seconds > BOUND:
                slow.append((name, pattern.pattern[:60], repr(text[:6]), round(seconds, 2)))
                break
    assert not slow, "\n".join(map(str, slow))


def test_the_timing_catches_a_quadratic_and_an_exponential_pattern():
    quadratic = re.compile("[\u4e00-\u9fff]{2,}省")
    assert max(_timed(quadratic, t) for t in _adversarial(quadratic)) > BOUND
    exponential = re.compile(r"(?:a+)+b")
    assert _timed(exponential, "a" * 40) == float("inf")
    assert nested_repeat(exponential.pattern)


@pytest.mark.parametrize("pattern, refused", [
    (r"(?:[一-龥]+，)+省", True), (r"(a+)+b", True), (r"(?:\s*x)*", True), (r"(?:x.*)+y", True),
    (r"[0-9]+(?:[.,][0-9]+)*", False), (r"(?:、(?:代表|委员)们?){0,4}：", False), (r"(?:ab?){2}", False),
])
def test_a_user_rule_with_a_nested_repeat_is_refused_with_its_file_and_key(tmp_path, pattern, refused):
    from writer.check.rules import load_rules
    from writer.check.schema import CheckDataError

    rule = tmp_path / "mine.yaml"
    rule.write_text("id: my-rule\nlevel: warning\nchecks:\n  - kind: pattern\n    items:\n"
                    f"      - match: '{pattern}'\n", encoding="utf-8")
    if not refused:
        assert "my-rule" in load_rules([rule]).rules
        return
    with pytest.raises(CheckDataError) as caught:
        load_rules([rule])
    message = str(caught.value)
    assert str(rule) in message and ":6:" in message and "match" in message and "回溯失控" in message
    assert "\n" not in message
