"""What a draft borrows from the bank: section headings, section openers (aphorisms), closing sentences.

Everything borrowed passes the ``TextGuard`` and the draft's ``PhraseLedger``:
no source's number or name, no term of another topic, no set phrase twice.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from writer.errors import WriterError
from writer.render.facts import HEADING_STYLES
from writer.render.genre import Genre
from writer.render.guard import TextGuard
from writer.render.ledger import MASK, PhraseLedger
from writer.render.weave import adapt_passage, filled_pair, seeded
from writer.render.words import render_words
from writer.zh import SLOT, split_sentences


def related_words(bank, theme: str, generic: list[str] = ()) -> list[str]:
    """Words that mark a sentence as being about ``theme``: the theme itself and its
    distinctive two-character words (行风 of 行风建设; generic words like 建设 left out).

    The bank's related-word lists are co-occurrence statistics, too loose to
    say what a sentence is about.
    """
    core = theme[:-2] if theme.endswith("工作") and len(theme) > 3 else theme
    vocab = bank.vocab
    windows = [core[i:i + 2] for i in range(len(core) - 1)]
    pieces = [w for w in windows if w in vocab] if vocab else windows[::2]
    return list(dict.fromkeys([core] + [w for w in pieces if w not in generic]))


def relevance(text: str, words: list[str]) -> int:
    return sum(1 for w in words if w in text)


# ---------------------------------------------------------------- headings

def section_headings(facts, bank, seed: int, guard: TextGuard, genre: Genre,
                     rng: random.Random, ledger: PhraseLedger
                     ) -> tuple[list[tuple[str, list[str], str]], list[str]]:
    """(heading, lines, origin) per section, and the generated headings for the notes.

    Sections without a heading get one parallel set from the bank's patterns
    (writer.compose.headings); when no pattern fits, a set of genre frames
    (主题 + 四字评价) so the headings still read as one set. No set phrase
    occurs twice among the headings, nor in one the writer gave.
    """
    missing = [i for i, s in enumerate(facts.sections) if not s.heading]
    origin = "generated"
    generated = _pattern_headings(facts, bank, seed, guard, ledger, missing) if missing else {}
    if generated:
        for text, _ in generated.values():
            ledger.take(text)
    elif missing:
        origin = "frame"
        generated = _frame_headings(facts, genre, rng, ledger, missing)
    out = []
    for i, sec in enumerate(facts.sections):
        if sec.heading:
            out.append((sec.heading, [sec.heading], "given"))
        else:
            text, lines = generated[i]
            out.append((text, lines, origin))
    notes = [generated[i][0] for i in sorted(generated)]
    return out, notes


def _pattern_headings(facts, bank, seed: int, guard: TextGuard, ledger: PhraseLedger,
                      missing: list[int]) -> dict[int, tuple[str, list[str]]]:
    """One parallel set of headings from the bank's patterns for the sections ``missing``, or {}."""
    from writer.compose.headings import heading_set

    def phrases_fit(texts: list[str]) -> bool:
        found = [p for t in texts for p in ledger.phrases(t)]
        return len(found) == len(set(found)) and all(ledger.cost(t)[0] == 0 for t in texts)

    themes = [facts.sections[i].theme for i in missing]
    # The asked-for style first; a bank pattern of another style reads better than a frame.
    styles = [facts.style.heading] + [s for s in HEADING_STYLES if s != facts.style.heading]
    for style in styles:
        for attempt in range(3):
            try:
                heads = heading_set(bank, facts.topic, themes, style=style, seed=seed + attempt)
            except WriterError:
                break  # no pattern of this style fits these themes
            texts = [_heading_text(h) for h in heads]
            if len(heads) == len(missing) and all(guard.adapt(t[0]) == t[0] for t in texts) \
                    and phrases_fit([t[0] for t in texts]):
                return dict(zip(missing, texts))
    return {}


def _frame_headings(facts, genre: Genre, rng: random.Random, ledger: PhraseLedger,
                    missing: list[int]) -> dict[int, tuple[str, list[str]]]:
    """Headings from the genre's frames (主题 + 四字评价) for the sections ``missing``."""
    frames = seeded(genre.get("section", "heading_frames"), rng)
    out = {}
    for i in missing:
        theme = facts.sections[i].theme
        frame = ledger.choose(frames, lambda f, t=theme: filled_pair(f, {"theme": t}), required=True)
        pair = filled_pair(frame, {"theme": theme}) if frame else None
        text = pair[0] if pair else theme
        ledger.take(pair[1] if pair else "")
        out[i] = (text, [text])
    return out


