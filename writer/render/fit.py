"""What a frame must fit: the kind of a section's theme, the unit's level, and tagged frame choice.

A section's kind (party, safety, supervision, livelihood, economy, construction,
service, talent, general) is read from its theme and facts with the marker
words of ``writer/data/render/fit.yaml``; the unit's level (a brigade, a firm,
a Party department, a government department, a place) from its name, and with
it the collective noun (全县上下, 全体指战员). Frames of genre.yaml carry the
kinds they fit; ``fitting`` keeps those that fit a section, and ``expand``
picks among a frame's ``[a|b]`` alternatives, so one frame reads many ways.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

GENERAL = "general"
_ALTERNATIVES = re.compile(r"\[([^\[\]]*)\]")


class Level(tuple):
    """One level of unit and how its people are named: name, the words its name contains, the
    collective noun (全县上下) and its people (全体干部职工). fit.yaml's ``levels`` (schema:
    writer.render.fit_file), as a tuple with named parts: every render reads them."""

    __slots__ = ()
    name = property(lambda self: self[0])
    contains = property(lambda self: self[1])
    collective = property(lambda self: self[2])
    people = property(lambda self: self[3])


class CommonLine(tuple):
    """A stock line the genre shares (no single source owns it), and the kinds it suits."""

    __slots__ = ()
    text = property(lambda self: self[0])
    kinds = property(lambda self: self[1])


class FitData:
    """fit.yaml as a render reads it (the file's schema, with what each list is: writer.render.fit_file)."""

    __slots__ = ("kinds", "levels", "principles", "results", "result_heads", "contrasts", "common_lines")

    def __init__(self, kinds: dict[str, list[str]], levels: list[Level], principles: dict[str, list[str]],
                 results: dict[str, list[str]], result_heads: dict[str, list[str]], contrasts: dict[str, list[str]],
                 common_lines: list[CommonLine]):
        self.kinds, self.levels, self.principles, self.results = kinds, levels, principles, results
        self.result_heads, self.contrasts, self.common_lines = result_heads, contrasts, common_lines


_FIT_FILE = "render/fit.yaml"


@lru_cache(maxsize=None)
def fit_data() -> FitData:
    """fit.yaml, decoded once into writer's data cache (writer.render.compiled)."""
    from writer.render.compiled import DATA_ROOT, compiled

    schema = Path(__file__).with_name("fit_file.py")
    plain = compiled("render-fit.marshal", (DATA_ROOT / _FIT_FILE, Path(__file__), schema), _fit_plain)
    kinds, levels, principles, results, result_heads, contrasts, common_lines = plain
    return FitData(kinds, [Level(row) for row in levels], principles, results, result_heads, contrasts,
                   [CommonLine(row) for row in common_lines])


def _fit_plain() -> tuple:
    from writer.render.fit_file import fit_plain

    return fit_plain(_FIT_FILE)


def theme_kind(theme: str, facts: list[str], org: str = "") -> str:
    """The kind of a section: marker words in its theme count 3, in the unit's name 2, in its
    facts 1; none → general. A kind the theme itself names no marker of is general too: the
    unit and the facts may lean to it (a fire brigade's 队伍建设 reads as safety), but its
    frames would say what the theme is not about (队伍建设…守牢了安全防线)."""
    text = "".join(facts)
    best, best_score = GENERAL, 0
    for kind, markers in fit_data().kinds.items():
        score = sum(3 * (m in theme) + 2 * (m in org) + text.count(m) for m in markers)
        if score > best_score:
            best, best_score = kind, score
    if best != GENERAL and not any(m in theme for m in fit_data().kinds[best]):
        return GENERAL
    return best


def for_kind(table: dict[str, list[str]], kind: str) -> list[str]:
    """The entries of ``table`` for ``kind`` (the general ones when it has none)."""
    return table.get(kind) or table.get(GENERAL, [])


def unit_level(org: str, place: str | None) -> Level:
    """The first level whose words the organisation's name (without its place) holds."""
    rest = org[len(place):] if place and org.startswith(place) else org
    for level in fit_data().levels:
        if not level.contains or any(w in rest for w in level.contains):
            return level
    return fit_data().levels[-1]


def _field(org_short: str, place: str | None) -> str:
    """The field of a department (人社 of 县人社局) for 全县人社系统."""
    core = org_short[1:] if place and org_short.startswith(place[-1]) else org_short
    # (str methods, not a pattern: these run at every render, and compiling one costs more.)
    return next((core[:-len(s)] for s in _UNIT_SUFFIXES if core.endswith(s)), core)


# What a department's name ends in (a facts file's names hold no line break).
_UNIT_SUFFIXES = ("局", "委员会", "办公室", "中心", "厅", "署")


def collective_nouns(org: str, org_short: str, place: str | None) -> dict[str, str]:
    """{collective, people} for the unit: 全县上下 / 全县广大干部群众, 全体指战员…"""
    level = unit_level(org, place)
    values = {"place1": (place or "")[-1:] or "", "field": _field(org_short, place)}
    if level.name == "place" and not values["place1"]:
        return {"collective": "全体干部职工", "people": "广大干部职工"}
    return {"collective": level.collective.format(**values), "people": level.people.format(**values)}


def _subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(c in chars for c in short)


def derived_org_short(org: str, place: str | None, topic: str = "") -> str:
    """The organisation as the prose names it when the facts give no ``org_short``.

    The place reduced to its level character (某县人社局 → 县人社局); a
    department whose name spells out the topic's short form in order takes it
    (县人力资源和社会保障局, topic 人社 → 县人社局); an organisation without a
    place keeps its name.
    """
    if not (place and org.startswith(place) and len(org) > len(place)):
        return org
    rest = org[len(place):]
    core = topic[:-2] if topic.endswith("工作") and len(topic) > 2 else topic
    if rest[-1] in "局委部办厅署" and len(core) >= 2 and core not in rest and _subsequence(core, rest[:-1]):
        rest = core + rest[-1]
    return place[-1] + rest


def expand(text: str, rng: random.Random) -> str:
    """``text`` with each ``[a|b|c]`` replaced by one of its alternatives, drawn from ``rng``."""
    return _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), text)


