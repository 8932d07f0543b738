"""Headings, two-line headings and parallel sets: mined lines from the index, then generated ones."""

from __future__ import annotations

from writer.compose.headings import generate, heading_set
from writer.compose.names import fill_names
from writer.compose.headings.sets import NoPatternError
from writer.compose.headings import pattern_matches as _matches
from writer.suggest.index import HeadingIndex, heading_index
from writer.suggest.ranking import Relation, dedupe, rank, score
from writer.errors import UsageError
from writer.suggest.records import GENERATED, MINED, Suggestion, as_row, from_row


def pattern_matches(pattern: str, s: Suggestion) -> bool:
    """--pattern (see writer.compose.headings.pattern_matches) applied to one suggestion."""
    return _matches(pattern, s.pattern, s.lines or [s.text])


def _candidate_lines(idx: HeadingIndex, rel: Relation, n: int, pattern: str | None) -> set[int]:
    """Lines holding the topic's words, headings of sources about the topic, and the first
    recurring shapes (every other mined line scores no higher than these)."""
    own_sources = {i for i, title in enumerate(idx.sources) if rel.count(title)}
    picked = idx.lines_with(rel.words) if not pattern else set(range(len(idx)))
    if own_sources:
        rows_of_own = {r for r, src in enumerate(idx.row_sources) if src in own_sources}
        picked.update(k for k, r in enumerate(idx.line_rows) if r in rows_of_own)
    filler = 0
    for k in range(len(idx)):
        if filler >= 3 * n:
            break
        if k not in picked and not rel.foreign(idx.line(k)):
            picked.add(k)
            filler += 1
    return picked


def _mined(idx: HeadingIndex, rel: Relation, picked: set[int], two_line: bool,
           own: tuple[str | None, str | None] = (None, None)) -> list[Suggestion]:
    """The picked lines as suggestions; one that named a source's place or organisation (kept in
    slot form by the index) filled with the user's ``own`` (--place, --org), or left out."""
    kind = "pair" if two_line else "heading"
    out: list[Suggestion] = []
    seen_rows: set[int] = set()
    for k in sorted(picked):
        line, r, no = idx.line(k), idx.line_rows[k], idx.line_nos[k]
        text, heading, sub, pat, count, source, year = idx.row(r)
        slotted = None  # the mined heading in slot form, when it named a source's place or organisation
        if "{" in text:
            filled = [fill_names(t, *own) if t else t for t in (line, text, heading, sub)]
            if None in filled[:3] or (sub and filled[3] is None):
                continue
            slotted = text if two_line else line
            line, text, heading, sub = filled
        recurs = count >= 2
        if two_line:
            if not sub or r in seen_rows:
                continue
            seen_rows.add(r)
            s = Suggestion(text, kind, MINED, source=source, year=year, pattern=pat, lines=[heading, sub],
                           from_heading=slotted)
            s.score = score(rel, text, [source], recurs, mined=True)
        else:
            # Each line of a two-line heading is a heading in its own right.
            patterns = pat.split(" / ")
            s = Suggestion(line, kind, MINED, source=source, year=year,
                           pattern=patterns[no] if no < len(patterns) else None, lines=[line],
                           from_heading=slotted)
            s.score = score(rel, line, [source, sub if no == 0 else heading], recurs, mined=True)
        out.append(s)
    return out


def headings(bank, topic, rel: Relation, two_line: bool, n: int, seed: int,
             pattern: str | None, place: str | None = None, org: str | None = None,
             pools: dict | None = None) -> list[Suggestion]:
    """Mined headings (or two-line headings) on the topic and generated ones, ranked; a mined one
    that named a source's place or organisation only filled with ``place``/``org``. ``pools``
    (writer.suggest.suggest): the mined ones, scored, are its ``mined`` rows."""
    idx = heading_index(bank)
    rows = pools.get("mined") if pools is not None else None
    if rows is not None:
        out = [from_row(row) for row in rows]
    else:
        out = _mined(idx, rel, _candidate_lines(idx, rel, n, pattern), two_line, (place, org))
        if topic.known:
            _weigh_lone_words(out, rel)
        if pools is not None:
            pools["mined"] = [as_row(s) for s in out]
    if not topic.known:  # no lexicon entry: only what the bank's own headings say about it, nothing generic
        out = [s for s in out if topic.name in s.text]
        return rank(dedupe([s for s in out if not pattern or pattern_matches(pattern, s)]), seed)
    kind = "pair" if two_line else "heading"
    style = "pair" if two_line else "single"
    for g in generate(bank, topic.name, style=style, seed=seed, limit=max(3 * n, 30), names=idx.guard()):
        s = Suggestion(g.text, kind, GENERATED, pattern=g.pattern, from_heading=g.origin,
                       lines=list(g.lines), theme=g.theme)
        s.score = score(rel, g.text, [g.theme])
        out.append(s)
    if pattern:
        out = [s for s in out if pattern_matches(pattern, s)]
    # Variety: generated headings pay for reusing a pattern or theme; mined ones are each unique.
    return rank(dedupe(out), seed, keys=lambda s: [] if s.origin == MINED else
                [s.pattern or s.text] + ([s.theme] if s.theme else []) + (s.lines[:1] if two_line else []))


LONE_WORD = 3   # what a lone two-character topic word in a heading off the topic loses


def _weigh_lone_words(items: list[Suggestion], rel: Relation) -> None:
    """A mined heading whose only tie to the topic is one two-character word, from a source that is not
    about the topic either, loses that word's points: 教育 in 推动教育整顿走深走实 (a police force's
    rectification), as writer.compose.reference judges the reference's lines."""
    # Imported here: a new seed reads the weighed lines from the pools and never needs them.
    from writer.compose.reference import on_topic, strong_words
    from writer.compose.wordindex import WordIndex

    strong = strong_words(rel.words)
    index = WordIndex(rel.words)
    for s in items:
        if not on_topic(s.text, strong, index) and not (s.source and on_topic(s.source, strong, index)):
            s.score -= LONE_WORD if rel.count(s.text) else 0


class NoSetError(UsageError):
    """No pattern of the bank fills even a pair of parallel headings for the topic."""


def heading_sets(bank, topic, n: int, seed: int, pattern: str | None) -> list[Suggestion]:
    """One parallel set of ``n`` headings over the topic's first section themes.

    When the bank's patterns cannot fill ``n``, the largest set they can fill is
    given (fewer than ``n``; the command says so); NoSetError when not even two.
    """
    from writer.compose.themes import default_themes   # sets only: headings never ask for it

    if not topic.known:
        return []  # a set's sections come from the topic's themes; an unknown topic has none of its own
    for size in range(n, 1, -1):
        try:
            heads = heading_set(bank, topic.name, default_themes(topic, size), style="single", seed=seed,
                                pattern=pattern)
            break
        except NoPatternError:
            continue
    else:
        shape = f"形如“{pattern}”的" if pattern else ""
        raise NoSetError(f"素材库里没有能为“{topic.name}”填出一组{shape}对仗标题的模式；"
                         "可去掉或改换 --pattern，或换用别的素材库（--bank）", key="--kind")
    return [Suggestion(h.text, "set", GENERATED, pattern=h.pattern, from_heading=h.origin,
                       lines=list(h.lines), score=float(len(heads) - i)) for i, h in enumerate(heads)]
