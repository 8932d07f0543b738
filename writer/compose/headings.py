"""Generated headings: a bank heading pattern filled with a topic's words.

How a pattern is filled (the rules a practised writer follows, made explicit):

* The mined heading behind the pattern is read clause by clause. A clause is
  either verb-object (``[adverb] verb + noun phrase``: 全力夯实法治建设根基) or
  subject-predicate (``noun phrase + predicate``: 社会保障水平显著提高). Words
  are recognised with the topic lexicon (writer/data/topic-lexicon.yaml);
  where it does not know a word, the bank's slot letter (V/N/A) decides.
* The noun phrase is replaced by a noun phrase of the section's theme whose
  words have the same lengths as the slots they fill (a two-character noun for
  ``{N2}``…); frame words inside it (建设 in ``{N2}建设{N2}``) must be matched
  exactly, so they are kept.
* The clause's verb (or predicate) becomes one that the new noun phrase's head
  takes (队伍 → 建强/锻造/壮大; 环境 → 优化/营造), of the same length; the
  original one is kept when the new head takes it. Adverbs likewise.
* A result is rejected when it holds a digit, a source document's name, a
  doubled word (人才人才) or the same word twice in one clause.

Nothing here imports jieba or yaml (the lexicon comes from its marshal cache).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from writer.errors import UsageError
from writer.bank.lexicon import HeadInfo, Lexicon, Phrase, Theme, Topic, Word, load_lexicon

STYLES = ("single", "pair", "triple")
_SLOT = re.compile(r"\{([A-Z])(\d+)\}")
_SEPARATORS = "，,、；;：: 　"
_DIGIT = re.compile(r"[0-9０-９]")
# Verbs the genre leads headings with besides those the lexicon's heads take.
_EXTRA_VERBS = ("坚持", "突出", "聚焦", "围绕", "紧扣", "立足", "推动", "推进", "加快", "实现", "做好",
                "抓好", "强化", "提高", "提升", "促进", "发挥", "坚定", "树立", "落实")


class HeadingStyleError(UsageError):
    """A heading style other than single, pair or triple was asked for."""


class NoPatternError(UsageError):
    """No heading pattern of the bank can be filled for the given themes."""


@dataclass
class GeneratedHeading:
    """A heading made by filling a bank pattern: its lines, the pattern and the mined heading behind it."""

    text: str            # one line; a pair's two lines joined with " / " (as bank headings are)
    lines: list[str]     # 1 line for single and triple (three clauses), 2 for pair
    pattern: str         # the bank pattern it came from
    origin: str          # the mined heading it came from (text)
    theme: str | None = None
    lead: str = ""       # the leading verb (or predicate) of its first clause
    adverb: str = ""     # the adverb before that verb, if any


# ---------------------------------------------------------------- pattern analysis

# Internal records are plain tuples (cheap to create, and marshal-able for the
# compiled template cache): a token is (text, slot letter or None, length); a
# clause reading is (kind "vo"/"sp", adverb, lead, noun-phrase tokens).

class Tok(tuple):
    """One token of a mined heading: a literal frame word or a slot with its original word."""

    __slots__ = ()

    def __new__(cls, text: str, slot: str | None = None, length: int = 0):
        return tuple.__new__(cls, (text, slot, length))

    text = property(lambda self: self[0])
    slot = property(lambda self: self[1])      # "N", "V", "A"…; None for literal text
    length = property(lambda self: self[2])


class ClauseFrame(tuple):
    """One way to read a clause: verb-object ("vo") or subject-predicate ("sp"), with its regions."""

    __slots__ = ()

    def __new__(cls, kind: str, adverb: str, lead: str, np):
        return tuple.__new__(cls, (kind, adverb, lead, tuple(Tok(*t) for t in np)))

    kind = property(lambda self: self[0])
    adverb = property(lambda self: self[1])    # original adverb ("" when none)
    lead = property(lambda self: self[2])      # original verb (vo) or predicate (sp)
    np = property(lambda self: self[3])        # the noun-phrase region a new noun phrase aligns to


class LineTemplate:
    """A heading line: its clauses (each with the readings found) and the separators between them."""

    __slots__ = ("clauses", "separators")

    def __init__(self, clauses: list[list[ClauseFrame]], separators: list[str]):
        self.clauses = clauses
        self.separators = separators


class HeadingTemplate:
    """A usable bank heading: its lines as templates, the pattern and the mined text.

    Read from the compiled cache, a template keeps its plain tuples and builds its
    line objects only when filled: a large bank has hundreds of templates and a
    run fills a few dozen.
    """

    __slots__ = ("_lines", "_plain", "pattern", "origin", "shape")

    def __init__(self, lines: list[LineTemplate] | None, pattern: str, origin: str, shape: str,
                 plain=None):
        self._lines = lines
        self._plain = plain
        self.pattern = pattern
        self.origin = origin
        self.shape = shape

    @property
    def lines(self) -> list[LineTemplate]:
        if self._lines is None:
            self._lines = [LineTemplate([[ClauseFrame(*f) for f in c] for c in clauses], list(seps))
                           for clauses, seps in self._plain]
        return self._lines

    @property
    def n_lines(self) -> int:
        return len(self._plain) if self._lines is None else len(self._lines)

    def n_clauses(self, line: int) -> int:
        return len(self._plain[line][0]) if self._lines is None else len(self._lines[line].clauses)

    def first_kinds(self, line: int) -> set[str]:
        """The readings (vo/sp) of a line's first clause."""
        if self._lines is None:
            return {f[0] for f in self._plain[line][0][0]}
        return {f.kind for f in self._lines[line].clauses[0]}

    def to_plain(self) -> tuple:
        """Plain tuples for the compiled cache."""
        return ([([tuple((f[0], f[1], f[2], tuple(tuple(t) for t in f[3])) for f in c)
                   for c in line.clauses], list(line.separators)) for line in self.lines],
                self.pattern, self.origin, self.shape)

    @classmethod
    def from_plain(cls, data) -> "HeadingTemplate":
        lines, pattern, origin, shape = data
        return cls(None, pattern, origin, shape, plain=lines)


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
        for part in re.split(f"([{_SEPARATORS}]+)", t.text):
            if part:
                out.append(Tok(part))
    return out


