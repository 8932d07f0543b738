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


def slot_form(text: str, names: dict[str, str]) -> str | None:
    """``text`` with each source name (``names``: name → kind) replaced by its slot ({place}, {org}),
    so that it can be offered filled with the user's own; None when it cannot be: it names a person
    (a user has no person to put there) or a place the gazetteer knows also as an ordinary word
    (合作, 和平: as a bare substring it may be part of another word)."""
    from writer.bank.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    index = NameGuard(names)
    out: list[str] = []
    i = last = 0
    while i < len(text):
        name = next((w for w in index.by_first.get(text[i], ()) if text.startswith(w, i)), None)
        if name is None:
            i += 1
            continue
        slot = NAME_SLOTS.get(names[name])
        if slot is None or (names[name] == "place" and name in gaz.context):
            return None
        out += [text[last:i], slot]
        i = last = i + len(name)
    out.append(text[last:])
    return "".join(out)


def fill_names(slotted: str, place: str | None, org: str | None) -> str | None:
    """A slot form filled with the user's --place/--org, or None when it needs one not given."""
    from writer.zh import fill_slots

    values = {"place": place, "org": org}
    filled, missing = fill_slots(slotted, lambda slot: values.get(slot) or None)
    return None if missing else filled


def slotted_heading(h, names: dict[str, str]):
    """A mined heading record (writer.bank.records.Heading) in slot form (text, lines and pattern),
    or None when one of them cannot be put in slot form (see ``slot_form``)."""
    from dataclasses import replace

    text = slot_form(h.text, names)
    heading = slot_form(h.heading or h.text, names)
    sub = slot_form(h.subheading, names) if h.subheading else None
    if text is None or heading is None or (h.subheading and sub is None):
        return None
    return replace(h, text=text, heading=heading, subheading=sub, pattern=slot_form(h.pattern, names) or text)
