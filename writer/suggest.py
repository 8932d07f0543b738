"""`writer suggest`: headings, pairs, sets, slogans, openings, closings and aphorisms for a topic.

Every result is either ``mined`` (verbatim from the corpus, with its source
title and year) or ``generated`` (a bank pattern or template filled for the
user's topic, with the pattern and the mined text it came from).

Ranking, in one sentence: a result scores 3 points for each of the topic's
words (its name, aliases, related words and section themes in the topic
lexicon) found in its text, at most two, plus 1 if its source title, section
or theme mentions the topic, 2 if it is verbatim from the corpus, 1 if it
recurs there (a heading whose shape has parallel partners), minus 2 if its text carries another topic's words,
minus 1 for each higher-ranked generated result built from the same pattern,
theme, first line or pieces (so the list varies); ties keep the seeded order. A slogan gains a point
per further document it recurs in (at most 2) and loses 2 when it comes from
one document and its examples speak only of another topic.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from writer.errors import UsageError

KINDS = ("heading", "pair", "set", "slogan", "opening", "closing", "aphorism")
MINED = "mined"
GENERATED = "generated"
# What a blank the writer must fill looks like, per template slot.
BLANKS = {"org": "【单位】", "org_short": "【单位简称】", "place": "【地方】", "person": "【姓名】",
          "year": "【年份】", "last_year": "【上一年】", "next_year": "【下一年】",
          "period": "【时期】", "num": "【数字】"}
_SLOT = re.compile(r"\{([a-z_]+)\}")
_DIGIT = re.compile(r"[0-9０-９]")


class EmptyTopicError(UsageError):
    """The topic is empty."""


class UnknownKindError(UsageError):
    """--kind names a kind suggest does not offer."""


class CountError(UsageError):
    """-n is not a positive number."""


class SuggestOptionError(UsageError):
    """An option of `writer suggest` is unknown, lacks its value or has a value of the wrong type."""


def check_request(topic: str | None, kind: str, n: int) -> None:
    """Reject an empty topic, an unknown kind and a count below one (UsageError, exit 2)."""
    if not (topic or "").strip():
        raise EmptyTopicError("主题不能为空（例：writer suggest 人才）", key="TOPIC")
    if kind not in KINDS:
        raise UnknownKindError(f"不认识的类别“{kind}”；可用：{'、'.join(KINDS)}", key="--kind")
    if n < 1:
        raise CountError(f"-n 应为正整数，不是 {n}", key="-n")


@dataclass
class Suggestion:
    """One result: its text, what kind it is, where it came from, and its score."""

    text: str
    kind: str
    origin: str                      # "mined" or "generated"
    source: str | None = None        # mined: the source document's title; generated passages: the template's source
    year: int | None = None
    pattern: str | None = None       # generated: the pattern or template filled
    from_heading: str | None = None  # generated headings: the mined heading behind the pattern
    lines: list[str] = field(default_factory=list)
    score: float = 0.0
    theme: str | None = None         # generated headings: the section theme that steered it
    parts: tuple[str, ...] = ()      # assembled passages: roles of the bank pieces used (couplet, review)

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "origin": self.origin,
                "source": self.source, "year": self.year, "pattern": self.pattern,
                "from_heading": self.from_heading, "lines": self.lines or [self.text],
                "theme": self.theme, "score": self.score}


# ---------------------------------------------------------------- topic relation

class _WordIndex:
    """Words indexed by their first character, to find them in short texts without a regex
    (compiling an alternation of hundreds of words costs more than a whole suggest run)."""

    __slots__ = ("by_first",)

    def __init__(self, words: list[str]):
        self.by_first: dict[str, list[str]] = {}
        for w in words:  # longest first within each list
            self.by_first.setdefault(w[0], []).append(w)
        for lst in self.by_first.values():
            lst.sort(key=lambda w: (-len(w), w))

    def find(self, text: str) -> list[str]:
        """Words found left to right, each match the longest, not overlapping."""
        out = []
        i = 0
        while i < len(text):
            for w in self.by_first.get(text[i], ()):
                if text.startswith(w, i):
                    out.append(w)
                    i += len(w)
                    break
            else:
                i += 1
        return out

    def any_in(self, text: str) -> bool:
        get = self.by_first.get
        return any(text.startswith(w, i) for i, ch in enumerate(text) for w in get(ch, ()))


class Relation:
    """The topic's words, and every other known topic's words, for scoring."""

    __slots__ = ("words", "others", "_own", "_other")

    def __init__(self, words: list[str], others: list[str]):
        self.words = words
        self.others = others
        self._own = _WordIndex(words)
        self._other = _WordIndex(others)

    def count(self, text: str | None) -> int:
        """How many distinct topic words the text holds (a word inside a longer one found
        is not counted again: 人才工作 is one word, not 人才 and 人才工作)."""
        return len(set(self._own.find(text))) if text else 0

    def foreign(self, text: str) -> bool:
        return bool(text) and self._other.any_in(text)


def relation(lex, topic) -> Relation:
    """Words of ``topic`` and the words that belong only to other topics of the lexicon."""
    own = topic.words()
    own_set = set(own)
    own_index = _WordIndex(own)
    own_joined = "\0".join(own)
    others: set[str] = set()
    for key, entry in lex.topics.items():
        if topic.known and key == topic.key:
            continue
        for w in [key, *entry["aliases"], *entry["related"]]:
            # Not another topic's if it holds, or is part of, one of this topic's words.
            if len(w) < 2 or w in own_set or w in own_joined or own_index.any_in(w):
                continue
            others.add(w)
    return Relation(own, sorted(others, key=lambda w: (-len(w), w)))


def score(rel: Relation, text: str, context: list[str | None] = (), recurs: int | bool = False,
          mined: bool = False) -> float:
    """The ranking score before the variety penalty (see the module docstring)."""
    s = 3 * min(rel.count(text), 2)
    s += 1 if any(rel.count(c) for c in context) else 0
    s += (2 if mined else 0) + min(int(recurs), 2)
    if rel.foreign(text):
        s -= 2
    return float(s)


def _rank(items: list[Suggestion], seed: int, keys=None, top: int = 60) -> list[Suggestion]:
    """Best first; ``keys(item)`` names the pattern or pieces an item is built from, and each
    reuse of one by a higher-ranked item costs a point (among the first ``top``)."""
    rng = random.Random(seed)
    order = list(range(len(items)))
    rng.shuffle(order)
    pos = {i: p for p, i in enumerate(order)}
    idx = sorted(range(len(items)), key=lambda i: (-items[i].score, pos[i]))
    if keys is None:
        return [items[i] for i in idx]
    head, tail = idx[:top], idx[top:]
    item_keys = {i: keys(items[i]) for i in head}
    used: dict[str, int] = {}
    out: list[Suggestion] = []
    while head:
        best_k, best_v = 0, None
        for k, i in enumerate(head):
            v = items[i].score - sum(used.get(x, 0) for x in item_keys[i])
            if best_v is None or v > best_v:
                best_k, best_v = k, v
        i = head.pop(best_k)
        items[i].score = best_v
        for x in item_keys[i]:
            used[x] = used.get(x, 0) + 1
        out.append(items[i])
    return out + [items[i] for i in tail]


def _dedupe(items: list[Suggestion]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for s in items:
        if s.text not in seen:
            seen.add(s.text)
            out.append(s)
    return out


def usable_mined(text: str, names) -> bool:
    """A mined text can be shown as is: no digit and no source name (it would not be the user's)."""
    from writer.compose.headings import name_guard
    return not _DIGIT.search(text) and not name_guard(names).found(text)


# ---------------------------------------------------------------- kinds

_INDEX_FORMAT = 5
_FIELD = "\x1f"   # separates a heading's fields in the index's row blob


class HeadingIndex:
    """The bank's mined headings as `suggest` needs them, compiled once per bank into a marshal
    file: only those free of digits and source names, most recurring shapes first. Lines and
    rows are stored as single strings with offsets, so loading a provincial bank's ten thousand
    headings costs a few milliseconds, and a topic's words are found with str.find."""

    __slots__ = ("joined", "starts", "line_rows", "line_nos", "blob", "offsets", "sources",
                 "row_sources", "names_by_first")

    def __init__(self, data: dict):
        # UTF-8 bytes, not str: loading skips decoding a megabyte of text, and UTF-8 lets
        # bytes.find look for an encoded word without ever matching half a character.
        self.joined = data["joined"]            # every line, b"\n"-separated
        self.starts = data["starts"]            # where each line starts in ``joined`` (bytes)
        self.line_rows = data["line_rows"]      # line → row
        self.line_nos = data["line_nos"]        # line → 0 (first line) or 1 (second line)
        self.blob = data["blob"]                # rows: fields joined with \x1f
        self.offsets = data["offsets"]          # row → start in ``blob`` (one extra at the end)
        self.sources = data["sources"]          # source titles
        self.row_sources = data["row_sources"]  # row → source number
        self.names_by_first = data["names"]     # the sources' names by first character

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, k: int) -> str:
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.joined)
        return self.joined[self.starts[k]:end].decode("utf-8")

    def row(self, r: int) -> tuple:
        """(text, heading, subheading or None, pattern, shape count, source title, year or None)."""
        text, heading, sub, pattern, count, src, year = \
            self.blob[self.offsets[r]:self.offsets[r + 1]].decode("utf-8").split(_FIELD)
        return (text, heading, sub or None, pattern, int(count), self.sources[int(src)] or None,
                int(year) if year else None)

    def lines_with(self, words: list[str]) -> set[int]:
        """Indexes of the lines holding any of ``words``."""
        from bisect import bisect_right

        found: set[int] = set()
        joined = self.joined
        for word in words:
            w = word.encode("utf-8")
            at = joined.find(w)
            while at >= 0:
                found.add(bisect_right(self.starts, at) - 1)
                at = joined.find(w, at + 1)
        return found

    def guard(self):
        from writer.compose.headings import NameGuard
        g = NameGuard(())
        g.by_first = self.names_by_first
        return g


