"""cliche: a slogan whose end runs into a longer word (群众满意|度) is that word's part, not a slogan.

The longer words are data (writer/data/check/wordlists/longer-words.yaml),
generated from jieba's dictionary by tools/build_longer_words.py.
"""

from __future__ import annotations

import sys
from copy import deepcopy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.check.examples import run_example
from writer.check.rules import ExampleContext, load_rules
from writer.check.wordlists import load_shipped_wordlists

ROOT = Path(__file__).resolve().parents[1]
RULE = load_rules().rules["cliche"]
LONGER = sorted(load_shipped_wordlists()["longer-words"].phrases)


def test_shipped_list_is_what_the_generator_writes():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_longer_words
    finally:
        sys.path.remove(str(ROOT / "tools"))
    shipped = build_longer_words.TARGET.read_text(encoding="utf-8")
    assert build_longer_words.render() == shipped, "运行 python tools/build_longer_words.py 重建长词表"
    assert {"满意度", "满意率", "使命感"} <= set(LONGER)
    assert all(len(w) == 3 and w[2] in build_longer_words.SUFFIXES for w in LONGER)


def _with_slogans(slogans: dict[str, int]):
    # A fresh copy: a check keeps the phrase set of the first context it ran in.
    rule = deepcopy(RULE)
    rule.context = ExampleContext(slogans=slogans, documents=14)
    return rule


@pytest.mark.parametrize("text, fires", [
    ("全市群众满意度达到95%。", False),
    ("全市群众满意度、群众满意率逐年提高。", False),
    ("做到让群众满意。", True),
    ("群众满意，企业放心。", True),
    ("服务让群众满意、让企业放心。", True),
    ("群众满意“度”字当头。", True),     # a quotation mark ends the word
])
def test_slogan_before_a_longer_word(text, fires):
    findings = run_example(_with_slogans({"群众满意": 3}), text)
    assert bool(findings) is fires, [f.message for f in findings]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LONGER), st.sampled_from(["全面", "不断", "切实"]), st.sampled_from(["，持续提升。", "持续提升。"]))
def test_no_slogan_ends_inside_a_listed_word(word, head, tail):
    slogan = head + word[:2]
    rule = _with_slogans({slogan: 3})
    assert not run_example(rule, f"我们{slogan}{word[2]}{tail}")
    assert run_example(rule, f"我们{slogan}{tail}" if tail[0] == "，" else f"我们{slogan}。")


class _EveryPair:
    """Holds every pair of characters: own_wording then looks up every piece around a hit's end."""

    def __contains__(self, pair) -> bool:
        return True


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="群众满意度率使命感增强全面，。“”", max_size=24))
def test_end_pair_test_drops_no_longer_word(text):
    # own_wording looks up the pieces around a hit's end only when the two characters there
    # lie in some longer word: the same hits are kept as when every piece is looked up.
    from writer.check.context import CheckContext
    from writer.check.draft import Draft
    from writer.check.kinds.phrases import own_wording

    check = deepcopy(RULE).checks[0]
    assert check.params["longer_words"]
    draft, ctx = Draft(text), CheckContext()
    hits = sorted((i, i + len(p), p) for p in ("群众满意", "满意", "增强使命", "使命", "全面")
                  for i in range(len(text)) if text.startswith(p, i))
    kept = own_wording(check, draft, ctx, hits)
    check._longer_pairs = _EveryPair()
    assert own_wording(check, draft, ctx, hits) == kept
