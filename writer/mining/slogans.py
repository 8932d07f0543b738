"""Four-character set phrases (四字格): candidates from segmentation, corpus statistics, a verdict per candidate.

Candidates are the four-character spans that jieba's segmentation leaves
whole (they start and end on word boundaries: 凝心/聚力, 走深/走实). For each
candidate a second pass over the text counts every occurrence (so a span that
usually straddles a word boundary, 为全县经 in 为全县经济…, has low
*solidity*), the characters on either side (boundary entropy), and how often
it stands alone between punctuation marks. The verdict then combines these
statistics with jieba's dictionary (tags ``i`` 成语, ``l`` 习用语) and the
shipped lists in data/slogans.yaml: genre slogans (always kept when they
occur), plain topic terms, and genre words that are neither. On a corpus of
many sources the verdict also reads how a phrase is used there
(data/mining/slogan_use.yaml): what follows it, whether it is quoted, whether
it closes and opens clauses, and the topic model's words in it.

Long because: the verdict is one decision (route, counts, use across sources)
best read top to bottom in one place, with the pass that feeds it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from writer.bank.records import Slogan
from writer.corpus.document import Document
from writer.mining import segment
from writer.mining.aphorisms import task_verbs
from writer.mining.pool import Progress, map_documents, shared
from writer.mining.segment import SLOGAN_LISTS
from writer.mining.spans import BOUNDARY, SpanPlaces, SpanStats, SpanTable, scan_documents

_EDGE_LISTS = ("mining/phrase_edges.yaml", ("bad_start", "bad_end", "inside", "function_edge"))


@lru_cache(maxsize=1)
def edge_chars() -> dict[str, frozenset[str]]:
    """data/mining/phrase_edges.yaml: the function characters a phrase never starts with
    (``bad_start``), ends with (``bad_end``) or holds (``inside``), and those a three-character
    word plus one does not make a term with (``function_edge``)."""
    from writer.io.datafiles import load_word_lists

    return {key: frozenset("".join(items)) for key, items in load_word_lists(*_EDGE_LISTS).items()}


def _bad_edges(text: str) -> bool:
    edges = edge_chars()
    return text[0] in edges["bad_start"] or text[-1] in edges["bad_end"] or any(ch in edges["inside"] for ch in text)


@lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """data/slogans.yaml: ``slogans`` (genre set phrases), ``terms`` (topic vocabulary),
    ``term_heads`` (second halves that make a term), ``not_phrases`` (neither)."""
    from writer.io.datafiles import load_word_lists

    return {key: frozenset(words) for key, words in load_word_lists(*SLOGAN_LISTS).items()}


@dataclass(frozen=True)
class SloganUse:
    """data/mining/slogan_use.yaml: how a phrase's use tells a term or a measure's name from a set phrase."""

    coinage_heads: float     # a phrase jieba does not know, followed by a term head this often, is a term
    quoted_coinage: float    # a phrase jieba does not know, quoted this often, names a measure
    quoted_name: float       # an idiom or repeated shape quoted this often names a policy or campaign
    followers_docs: int      # documents read per phrase to count what follows it
    coined_close: float      # a phrase jieba does not know closes its clause (punctuation after) this often
    coined_open: float       # … and opens one (punctuation before) this often
    repeat_open: float       # a repeated shape (走深走实) opens its clause this often
    unit_groups: int         # sources (folders) a coinage or repeated shape is used in, at least


@lru_cache(maxsize=1)
def slogan_use() -> SloganUse:
    from writer.io.datafiles import load_data

    return load_data("mining/slogan_use.yaml", SloganUse)


def entropy(chars: str | dict) -> float:
    """Shannon entropy (nats) of a neighbour distribution; punctuation neighbours count as distinct."""
    counter = Counter(chars) if isinstance(chars, str) else chars
    total = sum(counter.values())
    if not total:
        return 0.0
    h = 0.0
    alone = (1 / total) * math.log(1 / total)  # the same float every time: computed once
    for ch, c in counter.items():
        if ch in BOUNDARY:
            # Every boundary occurrence is an independent context: treat each as its own symbol.
            # Subtracted one at a time, as ever (c * alone would round differently).
            for _ in range(c):
                h -= alone
        else:
            p = c / total
            h -= p * math.log(p)
    return h


@dataclass(slots=True)
class Candidate:
    """Corpus statistics of one four-character span, as the verdict reads them."""

    text: str
    aligned: int = 0
    count: int = 0
    standalone: int = 0
    docs: int = 0
    left: str | dict = ""    # neighbouring characters, one per occurrence (or character → occurrences)
    right: str | dict = ""
    groups: int = 0          # source folders its documents come from (see ``source_group``)
    heads: float | None = None  # share of uses followed by a term head (工作, 机制…); None: not measured

    @property
    def stats(self) -> SpanStats:
        """Counts and neighbours."""
        return SpanStats(self.count, self.standalone, self.left, self.right)

    @property
    def solidity(self) -> float:
        """Share of occurrences where segmentation keeps the span whole."""
        return self.aligned / self.count if self.count else 0.0


LARGE_CORPUS = 30  # documents; from here on frequency can carry more of the weight
_NUMERALS = set("二三四五六七八九十两双百千万多几")
NOUNISH = ("n", "vn", "nz", "j", "an", "ng", "nt", "ns", "b", "s", "f")
# A half with a dictionary count at least this high is an ordinary free word.
FREE_WORD = 150
# A corpus whose documents come from this many source folders (one city's, one unit's
# reports each) can tell a shared phrase from one source's own coinage or programme.
SPREAD_GROUPS = 5
# On such a corpus an idiom is kept from two sources on, a phrase jieba does not know from three.
IDIOM_GROUPS, COINED_GROUPS = 2, 3
# Each side of a repeated-shape phrase (ABAC) needs this neighbour entropy: 一网一门 is always
# followed by 一 (一网一门一次), 上年上涨 always preceded by 比: pieces of a longer run.
REPEAT_SIDE_ENTROPY = 0.7
# A verb a tail at least this common in jieba's dictionary (开展, 打造) makes verb + verb a
# collocation (接续开展, 聚力打造); a noun tail this common makes a topic term (低保对象).
COMMON_TAIL = 500
COMMON_NOUN_TAIL = 1000
# A verb this common opens a verb + object phrase (坚持低碳), and closes a noun + verb term
# after a word jieba does not know (增材制造).
VERY_COMMON = 5000
# An idiom jieba tags as noun + noun whose tail is a noun at least this common names a group or a
# thing (孤寡老人, 黑恶势力, 忧患意识), not a set phrase: of jieba's 190 such idioms with a noun tail
# of 500 or more, 67 of the 73 from 2000 up that the shipped list does not hold are noun phrases;
# between 1000 and 2000 about half are (铺张浪费, 前因后果, 挖空心思 are set phrases).
IDIOM_NOUN_TAIL = 2000
# A side whose neighbour entropy stays under this share of the most it could be (ln count)
# marks the inside of a longer expression (人与自然 is nearly always followed by 和谐共生).
FIXED_SIDE = 0.25
FIXED_SIDE_MIN_COUNT = 10
# Three characters that are a jieba word of these tags plus one character are that word
# and a fragment: 越来越(d)+大, 国家级(b) after 家.
_WORD_PLUS_ONE_TAGS = ("d", "b", "r", "m", "c", "p", "q")


def source_group(doc: Document) -> str:
    """The folder a document's source file is in (gov-reports-city/上海市): documents of one
    folder are one source's (one city's reports over the years)."""
    return doc.source.rpartition("/")[0]


def _repeat_shape(text: str) -> str | None:
    """``ABAC`` (走深走实), ``AABB`` (实实在在), or None."""
    a, b, c, d = text
    if a == c and b != d:
        return "ABAC"
    if a == b and c == d and a != c:
        return "AABB"
    return None


def _varied(chars: str | dict) -> bool:
    """Neighbours on one side are not always the same character (else the span is part of a longer word)."""
    return any(ch in BOUNDARY for ch in chars) or len(set(chars)) >= 2


@dataclass(frozen=True, slots=True)
class Route:
    """What a span's text alone says (before any counting): which test its statistics must pass."""

    kind: str            # listed-slogan, listed-term, term3, idiom, term, repeat, rhetoric
    idiom_kind: str = ""  # for idioms: the kind they get if their counts hold (slogan/term)