def bank_cache_file(bank, name: str):
    """Where a compiled cache of ``bank`` goes: BANK/.cache when it exists and is writable
    (checked without writing a probe file), else writer.io.paths.cache_dir."""
    import os

    local = bank.path / ".cache"
    if os.path.isdir(local) and os.access(local, os.W_OK):
        return local / name
    from writer.io.paths import cache_dir
    return cache_dir(bank.path) / name


def _index_key(bank) -> tuple:
    import os

    parts = []
    for name in ("headings.yaml", "custom.yaml", "names.yaml", "manifest.yaml"):
        try:
            st = os.stat(bank.path / name)
            parts.append((name, st.st_mtime_ns, st.st_size))
        except OSError:
            parts.append((name, None, None))
    from writer.bank.lexicon import LEXICON_FILE
    try:
        st = os.stat(LEXICON_FILE)
        parts.append(("lexicon", st.st_mtime_ns, st.st_size))
    except OSError:
        pass
    return (_INDEX_FORMAT, str(bank.path), tuple(parts))


def _build_index(bank) -> dict:
    from writer.compose.headings import name_guard
    from writer.bank.lexicon import load_lexicon

    lex = load_lexicon()
    guard = name_guard(set(bank.source_names()))
    shapes: dict[str, int] = {}
    for h in bank.headings:
        shapes[h.shape] = shapes.get(h.shape, 0) + 1
    sources: dict[str, int] = {}
    rows, offsets, row_sources, pos = [], [], [], 0
    lines, starts, line_rows, line_nos, lpos = [], [], [], [], 0
    ordered = sorted(range(len(bank.headings)), key=lambda i: (-shapes.get(bank.headings[i].shape, 0), i))
    for i in ordered:
        h = bank.headings[i]
        if (_DIGIT.search(h.text) or guard.found(h.text) or lex.local_slogan(h.text)
                or _FIELD in h.text or "\n" in h.text):
            continue
        src = sources.setdefault(h.source or "", len(sources))
        row = _FIELD.join([h.text, h.heading or h.text, h.subheading or "", h.pattern,
                           str(shapes.get(h.shape, 0)), str(src), str(h.year or "")]).encode("utf-8")
        offsets.append(pos)
        row_sources.append(src)
        rows.append(row)
        pos += len(row)
        for k, line in enumerate([h.heading or h.text, h.subheading] if h.subheading else [h.text]):
            if line:
                encoded = line.encode("utf-8")
                starts.append(lpos)
                lines.append(encoded)
                line_rows.append(len(rows) - 1)
                line_nos.append(k)
                lpos += len(encoded) + 1
    offsets.append(pos)
    return {"joined": b"\n".join(lines), "starts": starts, "line_rows": line_rows,
            "line_nos": bytes(line_nos), "blob": b"".join(rows), "offsets": offsets,
            "sources": sorted(sources, key=sources.get), "row_sources": row_sources,
            "names": guard.by_first}


