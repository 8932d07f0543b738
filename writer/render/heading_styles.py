"""Section headings in the style the facts ask for, from the bank's patterns or the lexicon.

Styles: single (one line), pair (heading / subheading: 坚持党建引领 / 班子建设质量高),
triple (three clauses), method (method + result: 坚持党的领导，大统战工作格局更加完善),
contrast (从缺失到完善 基础设施日渐齐全) and four (theme + four-character result, a
parallel set). The bank's patterns are tried for the styles they hold; the
lexicon then builds the style from the topic's and the kind's principles
(writer/data/render/fit.yaml) and a result that fits the section's kind.
When even that fails, the four-character set is used and a note says why.
"""

from __future__ import annotations

import random

from writer.errors import WriterError

from writer.render.fit import fit_data, for_kind
from writer.render.weave import seeded

STYLE_NAMES = {"single": "一行标题", "pair": "两行标题", "triple": "一行三句", "method": "方法＋结果",
               "contrast": "对比式", "four": "主题＋四字评价"}
BANK_STYLES = ("single", "pair", "triple")
SEP = "\u3000"


def _shares(a: str, themes: list[str]) -> bool:
    """Whether ``a`` echoes a theme: a two-character word of it, or two of its characters (质量提升
    / 量质齐升)."""
    return any(a[i:i + 2] in t for t in themes for i in range(len(a) - 1)) or \
        any(len(set(a) & set(t)) >= 2 for t in themes)


class _Picker:
    """Draws each part of a heading set without repeats and without echoing any theme of the set."""

    def __init__(self, rng: random.Random, ledger, themes: list[str]):
        self.rng, self.ledger, self.used, self.themes = rng, ledger, set(), themes

    def pick(self, *option_lists: list[str]) -> str | None:
        """The first usable option, the lists tried in order, each in seeded order."""
        for options in option_lists:
            for option in seeded(options, self.rng):
                if option in self.used or _shares(option, self.themes) or self.ledger.cost(option)[0]:
                    continue
                self.used.add(option)
                return option
        return None


def _text(phrase) -> str:
    return "".join(w.text for w in phrase.words) if hasattr(phrase, "words") else str(phrase)


def _results(theme: str, kind: str, lexicon) -> list[list[str]]:
    """Result phrases for ``theme``: its head noun's predicates in the lexicon (unless the head is
    only a generic 工作-like word), then the kind's results."""
    head = lexicon.heads.get(theme[-2:]) if lexicon is not None else None
    own = [_text(p) for p in head.predicates if len(_text(p)) == 4] if head is not None and head.cls != "work" else []
    return [own, for_kind(fit_data().results, kind)]


def _lexicon_heading(style: str, theme: str, kind: str, topic, lexicon, picker: _Picker):
    """(text, lines) of one heading of ``style`` built from the lexicon, or None."""
    result = picker.pick(*_results(theme, kind, lexicon))
    if result is None:
        return None
    tail = theme + result
    if style == "four":
        return tail, [tail]
    if style in ("method", "pair"):
        own = [_text(p) for p in getattr(topic, "principles", [])]
        principle = picker.pick(for_kind(fit_data().principles, kind), own)
        if principle is None:
            return None
        if style == "method":
            text = f"坚持{principle}，{tail}"
            return text, [text]
        return f"坚持{principle}{SEP}{tail}", [f"坚持{principle}", tail]
    if style == "contrast":
        contrast = picker.pick(for_kind(fit_data().contrasts, kind))
        return (f"{contrast}{SEP}{tail}", [contrast, tail]) if contrast else None
    if style == "single":
        head = lexicon.heads.get(theme[-2:]) if lexicon is not None else None
        verb = picker.pick(list(head.verbs)) if head is not None else None
        return (verb + theme, [verb + theme]) if verb else None
    return None   # triple: only the bank's patterns have it


def lexicon_set(style: str, themes: list[str], kinds: list[str], topic_name: str,
                rng: random.Random, ledger) -> list[tuple[str, list[str]]] | None:
    """One heading of ``style`` per theme, all of one shape, or None when one cannot be built."""
    from writer.bank.lexicon import load_lexicon

    try:
        lexicon = load_lexicon()
        topic = lexicon.topic(topic_name)
    except WriterError:  # an unusable lexicon leaves the kinds' own lists
        lexicon, topic = None, None
    picker = _Picker(rng, ledger, themes)
    out = []
    for theme, kind in zip(themes, kinds):
        heading = _lexicon_heading(style, theme, kind, topic, lexicon, picker)
        if heading is None:
            return None
        out.append(heading)
    return out