def route(text: str, tags: dict[str, str | None], names: frozenset[str] | set[str], frequency=None) -> Route | None:
    """The verdict's first half: None when no count can make ``text`` a phrase worth keeping.

    ``tags`` maps the span, its two halves and its three-character prefix and
    suffix to jieba dictionary tags (None when jieba does not know the word);
    ``frequency`` gives a word's jieba dictionary count (two ordinary words side
    by side are a collocation, 始终保持, not a set phrase). Used before pass 2 to
    scan only spans that can still pass, and by ``verdict``.
    """
    lists = word_lists()
    # Every substring of two to four characters, against the names (faster than scanning the names).
    if text in lists["not_phrases"] or any(text[i:j] in names for i in range(3) for j in range(i + 2, 5)):
        return None
    if text in lists["slogans"]:
        return Route("listed-slogan")
    if text in lists["terms"]:
        return Route("listed-term")
    if _bad_edges(text):
        return None
    freq = frequency or (lambda w: 0)
    tag = tags.get(text)
    head, tail = text[:2], text[2:]
    head_tag, tail_tag = tags.get(head) or "", tags.get(tail) or ""
    f_head, f_tail = freq(head), freq(tail)
    # Two ordinary words side by side, or a very common word next to any dictionary word.
    compositional = (min(f_head, f_tail) >= FREE_WORD
                     or (max(f_head, f_tail) >= 50 * FREE_WORD and min(f_head, f_tail) > 0))
    # A noun at the front (危房改造, 城乡低保, 黑臭水体) makes a topic term, not rhetoric.
    nounish_head = head_tag in NOUNISH or (not head_tag and tail_tag in NOUNISH)
    term_like = tail in lists["term_heads"] or nounish_head or (tail_tag in NOUNISH and head_tag == "a")
    # 1 + 3 characters around a three-character noun: 全+产业链 is a term, 为+突破口 a fragment.
    for three, single in ((text[1:], text[0]), (text[:3], text[3])):
        if (tags.get(three) or "")[:1] == "n":
            return None if single in edge_chars()["function_edge"] else Route("term3")
    if tag in ("i", "l"):
        # jieba's idioms: real 成语 are not made of two ordinary words (始终保持 is);
        # its 习用语 (l) are often plain noun phrases (党群关系, 工作日内).
        if term_like and (tag == "l" or compositional or tail in lists["term_heads"]):
            return Route("idiom", "term")
        if compositional or (tag == "l" and tail_tag in NOUNISH):
            return None
        return Route("idiom", "slogan")
    if tag in ("n", "nz", "vn", "j") or term_like:
        if head_tag[:1] in ("r", "m", "q", "p", "c", "d", "v") and head_tag != "vn":
            return None
        return Route("term")
    if _repeat_shape(text):
        if text[0] in _NUMERALS or text[0] in "各每其该此本":
            return None  # 两严两准: a source's own programme; 各级各类: a plain enumeration
        return Route("repeat")
    # A rhetorical phrase jieba does not know (凝心聚力, 履职尽责): not two ordinary words,
    # not an adverb before a verb (坚决打好), no numeral (三高四新: a programme's name).
    if compositional or head_tag[:1] in ("p", "c", "r", "m", "q", "u", "d") or head_tag == "ad":
        return None
    if any(ch in _NUMERALS or ch == "一" for ch in text):
        return None
    return Route("rhetoric")


