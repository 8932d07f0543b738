"""writer.zh compiles its patterns on first use, and they behave as the module-level ones did."""

import re
import subprocess
import sys

import pytest

import writer.zh as zh


def test_importing_zh_compiles_no_pattern():
    # A fresh interpreter: the patterns are not module globals until something uses them.
    code = ("import writer.zh as z; print(sorted(n for n in z._LAZY_PATTERNS if n in vars(z)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name, source", [
    ("DIGIT", r"[0-9０-９]"),
    ("CN_NUMERAL_RUN", f"[{zh.CN_NUMERAL_CHARS}]+"),
    ("SLOT", r"\{(\w+)\}"),
])
def test_public_patterns_are_module_attributes(name, source):
    pattern = getattr(zh, name)
    assert isinstance(pattern, re.Pattern) and pattern.pattern == source
    assert getattr(zh, name) is pattern   # compiled once


def test_from_import_of_a_lazy_pattern():
    from writer.zh import DIGIT

    assert DIGIT.search("共12人") and not DIGIT.search("十二人")


def test_unknown_attribute_still_fails():
    with pytest.raises(AttributeError):
        zh.NO_SUCH_PATTERN  # noqa: B018


@pytest.mark.parametrize("text, digit, balanced", [
    ("新增就业1260人", True, True),
    ("新增就业１２６０人", True, True),
    ("“人才强县”战略", False, True),
    ("(人才)", False, False),
    ("“人才", False, False),
])
def test_helpers_over_lazy_patterns(text, digit, balanced):
    assert zh.has_digit(text) is digit
    assert zh.balanced(text) is balanced


def test_slots_and_sentence_spans():
    assert zh.fill_slots("{地方}{年份}", {"地方": "某县"}.get) == ("某县", ["年份"])
    text = "第一句。第二句！”  第三句"
    assert [text[a:b] for a, b in zh.sentence_spans(text)] == ["第一句。", "第二句！”", "第三句"]
