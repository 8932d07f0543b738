"""The bank's YAML emitter: what it writes, yaml.safe_load reads back unchanged."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.mining.yamlout import dump, scalar

# Strings as bank data holds them, plus the characters YAML treats specially.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["yes", "No", "null", "~", "1x6", "- a", "a: b", "a #b", " lead", "tail ", "{N2}", "", "“引号”", "3.5", "0x1f",
     "2021-06-15", "<<", "=", "@x", "`x", "\u2028", "\ufeff"])
scalars = st.none() | st.integers(-10**6, 10**6) | st.booleans() | text
records = st.dictionaries(text, scalars | st.lists(text, max_size=3) | st.lists(st.lists(text, max_size=2), max_size=2),
                          max_size=4)
banks = st.dictionaries(text, st.lists(records, max_size=3) | st.dictionaries(text, st.lists(st.integers(0, 9), max_size=3)
                                                                               | st.dictionaries(text, scalars, max_size=2)
                                                                               | st.lists(text, max_size=3), max_size=3)
                        | scalars, max_size=4)


@given(banks)
@settings(max_examples=300, deadline=None)
def test_round_trip(data):
    assert yaml.safe_load(dump(data)) == data


def test_plain_where_plain_is_safe():
    assert scalar("凝心聚力") == "凝心聚力"
    assert scalar("坚持{N2}引领") == "坚持{N2}引领"
    assert scalar("{N2}") == '"{N2}"'
    assert scalar("yes") == '"yes"'
    assert scalar(None) == "null" and scalar(3) == "3"


def test_block_layout():
    out = dump({"slogans": [{"text": "凝心聚力", "doc_ids": ["a", "b"], "examples": []}]})
    assert out == "slogans:\n- text: 凝心聚力\n  doc_ids:\n  - a\n  - b\n  examples: []\n"


def test_dump_in_pieces_is_dump_and_converts_lazily():
    from writer.mining.yamlout import LazyList, dump_pieces

    converted = []

    def convert(n):
        converted.append(n)
        return {"n": n, "items": [str(n), {"k": n}], "empty": []}

    data = {"records": LazyList([1, 2, 3], convert), "groups": {"a": [1, 2], "b": {}}, "none": LazyList([], convert),
            "scalar": "文本", "empty": {}}
    pieces = dump_pieces(data)
    first = [next(pieces), next(pieces)]  # the key, then the first record alone
    assert converted == [1] and first[0] == "records:\n"
    text = "".join(first + list(pieces))
    plain = {"records": [convert(n) for n in (1, 2, 3)], "groups": data["groups"], "none": [],
             "scalar": "文本", "empty": {}}
    assert text == dump(plain)
    assert yaml.safe_load(text) == plain