def verdict(cand: Candidate, tags: dict[str, str | None], names: frozenset[str] | set[str],
            n_docs: int, frequency=None, way: Route | None | bool = False, n_groups: int = 1,
            topic_words: frozenset[str] = frozenset()) -> str | None:
    """``slogan``, ``term`` or None (not a phrase worth keeping) for a candidate: its route, then its counts.

    ``way``: the span's route when already known (``route`` is the costly half);
    ``n_groups``: the corpus's source folders (``source_group``); ``topic_words``: the
    corpus's topic model (writer.mining.topics), whose words make a phrase a term.
    """
    if way is False:
        way = route(cand.text, tags, names, frequency)
    if way is None or cand.count == 0:
        return None
    if way.kind == "listed-slogan":
        return "slogan"
    if way.kind == "listed-term":
        return "term"
    large = n_docs >= LARGE_CORPUS
    if large:
        kind = _large_corpus_verdict(cand, tags, way, frequency or (lambda w: 0), n_groups, topic_words)
        if kind != "go on":
            return kind
    docs = cand.docs
    if way.kind == "term3":
        return "term" if _term_evidence(cand, large) else None
    if way.kind == "idiom":
        if cand.solidity < 0.5 or (large and (cand.count < 3 or docs < 2)):
            return None
        if way.idiom_kind == "term":
            return "term" if cand.count >= 2 else None
        return "slogan"
    if cand.solidity < (0.8 if large else 0.9):
        return None
    if way.kind == "term":
        return "term" if _term_evidence(cand, large) else None
    if way.kind == "repeat":
        if large:
            return "slogan" if cand.count >= 3 and docs >= 3 else None
        return "slogan" if (cand.standalone >= 1 or cand.count >= 2) else None
    # rhetoric: recurring as a unit, standing alone in lists and headings, free on both sides.
    st = cand.stats
    if docs < 2 or not (_varied(st.left) and _varied(st.right)):
        return None  # one document's own coinage (雪域羚城), or the inside of a longer word
    if large:
        ok = docs >= 5 and st.standalone >= 3 and entropy(st.left) + entropy(st.right) >= 2.0
    else:
        ok = (st.standalone >= 1 and docs >= 2) or st.standalone >= 2
    return "slogan" if ok else None


