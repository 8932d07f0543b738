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


# The names of every topic's themes, per lexicon (by its content stamp): a name that is no theme
# of any topic (人才人事, a writer's own) is known as such without decoding all the topics (~5M
# instructions of a render).
_NAMES_CACHE = "compose-theme-names.marshal"
_NAMES: dict = {}


def _theme_names(lex: Lexicon) -> frozenset[str] | None:
    """Every theme name of the lexicon's topics; None for a lexicon without a stamp."""
    if lex.stamp is None:
        return None
    found = _NAMES.get(lex.stamp)
    if found is None:
        from pathlib import Path

        from writer.io import cache

        path = cache.cache_file(Path(lex.path).parent, _NAMES_CACHE)
        stored = cache.load(path, lex.stamp)
        if not isinstance(stored, str):
            stored = "\n".join(sorted({name for key in lex.topics for name in lex.topics[key]["themes"]}))
            cache.store(path, lex.stamp, stored)
        found = _NAMES[lex.stamp] = frozenset(stored.split("\n"))
    return found


def resolve_themes(lex: Lexicon, topic: Topic, themes: list[str]) -> list[Theme]:
    """Theme records for the names given: the lexicon's when it knows them (a topic name given
    as a theme stands for that topic's noun phrases), else built from the name."""
    names = _theme_names(lex)
    out = []
    for name in themes:
        if names is None or name.strip() in names:
            t = lex.theme(name, topic)
        else:   # as lex.theme finds it: the topic's own (a fallback topic's themes are no topic's)
            t = next((t for t in topic.themes if t.name == name.strip()), None)
        if t is None:
            sub = lex.topic(name)
            if sub.known and sub.key != topic.key:
                t = Theme(name=name, nouns=[th.nouns[0] for th in sub.themes if th.nouns],
                          facts=[th.facts[0] for th in sub.themes if th.facts])
            else:
                t = Theme(name=name, nouns=[], facts=[])
        out.append(t)
    return out
