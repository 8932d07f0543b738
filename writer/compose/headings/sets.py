"""Headings for a topic: one parallel set (a heading per section theme, one pattern), or many
for `writer suggest` (each template × each theme, round robin)."""

from __future__ import annotations

import random
import re

from writer.bank.lexicon import Lexicon, Phrase, Theme, Topic, load_lexicon
from writer.compose.headings.compiled import candidates
from writer.compose.headings.fill import fill_template, theme_nouns
from writer.compose.headings.records import GeneratedHeading, HeadingTemplate, style_of
from writer.compose.names import name_guard
from writer.errors import UsageError

STYLES = ("single", "pair", "triple")


class HeadingStyleError(UsageError):
    """A heading style other than single, pair or triple was asked for."""


class NoPatternError(UsageError):
    """No heading pattern of the bank can be filled for the given themes."""


def pattern_matches(wanted: str, pattern: str | None, lines: list[str]) -> bool:
    """``--pattern``: a bank pattern (with ``{N2}`` slots) matches exactly; else the text
    must read like ``wanted`` with ``…`` (or ``...``, ``*``) standing for any words: 坚持…推动…"""
    if "{" in wanted:
        return (pattern or "").replace(" ", "") == wanted.replace(" ", "")
    parts = [re.escape(p) for p in re.split(r"…+|\.{2,}|\*", wanted)]
    regex = re.compile("^" + ".*".join(parts) + "$")
    return any(regex.search(line) for line in lines)


def _pools(lex: Lexicon, theme: Theme, topic: Topic) -> tuple[list[Phrase], list[Phrase]]:
    """A theme's own noun phrases, and the rest of the topic's (for second and third clauses)."""
    own = theme_nouns(lex, theme)
    texts = {p.text for p in own}
    extra = [p for t in topic.themes if t.name != theme.name for p in t.nouns if p.text not in texts]
    return own, extra


def _lead_rank(t: HeadingTemplate) -> int:
    """0 when the line a set varies on can open with a verb (verb-object reading), else 1."""
    return 0 if "vo" in t.first_kinds(1 if t.n_lines == 2 else 0) else 1


def _length_rank(t: HeadingTemplate) -> int:
    """0 when every line of the mined heading has a comfortable length (5-12 characters), else 1."""
    lines = t.origin.split(" / ")
    if style_of(t) == "triple" or "，" in t.pattern and t.n_lines == 1 and t.pattern.count("，") == 2:
        return 0
    return 0 if all(5 <= len(line.replace(" ", "")) <= 12 for line in lines) else 1


class _DrawnRandom:
    """``random.Random(seed)`` made at its first shuffle: most templates fail to fill before they draw,
    and seeding from a string hashes it (the same draws, in the same order, as the Random itself)."""

    __slots__ = ("_seed", "_rng")

    def __init__(self, seed: str):
        self._seed = seed
        self._rng: random.Random | None = None

    def shuffle(self, items: list) -> None:
        if self._rng is None:
            self._rng = random.Random(self._seed)
        self._rng.shuffle(items)


class _SetRequest:
    """What one heading set is filled for: the lexicon, topic, its themes and the options."""

    __slots__ = ("lex", "top", "themes", "names", "related", "style", "seed", "pattern")

    def __init__(self, lex, top, themes, names, style: str, seed: int, pattern: str | None):
        self.lex, self.top, self.themes, self.names = lex, top, themes, names
        self.related = top.words()
        self.style, self.seed, self.pattern = style, seed, pattern


def _fill_for_theme(req: _SetRequest, t: HeadingTemplate, theme: Theme, k: int,
                    used: set[str]) -> GeneratedHeading | None:
    # Every clause of a section's heading speaks of that section's theme; a triple's
    # second and third clauses may borrow the topic's other phrases.
    nps, extra = _pools(req.lex, theme, req.top)
    if req.style != "triple":
        extra = []
    # With --pattern, try the theme's phrases in other orders until one fits the shape.
    for attempt in range(12 if req.pattern else 1):
        rng_t = random.Random(f"{req.seed}:{theme.name}:{t.pattern}:{attempt}")
        pool = list(nps)
        if attempt:
            rng_t.shuffle(pool)
        got = fill_template(t, pool, extra, req.lex, rng_t, used, req.names, req.related, theme.name,
                            req.top.principles, k + req.seed + attempt)
        if got is not None and (not req.pattern or pattern_matches(req.pattern, got.pattern, got.lines)):
            return got
    return None