def _large_corpus_verdict(cand: Candidate, tags: dict[str, str | None], way: Route, freq,
                          n_groups: int, topic_words: frozenset[str] = frozenset()) -> str | None:
    """What a large corpus's statistics decide before the counts (None: not a phrase; "term";
    "go on": the counts decide)."""
    if n_groups >= SPREAD_GROUPS and way.kind in ("idiom", "repeat", "rhetoric"):
        # One source's coinage, programme or project (精网微格, 引滦入津, 一站一台).
        if cand.groups < (IDIOM_GROUPS if way.kind == "idiom" else COINED_GROUPS):
            return None
        named = _name_or_topic(cand, tags, way, topic_words)
        if named != "go on":
            return named
    st = cand.stats
    sides = (entropy(st.left), entropy(st.right))
    if (way.kind in ("idiom", "repeat", "rhetoric") and cand.count >= FIXED_SIDE_MIN_COUNT
            and min(sides) < FIXED_SIDE * math.log(cand.count)):
        return None
    text = cand.text
    head, tail = text[:2], text[2:]
    head_tag, tail_tag = tags.get(head) or "", tags.get(tail) or ""
    # jieba's 习用语 hold adverbs and numerals (更进一步, 稳中有升): only a measure word makes one a fragment.
    plus_one = _WORD_PLUS_ONE_TAGS if way.kind in ("repeat", "rhetoric") else ("q",) if tags.get(text) == "l" else ()
    if any((tags.get(three) or "")[:1] in plus_one for three in (text[:3], text[1:]) if tags.get(three)):
        return None  # 越来越+大, 每+平方米
    if way.idiom_kind == "slogan" and head_tag == "n" and tail_tag == "n" and freq(tail) >= IDIOM_NOUN_TAIL:
        return "term" if _term_evidence(cand, True) else None  # 孤寡老人: a group of people
    if way.kind == "idiom" and tail_tag == "c" and not _varied(st.right):
        return None  # 谋定而后+动: a conjunction, always followed by the same word, opens the rest of a saying
    use = _use_verdict(cand, way)
    if use != "go on":
        return use
    if n_groups >= SPREAD_GROUPS and not _used_as_a_unit(cand, tags, way):
        return None
    if way.kind == "repeat":
        # Pieces of a longer run, or two ordinary words side by side (处理处置, 实现实时).
        if min(sides) < REPEAT_SIDE_ENTROPY or min(freq(head), freq(tail)) >= FREE_WORD:
            return None
    if way.kind == "rhetoric":
        if head_tag.startswith("v") and (freq(head) >= VERY_COMMON or (tail_tag == "v" and freq(tail) >= COMMON_TAIL)):
            return None
        if (tail_tag == "n" and freq(tail) >= COMMON_NOUN_TAIL) or (not head_tag and tail_tag == "v"
                                                                     and freq(tail) >= VERY_COMMON):
            return "term" if _term_evidence(cand, True) else None
    return "go on"


