"""Check kinds that look for phrases: existence, substitution, repetition, density."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from writer.check.finding import Level
from writer.check.kinds.frames import heading_echo, is_frame, is_mention
from writer.check.kinds.base import Check, CheckParams, PhraseParams, fmt, param
from writer.check.rulecache import own_pattern
from writer.check.schema import data_error, record
from writer.zh import CN_DIGIT_VALUE, clause_spans

EXISTENCE_FIELDS = ("phrase", "docs", "total", "share")
SUBSTITUTION_FIELDS = ("old", "new", "date", "note", "since")
REPETITION_FIELDS = ("phrase", "count", "first_line", "first_column", "window")
DENSITY_FIELDS = ("count", "limit", "unit", "phrases")


@record(kw_only=True, repr=False, eq=False)
class NamedParams(PhraseParams):
    """Phrase parameters that set names apart from the writer's own wording."""

    # A use inside “…” (a cited slogan, a named campaign: “不忘初心、牢记使命”) or
    # directly followed by a name suffix (…主题教育, …专项行动, …工程) is part of
    # a name, not the writer's wording.
    quoted: bool = False
    name_suffixes: list[str] | None = param(None, check="sources")
    # A use whose last characters begin a longer word of these lists (群众满意|度: 满意度)
    # is that word's part, not the phrase.
    longer_words: list[str] | None = param(None, check="sources")


_QUOTE = own_pattern(r"“[^“”\n]{1,100}”")
_CLOSERS = "”’」"


def own_wording(check: Check, draft, ctx, hits: list) -> list:
    """Those of ``hits`` that are the writer's own wording (``quoted``, ``name_suffixes``)."""
    quoted, sources = check.params.get("quoted"), check.params.get("name_suffixes")
    if not hits or not (quoted or sources or check.params.get("longer_words")):
        return hits
    if not hasattr(check, "_suffixes"):
        check._suffixes = tuple(sorted(check.resolve(sources, ctx), key=len, reverse=True))
        check._longer = frozenset(check.resolve(check.params.get("longer_words"), ctx))
        # Every piece text[i:j] looked up below holds the two characters around the hit's
        # end: a hit whose pair is in no longer word needs no lookup (most hits).
        check._longer_pairs = frozenset(w[k:k + 2] for w in check._longer for k in range(len(w) - 1))
    suffixes, longer, pairs, text = check._suffixes, check._longer, check._longer_pairs, draft.text
    spans = draft.cached("quotes", lambda: [m.span() for m in _QUOTE.finditer(text)]) if quoted else []
    starts = [a for a, _ in spans]
    out = []
    for hit in hits:
        s, e = hit[0], hit[1]
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and e <= spans[i][1]:
            continue
        after = e + 1 if e < len(text) and text[e] in _CLOSERS else e
        if suffixes and text.startswith(suffixes, after):
            continue
        if longer and (e >= len(text) or text[e - 1:e + 1] in pairs) and \
                any(text[i:j] in longer for i in range(max(s + 1, e - 3), e) for j in range(e + 1, e + 3)):
            continue
        out.append(hit)
    return out


@record(kw_only=True, repr=False, eq=False)
class ExistenceParams(NamedParams):
    message: str = param("“{phrase}”", check="template", fields=EXISTENCE_FIELDS)
    suggestion: str | None = param(None, check="template", fields=EXISTENCE_FIELDS)
    # From this share of the bank's documents on, a phrase is reported at escalate_level.
    escalate_share: float | None = param(None, tunable=True, minimum=0)
    escalate_level: Level = "warning"