_INDEXES: dict[int, HeadingIndex] = {}


def heading_index(bank) -> HeadingIndex:
    """The compiled heading index of ``bank`` (rebuilt when its headings or names change)."""
    from writer.io import cache as cachefile

    hit = _INDEXES.get(id(bank))
    if hit is not None:
        return hit
    key = _index_key(bank)
    cache = None
    if getattr(bank, "use_cache", True):
        try:
            cache = bank_cache_file(bank, "suggest-headings.marshal")
        except OSError:
            cache = None
    data = cachefile.load(cache, key)
    if data is None:  # no cache or a stale one: build
        data = _build_index(bank)
        cachefile.store(cache, key, data)
    _INDEXES[id(bank)] = HeadingIndex(data)
    return _INDEXES[id(bank)]


def _headings(bank, lex, topic, rel: Relation, two_line: bool, n: int, seed: int,
              pattern: str | None) -> list[Suggestion]:
    from writer.compose.headings import generate

    idx = heading_index(bank)
    kind = "pair" if two_line else "heading"
    # Candidates: lines holding the topic's words, headings of sources about the topic, and
    # the first recurring shapes (every other mined line scores no higher than these).
    own_sources = {i for i, title in enumerate(idx.sources) if rel.count(title)}
    picked = idx.lines_with(rel.words) if not pattern else set(range(len(idx)))
    if own_sources:
        rows_of_own = {r for r, src in enumerate(idx.row_sources) if src in own_sources}
        picked.update(k for k, r in enumerate(idx.line_rows) if r in rows_of_own)
    filler = 0
    for k in range(len(idx)):
        if filler >= 3 * n:
            break
        if k not in picked and not rel.foreign(idx.line(k)):
            picked.add(k)
            filler += 1
    out: list[Suggestion] = []
    seen_rows: set[int] = set()
    for k in sorted(picked):
        line, r, no = idx.line(k), idx.line_rows[k], idx.line_nos[k]
        text, heading, sub, pat, count, source, year = idx.row(r)
        recurs = count >= 2
        if two_line:
            if not sub or r in seen_rows:
                continue
            seen_rows.add(r)
            s = Suggestion(text, kind, MINED, source=source, year=year, pattern=pat, lines=[heading, sub])
            s.score = score(rel, text, [source], recurs, mined=True)
        else:
            # Each line of a two-line heading is a heading in its own right.
            patterns = pat.split(" / ")
            s = Suggestion(line, kind, MINED, source=source, year=year,
                           pattern=patterns[no] if no < len(patterns) else None, lines=[line])
            s.score = score(rel, line, [source, sub if no == 0 else heading], recurs, mined=True)
        out.append(s)
    style = "pair" if two_line else "single"
    for g in generate(bank, topic.name, style=style, seed=seed, limit=max(3 * n, 30), names=idx.guard()):
        s = Suggestion(g.text, kind, GENERATED, pattern=g.pattern, from_heading=g.origin,
                       lines=list(g.lines), theme=g.theme)
        s.score = score(rel, g.text, [g.theme])
        out.append(s)
    if pattern:
        out = [s for s in out if pattern_matches(pattern, s)]
    # Variety: generated headings pay for reusing a pattern or theme; mined ones are each unique.
    return _rank(_dedupe(out), seed, keys=lambda s: [] if s.origin == MINED else
                 [s.pattern or s.text] + ([s.theme] if s.theme else []) + (s.lines[:1] if two_line else []))