_VOCAB: dict[int, tuple] = {}


def _vocab(lex_id: int, lex: Lexicon) -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """Verbs, adverbs, predicates and noun-phrase words the lexicon knows."""
    if lex_id in _VOCAB:
        return _VOCAB[lex_id]
    verbs = set(_EXTRA_VERBS)
    adverbs = set()
    preds = set()
    nouns = set(lex.heads)
    for entry in list(lex.topics.values()) + [lex.fallback]:
        for theme in entry["themes"].values():
            for words in theme["nouns"]:
                nouns.update(w for w, _k in words if w != "@")
    adverbs.update(lex.adverbs)
    for info in lex.heads.values():
        verbs.update(info.verbs)
        preds.update(p.text for p in info.predicates)
        preds.update(p.text for p in info.short)
    _VOCAB[lex_id] = (frozenset(verbs), frozenset(adverbs), frozenset(preds), frozenset(nouns))
    return _VOCAB[lex_id]


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


def _clause_frames(tokens: list[Tok], lex: Lexicon) -> list[ClauseFrame]:
    """The readings of one clause that a fill can use."""
    verbs, adverbs, preds, nouns = _vocab(id(lex), lex)
    text = "".join(t.text for t in tokens)
    frames: list[ClauseFrame] = []

    def slot_kind_at(toks: list[Tok]) -> str | None:
        return toks[0].slot if len(toks) == 1 else None

    # verb-object: [adverb] verb + noun phrase
    for alen in (0, 2, 3):
        adverb = text[:alen]
        if alen and adverb not in adverbs:
            continue
        cut = _cut(tokens, alen)
        if cut is None:
            continue
        adv_toks, rest = cut
        if alen and not (slot_kind_at(adv_toks) in ("A", None) and len(adv_toks) == 1):
            continue
        rest_text = "".join(t.text for t in rest)
        for vlen in (2, 1, 3):
            verb = rest_text[:vlen]
            cut2 = _cut(rest, vlen)
            if cut2 is None:
                continue
            vtoks, np = cut2
            known = verb in verbs
            # A verb slot the lexicon does not know as a noun (jieba tags 就业 v).
            slot_verb = (len(vtoks) == 1 and vtoks[0].slot == "V" and vlen == 2
                         and verb not in nouns)
            if not (known or slot_verb) or not np:
                continue
            if not any(t.slot for t in np) or any(t.slot in ("M",) for t in np):
                continue
            frames.append(ClauseFrame("vo", adverb, verb, tuple(np)))
            break
    # subject-predicate: noun phrase + predicate
    for k in range(1, len(tokens)):
        np, pred = tokens[:k], tokens[k:]
        pred_text = "".join(t.text for t in pred)
        if not any(t.slot == "N" for t in np) or any(t.slot == "M" for t in tokens):
            continue
        if np[-1].slot is None and len(np) > 1 and np[-1].text not in lex.heads:
            continue
        # A subject does not start with a verb kept as a frame word (坚持…).
        if np[0].slot is None and np[0].text[:2] in verbs and np[0].text not in lex.heads:
            continue
        looks_predicate = (pred_text in preds
                           or (pred[0].slot in ("A", "V") and all(t.slot in ("A", "V", None) for t in pred))
                           # frame words ending in a verb the lexicon knows (显著提高, 进一步提升)
                           or (len(pred) == 1 and pred[0].slot is None and pred_text[-2:] in verbs)
                           or (len(pred) == 2 and pred[0].slot == "N" and pred[0].length == 2
                               and len(pred[1].text) == 1))
        if not looks_predicate or len(pred_text) < 2:
            continue
        frames.append(ClauseFrame("sp", "", pred_text, tuple(np)))
    return frames


