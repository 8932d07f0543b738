"""The name guard: no generated or borrowed text may carry a source document's proper name.

A name of one character (a place's abbreviation) is too common to guard against.
"""

from __future__ import annotations

from writer.compose.wordindex import WordIndex
from writer.zh import has_digit


class NameGuard(WordIndex):
    """The sources' names (two characters or more), found in a short text by first character."""

    __slots__ = ()

    def __init__(self, names=(), by_first: dict[str, list[str]] | None = None):
        super().__init__((n for n in names if len(n) >= 2), by_first)

    def found(self, text: str) -> bool:
        """Whether ``text`` holds one of the names."""
        return self.any_in(text)

    def __contains__(self, text: str) -> bool:
        return self.any_in(text)


def name_guard(names) -> NameGuard:
    """``names`` as a NameGuard (a guard is returned as it is; build one per run, not per text)."""
    return names if isinstance(names, NameGuard) else NameGuard(names)


def usable(text: str, names) -> bool:
    """A mined text can be shown as is: no digit and no source name (it would not be the user's)."""
    return not has_digit(text) and not name_guard(names).found(text)


# ---------------------------------------------------------------- slot forms of mined texts

NAME_SLOTS = {"place": "{place}", "org": "{org}"}


class NameSlots:
    """The sources' names (name → kind) as slots: built once per bank, used on every mined heading."""

    __slots__ = ("kinds", "index", "context")

    def __init__(self, names: dict[str, str]):
        from writer.bank.gazetteer import load_gazetteer

        self.kinds = {n: k for n, k in names.items() if len(n) >= 2}
        self.index = NameGuard(self.kinds)
        self.context = load_gazetteer().context

    def slot_form(self, text: str) -> str | None:
        """``text`` with each source name replaced by its slot ({place}, {org}), longest name first,
        so that it can be offered filled with the user's own; None when it cannot be: it names a
        person (a user has no person to put there) or a place the gazetteer knows also as an
        ordinary word (合作, 和平: as a bare substring it may be part of another word)."""
        out: list[str] = []
        i = last = 0
        by_first = self.index.by_first
        while i < len(text):
            name = next((w for w in by_first.get(text[i], ()) if text.startswith(w, i)), None)
            if name is None:
                i += 1
                continue
            kind = self.kinds[name]
            slot = NAME_SLOTS.get(kind)
            if slot is None or (kind == "place" and name in self.context):
                return None
            out += [text[last:i], slot]
            i = last = i + len(name)
        out.append(text[last:])
        return "".join(out)

    def heading(self, h):
        """A mined heading record (writer.bank.records.Heading) in slot form (text, lines and
        pattern), or None when one of them cannot be put in slot form."""
        from dataclasses import replace

        text = self.slot_form(h.text)
        heading = self.slot_form(h.heading or h.text)
        sub = self.slot_form(h.subheading) if h.subheading else None
        if text is None or heading is None or (h.subheading and sub is None):
            return None
        return replace(h, text=text, heading=heading, subheading=sub, pattern=self.slot_form(h.pattern) or text)


def slot_form(text: str, names: dict[str, str]) -> str | None:
    """``text`` in slot form for the names ``names`` (see NameSlots.slot_form)."""
    return NameSlots(names).slot_form(text)


def fill_names(slotted: str, place: str | None, org: str | None) -> str | None:
    """A slot form filled with the user's --place/--org, or None when it needs one not given."""
    from writer.zh import fill_slots

    values = {"place": place, "org": org}
    filled, missing = fill_slots(slotted, lambda slot: values.get(slot) or None)
    return None if missing else filled
