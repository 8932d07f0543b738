"""Filling a heading template: a theme's noun phrases aligned to the slots, verbs and
predicates the new head takes, and the checks every result passes."""

from __future__ import annotations

import random
from operator import itemgetter

from writer.bank.lexicon import HeadInfo, Lexicon, Phrase, Theme, Word
from writer.compose.data import word_list
from writer.compose.headings.records import SEPARATORS, ClauseFrame, GeneratedHeading, HeadingTemplate, LineTemplate, Tok
from writer.compose.names import name_guard
from writer.zh import has_digit


def _align(words: tuple[Word, ...], toks: tuple[Tok, ...]) -> bool:
    """Can ``words`` (merging neighbours) fill ``toks``: literals matched exactly, slots by length?

    Words are never split and each token takes exactly its length (a slot) or its text (a
    literal), so there is at most one way: the words each token takes are read off in order."""
    w, n = 0, len(words)
    for text, slot, length in toks:
        size = length if slot is not None else len(text)
        if size <= 0:
            return False
        first, taken = w, 0
        while w < n and taken < size:
            taken += len(words[w].text)
            w += 1
        if taken != size:
            return False
        if slot is None:
            if "".join(word.text for word in words[first:w]) != text:
                return False
        elif slot not in ("N", "V", "A"):
            return False
        elif slot == "A" and w - first == 1 and words[first].kind != "A":
            return False   # words of a noun phrase fill its slots; an adjective slot alone takes only an adjective
    return w == n


class Fill(tuple):
    """One filled clause: its text, leading verb or predicate, noun phrase and the words used.

    A tuple with named fields, as a NamedTuple without the class-making cost (some 0.7M instructions
    of every cold `writer suggest`)."""

    __slots__ = ()

    def __new__(cls, text: str, lead: str, np: str, words: tuple, np_head: str = "", adverb: str = ""):
        return tuple.__new__(cls, (text, lead, np, words, np_head, adverb))

    text = property(itemgetter(0))
    lead = property(itemgetter(1))
    np = property(itemgetter(2))
    words = property(itemgetter(3))
    np_head = property(itemgetter(4))
    adverb = property(itemgetter(5))


def _verb_fills(frame: ClauseFrame, np: Phrase, info: HeadInfo, lex: Lexicon, rng: random.Random,
                avoid_leads: set[str]) -> list[Fill]:
    out: list[Fill] = []
    verbs = [v for v in (np.verbs or info.verbs) if len(v) == len(frame.lead)]
    rng.shuffle(verbs)
    # Keep the mined heading's own verb when the new head takes it.
    verbs.sort(key=lambda v: (v in avoid_leads, v != frame.lead))
    for v in verbs:
        advs = [""]
        if frame.adverb:
            # An adverb that goes with this verb and shares no character with it (not 深入深化).
            advs = [a for a in lex.adverbs_for(v)
                    if len(a) == len(frame.adverb) and not set(a) & set(v)]
            rng.shuffle(advs)
            advs.sort(key=lambda a: (a in avoid_leads, a != frame.adverb))
        for a in advs[:2]:
            out.append(Fill(a + v + np.text, v, np.text, (a, v) + tuple(w.text for w in np.words),
                            np.head, a))
    return out


def _predicate_fills(frame: ClauseFrame, np: Phrase, info: HeadInfo, rng: random.Random,
                     avoid_leads: set[str]) -> list[Fill]:
    size = len(frame.lead)
    preds = [p for p in info.predicates + info.short if len(p.text) == size]
    # The mined predicate itself, when its verb is one the new head takes (质量进一步提升).
    if frame.lead[-2:] in info.takes() and all(p.text != frame.lead for p in preds):
        preds.append(Phrase((Word(frame.lead, "V"),)))
    rng.shuffle(preds)
    preds.sort(key=lambda p: (p.text in avoid_leads, p.text != frame.lead))
    return [Fill(np.text + p.text, p.text, np.text,
                 tuple(w.text for w in np.words) + tuple(w.text for w in p.words), np.head)
            for p in preds]


