"""The only door to jieba: word segmentation, dictionary tags and tagging of short texts.

Mining segments the whole corpus once with ``jieba.lcut`` (the cost the
benchmark compares against) and takes part-of-speech tags from jieba's
dictionary; the slower HMM tagger (``jieba.posseg``) only runs on the short
texts whose every word matters: titles, headings, openings, closings and
candidate aphorisms. jieba mis-tags some words the genre uses often
(兴旺 ns, 齐全 nr); data/pos_overrides.yaml corrects them.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache

# The genre's four-character set phrases and terms: the file and its lists (read here and in slogans.py).
SLOGAN_LISTS = ("mining/slogans.yaml", ("slogans", "terms", "term_heads", "not_phrases"))

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def is_cjk(text: str) -> bool:
    """True when ``text`` is non-empty and made only of CJK ideographs."""
    return bool(_CJK.match(text))


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = _jieba_cache_dir()
    jieba.initialize()
    _teach(jieba)
    _share_strings(jieba)
    return jieba


def _share_strings(jieba) -> None:
    """Key the tagger's table (word → tag) by the tokenizer's own word objects, one object per tag.

    jieba reads its dictionary file twice, for the tokenizer's frequencies and for the
    tagger's tags, so each of its 350,000 words is two strings and most tags a string of
    their own (122,000 objects for 55 tags): 34 MB that every later stage of mining sits
    on, and the workers with it. The same keys and values.
    """
    tab = jieba.posseg.dt.word_tag_tab
    tags: dict[str, str] = {}
    shared: dict[str, str] = {}
    # Popped as they move, so the old strings are freed while the new table grows.
    for word in jieba.dt.FREQ:  # the tokenizer's objects (and the prefixes jieba keeps there)
        tag = tab.pop(word, None)
        if tag is not None:
            shared[word] = tags.setdefault(tag, tag)
    for word, tag in tab.items():  # words only the tagger has (none in jieba 0.42): as they are
        shared[word] = tags.setdefault(tag, tag)
    # Replaced, not refilled: the tagger reads it as an attribute (``get`` only, so the order
    # is no matter), and refilled the old table would sit beside the new one.
    jieba.posseg.dt.word_tag_tab = shared


def _jieba_cache_dir() -> str:
    """Where jieba keeps its dictionary cache: writer's own user cache folder, not the shared /tmp.

    In /tmp the file may belong to another user (jieba then fails to replace it
    and logs a traceback) or be planted by one. Where no user cache folder can
    be made, a private temporary folder, removed at exit.
    """
    import os
    from pathlib import Path

    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "writer"
        base.mkdir(parents=True, exist_ok=True)
        if os.access(base, os.W_OK):
            return str(base)
    except (OSError, RuntimeError):  # RuntimeError: no home folder at all
        pass
    import atexit
    import shutil
    import tempfile

    private = tempfile.mkdtemp(prefix="writer-jieba-")
    atexit.register(shutil.rmtree, private, True)
    return private


def _teach(jieba) -> None:
    """Add the genre's set phrases and terms (data/slogans.yaml) to jieba's dictionary.

    Without them jieba cuts 稳中向好 or 选优配强 into pieces, and heading
    patterns get half-words as slots. Done in this process only, at start.
    """
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists(*SLOGAN_LISTS)
    for word in lists["slogans"]:
        jieba.add_word(word, freq=None, tag="i")
    for word in lists["terms"]:
        jieba.add_word(word, freq=None, tag="n")
    # jieba merges added words' tags into the tagger's table only on its first use; do it now,
    # or dictionary_tag() would answer differently before and after the first heading is tagged.
    jieba.posseg.dt.makesure_userdict_loaded()


def initialize() -> None:
    """Load jieba's dictionary now (before forking workers, so they share it)."""
    _jieba()
    overrides()


@lru_cache(maxsize=1)
def overrides() -> dict[str, str]:
    """Words whose jieba tag is wrong for this genre → the right tag."""
    from writer.io.datafiles import load_data

    return dict(load_data("mining/pos_overrides.yaml", PosOverrides).overrides)


@dataclass(frozen=True)
class PosOverrides:
    """The schema of data/mining/pos_overrides.yaml."""

    overrides: dict[str, str]


# Chinese blocks already cut (without HMM): a fifth of a corpus of reports is clauses seen before.
# Bounded by characters (keys and words together); the words are interned, so the memo's copies
# are the same objects as the counters' keys and the section word lists' entries, and kept in
# tuples (a list's header and spare room cost a third more).
_BLOCKS: dict[bool, dict[str, tuple[str, ...]]] = {False: {}, True: {}}  # by hmm
MAX_BLOCK_CHARS = 3_000_000
# Only blocks this short are remembered. On a quarter of the 84 MB corpora (every block kept),
# 95% of the characters met again were in blocks of at most 16 characters, while the longer
# blocks held a quarter of the characters kept; without them, half the room (6 M before) fills
# with blocks that recur: pass 1's CPU time is the same, its peak 35 MB lower on half the corpora.
MAX_MEMO_BLOCK = 16
_memo_chars = 0


