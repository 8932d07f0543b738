"""Template sentences writer.mining.passages leaves out: those stating one source's facts
(statistics, events, a list of its places: fact_sentence), and those a slot would garble, cut from the
sentence before them or holding two places or two plan periods that one slot would make the same
(read in round 1 of session 10's city bank: 某县和某县发展史上, “十四五”收官、“十四五”谋划之年,
的好势头，…). The word lists are data/mining/passages.yaml's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from writer.mining.places import without_prefix

# A five-year plan as passages writes it ({period}): “十四五”, 十一五.
PERIOD = re.compile(r"“?十[一二三四五六]五”?")




def fragment(sentence: str) -> bool:
    """A sentence cut from the one it belongs to: it opens with a mark inside a sentence (，较好地完成了…
    after a broken 。，) or with a particle that only follows a word (的好势头，… where a page break cut it)."""
    if sentence[0] in _INNER_MARKS:
        return True
    heads = _passage_words("fragment_heads")
    if not sentence.startswith(heads):
        return False
    from writer.mining.segment import cut

    # As a word of its own only: 的确, 了解, 得益于, 地处 open sentences.
    return cut(sentence[:_HEAD_CHARS], hmm=False)[0] in heads


_HEAD_CHARS = 8


_INNER_MARKS = "，、；：,;:"


def without_lead_in(paragraphs: list[list[tuple[str, str]]]) -> list[list[tuple[str, str]]]:
    """The (sentence, template) paragraphs of a passage without the sentences at its end that lead
    into what is not there: a colon introducing a list or a note (…在九个方面取得了新的进展：; 注释：)."""
    out = [list(p) for p in paragraphs if p]
    while out and out[-1][-1][1].rstrip().endswith(("：", ":")):
        out[-1].pop()
        if not out[-1]:
            out.pop()
    return out


def two_places(places: list[set[str]]) -> bool:
    """Whether two {place} slots of one sentence stand for different places (南京和江苏, 福建省委…厦门市委,
    浦东开发开放以来上海…): filled with the user's one place they read 某县和某县, 某县委、省政府和某县委.
    Names of one place share their first two characters once 中共 is off (上海, 上海市, 中共上海市委)."""
    keys = [{without_prefix(n)[:2] for n in group} for group in places]
    return any(a.isdisjoint(b) for k, a in enumerate(keys) for b in keys[k + 1:])


def two_periods(sentence: str) -> bool:
    """Whether a sentence names two five-year plans (“十四五”收官、“十五五”谋划; 回眸“十一五”…展望“十二五”):
    one {period} slot holds one, so the template would say the same plan twice."""
    return len({p.strip("“”") for p in PERIOD.findall(sentence)}) > 1


# A number with a unit is a statistic (亿元, %, 个百分点, 万人, 家); with 月 a dated event; two with ∶ a
# ratio (三大产业比例{num}∶{num}∶{num}).
_STATISTIC = re.compile(r"(?<!第)\{num\}(?:[亿万千百]|[%％‰]|元|美元|个|项|家|人|户|件|套|所|条|座|亩|吨|公里|平方|倍|名|天|月|∶\{num\})")
_NAME_SLOT = re.compile(r"\{(?:place|org|person)\}")
# Read on the city bank: a sentence naming four places or more is one source's list of its own
# (其中甲、乙、丙、丁荣获…), not a frame.
_MAX_NAME_SLOTS = 3


def fact_sentence(template: str) -> bool:
    """A template sentence that states one source's facts, not a frame another unit can fill:
    statistics or dates (第{num}个 is an ordinal), a list of its places, an event of its own
    (a visit, a letter: data/mining/passages.yaml's ``event_words``), a counted programme of its
    own (十六字方针, 五大发展行动计划), a kind of place only some units are (``place_kinds``: 特区, 省会;
    written with 的 too: 一座英雄的城市) or an inventory of its projects or industries
    (templates_spread.inventory_list)."""
    from writer.mining.templates_spread import inventory_list

    plain = template.replace("的", "")
    return (bool(_STATISTIC.search(template)) or len(_NAME_SLOT.findall(template)) > _MAX_NAME_SLOTS
            or any(w in template for w in _passage_words("event_words"))
            or any(w in plain for w in _passage_words("place_kinds"))
            or bool(_COUNTED_PROGRAMME.search(template)) or inventory_list(template))


# A programme named by a count (省委十六字方针, 市委二十字总体任务, 五大发展行动计划, 十二项“三年行动计划”,
# 高质量发展十大计划): read on the city bank, each is one province's or city's own.
_COUNTED_PROGRAMME = re.compile(r"[一二三四五六七八九十百]{1,3}[大项字][^，。；：！？]{0,8}?(?:行动计划|计划|方针|总体任务|总要求)")

_PASSAGE_LISTS = ("generic_topics", "event_words", "back_references", "goal_verbs", "place_kinds",
                  "fragment_heads")


@lru_cache(maxsize=None)
def _passage_words(key: str) -> tuple[str, ...]:
    """A word list of data/mining/passages.yaml."""
    from writer.io.datafiles import load_word_list

    return load_word_list("mining/passages.yaml", key, _PASSAGE_LISTS)
