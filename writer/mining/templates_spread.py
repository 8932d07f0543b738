"""One place's positionings, campaigns and events in openings and closings, judged by their spread.

templates_local finds the words a source's templates repeat. What a city
writes once escapes it: a positioning in quotation marks (全省“首善之区”), a
formula of its own counted like a national one (四个着力, 四大奋斗目标), a list of
the cities it means to be (生态城、高科技产业城、宜居城), a deployment about one
place (做大做强做美某地), the event that makes a year its own (新的行政管理体制全面
运行的第一年). Such phrases have a shape, and a shape says nothing by itself: 四个
全面 and 三大攻坚 are counted too, and every report writes them. Their spread does:

- the shipped reference (phrasebank/reference: 1,600 government reports of
  every province): a phrase that some year's reports use in a large share is
  the nation's, whichever city wrote it;
- the corpus itself, by province (writer/bank/gazetteer.province_of of each
  source): a phrase the documents of many provinces hold is no one place's.

A candidate neither witness finds widespread is one place's (or one region's),
and a template sentence holding it is left out. Shapes, thresholds and the
frames of a year's event: data/mining/template-spread.yaml (calibrated by
reading the city bank). Under templates_local's ``min_sources`` sources nothing
is judged (a unit's own corpus, the seed: nothing to compare with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from writer.corpus.document import Document

_CJK = "\u4e00-\u9fff"


@dataclass(frozen=True)
class TemplateSpread:
    """The schema of data/mining/template-spread.yaml."""

    numerals: str             # the numerals of a counted formula (二…十, 两, 百; 一 counts nothing)
    measure_words: str        # after the numeral: 个, 大, 项… (四个着力, 三大攻坚)
    list_ends: str            # items of a 、 list of three or more ending in one of these (生态城、宜居城)
    year_frames: list[str]    # a year named by its event: the words before one (…运行的第一年)
    frame_chars: int          # that many characters before the frame are the event
    year_subjects: list[str]  # a year named by one of these is any unit's (本届政府, 规划, 新世纪)
    campaign_chars: int       # a campaign named by a count of years (…三年攻坚行动): its name's characters
    reference_share: float    # neutral when the reference's reports of some year use it this often
    reference_reports: int    # only years with this many reports count for that share
    province_share: float     # or when the documents of this share of the corpus's provinces hold it
    inventory_nouns: list[str]  # after a 、 list of three and 等: one place's inventory (汽车、医药、食品等优势产业)


@lru_cache(maxsize=1)
def template_spread() -> TemplateSpread:
    from writer.io.datafiles import load_data

    return load_data("mining/template-spread.yaml", TemplateSpread)


@lru_cache(maxsize=1)
def _shapes() -> tuple[re.Pattern, ...]:
    """The candidate shapes, each with one group: the phrase whose spread is judged."""
    rules = template_spread()
    num, measure = re.escape(rules.numerals), re.escape(rules.measure_words)
    frames = "|".join(map(re.escape, sorted(rules.year_frames, key=len, reverse=True)))
    return (
        # 四个着力, 三大攻坚, 新三十年 (not the congresses: 十六大, 二十大 are of no place).
        re.compile(f"(?<![{num}一])((?!(?:[{num}]十|十[{num}])大)新?[{num}]{{1,3}}[{measure}][{_CJK}]{{2}})"),
        re.compile(f"(?<![{num}一])(新[{num}]{{1,3}}年)"),
        # 做大做强做美{place}: three or four verbs of one head about a place.
        re.compile(f"(([{_CJK}])[{_CJK}](?:\\2[{_CJK}]){{2,3}})\\{{place\\}}"),
        re.compile(f"([{_CJK}]{{{rules.frame_chars}}})(?:{frames})"),
        # 全面振兴新突破三年攻坚行动: a campaign of a count of years, by its name.
        re.compile(f"([{_CJK}]{{{rules.campaign_chars}}}[{num}]年[{_CJK}]{{0,4}}?行动)"),
    )


_QUOTED = re.compile(r"“([^“”\n{}]{2,20})”")


@lru_cache(maxsize=1 << 14)
def spread_candidates(template: str) -> tuple[str, ...]:
    """The phrases of one template sentence whose spread decides whether any place may write it:
    quoted terms, counted formulas, items of a list of cities, a deployment about a place, the
    event of a year. Phrases holding a slot are none (the slot is the user's)."""
    rules = template_spread()
    *shapes, frame, campaign = _shapes()
    found = [m.group(1) for shape in (*shapes, campaign) for m in shape.finditer(template)]
    found += [m.group(1) for m in frame.finditer(template)
              if not any(w in m.group(1) for w in rules.year_subjects)]
    found += _QUOTED.findall(template)
    for items in _lists(template):
        # A list of goals each ending in one of list_ends; the first item carries its verb (建设生态城).
        if all(item[-1:] in rules.list_ends and _CJK_RUN.fullmatch(item) for item in items[1:]):
            found += items[1:]
    return tuple(sorted({f for f in found if "{" not in f}))


_CLAUSE_END = re.compile(r"[，。；：！？\n]")
_CJK_RUN = re.compile(f"[{_CJK}]{{1,12}}")
_LIST_ITEM_CHARS = 12


def _lists(template: str) -> list[list[str]]:
    """The 、 lists of three items or more of a template's clauses, each inner item of at most
    _LIST_ITEM_CHARS characters (the first item and the last run into the clause)."""
    out = []
    for clause in _CLAUSE_END.split(template):
        items = [item.strip("“”‘’《》") for item in clause.split("、")]
        if len(items) >= 3 and all(0 < len(item) <= _LIST_ITEM_CHARS for item in items[1:-1]):
            out.append(items)
    return out


def specific_phrases(documents: list[Document], sources: list[str], candidates: set[str]) -> frozenset[str]:
    """The ``candidates`` no witness finds widespread: one place's (see the module's docstring).

    ``sources``: each document's source (places.source_of)."""
    from writer.mining.templates_local import place_related, source_regions

    if len(set(sources)) < place_related().min_sources or not candidates:
        return frozenset()
    rules = template_spread()
    pending = {c for c in candidates if not _national(c, rules)}
    region = source_regions(sources)
    wide = rules.province_share * len(set(region.values()))
    members: dict[str, list[int]] = {}
    for d, source in enumerate(sources):
        members.setdefault(source, []).append(d)
    provinces: dict[str, set[str]] = {c: set() for c in pending}
    for source in sorted(members):
        if not pending:
            break
        text = "\n".join(p for d in members[source] for p in documents[d].paragraphs())
        for c in [c for c in pending if c in text]:
            provinces[c].add(region[source])
            if len(provinces[c]) >= wide:
                pending.discard(c)
    return frozenset(pending)


def _national(phrase: str, rules: TemplateSpread) -> bool:
    """Whether the shipped reference's reports of some year (of ``reference_reports`` reports at
    least) use ``phrase`` in a share of ``reference_share`` or more."""
    reference = _reference()
    use = reference.lookup(phrase) if reference is not None else None
    if use is None:
        return False
    return any(n >= rules.reference_share * use.totals[y] for y, n in use.docs.items()
               if use.totals.get(y, 0) >= rules.reference_reports)


@lru_cache(maxsize=1)
def _reference():
    """The shipped reference, or None when it is missing or broken (the corpus is then the one witness)."""
    from writer.bank.errors import ReferenceCorruptError, ReferenceMissingError
    from writer.bank.reference import load_reference

    try:
        return load_reference()
    except (ReferenceMissingError, ReferenceCorruptError):
        return None


def holds_specific(template: str, specific: frozenset[str]) -> bool:
    """Whether a template sentence holds one of the ``specific`` phrases."""
    return bool(specific) and not specific.isdisjoint(spread_candidates(template))


def inventory_list(template: str) -> bool:
    """Whether a template sentence lists one place's own projects or industries: three items or
    more and 等 before one of ``inventory_nouns`` (实施了甲铁路、乙枢纽、丙基地等一批重大项目;
    汽车、医药、食品等优势产业). Any unit's lists name sectors of work (教育、医疗、养老等民生事业)."""
    nouns = template_spread().inventory_nouns
    for items in _lists(template):
        last, etc, rest = items[-1].partition("等")
        if etc and 0 < len(last) <= _LIST_ITEM_CHARS and any(n in rest[:_INVENTORY_GAP + len(n)] for n in nouns):
            return True
    return False


# 等 and the noun of an inventory stand this many characters apart at most (等一批重大项目, 等优势产业).
_INVENTORY_GAP = 6