def _fill_clause(frame: ClauseFrame, np: Phrase, info: HeadInfo, lex: Lexicon, rng: random.Random,
                 avoid_leads: set[str]) -> list[Fill]:
    """Every way to fill one clause reading with one noun phrase (of the frame's length), preferred first."""
    if not _align(np.words, frame.np):
        return []
    if frame.kind == "vo":
        return _verb_fills(frame, np, info, lex, rng, avoid_leads)
    return _predicate_fills(frame, np, info, rng, avoid_leads)


def doubled(text: str) -> bool:
    """True when a run of two or more characters repeats at once (人才人才, 工作工作)."""
    n = len(text)
    for size in range(2, n // 2 + 1):
        for i in range(n - 2 * size + 1):
            if text[i:i + size] == text[i + size:i + 2 * size] and not any(
                    ch in SEPARATORS for ch in text[i:i + size]):
                return True
    return False


def clean(text: str, names) -> bool:
    """A generated text is usable: no digit, no source name, no doubled word."""
    if has_digit(text) or doubled(text):
        return False
    return not name_guard(names).found(text)


def _clause_ok(fill: Fill) -> bool:
    words = [w for w in fill.words if len(w) >= 2]
    return len(words) == len(set(words))


def theme_nouns(lex: Lexicon, theme: Theme) -> list[Phrase]:
    """A theme's noun phrases, then its name read as a noun phrase when its end is a known head."""
    out = list(theme.nouns)
    name = theme.name
    for hl in (3, 2):
        head = name[-hl:]
        # Not for people (党管人才 is a principle, not someone to recruit).
        if len(name) > hl and head in lex.heads and lex.heads[head].cls != "talent":
            np = Phrase((Word(name[:-hl], "N"), Word(head, "N")))
            if all(p.text != np.text for p in out):
                out.append(np)
            break
    if not out:
        # A theme the lexicon does not know: its name as it stands, then with the heads a
        # section usually takes (档案利用 → 档案利用, 档案利用工作, 档案利用水平…).
        out.append(Phrase((Word(name, "N"),)))
        for head in word_list("section_heads"):
            out.append(Phrase((Word(name, "N"), Word(head, "N"))))
    return out


def frame_nouns(lex: Lexicon, frame: ClauseFrame, related: list[str]) -> list[Phrase]:
    """Noun phrases ending in a frame word the pattern keeps (坚持{N2}引领 → 党建引领, 人才引领…),
    the topic's own words first."""
    if not frame.np or frame.np[-1].slot is not None:
        return []
    lit = frame.np[-1].text
    if lit not in lex.heads:
        return []
    words = lex.frames.get(lit, [])
    rel = [w for w in words if any(w in r for r in related)]
    rest = [w for w in words if w not in rel]
    return [Phrase((Word(w, "N"), Word(lit, "N"))) for w in dict.fromkeys(rel + rest)]


def _head_info(lex: Lexicon, np: Phrase) -> HeadInfo | None:
    info = lex.head(np)
    if info is None and np.verbs:
        info = HeadInfo("principle", list(np.verbs), [], [])
    if info is None:
        # A head the lexicon does not know (a theme's own name) is read as a piece of work.
        info = lex.heads.get("工作")
    return info


class _LineState:
    """What the clauses filled so far of one line have used."""

    __slots__ = ("nps", "heads", "words")

    def __init__(self):
        self.nps: set[str] = set()
        self.heads: set[str] = set()
        self.words: set[str] = set()


def _first_fill(readings: list[ClauseFrame], pool_of, lex: Lexicon, rng: random.Random,
                avoid: set[str], used: _LineState, first: bool) -> Fill | None:
    """The first acceptable fill of one clause: readings in order, then noun phrases, then fills."""
    for frame in readings:
        size = frame.np_length
        for np in pool_of(frame):
            # A phrase of another length cannot align (each token takes its exact length): skip it first.
            if len(np.text) != size or np.text in used.nps or np.head in used.heads:
                continue
            info = _head_info(lex, np)
            if info is None:
                continue
            for fill in _fill_clause(frame, np, info, lex, rng, avoid | used.words):
                if not _clause_ok(fill) or fill.lead in used.words:
                    continue
                if first and (fill.lead in avoid or fill.adverb in avoid):
                    continue
                return fill
    return None


def fill_line(line: LineTemplate, nps: list[Phrase], extra: list[Phrase], lex: Lexicon,
              rng: random.Random, avoid: set[str], names, related: list[str]
              ) -> tuple[str, str, str] | None:
    """One filled line (text, leading verb or predicate, adverb), or None.

    The first clause takes the theme's noun phrases (``nps``); later clauses of a
    multi-clause line may also take the topic's others (``extra``). ``avoid``:
    leading verbs and adverbs already used by the set.
    """
    parts: list[str] = []
    lead = adverb = ""
    used = _LineState()
    guard = name_guard(names)
    # A phrase holding a source's name (a bank may list 河湖 as a place) is left out of the pool, so
    # the line takes the next phrase instead of failing: one such phrase must not sink a whole set.
    nps = [p for p in nps if not guard.found(p.text)]
    for ci, readings in enumerate(line.clauses):
        if ci == 1:   # only later clauses take the topic's other phrases: most lines fail before
            extra = [p for p in extra if not guard.found(p.text)]
        def pool_of(frame: ClauseFrame, ci=ci) -> list[Phrase]:
            return nps + (extra if ci > 0 else []) + [p for p in frame_nouns(lex, frame, related)
                                                      if not guard.found(p.text)]
        done = _first_fill(readings, pool_of, lex, rng, avoid, used, ci == 0)
        if done is None:
            return None
        used.nps.add(done.np)
        used.heads.add(done.np_head)
        used.words.add(done.lead)
        if ci == 0:
            lead, adverb = done.lead, done.adverb
        parts.append(done.text)
        if ci < len(line.separators):
            parts.append(line.separators[ci])
    text = "".join(parts).strip()
    if not clean(text, names):
        return None
    return text, lead, adverb


def _principles_first(nps: list[Phrase], principles: list[Phrase], avoid: set[str],
                      r: int, rotate: int) -> list[Phrase]:
    """A pair's first-line noun phrases: principles sharing a word with the theme first
    (人才队伍 → 坚持人才优先), each group rotated by the try and the section."""
    words = {w.text for np in nps for w in np.words if len(w.text) >= 2}
    fresh = [p for p in principles if not any(p.text in a for a in avoid)]
    near = [p for p in fresh if any(w.text in words for w in p.words)]
    far = [p for p in fresh if p not in near]
    j = r % len(near) if near else 0
    k = (rotate + r) % len(far) if far else 0
    return near[j:] + near[:j] + far[k:] + far[:k]


def _shared_run(a: str, b: str, size: int) -> bool:
    """True when ``a`` and ``b`` share a run of ``size`` characters."""
    return any(a[i:i + size] in b for i in range(len(a) - size + 1))


def fill_template(t: HeadingTemplate, nps: list[Phrase], extra: list[Phrase], lex: Lexicon,
                  rng: random.Random, avoid: set[str], names, related: list[str],
                  theme: str | None, principles: list[Phrase] = (), rotate: int = 0
                  ) -> GeneratedHeading | None:
    """One heading from one template for one theme's noun phrases.

    A pair keeps its first line's frame verb (坚持… / 坚持…, the genre's anaphora);
    its second line's predicate is the one that must differ within a set.
    """
    pair = len(t.lines) == 2
    key_line = 1 if pair else 0
    for r in range(max(len(principles), 1) + 1 if pair else 1):
        lines: list[str] = []
        lead = adverb = ""
        for i, line in enumerate(t.lines):
            # A pair's first line states the principle (坚持党建引领); its second, the theme's result.
            own, more = ((_principles_first(nps, principles, avoid, r, rotate), []) if pair and i == 0
                         else (nps, extra))
            got = fill_line(line, own, more, lex, rng, avoid if i == key_line else set(), names, related)
            if got is None:
                return None
            lines.append(got[0])
            if i == key_line:
                lead, adverb = got[1], got[2]
        # The second line must not repeat the first (坚持依法行政 / 依法行政力度大): next principle.
        if len(lines) == 2 and (_shared_run(lines[0], lines[1], 3) or doubled(lines[0] + lines[1])):
            continue
        if any(line in avoid for line in lines):
            continue  # a line another heading of the set already has: next principle
        return GeneratedHeading(text=" / ".join(lines), lines=lines, pattern=t.pattern, origin=t.origin,
                                theme=theme, lead=lead, adverb=adverb)
    return None
