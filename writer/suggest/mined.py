"""Slogans and aphorisms: the bank's set phrases and couplets, and the topic's own working principles."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from writer.compose.names import name_guard, usable
from writer.errors import WriterError
from writer.suggest.ranking import Relation, dedupe, rank, score
from writer.suggest.records import GENERATED, MINED, Suggestion, one_year, years_of

_TITLES: WeakKeyDictionary = WeakKeyDictionary()


def _doc_sources(bank) -> dict[str, tuple[str, int | None]]:
    """Source id → (title, year), from the manifest: a title is shown with its own document's year."""
    sources = _TITLES.get(bank)
    if sources is None:
        try:
            listed = bank.manifest.get("sources") or []
        except WriterError:  # a missing or broken manifest: a title is only a label
            listed = []
        sources = _TITLES[bank] = {
            str(s.get("id")): (str(s.get("title")), s.get("year") if isinstance(s.get("year"), int) else None)
            for s in listed if isinstance(s, dict)}
    return sources


def _principles(topic, mined: set[str]) -> list[Suggestion]:
    """The topic's own working principles (生态优先, 精准治污) from the lexicon, so that a
    topic the corpus never covers still gets set phrases of its field, labelled generated."""
    out = []
    for p in (topic.principles if topic is not None else []):
        if len(p.text) == 4 and p.text not in mined:
            sug = Suggestion(p.text, "slogan", GENERATED, pattern=f"主题词表“{topic.key}”的工作原则")
            sug.score = 4.0  # on the topic by construction: as a mined slogan that names it
            out.append(sug)
    return out


def slogans(bank, rel: Relation, seed: int, topic=None, since: int | None = None) -> list[Suggestion]:
    """The topic's principles and the bank's slogans, ranked; each mined one with its documents per year
    (from ``since`` on)."""
    names = name_guard(bank.source_names())
    table = bank.year_table(("slogan",))
    unknown = topic is not None and not topic.known
    # an unknown topic has no principles of its own (the lexicon's fallback ones are not its)
    out = [] if unknown else _principles(topic, {s.text for s in bank.slogans if s.kind == "slogan"})
    for s in bank.slogans:
        if s.kind != "slogan" or not usable(s.text, names):
            continue
        if unknown and not any(topic.name in e for e in s.examples):
            continue  # no lexicon entry: only phrases the bank uses where it speaks of the topic
        # The document shown is the first that uses the phrase, with that document's year (not the
        # phrase's last year, which belongs to another document).
        title, year = _doc_sources(bank).get(s.doc_ids[0], (None, None)) if s.doc_ids else (None, None)
        sug = Suggestion(s.text, "slogan", MINED, source=title, year=year if title else s.last_year)
        use = table.lookup(s.text)
        sug.years = years_of(use, since) if use is not None else one_year(sug.year, since)
        sug.score = score(rel, s.text, list(s.examples), max(s.docs - 1, 0))
        # A set phrase seen only where another topic is discussed belongs to that topic.
        if (s.docs <= 1 and s.examples and not any(rel.count(e) for e in s.examples)
                and all(rel.foreign(e) for e in s.examples)):
            sug.score -= 2
        out.append(sug)
    return rank(out, seed)


def aphorisms(bank, rel: Relation, seed: int) -> list[Suggestion]:
    """The bank's aphorisms, ranked."""
    names = name_guard(bank.source_names())
    out = []
    for a in bank.aphorisms:
        if not usable(a.text, names):
            continue
        s = Suggestion(a.text, "aphorism", MINED, source=a.source, year=a.year)
        s.score = score(rel, a.text, [a.heading, a.source], mined=True)
        out.append(s)
    return rank(dedupe(out), seed)
