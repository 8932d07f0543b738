"""Chinese text helpers shared by the reader, the miner, generation and the checker.

Digits and numerals, sentences and clauses, bracket balance, slot filling.
Each helper exists once; a caller that needs a variant passes a parameter
rather than writing its own copy. Nothing here imports jieba or yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

# ---------------------------------------------------------------- digits and numerals

DIGIT = re.compile(r"[0-9０-９]")
CN_DIGITS = "零一二三四五六七八九"
# Every character that can spell a number in Chinese (plain and financial forms).
CN_NUMERAL_CHARS = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
CN_NUMERAL_RUN = re.compile(f"[{CN_NUMERAL_CHARS}]+")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def has_digit(text: str) -> bool:
    """Whether ``text`` holds an ASCII or full-width digit."""
    return DIGIT.search(text) is not None


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
_ASCII_BRACKETS = re.compile(r"[\"'()\[\]{}<>]")


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
    return not _ASCII_BRACKETS.search(text)


# ---------------------------------------------------------------- slots

SLOT = re.compile(r"\{(\w+)\}")


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

    return SLOT.sub(sub, template), missing


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

# What ends a sentence of a draft under review: Chinese and ASCII end marks (drafts mix
# them), then any closing quotes and brackets, which stay with the sentence.
_SENTENCE_SPAN_END = re.compile(r"[。！？!?]+[”’」』）)》]*|$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of text[start:end], surrounding whitespace excluded.

    The offset-aware splitter (the checker maps each sentence back to the
    draft); ``split_sentences`` gives the texts of a paragraph.
    """
    end = len(text) if end is None else end
    out = []
    pos = start
    for m in _SENTENCE_SPAN_END.finditer(text, start, end):
        stop = m.end()
        piece = text[pos:stop]
        body = piece.strip()   # str.strip() drops exactly what str.isspace() calls space
        if body:
            s = pos + len(piece) - len(piece.lstrip())
            out.append((s, s + len(body)))
        pos = stop
        if stop >= end:
            break
    return out
