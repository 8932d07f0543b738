"""金句: short balanced sentences that open a section, a paragraph or a closing (思想决定行动，方向关乎全局。).

A candidate is the first sentence of a paragraph (or a paragraph that is one
sentence). It is kept when it is short, has two to four clauses that mirror
each other (equal lengths, or the same first character: 唯…，唯…，唯…), and
holds no digit, no source name and no narration marker (今年以来, 我们…).
"""

from __future__ import annotations

import re
from functools import lru_cache

from writer.bank.records import Aphorism
from writer.corpus.document import Document
from writer.mining.passages import NameIndex
from writer.zh import has_digit

_SENTENCE = re.compile(r"(?<![^。！？])[^。！？]+[。！？]")
_CLAUSE_SPLIT = re.compile(r"[，；、,;]")
_QUOTE_OR_BRACKET = re.compile(r"[“”‘’《》（）()【】：:—]")
MAX_CHARS = 40


@lru_cache(maxsize=1)
def _narration() -> tuple[re.Pattern, tuple[str, ...]]:
    """Sentences starting like this narrate (今年…, 一年来…), and words that point at a source (我市):
    neither is a maxim (data/mining/aphorisms.yaml)."""
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists("mining/aphorisms.yaml", ("narration_openers", "pronouns"))
    openers = "|".join(map(re.escape, lists["narration_openers"]))
    return re.compile(f"^(?:{openers}|[一二三四五六七八九十]+年来)"), lists["pronouns"]


def first_sentence(paragraph: str) -> str | None:
    """The first sentence of a paragraph, ending with 。！？ (None when it has none)."""
    m = _SENTENCE.match(paragraph.strip())
    return m.group(0).strip() if m else None


def is_balanced(sentence: str) -> bool:
    """Two to four mirrored clauses: equal lengths (±1), halves mirrored around ；, or a shared first character."""
    body = sentence.rstrip("。！？")
    if ";" in body or "；" in body:
        halves = re.split(r"[；;]", body)
        if len(halves) == 2 and abs(len(halves[0]) - len(halves[1])) <= 1 and all(len(h) >= 4 for h in halves):
            return True
    clauses = [c for c in _CLAUSE_SPLIT.split(body) if c]
    if not 2 <= len(clauses) <= 4:
        return False
    lengths = [len(c) for c in clauses]
    if min(lengths) < 3 or max(lengths) > 12:
        return False
    if max(lengths) - min(lengths) <= 1:
        return True
    firsts = {c[0] for c in clauses}
    return len(firsts) == 1 and len(clauses) >= 3


def is_aphorism(sentence: str, names: set[str] | frozenset[str]) -> bool:
    """Whether a sentence reads as a 金句 and is safe to offer to any writer."""
    if len(sentence) > MAX_CHARS or len(sentence) < 8:
        return False
    if has_digit(sentence) or _QUOTE_OR_BRACKET.search(sentence):
        return False
    narration, pronouns = _narration()
    if narration.match(sentence) or any(p in sentence for p in pronouns):
        return False
    if any(name in sentence for name in names):
        return False
    return is_balanced(sentence)


def candidates(lead: list[str], sections: list, closing: list[str]) -> list[tuple[str, str | None]]:
    """(sentence, heading) pairs worth testing: first sentences of every paragraph, with the section heading."""
    out: list[tuple[str, str | None]] = []

    def add(paragraphs: list[str], heading: str | None) -> None:
        for p in paragraphs:
            s = first_sentence(p)
            if s:
                out.append((s, heading))

    add(lead, None)

    def walk(items: list) -> None:
        for sec in items:
            firsts = [first_sentence(p) for p in sec.paragraphs]
            balanced = [f for f in firsts if f and is_balanced(f)]
            # Several paragraphs opening with parallel sentences are run-in headings
            # (坚持实事求是，推进便民利企。…), not maxims.
            if len(balanced) < 2:
                add(sec.paragraphs, sec.heading)
            walk(sec.subsections)
    walk(sections)
    add(closing, None)
    return out


# ---------------------------------------------------------------- the step: the bank's aphorisms

def mine_aphorisms(documents: list[Document], analyses: list, index: NameIndex) -> list[Aphorism]:
    """Pass 1 kept the balanced sentences (``analyses``); drop repeats and any holding a name found anywhere."""
    aphorisms: list[Aphorism] = []
    seen: set[str] = set()
    for doc, an in zip(documents, analyses):
        for sentence, heading in an.aphorisms:
            if sentence in seen or index.find(sentence):
                continue
            seen.add(sentence)
            aphorisms.append(Aphorism(text=sentence, doc_id=doc.id, source=doc.title, year=doc.year,
                                      heading=heading))
    return aphorisms
