"""Word's automatic numbering, rendered as the reader sees it: 一、 （一） 1. （1） ①.

A paragraph is numbered through its ``w:numPr`` (or its style's, following
``w:basedOn``): a list (``w:num``) points at an abstract definition whose
level (``w:lvl``) gives the start value, the number format (``w:numFmt``)
and a template (``w:lvlText``, ``%1`` standing for level 1's counter).
Counters belong to the abstract definition, so two lists sharing it continue
each other unless a list overrides a level's start (``w:startOverride``),
which restarts that level where the list is first used. A level restarts
after any higher level unless ``w:lvlRestart`` says otherwise. Bullets and
``none`` render nothing: only numbers are text a reader can quote.

Works on ElementTree and lxml elements alike (the reader parses with the
standard library, writer check --annotate walks python-docx's tree).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from writer.zh import CN_DIGITS, cn_count, cn_legal

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"

_TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
_TWELVE_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _cycle(symbols: str, n: int) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else ""


def _enclosed(symbols: str, n: int) -> str:
    return symbols[n - 1] if 0 < n <= len(symbols) else str(n)


def _digit_by_digit(n: int) -> str:
    return "".join("〇" if d == "0" else CN_DIGITS[int(d)] for d in str(n))


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letters,
    "lowerLetter": lambda n: _letters(n).lower(),
    "chineseCounting": cn_count,
    "chineseCountingThousand": cn_count,
    "taiwaneseCounting": cn_count,
    "taiwaneseCountingThousand": cn_count,
    "japaneseCounting": cn_count,
    "ideographDigital": _digit_by_digit,
    "taiwaneseDigital": _digit_by_digit,
    "chineseLegalSimplified": cn_legal,
    "ideographLegalTraditional": cn_legal,
    "ideographTraditional": lambda n: _cycle(_TEN_STEMS, n),
    "ideographZodiac": lambda n: _cycle(_TWELVE_BRANCHES, n),
    "decimalEnclosedCircle": lambda n: _enclosed(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(_CIRCLED, n),
    "ideographEnclosedCircle": lambda n: _enclosed(_CIRCLED, n),
    "decimalEnclosedParen": lambda n: _enclosed(_PARENTHESISED, n),
    "decimalEnclosedFullstop": lambda n: _enclosed(_FULL_STOP, n),
}
_SILENT_FORMATS = frozenset({"bullet", "none"})


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt`` (unknown formats as decimal, as Word falls back)."""
    if fmt in _SILENT_FORMATS:
        return ""
    return _FORMATS.get(fmt, str)(max(n, 0))


def _child(element, name: str):
    if element is None:
        return None
    found = element.find(W + name)
    return found if found is not None else element.find(W_STRICT + name)


def _val(element, name: str) -> str | None:
    """The ``w:val`` of ``element``'s child ``name`` (None when absent)."""
    child = _child(element, name)
    if child is None:
        return None
    value = child.get(W + "val")
    return value if value is not None else child.get(W_STRICT + "val")


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _children(element, name: str):
    if element is None:
        return []
    return list(element.iter(W + name)) + list(element.iter(W_STRICT + name))


@dataclass
class Level:
    """One level of an abstract numbering definition."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None   # restart after levels above this 1-based one; 0: never
    legal: bool = False          # w:isLgl: every referenced level as decimal
    suffix: str = "tab"


@dataclass
class NumberingDefinitions:
    """numbering.xml and the numbering of styles.xml, read once."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)   # abstractNumId → ilvl → level
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, starts)
    styles: dict[str, tuple[str | None, int | None, str | None]] = field(default_factory=dict)

    @classmethod
    def parse(cls, numbering_root=None, styles_root=None) -> "NumberingDefinitions":
        defs = cls()
        for abstract in _children(numbering_root, "abstractNum"):
            levels = defs.levels.setdefault(_attr(abstract, "abstractNumId") or "", {})
            for lvl in _children(abstract, "lvl"):
                levels[_int(_attr(lvl, "ilvl"), 0)] = Level(
                    start=_int(_val(lvl, "start"), 0), fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "", restart=_int(_val(lvl, "lvlRestart")),
                    legal=_child(lvl, "isLgl") is not None, suffix=_val(lvl, "suff") or "tab")
        for num in _children(numbering_root, "num"):
            starts = {}
            for override in _children(num, "lvlOverride"):
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    starts[_int(_attr(override, "ilvl"), 0)] = start
            defs.lists[_attr(num, "numId") or ""] = (_val(num, "abstractNumId") or "", starts)
        for style in _children(styles_root, "style"):
            ppr = _child(style, "pPr")
            numpr = _child(ppr, "numPr")
            defs.styles[_attr(style, "styleId") or ""] = (
                _val(style, "basedOn"), _int(_val(numpr, "ilvl")) if numpr is not None else None,
                _val(numpr, "numId") if numpr is not None else None)
        return defs

    def style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) a paragraph style gives, following basedOn (cycles cut)."""
        num_id = ilvl = None
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            based_on, style_ilvl, style_num = self.styles[style_id]
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
            style_id = based_on
        return num_id, ilvl


def _attr(element, name: str) -> str | None:
    value = element.get(W + name)
    return value if value is not None else element.get(W_STRICT + name)


class Numbering:
    """Counters of a document's lists, advanced paragraph by paragraph in reading order."""

    def __init__(self, definitions: NumberingDefinitions):
        self.defs = definitions
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()   # lists whose start overrides were applied

    def label(self, paragraph) -> str:
        """The number Word shows before ``paragraph`` ('' when it has none), counting it."""
        ppr = _child(paragraph, "pPr")
        numpr = _child(ppr, "numPr")
        num_id, ilvl = self.defs.style_numbering(_val(ppr, "pStyle"))
        if numpr is not None:
            num_id = _val(numpr, "numId") or num_id
            ilvl = _int(_val(numpr, "ilvl"), ilvl)
        if not num_id or num_id == "0" or num_id not in self.defs.lists:
            return ""
        abstract, starts = self.defs.lists[num_id]
        levels = self.defs.levels.get(abstract, {})
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in starts.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: dict[int, Level], counters: dict[int, int], ilvl: int) -> str:
        level = levels[ilvl]
        if level.fmt in _SILENT_FORMATS:
            return ""
        out = level.text
        for k in range(9):
            marker = f"%{k + 1}"
            if marker in out:
                ref = levels.get(k, Level())
                value = counters.get(k, ref.start)
                out = out.replace(marker, format_number(value, "decimal" if level.legal else ref.fmt))
        if level.suffix == "space" or (level.suffix == "tab" and out and out[-1].isalnum()):
            out += " "   # a tab after 1 or A keeps the number apart; after 、 ） . it adds nothing visible
        return out
