"""Proper names of the sources (places, organisations, persons) and what a title says about its document.

jieba's dictionary tags are unreliable for names (城市 and 美丽 are tagged as
places, 石家庄 as a person), so a word counts as a name only with stronger
evidence: it starts a document title before 工作/推进…; it ends with a place
suffix (七台河市, 平川区) on a stem that is itself a name or unknown to jieba;
it is a province or region (data/names.yaml); it is tagged as a person by the
HMM tagger in a sentence that talks about a person (…说, 记者…, 董事长…) and
starts with a common surname. The stems of suffixed names count too
(平川区 → 平川), so ``平川`` alone is caught.
"""

from __future__ import annotations

from functools import lru_cache

from writer.bank.records import Name
from writer.compose.names import NAME_LIST_KEYS, NAME_LISTS_FILE
from writer.corpus.document import Document
from writer.mining.companies import companies
from writer.mining.segment import is_cjk

PLACE, ORG, PERSON = "place", "org", "person"

# Why a word is a name (names.yaml's ``why``), besides the gazetteer's reasons (writer.mining.places).
WHY_COMPANY = "公司名称"
WHY_SUFFIX = "带地名尾字"
WHY_STEM = "带尾字地名的词干"
WHY_INSTITUTION = "机构名"
WHY_DICTIONARY = "词典地名（模板中）"
WHY_TITLE = "文档标题"


@lru_cache(maxsize=1)
def name_lists() -> dict:
    """data/mining/names.yaml as sets."""
    from writer.io.datafiles import load_word_lists

    return {k: frozenset(v) for k, v in load_word_lists(NAME_LISTS_FILE, NAME_LIST_KEYS).items()}


def stem_is_name(stem: str, in_title: bool = False) -> bool:
    """True when ``stem`` + a place suffix names a place (平川 → 平川区; not 示范 → 示范区)."""
    from writer.mining.segment import dictionary_tag

    lists = name_lists()
    if not stem or not is_cjk(stem) or stem in lists["generic_stems"] or stem in lists["not_names"]:
        return False
    if in_title:
        # ——在昆明市第十五届人民代表大会…上: a preposition before the place is no part of its name.
        return len(stem) == 1 or dictionary_tag(stem[0]) != "p" or _gazetteer_has(stem)
    if len(stem) == 1:
        return False
    tag = dictionary_tag(stem)
    if tag is None:
        # An unknown stem ending in a verb of governance is a slogan (依法治市), not a city.
        return stem[-1] not in lists["governance_verbs"]
    return tag in ("ns", "nr", "nz", "nt", "nrt")


def _gazetteer_has(name: str) -> bool:
    from writer.bank.gazetteer import load_gazetteer

    return name in load_gazetteer()


_PERSON_TAGS = ("nr", "nrfg", "nrt")


_PERSON_WORD: dict[str, bool] = {}


def _person_word(word: str) -> bool:
    """Could ``word`` be a person's given name or full name (unknown to jieba, or known as a name)?"""
    from writer.mining.segment import dictionary_tag, in_dictionary

    ok = _PERSON_WORD.get(word)
    if ok is None:
        ok = is_cjk(word) and (not in_dictionary(word)
                               or (dictionary_tag(word) in _PERSON_TAGS and not _is_common_word(word)))
        _PERSON_WORD[word] = ok
    return ok


def persons_from_tokens(tokens: list[str], distinct: set[str] | None = None,
                        evidence: dict[str, str] | None = None) -> dict[str, str]:
    """Person names among segmented words, where documents put them (上海市市长 应勇, 局长王红卫说…).

    Works on jieba's plain segmentation, so the body text never needs the
    slower tagger: a name is a two- or three-character word starting with a
    common surname that jieba does not know (or knows as a name), or a lone
    surname followed by such a word (王/元龙), standing before 说/表示/同志,
    or after a title and then followed by the end of the phrase or a word
    that follows names (data/mining/names.yaml's ``name_followers``), unless
    its given name is two characters and no common word (then an
    institution before it is evidence too: 燕山大学田永君). A tag alone is no
    evidence. ``evidence`` receives why each is a name.
    """
    out: dict[str, str] = {}
    why = evidence if evidence is not None else {}
    anchors = _anchors(distinct if distinct is not None else set(tokens))
    if not anchors:
        return out
    n = len(tokens)
    starts = _name_starts(tokens, anchors)
    followers = name_lists()["name_followers"]  # they start no name: 总书记向第6届…, 向沈浩同志 (沈浩)
    taken = -1
    for k in sorted(starts):
        if k < 0 or k >= n or k <= taken or tokens[k] in followers:
            continue
        name, end = _name_at(tokens, k, anchors)
        reason = name and _reason(name, starts[k], tokens[end:end + 4])
        if not reason:
            continue
        out[name] = PERSON
        why.setdefault(name, reason)
        taken = end - 1
        # a list of names: 委员胡豫、吴浩
        while end + 1 < n and tokens[end] == "、":
            more, more_end = _name_at(tokens, end + 1, anchors)
            if not more or not _ends_name(tokens[more_end] if more_end < n else ""):
                break
            out[more] = PERSON
            why.setdefault(more, reason + "（并列）")
            taken, end = more_end - 1, more_end
    return out


