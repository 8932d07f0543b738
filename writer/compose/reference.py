"""The shipped reference bank's headings for a topic or a section theme: what `suggest` ranks and
`outline` offers beside each section's heading.

The lines are the reference's compiled headings (writer.bank.reference_headings: strings of its
index that fill one of its heading patterns). For a topic a line is kept when:

- it holds one of the topic's words of three characters or more (``strong``), or two of
  its shorter words: a two-character word alone is too often part of another field's
  compound (环境 in 优化消费环境, 教育 in 主题教育 or 国防教育, 安全 in 换届“安全阀”);
- where the pattern starts with a slot, the line starts with a word the topic lexicon
  knows (进高等教育… is cut off); where it ends with one, the line ends where a clause
  ends: a head noun, a verb or a predicate the lexicon knows (加强道路交通 is the
  start of 加强道路交通安全, 加强医保基金 of 加强医保基金监管);
- a line that leads with a verb and ends in a head the lexicon lists verbs for leads with one
  of them (提升乡村产业发展: 发展 takes 推动, 促进…), unless the head's class takes many verbs
  or the verb takes a whole clause (writer/data/compose/reference.yaml: …建设, …工作; 坚持…);
- with ``since``, it was used in or after that year.

Recency and spread (``evidence_score``), from its reports per year: +1 if its share in the
reference's last three years is at least half its peak share (still current), −2 if no
report used it in the last five years (faded), +1 if 100 reports or more used it (a
formulation, not one region's).
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from writer.compose.wordindex import WordIndex

if TYPE_CHECKING:   # the records come with the lines: a request served from compiled rows imports neither
    from writer.bank.years import YearUse

RECENT_YEARS = 3
FADED_YEARS = 5
WIDE_USE = 100


class ReferenceHeading(tuple):
    """One line of the reference on the topic: its text, pattern and reports per year (a tuple with
    named fields: making a NamedTuple class costs a cold start some 0.7M instructions)."""

    __slots__ = ()

    def __new__(cls, text: str, pattern: str, use: YearUse):
        return tuple.__new__(cls, (text, pattern, use))

    text = property(itemgetter(0))
    pattern = property(itemgetter(1))
    use = property(itemgetter(2))


def strong_words(words: list[str]) -> list[str]:
    """The topic's words that alone put a text on the topic."""
    return [w for w in words if len(w) >= 3]


def on_topic(text: str, strong: list[str], words: WordIndex) -> bool:
    return any(w in text for w in strong) or len(set(words.find(text))) >= 2


def evidence_score(use: YearUse, latest: int) -> float:
    """Recency and spread (see the module docstring)."""
    s = 0.0
    if use.last_year is not None and use.last_year <= latest - FADED_YEARS:
        s -= 2
    else:
        peak = max(use.share(y) for y in use.docs)
        recent = max(use.share(y) for y in range(latest - RECENT_YEARS + 1, latest + 1))
        if peak and recent >= 0.5 * peak:
            s += 1
    if use.reports >= WIDE_USE:
        s += 1
    return s


class _Edges:
    """Words a heading may start with (any the lexicon knows) and end with (a head noun, a verb or a
    predicate: where a clause ends); the verbs whose object is the line's last noun (not a whole
    clause: writer/data/compose/reference.yaml), and the verbs a head takes (looked up per head:
    the lexicon builds a head's record on first use)."""

    def __init__(self, lex, words: list[str]):
        from writer.compose.data import word_list
        from writer.compose.vocab import vocab

        v = vocab(lex)
        self.lex = lex
        self.ends = v.verbs | v.predicates | frozenset(lex.heads)
        self.starts = v.verbs | v.nouns | v.adverbs | self.ends | frozenset(words)
        self.verbs = v.verbs - frozenset(word_list("clause_verbs"))
        self.free = frozenset(word_list("free_head_classes"))
        self._takes: dict[str, frozenset | None] = {}

    def takes(self, head: str) -> frozenset | None:
        """The verbs ``head`` takes; None when it is no head or its class takes many verbs."""
        if head not in self._takes:
            info = self.lex.heads.get(head)
            self._takes[head] = (frozenset(info.verbs) if info is not None and info.verbs
                                 and info.cls not in self.free else None)
        return self._takes[head]


def _edges_known(line: str, pattern: str, edges: _Edges) -> bool:
    """A line starts and ends with such words where its pattern starts or ends with a slot, and a
    verb-led one ending in a head leads with a verb that head takes."""
    if pattern.startswith("{") and not any(line[:k] in edges.starts for k in (2, 3, 4)):
        return False
    if pattern.endswith("}") and not any(line[-k:] in edges.ends for k in (2, 3, 4)):
        return False
    if line[:2] not in edges.verbs:
        return True
    takes = edges.takes(line[-2:])
    return takes is None or line[:2] in takes


def topic_headings(lines, lex, words: list[str], strong: list[str], since: int | None = None,
                   ) -> list[ReferenceHeading]:
    """The lines of ``lines`` (writer.bank.reference_headings.ReferenceLines, or None) on a topic of
    ``words``, in the reference's order (most used first); ``since``: used in or after that year."""
    if lines is None or not words:
        return []
    index = WordIndex(words)
    edges = _Edges(lex, words)
    out = []
    for k in sorted(lines.lines_with(words)):
        line, pattern = lines.line(k), lines.pattern(k)
        if not on_topic(line, strong, index) or not _edges_known(line, pattern, edges):
            continue
        use = lines.use(k)
        if since is None or (use.last_year or 0) >= since:
            out.append(ReferenceHeading(line, pattern, use))
    return out


def topic_slogans(lines, words: list[str], strong: list[str], since: int | None = None) -> list[ReferenceHeading]:
    """The reference's slogans on a topic of ``words`` (pattern empty)."""
    if lines is None or not words:
        return []
    index = WordIndex(words)
    out = []
    for i, text in enumerate(lines.slogans):
        if on_topic(text, strong, index):
            use = lines.slogan_use(i)
            if since is None or (use.last_year or 0) >= since:
                out.append(ReferenceHeading(text, "", use))
    return out


def ranked(found: list[ReferenceHeading], words: list[str], latest: int) -> list[ReferenceHeading]:
    """``found`` best first: topic words (3 points each, at most two) and recency and spread, then
    the most used, then the text (a fixed order)."""
    index = WordIndex(words)

    def key(ref: ReferenceHeading):
        return (-(3 * min(len(set(index.find(ref.text))), 2) + evidence_score(ref.use, latest)),
                -ref.use.reports, ref.text)
    return sorted(found, key=key)


def theme_headings(lines, lex, words: list[str], since: int | None = None, limit: int = 3
                   ) -> list[ReferenceHeading]:
    """The reference's best headings for a section on a theme of ``words`` (its name first), each
    from its own pattern."""
    if lines is None:
        return []
    found = ranked(topic_headings(lines, lex, words, strong_words(words), since), words, max(lines.years))
    out: list[ReferenceHeading] = []
    patterns: set[str] = set()
    for ref in found:
        if ref.pattern not in patterns:
            patterns.add(ref.pattern)
            out.append(ref)
        if len(out) == limit:
            break
    return out
