"""The years each suggestion was used, the --since filter, and the reference bank's results merged in.

The user's bank: a mined heading or aphorism has its source document's year; a
generated heading, the year of the mined heading whose pattern it fills; a slogan,
its documents per year (``Slogan.years`` over the manifest's ``documents_per_year``);
a template, its source's year. A generated slogan (a principle from the topic lexicon)
has the years of the reference's reports that use it, when any do. With ``since`` a
result without a year in or after it is left out.
"""

from __future__ import annotations

from writer.suggest.records import GENERATED, MINED, Suggestion, as_row, from_row, one_year, years_of

def with_years(bank, items: list[Suggestion], since: int | None) -> list[Suggestion]:
    """``items`` with their years; with ``since``, only those used in or after it."""
    origins: dict[str, int | None] | None = None
    reference = None
    for s in items:
        if s.years is not None:
            continue  # counted where it was made (a slogan's documents per year, from ``since`` on)
        if s.origin == MINED or s.kind in ("opening", "closing"):
            s.years = one_year(s.year, since)
        elif s.kind in ("heading", "pair", "set"):
            if origins is None:   # compiled with the heading index: no record of the bank is decoded
                from writer.suggest.index import heading_index
                origins = heading_index(bank).years
            s.years = one_year(origins.get(s.from_heading or ""), since)
        elif s.origin == GENERATED and s.kind == "slogan":
            reference = reference if reference is not None else _reference()
            use = reference.lookup(s.text) if reference else None
            s.years = years_of(use, since) if use is not None else None
    return [s for s in items if since is None or s.years is not None]


def _reference():
    from writer.bank.errors import ReferenceError as ReferenceBankError
    from writer.bank.reference import load_reference

    try:
        return load_reference()
    except ReferenceBankError:  # no reference installed: a principle then has no years
        return False


def add_reference(items: list[Suggestion], lex, topic, rel, kind: str, since: int | None,
                  seed: int, pools: dict | None = None) -> list[Suggestion]:
    """The user's ranked ``items`` and the reference's results: first the user's own texts on the topic
    (mined, on it as a reference line must be: writer.compose.reference.on_topic, and holding no
    other topic's words), in their order; then the reference's and the rest of the user's
    (generated, or off the topic) merged by score, the user's first on a tie. A reference text the
    user's bank already offers is left out. ``pools`` (writer.suggest.suggest): the reference's
    results are its ``reference`` rows."""
    from writer.suggest.ranking import rank

    found = _reference_found(lex, topic, rel, kind, since, pools)
    own = {s.text for s in items}
    # Variety: each further line of the same pattern costs a point, as generated headings pay.
    extra = rank([s for s in found if s.text not in own], seed, keys=lambda s: [s.pattern] if s.pattern else [])
    own_first = _own_on_topic(topic, rel)
    first = [own_first(s) for s in items]   # judged once per result: it scans the text for words
    out = [s for s, mine in zip(items, first) if mine]
    items = [s for s, mine in zip(items, first) if not mine]
    i = j = 0
    while i < len(items) or j < len(extra):
        if j < len(extra) and (i >= len(items) or extra[j].score > items[i].score):
            out.append(extra[j])
            j += 1
        else:
            out.append(items[i])
            i += 1
    return out


def _reference_found(lex, topic, rel, kind: str, since: int | None, pools: dict | None) -> list[Suggestion]:
    """The reference's headings or slogans on the topic, scored, in the reference's order."""
    rows = pools.get("reference") if pools is not None else None
    if rows is not None:
        return [from_row(row) for row in rows]
    from writer.suggest.reference import compiled_found

    found = compiled_found(lex, topic, rel, kind) if since is None else None
    if found is None:
        from writer.bank.reference_headings import reference_lines
        from writer.suggest.reference import reference_headings, reference_slogans

        lines = reference_lines()
        if kind == "heading":
            found = reference_headings(lines, lex, topic, rel, since)
        else:
            found = reference_slogans(lines, topic, rel, since)
    if pools is not None:
        pools["reference"] = [as_row(s) for s in found]
    return found


def _own_on_topic(topic, rel):
    """Whether a result is the user's own text on the topic."""
    from writer.compose.reference import on_topic, strong_words
    from writer.compose.wordindex import WordIndex

    words = rel.words if topic.known else [topic.name]
    strong = strong_words(words) if topic.known else [topic.name]
    index = WordIndex(words)
    return lambda s: s.origin == MINED and on_topic(s.text, strong, index) and not rel.foreign(s.text)