class Existence(Check):
    """Each occurrence of a phrase from the given sources."""

    kind = "existence"
    Params = ExistenceParams

    def setup(self):
        if not self.params["phrases"] and not self.params["words"]:
            raise data_error(self.path, [*self.keys, "phrases"], "existence 类检查需要 phrases 或 words")

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        total = ctx.doc_count if any(s.startswith("bank:") for s in self.params["phrases"] or []) else 0
        said: dict[str, tuple] = {}     # phrase → (message, suggestion, level): a phrase recurs
        for s, e, phrase in own_wording(self, draft, ctx, self.hits(draft, ctx, accept)):
            if phrase not in said:
                said[phrase] = self._said(phrase, ctx, total)
            message, suggestion, level = said[phrase]
            emit(s, e, message, suggestion, level=level)

    def _said(self, phrase: str, ctx, total: int) -> tuple:
        docs = ctx.slogans.get(phrase, 0) if total else 0
        share = docs / total if total else 0.0
        level = self.level
        share_limit = self.params["escalate_share"]
        if share_limit is not None and total and share >= share_limit:
            level = self.params["escalate_level"]
        values = dict(phrase=phrase, docs=docs, total=total, share=f"{share:.0%}")
        return fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values), level


@record(kw_only=True, repr=False, eq=False)
class SubstitutionParams(CheckParams):
    lists: list[str] = param(check="lists")
    message: str = param("“{old}”已改为“{new}”", check="template", fields=SUBSTITUTION_FIELDS)
    suggestion: str | None = param("改为“{new}”", check="template", fields=SUBSTITUTION_FIELDS)
    # A document dated (by its title, front matter or a date near its top) in a year
    # before a change, or in its year, may have used the then-current wording: not reported.
    dated: bool = False
    # With ``dated``: a document whose head names no date is dated by the latest year its
    # text reports on (2020年; not a target's or a range's end: 到2025年, 2018—2022年).
    body_years: bool = False


_FRONT_DATE = own_pattern(r"^(date|title):.*?((?:19|20)[0-9]{2})", re.MULTILINE)
_YEAR = own_pattern(r"((?:19|20)[0-9]{2})\s*(?:年|-[01]?[0-9]-)")
_FULL_DATE = own_pattern(r"((?:19|20)[0-9]{2})(?:年[01]?[0-9]月[0-3]?[0-9]日|-[01]?[0-9]-[0-3]?[0-9])")
# A date written in Chinese numerals (二〇二一年一月十八日: a report's date line).
_CN_FULL_DATE = own_pattern(r"([〇○零一二三四五六七八九]{4})年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日")
_HEAD_PARAGRAPHS = 5
_REPORTED_YEAR = own_pattern(r"(?<![到至—–\-－~～])((?:19|20)[0-9]{2})年")


def reported_year(text: str) -> int | None:
    """The latest year ``text`` reports on (``body_years``), or None when it names none.
    Years inside a cited title (《…2035年远景目标纲要》) name the document cited."""
    return max(map(int, _REPORTED_YEAR.findall(_CITED_TITLE.sub("", text))), default=None)


_CITED_TITLE = own_pattern(r"《[^《》\n]{0,200}》")


def document_year(draft) -> int | None:
    """The year a draft is dated by: its front matter's date, else the latest full date in
    its first paragraphs (byline, date line: the day it was delivered), else the latest
    year of its title (front matter's or first line's: a report titled 2023年 may be
    delivered in December 2022); None when it names none there."""
    text = draft.text
    front = ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        front = text[:end if end != -1 else 0]
    dated = [int(y) for key, y in _FRONT_DATE.findall(front) if key == "date"]
    if dated:
        return max(dated)
    head = [p.text for p in draft.paragraphs[:_HEAD_PARAGRAPHS] if len(p.text) <= 80]
    # Full dates of byline and date lines (not years a text plans for), then the title's years.
    years = [int(y) for line in head for y in _FULL_DATE.findall(line)]
    years += [int("".join(str(CN_DIGIT_VALUE[c]) for c in y)) for line in head for y in _CN_FULL_DATE.findall(line)]
    if years:
        return max(years)
    years = [int(y) for key, y in _FRONT_DATE.findall(front) if key == "title"]
    years += [int(y) for y in _YEAR.findall(head[0])] if head and draft.paragraphs[0].text == head[0] else []
    return max(years) if years else None


