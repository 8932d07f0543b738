"""Chinese text helpers shared by the reader, the miner, generation and the checker.

Digits and numerals, sentences and clauses, bracket balance, slot filling.
Each helper exists once; a caller that needs a variant passes a parameter
rather than writing its own copy. Nothing here imports jieba or yaml.
"""

from __future__ import annotations

import functools
import re
from functools import lru_cache
from typing import Callable

# ---------------------------------------------------------------- patterns, compiled on first use

# Compiling these five costs a cold `writer suggest` some 6M instructions (classes of CJK characters
# compile slowly), and most commands use one or two: each is compiled when first used, and the
# public ones (DIGIT, CN_NUMERAL_RUN, SLOT) are still module attributes (``__getattr__``).
_LAZY_PATTERNS = {
    "DIGIT": r"[0-9０-９]",
    "_ASCII_BRACKETS": r"[\"'()\[\]{}<>]",
    "SLOT": r"\{(\w+)\}",
    # What ends a sentence of a draft under review: Chinese and ASCII end marks (drafts mix
    # them), then any closing quotes and brackets, which stay with the sentence.
    # (No ``|$`` alternative for the last sentence: a pattern that can match empty text is
    # tried at every character, one that starts with a class is searched for at C speed.)
    "_SENTENCE_SPAN_END": r"[。！？!?]+[”’」』）)》]*",
}


def _compiled(name: str) -> re.Pattern:
    """The pattern ``name`` of _LAZY_PATTERNS, compiled once and kept as a module global."""
    found = globals().get(name)
    if found is None:
        found = globals()[name] = re.compile(_LAZY_PATTERNS[name])
    return found


def __getattr__(name: str):
    """``writer.zh.DIGIT`` and the other lazy patterns, compiled on first access."""
    if name in _LAZY_PATTERNS:
        return _compiled(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------- digits and numerals

CN_DIGITS = "零一二三四五六七八九"
# Every character that can spell a number in Chinese (plain and financial forms).
CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
_LAZY_PATTERNS["CN_NUMERAL_RUN"] = f"[{CN_NUMERAL_CHARS}]+"
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


_DIGIT_CHARS = "0123456789０１２３４５６７８９"   # what DIGIT matches


def has_digit(text: str) -> bool:
    """Whether ``text`` holds an ASCII or full-width digit (DIGIT's characters, each searched at C
    speed: compiling DIGIT costs more than a cold `writer suggest`'s every call of this)."""
    return any(d in text for d in _DIGIT_CHARS)


def cn_numeral(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十二, 二十三), for heading numbers."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


# ---------------------------------------------------------------- sentences and clauses

SENTENCE_ENDS = "。！？"
CLOSING_MARKS = "”’」』）"


@lru_cache(maxsize=None)
def _sentence_pattern(ends: str, closers: str) -> re.Pattern:
    closing = f"[{re.escape(closers)}]?" if closers else ""
    return re.compile(f"[^{re.escape(ends)}]+(?:[{re.escape(ends)}]+{closing}|$)")


def split_sentences(text: str, ends: str = SENTENCE_ENDS, closers: str = CLOSING_MARKS) -> list[str]:
    """Sentences of a paragraph, each with its final punctuation (and one closing mark after it).

    ``ends`` are the marks that end a sentence; ``closers`` the quote or
    bracket that may follow them and still belongs to the sentence.
    """
    pattern = _sentence_pattern(ends, closers)
    return [s for s in (m.group(0).strip() for m in pattern.finditer(text)) if s]


# ---------------------------------------------------------------- brackets and quotes

BRACKET_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("【", "】"))


def balanced(text: str) -> bool:
    """Whether Chinese quotes and brackets open and close in order (and no ASCII ones are used)."""
    for left, right in BRACKET_PAIRS:
        depth = 0
        for ch in text:
            if ch == left:
                depth += 1
            elif ch == right:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return not _compiled("_ASCII_BRACKETS").search(text)


# ---------------------------------------------------------------- slots