@lru_cache(maxsize=1)
def _block_cutter():
    """jieba's block cuts (``writer.mining.blockcut``): (without HMM, with HMM), or None when
    jieba's internals differ from those the cutter reproduces."""
    from writer.mining.blockcut import BlockCutter

    dt = _jieba().dt
    finalseg = getattr(_jieba(), "finalseg", None)
    if not (isinstance(getattr(dt, "FREQ", None), dict) and getattr(dt, "total", 0) > 0 and finalseg):
        return None
    cutter = BlockCutter(dt.FREQ, dt.total)
    guess = finalseg.cut
    return cutter, lambda blk: cutter.with_hmm(blk, guess)


def cut(text: str, hmm: bool = True) -> list[str]:
    """Words of ``text`` (jieba's default mode; ``hmm`` guesses words its dictionary lacks).

    Without the HMM, unknown words come out as single characters; mining uses
    that mode for body text. Both modes remember the blocks they cut: jieba
    cuts each run of Chinese characters (between punctuation) on its own, so a
    run met again gets the same words, and this function returns exactly what
    ``jieba.lcut(text, HMM=hmm)`` does (tested), only faster.
    """
    global _memo_chars
    cutters = _block_cutter()
    if cutters is None:  # a jieba whose internals differ: no memo, same words
        return _jieba().lcut(text, HMM=hmm)
    cut_block = cutters[1] if hmm else cutters[0]
    memo, gaps, intern = _BLOCKS[hmm], _GAPS, sys.intern
    out: list[str] = []
    # re_han has one group, so split() alternates: text between blocks, a block, text between, …,
    # ending with text between (the odd pieces are the blocks jieba would test with re_han.match,
    # one by one; they are never empty).
    pieces = _re_han().split(text)
    memo_get, gaps_get = memo.get, gaps.get
    for gap, blk in zip(pieces[0::2], pieces[1::2]):
        if gap:
            words = gaps_get(gap)
            out += words if words is not None else _gap_words(gap)
        words = memo_get(blk)
        if words is None:
            words = tuple(map(intern, cut_block(blk)))
            if _memo_chars < MAX_BLOCK_CHARS and len(blk) <= MAX_MEMO_BLOCK:
                memo[blk] = words
                _memo_chars += 2 * len(blk)
        out += words
    gap = pieces[-1]  # the text after the last block
    if gap:
        words = gaps_get(gap)
        out += words if words is not None else _gap_words(gap)
    return out


# What jieba makes of the text between blocks (punctuation, spaces), by that text: most of it is
# a few marks (，。、) met again and again. Bounded: only short gaps, at most MAX_GAPS of them.
_GAPS: dict[str, list[str]] = {}
MAX_GAPS = 50_000


@lru_cache(maxsize=1)
def _re_han():
    return _jieba().re_han_default


def _gap_words(gap: str) -> list[str]:
    """jieba's tokens of the text between two blocks: each space or line break, every other character alone."""
    re_skip = _jieba().re_skip_default
    words: list[str] = []
    for x in re_skip.split(gap):
        if re_skip.match(x):
            words.append(x)
        else:
            words.extend(x)
    if len(gap) <= 8 and len(_GAPS) < MAX_GAPS:
        _GAPS[gap] = words
    return words


def forget_blocks() -> None:
    """Drop the memo of cut blocks and the cutter's cached fragments (after pass 1: later stages
    cut a few short texts only; the words are the same either way)."""
    global _memo_chars
    for memo in _BLOCKS.values():
        memo.clear()
    _GAPS.clear()
    _memo_chars = 0
    if _block_cutter.cache_info().currsize:
        cutters = _block_cutter()
        if cutters is not None:
            cutters[0].forget()


def dictionary_tag(word: str) -> str | None:
    """The tag of ``word`` in jieba's dictionary (corrected), None when jieba does not know it."""
    tag = overrides().get(word)
    if tag is not None:
        return tag
    return word_tags().get(word)


def word_tags() -> dict[str, str]:
    """jieba's dictionary tags, uncorrected (``dictionary_tag`` applies ``overrides`` first)."""
    return _jieba().posseg.dt.word_tag_tab


def in_dictionary(word: str) -> bool:
    """True when ``word`` is an entry of jieba's dictionary (HMM-found words are not)."""
    return bool(_jieba().dt.FREQ.get(word))


def dictionary_frequency(word: str) -> int:
    """jieba's dictionary count of ``word`` (0 when absent)."""
    return _jieba().dt.FREQ.get(word) or 0


_GUESSED: dict[str, str] = {}


def guess_tag(word: str) -> str:
    """The HMM tagger's tag for a word jieba's dictionary lacks ("x" for punctuation and the like)."""
    tag_ = _GUESSED.get(word)
    if tag_ is None:
        pairs = tag(word)
        tag_ = pairs[0][1] if len(pairs) == 1 else ("x" if not is_cjk(word) else "n")
        _GUESSED[word] = tag_
    return tag_


def tag(text: str) -> list[tuple[str, str]]:
    """``(word, tag)`` pairs of a short text with the HMM tagger, corrected by the overrides."""
    fixes = overrides()
    return [(p.word, fixes.get(p.word, p.flag)) for p in _jieba().posseg.lcut(text)]
