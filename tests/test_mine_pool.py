"""Runs of work for the miner's processes (writer.mining.pool.chunks): every item once, in order, bounded runs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from writer.mining.pool import chunks


@given(st.lists(st.integers(0, 5_000), min_size=1, max_size=200), st.integers(1, 4),
       st.one_of(st.none(), st.integers(1_000, 20_000)))
def test_runs_cover_the_items_in_order_and_stay_under_the_size(sizes: list[int], jobs: int, max_size):
    runs = chunks(len(sizes), jobs, sizes, max_size=max_size)
    assert [i for r in runs for i in r] == list(range(len(sizes)))
    if jobs > 1 and max_size:
        # About equal runs, none more than one item over the bound (or over an item, when items are few).
        bound = max(max_size, max(sizes)) + max(sizes)
        assert all(sum(sizes[i] for i in r) <= bound for r in runs)


def test_a_large_corpus_is_cut_into_more_runs_than_processes():
    sizes = [1_000_000] * 40
    assert len(chunks(40, 2, sizes)) == 4
    assert len(chunks(40, 2, sizes, max_size=2_000_000)) == 20
