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
from writer.render.ledger import MASK, PhraseLedger
from writer.render.words import render_words
from writer.zh import fill_slots

# ---------------------------------------------------------------- slots

def fill(template: str, values: dict[str, str | None]) -> str | None:
    """``template`` with its {slots} filled in one pass; None when a slot has no value."""
    text, missing = fill_slots(template, values.get)
    return None if missing else text


_PAUSES = "，、；"
# A pause followed by one of these is what ``tidy`` mends; a text with none (the usual case) is
# returned as it is, without compiling the three patterns (milliseconds at every render).
_ODD_PAIRS = tuple(a + b for a in _PAUSES for b in _PAUSES + "。！？")


def tidy(text: str) -> str:
    """Punctuation left odd by an empty slot (a leading ，, doubled ，，)."""
    if not text.startswith(tuple(_PAUSES)) and not any(pair in text for pair in _ODD_PAIRS):
        return text
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

def join_facts(facts: list[str]) -> str:
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
            if current and len(join_facts(current + [fact])) > budget:
                out.append(current)
                current = []
            current.append(fact)
        out.append(current)
    return out


# ---------------------------------------------------------------- paragraphs

def _opening_pairs(values: dict[str, str | None]):
    """(sentence, literal) of an opening frame filled with ``values``: each reading is asked up to
    three times by lead_paragraph, and filled once."""
    pairs: dict[str, tuple[str, str] | None] = {}

    def opening_pair(frame: str) -> tuple[str, str] | None:
        if frame not in pairs:
            pair = filled_pair(frame, values)
            pairs[frame] = (pair[0] + "。", pair[1]) if pair else None
        return pairs[frame]
    return opening_pair


def lead_paragraph(genre: Genre, values: dict[str, str | None], overview: list[str],
                   rng: random.Random, ledger: PhraseLedger, vocab: dict | None = None, turn: int = 0) -> str:
    """The 帽子: period and org, the guiding thought, the overview facts, an evaluation.

    An overview fact that opens without a subject (以…为主线…) gets the unit's name.
    """
    from writer.render.fit import expand, expansions
    from writer.render.subjects import with_subject

    opening_pair = _opening_pairs(values)
    # Every reading of every frame the draft can take, turned by the seed and the facts: two
    # seeds never open a draft with the same sentence.
    frames = [r for f in genre.get("lead", "guided" if values.get("guiding") else "plain")
              for r in expansions(f)]
    fit = [f for f in frames if ledger.fits(f, opening_pair)] or frames
    frames = fit[turn % len(fit):] + fit[:turn % len(fit)]
    endings = seeded([expand(e, rng) for e in genre.get("lead", "ending")], rng)
    ledger.new_paragraph()

    opening = ledger.choose(frames, opening_pair, required=True)
    head, head_literal = opening_pair(opening) if opening else ("", "")
    ledger.take(head_literal)
    sentences: list[str] = []
    if overview:
        # The overview facts make sentences of their own, the last closed by the evaluation.
        ledger.commit_sentence(head)
        sentences.append(head)
        groups = [with_subject(join_facts(g), values.get("subject") or "", vocab)
                  for g in fact_groups(overview, ledger.budget.max_sentence - 22)]
        for group in groups[:-1]:
            sentences.append(tidy(group + "。"))
            ledger.commit_sentence(sentences[-1])
        prefix = groups[-1]
    else:
        prefix = head.rstrip("。")

    said = {head_literal[i:i + 2] for i in range(len(head_literal) - 1)} - set(genre.generic_words)

    def with_ending(ending):
        pair = filled_pair(ending, values)
        if pair is None or any(pair[1][i:i + 2] in said for i in range(len(pair[1]) - 1)):
            return None   # an ending that repeats the opening's words (取得…，…取得) reads as a stutter
        if pair[0][:1] == prefix.rsplit("，", 1)[-1][:1]:
            return None   # 为…凝聚了力量，为…提供了支撑: a second 为 clause says the first again
        return tidy(prefix + "，" + pair[0] + "。"), pair[1]
    ending = ledger.choose(endings, with_ending)
    if ending is None:
        last = tidy(prefix + "。")
    else:
        last, literal = with_ending(ending)
        ledger.take(literal)
    ledger.commit_sentence(last)
    return tidy("".join(sentences) + last)
