"""What a draft borrows from the bank: section headings and the stock lines a section may open with.

Everything borrowed passes the ``TextGuard`` and the draft's ``PhraseLedger``:
no source's number or name, no set phrase twice. Closing sentences are no
longer borrowed: a source's closing used with the names swapped still reads
as that source's.
"""

from __future__ import annotations

import random
from pathlib import Path

from writer.errors import WriterError
from writer.render.guard import TextGuard
from writer.render.ledger import PhraseLedger


def related_words(bank, theme: str, generic: list[str] = ()) -> list[str]:
    """Words that mark a sentence as being about ``theme``: the theme itself and its
    distinctive two-character words (行风 of 行风建设; generic words like 建设 left out).

    The bank's related-word lists are co-occurrence statistics, too loose to
    say what a sentence is about.
    """
    core = theme[:-2] if theme.endswith("工作") and len(theme) > 3 else theme
    vocab = bank.vocab
    windows = [core[i:i + 2] for i in range(len(core) - 1)]
    pieces = [w for w in windows if w in vocab] if vocab else windows[::2]
    return list(dict.fromkeys([core] + [w for w in pieces if w not in generic]))


def relevance(text: str, words: list[str]) -> int:
    return sum(1 for w in words if w in text)


# ---------------------------------------------------------------- headings

def section_headings(facts, bank, seed: int, guard: TextGuard, kinds: list[str],
                     rng: random.Random, ledger: PhraseLedger
                     ) -> tuple[list[tuple[str, list[str], str]], list[str], list[str]]:
    """(heading, lines, origin) per section, the generated headings, and notes for stderr.

    Sections without a heading get one set of the style asked for
    (``style: heading``): from the bank's patterns (writer.compose.headings)
    when it holds that style for these themes, else built from the lexicon
    (writer.render.heading_styles). When neither can, the set is of theme +
    four-character result and a note says why. No set phrase occurs twice among
    the headings, nor in one the writer gave.
    """
    from writer.render.heading_styles import BANK_STYLES, STYLE_NAMES, lexicon_set

    missing = [i for i, s in enumerate(facts.sections) if not s.heading]
    style, notes, origin = facts.style.heading, [], "generated"
    generated = _pattern_headings(facts, bank, seed, guard, ledger, missing, style) \
        if missing and style in BANK_STYLES else {}
    if missing and not generated:
        origin = "lexicon"
        themes = [facts.sections[i].theme for i in missing]
        own_kinds = [kinds[i] for i in missing]
        built = lexicon_set(style, themes, own_kinds, facts.topic, rng, ledger, bank)
        if built is None:
            built = lexicon_set("four", themes, own_kinds, facts.topic, rng, ledger, bank) or \
                [(t, [t]) for t in themes]
            notes.append(f"标题样式“{STYLE_NAMES[style]}”无法用素材库句式和主题词表为这些主题拟出，"
                         f"改用“{STYLE_NAMES['four']}”")
        generated = dict(zip(missing, built))
    for text, _ in generated.values():
        ledger.take(text)
    out = []
    for i, sec in enumerate(facts.sections):
        if sec.heading:
            out.append((sec.heading, [sec.heading], "given"))
        else:
            text, lines = generated[i]
            out.append((text, lines, origin))
    return out, [generated[i][0] for i in sorted(generated)], notes


def _pattern_headings(facts, bank, seed: int, guard: TextGuard, ledger: PhraseLedger,
                      missing: list[int], style: str) -> dict[int, tuple[str, list[str]]]:
    """One parallel set of ``style`` headings from the bank's patterns for the sections ``missing``, or {}."""
    from writer.compose.headings import heading_set

    def phrases_fit(texts: list[str]) -> bool:
        found = [p for t in texts for p in ledger.phrases(t)]
        return len(found) == len(set(found)) and all(ledger.cost(t)[0] == 0 for t in texts)

    themes = [facts.sections[i].theme for i in missing]
    for attempt in range(3):
        try:
            heads = heading_set(bank, facts.topic, themes, style=style, seed=seed + attempt)
        except WriterError:
            return {}  # no pattern of this style fits these themes
        texts = [_heading_text(h) for h in heads]
        if len(heads) == len(missing) and all(guard.adapt(t[0]) == t[0] for t in texts) \
                and phrases_fit([t[0] for t in texts]):
            return dict(zip(missing, texts))
    return {}


def _heading_text(heading) -> tuple[str, list[str]]:
    lines = [line for line in (heading.lines or [heading.text]) if line]
    # Lines of a two- or three-part heading stand apart by an ideographic space.
    return "\u3000".join(lines), lines


# ---------------------------------------------------------------- openers and closings

def is_shipped(bank) -> bool:
    """Whether ``bank`` is the bank that ships with writer (mined from the seed corpus)."""
    from writer.io.paths import default_bank

    return Path(bank.path).resolve() == default_bank().resolve()


def opener_candidates(bank, guard: TextGuard, own_bank: bool) -> list[tuple[str, str, str | None, list[str]]]:
    """(text, raw text, heading, kinds it suits) of the stock lines a section may open with.

    The genre's common lines (writer/data/render/fit.yaml) always; the bank's
    aphorisms only when the bank is the writer's own: a line of the shipped
    bank comes from one source, and used verbatim it would be copied.
    """
    from writer.render.fit import fit_data

    out = [(line.text, line.text, None, list(line.kinds)) for line in fit_data().common_lines]
    for aph in bank.aphorisms if own_bank else []:
        text = guard.adapt(aph.text)
        if text and text.endswith(("。", "！", "？")):
            out.append((text, aph.text, aph.heading, []))
    return out