def _name_starts(tokens: list[str], anchors: set[str]) -> dict[int, str]:
    """Token index where a name may start → the title or institution before it ("" when 说 follows)."""
    after = name_lists()["person_after"]
    n = len(tokens)
    starts: dict[int, str] = {}
    for k in [k for k, w in enumerate(tokens) if w in anchors]:
        word = tokens[k]
        if word in after:
            # the name ends just before: one word, or a surname and one or two more tokens
            for j in (k - 1, k - 2, k - 3):
                starts.setdefault(j, "")
        else:
            # a speaker or signature line puts a space between title and name (市长 应勇)
            starts[k + 2 if k + 1 < n and tokens[k + 1].isspace() else k + 1] = word
    return starts


def _reason(name: str, before: str, following: list[str]) -> str:
    """Why ``name`` (after ``before``, followed by the words ``following``) is a person, or "" when
    it is not shown to be one."""
    from writer.mining.segment import dictionary_frequency

    if len(name) == 3 and dictionary_frequency(name[:2]) >= 1000:
        return ""  # 顾问/团: a common word with a character after it, not a surname and a given name
    lists = name_lists()
    after = lists["person_after"]
    nxt = following[0] if following else ""
    if nxt in after:
        # 简减/同志/关系: a title word inside a compound noun (同志关系), not after a name
        # (a distinctive name stays one: 高瑞奎/同志/先进事迹)
        compound = not _distinctive(name) and _noun_follows(following[1] if len(following) > 1 else "")
        return "" if compound else f"后接“{nxt}”"
    if _noun_follows(nxt) or (len(name) == 2 and nxt in lists["weak_followers"]):
        return ""  # 专家/季谈会/制度, 总书记/盛赞/为: a name is rarely followed by a noun or a bare 为
    kind = _anchor_kind(before) if before else ""
    if kind == "collective":
        said = next((w for w in following[1:] if w in after), "")
        return f"称谓“{before}”在前、其后有“{said}”" if said else ""
    if kind == "title" and (_ends_name(nxt) or _distinctive(name)):
        return f"称谓“{before}”在前"
    if kind == "institution" and _distinctive(name):
        return f"机构名“{before}”在前"
    return ""


def _distinctive(name: str) -> bool:
    """A surname and a two-character given name that is no common word (王元龙, 邓晓琳; not 高水平):
    after a title it is a name whatever follows. A one-character given name (管党, 和市) is not enough."""
    from writer.mining.segment import dictionary_frequency, dictionary_tag

    given = name[1:]
    return len(given) == 2 and (dictionary_tag(given) in (None, *_PERSON_TAGS) or dictionary_frequency(given) < 100)


def _noun_follows(word: str) -> bool:
    """``word`` is a common noun of jieba's dictionary (关系, 制度, 分校) and no word that follows
    names (代表) or title: after it the candidate is a compound's first part, not a person."""
    from writer.mining.segment import dictionary_tag

    lists = name_lists()
    return dictionary_tag(word) == "n" and word not in lists["name_followers"] and not _anchor_kind(word)


def _ends_name(word: str) -> bool:
    """Whether a name can stand before ``word``: the phrase ends, or a word that follows names comes."""
    lists = name_lists()
    return (not word or not is_cjk(word) or word in lists["name_followers"] or word in lists["person_after"]
            or _anchor_kind(word) == "title")


