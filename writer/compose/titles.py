"""Titles as the corpus writes them (period + organisation + topic + 工作综述), and the place
at the head of an organisation's name."""

from __future__ import annotations

import re
from functools import lru_cache

from writer.bank.lexicon import load_lexicon
from writer.compose.data import word_list

@lru_cache(maxsize=None)
def _place_head() -> re.Pattern:
    suffixes = "|".join(re.escape(s) for s in word_list("place_suffixes"))
    return re.compile(f"^(.{{1,10}}?(?:{suffixes}))")


def org_place(org: str) -> str | None:
    """The leading place name of an organisation's name (某县 of 某县人社局, 某市 of 中共某市委统战部),
    or None."""
    if org.startswith("中共"):
        return org_place(org[2:])
    m = _place_head().match(org)
    if m and len(m.group(1)) < len(org):
        return m.group(1)
    return None


def _spelled_out(short: str, org: str) -> bool:
    """Whether ``org`` spells out ``short`` in order within its name (市场监管 in 市场监督管理局)."""
    place = org_place(org) or ""
    rest = org[org.index(place) + len(place):] if place else org
    chars = iter(rest)
    return len(short) >= 3 and all(c in chars for c in short)


def build_title(org: str, topic: str, period: str | None) -> str:
    """The title as the corpus writes them: period + organisation + topic + 工作综述
    (五年来某区委组织部党建工作综述). When the organisation's name already says the topic
    (某县医疗保障局, topic 医保), the title names the place and the topic, as the corpus
    does (“十三五”肃南人社工作综述): 2024年某县医保工作综述."""
    org = (org or "").strip()
    topic = (topic or "").strip()
    period = (period or "").strip()
    core = topic[:-2] if topic.endswith("工作") and len(topic) > 2 else topic
    top = load_lexicon().topic(topic) if topic else None
    names = [core] + ([top.key, *top.aliases] if top is not None and top.known else [])
    if org and any(n and len(n) >= 2 and (n in org or _spelled_out(n, org)) for n in names):
        place = org_place(org)
        body = place + core + "工作" if place else (org if org.endswith("工作") else org + "工作")
    else:
        body = org + core + "工作"
    return f"{period}{body}综述"
