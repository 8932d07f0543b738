"""The heading templates of a bank: every usable pattern analysed once, kept in the cache.

One template per pattern, most used shapes first; a triple may also be one short
verb-object clause said three times (强基础，优服务，促发展).
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from writer.bank.lexicon import Lexicon, load_lexicon
from writer.compose.bankcache import bank_cache, bank_stamp
from writer.compose.headings.records import SEPARATORS, HeadingTemplate, LineTemplate, Tok, style_of
from writer.io import cache

MAX_TEMPLATES = 400
_FORMAT = 4
_SEPARATOR_RUN = f"[{SEPARATORS}]+"   # compiled on use (re's cache): only triples split, and compiling costs more
# bank → {lexicon path: templates}; a bank object is read once per run.
_TEMPLATES: WeakKeyDictionary = WeakKeyDictionary()


def templates(bank, lex: Lexicon | None = None) -> list[HeadingTemplate]:
    """The bank's headings that can be filled, one per pattern, most used shapes first.

    Compiled once per bank and lexicon into the bank's cache folder.
    """
    lex = lex or load_lexicon()
    memo = _TEMPLATES.get(bank)
    if memo is None:
        memo = _TEMPLATES[bank] = {}
    if lex.path in memo:
        return memo[lex.path]
    path = bank_cache(bank, "heading-templates.marshal")
    key = (_FORMAT, bank_stamp(bank, lex.path)) if path is not None else None
    data = cache.load(path, key)
    if data is not None:
        out = [HeadingTemplate.from_plain(d) for d in data]
    else:  # no cache or a stale one: build
        out = _build_templates(bank, lex)
        cache.store(path, key, [t.to_plain() for t in out])
    memo[lex.path] = out
    return out


def _build_templates(bank, lex: Lexicon) -> list[HeadingTemplate]:
    # Analysis runs only when the compiled cache is missing or stale: a warm run skips its import.
    from writer.compose.headings.analysis import analyse

    seen: set[str] = set()
    shape_count: dict[str, int] = {}
    for h in bank.headings:
        shape_count[h.shape] = shape_count.get(h.shape, 0) + 1
    out: list[HeadingTemplate] = []
    for h in sorted(bank.headings, key=lambda h: (-shape_count.get(h.shape, 0), h.pattern, h.text)):
        if h.pattern in seen:
            continue
        seen.add(h.pattern)
        t = analyse(h, lex)
        if t is not None:
            out.append(t)
            if len(out) >= MAX_TEMPLATES:
                break  # a large bank: its most used shapes are plenty
    return out


def _clause_pattern(toks: tuple[Tok, ...] | list[Tok]) -> str:
    return "".join(f"{{{t.slot}{t.length}}}" if t.slot else t.text for t in toks)


def _triples_from_clauses(all_t: list[HeadingTemplate]) -> list[HeadingTemplate]:
    """Short one-clause readings repeated three times on one line (强基础，优服务，促发展)."""
    out = []
    seen: set[str] = set()
    for t in all_t:
        if style_of(t) != "single":
            continue
        origin_clauses = [c for c in re.split(_SEPARATOR_RUN, t.origin) if c]
        for ci, readings in enumerate(t.lines[0].clauses):
            vo = [f for f in readings if f.kind == "vo"]
            if not vo:
                continue
            clause_text = origin_clauses[ci] if ci < len(origin_clauses) else t.origin
            if len(clause_text) > 6:
                continue
            f = vo[0]
            pat = f.adverb + f.lead + _clause_pattern(f.np)
            if pat in seen:
                continue
            seen.add(pat)
            line = LineTemplate([[f], [f], [f]], ["，", "，"])
            out.append(HeadingTemplate([line], f"{pat}，{pat}，{pat}", t.origin, t.shape))
    return out


def candidates(bank, lex: Lexicon, style: str) -> list[HeadingTemplate]:
    """The bank's templates of one style (single, pair or triple)."""
    all_t = templates(bank, lex)
    if style == "triple":
        return [t for t in all_t if style_of(t) == "triple"] + _triples_from_clauses(all_t)
    return [t for t in all_t if style_of(t) == style]