def _name_at(tokens: list[str], k: int, anchors: set[str]) -> tuple[str | None, int]:
    """The person's name starting at token ``k`` and the index after it, or (None, k)."""
    lists = name_lists()
    word = tokens[k]
    n = len(tokens)
    if word[0] not in lists["surnames"]:
        return None, k
    if 2 <= len(word) <= 3:
        return (word, k + 1) if _person_word(word) and word not in lists["not_names"] else (None, k)
    if len(word) != 1 or k + 1 >= n:
        return None, k
    nxt = tokens[k + 1]
    if 1 < len(nxt) <= 2 and _person_word(nxt):
        return word + nxt, k + 2  # 王/元龙
    # 王/红/卫: one or two single characters after the surname, up to a character
    # that ends a name (jieba without its HMM cuts unknown names into characters: 王/红/卫/说).
    not_in_name = lists["not_in_name"]
    end = k + 1
    while end < n and end - k <= 2 and len(tokens[end]) == 1 and is_cjk(tokens[end]) \
            and tokens[end] not in not_in_name and tokens[end] not in anchors:
        end += 1
    if end - k >= 2:
        return "".join(tokens[k:end]), end
    return None, k


_ANCHOR: dict[str, str] = {}
_ANCHOR_WORDS: set[str] = set()  # the words met so far whose _anchor_kind is not ""


def _anchor_kind(word: str) -> str:
    """What a word next to which a person's name may stand is: "after" (说, 表示, 同志…), "title"
    (市长, 书记, 代表), "collective" (居民, 群众), "institution" (燕山大学, …有限公司), or "" (none)."""
    kind = _ANCHOR.get(word)
    if kind is None:
        lists = name_lists()
        if not _TITLE_BY_LAST:
            for t in lists["person_titles"]:
                _TITLE_BY_LAST.setdefault(t[-1], []).append(("title", t))
            for t in lists["org_suffixes"]:
                _TITLE_BY_LAST.setdefault(t[-1], []).append(("institution", t))
            for t in lists["collective_titles"]:
                _TITLE_BY_LAST.setdefault(t[-1], []).insert(0, ("collective", t))
        kind = "after" if word in lists["person_after"] else ""
        if not kind and len(word) >= 2:
            kind = next((k for k, t in _TITLE_BY_LAST.get(word[-1], ()) if word.endswith(t) and (k != "institution" or word != t)), "")
        _ANCHOR[word] = kind
        if kind:
            _ANCHOR_WORDS.add(word)
    return kind



def _anchors(distinct: set[str]) -> set[str]:
    """The anchors among a text's distinct words: only the words never met before are looked at."""
    for word in distinct.difference(_ANCHOR):
        _anchor_kind(word)
    return distinct & _ANCHOR_WORDS


_TITLE_BY_LAST: dict[str, list[str]] = {}


# word → the names it gives whatever its neighbours: ((name, kind), ...), computed once per word.
_STATIC: dict[str, tuple] = {}
_STATIC_HITS: set[str] = set()        # the words of _STATIC that give names
_DICTIONARY_PLACES: set[str] = set()  # the words of _STATIC that jieba's dictionary tags ns (not not_names)


_ORG_LAST: set[str] = set()


def _static_names(word: str) -> tuple:
    """The names a word gives by itself: a province, a suffixed place and its stem, a nickname, an institution."""
    from writer.mining.segment import dictionary_tag

    # Cheap tests first: this runs once for every distinct word of the corpus.
    if len(word) < 2:
        return ()
    lists = name_lists()
    if word in lists["not_names"]:
        return ()
    if word in lists["places"]:
        return ((word, PLACE),)
    last = word[-1]
    if not _ORG_LAST:
        _ORG_LAST.update(x[-1] for x in lists["org_suffixes"])
    if last not in lists["suffix_last"] and last not in _ORG_LAST and last != "城":
        return ()
    if not is_cjk(word):
        return ()
    suffix = place_suffix(word)
    if suffix:
        stem = word[:-len(suffix)]
        if stem_is_name(stem):
            return ((word, PLACE), (stem, PLACE)) if len(stem) >= 2 else ((word, PLACE),)
        return ()
    tag = dictionary_tag(word)
    if len(word) == 2 and last == "城" and tag is None:
        return ((word, PLACE),)  # a city's nickname jieba does not know (羚城)
    if tag == "nt" and any(word.endswith(x) for x in lists["org_suffixes"]):
        stem = next(word[:-len(x)] for x in lists["org_suffixes"] if word.endswith(x))
        if len(stem) >= 2 and stem not in lists["not_names"] and not stem.startswith(tuple(lists["national_prefixes"])):
            return ((word, ORG),)
    return ()


