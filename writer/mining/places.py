"""Places and organisations of a text found with the gazetteer, on the segmenter's word boundaries.

A name counts only where it is whole words of jieba's segmentation: 遵义 as a
word, 南翔/镇 or 合作/市 as a run of words, never 和市 inside 省政府/和/市委.
Names the gazetteer marks ``free`` (遵义, 延边州) count wherever they stand;
names that are also ordinary words (``context``: 合作, 和平) count only
followed by a place suffix or an organisation word (合作/市, 和平/区委) or in a
list of places beside a free one (新华、和平、河西). A place followed by the
words of an organisation (遵义/市委, 张掖/消防/支队, 某某/县/人民政府) gives
that organisation too. Every name comes with the reason it is one, for
names.yaml.
"""

from __future__ import annotations

from functools import lru_cache

ORG, PLACE = "org", "place"

# Why a name is one (names.yaml's ``why``).
WHY_GAZETTEER = "地名表"
WHY_SUFFIX = "地名表（后接地名尾字）"
WHY_LIST = "地名表（地名并列）"
WHY_ORG = "地名＋机构"


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    from writer.mining.names import name_lists

    return name_lists()["org_words"]


@lru_cache(maxsize=1)
def _suffix_words() -> frozenset[str]:
    """Words that end a division's name (市, 镇, 街道, 自治县…), as jieba leaves them standing alone."""
    from writer.mining.names import name_lists

    lists = name_lists()
    return lists["place_suffixes"] | lists["standalone_suffixes"]


def _org_after(tokens: list[str], k: int) -> str:
    """The organisation words starting at token ``k`` (市委, 消防/支队, 县/人民政府), joined; "" if none."""
    words = _org_words()
    n = len(tokens)
    for width in (3, 2, 1):
        if k + width <= n:
            joined = "".join(tokens[k:k + width])
            if joined in words:
                return joined
    return ""


def places_from_tokens(tokens: list[str], distinct: set[str], found: dict[str, str],
                       evidence: dict[str, str]) -> None:
    """Add the gazetteer's places and the organisations they head to ``found`` (name → kind), reasons to ``evidence``."""
    from writer.bank.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    free, context = gaz.free, gaz.context

    def add(name: str, kind: str, why: str) -> None:
        if name not in found or (found[name] != kind and kind == PLACE):
            found[name] = kind
            evidence[name] = why
        else:
            evidence.setdefault(name, why)

    hits = distinct & free
    if hits:
        for name in sorted({_longest_at(tokens, k, gaz) for k, w in enumerate(tokens) if w in hits}):
            add(name, PLACE, WHY_GAZETTEER)
    suffixes = _suffix_words()
    org_words = _org_words()
    _fused_orgs(distinct, gaz, add)
    glued = _glued_suffixes(distinct)
    headed = _org_headed(distinct)
    marks = suffixes | org_words | glued | set(headed) | {"、"}
    if marks.isdisjoint(distinct):
        return
    n = len(tokens)
    for k in [k for k, w in enumerate(tokens) if w in marks]:
        word = tokens[k]
        prev = tokens[k - 1] if k else ""
        if word == "、":
            # A context name is a place as a whole item of a list of places (新华、和平、河西),
            # not as the head of a phrase in a list (投资兰州、兴业兰州; 促改革、惠民生).
            nxt = tokens[k + 1] if k + 1 < n else ""
            after = tokens[k + 2] if k + 2 < n else ""
            before = tokens[k - 2] if k >= 2 else ""
            if prev in free and nxt in context and (not after or after in _ITEM_EDGES):
                add(nxt, PLACE, WHY_LIST)
            elif nxt in free and prev in context and (not before or before in _ITEM_EDGES):
                add(prev, PLACE, WHY_LIST)
            continue
        # 合作/市, 南翔/镇, 遵义/市委 (the suffix heads the organisation word): a division with its suffix.
        tail = word if word in suffixes else word[0]
        full = prev + tail
        if tail in suffixes and (full in free or full in context) and (
                word in suffixes or word in glued or word in headed or word in org_words):
            add(full, PLACE, WHY_SUFFIX)
            if word in glued:
                continue
            if word in suffixes:
                org = _org_after(tokens, k + 1)
                if org:
                    add(full + org, ORG, WHY_ORG)  # 某某/县/人民政府
            else:
                add(prev + headed.get(word, word), ORG, WHY_ORG)  # 遵义/市委, 遵义/市委书记
        elif word in org_words and (prev in free or found.get(prev) == PLACE and prev in context):
            add(_longest_at(tokens, k - 1, gaz) + word, ORG, WHY_ORG)  # 张掖/支队, 遵义市/人民政府


