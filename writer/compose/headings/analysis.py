"""Reading a mined heading's pattern: tokens, clauses, and each clause's verb-object or
subject-predicate readings (see writer.compose.headings for the rules)."""

from __future__ import annotations

import re

from writer.bank.lexicon import Lexicon
from writer.compose.headings.records import SEPARATORS, ClauseFrame, HeadingTemplate, LineTemplate, Tok
from writer.compose.vocab import Vocab, vocab
from writer.zh import has_digit

_SLOT = re.compile(r"\{([A-Z])(\d+)\}")
_SEPARATOR_RUN = re.compile(f"([{SEPARATORS}]+)")


def _tokens(pattern_line: str, slots: list[list[str]], pos: int) -> tuple[list[Tok], int] | None:
    """Tokens of one pattern line, consuming ``slots`` from ``pos``; None if they disagree."""
    out: list[Tok] = []
    i = 0
    for m in _SLOT.finditer(pattern_line):
        if m.start() > i:
            out.append(Tok(pattern_line[i:m.start()]))
        if pos >= len(slots):
            return None
        slot, word = slots[pos][0], slots[pos][1]
        if slot != m.group(0) or len(word) != int(m.group(2)):
            return None
        out.append(Tok(word, m.group(1), len(word)))
        pos += 1
        i = m.end()
    if i < len(pattern_line):
        out.append(Tok(pattern_line[i:]))
    return out, pos


def _split_literals(tokens: list[Tok]) -> list[Tok]:
    """Literal runs split at separators, so clauses can be told apart."""
    out: list[Tok] = []
    for t in tokens:
        if t.slot is not None:
            out.append(t)
            continue
        for part in _SEPARATOR_RUN.split(t.text):
            if part:
                out.append(Tok(part))
    return out


def _cut(tokens: list[Tok], n_chars: int) -> tuple[list[Tok], list[Tok]] | None:
    """Split tokens after ``n_chars`` characters, splitting a literal if needed; None if a slot would be cut."""
    head: list[Tok] = []
    used = 0
    for i, t in enumerate(tokens):
        if used == n_chars:
            return head, list(tokens[i:])
        size = len(t.text)
        if used + size <= n_chars:
            head.append(t)
            used += size
            continue
        if t.slot is not None:
            return None
        k = n_chars - used
        head.append(Tok(t.text[:k]))
        return head, [Tok(t.text[k:])] + list(tokens[i + 1:])
    return (head, []) if used == n_chars else None


def _verb_object(tokens: list[Tok], words: Vocab) -> list[ClauseFrame]:
    """Readings as [adverb] verb + noun phrase: one per adverb length that fits."""
    text = "".join(t.text for t in tokens)
    frames: list[ClauseFrame] = []
    for alen in (0, 2, 3):
        adverb = text[:alen]
        if alen and adverb not in words.adverbs:
            continue
        cut = _cut(tokens, alen)
        if cut is None:
            continue
        adv_toks, rest = cut
        if alen and not (len(adv_toks) == 1 and adv_toks[0].slot in ("A", None)):
            continue
        frame = _verb_and_object(adverb, rest, words)
        if frame is not None:
            frames.append(frame)
    return frames


def _verb_and_object(adverb: str, rest: list[Tok], words: Vocab) -> ClauseFrame | None:
    """The first verb length (2, 1, 3) after the adverb that leaves a noun phrase with a slot."""
    rest_text = "".join(t.text for t in rest)
    for vlen in (2, 1, 3):
        verb = rest_text[:vlen]
        cut = _cut(rest, vlen)
        if cut is None:
            continue
        vtoks, np = cut
        # A verb slot the lexicon does not know as a noun (jieba tags 就业 v).
        slot_verb = (len(vtoks) == 1 and vtoks[0].slot == "V" and vlen == 2
                     and verb not in words.nouns)
        if not (verb in words.verbs or slot_verb) or not np:
            continue
        if not any(t.slot for t in np) or any(t.slot == "M" for t in np):
            continue
        return ClauseFrame("vo", adverb, verb, tuple(np))
    return None


def _looks_predicate(pred: list[Tok], pred_text: str, words: Vocab) -> bool:
    return (pred_text in words.predicates
            or (pred[0].slot in ("A", "V") and all(t.slot in ("A", "V", None) for t in pred))
            # frame words ending in a verb the lexicon knows (显著提高, 进一步提升)
            or (len(pred) == 1 and pred[0].slot is None and pred_text[-2:] in words.verbs)
            or (len(pred) == 2 and pred[0].slot == "N" and pred[0].length == 2
                and len(pred[1].text) == 1))


def _subject_predicate(tokens: list[Tok], lex: Lexicon, words: Vocab) -> list[ClauseFrame]:
    """Readings as noun phrase + predicate: one per split point that fits."""
    frames: list[ClauseFrame] = []
    if any(t.slot == "M" for t in tokens):
        return frames
    for k in range(1, len(tokens)):
        np, pred = tokens[:k], tokens[k:]
        pred_text = "".join(t.text for t in pred)
        if not any(t.slot == "N" for t in np):
            continue
        if np[-1].slot is None and len(np) > 1 and np[-1].text not in lex.heads:
            continue
        # A subject does not start with a verb kept as a frame word (坚持…).
        if np[0].slot is None and np[0].text[:2] in words.verbs and np[0].text not in lex.heads:
            continue
        if not _looks_predicate(pred, pred_text, words) or len(pred_text) < 2:
            continue
        frames.append(ClauseFrame("sp", "", pred_text, tuple(np)))
    return frames


def _clause_frames(tokens: list[Tok], lex: Lexicon) -> list[ClauseFrame]:
    """The readings of one clause that a fill can use."""
    words = vocab(lex)
    return _verb_object(tokens, words) + _subject_predicate(tokens, lex, words)


def _clauses(tokens: list[Tok]) -> tuple[list[list[Tok]], list[str]]:
    """A line's tokens grouped into clauses, and the separators between them."""
    clauses: list[list[Tok]] = [[]]
    seps: list[str] = []
    for t in tokens:
        if t.slot is None and all(ch in SEPARATORS for ch in t.text):
            if clauses[-1]:
                clauses.append([])
                seps.append(t.text)
            continue
        clauses[-1].append(t)
    if not clauses[-1]:
        clauses.pop()
    return clauses, seps


def analyse(heading, lex: Lexicon) -> HeadingTemplate | None:
    """The template of a bank heading, or None when no clause reading fits."""
    pattern = heading.pattern or ""
    if not pattern or has_digit(heading.text):
        return None
    pos = 0
    lines: list[LineTemplate] = []
    for line_p in (p.strip() for p in pattern.split(" / ")):
        got = _tokens(line_p, heading.slots, pos)
        if got is None:
            return None
        tokens, pos = got
        clauses, seps = _clauses(_split_literals(tokens))
        if not clauses or len(clauses) > 3:
            return None
        readings = [_clause_frames(c, lex) for c in clauses]
        if any(not r for r in readings):
            return None
        lines.append(LineTemplate(readings, seps[:len(clauses) - 1]))
    if pos != len(heading.slots):
        return None
    return HeadingTemplate(lines, pattern, heading.text, heading.shape or "")
