"""Whether a clause has a subject, and giving it the unit's name when it has none.

The rule writer keeps and its tests check: a sentence's first clause (after a
link word or a time phrase set off by a comma) must not open with a verb or a
preposition (发放…, 在…建成…): such a clause needs the unit in front.
"""

from __future__ import annotations

from functools import lru_cache

from writer.render.words import render_words


@lru_cache(maxsize=None)
def _subjectless() -> tuple[str, ...]:
    return tuple(sorted(render_words("subjectless_starts"), key=len, reverse=True))


def lacks_subject(clause: str, vocab: dict | None = None) -> bool:
    """Whether ``clause`` opens without a subject: with a verb or a preposition (发放…, 在…建成…).

    A word of writer/data/render/words.yaml's ``subjectless_starts`` or a word the
    bank's vocabulary tags as a verb (``v``) at the start counts.
    """
    if clause.startswith(_subjectless()):
        return True
    if vocab:
        for n in (2, 3):
            entry = vocab.get(clause[:n])
            if entry and entry.get("pos") == "v":
                return True
    return False


def with_subject(text: str, subject: str, vocab: dict | None) -> str:
    """``text`` with ``subject`` in front when it would open without one."""
    return subject + text if subject and lacks_subject(text, vocab) and not text.startswith(subject) else text
