"""Company names (the words before 有限公司/集团) and their brand word: names a template must not carry."""

from __future__ import annotations

from writer.mining.segment import is_cjk

ORG = "org"


_NUMERALS = frozenset("一二三四五六七八九十两百千万几")
# A word jieba's corpus uses this often is a word, whatever its tag (高水平/nr is used 91 times).
_RARE = 50

_STOP_TAGS = ("p", "c", "u", "uj", "ul", "v", "d", "r", "m", "q", "f", "t", "x", "a", "ad")


def _join_single_chars(words: list[str]) -> list[str]:
    """Runs of one-character words joined (晶/澳 → 晶澳): unknown words, as jieba without HMM leaves them."""
    out: list[str] = []
    run = ""
    for w in words:
        if len(w) == 1:
            run += w
            continue
        if run:
            out.append(run)
            run = ""
        out.append(w)
    if run:
        out.append(run)
    return out


# Characters the dictionary tags as verbs and adjectives: a run of them only (做/强, 做/优/做/强: jieba
# without HMM cuts 做强 into characters) is a verb phrase (做强集团), not an unknown brand.
_VERB_TAGS = frozenset(("v", "vn", "a", "ad", "d"))


def _verb_run(word: str) -> bool:
    """Whether ``word`` is made of characters the dictionary tags each as a verb or adjective."""
    from writer.mining.segment import dictionary_tag

    return all(dictionary_tag(c) in _VERB_TAGS for c in word)


def companies(tokens: list[str]) -> dict[str, str]:
    """Company names (tokens before 有限公司/集团) and their brand word (晶澳, 威特)."""
    from writer.mining.names import name_lists
    from writer.mining.segment import dictionary_frequency, dictionary_tag, in_dictionary

    lists = name_lists()
    out: dict[str, str] = {}
    tails, not_in_name = lists["company_tails"], lists["not_in_name"]
    for k in [k for k, w in enumerate(tokens) if w in tails]:
        word = tokens[k]
        j = k
        # Back from 有限公司 over the name's words; single characters (an unknown word cut
        # into characters: 仟/佰/亿) belong to it unless they are function words.
        while j > 0 and k - j < 8 and is_cjk(tokens[j - 1]) and tokens[j - 1] not in not_in_name and \
                (len(tokens[j - 1]) == 1 or (dictionary_tag(tokens[j - 1]) or "n") not in _STOP_TAGS):
            j -= 1
        if len("".join(tokens[j:k])) >= 2:
            name = "".join(tokens[j:k + 1])
            out[name] = ORG
            parts = [p for p in _join_single_chars(tokens[j:k]) if len(p) >= 2 and p not in lists["places"]
                     and p not in lists["not_names"]]
            # The brand is the first word jieba does not know (晶澳, 威特) or knows as a rare name;
            # a known name-like word at the front is usually the company's place (义乌). A count
            # (三大公司) or a common word the dictionary tags as a name (高水平 of 高水平平台公司) is none.
            first = tokens[j]
            brand = next((p for p in parts if p[0] not in _NUMERALS and not _verb_run(p) and (
                not in_dictionary(p) or dictionary_tag(p) in ("nr", "nrt") and dictionary_frequency(p) < _RARE)), None)
            if brand is None:
                brand = next((p for p in parts if p != first and dictionary_tag(p) == "nz"), None)
            if brand:
                out.setdefault(brand, ORG)
    return out