class Substitution(Check):
    """An outdated formulation (word lists of old → new, with dates)."""

    kind = "substitution"
    Params = SubstitutionParams

    def table(self, accept):
        if not hasattr(self, "_table"):
            table = {}
            for name in self.params["lists"]:
                for sub in self.wordlists[name[5:]].substitutions:
                    if sub.old not in accept:
                        table.setdefault(sub.old, sub)
            self._table = table
        return self._table

    def phrase_set(self, ctx, accept):
        return frozenset(self.table(accept))

    def run(self, draft, ctx, emit, accept):
        table = self.table(accept)
        text = draft.text
        year = document_year(draft) if self.params["dated"] else None
        if year is None and self.params["dated"] and self.params["body_years"]:
            year = reported_year(text)
        for s, e, old in draft.phrase_hits(frozenset(table)):
            sub = table[old]
            if year is not None and sub.date and year <= int(sub.date[:4]):
                # Written before the change, or in its year: a year alone cannot tell
                # which side of the date a document falls on, so it is given the doubt.
                continue
            # The current form may contain the old one (…局 → …管理局): leave it alone.
            around = text[max(0, s - len(sub.new)):e + len(sub.new)]
            if sub.new in around and sub.new != old and old in sub.new:
                continue
            since = f"{sub.date} 起" if sub.date else ""
            values = dict(old=old, new=sub.new, date=sub.date or "", note=sub.note or "", since=since)
            emit(s, e, fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values))


@record(kw_only=True, repr=False, eq=False)
class RepetitionParams(PhraseParams):
    phrases: list[str] = param(check="sources")
    # Report a phrase again within this many characters of its previous use (0: any second use).
    window: int = param(0, tunable=True, minimum=0)
    # Two uses framing a parallel series (writer.check.kinds.frames), or a heading's
    # wording taken up by the text under it, are no repetition.
    parallel: bool = False
    message: str = param("“{phrase}”重复使用", check="template", fields=REPETITION_FIELDS)
    suggestion: str | None = param(None, check="template", fields=REPETITION_FIELDS)


class Repetition(Check):
    """A phrase used again in the same draft (with ``window``: soon after its previous use)."""

    kind = "repetition"
    Params = RepetitionParams

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        hits = self.hits(draft, ctx, accept)
        counts: dict[str, int] = {}
        for _, _, phrase in hits:
            counts[phrase] = counts.get(phrase, 0) + 1
        window = self.params["window"]
        previous: dict[str, tuple[int, int]] = {}
        reported: set[str] = set()
        for s, e, phrase in hits:
            before = previous.get(phrase)
            previous.setdefault(phrase, (s, e))
            if before is None or phrase in reported:
                continue
            if window and s - before[1] > window:
                previous[phrase] = (s, e)
                continue
            if self.params["parallel"] and self._parallel(draft, before, (s, e)):
                previous[phrase] = (s, e)       # the series goes on from here
                continue
            reported.add(phrase)
            line, column = draft.lines.position(before[0])
            values = dict(phrase=phrase, count=counts[phrase], first_line=line, first_column=column, window=window)
            emit(s, e, fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values))

    @staticmethod
    def _parallel(draft, first: tuple[int, int], second: tuple[int, int]) -> bool:
        text = draft.text
        return (is_frame(text, first, second) or heading_echo(draft, first[0], second[0])
                or is_mention(text, *first) or is_mention(text, *second))


@record(kw_only=True, repr=False, eq=False)
class DensityParams(NamedParams):
    phrases: list[str] = param(check="sources")
    sentence: int = param(0, tunable=True, minimum=0)      # phrases in one sentence that fire
    paragraph: int = param(0, tunable=True, minimum=0)     # phrases in one paragraph that fire
    # A sentence adds its phrases to its paragraph's count only when it holds this many
    # (one idiom in each of eight sentences is not a pile).
    pile: int = param(1, tunable=True, minimum=1)
    # Marks that end a clause counted on its own for ``sentence`` (；: a sentence of
    # semicolon-joined items is items, as the length kind reads it).
    split: str = ""
    # The phrases must cover at least this share of a clause's characters (blanks not
    # counted) for it to fire: idioms spread through concrete content are not a pile.
    share: float = param(0, tunable=True, minimum=0)
    distinct: bool = False                                  # count a recurring phrase once
    unless: str | None = param(None, check="regex")         # a sentence matching it never counts
    # A sentence naming a place of the gazetteer (``names_place``: 武汉, 延边州, 朝阳区)
    # never counts, as one matching ``unless``.
    places: bool = False
    message: str = param("一句中有 {count} 个", check="template", fields=DENSITY_FIELDS)
    suggestion: str | None = param(None, check="template", fields=DENSITY_FIELDS)


