"""Headings and slogans from the shipped reference bank, for `writer suggest` (after the user's own).

Which lines are on the topic, and their recency and spread: writer.compose.reference.
Score, on suggest's scale (writer.suggest): 3 points per topic word (at most two), 2 for being
verbatim from reports, then the evidence score (recent: +1, faded: −2, used by 100
reports or more: +1), −2 if it carries another topic's words.
"""

from __future__ import annotations

from writer.compose.reference import evidence_score, strong_words, topic_headings, topic_slogans
from writer.suggest.ranking import Relation
from writer.suggest.records import REFERENCE, Suggestion, years_of

SOURCE = "参考素材库"


def _words(topic, rel: Relation) -> tuple[list[str], list[str]]:
    if not topic.known:  # no lexicon entry: only lines that name it
        return [topic.name], [topic.name]
    return rel.words, strong_words(rel.words)


def _suggestions(found, kind: str, rel: Relation, since: int | None, latest: int) -> list[Suggestion]:
    out = []
    for ref in found:
        years = years_of(ref.use, since)
        if years is None:
            continue
        s = Suggestion(ref.text, kind, REFERENCE, source=SOURCE, pattern=ref.pattern or None,
                       lines=[ref.text], years=years)
        s.score = (3 * min(rel.count(ref.text), 2) + 2 + evidence_score(ref.use, latest)
                   - (2 if rel.foreign(ref.text) else 0))
        out.append(s)
    return out


def reference_headings(lines, lex, topic, rel: Relation, since: int | None) -> list[Suggestion]:
    """The reference's headings on ``topic`` (``lines``: writer.bank.reference_headings.ReferenceLines)."""
    if lines is None:
        return []
    words, strong = _words(topic, rel)
    return _suggestions(topic_headings(lines, lex, words, strong, since), "heading", rel, since, max(lines.years))


def reference_slogans(lines, topic, rel: Relation, since: int | None) -> list[Suggestion]:
    """The reference's slogans on ``topic``."""
    if lines is None:
        return []
    words, strong = _words(topic, rel)
    return _suggestions(topic_slogans(lines, words, strong, since), "slogan", rel, since, max(lines.years))


# Every lexicon topic's reference results, compiled once: a topic asked for the first time reads one
# block (a few KB) instead of loading the reference's lines and judging which are on it.
TOPICS_FILE = "suggest-reference.blocks"
_TOPICS_FORMAT = 1
# The code that decides the results (their stat, as an edit in a checkout moves it): the cache key.
_CODE = ("compose/reference.py", "compose/vocab.py", "compose/wordindex.py", "bank/reference_headings.py",
         "bank/years.py", "suggest/reference.py", "suggest/ranking.py", "suggest/records.py")
# The data files the reference's lines are compiled with (writer.bank.reference_headings' BREAKERS_FILE
# and NAMES_FILE, under writer/data; named here so that reading a block imports nothing of it).
LINES_DATA = ("bank/reference-headings.yaml", "mining/names.yaml")


def compiled_found(lex, topic, rel: Relation, kind: str) -> list[Suggestion] | None:
    """The reference's ``kind`` results (heading or slogan) on the lexicon topic ``topic``, as
    reference_headings/reference_slogans give them without --since, from the compiled block file
    (compiled for every topic when missing or stale); None when it does not apply (an unknown
    topic, a name that adds words of its own, no cache folder or lexicon file)."""
    import marshal

    from writer.io import cache
    from writer.suggest.records import from_row

    key = _topics_key(lex)
    path = _topics_path() if key is not None and topic.known else None
    if path is None:
        return None
    found = cache.read_block(path, key, lambda head: head.get(topic.key))
    if found is None:
        _compile_topics(lex, path, key)
        found = cache.read_block(path, key, lambda head: head.get(topic.key))
    if found is None or found[1] is None:
        return None
    words, rows = marshal.loads(found[1])
    return [from_row(row) for row in rows[kind]] if words == rel.words else None


def _topics_path():
    from writer.io import cache
    from writer.io.paths import default_reference

    folder = default_reference()
    return cache.cache_file(folder, TOPICS_FILE) if folder.is_dir() else None


def _topics_key(lex) -> tuple | None:
    """What the compiled results depend on: the reference's files, the lexicon, the word lists and
    the reference lines' data files, and the code that judges them; None without a lexicon file."""
    if lex.stamp is None or not lex.path:
        return None
    import os

    from writer.compose.data import words_stamp
    from writer.io import cache
    from writer.io.memo import folder_times
    from writer.io.paths import default_reference

    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = tuple(cache.run_stamp(os.path.join(package, "data", name)) for name in LINES_DATA)
    code = []
    for name in _CODE:
        try:
            st = os.stat(os.path.join(package, name))
            code.append((st.st_size, st.st_mtime_ns))
        except OSError:
            code.append(None)
    return (_TOPICS_FORMAT, folder_times(default_reference()), lex.stamp, words_stamp(), data, tuple(code))


def _compile_topics(lex, path, key: tuple) -> None:
    """Every lexicon topic's reference headings and slogans (rows), a block each (head: key → block)."""
    import marshal

    from writer.bank.reference_headings import reference_lines
    from writer.io import cache
    from writer.suggest.ranking import relation
    from writer.suggest.records import as_row

    lines = reference_lines()
    if lines is None:
        return
    head, blocks = {}, []
    for name in sorted(lex.topics):
        topic = lex.topic(name)
        rel = relation(lex, topic)
        rows = {"heading": [as_row(s) for s in reference_headings(lines, lex, topic, rel, None)],
                "slogan": [as_row(s) for s in reference_slogans(lines, topic, rel, None)]}
        head[name] = len(blocks)
        blocks.append(marshal.dumps((rel.words, rows)))
    cache.store_blocks(path, key, head, blocks)