def pattern_matches(pattern: str, s: Suggestion) -> bool:
    """--pattern (see writer.compose.headings.pattern_matches) applied to one suggestion."""
    from writer.compose.headings import pattern_matches as matches
    return matches(pattern, s.pattern, s.lines or [s.text])


def _set(bank, topic, n: int, seed: int, pattern: str | None) -> list[Suggestion]:
    from writer.compose.headings import heading_set

    themes = default_themes(topic, n)
    heads = heading_set(bank, topic.name, themes, style="single", seed=seed, pattern=pattern)
    return [Suggestion(h.text, "set", GENERATED, pattern=h.pattern, from_heading=h.origin,
                       lines=list(h.lines), score=float(len(heads) - i)) for i, h in enumerate(heads)]


def default_themes(topic, n: int) -> list[str]:
    """The first ``n`` section themes of the topic (the fallback's when the topic is unknown)."""
    from writer.bank.lexicon import load_lexicon

    names = [t.name for t in topic.themes]
    if n <= len(names):
        return names[:n]
    extra = [t.name for t in load_lexicon().fallback_themes(topic.key)]
    return (names + [e for e in extra if e not in names])[:n]


def _slogans(bank, rel: Relation, seed: int, topic=None) -> list[Suggestion]:
    names = bank.source_names()
    out = []
    mined = {s.text for s in bank.slogans if s.kind == "slogan"}
    # The topic's own working principles (生态优先, 精准治污) from the lexicon, so that a
    # topic the corpus never covers still gets set phrases of its field, labelled generated.
    for p in (topic.principles if topic is not None else []):
        if len(p.text) == 4 and p.text not in mined:
            sug = Suggestion(p.text, "slogan", GENERATED, pattern=f"主题词表“{topic.key}”的工作原则")
            sug.score = 4.0  # on the topic by construction: as a mined slogan that names it
            out.append(sug)
    for s in bank.slogans:
        if s.kind != "slogan" or not usable_mined(s.text, names):
            continue
        sug = Suggestion(s.text, "slogan", MINED, source=None, year=s.last_year)
        sug.source = _doc_titles(bank).get(s.doc_ids[0]) if s.doc_ids else None
        sug.score = score(rel, s.text, list(s.examples), max(s.docs - 1, 0))
        # A set phrase seen only where another topic is discussed belongs to that topic.
        if (s.docs <= 1 and s.examples and not any(rel.count(e) for e in s.examples)
                and all(rel.foreign(e) for e in s.examples)):
            sug.score -= 2
        out.append(sug)
    return _rank(out, seed)


