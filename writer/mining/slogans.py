"""Four-character set phrases (四字格): candidates from segmentation, corpus statistics, a verdict per candidate.

Candidates are the four-character spans that jieba's segmentation leaves
whole (they start and end on word boundaries: 凝心/聚力, 走深/走实). For each
candidate a second pass over the text counts every occurrence (so a span that
usually straddles a word boundary, 为全县经 in 为全县经济…, has low
*solidity*), the characters on either side (boundary entropy), and how often
it stands alone between punctuation marks. The verdict then combines these
statistics with jieba's dictionary (tags ``i`` 成语, ``l`` 习用语) and the
shipped lists in data/slogans.yaml: genre slogans (always kept when they
occur), plain topic terms, and genre words that are neither.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from writer.mining.segment import is_cjk

# Marks that bound a phrase standing alone (list items, headings, slogans in quotes).
BOUNDARY = set("，。、；：！？“”‘’（）《》〈〉【】—…·,.;:!?()\"' 　\n") | {""}
_SENTENCE_END = re.compile(r"(?<=[。！？；])")

# A phrase never starts or ends with these, nor holds the ones in _INSIDE.
_BAD_START = set("和与及并或而的地得了着过是在对把将被给向从等也都就还又则且但即乃")
_BAD_END = set("的地得了着过和与及并或而在对把将被给向从等为是也都就还又个项次名位些其")
_INSIDE = set("的了着们吗呢吧啊这那该此某您你我他她它")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """data/slogans.yaml: ``slogans`` (genre set phrases), ``terms`` (topic vocabulary),
    ``term_heads`` (second halves that make a term), ``not_phrases`` (neither)."""
    from writer.mining.data_files import load_word_list

    return {key: frozenset(load_word_list("slogans.yaml", key))
            for key in ("slogans", "terms", "term_heads", "not_phrases")}


def aligned_spans(tokens: list[str]) -> Counter:
    """Four-character CJK spans made of whole tokens, counted."""
    out: Counter = Counter()
    n = len(tokens)
    for i in range(n):
        total = 0
        for j in range(i, min(i + 4, n)):
            total += len(tokens[j])
            if total >= 4:
                if total == 4:
                    span = "".join(tokens[i:j + 1])
                    if is_cjk(span):
                        out[span] += 1
                break
    return out


@dataclass
class SpanStats:
    """What the second pass learns about one candidate in one or more documents."""

    count: int = 0
    standalone: int = 0
    left: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def merge(self, other: "SpanStats", max_examples: int = 2) -> None:
        self.count += other.count
        self.standalone += other.standalone
        self.left.update(other.left)
        self.right.update(other.right)
        for ex in other.examples:
            if len(self.examples) < max_examples and ex not in self.examples:
                self.examples.append(ex)


def scan_spans(texts: list[str], candidates: frozenset[str] | set[str]) -> dict[str, SpanStats]:
    """Every occurrence of the candidates in ``texts``: counts, neighbours, one example sentence."""
    stats: dict[str, SpanStats] = {}
    for text in texts:
        n = len(text)
        for i in range(n - 3):
            span = text[i:i + 4]
            if span not in candidates:
                continue
            st = stats.get(span)
            if st is None:
                st = stats[span] = SpanStats()
            st.count += 1
            left = text[i - 1] if i > 0 else ""
            right = text[i + 4] if i + 4 < n else ""
            st.left[left] += 1
            st.right[right] += 1
            if left in BOUNDARY and right in BOUNDARY:
                st.standalone += 1
            if not st.examples:
                st.examples.append(sentence_around(text, i, i + 4))
    return stats


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence of ``text`` holding ``text[start:end]``, clipped to ``limit`` characters."""
    begin = max(text.rfind(m, 0, start) for m in "。！？；") + 1
    stop_candidates = [p for p in (text.find(m, end) for m in "。！？；") if p != -1]
    stop = min(stop_candidates) + 1 if stop_candidates else len(text)
    sentence = text[begin:stop].strip()
    if len(sentence) > limit:
        # Clip around the phrase so the example still shows it in context.
        rel = start - begin
        lo = max(0, min(rel - limit // 2, len(sentence) - limit))
        sentence = ("…" if lo else "") + sentence[lo:lo + limit] + "…"
    return sentence


def entropy(counter: Counter) -> float:
    """Shannon entropy (nats) of a neighbour distribution; punctuation neighbours count as distinct."""
    total = sum(counter.values())
    if not total:
        return 0.0
    h = 0.0
    for ch, c in counter.items():
        if ch in BOUNDARY:
            # Every boundary occurrence is an independent context: treat each as its own symbol.
            for _ in range(c):
                h -= (1 / total) * math.log(1 / total)
        else:
            p = c / total
            h -= p * math.log(p)
    return h


@dataclass
class Candidate:
    """Merged statistics of one four-character span over the corpus."""

    text: str
    aligned: int = 0
    stats: SpanStats = field(default_factory=SpanStats)
    doc_ids: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    @property
    def solidity(self) -> float:
        """Share of occurrences where segmentation keeps the span whole."""
        return self.aligned / self.stats.count if self.stats.count else 0.0


_NUMERALS = set("二三四五六七八九十两双百千万多几")
NOUNISH = ("n", "vn", "nz", "j", "an", "ng", "nt", "ns", "b", "s", "f")
# A half with a dictionary count at least this high is an ordinary free word.
FREE_WORD = 150


def _repeat_shape(text: str) -> str | None:
    """``ABAC`` (走深走实), ``AABB`` (实实在在), or None."""
    a, b, c, d = text
    if a == c and b != d:
        return "ABAC"
    if a == b and c == d and a != c:
        return "AABB"
    return None


def _varied(counter: Counter) -> bool:
    """Neighbours on one side are not always the same character (else the span is part of a longer word)."""
    return any(ch in BOUNDARY for ch in counter) or len(counter) >= 2


def verdict(cand: Candidate, tags: dict[str, str | None], names: frozenset[str] | set[str],
            n_docs: int, frequency=None) -> str | None:
    """``slogan``, ``term`` or None (not a phrase worth keeping) for a candidate.

    ``tags`` maps the candidate and its two halves to their jieba dictionary
    tags (None when jieba does not know the word); ``frequency`` gives a
    word's jieba dictionary count (two ordinary words side by side are a
    collocation, 始终保持, not a set phrase).
    """
    text = cand.text
    lists = word_lists()
    if text in lists["not_phrases"] or any(name in text for name in names):
        return None
    st = cand.stats
    if st.count == 0:
        return None
    if text in lists["slogans"]:
        return "slogan"
    if text in lists["terms"]:
        return "term"
    if text[0] in _BAD_START or text[-1] in _BAD_END or any(ch in _INSIDE for ch in text):
        return None
    large = n_docs >= 30
    docs = len(cand.doc_ids)
    solidity = cand.solidity
    freq = frequency or (lambda w: 0)
    tag = tags.get(text)
    head, tail = text[:2], text[2:]
    head_tag, tail_tag = tags.get(head) or "", tags.get(tail) or ""
    f_head, f_tail = freq(head), freq(tail)
    # Two ordinary words side by side, or a very common word next to any dictionary word.
    compositional = (min(f_head, f_tail) >= FREE_WORD
                     or (max(f_head, f_tail) >= 50 * FREE_WORD and min(f_head, f_tail) > 0))
    noun_phrase = ((tail in lists["term_heads"] or tail_tag in NOUNISH)
                   and (head_tag in NOUNISH or head_tag == "a" and tail_tag in NOUNISH))
    varied = _varied(st.left) and _varied(st.right)

    if tag in ("i", "l"):
        # jieba's idioms: real 成语 are not made of two ordinary words (始终保持 is);
        # its 习用语 (l) are often plain noun phrases (党群关系, 工作日内).
        if solidity < 0.5 or (large and (st.count < 3 or docs < 2)):
            return None
        if tail in lists["term_heads"] or (tag == "l" and noun_phrase) or (compositional and noun_phrase):
            return "term" if st.count >= 2 else None
        if compositional or (tag == "l" and tail_tag in NOUNISH):
            return None
        return "slogan"
    if tag in ("n", "nz", "vn", "j") and noun_phrase:
        return "term" if st.count >= (3 if large else 2) and solidity >= 0.5 else None
    if solidity < (0.8 if large else 0.9):
        return None
    shape = _repeat_shape(text)
    if shape:
        if text[0] in _NUMERALS:
            return None  # 两严两准, 三多三大: a source's own programme names
        if large:
            return "slogan" if st.count >= 3 and docs >= 3 else None
        return "slogan" if (st.standalone >= 1 or st.count >= 2) else None
    if noun_phrase:
        if head_tag[:1] in ("r", "m", "q", "p", "c", "d", "v") and head_tag != "vn":
            return None
        need_count, need_docs = (5, 3) if large else (2, 2)
        return "term" if st.count >= need_count and docs >= need_docs and varied else None
    # A rhetorical phrase jieba does not know (凝心聚力, 履职尽责): it must not be two
    # ordinary words, and it must recur as a unit and stand alone in lists and headings.
    if compositional or head_tag[:1] in ("p", "c", "r", "m", "q", "u") or not varied:
        return None
    if docs < 2 or any(ch in _NUMERALS or ch == "一" for ch in text):
        return None  # one document's own coinage (雪域羚城) or programme name (三高四新)
    if large:
        ok = docs >= 5 and st.standalone >= 3 and entropy(st.left) + entropy(st.right) >= 2.0
    else:
        ok = (st.standalone >= 1 and docs >= 2) or st.standalone >= 2
    return "slogan" if ok else None
