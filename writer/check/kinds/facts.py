"""The ``facts`` check kind: every number of the draft against the user's facts file.

A number is read with its unit (1260人, 3.2%, 2350万元, 2024年, 4200余人次,
百分之三点二): digits or Chinese numerals (一千二百六十人 is 1260人), a scale
(万, 亿), an approximation (余, 多), then the longest of the rule's ``units``.
Two numbers are the same fact when their values (scale applied) and base
units agree. Chinese numerals count only from 10 up and not after 第 (一个,
三年, 第二 are words, not figures); a digit number next to a Latin letter
(5G, G20) or used as a list marker (1. 1、 （1）) is no figure either.

The facts file is read through writer.io.yamlfile: the numbers of all its
string values, and its bare numbers (``year: 2024``, which match the same
value under any unit and, being as often settings as facts, are never
reported unused). Each draft number the file does not hold is reported;
one a slip away from a fact of the file (digits transposed, one digit wrong,
added or lost, or the same number under another unit) is reported as a
likely typo naming that fact. Each fact the draft never uses (exactly or by
such a slip) is reported at ``unused_level``, anchored to the first
paragraph (the draft's title). Without a facts file the check is silent.
"""

from __future__ import annotations

import re
from pathlib import Path

from writer.check.finding import Level
from writer.check.kinds.base import Check, CheckParams, fmt, param
from writer.check.rulecache import own_pattern
from writer.check.schema import record
from writer.errors import InputError
from writer.zh import CN_NUMERAL_CHARS, FULLWIDTH_DIGITS, parse_cn_numeral

NUMBER_FIELDS = ("number",)
CLOSE_FIELDS = ("number", "fact", "how", "where")
UNUSED_FIELDS = ("fact", "where")
# Powers of ten, not Decimals: decimal is imported when a number is first read (only a check with
# --facts reads any); importing it with its C module cost every other check some 5M instructions.
_SCALES = {"万": 4, "亿": 8}
_PERCENT_SIGNS = {"%": "%", "％": "%", "‰": "‰"}
_NUMBER = own_pattern(r"百分之|[0-9０-９][0-9０-９,，.．]*|[" + CN_NUMERAL_CHARS + r"][" + CN_NUMERAL_CHARS + r"点]*")
_LIST_MARK_AFTER = "、.．)）"


class FactsFileError(InputError):
    """The facts file given to --facts cannot be read."""


@record(frozen=True)
class Quantity:
    """A number with its unit at [start, end) of a text: ``written`` as it reads, ``key`` what it is."""

    start: int
    end: int
    written: str
    mantissa: str      # the digits as written, before the scale (1260, 2.3, 2350)
    unit: str          # scale, approximation and unit as written (人, 万元, 余人次, %)
    key: tuple         # (value with the scale applied, base unit)


@record(frozen=True)
class FactSource:
    """A string (or bare number) of the facts file and where it is (a key path)."""

    text: str
    where: str
    bare: bool = False


