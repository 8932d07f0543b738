"""The variety ranking (writer.suggest.ranking.rank) takes, pass by pass, the first item of the best
score less one point per earlier use of each of its keys: checked against that rule written plainly."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from writer.suggest.ranking import rank
from writer.suggest.records import Suggestion


def _plain_rank(items, seed, keys, top):
    """The rule as stated: every pass sums each remaining item's penalties afresh."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    pos = {i: p for p, i in enumerate(order)}
    idx = sorted(range(len(items)), key=lambda i: (-items[i].score, pos[i]))
    head, tail, used, out = idx[:top], idx[top:], {}, []
    while head:
        values = [items[i].score - sum(used.get(x, 0) for x in keys(items[i])) for i in head]
        best = values.index(max(values))
        i = head.pop(best)
        items[i].score = values[best]
        for x in keys(items[i]):
            used[x] = used.get(x, 0) + 1
        out.append(items[i])
    return out + [items[i] for i in tail]


item_specs = st.lists(st.tuples(st.sampled_from([-2.0, 1.0, 3.0, 5.0, 8.0]),
                                st.lists(st.sampled_from("甲乙丙丁戊"), max_size=3)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(item_specs, st.integers(0, 50), st.sampled_from([3, 10, 60]))
def test_rank_follows_the_variety_rule(specs, seed, top):
    def make():
        return [Suggestion(f"第{j}条", "heading", "generated", pattern="|".join(ks), score=score)
                for j, (score, ks) in enumerate(specs)]

    def keys(s):
        return s.pattern.split("|") if s.pattern else []

    got = rank(make(), seed, keys=keys, top=top)
    want = _plain_rank(make(), seed, keys, top)
    assert [(s.text, s.score) for s in got] == [(s.text, s.score) for s in want]
