"""Weaving the writer's facts into the paragraphs of a 工作综述: the lead and each section's paragraph.

Every choice is drawn from a ``random.Random`` the caller seeds, so the same
facts and seed give the same paragraphs, and every piece of the tool's own
wording goes through the draft's ``PhraseLedger`` (writer.render.ledger), so
the paragraphs stay within what the reviewer counts.
"""

from __future__ import annotations

import random
import re

from writer.render.genre import Genre
from writer.render.guard import TextGuard
from writer.render.ledger import MASK, PhraseLedger
from writer.render.words import render_words
from writer.zh import fill_slots, split_sentences

# ---------------------------------------------------------------- slots

def fill(template: str, values: dict[str, str | None]) -> str | None:
    """``template`` with its {slots} filled in one pass; None when a slot has no value."""
    text, missing = fill_slots(template, values.get)
    return None if missing else text


def tidy(text: str) -> str:
    """Punctuation left odd by an empty slot (a leading ，, doubled ，，)."""
    text = re.sub(r"^[，、；]+", "", text)
    text = re.sub(r"([，；、])[，；、]+", r"\1", text)
    text = re.sub(r"(?<![，；、])[，；、]+([。！？])", r"\1", text)
    return text


def filled_pair(template: str, values: dict[str, str | None]) -> tuple[str, str] | None:
    """(text, literal): ``template`` filled, and filled with every value masked (the tool's own
    wording, for the ledger); None when a slot has no value."""
    text = fill(template, values)
    if text is None:
        return None
    literal = fill(template, {k: (MASK if v is not None else None) for k, v in values.items()})
    return tidy(text), literal or ""


def adapt_passage(template: str, values: dict[str, str | None], guard: TextGuard) -> str | None:
    """A bank template filled from the facts, or None when it cannot be used whole.

    A slot the facts cannot fill ({num}: they give no such number) or text the
    guard refuses means the sentence is dropped: never a blank, never a
    source's number. Callers pass one sentence at a time.
    """
    place = values.get("place")
    if place:
        # 全{place} / 我{place} read as 全县 / 我县, not 全某县.
        template = re.sub(r"([全我本])\{place\}", lambda m: m.group(1) + place[-1], template)
    kept = []
    for sentence in split_sentences(template):
        adapted = guard.adapt(sentence)
        filled = fill(adapted, values) if adapted else None
        if filled is None:
            return None
        kept.append(filled)
    return tidy("".join(kept)) or None


def theme_work(theme: str) -> str:
    """The theme as a field of work: 就业创业工作, 教师队伍建设, 行风建设 (never 工作工作)."""
    if theme.endswith(render_words("field_suffixes")):
        return theme
    if theme.endswith(render_words("building_suffixes")):
        return theme + "建设"
    return theme + "工作"


def goals_phrase(goals: list[str]) -> str:
    return "、".join(goals)


def seeded(items: list[str], rng: random.Random) -> list[str]:
    """``items`` in an order drawn from ``rng``."""
    out = list(items)
    rng.shuffle(out)
    return out


# ---------------------------------------------------------------- facts in sentences

def _join_facts(facts: list[str]) -> str:
    # A fact that already holds a comma reads better set off by semicolons.
    sep = "；" if any("，" in f for f in facts) else "，"
    return sep.join(facts)


