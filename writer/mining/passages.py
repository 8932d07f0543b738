"""Opening (帽子) and closing paragraphs as templates: the source's names, years and numbers become slots.

Slots (docs/bank-format.md): ``{org}`` the document's organisation (德宏州党委),
``{place}`` a place of the source (德宏州, 平川; ``{place}委`` reads 州委/市委
once filled), ``{person}`` a person's name, ``{year}`` / ``{last_year}`` /
``{next_year}`` the document's year and its neighbours, ``{period}`` a
five-year plan (“十四五”), ``{topic}`` the document's topic taken from its
title (人才, 统一战线), ``{num}`` any other number or ordinal.

Long because: the slots, the sentences they may not go into and the step that drafts every
document's opening and closing (in worker processes) read best together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from writer.bank.records import Passage
from writer.corpus.document import Document
from writer.mining.names import ORG, PERSON, PLACE
from writer.mining.places import join_set_phrases, split_places, without_prefix
from writer.mining.pool import map_documents, shared
from writer.mining.segment import is_cjk
from writer.mining.templates_local import QUOTED, local_quotes
from writer.mining.templates_sentences import (PERIOD, _passage_words, fact_sentence, fragment, two_places,
                                                two_periods, without_lead_in)
from writer.mining.titles import TitleEntities
from writer.zh import DIGIT

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.%])")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_PERIOD = PERIOD
_CN_ORDINAL = re.compile(r"(第)?(?<!新)[一二三四五六七八九十百零两]{1,4}(?=届|次代表大会|次党代会|次全会|次全体会议)")
_CN_DI = re.compile(r"第[一二三四五六七八九十百零两]{1,4}(?=次|个|批|届|轮)")
# An anniversary counted in Chinese numerals (改革开放三十周年, 第二十周年) is a fact of its year: under a
# year slot it would be false for any other, so it is a slot like 60周年.
_CN_ANNIVERSARY = re.compile(r"(?<![一二三四五六七八九十百零两])[一二三四五六七八九十百零两]{1,4}(?=周年)")
_SLOT_BY_KIND = {PLACE: "{place}", ORG: "{org}", PERSON: "{person}"}


@lru_cache(maxsize=1)
def _generic_topics() -> frozenset[str]:
    """Title topics too general to become ``{topic}`` (政治, 重点; data/mining/passages.yaml)."""
    return frozenset(_passage_words("generic_topics"))


class NameIndex:
    """Finds which of many names occur in a text, by their first two characters (no scan per name)."""

    def __init__(self, names):
        self.by_head: dict[str, list[str]] = {}
        for name in names:
            if len(name) >= 2:
                self.by_head.setdefault(name[:2], []).append(name)

    def find(self, text: str) -> set[str]:
        """The names occurring in ``text``."""
        out: set[str] = set()
        by_head = self.by_head
        for i in [i for i in range(len(text) - 1) if text[i:i + 2] in by_head]:
            for name in by_head[text[i:i + 2]]:
                if text.startswith(name, i):
                    out.add(name)
        return out


def name_slots(names: dict[str, str], entities: TitleEntities, corpus: dict[str, str] | None = None) -> dict[str, str]:
    """name → slot for one document: its own organisation is ``{org}``, places ``{place}``…

    ``corpus``: the corpus's name kinds, for a body whose place this document
    names only with the body (中共大连市委 → 中共{place}委, not 中共{org}: the
    user's own organisation is not the party committee of its place)."""
    slots = {name: _SLOT_BY_KIND.get(kind, "{place}") for name, kind in names.items()}
    # A place's body (秦皇岛市委, 某某县人民政府) is not this document's organisation: only its
    # place is a slot, so the template reads {place}委, {place}县人民政府 (the user's place fills it).
    bodies = _org_bodies()
    for name, kind in names.items():
        if kind == ORG:
            rest = without_prefix(name)
            body = next((b for b in bodies if rest.endswith(b) and PLACE in (
                names.get(rest[:-len(b)]), (corpus or {}).get(rest[:-len(b)]))), None)
            if body:
                # 中共{place}委, {place}人民政府: {place} stands for the full name, suffix included.
                tail = body[1:] if len(body) > 1 and body[0] in _DIVISION_SUFFIXES else body
                slots[name] = name[:len(name) - len(rest)] + "{place}" + tail
    if entities.org:
        slots[entities.org] = "{org}"
    return slots


def replace_names(text: str, slots: dict[str, str], index: NameIndex | None = None,
                  tokens: list[str] | None = None, context_only: frozenset[str] = frozenset(),
                  places: list[set[str]] | None = None) -> str:
    """Every name of ``slots`` in ``text`` replaced by its slot, on word boundaries only.

    A name counts where it is whole words of jieba's segmentation of ``text``
    (``tokens``, cut here when not given), the longest run first: 平川 in
    平川/区委, never 和市 in 省政府/和/市委 — a slot never splits a word. A
    name of ``context_only`` (a place name that is also an ordinary word:
    惠民, 振兴) becomes a slot only where the text shows a place: followed by a
    place suffix or an organisation (惠民/县, 振兴/区委), or an item of a list
    beside another name (振兴、元宝); elsewhere it is the word (惠民/生).
    ``places``, when given, receives the names each ``{place}`` slot of the result stands for
    (a run of names one slot covers, 甘肃张掖, is one set).
    """
    present = index.find(text) if index is not None else [n for n in slots if n and n in text]
    if not present:
        return text
    present = set(present)
    if tokens is None:
        from writer.mining.segment import cut

        tokens = cut(text)
    tokens = join_set_phrases(split_places(tokens, present))
    longest = max(map(len, present))
    glue = _glue_words()
    out: list[str] = []
    last_place = -1  # where in ``out`` the last bare {place} slot stands
    i, n = 0, len(tokens)
    while i < n:
        width, rest, slot, hit = _name_at(tokens, i, present, longest, glue, slots, context_only)
        if width:
            if places is not None and "{place}" in slot:
                last_place = _record_place(places, out, last_place, slot, hit)
            out += [slot, rest]
            i += width
            if slot == "{place}" and not rest and i < n:
                # {place} stands for the full name with its suffix (肃南县): a suffix left behind by a
                # stem-only name is absorbed ({place}/县 → {place}, {place}/区委 → {place}委), a word
                # that merely starts with one is not (区域, 市场, 市民).
                absorbed = _absorbed_suffix(tokens[i])
                if absorbed is not None:
                    out.append(absorbed)
                    i += 1
        else:
            out.append(tokens[i])
            i += 1
    # 甘肃张掖 → {place}{place}: one place.
    return re.sub(r"(\{place\})(?:\1)+", r"\1", "".join(out))


def _name_at(tokens: list[str], i: int, present: set[str], longest: int, glue: frozenset[str],
             slots: dict[str, str], context_only: frozenset[str]) -> tuple[int, str, str, str]:
    """(tokens it covers, the glued word left after it, its slot, the name) of the longest name of
    ``present`` starting at token ``i``; width 0 when none does."""
    n = len(tokens)
    width, rest, joined, slot, hit = 0, "", "", "", ""
    for j in range(i, min(n, i + 6)):
        joined += tokens[j]
        if len(joined) > longest:
            break
        if joined in present:
            if joined not in context_only or _place_context(tokens, i, j + 1, present, context_only):
                width, rest, slot, hit = j - i + 1, "", slots[joined], joined
        elif j + 1 < n and not width:
            # 王荣/文说, 合作/市以: the segmenter glued the word after the name to its end.
            nxt = tokens[j + 1]
            for c in range(1, len(nxt)):
                name = joined + nxt[:c]
                if nxt[c:] in glue and name in present and name not in context_only:
                    width, rest, slot, hit = j - i + 2, nxt[c:], slots[name], name
                    break
    return width, rest, slot, hit


def _record_place(places: list[set[str]], out: list[str], last_place: int, slot: str, hit: str) -> int:
    """Add the name ``hit`` of a {place}-holding ``slot`` about to be appended to ``out`` to ``places``;
    returns where the last bare {place} slot now stands (-1: none to merge with)."""
    # A slot right after a bare {place} slot is merged with it at the end (甘肃张掖 → one {place}).
    if slot == "{place}" and 0 <= last_place and not "".join(out[last_place + 1:]):
        places[-1].add(hit)
    else:
        places.append({hit})
    return len(out) if slot == "{place}" else -1


_DIVISION_SUFFIXES = "省市州县区"
_LIST_ENDS = frozenset("、，。；：和及与等")


def _absorbed_suffix(token: str) -> str | None:
    """What stays of the token after a {place} slot: "" for a lone suffix (县), the rest of an
    organisation or glued word headed by one (区委 → 委, 市委常委 → 委常委, 市以 → 以); None when it
    is another word (区域, 市场)."""
    from writer.mining.places import glued_suffix

    if not token or token[0] not in _DIVISION_SUFFIXES:
        return None
    if len(token) == 1:
        return ""
    words = _org_words_set()
    if glued_suffix(token) or any(token[:k] in words for k in range(2, len(token) + 1)):
        return token[1:]  # 区委, 市以, 市委常委 (an organisation word heads it)
    return None


def _place_context(tokens: list[str], start: int, end: int, present: set[str],
                   context_only: frozenset[str]) -> bool:
    """Whether the words tokens[start:end] stand where the text shows a place: before a place
    suffix or an organisation word, or as an item of a list beside a name that is a place anywhere."""
    from writer.mining.places import glued_suffix

    nxt = tokens[end] if end < len(tokens) else ""
    if nxt in _place_words() or glued_suffix(nxt) or (nxt[:1] in _DIVISION_SUFFIXES and nxt in _org_words_set()):
        return True

    def strong(word: str) -> bool:
        return word in present and word not in context_only

    if start >= 2 and tokens[start - 1] == "、" and strong(tokens[start - 2]) and (not nxt or nxt in _LIST_ENDS):
        return True
    return nxt == "、" and end + 1 < len(tokens) and strong(tokens[end + 1])


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Place suffixes standing alone (市, 县, 街道) and organisation words (市委, 人民政府)."""
    from writer.mining.names import name_lists

    lists = name_lists()
    return lists["place_suffixes"] | lists["standalone_suffixes"] | lists["org_words"]


@lru_cache(maxsize=1)
def _org_words_set() -> frozenset[str]:
    from writer.mining.names import name_lists

    return name_lists()["org_words"]


@lru_cache(maxsize=1)
def _org_bodies() -> tuple[str, ...]:
    """The organisation words after a place (市委, 人民政府, 消防支队), longest first (data/mining/names.yaml)."""
    from writer.mining.names import name_lists

    return tuple(sorted(name_lists()["org_words"], key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def _glue_words() -> frozenset[str]:
    """Words the segmenter may glue to the end of a name (说, 以, 的…: data/mining/names.yaml)."""
    from writer.mining.names import name_lists

    lists = name_lists()
    return lists["not_in_name"] | lists["person_after"]


def holds_name(template: str, context_only: frozenset[str] = frozenset()) -> bool:
    """Whether a template still holds a division's name as words (any level, full or short form;
    the gazetteer's context names and ``context_only`` only where the text shows a place)."""
    from writer.mining.places import gazetteer_holds
    from writer.mining.segment import cut

    return any(gazetteer_holds(cut(piece), context_only) for piece in _SLOT.split(template) if piece)


_SLOT = re.compile(r"\{[a-z_]+\}")


def replace_numbers(text: str, year: int | None) -> str:
    """Years relative to the document's year, five-year plans, ordinals and numbers as slots."""
    def year_slot(m: re.Match) -> str:
        y = int(m.group(1))
        if year is not None:
            if y == year:
                return "{year}"
            if y == year + 1:
                return "{next_year}"
            if y == year - 1:
                return "{last_year}"
        return "{num}"
    text = _PERIOD.sub("{period}", text)
    text = _YEAR.sub(year_slot, text)
    text = _NUMBER.sub("{num}", text)
    text = _CN_ORDINAL.sub(lambda m: (m.group(1) or "") + "{num}", text)
    text = _CN_DI.sub("第{num}", text)
    return _CN_ANNIVERSARY.sub("{num}", text)


def replace_topic(text: str, topic: str | None) -> str:
    """The document's topic (from its title) as ``{topic}``; a short one only before 工作."""
    if not topic or topic in _generic_topics() or len(topic) < 2 or "{" in topic:
        return text
    if len(topic) >= 4:
        return text.replace(topic, "{topic}")
    return text.replace(topic + "工作", "{topic}工作")


def make_template(text: str, slots: dict[str, str], entities: TitleEntities, year: int | None,
                  index: NameIndex | None = None, context_only: frozenset[str] = frozenset(),
                  places: list[set[str]] | None = None) -> str:
    """The template of one paragraph: names, then topic, then numbers replaced.

    ``index`` (a NameIndex of exactly the names of ``slots``) makes finding them fast;
    ``context_only``: names that are slots only where the text shows a place (replace_names);
    ``places`` receives the names of each {place} slot (replace_names).
    Check the result with ``holds_name`` before shipping it.
    """
    out = replace_names(text, slots, index, context_only=context_only, places=places)
    out = replace_topic(out, entities.topic)
    out = replace_numbers(out, year)
    # A digit that survived (inside an unusual token) must still not leak a fact.
    return DIGIT.sub("{num}", out) if DIGIT.search(out) else out


# ---------------------------------------------------------------- the step: openings and closings

class _Overlay(dict):
    """A document's name slots over the corpus's, without copying the corpus's every time."""

    def __init__(self, base: dict, top: dict):
        super().__init__(top)
        self.base = base

    def __missing__(self, key):
        return self.base[key]


def mine_passages(documents: list[Document], analyses: list, names_kind: dict[str, str],
                  index: NameIndex, jobs: int = 1) -> tuple[list[Passage], list[Passage]]:
    """Every document's opening and closing, with its template (pass 1's ``analyses`` give the names).

    Names that are also ordinary words are slots only in a place's context:
    the gazetteer's context names, and its names this corpus uses bare in the
    documents of many sources (names.ordinary_in_corpus: 富民, 港口) or writes
    everywhere as another word (common_words.common_gazetteer_words: 安康). A
    sentence of one source's facts (statistics, dated events, a list of its
    places) is left out of the template, and so are a lead's paragraphs past
    the first few hundred characters (the review itself, not its opening) and,
    in a corpus of many sources, the sentences holding one place's own words
    (templates_local: 首都, 海峡西岸, 自治区党委), and the sentences still holding a
    landmark or a word taken for a place (places.dictionary_places: 珠江, 百川).
    The drafts are made document by document in ``jobs`` processes (``pool.map_documents``).
    """
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.common_words import common_gazetteer_words
    from writer.mining.places import dictionary_places, ordinary_in_corpus, source_of, titled

    gaz = load_gazetteer()
    taken_for_places = dictionary_places(names_kind, gaz)
    landmarks = NameIndex(taken_for_places)
    # A context name some title holds is a source's own place (合肥, 大连): a slot wherever it stands.
    corpus_context = (gaz.context - titled(documents, gaz.context)) | ordinary_in_corpus(
        documents, analyses, names_kind, gaz) | common_gazetteer_words(documents, analyses, names_kind, gaz) \
        | taken_for_places
    local = local_quotes(documents)  # templates_local
    global_slots = name_slots(names_kind, TitleEntities())
    drafts: list[_Draft] = []
    inputs = (documents, analyses, names_kind, global_slots, corpus_context, index, local)
    sizes = [sum(map(len, doc.lead)) + sum(map(len, doc.closing)) for doc in documents]
    for part in map_documents(_drafts_of, inputs, sizes, jobs):
        for draft in part:
            if draft.context_only is None:  # the corpus's set, not sent back by a worker once per draft
                draft.context_only = corpus_context
            drafts.append(draft)
    own_words, wide = _own_place_words(documents, drafts)
    specific = _specific_phrases(documents, drafts)
    openings: list[Passage] = []
    closings: list[Passage] = []
    for draft in drafts:
        doc = documents[draft.doc]
        passage = _passage(doc, draft, own_words.get(source_of(doc.id), frozenset()), wide, landmarks, specific)
        if passage:
            (openings if draft.kind == "opening" else closings).append(passage)
    return openings, closings


def _drafts_of(indexes: range) -> list[_Draft]:
    """The opening and closing drafts of a run of documents (``context_only`` None where it is the
    corpus's own set: a worker would pickle that set with every draft)."""
    documents, analyses, names_kind, global_slots, corpus_context, index, local = shared()
    drafts = []
    for d in indexes:
        doc, an = documents[d], analyses[d]
        # The corpus's names, with this document's own kinds and its organisation on top
        # (a name the corpus found to be an ordinary word is no slot here either).
        own = {n: k for n, k in {**an.names, **an.lead_names}.items() if n in names_kind}
        slots = _Overlay(global_slots, name_slots(own, an.entities, names_kind))
        # A place the title names is this document's own: a slot wherever it stands (孝感 in 孝感's report).
        own_places = {n for n in (an.entities.place, *an.entities.parts) if n}
        # Shared when nothing is taken out: a copy per document cost tens of MB on a large corpus.
        context_only = corpus_context - own_places if not own_places.isdisjoint(corpus_context) else corpus_context
        for kind, paragraphs in (("opening", _opening_part(doc.lead)), ("closing", doc.closing)):
            parts = [_templated_sentences(p, slots, an.entities, doc.year, index, context_only, local)
                     for p in paragraphs]
            drafts.append(_Draft(d, kind, [part for part in parts if part],
                                 None if context_only is corpus_context else context_only))
    return drafts


@dataclass
class _Draft:
    """A document's opening or closing as template sentences, paragraph by paragraph."""

    doc: int
    kind: str  # "opening" or "closing"
    paragraphs: list[list[tuple[str, str]]]  # (sentence, its template)
    context_only: frozenset[str]


def _own_place_words(documents: list[Document], drafts: list[_Draft]) -> tuple[dict[str, frozenset[str]],
                                                                              frozenset[str] | None]:
    """source → the words of one place its templates hold (templates_local.local_words), and the
    words any place's templates hold (wide_words; None where the sources are too few to tell)."""
    from writer.mining.places import source_of
    from writer.mining.templates_local import local_words, place_related, template_words, wide_words

    sources = [source_of(doc.id) for doc in documents]
    if len(set(sources)) < place_related().min_sources:
        return {}, None  # the seed, a unit's own corpus: nothing to compare with (and no jieba here)
    words: dict[str, set[str]] = {}
    by_doc: dict[int, set[str]] = {}
    for draft in drafts:
        for paragraph in draft.paragraphs:
            for _, template in paragraph:
                if template not in words:
                    words[template] = template_words(template)
                by_doc.setdefault(draft.doc, set()).update(words[template])
    return local_words(documents, sources, by_doc), wide_words(by_doc, sources)


def _specific_phrases(documents: list[Document], drafts: list[_Draft]) -> frozenset[str]:
    """The positionings, campaigns and events of the drafts' sentences that are one place's
    (templates_spread: judged by their spread in the shipped reference and over the corpus's provinces)."""
    from writer.mining.places import source_of
    from writer.mining.templates_spread import specific_phrases, spread_candidates

    sources = [source_of(doc.id) for doc in documents]
    candidates = {c for draft in drafts for paragraph in draft.paragraphs for _, tpl in paragraph
                  for c in spread_candidates(tpl)}
    return specific_phrases(documents, sources, candidates)


def _passage(doc: Document, draft: _Draft, own_words: frozenset[str], wide: frozenset[str] | None,
             landmarks: NameIndex, specific: frozenset[str] = frozenset()) -> Passage | None:
    """The draft as a passage, without the sentences holding one place's words, naming a goal
    not any place's (templates_local.narrow_goal), holding one place's positioning or event
    (``specific``: templates_spread) or holding a landmark or a word taken for a place
    (``landmarks``: places.dictionary_places); None when too short or when a name the slots
    missed is left."""
    from writer.mining.templates_local import narrow_goal, template_words
    from writer.mining.templates_spread import holds_specific

    goal_verbs = _passage_words("goal_verbs")
    kept = [[(t, tpl) for t, tpl in paragraph if (not own_words or own_words.isdisjoint(template_words(tpl)))
             and (wide is None or not narrow_goal(tpl, wide, goal_verbs)) and not _holds_word(tpl, landmarks)
             and not holds_specific(tpl, specific)] for paragraph in draft.paragraphs]
    pairs = [("".join(t for t, _ in k), "".join(tpl for _, tpl in k)) for k in without_lead_in(kept) if k]
    if not pairs or sum(len(tpl) for _, tpl in pairs) < _MIN_TEMPLATE:
        return None
    template = "\n".join(tpl for _, tpl in pairs)
    if holds_name(template, draft.context_only):
        return None  # a name the slots missed: dropped, not shipped
    text = "\n".join(t for t, _ in pairs)
    return Passage(text=text, template=template, doc_id=doc.id, source=doc.title, year=doc.year)


def _holds_word(template: str, index: NameIndex) -> bool:
    """Whether a name of ``index`` stands in the template as a word of the segmenter's cut (百川 of
    百川汇海, 中极 of 历程中极不平凡), not merely inside one (都市 of 大都市)."""
    found = index.find(template)
    if not found:
        return False
    from writer.mining.segment import cut

    return any(not found.isdisjoint(cut(piece)) for piece in _SLOT.split(template) if piece)


# A lead is its first paragraphs up to this many characters (a longer lead runs into the review);
# a template shorter than _MIN_TEMPLATE once its fact sentences are out is a fragment ({last_year}年，),
# while a couplet left alone still opens a review (历史的画卷，总是在砥砺前行中徐徐展开；…: 38).
_LEAD_CHARS = 600
_MIN_TEMPLATE = 20


def _opening_part(paragraphs: list[str]) -> list[str]:
    """The lead's opening paragraphs: the first one, and those after it within _LEAD_CHARS."""
    out: list[str] = []
    total = 0
    for paragraph in paragraphs:
        total += len(paragraph)
        if out and total > _LEAD_CHARS:
            break
        out.append(paragraph)
    return out


def _templated(paragraph: str, slots, entities: TitleEntities, year: int | None, index: NameIndex,
               context_only: frozenset[str], local: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(text, template) of a paragraph without its fact sentences and the sentences naming a
    programme of one source (``local``: local_quotes) ("", "" when none is left)."""
    pairs = _templated_sentences(paragraph, slots, entities, year, index, context_only, local)
    return "".join(t for t, _ in pairs), "".join(tpl for _, tpl in pairs)


def _templated_sentences(paragraph: str, slots, entities: TitleEntities, year: int | None, index: NameIndex,
                         context_only: frozenset[str], local: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(sentence, template) of each sentence of a paragraph _templated keeps."""
    from writer.zh import split_sentences

    pairs: list[tuple[str, str]] = []
    dropped = False
    for sentence in split_sentences(paragraph):
        # A sentence that points back (上述指标…, ；…) goes with the fact sentence before it.
        if dropped and (not is_cjk(sentence[0]) or sentence.startswith(_passage_words("back_references"))):
            continue
        dropped = (bool(local) and not local.isdisjoint(QUOTED.findall(sentence))) or fragment(sentence)
        if dropped:
            continue
        places: list[set[str]] = []
        template = make_template(sentence, slots, entities, year, index, context_only, places)
        dropped = fact_sentence(template) or two_places(places) or two_periods(sentence)
        if not dropped:
            pairs.append((sentence, template))
    return pairs
