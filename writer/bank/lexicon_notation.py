"""How the topic lexicon writes its phrases: words with kinds, the topic placeholder, passage slots.

Shared by the compiler (``lexicon_compile``, run when the cache is stale) and
the compiled lexicon (``lexicon``, run on every start), so it holds notation
only and imports nothing.
"""

from __future__ import annotations

# Word kinds: V verb, N noun, A other content word (adjective, adverb).
KINDS = ("V", "N", "A")
# Stands for the user's topic word in the fallback entry ({t}工作格局).
FALLBACK_MARK = "{t}"
# The slots an opening or closing frame may hold.
PASSAGE_SLOTS = ("org", "period", "topic", "year", "next_year")


def parse_phrase(text: str, default_kind: str | None) -> list:
    """``人才 发展/N 环境`` → [(word, kind)]; a last token ``@培育|用好`` narrows the verbs
    the phrase takes (kept as a final ("@", [verbs]) item). Raises ValueError naming the problem."""
    out: list = []
    verbs = None
    tokens = text.split()
    if tokens and tokens[-1].startswith("@"):
        verbs = [v for v in tokens.pop()[1:].split("|") if v]
        if not verbs:
            raise ValueError("“@”后应列出动词，如 @培育|用好")
    for token in tokens:
        word, _, kind = token.partition("/")
        kind = kind or default_kind
        if kind not in KINDS:
            raise ValueError(f"“{token}”缺少或写错词类（/N /V /A）")
        if not word:
            raise ValueError(f"“{token}”是空词")
        out.append((word, kind))
    if not out:
        raise ValueError("空词组")
    if verbs:
        out.append(("@", verbs))
    return out
