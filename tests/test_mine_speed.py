"""Mining's pass-1 speed-ups change no result: the cut's memo of the text between blocks, and the
name finders' per-word sets, against the straightforward computations they replace."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.mining import names as nm
from writer.mining import places, segment

# Blocks (Chinese runs, ASCII runs jieba keeps with them) and the text between them: marks,
# spaces, line breaks (\r\n is one token for jieba), long runs of marks that the memo skips.
_PIECES = st.sampled_from(["高质量发展", "凝心聚力", "的", "市委书记", "5G", "a1", "，", "。", "、", "“", "”",
                           " ", "  ", "\u3000", "\r\n", "\n", "\t", "——", "……", "（一）", "《》、，。！？；：",
                           "市以", "合作市", "遵义市委", "王红卫说"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=0, max_size=25).map("".join), st.booleans())
def test_cut_with_its_memos_equals_jieba(text, hmm):
    segment.initialize()
    import jieba

    expected = jieba.lcut(text, HMM=hmm)
    assert segment.cut(text, hmm=hmm) == expected
    assert segment.cut(text, hmm=hmm) == expected  # again: blocks and gaps from the memos


def test_cut_shares_one_object_per_mark():
    # The memo of the text between blocks hands out the same tokens: equal marks are one object.
    tokens = [t for t in segment.cut("发展，改革，开放，创新。" * 3, hmm=False) if t in "，。"]
    assert len(tokens) == 12 and len({id(t) for t in tokens}) == 2


def _glued_as_defined(word: str) -> bool:
    """glued_suffix's definition, word by word (the set it is now computed from must agree)."""
    lists = nm.name_lists()
    suffixes = lists["place_suffixes"] | lists["standalone_suffixes"]
    return len(word) == 2 and word[0] in suffixes and word[1] in lists["not_in_name"]


def test_glued_suffix_set_is_its_definition():
    lists = nm.name_lists()
    firsts = {w[0] for w in lists["place_suffixes"] | lists["standalone_suffixes"]} | set("城发展")
    seconds = {w[0] for w in lists["not_in_name"]} | set("委长中")
    words = [a + b for a in firsts for b in seconds] + ["市", "市以后", ""]
    assert any(_glued_as_defined(w) for w in words)
    assert [w for w in words if places.glued_suffix(w)] == [w for w in words if _glued_as_defined(w)]


_TEXTS = ["遵义市委书记 张三丰说，上海市市长 应勇出席", "合作市以绿色发展为主线，南翔镇和平区委",
          "局长王红卫说，富民县人民政府和延边州", "中共云南省委、省政府召开会议，市委书记讲话"]


def test_names_are_the_same_when_the_words_were_met_before():
    # The per-word sets are filled as words are first met: a text read again, or after others,
    # gives the same names (and reasons) as the first time.
    for inclusive in (False, True):
        first = []
        for text in _TEXTS:
            why: dict[str, str] = {}
            first.append((nm.names_from_tokens(segment.cut(text), inclusive=inclusive, evidence=why), why))
        for text, (names, why) in zip(reversed(_TEXTS), reversed(first)):
            again: dict[str, str] = {}
            assert nm.names_from_tokens(segment.cut(text), inclusive=inclusive, evidence=again) == names
            assert again == why
    assert any(names for names, _ in first)


def _heading_topics_as_defined(heading_text, section_words, topics, limit=5):
    """heading_topics's definition: topics named in the heading, then those its section leans on."""
    found = [k for k in topics if k in heading_text]
    body = set(section_words)
    for k in topics:
        if len(found) >= limit:
            break
        if k not in found and k in body and sum(1 for w in topics[k][:10] if w in body) >= 3:
            found.append(k)
    return found[:limit]


_WORDS = st.sampled_from(["人才", "引才", "教育", "医疗", "改革", "创新", "乡村", "振兴", "生态", "环境", "产业"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_WORDS, st.lists(_WORDS, max_size=12), max_size=10),
       st.lists(_WORDS, max_size=6).map("".join), st.lists(_WORDS, max_size=30), st.integers(1, 6))
def test_heading_topics_is_its_definition(topics, heading, section_words, limit):
    from writer.mining.topics import heading_topics

    assert heading_topics(heading, section_words, topics, limit) == _heading_topics_as_defined(
        heading, section_words, topics, limit)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["人才", "引才", "的", "发展", "改革", "我们", "高质量", "一", "5G", "加强", "工作",
                                 "\n", "北京"]), max_size=80))
def test_content_words_is_its_definition(tokens):
    from collections import Counter

    from writer.mining import topics

    segment.initialize()
    expected_memo = {w: topics._is_content(w) for w in tokens}
    from writer.io.datafiles import load_word_list

    generic = set(load_word_list("mining/topics.yaml", "generic"))
    kept = [w for w in tokens if w not in generic and expected_memo[w]]
    for keep in (topics.SECTION_WORDS, 3):  # 3: the cut falls among ties, which keep text order
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(topics, "SECTION_WORDS", keep)
            assert topics.content_words(tokens) == [w for w, _ in Counter(kept).most_common(keep)]
