"""Topic vocabulary: which words go with a topic (人才 → 引才, 人才队伍, 专家…), and every word's part of speech.

``vocab`` gives each frequent word its jieba tag and count, so ``suggest`` can
fill a ``{N2}`` slot with a two-character noun without importing jieba.
``topics`` relates a topic word to words that share a section with it more
often than chance (lift over section co-occurrence) and to words built on
it or on its head character (人才 → 人才队伍, 引才, 育才).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from operator import itemgetter

from writer.mining.segment import is_cjk

# Parts of speech that can name a topic.
TOPIC_TAGS = ("n", "vn", "nz", "j", "l", "an")
MAX_RELATED = 20


_CONTENT: dict[str, bool] = {}


def _is_content(word: str) -> bool:
    from writer.mining.segment import dictionary_tag

    if not (2 <= len(word) <= 6 and is_cjk(word)):
        return False
    tag = dictionary_tag(word) or "x"
    return tag[:1] in ("n", "v", "a", "j", "l", "i", "b", "x") and tag not in ("nr", "ns", "nt", "nrt", "nrfg")


SECTION_WORDS = 32  # words kept per section: its most frequent content words


def content_words(tokens: list[str]) -> list[str]:
    """A section's most frequent content words (two to six CJK characters, not names, not generic), by frequency."""
    memo = _CONTENT
    if not memo:
        from writer.io.datafiles import load_word_list
        for w in load_word_list("mining/topics.yaml", "generic"):
            memo[w] = False
    counts = Counter(tokens)  # one pass in C; its keys in text order
    for w in [w for w in counts if w not in memo]:  # words seen for the first time
        memo[w] = _is_content(w)
    # Ties keep text order (nlargest is stable, as Counter.most_common, which it is): deterministic.
    return [w for w, _ in heapq.nlargest(SECTION_WORDS, [(w, c) for w, c in counts.items() if memo[w]],
                                         key=itemgetter(1))]


def build_vocab(counts: Counter, tag_of, names: set[str], min_count: int) -> dict[str, dict]:
    """word → {pos, count} for frequent CJK words (names left out), most frequent first."""
    items = []
    for word, count in counts.items():
        if count < min_count or word in names or not is_cjk(word) or len(word) < 2:
            continue
        items.append((word, tag_of(word) or "x", count))
    items.sort(key=lambda t: (-t[2], t[0]))
    return {w: {"pos": pos, "count": c} for w, pos, c in items}


def build_topics(vocab: dict[str, dict], section_words: list[list[str]], max_topics: int,
                 min_sections: int) -> dict[str, list[str]]:
    """topic word → related words, for the most frequent topic-like nouns.

    Each section contributes its most frequent content words (``content_words``),
    so relating topics costs sections × 60², not sections × topics × words.
    Relatedness is lift (co-occurrence over chance) weighted by co-occurrence.
    """
    from itertools import chain

    from writer.io.datafiles import load_word_list

    generic = set(load_word_list("mining/topics.yaml", "generic"))
    n_sections = max(1, len(section_words))
    df = Counter(chain.from_iterable(section_words))  # section words are distinct already
    keys = [w for w, info in vocab.items()
            if info["pos"] in TOPIC_TAGS and df[w] >= min_sections and w not in generic][:max_topics]
    key_set = set(keys)
    relatable = {w for w in vocab if df[w] >= min_sections and w not in generic}
    co: dict[str, Counter] = {k: Counter() for k in keys}
    for words in section_words:
        # Each section lists its most frequent words: a topic among them counts the others.
        pool = [w for w in words if w in relatable]
        for k in pool:
            if k in key_set:
                co[k].update(pool)
    by_char: dict[str, list[str]] = {}
    containing: dict[str, list[str]] = {}
    for w in vocab:
        by_char.setdefault(w[-1], []).append(w)
        for i in range(len(w)):
            for j in range(i + 2, min(len(w), i + 6) + 1):
                if j - i < len(w) and w[i:j] in key_set:
                    containing.setdefault(w[i:j], []).append(w)
    topics: dict[str, list[str]] = {}
    for k in keys:
        related: list[str] = []
        # Words built on the topic (人才队伍) or on its head character when they share
        # sections (人才/引才; not 制度/力度).
        built = [w for w in by_char.get(k[-1], []) if w != k and w not in generic
                 and len(k) == 2 and len(w) == 2 and co[k][w] >= 2]
        built += [w for w in containing.get(k, []) if w not in built and w not in generic and len(w) <= len(k) + 3]
        built.sort(key=lambda w: (-vocab[w]["count"], w))
        related.extend(built[:8])
        scored = []
        for w, c in co[k].items():
            if w == k or c < 2 or w in related:
                continue
            lift = c * n_sections / (df[k] * df[w])
            if lift <= 1.2:
                continue
            scored.append((c * math.log(lift), w))
        scored.sort(key=lambda t: (-t[0], t[1]))
        related.extend(w for _, w in scored[:MAX_RELATED - len(related)])
        if related:
            topics[k] = related[:MAX_RELATED]
    return topics


def heading_topics(heading_text: str, section_words: list[str], topics: dict[str, list[str]],
                   limit: int = 5) -> list[str]:
    """Topic words a heading is about: those in its text, then those its section leans on."""
    found = [k for k in topics if k in heading_text]
    if len(found) >= limit:
        return found[:limit]
    body = set(section_words)
    # The topics the section holds, in the topics' order (one comprehension instead of a loop over all).
    for k in [k for k in topics if k in body]:
        if len(found) >= limit:
            break
        if k not in found and sum(1 for w in topics[k][:10] if w in body) >= 3:
            found.append(k)
    return found[:limit]


# ---------------------------------------------------------------- the step: vocabulary and topics

def mine_topics(words: Counter, analyses: list, all_names: frozenset[str],
                large: bool) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """The bank's vocabulary (from pass 1's word counts) and topics (from its sections' words)."""
    from writer.mining.segment import dictionary_tag

    vocab = build_vocab(words, dictionary_tag, set(all_names), min_count=5 if large else 2)
    section_words = [w for an in analyses for w in an.section_words]
    topics = build_topics(vocab, section_words, max_topics=400 if large else 200,
                          min_sections=5 if large else 2)
    return vocab, topics


def topic_words(topics: dict[str, list[str]]) -> frozenset[str]:
    """Every word of the topic model (topics and their related words): a phrase with one of them
    as a half is a topic's term (化解存量, 智慧广电), not a set phrase."""
    return frozenset(topics) | frozenset(w for related in topics.values() for w in related)