def names_from_tokens(tokens: list[str], inclusive: bool = False,
                      evidence: dict[str, str] | None = None) -> dict[str, str]:
    """Names among the words of a text (jieba's default segmentation, dictionary tags).

    ``inclusive``: also every word jieba's dictionary tags as a place (for the
    texts shipped as templates, where a missed name costs more than a wrong slot).
    ``evidence`` receives, per name, why it is one (names.yaml's ``why``).
    """
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.places import followed_by_place_word, ordinary_dictionary_place, places_from_tokens
    from writer.mining.segment import dictionary_tag

    lists = name_lists()
    why = evidence if evidence is not None else {}
    distinct = set(tokens)
    out: dict[str, str] = {} if lists["company_tails"].isdisjoint(distinct) else companies(tokens)
    for name in out:
        why.setdefault(name, WHY_COMPANY)
    out.update(persons_from_tokens(tokens, distinct, why))
    # The gazetteer's places win over a person's reading (秦皇岛 after 市长 is the city).
    places_from_tokens(tokens, distinct, out, why)
    static = _STATIC
    not_names = lists["not_names"]
    placed = followed_by_place_word(tokens) if inclusive else set()
    gazetteer = load_gazetteer() if inclusive else frozenset()
    # Each word once in the corpus (words met before are sets' members); the few hits are applied
    # in sorted order, so the result does not depend on set order.
    _classify_new(distinct, not_names)
    hits = distinct & _STATIC_HITS
    if inclusive:
        hits.update(word for word in distinct & _DICTIONARY_PLACES
                    if word in placed or word in gazetteer or not ordinary_dictionary_place(word))
    for word in sorted(hits):
        pairs = static[word]
        if pairs:
            out[pairs[0][0]] = pairs[0][1]
            why.setdefault(pairs[0][0], WHY_SUFFIX if pairs[0][1] == PLACE else WHY_INSTITUTION)
            for name, kind in pairs[1:]:
                out.setdefault(name, kind)
                why.setdefault(name, WHY_STEM)
        else:
            out.setdefault(word, PLACE)
            why.setdefault(word, WHY_DICTIONARY)
    lone_suffixes = lists["lone_suffixes"]
    if not lone_suffixes.isdisjoint(distinct):
        for k in [k for k, w in enumerate(tokens) if w in lone_suffixes]:
            word = tokens[k - 1] if k > 0 else ""
            # jieba sometimes cuts 合作/市: an unknown or name-tagged stem before a lone suffix; a word
            # of the dictionary only when the gazetteer holds it with the suffix (not 续/建国/省/干线).
            tag = dictionary_tag(word)
            if len(word) >= 2 and not static.get(word) and word not in not_names and stem_is_name(word) \
                    and tag in ("ns", "nr", "nz", None) and (tag is None or word + tokens[k] in gazetteer_all()):
                out[word] = PLACE
                out.setdefault(word + tokens[k], PLACE)
                why.setdefault(word, WHY_SUFFIX)
                why.setdefault(word + tokens[k], WHY_SUFFIX)
    return out


def _classify_new(distinct: set[str], not_names: frozenset[str]) -> None:
    """The names each word never met before gives by itself (_STATIC), and whether it is a dictionary place."""
    from writer.mining.segment import dictionary_tag

    for word in distinct.difference(_STATIC):
        pairs = _STATIC[word] = _static_names(word)
        if pairs:
            _STATIC_HITS.add(word)
        if len(word) >= 2 and word not in not_names and dictionary_tag(word) == "ns":
            _DICTIONARY_PLACES.add(word)


def gazetteer_all():
    """The gazetteer (its free and context names alike)."""
    from writer.bank.gazetteer import load_gazetteer

    return load_gazetteer()


def place_suffix(word: str) -> str | None:
    for suffix in sorted(name_lists()["autonomous_suffixes"], key=len, reverse=True):
        if word.endswith(suffix) and len(word) > len(suffix):
            return suffix
    if len(word) >= 3 and word[-1] in name_lists()["place_suffixes"]:
        tail2 = word[-2:]
        if tail2 in name_lists()["not_names"]:
            return None  # 城区, 社区, 地区 …
        return word[-1]
    return None