_TITLES: dict[int, dict[str, str]] = {}


def _doc_titles(bank) -> dict[str, str]:
    """Source id → title, from the manifest."""
    key = id(bank)
    if key not in _TITLES:
        try:
            sources = bank.manifest.get("sources") or []
        except Exception:  # noqa: BLE001 — a title is only a label
            sources = []
        _TITLES[key] = {str(s.get("id")): str(s.get("title")) for s in sources if isinstance(s, dict)}
    return _TITLES[key]


def _aphorisms(bank, rel: Relation, seed: int) -> list[Suggestion]:
    names = bank.source_names()
    out = []
    for a in bank.aphorisms:
        if not usable_mined(a.text, names):
            continue
        s = Suggestion(a.text, "aphorism", MINED, source=a.source, year=a.year)
        s.score = score(rel, a.text, [a.heading, a.source], mined=True)
        out.append(s)
    return _rank(_dedupe(out), seed)


def fill_template(template: str, values: dict[str, str | None]) -> str:
    """A passage template with its slots filled from ``values``, visible blanks for the rest."""
    def sub(m: re.Match) -> str:
        name = m.group(1)
        value = values.get(name)
        return value if value else BLANKS.get(name, "【" + name + "】")
    text = _SLOT.sub(sub, template)
    period = (values.get("period") or "").strip()
    # A frame's "{period}以来" must not say 五年来以来, nor 2024年以来 for a review of a year
    # (or 2021年至2025年以来); it stays for a plan period (“十三五”以来).
    if period and period.endswith(("来", "年", "年度")):
        text = text.replace(period + "以来", period)
    return text


def passage_usable(text: str, names) -> bool:
    """A filled passage names nobody of the sources and carries no number of theirs."""
    from writer.compose.headings import name_guard
    if _DIGIT.search(text) or "【姓名】" in text:
        return False
    return not name_guard(names).found(text)


