"""writer.check.budget's phrase scan: the same occurrences as a brute-force search, in linear work.

``PhraseSet.find`` cuts a text into clauses at marks no phrase or formula
holds, indexes phrases by their first characters and remembers each clause;
these tests hold it to the plain definition (every window of every length
looked up, occurrences inside a formula dropped) on arbitrary phrase sets and
texts, the cut marks included.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from writer.check.budget import PhraseSet, ReviewBudget

# Few characters, punctuation among them: phrases and formulas collide and hold cut marks.
ALPHABET = "真抓实干攻坚克难总基调，。、 -]\\"
words = st.text(ALPHABET, min_size=1, max_size=6)


def brute_force(phrases: frozenset[str], within: frozenset[str], text: str) -> list[str]:
    def spans(items):
        return [(i, i + len(p), p) for p in items for i in range(len(text) - len(p) + 1)
                if text.startswith(p, i)]
    covers = spans(within)
    return sorted(p for a, b, p in spans(phrases) if not any(c <= a and b <= d for c, d, _ in covers))


@settings(max_examples=300, deadline=None)
@given(st.frozensets(words, max_size=8), st.frozensets(words, max_size=3),
       st.lists(st.text(ALPHABET, max_size=40), min_size=1, max_size=4))
def test_find_is_the_brute_force_search(phrases, within, texts):
    counted = PhraseSet(phrases, within)
    for text in texts + texts:          # the second round is served from the clause memo
        assert sorted(counted.find(text)) == brute_force(phrases, within, text)
        assert counted.occurs_in(text) == bool(brute_force(phrases, frozenset(), text))


def test_a_long_text_of_repeated_clauses_is_scanned_clause_by_clause_once():
    counted = PhraseSet(frozenset({"持续推进", "就业服务", "推进就业"}), frozenset({"推进就业服务"}))
    text = "全年城镇新增就业" + "，持续推进就业服务" * 40_000
    assert len(counted.find(text)) == 40_000          # 推进就业 lies inside the formula each time
    assert counted.find(text + "。推进就业") == counted.find(text) + ["推进就业"]
    # Each distinct clause was scanned once: the work is the text's length, not its clauses times it.
    assert set(counted._scanner.found) == {"全年城镇新增就业", "持续推进就业服务", "推进就业"}


def test_a_budget_read_from_the_cache_scans_a_shared_set_once():
    shared = PhraseSet(frozenset({"真抓实干"}))
    from writer.check.budget import DensityBudget

    budget = ReviewBudget.from_plain(ReviewBudget(shared, densities=(DensityBudget(shared, 4, 8),)).to_plain())
    assert budget.repeat is budget.densities[0].counted
    assert budget.repeat.find("坚持真抓实干，真抓实干") == ["真抓实干", "真抓实干"]


def test_too_long_counts_compared_characters():
    budget = ReviewBudget(max_sentence=10)
    assert not budget.too_long("一二三四五 六七八九十 ")       # whitespace does not count
    assert budget.too_long("一二三四五六七八九十甲")
    assert not budget.too_long("一二三")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)), max_size=30)
       | st.text("ＡＺａｚ０９！～，。　 \t\n１２３中文\uff5f\uff00\U00020000", max_size=30))
def test_compared_folds_as_the_copy_rule_folds(text):
    from writer.check.copyindex import fold

    from writer.check.budget import compared

    assert compared(text) == fold("".join(text.split()))


def test_the_budget_records_compare_hash_and_show_as_frozen_dataclasses_did():
    import pytest

    from writer.check.budget import DensityBudget

    one = ReviewBudget(PhraseSet(frozenset({"真抓实干"})), densities=(DensityBudget(PhraseSet(), 4, 8, "^x"),))
    same = ReviewBudget(PhraseSet(frozenset({"真抓实干"})), densities=(DensityBudget(PhraseSet(), 4, 8, "^x"),))
    assert one == same and hash(one) == hash(same) and one != ReviewBudget()
    assert ReviewBudget() == ReviewBudget(PhraseSet(), PhraseSet(), (), 100, 0)
    assert repr(PhraseSet()) == "PhraseSet(phrases=frozenset(), within=frozenset())"
    assert one.densities[0].exempt("xa") and not one.densities[0].exempt("ax")
    with pytest.raises(AttributeError):
        one.max_sentence = 5


@settings(max_examples=150, deadline=None)
@given(st.frozensets(words, max_size=8), st.frozensets(words, max_size=3), st.frozensets(words, max_size=4),
       st.lists(st.text(ALPHABET, max_size=40), min_size=1, max_size=4))
def test_a_budget_read_from_the_cache_finds_what_its_sets_find_afresh(phrases, within, banned, texts):
    """The scanners rebuilt from the cached heads, lengths and cut marks find what scanners
    worked out from the phrases find (and the brute-force search)."""
    from writer.check.budget import DensityBudget

    budget = ReviewBudget(PhraseSet(phrases, within), PhraseSet(banned),
                          (DensityBudget(PhraseSet(phrases | banned, within), 2, 3),))
    cached = ReviewBudget.from_plain(budget.to_plain())
    assert cached == budget
    pairs = [(cached.repeat, phrases, within), (cached.banned, banned, frozenset()),
             (cached.densities[0].counted, phrases | banned, within)]
    for text in texts:
        for found, counted, formulas in pairs:
            expected = brute_force(counted - {""}, formulas - {""}, text)
            assert sorted(found.find(text)) == expected
            assert found.occurs_in(text) == bool(brute_force(counted - {""}, frozenset(), text))