def _digits(raw: str) -> str | None:
    raw = raw.translate(FULLWIDTH_DIGITS).replace("．", ".").replace("，", ",")
    raw = raw.rstrip(".,")
    if "," in raw:
        groups = raw.split(".")[0].split(",")
        if not all(len(g) == 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None
        raw = raw.replace(",", "")
    return raw if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", raw) else None


class UnitReader:
    """Reads numbers with their units out of a text, for a fixed list of units."""

    def __init__(self, units: list[str], approximations: str):
        self.units = sorted(set(units), key=len, reverse=True)
        self.approx = approximations

    def _unit_at(self, text: str, pos: int) -> str:
        for sign, normal in _PERCENT_SIGNS.items():
            if text.startswith(sign, pos):
                return sign
        return next((u for u in self.units if text.startswith(u, pos)), "")

    def _number(self, text: str, match: re.Match, percent: bool) -> tuple[str, int] | None:
        """(digit string, end) of the number starting at ``match``, or None when it is no figure."""
        from decimal import Decimal

        raw, start = match.group(), match.start()
        if raw[0] in CN_NUMERAL_CHARS:
            digits = parse_cn_numeral(raw)
            if digits is None or text[start - 1:start] == "第" or \
                    (Decimal(digits) < 10 and not percent and "点" not in raw):
                return None
            return digits, match.end()
        digits = _digits(raw)
        if digits is None:
            return None
        end = start + len(raw.rstrip(".,．，"))
        before, after = text[start - 1:start], text[end:end + 1]
        if re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z]", after):
            return None
        if after and after in _LIST_MARK_AFTER and not (after in ".．" and text[end + 1:end + 2].isdigit()):
            if before in ("", "\n", "（", "(") or after in "）)":
                return None
        return digits, end

    def read(self, text: str) -> list[Quantity]:
        """The numbers of ``text`` with their units, left to right."""
        out = []
        pos = 0
        for match in _NUMBER.finditer(text):
            if match.start() < pos:
                continue
            percent = match.group() == "百分之"
            if percent:
                match = _NUMBER.match(text, match.end())
                if match is None or match.group() == "百分之":
                    continue
            number = self._number(text, match, percent)
            if number is None:
                continue
            quantity = self._quantity(text, match.start() - (3 if percent else 0), number, percent)
            out.append(quantity)
            pos = quantity.end
        return out

    def _quantity(self, text: str, start: int, number: tuple[str, int], percent: bool) -> Quantity:
        from decimal import Decimal, InvalidOperation

        digits, end = number
        scale = Decimal(1)
        unit_start = end
        while end < len(text) and text[end] in _SCALES and not percent:
            scale *= Decimal(10) ** _SCALES[text[end]]
            end += 1
        if end < len(text) and text[end] in self.approx:
            end += 1
        unit = "%" if percent else self._unit_at(text, end)
        end += 0 if percent else len(unit)
        base = _PERCENT_SIGNS.get(unit, unit)
        try:
            value = (Decimal(digits) * scale).normalize()
        except InvalidOperation:
            value = Decimal(0)
        written_unit = "%" if percent else text[unit_start:end]
        return Quantity(start, end, text[start:end], digits, written_unit, (value, base))


class FactSheet:
    """The facts file's strings and bare numbers (read once; numbers taken per unit list)."""

    def __init__(self, sources: list[FactSource], path: str | None = None):
        self.sources = sources
        self.path = path

    @classmethod
    def from_strings(cls, texts: list[str]) -> "FactSheet":
        return cls([FactSource(t, f"[{i}]") for i, t in enumerate(texts)])

    @classmethod
    def load(cls, path: str | Path) -> "FactSheet":
        """The facts file at ``path`` (YAML, any shape: every string and number in it counts)."""
        from writer.io.yamlfile import load_yaml

        data = load_yaml(path, FactsFileError, what="事实文件")
        sources: list[FactSource] = []
        _collect(data, "", sources)
        return cls(sources, str(path))


def _collect(data, where: str, out: list[FactSource]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _collect(value, f"{where}.{key}" if where else str(key), out)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _collect(value, f"{where}[{i}]", out)
    elif isinstance(data, str):
        out.append(FactSource(data, where))
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        out.append(FactSource(str(data), where, bare=True))


@record(frozen=True)
class Fact:
    """One number of the facts file."""

    quantity: Quantity
    where: str
    bare: bool


def _one_slip(a: str, b: str) -> str | None:
    """How ``a`` differs from ``b`` by one slip of the keyboard, or None."""
    if a == b:
        return None
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return "wrong"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swap"
        return None
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) - len(short) != 1:
        return None
    return "extra" if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))) else None