SLOGAN_DENSITY = 4  # as writer check's slogan-density rule: set phrases in one sentence
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
_QUOTES = "“”‘’\"《》"


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its end mark."""
    return [m.group(0).strip() for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _balanced(sentence: str) -> bool:
    """A couplet: two short halves of the same length (乘风破浪潮头立，扬帆起航正当时。
    参天之本，必有其根；怀山之水，必有其源。) — not a policy sentence that happens to have a comma."""
    body = sentence.rstrip("。！？!?")
    for mark in ("；", "，"):
        if mark in body:
            a, _, b = body.partition(mark)
            return 4 <= len(a) <= 9 and len(a) == len(b) and mark not in b
    return False


@dataclass
class Piece:
    """A sentence of a bank passage usable in any summary: a couplet, or a review-and-outlook."""

    text: str      # template text (slots {year}/{next_year}/{last_year} only)
    role: str      # "couplet" or "review"
    source: str | None
    year: int | None


def passage_pieces(bank, kind: str) -> list[Piece]:
    """Couplets (and, for closings, 回顾…展望… sentences) of the bank's openings or closings
    that carry no name, number, quotation or other slot of their source."""
    names = bank.source_names()
    records = bank.closings if kind == "closing" else bank.openings
    # The bank's aphorisms are the balanced sentences its miner found; those in a lead or
    # closing (no section heading) are the genre's couplets.
    aphorisms = {a.text for a in bank.aphorisms if not a.heading}
    # A sentence stacking four set phrases (辛勤耕耘、硕果累累…满怀信心、步履坚定) is what
    # `writer check` reports as slogan-density: never hand one to the writer.
    slogans = [s.text for s in bank.slogans if s.kind == "slogan"]
    from writer.bank.lexicon import load_lexicon
    lex = load_lexicon()
    out: list[Piece] = []
    seen: set[str] = set()
    for p in records:
        sents = sentences(p.template or p.text)
        # An opening's couplet comes first; a closing's may be anywhere.
        for sent in (sents[:1] if kind == "opening" else sents):
            if sent in seen or _DIGIT.search(sent) or any(q in sent for q in _QUOTES):
                continue
            if any(n in sent for n in names if len(n) >= 2):
                continue
            if sum(1 for t in slogans if t in sent) >= SLOGAN_DENSITY:
                continue
            slots = set(_SLOT.findall(sent))
            if kind == "closing" and "回顾" in sent and "展望" in sent and slots <= {"year", "next_year", "last_year"}:
                out.append(Piece(sent, "review", p.source, p.year))
                seen.add(sent)
            elif (not slots and len(sent) <= 40 and (_balanced(sent) or sent in aphorisms)
                  and not _imperative(sent, lex)):
                out.append(Piece(sent, "couplet", p.source, p.year))
                seen.add(sent)
    return out


def _imperative(sentence: str, lex) -> bool:
    """A policy line (推进依法行政，加强廉洁自律。): a half opens with a verb of the lexicon."""
    from writer.compose.headings import _vocab
    verbs = _vocab(id(lex), lex)[0]
    halves = re.split(r"[，；]", sentence.rstrip("。！？!?"))
    return any(h[:2] in verbs for h in halves if h)


def fill_frame(frame: str, values: dict[str, str | None], topic_phrase: str) -> str:
    """A lexicon passage frame filled: {topic} is the topic as a title says it (人才工作)."""
    return fill_template(frame, dict(values, topic=topic_phrase))


_SPAN = re.compile(r"([一二三四五六七八九十两]+)年(?!代|级)")


def span_fits(text: str, period: str | None) -> bool:
    """Whether a sentence's span of years (春华秋实又五年, 新的一年) suits the period reviewed.

    A five-year couplet in a one-year summary is the mistake a reviewer spots first.
    """
    spans = set(_SPAN.findall(text))
    if not spans:
        return True
    if not period:
        return False
    if re.fullmatch(r"\d{4}年(?:度)?", period.strip()):
        return spans <= {"一"}
    return all(f"{n}年" in period for n in spans)


def assembled_passages(bank, lex, topic, kind: str, values: dict) -> list[Suggestion]:
    """Paragraphs built from the bank's couplets (and review sentences) and the lexicon's frames."""
    period = values.get("period") or values.get("year")
    pieces = [p for p in passage_pieces(bank, kind) if span_fits(p.text, period)]
    couplets = [p for p in pieces if p.role == "couplet"]
    reviews = [p for p in pieces if p.role == "review"]
    frames = lex.passages["closing_frames" if kind == "closing" else "opening_frames"]
    out: list[Suggestion] = []
    for fi, frame in enumerate(frames):
        body = fill_frame(frame, values, topic.phrase)
        for ci, c in enumerate(couplets + [None]):
            for r in ([None] + reviews if kind == "closing" else [None]):
                parts = [x.text for x in (c, r) if x is not None]
                text = fill_template("".join(parts), values) + body
                used = [x for x in (c, r) if x is not None]
                src = "》《".join(dict.fromkeys(x.source for x in used if x.source)) or None
                pattern = "＋".join([f"“{x.text}”" for x in used] + [f"句式{fi + 1}"])
                out.append(Suggestion(text, kind, GENERATED, source=src, pattern=pattern,
                                      parts=tuple(x.role for x in used)))
    return out


def _passages(bank, lex, topic, rel: Relation, kind: str, values: dict, seed: int) -> list[Suggestion]:
    """Openings or closings: the bank's templates filled, and paragraphs assembled from their pieces."""
    names = bank.source_names()
    records = bank.openings if kind == "opening" else bank.closings
    out = []
    for p in records:
        template = p.template or p.text
        # Judge the template with blanks only: the user's own values may hold digits. A
        # government report's closing addresses its deputies: not a summary's voice.
        if not passage_usable(fill_template(template, {}), names) or "各位代表" in template:
            continue
        # A quoted name in a source's paragraph is its own programme or strategy (“三高四新”):
        # it places the text and means nothing to another organisation.
        if "“" in template:
            continue
        text = fill_template(template, values)
        s = Suggestion(text, kind, GENERATED, source=p.source, year=p.year, pattern=template)
        s.score = score(rel, text, [p.source]) + (1 if "{topic}" in template else 0)
        # A whole paragraph written for another topic keeps that topic's content.
        if p.source and not rel.count(p.source) and rel.foreign(p.source):
            s.score -= 3
        out.append(s)
    for s in assembled_passages(bank, lex, topic, kind, values):
        s.score = score(rel, s.text)
        out.append(s)

    def pieces(s: Suggestion) -> list[str]:
        # The couplet and the frame an assembled paragraph is built from.
        return re.findall(r"“[^”]*”|句式\d+", s.pattern or "") or [s.pattern or s.text]
    return _rank(_dedupe(out), seed, keys=pieces)