def expansions(text: str, limit: int = 64) -> list[str]:
    """Every reading of ``text``'s ``[a|b]`` alternatives, in order (at most ``limit``)."""
    readings = [""]
    pos = 0
    for m in _ALTERNATIVES.finditer(text):
        fixed = text[pos:m.start()]
        readings = [r + fixed + alt for r in readings for alt in m.group(1).split("|")][:limit]
        pos = m.end()
    return [r + text[pos:] for r in readings]


def fitting(frames: list, kind: str, multi_year: bool) -> list:
    """The frames (genre.Frame) that fit a section of ``kind`` in a summary of one or more years."""
    out = []
    for frame in frames:
        if frame.kinds and kind not in frame.kinds:
            continue
        if kind in frame.avoid:
            continue
        if frame.period != "any" and (frame.period == "multi") != multi_year:
            continue
        out.append(frame)
    return out


def is_multi_year(period: str) -> bool:
    """Whether the period spans years (五年来, “十四五”以来, 近年来), not one year (2024年)."""
    bare = "".join((period or "").split())   # as re's \s, str.split() cuts at str.isspace()
    return not (len(bare) in (5, 6) and bare[:4].isdecimal() and bare[4:] in ("年", "年度"))


_PLAN_DIGITS = "一二三四五六七八九"


def next_plan(period: str) -> str | None:
    """The five-year plan after the one ``period`` names (“十三五”期间 → 十四五), or None."""
    text = period or ""
    named = [(at, digit) for digit in _PLAN_DIGITS[:-1] for at in (text.find(f"十{digit}五"),) if at >= 0]
    if not named:
        return None
    digit = min(named)[1]   # the first plan the period names
    return f"十{_PLAN_DIGITS[_PLAN_DIGITS.index(digit) + 1]}五"
