"""The closed set of check kinds a rule file can use, one module per family.

| kind | module | finds |
|---|---|---|
| existence | phrases | each occurrence of a phrase from the given sources |
| substitution | phrases | an outdated formulation (word list of old → new, with dates) |
| repetition | phrases | a phrase used again in the same draft |
| density | phrases | a sentence (or paragraph) holding too many phrases of the sources |
| pattern | pattern | regular-expression matches, optionally with a mechanical replacement |
| pairs | pairs | unpaired or crossed quotes and brackets; ASCII quotes in Chinese text |
| copy | copies | a run of characters identical to a passage of the bank's corpus |
| length | length | a sentence longer than a limit |
| facts | facts | a number the facts file of --facts does not hold, or a fact the draft never uses |
| dated | dated | a set phrase of the reference bank that faded years before the draft's year |

Each kind's parameters are a dataclass (its ``Params``), decoded from the
rule file (writer.check.kinds.base). Phrase sources are ``bank:slogan``,
``bank:term``, ``jieba:idioms`` (jieba's i-tagged idioms above its floor
frequency), ``jieba:all`` (every i/l entry) and ``list:NAME`` (a word list).
Regular expressions may use ``%han%`` (Chinese characters, for use inside
``[...]``) and ``%punct%`` (full-width punctuation).
"""

from __future__ import annotations

from writer.check.kinds.base import Check, expand_macros
from writer.check.kinds.copies import Copy
from writer.check.kinds.dated import Dated
from writer.check.kinds.facts import Facts
from writer.check.kinds.length import Length
from writer.check.kinds.pairs import Pairs
from writer.check.kinds.pattern import Pattern
from writer.check.kinds.phrases import Density, Existence, Repetition, Substitution

KINDS: dict[str, type[Check]] = {cls.kind: cls for cls in
                                 (Existence, Substitution, Repetition, Density, Pattern, Pairs, Copy, Length, Facts,
                                  Dated)}

__all__ = ["KINDS", "Check", "Copy", "Dated", "Density", "Existence", "Facts", "Length", "Pairs", "Pattern", "Repetition",
           "Substitution", "expand_macros"]