# jieba's tags of a whole span that name someone or something (阿里巴巴 nrt, a place, an organisation).
_NAME_TAGS = ("nrt", "ns", "nt")


def _name_or_topic(cand: Candidate, tags: dict[str, str | None], way: Route,
                   topic_words: frozenset[str]) -> str | None:
    """None for a name (jieba's word for a person, place or body: 阿里巴巴), "term" (or None when too
    thin for one) for a coinage or idiom with a half from the topic model (化解存量, 有偿转让: a
    topic's work, not a set phrase), else "go on"."""
    if tags.get(cand.text) in _NAME_TAGS:
        return None
    text = cand.text
    if way.kind in ("idiom", "rhetoric") and (text[:2] in topic_words or text[2:] in topic_words):
        return "term" if _term_evidence(cand, True) else None
    return "go on"


def _used_as_a_unit(cand: Candidate, tags: dict[str, str | None], way: Route) -> bool:
    """Whether a coinage or repeated shape is used as a set phrase across many sources
    (data/mining/slogan_use.yaml): a coinage jieba does not know closes its clause (punctuation
    after) and opens one often enough; a repeated shape opens its clause (节能节水技术, 脱硫脱硝设施
    follow a verb and lead a noun); either is used in ``unit_groups`` sources or more."""
    use = slogan_use()
    if way.kind == "rhetoric" and tags.get(cand.text) is None:
        return (_bounded(cand.right) >= use.coined_close and _bounded(cand.left) >= use.coined_open
                and cand.groups >= use.unit_groups)
    if way.kind == "repeat":
        return _bounded(cand.left) >= use.repeat_open and cand.groups >= use.unit_groups
    return True


def _bounded(chars: str | dict) -> float:
    """Share of the neighbours on one side that are punctuation or a text's edge."""
    counter = Counter(chars) if isinstance(chars, str) else chars
    total = sum(counter.values())
    return sum(n for ch, n in counter.items() if ch in BOUNDARY) / total if total else 0.0


