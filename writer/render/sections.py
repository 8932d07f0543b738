"""A section's paragraph: the approach that opens it, the facts with a subject, one link at most,
and an ending only where one is earned.

The opener is the writer's ``approach`` when the facts give one, else a frame
that fits the section's kind (writer.render.fit), with the unit as its
subject, run straight into the first facts. Later facts that open without a
subject (发放…, 在…建成…) get the unit's name in front. At most one link word
joins two groups of facts, and a ``builds_on`` link (在此基础上) only when the
second group is about what the first was. The paragraph ends on the writer's
``highlight``, or on a fitting evaluation that repeats no word of the theme or
facts, or on its last fact.
"""

from __future__ import annotations

import random
import re

from writer.render.fit import GENERAL, expand, fitting
from writer.render.ledger import PhraseLedger
from writer.render.weave import fact_groups, filled_pair, join_facts, seeded, tidy
from writer.render.subjects import lacks_subject, with_subject


def _windows(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _shares_topic(before: list[str], after: list[str], generic: list[str]) -> bool:
    """Whether the second group of facts is about what the first was: at least five two-character
    words (not generic ones, not numbers) in common, as when both name one programme or one
    measure (a shared 事业单位 alone is not enough)."""
    words = {w for w in _windows("".join(after)) - set(generic) if w.isalpha()}
    return len(words & _windows("".join(before))) >= 5


class SectionWriter:
    """Writes one section's paragraph; every piece of its own wording goes through the ledger."""

    def __init__(self, genre, ledger: PhraseLedger, rng: random.Random, vocab: dict | None, multi_year: bool,
                 headings: list[str] = ()):
        self.genre, self.ledger, self.rng, self.vocab = genre, ledger, rng, vocab
        self.multi_year = multi_year
        # An ending that repeats a heading's words (坚持大团结大联合 … 大团结大联合的局面更加牢固) says nothing new.
        self.heading_words = _windows("".join(headings))
        self.used: set[str] = set()   # frames used in this draft: one frame serves one section
        self.link_uses: dict[str, int] = {}   # link word ('' for none) → sections it joined
        self.last_link: str | None = None

    def _fresh(self, name: str, kind: str, theme: str, reuse: bool) -> list[tuple[str, str]]:
        """(frame, expanded text) of the fitting frames of ``name``, those not yet used first
        (used ones only with ``reuse``), none that repeats a word of ``theme`` (把社会保障作为保障…)."""
        echo = _windows(theme)
        frames = [f.text for f in fitting(self.genre.frames[name], kind, self.multi_year)
                  if not _windows(re.sub(r"\{[^{}]*\}", "|", f.text)) & echo]
        fresh = [f for f in frames if f not in self.used]
        again = [f for f in frames if f in self.used] if reuse else []
        return seeded([(f, expand(f, self.rng)) for f in fresh], self.rng) + \
            seeded([(f, expand(f, self.rng)) for f in again], self.rng)

    def opener(self, sec, values: dict, kind: str, body: str) -> str:
        """The first sentence: the approach (the writer's or a fitting frame) run into ``body``."""
        subject = values["subject"]
        if sec.approach:
            return tidy(with_subject(sec.approach, subject, self.vocab) + "，" + body + "。")

        def build(option: tuple[str, str]):
            pair = filled_pair(option[1], values)
            return (tidy(pair[0] + "，" + body + "。"), pair[1]) if pair else None
        chosen = self.ledger.choose(self._fresh("openers", kind, sec.theme, reuse=True), build,
                                    limit_length=len(body) + 40 <= self.ledger.budget.max_sentence)
        if chosen is None:
            return tidy(subject + body + "。") if lacks_subject(body, self.vocab) else tidy(body + "。")
        text, literal = build(chosen)
        self.ledger.take(literal)
        self.used.add(chosen[0])
        return text

    def link(self, before: list[str], after: list[str]) -> str:
        """One link word for the second group of facts, or none ('').

        Across the draft the links vary: the least used of those that fit (none counts as one
        option, the second group having its own subject), never the previous section's."""
        relation = "builds_on" if _shares_topic(before, after, self.genre.generic_words) else "also"
        links = [f.text for f in self.genre.frames["links"] if f.relation == relation or relation == "builds_on"]
        options = [w for w in seeded(links, self.rng) + [""] if not w or w != self.last_link]
        word = min(options, key=lambda w: self.link_uses.get(w, 0))
        self.link_uses[word] = self.link_uses.get(word, 0) + 1
        self.last_link = word
        return word

    def ending(self, sec, values: dict, kind: str, last: str) -> str:
        """The last sentence: with the highlight, or a fitting evaluation, or as it is."""
        if sec.highlight:
            return tidy(last[:-1] + "，" + sec.highlight + "。")
        if len(sec.facts) < 3 or kind == GENERAL or self.rng.random() < 0.4:
            return last   # a section of no known kind has no evaluation that fits it: its last fact ends it
        own = (_windows(sec.theme + "".join(sec.facts)) | self.heading_words) - set(self.genre.generic_words)

        def build(option: tuple[str, str]):
            pair = filled_pair(option[1], values)
            if pair is None or _windows(pair[0]) & own:
                return None   # an ending that repeats the theme or a fact says nothing new
            return tidy(last[:-1] + "，" + pair[0] + "。"), pair[1]
        chosen = self.ledger.choose(self._fresh("endings", kind, sec.theme, reuse=False), build)
        if chosen is None:
            return last
        text, literal = build(chosen)
        self.ledger.take(literal)
        self.used.add(chosen[0])
        return text

    def paragraph(self, sec, values: dict, kind: str) -> str:
        """The section's whole paragraph."""
        subject = values["subject"]
        groups = fact_groups(sec.facts, self.ledger.budget.max_sentence - 40)
        first = self.opener(sec, values, kind, join_facts(groups[0]))
        self.ledger.commit_sentence(first)
        sentences = [first]
        for i, group in enumerate(groups[1:], 1):
            body = with_subject(join_facts(group), subject, self.vocab)
            word = self.link(groups[i - 1], group) if i == 1 else ""
            sentences.append(tidy(word + body + "。"))
        if len(sentences) > 1:
            for sentence in sentences[1:-1]:
                self.ledger.commit_sentence(sentence)
            sentences[-1] = self.ending(sec, values, kind, sentences[-1])
            self.ledger.commit_sentence(sentences[-1])
        elif sec.highlight or len(sec.facts) >= 3:
            sentences[0] = self.ending(sec, values, kind, sentences[0])
        return tidy("".join(sentences))
