"""The name guard: no generated or borrowed text may carry a source document's proper name.

A name of one character (a place's abbreviation) is too common to guard against.
"""

from __future__ import annotations

from writer.compose.wordindex import WordIndex
from writer.zh import has_digit


class NameGuard(WordIndex):
    """The sources' names (two characters or more), found in a short text by first character."""

    __slots__ = ("_verdicts",)

    def __init__(self, names=(), by_first: dict[str, list[str]] | None = None):
        super().__init__((n for n in names if len(n) >= 2), by_first)
        # text → found: heading generation asks about the same few dozen phrases for every line it fills.
        self._verdicts: dict[str, bool] = {}

    def found(self, text: str) -> bool:
        """Whether ``text`` holds one of the names."""
        verdict = self._verdicts.get(text)
        if verdict is None:
            verdict = self._verdicts[text] = self.any_in(text)
        return verdict

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
# The last character of a division's full name (遵义市, 肃南县, 延边州, 阿拉善盟, 南翔镇, 某某街道).
_SUFFIX_CHARS = frozenset("省市州县区旗盟镇乡道")


class NameSlots:
    """The sources' names (name → kind) as slots: built once per bank, used on every mined heading."""

    __slots__ = ("kinds", "index", "gazetteer")

    def __init__(self, names: dict[str, str]):
        from writer.bank.gazetteer import load_gazetteer

        self.kinds = {n: k for n, k in names.items() if len(n) >= 2}
        self.index = NameGuard(self.kinds)
        self.gazetteer = load_gazetteer()

    def _whole(self, name: str, kind: str) -> bool:
        """Whether ``name`` can be replaced as a substring without a segmenter: a province's or
        prefecture's name (遵义, 延边), a division's full name with its suffix (肃南县, 合作市), or an
        organisation headed by one (遵义市委). Any other name of the list (兴国 of 科教兴国, a county's
        short form; a mined word such as 强市 of 增强市) may be part of a word there."""
        if kind == "org":
            return any(self._whole_place(name[:k]) for k in range(2, len(name)))
        return kind == "place" and self._whole_place(name)

    def _whole_place(self, name: str) -> bool:
        """A province or prefecture (遵义), or a full name of three characters or more whose stem is
        no generic word (肃南县; not 新市 of 创新市域, 老城区, 新城区: data/mining/names.yaml's
        ``generic_stems``)."""
        gaz = self.gazetteer
        return name in gaz.major or (len(name) >= 3 and name in gaz.free and name[-1] in _SUFFIX_CHARS
                                     and name[:-1] not in _generic_stems())

    def slot_form(self, text: str) -> str | None:
        """``text`` with each source name replaced by its slot ({place}, {org}), longest name first,
        so that it can be offered filled with the user's own; None when it cannot be: it names a
        person (a user has no person to put there) or a name that is not sure to be whole as a
        substring (see ``_whole``: 合作, 和平, 兴国 may be part of another word)."""
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
            if slot is None or not self._whole(name, kind):
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


# The name lists (data/mining/names.yaml): writer.mining.names reads them all; the slot forms its
# generic stems.
NAME_LISTS_FILE = "mining/names.yaml"
NAME_LIST_KEYS = ("not_names", "generic_stems", "places", "place_suffixes", "org_words",
                  "org_suffixes", "surnames", "person_titles", "person_after",
                  "company_tails", "not_in_name", "lone_suffixes", "suffix_last", "governance_verbs",
                  "name_followers", "org_prefixes", "collective_titles", "national_prefixes",
                  "autonomous_suffixes", "standalone_suffixes", "weak_followers")


def _generic_stems() -> frozenset[str]:
    from writer.io.datafiles import load_word_list

    global _GENERIC
    if _GENERIC is None:
        _GENERIC = frozenset(load_word_list(NAME_LISTS_FILE, "generic_stems", NAME_LIST_KEYS))
    return _GENERIC


_GENERIC: frozenset[str] | None = None


def slot_form(text: str, names: dict[str, str]) -> str | None:
    """``text`` in slot form for the names ``names`` (see NameSlots.slot_form)."""
    return NameSlots(names).slot_form(text)


def fill_names(slotted: str, place: str | None, org: str | None) -> str | None:
    """A slot form filled with the user's --place/--org, or None when it needs one not given."""
    from writer.zh import fill_slots

    values = {"place": place, "org": org}
    filled, missing = fill_slots(slotted, lambda slot: values.get(slot) or None)
    return None if missing else filled