def _use_verdict(cand: Candidate, way: Route) -> str | None:
    """What the use of a phrase says on a large corpus (data/mining/slogan_use.yaml):
    a term or the name of a measure, policy or campaign ("term", or None when its counts are too thin for one), or "go on".

    Term heads only for these coinages: a repeated shape or an idiom takes objects that look like
    term heads (兜住兜牢/民生底线, 扎紧扎牢/制度笼子), and the reading found no threshold telling
    them apart. Quotation marks for all three, an idiom's or a repeated shape's at a higher share:
    writers quote a real idiom now and then, a policy's or campaign's name almost always.
    """
    use = slogan_use()
    as_term = "term" if _term_evidence(cand, True) else None
    heads = cand.heads or 0.0
    quoted = min(_share(cand.left, "“"), _share(cand.right, "”"))
    if way.kind in ("idiom", "repeat") and quoted >= use.quoted_name:
        return as_term  # “一国两制”, “门前三包”, “一老一小”: written as a name nearly every time
    if way.kind == "rhetoric":
        if cand.text[:2] in task_verbs():
            return None     # 加大减税, 确保国控, 持续唱响: a task verb and the start of its object
        if quoted >= use.quoted_coinage or heads > use.coinage_heads:
            return as_term  # “照后减证”: a measure's name; 节能减排任务, 容缺受理机制: a term
    return "go on"


def _share(chars: str | dict, ch: str) -> float:
    """Share of the neighbours on one side that are ``ch``."""
    counter = Counter(chars) if isinstance(chars, str) else chars
    total = sum(counter.values())
    return counter.get(ch, 0) / total if total else 0.0


def _term_evidence(cand: Candidate, large: bool) -> bool:
    """A term recurs, across documents, with varied neighbours (not the inside of a longer word)."""
    st = cand.stats
    docs = cand.docs
    if large:
        return (st.count >= 8 and docs >= 5 and cand.solidity >= 0.9
                and entropy(st.left) >= 1.0 and entropy(st.right) >= 1.0)
    return st.count >= 2 and docs >= 2 and _varied(st.left) and _varied(st.right)


# ---------------------------------------------------------------- the step: candidates → scan → verdicts

class SpanTags:
    """A span's dictionary tags (whole, halves, three-character ends), as route() and verdict() want them."""

    def __init__(self):
        self.fixes, self.table = segment.overrides(), segment.word_tags()

    def __call__(self, span: str) -> dict[str, str | None]:
        # segment.dictionary_tag, with its two tables looked up once (called for every span examined).
        fixes, table = self.fixes, self.table
        out = {}
        for w in (span, span[:2], span[2:], span[1:], span[:3]):
            tag = fixes.get(w)
            out[w] = table.get(w) if tag is None else tag
        return out


MIN_REPEATS = 2  # on a large corpus, pass 1's occurrences and documents a span needs to be scanned at all


def scannable_counts(aligned: Counter, aligned_docs: Counter, consume: bool = False) -> tuple[Counter, Counter]:
    """Pass 1's span counts of a large corpus restricted to what ``mine_slogans`` reads: the
    spans with ``MIN_REPEATS`` occurrences and documents, and the shipped lists' phrases.

    Most spans occur once; dropped right after pass 1, they no longer sit in memory through
    pass 2 and the verdicts, and the bank is the same (no other span's counts are read).
    ``consume``: empty each input as soon as it is read (the whole counts' table is gone
    before the second kept one is built).
    """
    lists = word_lists()
    shipped = lists["slogans"] | lists["terms"]
    docs_of = aligned_docs.get
    # Filled from generators: a Counter made from a dict comprehension copies it, two tables of
    # the kept spans at once beside the whole counts (the peak of this stage).
    kept, kept_docs = Counter(), Counter()
    dict.update(kept, ((s, c) for s, c in aligned.items()
                       if (c >= MIN_REPEATS and docs_of(s, 0) >= MIN_REPEATS) or s in shipped))
    if consume:
        aligned.clear()
    dict.update(kept_docs, ((s, aligned_docs[s]) for s in kept if s in aligned_docs))
    if consume:
        aligned_docs.clear()
    return kept, kept_docs