def _groups(items: list[str], size: int = 3) -> list[list[str]]:
    """``items`` in consecutive groups of at most ``size``, as even as possible."""
    n = len(items)
    count = max(1, -(-n // size))
    base, extra = divmod(n, count)
    out, i = [], 0
    for g in range(count):
        k = base + (1 if g < extra else 0)
        out.append(items[i:i + k])
        i += k
    return out


def fact_groups(facts: list[str], budget: int, size: int = 3) -> list[list[str]]:
    """The facts in order, in sentences of at most ``size`` facts and ``budget`` characters
    (a single fact longer than that stands alone)."""
    out: list[list[str]] = []
    for group in _groups(facts, size):
        current: list[str] = []
        for fact in group:
            if current and len(_join_facts(current + [fact])) > budget:
                out.append(current)
                current = []
            current.append(fact)
        out.append(current)
    return out


class Rotation:
    """Connectives taken in turn across the whole draft, so neighbours differ."""

    def __init__(self, items: list[str], rng: random.Random):
        self.items = seeded(items, rng)
        self.i = 0

    def next(self, after: str = "") -> str:
        """The next connective, skipping one that shares a character with ``after``
        (the connective just used: 与此同时 right after 同时 reads as a stutter)."""
        for k in range(len(self.items)):
            item = self.items[(self.i + k) % len(self.items)]
            if not set(item.rstrip("，")) & set(after.rstrip("，")):
                break
        else:
            item = self.items[self.i % len(self.items)]
        self.i += 1
        return item


# ---------------------------------------------------------------- paragraphs

def lead_paragraph(genre: Genre, values: dict[str, str | None], overview: list[str],
                   rng: random.Random, ledger: PhraseLedger) -> str:
    """The 帽子: period and org, the guiding thought, the overview facts, an evaluation."""
    frames = seeded(genre.get("lead", "guided" if values.get("guiding") else "plain"), rng)
    endings = seeded(genre.get("lead", "ending"), rng)
    ledger.new_paragraph()

    def opening_pair(frame):
        pair = filled_pair(frame, values)
        return (pair[0] + "。", pair[1]) if pair else None
    opening = ledger.choose(frames, opening_pair, required=True)
    head, head_literal = opening_pair(opening) if opening else ("", "")
    ledger.take(head_literal)
    sentences: list[str] = []
    if overview:
        # The overview facts make sentences of their own, the last closed by the evaluation.
        ledger.commit_sentence(head)
        sentences.append(head)
        groups = [_join_facts(g) for g in fact_groups(overview, ledger.budget.max_sentence - 22)]
        for group in groups[:-1]:
            sentences.append(tidy(group + "。"))
            ledger.commit_sentence(sentences[-1])
        prefix = groups[-1]
    else:
        prefix = head.rstrip("。")

    def with_ending(ending):
        pair = filled_pair(ending, values)
        if pair is None:
            return None
        return tidy(prefix + "，" + pair[0] + "。"), pair[1]
    ending = ledger.choose(endings, with_ending)
    if ending is None:
        last = tidy(prefix + "。")
    else:
        last, literal = with_ending(ending)
        ledger.take(literal)
    ledger.commit_sentence(last)
    return tidy("".join(sentences) + last)


def section_paragraph(values: dict[str, str | None], facts: list[str], opener: str | None,
                      lead_ins: list[str], connectives: Rotation, conclusions: list[str] | None,
                      ledger: PhraseLedger) -> str:
    """One section's paragraph: opener, a lead-in, the facts joined by connectives, a conclusion.

    ``opener`` is already chosen (and taken); the lead-in and conclusion are
    the first of their seeded lists the ledger admits. Sentences stay within
    the reviewer's length limit unless a single fact is itself too long.
    """
    # Room for a lead-in or a conclusion of about twenty characters.
    groups = fact_groups(facts, ledger.budget.max_sentence - 22)
    sentences = [_first_fact_sentence(values, _join_facts(groups[0]), lead_ins, ledger)]
    previous = ""
    for group in groups[1:]:
        previous = connectives.next(previous)
        sentences.append(tidy(previous + _join_facts(group) + "。"))
    last = sentences.pop()
    for sentence in sentences:
        ledger.commit_sentence(sentence)
    if conclusions:
        def with_conclusion(conclusion):
            pair = filled_pair(conclusion, values)
            if pair is None:
                return None
            return tidy(last[:-1] + "，" + pair[0] + "。"), pair[1]
        chosen = ledger.choose(conclusions, with_conclusion)
        if chosen is not None:
            last, literal = with_conclusion(chosen)
            ledger.take(literal)
    ledger.commit_sentence(last)
    return tidy((opener or "") + "".join(sentences) + last)


def _first_fact_sentence(values: dict[str, str | None], body: str, lead_ins: list[str],
                         ledger: PhraseLedger) -> str:
    """The section's first facts behind the first lead-in the ledger admits (or alone)."""
    def with_lead_in(lead_in):
        pair = filled_pair(lead_in, values)
        if pair is None:
            return None
        text = f"{pair[0]}，{body}" if pair[0] else body
        return tidy(text + "。"), pair[1]
    fits = len(body) + 20 <= ledger.budget.max_sentence
    chosen = ledger.choose(lead_ins, with_lead_in, limit_length=fits)
    if chosen is None:
        return tidy(body + "。")
    sentence, literal = with_lead_in(chosen)
    ledger.take(literal)
    return sentence
