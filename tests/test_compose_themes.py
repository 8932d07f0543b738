"""writer.compose.themes: theme records found through the lexicon's theme names are those found by
asking the lexicon of every name."""

from __future__ import annotations

import pytest

from writer.bank.lexicon import load_lexicon
from writer.compose import themes


@pytest.mark.parametrize("topic", ["人社工作", "党建", "医保", "某某局工作", "统战", "县人社局"])
def test_a_theme_resolves_as_the_lexicon_resolves_it(topic, monkeypatch):
    lex = load_lexicon()
    names = sorted({n for key in lex.topics for n in lex.topics[key]["themes"]})
    asked = names + ["人才人事", " 就业创业 ", "党建", "某某工作", "行风建设", ""]
    top = lex.topic(topic)
    found = themes.resolve_themes(lex, top, asked)
    assert themes._theme_names(lex) == frozenset(names)
    monkeypatch.setattr(themes, "_theme_names", lambda lex: None)   # every name asked of the lexicon
    assert [repr(t) for t in found] == [repr(t) for t in themes.resolve_themes(lex, top, asked)]