def names_place(text: str) -> bool:
    """Whether ``text`` holds a place name of the gazetteer: a province's or prefecture's in
    any form (武汉, 延边州), another free name of three or more characters (朝阳区); a
    shorter county name is too often part of a word (和政府, 安居乐业) to count unsegmented."""
    names, longest = _place_names()
    return any(text[i:j] in names for i in range(len(text) - 1)
               for j in range(i + 2, min(len(text), i + longest) + 1))


@lru_cache(maxsize=1)
def _place_names() -> tuple[frozenset[str], int]:
    """The place names ``names_place`` looks for and the longest one's length, loaded on first use."""
    from writer.bank.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    names = gazetteer.major | {name for name in gazetteer.free if len(name) >= 3}
    return names, max(map(len, names), default=0)


class Density(Check):
    """A sentence (or clause, or paragraph) holding too many phrases of the sources."""

    kind = "density"
    Params = DensityParams

    def setup(self):
        if not self.params["sentence"] and not self.params["paragraph"]:
            raise data_error(self.path, [*self.keys, "sentence"], "density 类检查需要 sentence 或 paragraph 阈值")

    def _items(self, hits):
        if not self.params["distinct"]:
            return hits
        seen, out = set(), []
        for h in hits:
            if h[2] not in seen:
                seen.add(h[2])
                out.append(h)
        return out

    def _emit(self, emit, items, limit, unit):
        values = dict(count=len(items), limit=limit, unit=unit, phrases="、".join(h[2] for h in items))
        emit(items[0][0], items[-1][1], fmt(self.params["message"], **values),
             fmt(self.params["suggestion"], **values))

    def clauses(self, sentence, hits):
        """(non-blank characters, counted items) of each clause of ``sentence`` (``split``)
        holding some of ``hits`` (sorted, inside the sentence)."""
        text, base = sentence.text, sentence.start
        k = 0
        for s, e in clause_spans(text, self.params["split"]):
            group = []
            while k < len(hits) and hits[k][0] < base + e:
                group.append(hits[k])
                k += 1
            if group:
                yield len("".join(text[s:e].split())), self._items(group)

    def _piles(self, sentence, hits) -> list[list]:
        """The counted items of each clause of ``sentence`` that reaches ``sentence`` phrases
        and ``share`` of its characters."""
        limit, share = self.params["sentence"], self.params["share"]
        if not limit or len(hits) < limit:
            return []
        return [items for chars, items in self.clauses(sentence, hits)
                if len(items) >= limit and sum(h[1] - h[0] for h in items) >= share * chars]

    def _concrete(self, text: str) -> bool:
        unless = self.params["unless"]
        return (unless is not None and unless.search(text) is not None) or \
            (self.params["places"] and names_place(text))

    def run(self, draft, ctx, emit, accept):
        phrases = self.phrase_set(ctx, accept)
        if not phrases:
            return
        per_paragraph = self.params["paragraph"]
        current = None
        para_hits: list = []
        fired = False

        def flush():
            items = self._items(para_hits)
            if per_paragraph and not fired and len(items) >= per_paragraph:
                self._emit(emit, items, per_paragraph, "段")

        # Only sentences holding a phrase can fire; ``unless`` is searched only when
        # its answer matters (it is a regular expression run per sentence).
        own = own_wording(self, draft, ctx, self.hits(draft, ctx, accept))
        for paragraph, sentence, hits in draft.hit_sentences(own):
            if paragraph is not current:
                if current is not None:
                    flush()
                current, para_hits, fired = paragraph, [], False
            piles = self._piles(sentence, hits)
            if not per_paragraph and not piles:
                continue
            if self._concrete(sentence.text):
                continue
            if len(self._items(hits)) >= self.params["pile"]:
                para_hits.extend(hits)
            for items in piles:
                fired = True
                self._emit(emit, items, self.params["sentence"], "句")
        if current is not None:
            flush()