def _worth_scanning(span: str, aligned: int, aligned_docs: Counter, large: bool) -> bool:
    """Whether a span could pass a verdict, judged before pass 2 from pass 1's counts.

    On a large corpus every verdict asks for repetition across documents; spans
    that cannot meet it are not scanned (pass 2's time grows with the candidates).
    """
    if large:
        # Counts first: they rule out most spans at the cost of a lookup.
        if aligned < 2:
            return False
        docs = aligned_docs.get(span, 0)
        if docs < 2 or ((aligned < 3 or docs < 3) and segment.dictionary_tag(span) not in ("i", "l")):
            return False
    return _candidate_ok(span)


def _candidate_ok(span: str) -> bool:
    return not _bad_edges(span)



def mine_slogans(documents: list[Document], aligned: Counter, aligned_docs: Counter, all_names: frozenset[str],
                 jobs: int, progress: Progress | None, lap, timings: dict | None = None,
                 topic_words: frozenset[str] = frozenset(), consume: bool = False) -> list[Slogan]:
    """The bank's slogans and terms, most used first (``lap(stage)`` marks the end of each stage;
    ``topic_words``: the topic model's words, see ``verdict``).

    ``consume``: empty ``aligned`` and ``aligned_docs`` once the candidates and their counts are
    taken (the caller needs them no more): on a large corpus they hold hundreds of thousands of
    spans, which would otherwise sit under pass 2's tables.
    """
    n_docs = len(documents)
    large = n_docs >= LARGE_CORPUS
    lists = word_lists()
    tags_of = SpanTags()
    # Only spans whose text can still pass a verdict are scanned (pass 2's time grows with them).
    if large:
        # Counts first, in one comprehension: they rule out most of the spans cheaply.
        docs_of = aligned_docs.get
        maybe = [s for s, c in aligned.items() if c >= MIN_REPEATS and docs_of(s, 0) >= MIN_REPEATS]
    else:
        maybe = list(aligned)
    # Span by span in the --jobs workers, in order (pool.map_documents over the spans).
    routes = {s: way for part in map_documents(_routes_of, (maybe, aligned, aligned_docs, large, all_names),
                                               [1] * len(maybe), jobs) for s, way in part}
    candidates = set(routes) | lists["slogans"] | lists["terms"]
    if timings is not None:
        timings["candidates"] = len(candidates)
    solid = {s: aligned[s] for s in candidates if s in aligned}
    if consume:
        aligned.clear()
        aligned_docs.clear()
    lap("select")
    table = SpanTable()
    for part in scan_documents(documents, frozenset(candidates), jobs, progress):
        table.merge(part)  # merged as they come, in document order
    groups = [source_group(doc) for doc in documents]
    merged = {span: Candidate(span, solid.get(span, 0), count, table.standalone.get(span, 0),
                              len(table.docs[span]), table.left.get(span, {}), table.right.get(span, {}),
                              len({groups[d] for d in table.docs[span]}))
              for span, count in table.counts.items()}
    lap("scan")
    n_groups = len(set(groups))
    def judge(span: str) -> str | None:
        return verdict(merged[span], tags_of(span), all_names, n_docs, segment.dictionary_frequency,
                       routes.get(span, False), n_groups, topic_words)

    spans = sorted(merged)
    kinds = {span: kind for part in map_documents(_kinds_of, (spans, judge), [1] * len(spans), jobs)
             for span, kind in part}
    where = SpanPlaces(table, documents)
    if large:
        # What follows a phrase is read only for the slogans the counts left standing.
        mined = [s for s, k in kinds.items() if k == "slogan" and s not in lists["slogans"]]
        for span, share in term_head_shares(mined, where, lists["term_heads"]).items():
            merged[span].heads = share
            kinds[span] = judge(span)
        kinds.update(moment_verdicts(kinds, routes, merged, where, documents))
    slogans = _slogan_records({s: k for s, k in kinds.items() if k is not None}, merged, where, documents)
    lap("verdicts")
    return slogans


