"""What a document's title says about it: its place, its organisation, its topic.

``title_entities`` strips the title's dates, periods and genre words
(2021年…工作综述), then reads a leading place (德宏州, 甘肃张掖), the
organisation words after it (德宏州党委) and what remains as the topic
(人才工作 → 人才). The place and organisation become names the bank's
templates must never carry; the topic fills ``{topic}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from writer.mining.names import ORG, PLACE, name_lists, place_suffix, stem_is_name

_TITLE_PREFIX = re.compile(
    r"^(?:“?十[一二三四五]五”?(?:期间|以来)?|(?:党的)?十[七八九]大以来|二十大以来|"
    r"[一二三四五六七八九十两]+年(?:以)?来|\d{4}年(?:以来)?|十[一二三四五六七八九]?届)\s*")
_TITLE_SUFFIX = re.compile(r"(?:履职)?(?:工作)?综述$|(?:工作)?(?:总结|回顾|纪实)$|(?:人民)?(?:政府)?工作报告$|报告$")
_YEAR_IN_TITLE = re.compile(r"(?:(?<!\s)\s+)?\d{4}\s*年\s*|(?:(?<!\s)\s+)?[一二两三四五]年\s*")

_TITLE_LISTS = ("leading_verbs", "org_endings")


@lru_cache(maxsize=1)
def _leading_verbs() -> tuple[str, ...]:
    """Verbs that open a title's topic (推进人才工作 → 人才工作), longest first (data/mining/titles.yaml)."""
    from writer.io.datafiles import load_word_list

    return load_word_list("mining/titles.yaml", "leading_verbs", _TITLE_LISTS)


@lru_cache(maxsize=1)
def _org_endings() -> frozenset[str]:
    """Last characters of an organisation word after a title's place (公安局, 消防支队; data/mining/titles.yaml)."""
    from writer.io.datafiles import load_word_list

    return frozenset(load_word_list("mining/titles.yaml", "org_endings", _TITLE_LISTS))


@dataclass
class TitleEntities:
    """What a title tells about its document: the place, the organisation, the topic."""

    place: str | None = None
    org: str | None = None
    topic: str | None = None
    parts: list[str] = field(default_factory=list)  # the names a compound place is made of (甘肃张掖)


def _strip_title(text: str) -> str:
    text = re.sub(r"\s+", "", text.lstrip("—－-").strip())
    text = re.split(r"[：:]", text)[0]
    for _ in range(3):
        new = _TITLE_PREFIX.sub("", text)
        if new == text:
            break
        text = new
    text = _TITLE_SUFFIX.sub("", text)
    text = _YEAR_IN_TITLE.sub("", text)
    return text


def title_entities(title: str, subtitle: str | None = None) -> TitleEntities:
    """Place, organisation and topic of a document from its title (or its ——subtitle)."""
    from writer.mining.segment import tag

    lists = name_lists()
    best = TitleEntities()
    for text in filter(None, (subtitle, title)):
        core = _strip_title(text)
        if not core:
            continue
        found = TitleEntities()
        found_parts: list[str] = []
        m = re.match(r"^([\u4e00-\u9fff]{1,8}?)(自治州|自治县|自治区|特别行政区|省|市|州|县|区|旗)", core)
        rest = core
        if m and stem_is_name(m.group(1), in_title=True) and len(m.group(0)) < len(core):
            found.place = m.group(0)
            rest = core[m.end():]
        tokens = tag(rest)
        i = 0
        if found.place is None:
            # A leading run of place-like tokens: 甘肃张掖, 天津, 义乌, 肃南.
            while i < len(tokens) and (tokens[i][1] in ("ns", "nz", "nr", "nt") or tokens[i][0] in lists["places"]) \
                    and tokens[i][0] not in lists["not_names"] or (i < len(tokens) and tokens[i][0] in ("全国政协",)):
                i += 1
            if i:
                lead = "".join(w for w, _ in tokens[:i])
                found_parts = [w for w, _ in tokens[:i]]
                if tokens[i - 1][1] == "nt" or any(lead.endswith(s) for s in lists["org_words"]):
                    found.org = lead
                else:
                    found.place = lead
        # The organisation: the place plus the organisation words after it (德宏州党委, 张掖消防支队).
        j = i
        org_endings = _org_endings()
        while j < len(tokens) and (tokens[j][0] in lists["org_words"]
                                   or (len(tokens[j][0]) >= 2 and tokens[j][0][-1] in org_endings
                                       and tokens[j][1].startswith("n"))):
            j += 1
        if j > i and found.org is None:
            org_tail = "".join(w for w, _ in tokens[i:j])
            place_tail = "".join(w for w, _ in tokens[:i]) if found.place is None else ""
            # 政府, 党委 alone name nobody: an organisation needs its place (德宏州党委).
            if found.place or place_tail:
                found.org = (found.place or "") + place_tail + org_tail
        topic = "".join(w for w, _ in tokens[j:])
        for verb in _leading_verbs():
            if topic.startswith(verb):
                topic = topic[len(verb):]
                break
        topic = re.sub(r"^(?:年|一年|的)", "", topic)
        found.topic = topic or None
        if found.place or found.org:
            if best.place is None and best.org is None:
                best = found
                best.parts = [p for p in found_parts if len(p) >= 2] if len(found_parts) > 1 else []
        if best.topic is None and found.topic and (found.place or found.org):
            best.topic = found.topic
    return best


def _gazetteer_noun(stem: str) -> bool:
    """A short form of a division that jieba calls a noun (孝感/n): a name in its own document."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.segment import dictionary_tag

    return stem in load_gazetteer() and dictionary_tag(stem) == "n"


def names_from_title(entities: TitleEntities) -> dict[str, str]:
    """The names a title gives: its place (and the place without its suffix) and its organisation."""
    out: dict[str, str] = {}
    lists = name_lists()
    if entities.place:
        out[entities.place] = PLACE
        suffix = place_suffix(entities.place)
        if suffix:
            stem = entities.place[:-len(suffix)]
            # 平川区 → 平川, but 合作市 must not make the word 合作 a name. A noun the gazetteer
            # holds as a short form (孝感, 合肥) is this document's place even where it is a word too.
            if len(stem) >= 2 and (stem_is_name(stem) or _gazetteer_noun(stem)):
                out.setdefault(stem, PLACE)
    for part in entities.parts:
        out.setdefault(part, PLACE)
    if entities.org:
        out.setdefault(entities.org, ORG)
    return out