def _heading_text(heading) -> tuple[str, list[str]]:
    lines = [line for line in (heading.lines or [heading.text]) if line]
    # Lines of a two- or three-part heading stand apart by an ideographic space.
    return "\u3000".join(lines), lines


# ---------------------------------------------------------------- openers and closings

def opener_candidates(bank, guard: TextGuard) -> list[tuple[str, str, str | None]]:
    """(text, raw text, heading) of the bank's aphorisms fit for a draft."""
    out = []
    for aph in bank.aphorisms:
        text = guard.adapt(aph.text)
        if text and text.endswith(("。", "！", "？")):
            out.append((text, aph.text, aph.heading))
    return out


# Slots of a bank template that tie a sentence to the user's organisation and topic.
_SUBJECT_SLOTS = ("{org}", "{org_short}", "{topic}", "{year}", "{next_year}")
# Where such a slot reads right once filled: the organisation as the subject of a
# clause (…，{org}将…), the topic as an object (推动{topic}…). Miners also put {org}
# where a source said 政府 (法治{org}建设), which no user organisation fits.
# The words either side come from writer/data/render/words.yaml (org_followers,
# topic_verbs), in the file's order; the pattern is built at first use.
@lru_cache(maxsize=None)
def _slot_context() -> re.Pattern[str]:
    followers = "|".join(map(re.escape, render_words("org_followers")))
    verbs = "|".join(map(re.escape, render_words("topic_verbs")))
    return re.compile(
        r"(?:(?<![^，；：])\{org(?:_short)?\}(?=" + followers + r"))"
        r"|(?:(?<=" + verbs + r")\{topic\})"
        r"|\{(?:year|next_year|place)\}")


def foreign_terms(bank, facts) -> list[str]:
    """Topic terms of a single source document (统战工作, 教育整顿) that the facts do not use:
    a borrowed sentence holding one is about someone else's work."""
    if len(bank.documents()) < 3:
        return []
    own = facts.source_text + facts.topic
    return sorted(s.text for s in bank.slogans if s.kind == "term" and s.docs <= 1 and s.text not in own)


def _is_couplet(sentence: str) -> bool:
    """Two clauses of (nearly) one length, short, no slot: 乘风破浪潮头立，扬帆起航正当时。"""
    parts = [p for p in re.split(r"[，；]", sentence.rstrip("。！")) if p]
    return "{" not in sentence and len(parts) == 2 and len(sentence) <= 24 \
        and abs(len(parts[0]) - len(parts[1])) <= 1


def _adaptable(sentence: str) -> bool:
    """Whether each slot of ``sentence`` names the organisation or topic where it reads right filled."""
    return any(slot in sentence for slot in _SUBJECT_SLOTS) and \
        len(_slot_context().findall(sentence)) == len(SLOT.findall(sentence))


def closing_from_bank(bank, facts, guard: TextGuard, foreign: list[str]
                      ) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Rhetorical couplets (乘风破浪潮头立，扬帆起航正当时。) and sentences adapted to the facts'
    organisation or topic, from the bank's closings, sorted. Adapted sentences come as
    (text, literal, template sentence): the literal has the filled slots masked.

    Only whole sentences are borrowed: one with a slot the facts cannot fill
    ({num}, {person}…), a source's number or name, or another topic's term is
    left out. {period} is never filled, since sources use it for “十四五” as
    often as for a year.
    """
    values = {
        "org": facts.org, "org_short": facts.org_short or facts.org, "place": facts.place,
        "year": str(facts.year) if facts.year else None,
        "next_year": str(facts.outlook.next_year) if facts.outlook and facts.outlook.next_year else None,
        "topic": facts.topic,
    }
    masked = {k: (MASK if v is not None else None) for k, v in values.items()}
    couplets: set[str] = set()
    adapted: set[tuple[str, str, str]] = set()
    for passage in bank.closings:
        for raw in split_sentences(passage.template or passage.text):
            sentence = guard.adapt(raw) if not any(term in raw for term in foreign) else None
            if sentence is None:
                continue
            if _is_couplet(sentence):
                couplets.add(raw)
            elif _adaptable(sentence):
                filled = adapt_passage(sentence, values, guard)
                literal = adapt_passage(sentence, masked, guard)
                if filled and "{" not in filled and len(filled) >= 12 and literal:
                    adapted.add((filled, literal, raw))
    return sorted(couplets), sorted(adapted)