@record(kw_only=True, repr=False, eq=False)
class FactsParams(CheckParams):
    units: list[str] = param(check="strings")       # measure words that may follow a number
    approximations: str = "余多"                     # between a number and its unit: 4200余人
    min_digits: int = param(2, tunable=True, minimum=1)   # fewest digits a number needs to be called a slip
    unused_level: Level = "info"
    message: str = param(check="template", fields=NUMBER_FIELDS)
    suggestion: str | None = param(None, check="template", fields=NUMBER_FIELDS)
    close_message: str = param(check="template", fields=CLOSE_FIELDS)
    close_suggestion: str | None = param(None, check="template", fields=CLOSE_FIELDS)
    unused_message: str = param(check="template", fields=UNUSED_FIELDS)
    how_swap: str = "数字颠倒"
    how_wrong: str = "有一位数字不同"
    how_extra: str = "多了或少了一位数字"
    how_unit: str = "单位不同"


def _digit_count(mantissa: str) -> int:
    return sum(ch.isdigit() for ch in mantissa)


class Facts(Check):
    kind = "facts"
    Params = FactsParams

    def setup(self) -> None:
        self.reader = UnitReader(self.params["units"], self.params["approximations"])
        self._sheet: FactSheet | None = None
        self._facts: list[Fact] = []

    def facts(self, sheet: FactSheet) -> list[Fact]:
        """The numbers of ``sheet``, in file order (read once per sheet)."""
        if sheet is not self._sheet:
            facts = []
            for source in sheet.sources:
                for quantity in self.reader.read(source.text):
                    facts.append(Fact(quantity, source.where, source.bare))
            self._sheet, self._facts = sheet, facts
        return self._facts

    def _slip(self, q: Quantity, facts: list[Fact]) -> tuple[Fact, str] | None:
        """The first fact ``q`` is one slip away from, and how (same unit before other units)."""
        if _digit_count(q.mantissa) < self.params["min_digits"]:
            return None
        unit_changed = None
        for fact in facts:
            f = fact.quantity
            if _digit_count(f.mantissa) < self.params["min_digits"]:
                continue
            if fact.bare or f.unit == q.unit:
                how = _one_slip(q.mantissa, f.mantissa)
                if how:
                    return fact, self.params["how_" + how]
            elif unit_changed is None and f.mantissa == q.mantissa:
                unit_changed = fact
        return (unit_changed, self.params["how_unit"]) if unit_changed else None

    def run(self, draft, ctx, emit, accept) -> None:
        sheet = getattr(ctx, "facts", None)
        if sheet is None or not draft.paragraphs:
            return
        facts = self.facts(sheet)
        known = {fact.quantity.key for fact in facts if not fact.bare}
        bare = {fact.quantity.key[0] for fact in facts if fact.bare}
        used: set[tuple] = set()
        titles = draft.title_spans()
        p = self.params
        for paragraph in draft.paragraphs:
            for q in self.reader.read(paragraph.text):
                start, end = paragraph.start + q.start, paragraph.start + q.end
                if any(a <= start and end <= b for a, b in titles):
                    continue
                if q.key in known or q.key[0] in bare:
                    used.add(q.key)
                    continue
                slip = self._slip(q, facts)
                if slip is None:
                    emit(start, end, fmt(p["message"], number=q.written), fmt(p["suggestion"], number=q.written))
                    continue
                fact, how = slip
                used.add(fact.quantity.key)
                values = dict(number=q.written, fact=fact.quantity.written, how=how, where=fact.where)
                emit(start, end, fmt(p["close_message"], **values), fmt(p["close_suggestion"], **values))
        self._unused(draft, facts, used, emit)

    def _unused(self, draft, facts: list[Fact], used: set[tuple], emit) -> None:
        first = draft.paragraphs[0]
        reported: set[tuple] = set()
        for fact in facts:
            key = fact.quantity.key
            if fact.bare or key in used or key in reported:
                continue
            reported.add(key)
            emit(first.start, first.end,
                 fmt(self.params["unused_message"], fact=fact.quantity.written, where=fact.where),
                 level=self.params["unused_level"])