# What stands around a whole item of a list: its marks and the words that join a list's last item.
_ITEM_EDGES = frozenset("、，。；：！？（）“”和及与等")


def _fused_orgs(distinct: set[str], gaz, add) -> None:
    """Organisations the segmenter keeps as one word (云南省委, 中共云南省委): the place in them, and them."""
    last = {b[-1] for b in _bodies()}
    for word in sorted(w for w in distinct if len(w) >= 3 and w[-1] in last and w not in gaz):
        parts = org_parts(word, gaz)
        if parts:
            place = parts[1] + (parts[2][0] if parts[1] not in gaz.free else "")
            add(place, PLACE, WHY_GAZETTEER if place in gaz.free else WHY_SUFFIX)
            add(word, ORG, WHY_ORG)


def org_parts(word: str, gaz) -> list[str] | None:
    """A one-word organisation as [prefix, place, body] (中共/云南/省委), or None when it is not one."""
    body = next((b for b in _bodies() if word.endswith(b) and len(word) > len(b)), None)
    if body is None:
        return None
    head = word[:-len(body)]
    stem = without_prefix(head)
    if stem in gaz.free or (body[0] in _suffix_words() and stem + body[0] in gaz):
        return [head[:len(head) - len(stem)], stem, body]
    return None


def without_prefix(text: str) -> str:
    """``text`` without a leading 中共 (中共云南省委 → 云南省委): data/mining/names.yaml's ``org_prefixes``."""
    from writer.mining.names import name_lists

    for prefix in name_lists()["org_prefixes"]:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


@lru_cache(maxsize=1)
def _bodies() -> tuple[str, ...]:
    return tuple(sorted(_org_words(), key=lambda w: (-len(w), w)))


def glued_suffix(word: str) -> bool:
    """A place suffix that the segmenter glued to the function word after it (合作/市以: 市 + 以)."""
    return word in _glued_words()


@lru_cache(maxsize=1)
def _glued_words() -> frozenset[str]:
    """Every such word: a one-character suffix and a character that ends no name (a set, so a
    document's words are tested in one intersection)."""
    from writer.mining.names import name_lists

    ends = [c for c in name_lists()["not_in_name"] if len(c) == 1]
    return frozenset(s + c for s in _suffix_words() if len(s) == 1 for c in ends)


def _glued_suffixes(distinct: set[str]) -> set[str]:
    return distinct & _glued_words()


def _org_headed(distinct: set[str]) -> dict[str, str]:
    """Words that start with an organisation word headed by a place suffix (市委书记 → 市委)."""
    suffixes = _suffix_words()
    heads = [o for o in _org_words() if o[0] in suffixes]
    out = {}
    for w in distinct:
        if len(w) > 2 and w[0] in suffixes:
            head = next((o for o in heads if w.startswith(o) and o != w), None)
            if head:
                out[w] = head
    return out


def _longest_at(tokens: list[str], k: int, gaz) -> str:
    """The name ending with token ``k``: a segmenter's short cut (肃/南县, where 南县 is a county
    too) lengthened to the longest run of one or two words before it that the gazetteer holds."""
    for width in (2, 1):
        if k - width >= 0:
            run = "".join(tokens[k - width:k + 1])
            if run in gaz:
                return run
    return tokens[k]


_SET_EXPRESSION_TAGS = ("i", "l")  # jieba's tags of idioms (长治久安) and set expressions