def _routes_of(indexes: range) -> list[tuple[str, Route]]:
    """(span, route) of the spans ``indexes`` of ``maybe`` worth scanning that can still pass."""
    maybe, aligned, aligned_docs, large, all_names = shared()
    tags_of, out = SpanTags(), []
    for s in (maybe[i] for i in indexes):
        if _worth_scanning(s, aligned[s], aligned_docs, large):
            way = route(s, tags_of(s), all_names, segment.dictionary_frequency)
            if way is not None:
                out.append((s, way))
    return out


def _kinds_of(indexes: range) -> list[tuple[str, str | None]]:
    """(span, verdict) of the spans ``indexes`` of the sorted candidates."""
    spans, judge = shared()
    return [(spans[i], judge(spans[i])) for i in indexes]


# A phrase jieba does not know that all its documents wrote within two consecutive years, on a corpus of
# ten years or more, is that moment's measure or quotation, no set phrase of the genre (reused over the
# years): on the city bank all 4 such phrases were (捂盘惜售 2010, 原拆原建 2026, 自审自发 2025–26, and
# 做则必成 of 事虽难，做则必成 2023–24).
MOMENT_YEARS, CORPUS_YEARS = 1, 10


def moment_verdicts(kinds: dict[str, str | None], routes: dict[str, Route], merged: dict[str, Candidate],
                    where: SpanPlaces, documents: list[Document]) -> dict[str, str | None]:
    """span → its new kind ("term", or None when too thin for one) for the coinages and repeated
    shapes judged slogans whose documents' years lie within MOMENT_YEARS of each other."""
    corpus_years = [doc.year for doc in documents if doc.year is not None]
    if not corpus_years or max(corpus_years) - min(corpus_years) < CORPUS_YEARS:
        return {}
    out: dict[str, str | None] = {}
    for span, kind in kinds.items():
        way = routes.get(span)
        if kind != "slogan" or way is None or way.kind not in ("rhetoric", "repeat"):
            continue
        years = {documents[d].year for d in where.doc_indexes(span)} - {None}
        if years and max(years) - min(years) <= MOMENT_YEARS:
            out[span] = "term" if _term_evidence(merged[span], True) else None
    return out


def term_head_shares(spans: list[str], where: SpanPlaces, heads: frozenset[str]) -> dict[str, float]:
    """span → share of its uses followed by a term head (节能减排/任务, 容缺受理/机制), read in the
    first ``followers_docs`` documents holding it, each document's text built once."""
    by_doc: dict[int, list[str]] = {}
    for span in spans:
        for d in where.doc_indexes(span)[:slogan_use().followers_docs]:
            by_doc.setdefault(d, []).append(span)
    followed: Counter = Counter()
    uses: Counter = Counter()
    for d in sorted(by_doc):
        text = where.text(d)
        for span in by_doc[d]:
            at = text.find(span)
            while at >= 0:
                uses[span] += 1
                followed[span] += text[at + 4:at + 6] in heads or text[at + 4:at + 7] in heads
                at = text.find(span, at + 4)
    # One use before a head is no evidence (互促共进机制 once in fourteen uses).
    return {span: followed[span] / uses[span] if followed[span] >= 2 else 0.0 for span in spans if uses[span]}


def _slogan_records(kinds: dict[str, str], merged: dict[str, Candidate], where: SpanPlaces,
                    documents: list[Document]) -> list[Slogan]:
    slogans: list[Slogan] = []
    examples = where.examples(kinds)
    for span, kind in kinds.items():
        cand = merged[span]
        doc_indexes = where.doc_indexes(span)
        years = [documents[d].year for d in doc_indexes if documents[d].year is not None]
        slogans.append(Slogan(text=span, kind=kind, count=cand.count, docs=cand.docs,
                              doc_ids=[documents[d].id for d in doc_indexes],
                              first_year=min(years) if years else None,
                              last_year=max(years) if years else None,
                              examples=examples[span]))
    slogans.sort(key=lambda s: (s.kind != "slogan", -s.docs, -s.count, s.text))
    return slogans