def fill_slots(template: str, value_of: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """``template`` with each ``{slot}`` replaced by ``value_of(slot)``, in one pass.

    One pass, so braces inside a filled value (a fact like ``{{ 7*7 }}``) are
    never read as slots. Returns the text and the slots that had no value
    (``value_of`` returned None; they are left empty).
    """
    missing: list[str] = []

    def sub(m: re.Match) -> str:
        value = value_of(m.group(1))
        if value is None:
            missing.append(m.group(1))
            return ""
        return value

    return _compiled("SLOT").sub(sub, template), missing


# ---------------------------------------------------------------- couplets

def is_couplet(sentence: str, marks: str = "；，", ends: str = "。！？!?",
               shortest: int = 4, longest: int = 9) -> bool:
    """Two halves of one length around the first of ``marks`` the sentence holds (end marks dropped).

    Each half is ``shortest`` to ``longest`` characters and the second holds no
    further such mark: 乘风破浪潮头立，扬帆起航正当时。 and, around ；,
    参天之本，必有其根；怀山之水，必有其源。 — not a policy sentence that happens
    to have a comma.
    """
    body = sentence.rstrip(ends)
    for mark in marks:
        if mark in body:
            a, _, b = body.partition(mark)
            return shortest <= len(a) <= longest and len(a) == len(b) and mark not in b
    return False


# ---------------------------------------------------------------- reading Chinese numerals

# Digit characters → values, with the two forms of zero dates are written with (二〇二一, 二○二一).
CN_DIGIT_VALUE = {**{c: i for i, c in enumerate(CN_DIGITS)}, "〇": 0, "○": 0}


def parse_cn_number(text: str) -> int:
    """A number of one or two Chinese digits around 十 (一, 十, 十二, 二十, 二十三) as an int."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGIT_VALUE[text[1]]
    if text.endswith("十"):
        return CN_DIGIT_VALUE[text[0]] * 10
    if "十" in text:
        return CN_DIGIT_VALUE[text[0]] * 10 + CN_DIGIT_VALUE[text[2]]
    return CN_DIGIT_VALUE[text]


# ---------------------------------------------------------------- sentences with offsets


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of text[start:end], surrounding whitespace excluded.

    The offset-aware splitter (the checker maps each sentence back to the
    draft); ``split_sentences`` gives the texts of a paragraph.
    """
    end = len(text) if end is None else end
    out = []
    pos = start
    stops = [m.end() for m in _compiled("_SENTENCE_SPAN_END").finditer(text, start, end)]
    if not stops or stops[-1] < end:
        stops.append(end)      # the text after the last end mark is a sentence too
    for stop in stops:
        piece = text[pos:stop]
        body = piece.strip()   # str.strip() drops exactly what str.isspace() calls space
        if body:
            s = pos + len(piece) - len(piece.lstrip())
            out.append((s, s + len(body)))
        pos = stop
    return out


# ---------------------------------------------------------------- counting in Chinese numerals

CN_SMALL_UNITS = "十百千"
CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
CN_LEGAL_UNITS = "拾佰仟"


def _cn_below_10000(n: int, digits: str, units: str, leading_one: bool) -> str:
    out = []
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10 ** power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if not (power == 1 and d == 1 and not out and not leading_one):
            out.append(digits[d])
        if power:
            out.append(units[power - 1])
    return "".join(out)


def cn_count(n: int, digits: str = CN_DIGITS, units: str = CN_SMALL_UNITS, leading_one: bool = False) -> str:
    """A non-negative integer in Chinese counting numerals: 十, 十二, 一百零五, 一千二百六十, 三万零二百.

    ``cn_numeral`` covers heading numbers up to 99; this one any size (万, 亿 groups).
    ``leading_one`` writes 一十 for 10–19 (legal style: 壹拾).
    """
    if n == 0:
        return digits[0]
    groups = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    out = ""
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group == 0:
            if out and not out.endswith(digits[0]) and any(groups[:i]):
                out += digits[0]
            continue
        if out and group < 1000 and not out.endswith(digits[0]):
            out += digits[0]
        out += _cn_below_10000(group, digits, units, leading_one or bool(out))
        out += ("", "万", "亿", "万亿")[i] if i < 4 else ""
    return out


def cn_legal(n: int) -> str:
    """A non-negative integer in the financial (大写) numerals: 壹, 壹拾贰, 壹佰零伍."""
    return cn_count(n, CN_LEGAL_DIGITS, CN_LEGAL_UNITS, leading_one=True)


# ---------------------------------------------------------------- reading any Chinese number

_CN_VALUE = {**CN_DIGIT_VALUE, "两": 2, **{c: i for i, c in enumerate(CN_LEGAL_DIGITS)}}
_CN_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_VALUE = {"万": 10 ** 4, "亿": 10 ** 8}


def _cn_integer(text: str) -> int | None:
    """The integer of a run like 一千二百六十, 三万零二百, 两亿 or digit by digit 二〇二四; None when malformed."""
    if not text:
        return None
    if all(ch in _CN_VALUE for ch in text):
        return int("".join(str(_CN_VALUE[ch]) for ch in text)) if len(text) > 1 else _CN_VALUE[text]
    total, section, digit = 0, 0, None
    last_unit, last_big = 10 ** 5, 10 ** 13
    for ch in text:
        if ch in _CN_VALUE:
            if digit is not None and _CN_VALUE[ch] != 0 and digit != 0:
                return None  # two digits in a row (一二百)
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT_VALUE:
            unit = _CN_UNIT_VALUE[ch]
            if unit >= last_unit:
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif ch in _CN_BIG_VALUE:
            big = _CN_BIG_VALUE[ch]
            if big >= last_big or (digit is None and section == 0):
                return None
            total += (section + (digit or 0)) * big
            section, digit, last_unit, last_big = 0, None, 10 ** 5, big
        else:
            return None
    if digit and len(text) > 1 and text[-2] in "百佰千仟万亿":
        # A last digit right after a unit above 十 abbreviates the next place: 一百二 is 120, 一万二 12000.
        digit *= (_CN_UNIT_VALUE.get(text[-2]) or _CN_BIG_VALUE[text[-2]]) // 10
    return total + section + (digit or 0)


def parse_cn_numeral(text: str) -> str | None:
    """A Chinese number (一千二百六十, 二〇二四, 三点二, 两万) as a digit string (1260, 2024, 3.2, 20000);
    None when ``text`` is not a well-formed number."""
    whole, point, fraction = text.partition("点")
    value = _cn_integer(whole)
    if value is None:
        return None
    if not point:
        return str(value)
    if not fraction or not all(ch in _CN_VALUE for ch in fraction):
        return None
    return f"{value}." + "".join(str(_CN_VALUE[ch]) for ch in fraction)


# ---------------------------------------------------------------- ASCII punctuation in Chinese text

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HAN = "\u3400-\u9fff"
# A mark with a Chinese character (or closing/opening full-width mark) beside it; the full stop
# only after a Chinese character and before Chinese or the end (3.5, 9:30 and a.m. stay).
@functools.lru_cache(maxsize=1)
def _ascii_mark() -> re.Pattern:
    # Compiled at first use: its wide classes take some 10 ms, which commands that never fold should not pay.
    return re.compile(
        rf"(?<=[{_HAN}”’）》])[,;:?!)](?!\d)|[,;:?!(](?=[{_HAN}“‘（《])|(?<=[{_HAN}])\((?=\S)"
        rf"|(?<=[{_HAN}%”）])\.(?=[{_HAN}“]|$)")


def fold_ascii_punctuation(text: str) -> str:
    """ASCII , ; : ? ! ( ) . and "…" written in Chinese text, as the full-width marks (GB/T 15834).

    Only marks touching Chinese change: numbers (3.5, 9:30), Latin words and slot braces stay.
    """
    if not re.search(r"[,;:?!().\"]", text):
        return text
    text = _ascii_mark().sub(lambda m: _ASCII_TO_FULL[m.group(0)], text)
    if '"' in text and re.search(f"[{_HAN}]", text):
        pieces = text.split('"')
        if len(pieces) % 2 == 1:  # paired quotes only
            text = "".join(p + ("“" if k % 2 == 0 else "”") if k < len(pieces) - 1 else p
                           for k, p in enumerate(pieces))
    # a bracket opened full-width is closed full-width
    return re.sub(r"（([^（）()]{0,40})\)", r"（\1）", text)


# ---------------------------------------------------------------- quotation marks inside a clause

# The marks Chinese text puts around a term (“放管服”改革, 「六稳」): part of the clause they sit in.
QUOTE_MARKS = "“”‘’「」『』\"＂"
_NO_QUOTES = dict.fromkeys(map(ord, QUOTE_MARKS))


def strip_quotes(text: str) -> str:
    """``text`` without the quotation marks around terms: 学习运用“千万工程”经验 → 学习运用千万工程经验."""
    return text.translate(_NO_QUOTES)


# ---------------------------------------------------------------- letter-spaced titles

def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def fold_letter_spacing(text: str) -> str:
    """A title typeset with spaces between its characters, closed up: ``2 0 1 4 年 政府工作报告`` →
    ``2014年政府工作报告``. Three or more one-character pieces in a row are one word; a space between
    two Chinese characters, or a Chinese character and a digit, separates nothing (``深圳市 2024 年``).
    Spaces beside Latin letters stay (``Windows 10 发布``)."""
    pieces = text.split()
    if len(pieces) < 2:
        return text.strip()
    words: list[str] = []
    run: list[str] = []
    for piece in pieces + [""]:
        if len(piece) == 1:
            run.append(piece)
            continue
        words.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if piece:
            words.append(piece)
    out = words[0]
    for word in words[1:]:
        a, b = out[-1], word[0]
        joined = (_is_han(a) and (_is_han(b) or b.isdigit())) or (a.isdigit() and _is_han(b))
        out += word if joined else " " + word
    return out


@lru_cache(maxsize=None)
def _clause_end(marks: str) -> re.Pattern:
    return re.compile(f"[{re.escape(marks)}]")


def clause_spans(text: str, marks: str) -> list[tuple[int, int]]:
    """[start, end) of each clause of ``text``: a clause ends just after one of ``marks``
    (；; a sentence of semicolon-joined items is read as items); the rest is the last one.
    One span for the whole text when ``marks`` is empty or it holds none."""
    if not marks:
        return [(0, len(text))]
    spans, pos = [], 0
    for m in _clause_end(marks).finditer(text):
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < len(text) or not spans:
        spans.append((pos, len(text)))
    return spans
