"""Genre formulas: the address and speech formulas of reports, read as structure, not content.

A report speaks to an assembly (各位代表：), opens with the speaker's formula
(我代表市人民政府向大会报告工作，请予审议), bridges to a list (主要做了以下工作：)
and turns to the audience again at the end (各位代表！让我们…). None of this
is what a writer wants as an opening, a closing or a set phrase, so the
reader takes it out of the paragraphs. The grammar (building blocks and
patterns, each with examples) is data/corpus/formulas.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from writer.zh import split_sentences

_PART = re.compile(r"\{(\w+)\}")
_BOOK_TITLE = re.compile(r"《[^《》]{0,80}》")


@dataclass(frozen=True)
class FormulaRule:
    """One pattern of the grammar with its must-fire and must-not-fire examples."""

    pattern: str
    fire: list[str]
    not_fire: list[str]


@dataclass(frozen=True)
class SentenceFormula(FormulaRule):
    """A whole sentence that is a formula."""

    id: str = ""
    what: str = ""
    max_length: int = 0  # a longer limit than the grammar's (a thank-you formula lists whole audiences)


@dataclass(frozen=True)
class FormulaGrammar:
    """The schema of data/corpus/formulas.yaml."""

    parts: dict[str, str]
    address: FormulaRule
    max_length: int
    sentences: list[SentenceFormula]
    clauses: list[SentenceFormula]


@dataclass(frozen=True)
class _Compiled:
    address: re.Pattern
    sentences: tuple[tuple[int, re.Pattern], ...]  # (longest sentence, every rule allowing that long), ascending
    clause: re.Pattern


def expand(pattern: str, parts: dict[str, str]) -> str:
    """A pattern with each ``{part}`` replaced by its building block (blocks may use blocks)."""
    for _ in range(4):
        if not _PART.search(pattern):
            break
        pattern = _PART.sub(lambda m: parts[m.group(1)], pattern)
    return pattern


def grammar() -> FormulaGrammar:
    """The formula grammar as shipped."""
    from writer.io.datafiles import load_data

    return load_data("corpus/formulas.yaml", FormulaGrammar)


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    g = grammar()
    rules = [(f.max_length or g.max_length, f"(?:{expand(f.pattern, g.parts)})") for f in g.sentences]
    # for each limit, one pattern of every rule a sentence that long may match: one search a sentence
    sentences = tuple((limit, re.compile("|".join(p for most, p in rules if most >= limit)))
                      for limit in sorted({most for most, _ in rules}))
    clause = re.compile("|".join(f"(?:{expand(f.pattern, g.parts)})" for f in g.clauses))
    return _Compiled(re.compile(expand(g.address.pattern, g.parts)), sentences, clause)


def address_length(text: str) -> int:
    """How many characters at the start of ``text`` are an address (各位代表：), 0 if none."""
    m = _compiled().address.match(text)
    return m.end() if m else 0


def address_turns(paragraph: str) -> list[int]:
    """Where an address opens a sentence inside ``paragraph`` (…力戒奢侈和浪费。各位代表，让我们…):
    the speaker turning to the audience starts a new paragraph, whatever the source's line breaks."""
    if not _ADDRESS_HINT.search(paragraph):
        return []  # most paragraphs: one cheap search
    return [m.end() for m in _SENTENCE_END.finditer(paragraph, 1)
            if m.end() < len(paragraph) and address_length(paragraph[m.end():])]


_SENTENCE_END = re.compile(r"[。！？!?]”?")
_ADDRESS_HINT = re.compile(r"[。！？!?]”?(?:各位|全体|尊敬|代表|委员|同志|来宾|女士|位代表|位委员)")


def is_address_line(text: str) -> bool:
    """A line that is nothing but an address (各位代表：, 同志们！)."""
    return 0 < address_length(text) == len(text.strip())


def is_formula_sentence(sentence: str) -> bool:
    """A sentence that is a speech formula as a whole (short, and matching the grammar)."""
    length = len(_BOOK_TITLE.sub("《》", sentence)) if "《" in sentence else len(sentence)  # a document's title counts as one word
    if not _FORMULA_HINT.search(sentence):
        return False
    for limit, pattern in _compiled().sentences:
        if length <= limit:
            return bool(pattern.search(sentence))
    return False


def strip_formula_clause(sentence: str) -> str:
    """A sentence without a speech formula opening it (在这里，我向各位代表报告，经过…): the rest is content."""
    m = _compiled().clause.match(sentence)
    return sentence[m.end():] if m and m.end() < len(sentence) else sentence


# What every formula holds (see data/corpus/formulas.yaml): an address opens the paragraph, a
# report opening names its audience, a bridge points below or ends at a colon.
_FORMULA_HINT = re.compile(r"^(?:各位|全体|尊敬|代表|委员|同志|来宾|朋友|女士|先生|老师|同学|嘉宾|位代表|位委员|位来宾)"
                           r"|我代表|委托|审议|提出意见|提出建议|建议》|以下|下列|如下|下面|个方面|方面工作|谢谢|感谢|现将|[：:]"
                           r"|向(?:各位|大会|你们|大家)")


def strip_formulas(paragraph: str) -> str:
    """The paragraph without its leading address and without formula sentences ("" when nothing else)."""
    if not _FORMULA_HINT.search(paragraph):
        return paragraph  # most paragraphs: one cheap search
    text = paragraph
    cut = address_length(text)
    while cut:
        text = text[cut:].lstrip()
        cut = address_length(text)
    # a colon ends a bridge (主要做了以下工作：) as a full stop ends a sentence
    return "".join(strip_formula_clause(s) for s in split_sentences(text, "。！？：") if not is_formula_sentence(s))
