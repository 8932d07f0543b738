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

import marshal
import random

from writer.errors import WriterError

from writer.render.fit import GENERAL, fit_data, for_kind
from writer.render.weave import seeded, theme_work

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
        self.attested: dict[str, set[str]] = {}
        self.vocab: dict | None = None

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


def _head_class(noun: str, lexicon) -> str | None:
    """The lexicon class of ``noun``'s head: its longest ending that is a head of the lexicon."""
    if lexicon is None:
        return None
    for n in range(len(noun), 1, -1):
        head = lexicon.heads.get(noun[-n:])
        if head is not None:
            return head.cls
    return None


def heading_noun(theme: str, lexicon, vocab: dict | None) -> tuple[str, str]:
    """(noun, class) a heading's result is said of: the theme and the class of its head; a theme
    ending in a verb (质量提升, 火灾防控) is an activity (work); one whose head the lexicon does not
    class (知识产权, 灭火救援) is said as 知识产权工作 (work), so no result is paired with a noun
    nobody checked it can govern."""
    cls = _head_class(theme, lexicon)
    if cls is not None:
        return theme, cls
    pos = ((vocab or {}).get(theme[-2:]) or {}).get("pos")
    if theme[-2:] in _classes(lexicon)[1] or pos in ("v", "vn"):
        return theme, "work"
    return theme_work(theme), "work"


_CLASSES: dict[int, tuple] = {}   # id(lexicon) → (lexicon, class predicates, verbs): one reading per lexicon


def _classes(lexicon) -> tuple[dict[str, list[str]], set[str]]:
    """(class → the four-character predicates the lexicon gives its heads, every verb a head takes),
    read once per lexicon from its compiled tuples (building every head's record costs more)."""
    if lexicon is None:
        return {}, set()
    cached = _CLASSES.get(id(lexicon))
    if cached is None or cached[0] is not lexicon:
        preds: dict[str, list[str]] = {}
        verbs: set[str] = set()
        raw = getattr(lexicon.heads, "raw", None)
        # The compiled lexicon keeps each head's tuple packed (marshal bytes, unpacked on lookup).
        rows = ((marshal.loads(v) if isinstance(v, bytes) else v) for v in raw.values()) if raw is not None else \
            [(h.cls, h.verbs, [[(w.text, w.kind) for w in p.words] for p in h.predicates], h.short)
             for h in lexicon.heads.values()]
        for cls, head_verbs, head_preds, _short in rows:
            verbs.update(head_verbs)
            found = preds.setdefault(cls, [])
            found += [t for t in ("".join(w[0] for w in p) for p in head_preds) if len(t) == 4 and t not in found]
        cached = _CLASSES[id(lexicon)] = (lexicon, preds, verbs)
    return cached[1], cached[2]


def class_predicates(lexicon) -> dict[str, list[str]]:
    """class → the four-character predicates the lexicon gives its heads."""
    return _classes(lexicon)[0]


def attested_endings(lexicon, bank_lines: list[str]) -> dict[str, set[str]]:
    """class → the four-character results known to follow a head of that class: the lexicon's
    predicates, fit.yaml's ``result_heads``, and the bank's headings (社会保障水平显著提高: quality)."""
    out = {cls: set(found) for cls, found in class_predicates(lexicon).items()}
    for ending, classes in fit_data().result_heads.items():
        for cls in classes:
            out.setdefault(cls, set()).add(ending)
    for line in bank_lines:
        cls = _head_class(line[:-4], lexicon) if len(line) > 6 else None
        if cls is not None:
            out.setdefault(cls, set()).add(line[-4:])
    return out


def _results(noun: str, cls: str, kind: str, lexicon, attested: dict[str, set[str]]) -> list[list[str]]:
    """Result phrases for ``noun`` of head class ``cls``: the kind's results that are attested
    after a head of that class, then the general ones that are, then the head's own predicates
    in the lexicon, then those of its class (走深走实 of 学习教育 only when nothing else fits)."""
    fits = attested.get(cls, set())
    head = lexicon.heads.get(noun[-2:]) if lexicon is not None else None
    own = [t for t in map(_text, head.predicates) if len(t) == 4] if head is not None else []
    return [[r for r in for_kind(fit_data().results, kind) if r in fits],
            [r for r in fit_data().results[GENERAL] if r in fits], own,
            class_predicates(lexicon).get(cls, [])]


def _lexicon_heading(style: str, theme: str, kind: str, topic, lexicon, picker: _Picker):
    """(text, lines) of one heading of ``style`` built from the lexicon, or None."""
    noun, cls = heading_noun(theme, lexicon, picker.vocab)
    result = picker.pick(*_results(noun, cls, kind, lexicon, picker.attested))
    if result is None:
        return None
    tail = noun + result
    if style == "four":
        return tail, [tail]
    if style in ("method", "pair"):
        own = [_text(p) for p in getattr(topic, "principles", [])]
        # 坚持稳中求进，质量提升稳步推进 reads as a stutter: no character of the result again.
        principle = picker.pick(*([p for p in options if not set(p) & set(result)]
                                  for options in (for_kind(fit_data().principles, kind), own)))
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
                rng: random.Random, ledger, bank=None) -> list[tuple[str, list[str]]] | None:
    """One heading of ``style`` per theme, all of one shape, or None when one cannot be built.

    A result is used only after a head it is attested with (``attested_endings``): the
    lexicon's class predicates, fit.yaml's ``result_heads``, and ``bank``'s headings."""
    from writer.bank.lexicon import load_lexicon

    try:
        lexicon = load_lexicon()
        topic = lexicon.topic(topic_name)
    except WriterError:  # an unusable lexicon leaves the kinds' own lists
        lexicon, topic = None, None
    picker = _Picker(rng, ledger, themes)
    lines = [line for h in (bank.headings if bank is not None else []) for line in (h.heading, h.subheading) if line]
    picker.attested = attested_endings(lexicon, lines)
    picker.vocab = bank.vocab if bank is not None else None
    out = []
    for theme, kind in zip(themes, kinds):
        heading = _lexicon_heading(style, theme, kind, topic, lexicon, picker)
        if heading is None:
            return None
        out.append(heading)
    return out
