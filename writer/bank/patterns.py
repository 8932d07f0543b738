"""Heading patterns: content words become typed slots, frame words stay, and a shape groups parallel headings.

Slot notation (docs/bank-format.md): ``{V2}`` verb, ``{N2}`` noun, ``{A4}`` other
content word (adjective, idiom…), ``{M1}`` a numeral; the digit is the length in
characters of the word it replaced. Frame words (function words, the genre's
stock heading verbs such as 坚持/推动/引领, punctuation, quotes) are kept
literally, so ``坚持党建引领`` becomes ``坚持{N2}引领``.

Nothing here imports jieba: callers pass tokens ``(word, pos)``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from writer.zh import CN_DIGITS, DIGIT, has_digit

# Clause separators inside a heading line.
_CLAUSE_SPLIT = re.compile(r"[，,、；;：:\s　]+")
_PUNCT = set("，,、；;：:。！？!?“”‘’\"'《》〈〉（）()【】—…·　 ")
# Small Chinese numerals that open rhythm words of a heading (两大, 四同), not facts.
_RHYTHM_NUMERALS = CN_DIGITS[1:] + "两十"

# jieba POS tag (first letter or whole tag) → slot letter; tags absent here are frame words.
_LETTER_BY_TAG = {
    "n": "N", "nr": "N", "ns": "N", "nt": "N", "nz": "N", "nrt": "N", "nrfg": "N", "ng": "N",
    "vn": "N", "an": "N", "j": "N", "s": "N", "t": "N",
    "v": "V", "vd": "V", "vg": "V", "vi": "V", "vq": "V",
    "a": "A", "ad": "A", "ag": "A", "b": "A", "z": "A", "i": "A", "l": "A",
    "m": "M",
}


@lru_cache(maxsize=1)
def frame_words() -> frozenset[str]:
    """The stock heading words kept literally in patterns (writer/data/mining/heading_frames.yaml)."""
    from writer.io.datafiles import load_word_list
    return frozenset(load_word_list("mining/heading_frames.yaml", "frames"))


def clauses(line: str) -> list[str]:
    """The clauses of one heading line, split at commas, enumeration marks and spaces."""
    return [c for c in _CLAUSE_SPLIT.split(line.strip()) if c]


def clause_length(clause: str) -> int:
    """Characters of a clause, punctuation and quotes not counted."""
    return sum(1 for ch in clause if ch not in _PUNCT)


def line_shape(line: str) -> str:
    """``NxL1,L2,…``: clause count and clause lengths of one heading line."""
    parts = clauses(line)
    return f"{len(parts)}x" + ",".join(str(clause_length(c)) for c in parts)


def heading_shape(heading: str, subheading: str | None) -> str:
    """The shape of a heading; a two-line heading joins its lines' shapes with ``/``."""
    shape = line_shape(heading)
    if subheading:
        shape += "/" + line_shape(subheading)
    return shape


def slot_letter(word: str, pos: str) -> str | None:
    """The slot letter for a token, or None when it is a frame word kept literally."""
    if has_digit(word):
        return "M"
    if all(ch in _PUNCT for ch in word):
        return None
    if word in frame_words():
        return None
    if len(word) <= 2 and word[0] in _RHYTHM_NUMERALS and pos in ("m", "n", "x", "mq", "q"):
        return None  # 两大, 四同: rhythm words of a heading, not facts
    letter = _LETTER_BY_TAG.get(pos) or _LETTER_BY_TAG.get(pos[:1]) if pos else None
    if letter == "M" and len(word) == 1 and not has_digit(word):
        return None  # a lone Chinese numeral (一/二) is rhythm, not a fact
    if letter is None and len(word) >= 2 and pos in ("x", "eng", "un", ""):
        return "N"  # unknown multi-character words are most likely names or terms
    return letter


def pattern_from_tokens(tokens: list[tuple[str, str]], names: frozenset[str] | set[str] = frozenset()
                        ) -> tuple[str, list[list[str]]]:
    """The pattern of one heading line and its ``[slot, word]`` list.

    ``names``: proper names of the sources; they always become slots, whatever
    their tag, so no pattern carries a source's name.
    """
    out: list[str] = []
    slots: list[list[str]] = []
    for word, pos in tokens:
        letter = "N" if word in names else slot_letter(word, pos)
        if letter is None:
            # Keep digits out of frame text even when a tagger calls them function words.
            out.append(DIGIT.sub("", word))
            continue
        slot = "{" + f"{letter}{clause_length(word) or len(word)}" + "}"
        out.append(slot)
        slots.append([slot, word])
    return "".join(out), slots


def split_frame_compounds(tokens: list[tuple[str, str]], tag_of) -> list[tuple[str, str]]:
    """Split a four-character token made of a content word and a frame word (党建+引领).

    jieba is taught the genre's phrases so 稳中向好 stays whole; but when half of
    such a phrase is a stock heading word, the pattern should keep that word
    (坚持{N2}引领), so the phrase is split back. ``tag_of`` gives a word's tag or None.
    """
    frames = frame_words()
    out: list[tuple[str, str]] = []
    for word, pos in tokens:
        if len(word) == 4 and (word[:2] in frames) != (word[2:] in frames):
            left, right = tag_of(word[:2]), tag_of(word[2:])
            if left and right:
                out.extend([(word[:2], left), (word[2:], right)])
                continue
        out.append((word, pos))
    return out


def segment_with_vocab(text: str, vocab: dict[str, dict]) -> list[tuple[str, str]]:
    """Tokens of ``text`` by forward maximum matching against the bank's vocab (no jieba)."""
    tokens: list[tuple[str, str]] = []
    i = 0
    longest = 6
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            word = text[i:i + size]
            info = vocab.get(word)
            if info is not None:
                tokens.append((word, str(info.get("pos", "n"))))
                i += size
                break
        else:
            ch = text[i]
            pos = "x" if ch in _PUNCT or ch.isspace() else ("m" if ch.isdigit() else "")
            tokens.append((ch, pos))
            i += 1
    return tokens


def heading_pattern_from_vocab(text: str, vocab: dict[str, dict],
                               names: frozenset[str] | set[str] = frozenset()
                               ) -> tuple[str, str, list[list[str]]]:
    """(pattern, shape, slots) of a user's heading, segmented with the bank's vocab."""
    lines = [p.strip() for p in text.split(" / ")]
    heading, sub = lines[0], (lines[1] if len(lines) > 1 else None)
    patterns, slots = [], []
    for line in filter(None, (heading, sub)):
        pattern, line_slots = pattern_from_tokens(segment_with_vocab(line, vocab), names)
        patterns.append(pattern)
        slots.extend(line_slots)
    return " / ".join(patterns), heading_shape(heading, sub), slots
