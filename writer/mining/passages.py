"""Opening (帽子) and closing paragraphs as templates: the source's names, years and numbers become slots.

Slots (docs/bank-format.md): ``{org}`` the document's organisation (德宏州党委),
``{place}`` a place of the source (德宏州, 平川; ``{place}委`` reads 州委/市委
once filled), ``{person}`` a person's name, ``{year}`` / ``{last_year}`` /
``{next_year}`` the document's year and its neighbours, ``{period}`` a
five-year plan (“十四五”), ``{topic}`` the document's topic taken from its
title (人才, 统一战线), ``{num}`` any other number or ordinal.
"""

from __future__ import annotations

import re
from functools import lru_cache

from writer.bank.records import Passage
from writer.corpus.document import Document
from writer.mining.names import ORG, PERSON, PLACE
from writer.mining.places import split_places, without_prefix
from writer.mining.titles import TitleEntities
from writer.zh import DIGIT

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?![\d.%])")
_NUMBER = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*")
_PERIOD = re.compile(r"“?十[一二三四五六]五”?")
_CN_ORDINAL = re.compile(r"(第)?(?<!新)[一二三四五六七八九十百零两]{1,4}(?=届|次代表大会|次党代会|次全会|次全体会议)")
_CN_DI = re.compile(r"第[一二三四五六七八九十百零两]{1,4}(?=次|个|批|届|轮)")
_SLOT_BY_KIND = {PLACE: "{place}", ORG: "{org}", PERSON: "{person}"}


@lru_cache(maxsize=1)
def _generic_topics() -> frozenset[str]:
    """Title topics too general to become ``{topic}`` (政治, 重点; data/mining/passages.yaml)."""
    from writer.io.datafiles import load_word_list

    return frozenset(load_word_list("mining/passages.yaml", "generic_topics"))


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


def name_slots(names: dict[str, str], entities: TitleEntities) -> dict[str, str]:
    """name → slot for one document: its own organisation is ``{org}``, places ``{place}``…"""
    slots = {name: _SLOT_BY_KIND.get(kind, "{place}") for name, kind in names.items()}
    # A place's body (秦皇岛市委, 某某县人民政府) is not this document's organisation: only its
    # place is a slot, so the template reads {place}委, {place}县人民政府 (the user's place fills it).
    bodies = _org_bodies()
    for name, kind in names.items():
        if kind == ORG:
            rest = without_prefix(name)
            body = next((b for b in bodies if rest.endswith(b) and names.get(rest[:-len(b)]) == PLACE), None)
            if body:
                slots[name] = name[:len(name) - len(rest)] + "{place}" + body  # 中共{place}省委
    if entities.org:
        slots[entities.org] = "{org}"
    return slots


def replace_names(text: str, slots: dict[str, str], index: NameIndex | None = None,
                  tokens: list[str] | None = None) -> str:
    """Every name of ``slots`` in ``text`` replaced by its slot, on word boundaries only.

    A name counts where it is whole words of jieba's segmentation of ``text``
    (``tokens``, cut here when not given), the longest run first: 平川 in
    平川/区委, never 和市 in 省政府/和/市委 — a slot never splits a word.
    """
    present = index.find(text) if index is not None else [n for n in slots if n and n in text]
    if not present:
        return text
    present = set(present)
    if tokens is None:
        from writer.mining.segment import cut

        tokens = cut(text)
    tokens = split_places(tokens, present)
    longest = max(map(len, present))
    glue = _glue_words()
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        width, rest, joined, slot = 0, "", "", ""
        for j in range(i, min(n, i + 6)):
            joined += tokens[j]
            if len(joined) > longest:
                break
            if joined in present:
                width, rest, slot = j - i + 1, "", slots[joined]
            elif j + 1 < n and not width:
                # 王荣/文说, 合作/市以: the segmenter glued the word after the name to its end.
                nxt = tokens[j + 1]
                for c in range(1, len(nxt)):
                    if nxt[c:] in glue and joined + nxt[:c] in present:
                        width, rest, slot = j - i + 2, nxt[c:], slots[joined + nxt[:c]]
                        break
        if width:
            out += [slot, rest]
            i += width
        else:
            out.append(tokens[i])
            i += 1
    text = "".join(out)
    # 甘肃张掖 → {place}{place}: one place.
    text = re.sub(r"(\{place\})(?:\1)+", r"\1", text)
    # {place} stands for the full name with its suffix (肃南县), so a suffix left behind
    # by a stem-only name is absorbed: {place}县 → {place}, {place}区委 → {place}委.
    return re.sub(r"\{place\}[省市州县区](?![城民场级长])", "{place}", text)


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


def holds_name(template: str) -> bool:
    """Whether a template still holds a division's name as words (any level, full or short form)."""
    from writer.mining.places import gazetteer_holds
    from writer.mining.segment import cut

    return any(gazetteer_holds(cut(piece)) for piece in _SLOT.split(template) if piece)


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
    return text


def replace_topic(text: str, topic: str | None) -> str:
    """The document's topic (from its title) as ``{topic}``; a short one only before 工作."""
    if not topic or topic in _generic_topics() or len(topic) < 2 or "{" in topic:
        return text
    if len(topic) >= 4:
        return text.replace(topic, "{topic}")
    return text.replace(topic + "工作", "{topic}工作")


def make_template(text: str, slots: dict[str, str], entities: TitleEntities, year: int | None,
                  index: NameIndex | None = None) -> str:
    """The template of one paragraph: names, then topic, then numbers replaced.

    ``index`` (a NameIndex of exactly the names of ``slots``) makes finding them fast.
    Check the result with ``holds_name`` before shipping it.
    """
    out = replace_names(text, slots, index)
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
                  index: NameIndex) -> tuple[list[Passage], list[Passage]]:
    """Every document's opening and closing, with its template (pass 1's ``analyses`` give the names)."""
    openings: list[Passage] = []
    closings: list[Passage] = []
    global_slots = name_slots(names_kind, TitleEntities())
    for doc, an in zip(documents, analyses):
        # The corpus's names, with this document's own kinds and its organisation on top.
        slots = _Overlay(global_slots, name_slots({**an.names, **an.lead_names}, an.entities))
        for target, paragraphs in ((openings, doc.lead), (closings, doc.closing)):
            if not paragraphs:
                continue
            text = "\n".join(paragraphs)
            template = "\n".join(make_template(p, slots, an.entities, doc.year, index) for p in paragraphs)
            if holds_name(template):
                continue  # a name the slots missed: dropped, not shipped
            target.append(Passage(text=text, template=template, doc_id=doc.id, source=doc.title, year=doc.year))
    return openings, closings