def _fill_set(req: _SetRequest, t: HeadingTemplate) -> list[GeneratedHeading] | None:
    """A heading per theme from ``t``, each with its own leading verb and lines; None if one fails."""
    out: list[GeneratedHeading] = []
    used: set[str] = set()
    used_lines: set[str] = set()
    for k, theme in enumerate(req.themes):
        got = _fill_for_theme(req, t, theme, k, used)
        if got is None or any(line in used_lines for line in got.lines):
            return None
        used.add(got.lead)
        if got.adverb:
            used.add(got.adverb)
        used_lines.update(got.lines)
        used.update(got.lines)  # a pair's first line may not repeat either
        out.append(got)
    return out


def heading_set(bank, topic: str, themes: list[str], style: str = "single",
                seed: int = 0, pattern: str | None = None) -> list[GeneratedHeading]:
    """One parallel set: a heading per theme, all from one bank pattern, each with its own leading verb.

    ``pattern`` (optional) keeps only headings of that shape (see pattern_matches).
    Raises HeadingStyleError for an unknown style and NoPatternError when no
    pattern of the bank can be filled for every theme.
    """
    if style not in STYLES:
        raise HeadingStyleError(f"标题样式只能是 {'/'.join(STYLES)}，不是“{style}”", key="style")
    if not themes:
        return []
    from writer.compose.themes import resolve_themes   # sets and named themes only

    lex = load_lexicon()
    top = lex.topic(topic)
    req = _SetRequest(lex, top, resolve_themes(lex, top, themes), name_guard(bank.source_names()),
                      style, seed, pattern)
    rng = random.Random(seed)
    cands = candidates(bank, lex, style)
    order = list(range(len(cands)))
    rng.shuffle(order)
    # Verb-first headings first (a set differs by its leading verbs), compact ones before long.
    order.sort(key=lambda i: (_lead_rank(cands[i]), _length_rank(cands[i])))
    for i in order:
        out = _fill_set(req, cands[i])
        if out is not None:
            return out
    what = f"形如“{pattern}”的" if pattern else ""
    raise NoPatternError(f"素材库中没有能为这 {len(themes)} 个分节主题填出一组{what}对仗标题的模式；"
                         "可换用 --style，或减少、改写分节主题", key="themes")


def generate(bank, topic: str, style: str = "single", seed: int = 0, limit: int = 30,
             themes: list[str] | None = None, names=None) -> list[GeneratedHeading]:
    """Many headings for a topic (suggest's generated results): each template × each theme, round robin.

    ``names``: the sources' names (a set or NameGuard), when the caller has them at hand.
    """
    lex = load_lexicon()
    top = lex.topic(topic)
    if themes:
        from writer.compose.themes import resolve_themes   # suggest asks for the topic's own themes

        theme_recs = resolve_themes(lex, top, themes)
    else:
        theme_recs = top.themes
    names = name_guard(names if names is not None else bank.source_names())
    related = top.words()
    rng = random.Random(seed)
    cands = candidates(bank, lex, style)
    order = list(range(len(cands)))
    rng.shuffle(order)
    out: list[GeneratedHeading] = []
    seen: set[str] = set()
    pools: dict[int, tuple[list[Phrase], list[Phrase]]] = {}   # theme → _pools (the same for every template)
    for round_ in range(len(theme_recs)):
        for k, idx in enumerate(order):
            t = cands[idx]
            at = (k + round_) % len(theme_recs)
            theme = theme_recs[at]
            if at not in pools:
                pools[at] = _pools(lex, theme, top)
            nps, extra = pools[at]
            got = fill_template(t, nps, extra, lex, _DrawnRandom(f"{seed}:{theme.name}:{t.pattern}"),
                                set(), names, related, theme.name, top.principles, k + round_ + seed)
            if got is None or got.text in seen:
                continue
            seen.add(got.text)
            out.append(got)
            if len(out) >= limit:
                return out
    return out