def passage_values(topic, org: str | None = None, org_short: str | None = None,
                   year: int | None = None, period: str | None = None) -> dict[str, str | None]:
    """Slot values for opening/closing templates; None leaves a visible blank."""
    return {"org": org, "org_short": org_short or org, "place": None, "person": None,
            "year": f"{year}年" if year else None, "last_year": f"{year - 1}年" if year else None,
            "next_year": f"{year + 1}年" if year else None, "period": period,
            "topic": topic.key, "num": None}


def suggest(bank, topic: str, kind: str = "heading", n: int = 10, pattern: str | None = None,
            seed: int = 0) -> list[Suggestion]:
    """The top ``n`` suggestions of ``kind`` for ``topic`` (see the module docstring for the ranking)."""
    from writer.bank.lexicon import load_lexicon

    check_request(topic, kind, n)
    topic = topic.strip()
    lex = load_lexicon()
    top = lex.topic(topic)
    rel = relation(lex, top)
    if kind in ("heading", "pair"):
        items = _headings(bank, lex, top, rel, kind == "pair", n, seed, pattern)
    elif kind == "set":
        items = _set(bank, top, n, seed, pattern)
    elif kind == "slogan":
        items = _slogans(bank, rel, seed, top)
    elif kind == "aphorism":
        items = _aphorisms(bank, rel, seed)
    else:
        items = _passages(bank, lex, top, rel, kind, passage_values(top), seed)
    return items[:n]