def analyse(heading, lex: Lexicon) -> HeadingTemplate | None:
    """The template of a bank heading, or None when no clause reading fits."""
    pattern = heading.pattern or ""
    if not pattern or _DIGIT.search(heading.text):
        return None
    lines_p = [p.strip() for p in pattern.split(" / ")]
    pos = 0
    lines: list[LineTemplate] = []
    for line_p in lines_p:
        got = _tokens(line_p, heading.slots, pos)
        if got is None:
            return None
        tokens, pos = got
        tokens = _split_literals(tokens)
        clauses: list[list[Tok]] = [[]]
        seps: list[str] = []
        for t in tokens:
            if t.slot is None and all(ch in _SEPARATORS for ch in t.text):
                if clauses[-1]:
                    clauses.append([])
                    seps.append(t.text)
                continue
            clauses[-1].append(t)
        if not clauses[-1]:
            clauses.pop()
        if not clauses or len(clauses) > 3:
            return None
        readings = [_clause_frames(c, lex) for c in clauses]
        if any(not r for r in readings):
            return None
        lines.append(LineTemplate(readings, seps[:len(clauses) - 1]))
    if pos != len(heading.slots):
        return None
    return HeadingTemplate(lines, pattern, heading.text, heading.shape or "")


# ---------------------------------------------------------------- filling

def _align(words: tuple[Word, ...], toks: tuple[Tok, ...]) -> bool:
    """Can ``words`` (merging neighbours) fill ``toks``: literals matched exactly, slots by length?"""
    if not toks:
        return not words
    if not words:
        return False
    tok = toks[0]
    acc = ""
    for j in range(len(words)):
        acc += words[j].text
        if tok.slot is None:
            if acc == tok.text:
                if _align(words[j + 1:], toks[1:]):
                    return True
            elif not tok.text.startswith(acc):
                return False
        else:
            if len(acc) > tok.length:
                return False
            if len(acc) == tok.length and tok.slot in ("N", "V", "A"):
                # Words of a noun phrase fill its slots; an adjective slot takes only an adjective.
                if tok.slot == "A" and words[j].kind != "A" and j == 0:
                    return False
                if _align(words[j + 1:], toks[1:]):
                    return True
    return False


class _Fill:
    """One filled clause: its text, leading verb or predicate, noun phrase and the words used."""

    __slots__ = ("text", "lead", "np", "words", "np_head", "adverb")

    def __init__(self, text: str, lead: str, np: str, words: tuple, np_head: str = "", adverb: str = ""):
        self.text = text
        self.lead = lead
        self.np = np
        self.words = words
        self.np_head = np_head
        self.adverb = adverb


