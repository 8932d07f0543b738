"""Openings and closings: the bank's templates filled, and paragraphs assembled from their pieces."""

from __future__ import annotations

import re

from writer.compose.names import name_guard
from writer.compose.passages import assembled_passages, fill_template, passage_usable
from writer.suggest.ranking import Relation, dedupe, rank, score
from writer.suggest.records import GENERATED, Suggestion


def _filled(bank, rel: Relation, kind: str, values: dict) -> list[Suggestion]:
    names = name_guard(bank.source_names())
    out = []
    for p in bank.openings if kind == "opening" else bank.closings:
        template = p.template or p.text
        # Judge the template with blanks only: the user's own values may hold digits. A
        # government report's closing addresses its deputies: not a summary's voice.
        if not passage_usable(fill_template(template, {}), names) or "各位代表" in template:
            continue
        # A quoted name in a source's paragraph is its own programme or strategy (“三高四新”):
        # it places the text and means nothing to another organisation.
        if "“" in template:
            continue
        text = fill_template(template, values)
        s = Suggestion(text, kind, GENERATED, source=p.source, year=p.year, pattern=template)
        s.score = score(rel, text, [p.source]) + (1 if "{topic}" in template else 0)
        # A whole paragraph written for another topic keeps that topic's content.
        if p.source and not rel.count(p.source) and rel.foreign(p.source):
            s.score -= 3
        out.append(s)
    return out


def _pieces(s: Suggestion) -> list[str]:
    # The couplet and the frame an assembled paragraph is built from.
    return re.findall(r"“[^“”]*”|句式\d+", s.pattern or "") or [s.pattern or s.text]


def passages(bank, lex, topic, rel: Relation, kind: str, values: dict, seed: int) -> list[Suggestion]:
    """Openings or closings, ranked, each pays for reusing a couplet or frame."""
    out = _filled(bank, rel, kind, values)
    for p in assembled_passages(bank, lex, topic, kind, values):
        s = Suggestion(p.text, kind, GENERATED, source=p.source, pattern=p.pattern, parts=p.parts)
        s.score = score(rel, s.text)
        out.append(s)
    return rank(dedupe(out), seed, keys=_pieces)
