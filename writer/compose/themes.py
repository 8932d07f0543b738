"""Section themes: the topic's own (then the lexicon's generic ones), and theme records for names given."""

from __future__ import annotations

from writer.bank.lexicon import Lexicon, Theme, Topic, load_lexicon


def default_themes(topic: Topic, n: int) -> list[str]:
    """The first ``n`` section themes of the topic (the fallback's when the topic is unknown)."""
    names = [t.name for t in topic.themes]
    if n <= len(names):
        return names[:n]
    extra = [t.name for t in load_lexicon().fallback_themes(topic.key)]
    return (names + [e for e in extra if e not in names])[:n]


def resolve_themes(lex: Lexicon, topic: Topic, themes: list[str]) -> list[Theme]:
    """Theme records for the names given: the lexicon's when it knows them (a topic name given
    as a theme stands for that topic's noun phrases), else built from the name."""
    out = []
    for name in themes:
        t = lex.theme(name, topic)
        if t is None:
            sub = lex.topic(name)
            if sub.known and sub.key != topic.key:
                t = Theme(name=name, nouns=[th.nouns[0] for th in sub.themes if th.nouns],
                          facts=[th.facts[0] for th in sub.themes if th.facts])
            else:
                t = Theme(name=name, nouns=[], facts=[])
        out.append(t)
    return out