def split_places(tokens: list[str], names=None) -> list[str]:
    """``tokens`` with a province's or prefecture's name split off the front of a longer word
    (云南旅游 → 云南/旅游: jieba's dictionary holds such compounds, but the place is a name of its
    own), or off its end after a word (首都北京 → 首都/北京). ``names``: split only those names
    (default: every such name of the gazetteer)."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.segment import dictionary_tag, in_dictionary

    gaz = load_gazetteer()
    major = gaz.major
    out: list[str] = []
    for token in tokens:
        head = tail = ""
        # An idiom or set expression holds no name (长治久安 is no 长治): the segmenter's word wins.
        if len(token) >= 3 and token not in gaz and dictionary_tag(token) not in _SET_EXPRESSION_TAGS:
            head = next((token[:k] for k in range(min(len(token) - 1, 8), 1, -1)
                         if token[:k] in major and (names is None or token[:k] in names)), "")
            if not head and len(token) >= 4:
                # 首都北京: a word of the dictionary before the name (not 大西安: one character).
                tail = next((token[-k:] for k in range(min(len(token) - 2, 8), 1, -1)
                             if token[-k:] in major and (names is None or token[-k:] in names)
                             and in_dictionary(token[:-k])), "")
        if head:
            out += [head, token[len(head):]]
        elif tail:
            out += [token[:-len(tail)], tail]
        else:
            out.append(token)
    return out


def gazetteer_holds(tokens: list[str], context_only: frozenset[str] = frozenset()) -> list[str]:
    """The gazetteer's names standing in ``tokens`` as words (context names only in context): for checks.
    ``context_only``: more names that count only in context (a corpus's ordinary words: 富民, 港口)."""
    found: dict[str, str] = {}
    why: dict[str, str] = {}
    tokens = join_set_phrases(split_places(tokens))
    places_from_tokens(tokens, set(tokens), found, why)
    return sorted(n for n, kind in found.items() if kind == PLACE
                  and not (n in context_only and why.get(n) == WHY_GAZETTEER))


def join_set_phrases(tokens: list[str]) -> list[str]:
    """``tokens`` with a division's name joined to the word after or before it where the two make
    a common phrase the dictionary lacks (大庆/之年 → 大庆之年, 周年/大庆 → 周年大庆:
    data/mining/set-phrases.yaml): the name is no place there, neither a slot nor a name left."""
    after, before = _set_phrase_words()
    heads = {word[0] for word in after}
    if before.isdisjoint(tokens) and not any(t[:1] in heads for t in tokens):
        return tokens
    from writer.bank.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out: list[str] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        k += 1
        if out and out[-1] in before and token in gaz:
            out[-1] += token
            continue
        if token in gaz:
            # The phrase after may be cut in two (大庆/之/年): up to three tokens make the word.
            joined = ""
            for width, nxt in enumerate(tokens[k:k + 3], 1):
                joined += nxt
                if joined in after:
                    token += joined
                    k += width
                    break
        out.append(token)
    return out


@lru_cache(maxsize=1)
def _set_phrase_words() -> tuple[frozenset[str], frozenset[str]]:
    from writer.io.datafiles import load_word_lists

    lists = load_word_lists("mining/set-phrases.yaml", ("after_name", "before_name"))
    return frozenset(lists["after_name"]), frozenset(lists["before_name"])


# jieba's corpus uses a dictionary place (tagged ns) this often only as an ordinary word: read on the
# city bank's 198 dictionary places, those used 1000 times or more were words (建国 of 建国60周年 3083,
# 庆典, 治安, 福利, 英雄, 上市, 大桥) or no source's own place (三峡, 东南亚, 美国); below it stood the
# sources' landmarks and regions (中关村 153, 滇池, 西柏坡, 珠江 801).
_ORDINARY_FREQUENCY = 1000


def ordinary_dictionary_place(word: str) -> bool:
    """A dictionary place (ns) that is an ordinary word, no place without context: one jieba's corpus
    uses often, or a phrase of four or more characters (加大力度, 广大干部: tagged ns by the dictionary)
    that does not start with a rarer dictionary place (中关村科技园区 is 中关村's)."""
    from writer.mining.segment import dictionary_frequency, dictionary_tag

    if len(word) >= 4:
        return not any(dictionary_tag(word[:k]) == "ns" and not ordinary_dictionary_place(word[:k])
                       for k in (2, 3))
    return dictionary_frequency(word) >= _ORDINARY_FREQUENCY


def followed_by_place_word(tokens: list[str]) -> set[str]:
    """Words standing right before a place suffix that makes a division of the gazetteer with them
    (建国/乡; not 续/建国/省/干线) or before an organisation word (三峡/管委会): the context that makes
    a dictionary place that is also an ordinary word a place."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.names import name_lists

    lists = name_lists()
    gaz = load_gazetteer()
    suffixes = lists["place_suffixes"] | lists["standalone_suffixes"]
    org_words = lists["org_words"]
    return {tokens[k - 1] for k in range(1, len(tokens))
            if tokens[k] in org_words or (tokens[k] in suffixes and tokens[k - 1] + tokens[k] in gaz)}


# ---------------------------------------------------------------- a corpus's ordinary words

WHY_ORDINARY = "地名表（本语料多作常用词，只在地名语境中算）"

# Read on the city bank (886 reports of 44 cities): a place name found bare in the reports of 5 cities
# or more was an ordinary word there (富民 43 cities, 港口 34, 安居 34, 光明 25, 小城镇 39; 三中 of
# 三中全会, 中极 of 历程中极不平凡) unless it names a province or prefecture (北京, 深圳) or a title
# names it; a city's own districts and landmarks stay within 1 to 3. Under MIN_SOURCES sources the
# spread says nothing.
WIDE_SOURCES = 5
MIN_SOURCES = 10


def source_of(doc_id: str) -> str:
    """The source a document comes from: its file's folder (gov-reports-city/上海市), the file itself
    for the documents of one file (summaries-2021#04 → summaries-2021)."""
    return doc_id.split("#", 1)[0].rsplit("/", 1)[0]


def ordinary_in_corpus(documents: list, analyses: list, names_kind: dict[str, str], gaz) -> frozenset[str]:
    """Place names (not of a province or prefecture, not data/mining/names.yaml's ``places``, not
    in any document's title) that the documents of WIDE_SOURCES sources or more hold: ordinary
    words of this corpus. A prefecture stays a name however widely used: many reports' titles do
    not name their city (政府工作报告), so 宁波 would be taken for a word in 宁波's own reports."""
    if len({source_of(doc.id) for doc in documents}) < MIN_SOURCES:
        return frozenset()
    spread: dict[str, set[str]] = {}
    for doc, an in zip(documents, analyses):
        source = source_of(doc.id)
        for name in (*an.names, *an.lead_names):
            spread.setdefault(name, set()).add(source)
    from writer.mining.names import name_lists

    listed = name_lists()["places"]
    wide = [n for n, sources in spread.items() if len(sources) >= WIDE_SOURCES
            and names_kind.get(n) == PLACE and n not in gaz.major and n not in listed]
    return frozenset(wide) - titled(documents, wide)


def titled(documents: list, names) -> frozenset[str]:
    """The ``names`` some document's title holds: a source's own place (合肥 of 合肥市政府工作报告),
    a name wherever it stands, even when it is also an ordinary word."""
    titles = "\n".join(doc.title for doc in documents)
    return frozenset(n for n in names if n in titles)


def dictionary_places(names_kind: dict[str, str], gaz) -> frozenset[str]:
    """The corpus's places that the gazetteer lacks and jieba's dictionary holds as words of two or
    three characters: a landmark or region (珠江, 闽江, 京津冀) or an ordinary word taken for a place
    (百川 of 百川汇海, 海湾 of 海湾型城市, 古都, 大市 of 经济大市). Neither is a slot another unit's
    place can fill: such a name is a slot only where the text shows a place (a suffix or an
    organisation after it), and a template sentence still holding it is not shipped."""
    from writer.mining.segment import in_dictionary

    return frozenset(n for n, kind in names_kind.items()
                     if kind == PLACE and 2 <= len(n) <= 3 and n not in gaz and in_dictionary(n))