def _fill_clause(frame: ClauseFrame, np: Phrase, info: HeadInfo, lex: Lexicon, rng: random.Random,
                 avoid_leads: set[str]) -> list[_Fill]:
    """Every way to fill one clause reading with one noun phrase, preferred first."""
    if not _align(np.words, frame.np):
        return []
    out: list[_Fill] = []
    if frame.kind == "vo":
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
                out.append(_Fill(a + v + np.text, v, np.text, (a, v) + tuple(w.text for w in np.words),
                                 np.head, a))
    else:
        preds = [p for p in info.predicates + info.short if len(p) == len(frame.lead)]
        # The mined predicate itself, when its verb is one the new head takes (质量进一步提升).
        takes = set(info.verbs) | {p.words[-1].text for p in info.predicates}
        if frame.lead[-2:] in takes and all(p.text != frame.lead for p in preds):
            preds.append(Phrase((Word(frame.lead, "V"),)))
        rng.shuffle(preds)
        preds.sort(key=lambda p: (p.text in avoid_leads, p.text != frame.lead))
        for p in preds:
            out.append(_Fill(np.text + p.text, p.text, np.text,
                             tuple(w.text for w in np.words) + tuple(w.text for w in p.words), np.head))
    return out


def doubled(text: str) -> bool:
    """True when a run of two or more characters repeats at once (人才人才, 工作工作)."""
    n = len(text)
    for size in range(2, n // 2 + 1):
        for i in range(n - 2 * size + 1):
            if text[i:i + size] == text[i + size:i + 2 * size] and not any(
                    ch in _SEPARATORS for ch in text[i:i + size]):
                return True
    return False


class NameGuard:
    """The sources' names indexed by first character: finds one in a short text without
    looping over thousands of names (a provincial bank has several thousand)."""

    __slots__ = ("by_first",)

    def __init__(self, names):
        self.by_first: dict[str, list[str]] = {}
        for n in names:
            if len(n) >= 2:
                self.by_first.setdefault(n[0], []).append(n)

    def found(self, text: str) -> bool:
        get = self.by_first.get
        return any(text.startswith(n, i) for i, ch in enumerate(text) for n in get(ch, ()))

    def __contains__(self, text: str) -> bool:
        return self.found(text)


_GUARDS: dict[int, tuple] = {}


def name_guard(names) -> NameGuard:
    """A NameGuard for a set of names (memoised per set object)."""
    if isinstance(names, NameGuard):
        return names
    hit = _GUARDS.get(id(names))
    if hit is not None and hit[0] is names:
        return hit[1]
    guard = NameGuard(names)
    _GUARDS[id(names)] = (names, guard)
    return guard


def clean(text: str, names) -> bool:
    """A generated text is usable: no digit, no source name, no doubled word."""
    if _DIGIT.search(text) or doubled(text):
        return False
    return not name_guard(names).found(text)


def _clause_ok(fill: _Fill) -> bool:
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
        for head in ("工作", "体系", "水平", "机制", "质量"):
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
    used_np: set[str] = set()
    used_heads: set[str] = set()
    used_words: set[str] = set()
    for ci, readings in enumerate(line.clauses):
        done = None
        for frame in readings:
            pool = nps + (extra if ci > 0 else []) + frame_nouns(lex, frame, related)
            for np in pool:
                if np.text in used_np or np.head in used_heads:
                    continue
                info = lex.head(np)
                if info is None and np.verbs:
                    info = HeadInfo("principle", list(np.verbs), [], [])
                if info is None:
                    # A head the lexicon does not know (a theme's own name) is read as a piece of work.
                    info = lex.heads.get("工作")
                if info is None:
                    continue
                for fill in _fill_clause(frame, np, info, lex, rng, avoid | used_words):
                    if not _clause_ok(fill) or fill.lead in used_words:
                        continue
                    if ci == 0 and (fill.lead in avoid or fill.adverb in avoid):
                        continue
                    done = fill
                    break
                if done:
                    break
            if done:
                break
        if done is None:
            return None
        used_np.add(done.np)
        used_heads.add(done.np_head)
        used_words.add(done.lead)
        if ci == 0:
            lead, adverb = done.lead, done.adverb
        parts.append(done.text)
        if ci < len(line.separators):
            parts.append(line.separators[ci])
    text = "".join(parts).strip()
    if not clean(text, names):
        return None
    return text, lead, adverb


# ---------------------------------------------------------------- templates of a bank

_TEMPLATES: dict[tuple, list[HeadingTemplate]] = {}
_TEMPLATE_CACHE_FORMAT = 3
MAX_TEMPLATES = 400


def _template_cache_key(bank, lex: Lexicon) -> tuple | None:
    """What the bank's templates depend on: its headings (custom.yaml merged) and the lexicon."""
    import os

    parts = []
    for path in (bank.path / "headings.yaml", bank.path / "custom.yaml", bank.path / "names.yaml",
                 __import__("pathlib").Path(lex.path)):
        try:
            st = os.stat(path)
            parts.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            parts.append((str(path), None, None))
    return (_TEMPLATE_CACHE_FORMAT, tuple(parts))


def templates(bank, lex: Lexicon | None = None) -> list[HeadingTemplate]:
    """The bank's headings that can be filled, one per pattern, most used shapes first.

    Compiled once per bank and lexicon into a marshal file next to the bank's caches.
    """
    import marshal

    lex = lex or load_lexicon()
    key = (id(bank), id(lex))
    if key in _TEMPLATES:
        return _TEMPLATES[key]
    cache = None
    stamp = None
    path = getattr(bank, "path", None)
    if path is not None and getattr(bank, "use_cache", True):
        try:
            from writer.suggest import bank_cache_file
            cache = bank_cache_file(bank, "heading-templates.marshal")
            stamp = _template_cache_key(bank, lex)
            with open(cache, "rb") as fh:
                stored_key, data = marshal.loads(fh.read())
            if stored_key == stamp:
                out = [HeadingTemplate.from_plain(d) for d in data]
                _TEMPLATES[key] = out
                return out
        except (OSError, EOFError, ValueError, TypeError):
            pass  # no cache or a stale one: build
    out = _build_templates(bank, lex)
    if cache is not None:
        import os
        try:
            tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                marshal.dump((stamp, [t.to_plain() for t in out]), fh)
            os.replace(tmp, cache)
        except (OSError, ValueError):
            pass  # a read-only place only costs speed
    _TEMPLATES[key] = out
    return out


def _build_templates(bank, lex: Lexicon) -> list[HeadingTemplate]:
    seen: set[str] = set()
    shape_count: dict[str, int] = {}
    for h in bank.headings:
        shape_count[h.shape] = shape_count.get(h.shape, 0) + 1
    out: list[HeadingTemplate] = []
    for h in sorted(bank.headings, key=lambda h: (-shape_count.get(h.shape, 0), h.pattern, h.text)):
        if h.pattern in seen:
            continue
        seen.add(h.pattern)
        t = analyse(h, lex)
        if t is not None:
            out.append(t)
            if len(out) >= MAX_TEMPLATES:
                break  # a large bank: its most used shapes are plenty
    return out


def style_of(t: HeadingTemplate) -> str:
    """single (one line of one or two clauses), pair (two lines) or triple (one line of three clauses)."""
    if t.n_lines == 2:
        return "pair"
    if t.n_lines == 1 and t.n_clauses(0) == 3:
        return "triple"
    return "single"


def resolve_themes(lex: Lexicon, topic: Topic, themes: list[str]) -> list[Theme]:
    """Theme records for the names given: the lexicon's when it knows them (a topic name given
    as a theme stands for that topic's noun phrases), else built from the name."""
    out = []
    for name in themes:
        t = lex.theme(name, topic)
        if t is None:
            sub = lex.topic(name)
            if sub.known and sub.key != topic.key:
                t = Theme(name=name, nouns=[th.nouns[0] for th in sub.themes if th.nouns],
                          facts=[th.facts[0] for th in sub.themes if th.facts])
            else:
                t = Theme(name=name, nouns=[], facts=[])
        out.append(t)
    return out


def _clause_pattern(toks: tuple[Tok, ...] | list[Tok]) -> str:
    return "".join(f"{{{t.slot}{t.length}}}" if t.slot else t.text for t in toks)


def _triples_from_clauses(all_t: list[HeadingTemplate]) -> list[HeadingTemplate]:
    """Short one-clause readings repeated three times on one line (强基础，优服务，促发展)."""
    out = []
    seen: set[str] = set()
    for t in all_t:
        if style_of(t) != "single":
            continue
        origin_clauses = [c for c in re.split(f"[{_SEPARATORS}]+", t.origin) if c]
        for ci, readings in enumerate(t.lines[0].clauses):
            vo = [f for f in readings if f.kind == "vo"]
            if not vo:
                continue
            clause_text = origin_clauses[ci] if ci < len(origin_clauses) else t.origin
            if len(clause_text) > 6:
                continue
            f = vo[0]
            pat = f.adverb + f.lead + _clause_pattern(f.np)
            if pat in seen:
                continue
            seen.add(pat)
            line = LineTemplate([[f], [f], [f]], ["，", "，"])
            out.append(HeadingTemplate([line], f"{pat}，{pat}，{pat}", t.origin, t.shape))
    return out


def _candidates(bank, lex: Lexicon, style: str) -> list[HeadingTemplate]:
    all_t = templates(bank, lex)
    if style == "triple":
        return [t for t in all_t if style_of(t) == "triple"] + _triples_from_clauses(all_t)
    return [t for t in all_t if style_of(t) == style]


def fill_template(t: HeadingTemplate, nps: list[Phrase], extra: list[Phrase], lex: Lexicon,
                  rng: random.Random, avoid: set[str], names, related: list[str],
                  theme: str | None, principles: list[Phrase] = (), rotate: int = 0
                  ) -> GeneratedHeading | None:
    """One heading from one template for one theme's noun phrases.

    A pair keeps its first line's frame verb (坚持… / 坚持…, the genre's anaphora);
    its second line's predicate is the one that must differ within a set.
    """
    key_line = 1 if len(t.lines) == 2 else 0
    tries = max(len(principles), 1) + 1 if len(t.lines) == 2 else 1
    for r in range(tries):
        lines: list[str] = []
        lead = adverb = ""
        for i, line in enumerate(t.lines):
            if len(t.lines) == 2 and i == 0:
                # A pair's first line states the principle (坚持党建引领); its second, the theme's result.
                # Principles sharing a word with the theme first (人才队伍 → 坚持人才优先), rotated.
                words = {w.text for np in nps for w in np.words if len(w.text) >= 2}
                fresh = [p for p in principles if not any(p.text in a for a in avoid)]
                near = [p for p in fresh if any(w.text in words for w in p.words)]
                far = [p for p in fresh if p not in near]
                j = r % len(near) if near else 0
                k = (rotate + r) % len(far) if far else 0
                own, more = near[j:] + near[:j] + far[k:] + far[:k], []
            else:
                own, more = nps, extra
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


def _shared_run(a: str, b: str, size: int) -> bool:
    """True when ``a`` and ``b`` share a run of ``size`` characters."""
    return any(a[i:i + size] in b for i in range(len(a) - size + 1))


def pattern_matches(wanted: str, pattern: str | None, lines: list[str]) -> bool:
    """``--pattern``: a bank pattern (with ``{N2}`` slots) matches exactly; else the text
    must read like ``wanted`` with ``…`` (or ``...``, ``*``) standing for any words: 坚持…推动…"""
    if "{" in wanted:
        return (pattern or "").replace(" ", "") == wanted.replace(" ", "")
    parts = [re.escape(p) for p in re.split(r"…+|\.{2,}|\*", wanted)]
    regex = re.compile("^" + ".*".join(parts) + "$")
    return any(regex.search(line) for line in lines)


def _pools(lex: Lexicon, theme: Theme, topic: Topic) -> tuple[list[Phrase], list[Phrase]]:
    """A theme's own noun phrases, and the rest of the topic's (for second and third clauses)."""
    own = theme_nouns(lex, theme)
    texts = {p.text for p in own}
    extra = [p for t in topic.themes if t.name != theme.name for p in t.nouns if p.text not in texts]
    return own, extra


def heading_set(bank, topic: str, themes: list[str], style: str = "single",
                seed: int = 0, pattern: str | None = None) -> list[GeneratedHeading]:
    """One parallel set: a heading per theme, all from one bank pattern, each with its own leading verb.

    ``pattern`` (optional) keeps only headings of that shape (see pattern_matches).
    Raises HeadingStyleError for an unknown style and NoPatternError when no
    pattern of the bank can be filled for every theme.
    """
    if style not in STYLES:
        raise HeadingStyleError(f"标题样式只能是 {'/'.join(STYLES)}，不是“{style}”", key="style")
    if not themes:
        return []
    lex = load_lexicon()
    top = lex.topic(topic)
    theme_recs = resolve_themes(lex, top, themes)
    names = name_guard(bank.source_names())
    related = top.words()
    rng = random.Random(seed)
    cands = _candidates(bank, lex, style)
    order = list(range(len(cands)))
    rng.shuffle(order)
    # Verb-first headings first (a set differs by its leading verbs), compact ones before long.
    order.sort(key=lambda i: (_lead_rank(cands[i]), _length_rank(cands[i])))
    for i in order:
        t = cands[i]
        out: list[GeneratedHeading] = []
        used: set[str] = set()
        used_lines: set[str] = set()
        for k, theme in enumerate(theme_recs):
            # Every clause of a section's heading speaks of that section's theme; a triple's
            # second and third clauses may borrow the topic's other phrases.
            nps, extra = _pools(lex, theme, top)
            if style != "triple":
                extra = []
            got = None
            # With --pattern, try the theme's phrases in other orders until one fits the shape.
            for attempt in range(12 if pattern else 1):
                rng_t = random.Random(f"{seed}:{theme.name}:{t.pattern}:{attempt}")
                pool = list(nps)
                if attempt:
                    rng_t.shuffle(pool)
                got = fill_template(t, pool, extra, lex, rng_t, used, names, related, theme.name,
                                    top.principles, k + seed + attempt)
                if got is not None and (not pattern or pattern_matches(pattern, got.pattern, got.lines)):
                    break
                got = None
            if got is None or any(line in used_lines for line in got.lines):
                break
            used.add(got.lead)
            if got.adverb:
                used.add(got.adverb)
            used_lines.update(got.lines)
            used.update(got.lines)  # a pair's first line may not repeat either
            out.append(got)
        if len(out) == len(theme_recs):
            return out
    what = f"形如“{pattern}”的" if pattern else ""
    raise NoPatternError(f"素材库中没有能为这 {len(themes)} 个分节主题填出一组{what}对仗标题的模式；"
                         "可换用 --style，或减少、改写分节主题", key="themes")


def _lead_rank(t: HeadingTemplate) -> int:
    """0 when the line a set varies on can open with a verb (verb-object reading), else 1."""
    return 0 if "vo" in t.first_kinds(1 if t.n_lines == 2 else 0) else 1


def _length_rank(t: HeadingTemplate) -> int:
    """0 when every line of the mined heading has a comfortable length (5-12 characters), else 1."""
    lines = t.origin.split(" / ")
    if style_of(t) == "triple" or "，" in t.pattern and t.n_lines == 1 and t.pattern.count("，") == 2:
        return 0
    return 0 if all(5 <= len(line.replace(" ", "")) <= 12 for line in lines) else 1


def generate(bank, topic: str, style: str = "single", seed: int = 0, limit: int = 30,
             themes: list[str] | None = None, names=None) -> list[GeneratedHeading]:
    """Many headings for a topic (suggest's generated results): each template × each theme, round robin.

    ``names``: the sources' names (a set or NameGuard), when the caller has them at hand.
    """
    lex = load_lexicon()
    top = lex.topic(topic)
    theme_recs = resolve_themes(lex, top, themes) if themes else top.themes
    names = name_guard(names if names is not None else bank.source_names())
    related = top.words()
    rng = random.Random(seed)
    cands = _candidates(bank, lex, style)
    order = list(range(len(cands)))
    rng.shuffle(order)
    out: list[GeneratedHeading] = []
    seen: set[str] = set()
    for round_ in range(len(theme_recs)):
        for k, idx in enumerate(order):
            t = cands[idx]
            theme = theme_recs[(k + round_) % len(theme_recs)]
            nps, extra = _pools(lex, theme, top)
            got = fill_template(t, nps, extra, lex, random.Random(f"{seed}:{theme.name}:{t.pattern}"),
                                set(), names, related, theme.name, top.principles, k + round_ + seed)
            if got is None or got.text in seen:
                continue
            seen.add(got.text)
            out.append(got)
            if len(out) >= limit:
                return out
    return out