def names_from_tagged(tagged: list[tuple[str, str]], inclusive: bool = False) -> dict[str, str]:
    """Names among HMM-tagged words: persons (surname first, two or three characters), places, organisations.

    ``inclusive``: also take every word tagged as a place (for texts that are
    shipped as templates, where a missed name costs more than a wrong slot).
    """
    lists = name_lists()
    out: dict[str, str] = {}
    merged: list[tuple[str, str]] = []
    for word, tag in tagged:
        # The tagger often cuts a person's name after the surname: 王/元龙, 李/智勇.
        if merged and merged[-1][1] == "nr" and len(merged[-1][0]) == 1 and tag == "nr" and len(word) <= 2:
            merged[-1] = (merged[-1][0] + word, "nr")
        else:
            merged.append((word, tag))
    for k, (word, tag) in enumerate(merged):
        if not is_cjk(word) or word in lists["not_names"] or len(word) < 2:
            continue
        if tag in ("nr", "nrfg", "nrt") and word[0] in lists["surnames"] and len(word) <= 3 \
                and not _is_common_word(word) and _person_context(merged, k, out):
            out[word] = PERSON
        elif word in lists["places"]:
            out[word] = PLACE
        elif tag == "ns" and (place_suffix(word) and stem_is_name(word[:-len(place_suffix(word))])):
            out[word] = PLACE
        elif inclusive and tag == "ns" and _dict_place(word):
            out[word] = PLACE
        elif tag == "nt" and any(word.endswith(s) for s in lists["org_suffixes"]) \
                and not word.startswith(tuple(lists["national_prefixes"])):
            out[word] = ORG
    return out


def _person_context(tokens: list[tuple[str, str]], k: int, found: dict[str, str]) -> bool:
    """A person's name stands after a title (局长, 记者, 燕山大学), before 说/表示/女士, or in a list of names."""
    lists = name_lists()
    prev = tokens[k - 1] if k > 0 else ("", "")
    nxt = tokens[k + 1][0] if k + 1 < len(tokens) else ""
    if any(prev[0].endswith(t) for t in lists["person_titles"]) or prev[1] == "nt":
        return True
    if nxt in lists["person_after"]:
        return True
    if prev[0] == "、" and k >= 2 and found.get(tokens[k - 2][0]) == PERSON:
        return True
    return False


def _dict_place(word: str) -> bool:
    """jieba's dictionary (not its HMM guess) calls ``word`` a place."""
    from writer.mining.segment import dictionary_tag

    return dictionary_tag(word) == "ns"


def _is_common_word(word: str) -> bool:
    """A dictionary word that jieba tags as a person but that is ordinary (高潮, 金秋)."""
    from writer.mining.segment import dictionary_frequency, dictionary_tag

    tag = dictionary_tag(word)
    return tag is not None and tag not in ("nr", "nrfg", "nrt") or dictionary_frequency(word) > 500


# ---------------------------------------------------------------- the step: the bank's names

def corpus_names(documents: list[Document], analyses: list, evidence: dict[str, tuple[str, str]] | None = None
                 ) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Every document's names (pass 1's ``analyses``), corpus-wide: name → kind (as first met), name →
    ids of its documents; ``evidence`` receives name → (why, line) from the first document giving it.
    A place this corpus writes across many sources (ordinary_in_corpus, common_words) is an ordinary
    word here, no name (三中, 河湖); a gazetteer's (富民, 安康) stays one where the text shows a place."""
    from writer.bank.gazetteer import load_gazetteer
    from writer.mining.common_words import common_dictionary_words, common_gazetteer_words
    from writer.mining.places import WHY_ORDINARY, ordinary_in_corpus

    evidence = evidence if evidence is not None else {}
    names_kind: dict[str, str] = {}
    names_docs: dict[str, list[str]] = {}
    for doc, an in zip(documents, analyses):
        for name, kind in list(an.names.items()) + list(an.lead_names.items()):
            if name not in names_kind:
                names_kind[name] = kind
                evidence[name] = an.evidence.get(name, ("", ""))
            ids = names_docs.setdefault(name, [])
            if not ids or ids[-1] != doc.id:
                ids.append(doc.id)
    gaz = load_gazetteer()
    dictionary_words = [n for n in names_kind if evidence[n][0] == WHY_DICTIONARY]
    for name in sorted(ordinary_in_corpus(documents, analyses, names_kind, gaz) | common_gazetteer_words(
            documents, analyses, names_kind, gaz) | common_dictionary_words(documents, dictionary_words, gaz)):
        if name in gaz:
            evidence[name] = (WHY_ORDINARY, evidence[name][1])
        else:
            del names_kind[name], names_docs[name], evidence[name]
    return names_kind, names_docs


def name_records(names_kind: dict[str, str], names_docs: dict[str, list[str]],
                 evidence: dict[str, tuple[str, str]]) -> list[Name]:
    """The bank's names, by kind then text, each with why it is a name and where (first document)."""
    out = []
    for n in sorted(names_kind, key=lambda n: (names_kind[n], n)):
        why, line = evidence.get(n, ("", ""))
        out.append(Name(text=n, kind=names_kind[n], docs=names_docs[n], why=why, line=line))
    return out
