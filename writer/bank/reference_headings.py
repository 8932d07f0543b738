"""The reference bank's headings as `suggest` and `outline` need them, compiled once into the cache.

The reference keeps its heading patterns in slot form (加强{N4}建设: which shapes
reports give their headings, and in how many reports of each year) and, apart,
every string of 2 to 12 characters that at least N reports use. A heading a
writer can take is a string of the index that fills one of those patterns
(加强人才队伍建设): a shape reports give headings, in words reports wrote. Kept:

- the string is all Chinese characters and fills a pattern with at least two
  characters of its own text, no slot holding a particle (writer/data/bank/
  reference-headings.yaml: 发展{N2} filled by 的城 is a piece of 发展的城市);
- it is no piece of a longer string: its one-character extensions on the right,
  or on the left, summed, hold less than half its reports (实施全民参保 is nearly
  always 实施全民参保计划); where the pattern ends in slots, the words filling
  them are not mostly continued either (加强大气污染: 大气污染 is mostly
  大气污染防治); it is shorter than the index's longest strings (whose ends the
  index cannot see) and at least MIN_CHARS long (shorter ones are terms);
- it holds no person's name (a surname right before a title: names.yaml's lists).

The reference's slogans are kept unless the index shows them always continued, or
one of their three-character halves is used ten times as often (以碳达峰 is 碳达峰
with a stray character).

Compiling reads the whole index once (some seconds, the first time only); the
compiled lines, their patterns and reports per year, and the reference's slogans
are stored through writer.io.cache (marshal of plain data) keyed by the
reference files' size and time and the particle list, so a run loads them in a
few milliseconds and finds a topic's words with bytes.find, as the bank's own
heading index does (writer.suggest.index).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from pathlib import Path

from writer.bank.years import YearUse
from writer.io import cache

FORMAT = 8
CACHE_NAME = "reference-headings.marshal"
BREAKERS_FILE = "bank/reference-headings.yaml"
FRAGMENT_SHARE = 0.5     # an extension used by this share of a string's reports makes it a piece
MIN_LITERAL = 2          # a pattern's own characters: fewer, and any string would fill it
MIN_CHARS = 6            # shorter strings are terms (人才服务), not headings
STRAY_RATIO = 10         # a slogan's three characters used this many times as often: a term plus one
NAMES_FILE = "mining/names.yaml"
NAMES_KEYS = ("surnames", "person_titles", "person_after", "not_in_name")   # the lists read from NAMES_FILE
_SLOT = r"\{([A-Z])(\d+)\}"
_HAN = "[\u4e00-\u9fff]+"   # compiled on use (re's cache): only compiling the lines needs them, and a
                              # class of CJK characters takes longer to compile than loading the lines
_LINES: dict[str, "ReferenceLines"] = {}
# writer/data, as writer.io.datafiles.DATA_ROOT (not imported: loading the compiled lines reads no YAML)
DATA_ROOT = Path(__file__).resolve().parents[1] / "data"
_REFERENCE_FILES = ("manifest.json", "index.bin", "phrases.bin", "phrases.jsonl")   # writer.bank.reference's


class ReferenceLines:
    """The compiled reference headings: lines, each line's pattern and reports per year; the slogans."""

    __slots__ = ("joined", "starts", "line_patterns", "patterns", "counts", "years", "totals",
                 "slogans", "slogan_counts")

    def __init__(self, data: dict):
        self.joined: bytes = data["joined"]          # every line, b"\n"-separated (UTF-8)
        self.starts: list[int] = data["starts"]      # where each line starts in ``joined``
        self.line_patterns: list[int] = data["line_patterns"]  # line → pattern number
        self.patterns: list[str] = data["patterns"]
        self.counts: bytes = data["counts"]          # line k's reports of year j at k*len(years)+j
        self.years: list[int] = data["years"]
        self.totals: dict[int, int] = dict(zip(data["years"], data["totals"]))
        self.slogans: list[str] = data["slogans"]    # the reference's slogans, most used first
        self.slogan_counts: bytes = data["slogan_counts"]

    def __len__(self) -> int:
        return len(self.starts)

    def line(self, k: int) -> str:
        end = self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.joined)
        return self.joined[self.starts[k]:end].decode("utf-8")

    def pattern(self, k: int) -> str:
        return self.patterns[self.line_patterns[k]]

    def use(self, k: int) -> YearUse:
        """Line ``k``'s reports per year."""
        return self._use(self.line(k), self.counts, k)

    def slogan_use(self, i: int) -> YearUse:
        return self._use(self.slogans[i], self.slogan_counts, i)

    def _use(self, text: str, counts: bytes, k: int) -> YearUse:
        n = len(self.years)
        row = counts[k * n:(k + 1) * n]
        return YearUse(text, {y: c for y, c in zip(self.years, row) if c}, self.totals)

    def lines_with(self, words: list[str]) -> set[int]:
        """Indexes of the lines holding any of ``words``."""
        found: set[int] = set()
        for word in words:
            w = word.encode("utf-8")
            at = self.joined.find(w)
            while at >= 0:
                found.add(bisect_right(self.starts, at) - 1)
                at = self.joined.find(w, at + 1)
        return found


def reference_lines(folder: Path | None = None) -> ReferenceLines | None:
    """The compiled headings of the reference at ``folder`` (default: the shipped one); None when
    the reference is not installed (suggest then works from the user's bank alone).

    Loading imports nothing of the reference's reader (json, zlib): the key is the folder's listing
    (names, sizes, times) and the content of the two data files compiling reads."""
    from writer.io.memo import folder_times
    from writer.io.paths import default_reference

    folder = Path(folder) if folder is not None else default_reference()
    hit = _LINES.get(str(folder))
    if hit is not None:
        return hit
    listing = folder_times(folder)
    if not listing:
        return None
    key = (FORMAT, listing, tuple(cache.run_stamp(DATA_ROOT / name) for name in (BREAKERS_FILE, NAMES_FILE)))
    path = cache.cache_file(folder, CACHE_NAME)
    data = cache.load(path, key)
    if data is None:
        from writer.bank.errors import ReferenceError as ReferenceBankError
        from writer.bank.reference import load_reference

        try:
            reference = load_reference(folder)
        except ReferenceBankError:   # a file missing: no reference (a broken one still says so)
            if not all((folder / name).is_file() for name in _REFERENCE_FILES):
                return None
            raise
        data = compile_lines(reference)
        cache.store(path, key, data)
    lines = _LINES[str(folder)] = ReferenceLines(data)
    return lines


class _Pattern:
    """A one-line heading pattern as fixed positions: its own text at offsets, slots of given lengths."""

    __slots__ = ("text", "number", "size", "literals", "slots", "tail")

    def __init__(self, text: str, number: int):
        self.text, self.number = text, number
        self.literals: list[tuple[int, str]] = []
        self.slots: list[tuple[int, int]] = []
        at = i = 0
        for m in re.finditer(_SLOT, text):
            if m.start() > i:
                self.literals.append((at, text[i:m.start()]))
                at += m.start() - i
            self.slots.append((at, int(m.group(2))))
            at += int(m.group(2))
            i = m.end()
        if i < len(text):
            self.literals.append((at, text[i:]))
            at += len(text) - i
        self.size = at
        # The slots after the pattern's last own text: a string filling them must end there.
        self.tail = at - (self.literals[-1][0] + len(self.literals[-1][1])) if self.literals else at

    def usable(self) -> bool:
        own = "".join(lit for _, lit in self.literals)
        return (" / " not in self.text and "{M" not in self.text and len(own) >= MIN_LITERAL
                and re.fullmatch(_HAN, own) is not None)

    def fits(self, s: str, breakers: frozenset[str]) -> bool:
        if any(not s.startswith(lit, at) for at, lit in self.literals):
            return False
        return not any(ch in breakers for at, n in self.slots for ch in s[at:at + n])


def _pattern_table(texts: list[str]) -> tuple[dict, list[_Pattern]]:
    """(length, offset, size) of a pattern's first own text → {that text: patterns}, and the patterns."""
    table: dict[tuple[int, int, int], dict[str, list[_Pattern]]] = {}
    kept: list[_Pattern] = []
    for text in texts:
        p = _Pattern(text, len(kept))
        if not p.usable():
            continue
        kept.append(p)
        at, lit = p.literals[0]
        table.setdefault((p.size, at, len(lit)), {}).setdefault(lit, []).append(p)
    return table, kept


def compile_lines(ref) -> dict:
    """The compiled data of ``ref`` (a writer.bank.reference.Reference): see the module docstring."""
    from writer.io.datafiles import load_word_list

    breakers = frozenset("".join(load_word_list(BREAKERS_FILE, "slot_breakers")))
    table, patterns = _pattern_table([use.text for use in ref.phrases("heading")])
    by_size: dict[int, list[tuple[int, int, dict]]] = {}
    for (size, at, n), lits in table.items():
        by_size.setdefault(size, []).append((at, n, lits))
    rows = list(ref.rows())
    found: dict[str, tuple[int, bytes]] = {}
    tails: dict[str, str] = {}
    for text, row in rows:
        match = _fill(text, by_size.get(len(text), ()), breakers)
        if match is not None:
            found[text] = (match.number, row)
            if match.tail:
                tails[text] = text[-match.tail:]
    slogans = list(ref.phrases("slogan"))
    wanted = set(found) | {u.text for u in slogans}
    stray = {part for u in slogans for part in (u.text[:-1], u.text[1:])}
    targets = wanted | set(tails.values()) | stray
    totals = {t: sum(row) for t, row in rows if t in targets}
    right = _right_extensions(rows, targets)
    left = _left_extensions(rows, wanted)
    longest = max((len(t) for t, _ in rows), default=0)
    person = _PersonNames()

    texts = [t for t, _ in rows]

    def piece(t: str) -> bool:
        """Mostly used inside a longer string (on the right or on the left). A string the index leaves
        out although it stores one beginning with it has that one's counts: it is always continued."""
        if t not in totals:
            at = bisect_left(texts, t)
            return at < len(texts) and texts[at].startswith(t)
        return _continued(t, totals, right) or left.get(t, 0) >= FRAGMENT_SHARE * totals[t]

    def whole(t: str) -> bool:
        return not (len(t) >= longest or len(t) < MIN_CHARS or person.found(t) or piece(t)
                    or (t in tails and _continued(tails[t], totals, right)))

    def set_phrase(u) -> bool:
        """Not always continued (a set phrase may well be followed by more: 稳中求进的工作总基调), and not
        a term with a stray character: 以碳达峰 (12 reports) is 碳达峰 (1,096)."""
        halves = (u.text[:-1], u.text[1:])
        return ((u.text in totals or not piece(u.text))
                and all(totals.get(part, 0) < STRAY_RATIO * u.reports for part in halves))

    kept = sorted((t for t in found if whole(t)), key=lambda t: (-sum(found[t][1]), t))
    return _data(ref, kept, found, patterns, [u for u in slogans if set_phrase(u)])


class _PersonNames:
    """A person's name in a string: a surname and one or two more characters right before a title
    (胡锦涛总书记, 某某同志), by writer/data/mining/names.yaml's lists (a line of a leader's name
    belongs to its report, and the reference keeps no names)."""

    def __init__(self):
        from writer.io.datafiles import ShippedDataError, data_path
        from writer.io.yamlfile import load_yaml, schema_error

        path = data_path(NAMES_FILE)   # mining's file (it owns the whole key set): only these lists
        data = load_yaml(path, ShippedDataError, what="数据文件")
        lists: dict[str, list[str]] = {}
        for key in NAMES_KEYS:
            value = data.get(key) if isinstance(data, dict) else None
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise schema_error(path, [key], "应为文字列表", ShippedDataError)
            lists[key] = [word for item in value for word in item.split()]
        self.surnames = frozenset(lists["surnames"])
        self.not_in_name = frozenset(lists["not_in_name"])
        self.titles = sorted(set(lists["person_titles"]) | set(lists["person_after"]), key=len, reverse=True)

    def found(self, text: str) -> bool:
        for title in self.titles:
            at = text.find(title)
            while at > 0:
                end = at - 1 if text[at - 1] == "总" else at   # 总书记, 总经理
                for size in (2, 3):
                    name = text[max(end - size, 0):end]
                    if (len(name) == size and name[0] in self.surnames
                            and not any(ch in self.not_in_name for ch in name)):
                        return True
                at = text.find(title, at + 1)
        return False


def _continued(text: str, totals: dict[str, int], right: dict[str, int]) -> bool:
    """Whether ``text`` is mostly followed by more: its stored one-character extensions hold half its
    reports or more, or it is no stored string at all (then its counts are its extension's)."""
    total = totals.get(text)
    return total is None or right.get(text, 0) >= FRAGMENT_SHARE * total


def _right_extensions(rows: list[tuple[str, bytes]], targets: set[str]) -> dict[str, int]:
    """For each target, the reports of the stored strings whose longest stored prefix it is, summed
    (each stands for one of its one-character extensions; rows are in code point order)."""
    right: dict[str, int] = {}
    stack: list[str] = []   # the stored prefixes of the current string, shortest first
    for text, row in rows:
        while stack and not text.startswith(stack[-1]):
            stack.pop()
        if stack and stack[-1] in targets:
            right[stack[-1]] = right.get(stack[-1], 0) + sum(row)
        stack.append(text)
    return right


def _fill(text: str, groups, breakers: frozenset[str]) -> _Pattern | None:
    """The first pattern ``text`` fills (patterns most used first), or None."""
    if not groups or not re.fullmatch(_HAN, text):
        return None
    best = None
    for at, n, lits in groups:
        for p in lits.get(text[at:at + n], ()):
            if p.fits(text, breakers) and (best is None or p.number < best.number):
                best = p
    return best


def _left_extensions(rows: list[tuple[str, bytes]], found) -> dict[str, int]:
    """For each found string, the reports of the stored strings one character longer on the left that
    begin with it, summed (a stored string stands for its one-character left extension of the
    longest found string it holds, as on the right)."""
    shortest = min((len(t) for t in found), default=0)
    starts = {t[:shortest] for t in found}
    left: dict[str, int] = {}
    for text, row in rows:
        tail = text[1:]
        if tail[:shortest] not in starts:
            continue
        total = sum(row)
        for end in range(len(tail), shortest - 1, -1):
            piece = tail[:end]
            if piece in found:
                left[piece] = left.get(piece, 0) + total
                break  # the longest found piece stands for this extension (as on the right)
    return left


def _data(ref, kept: list[str], found: dict, patterns: list[_Pattern], slogans: list) -> dict:
    encoded = [t.encode("utf-8") for t in kept]
    starts, at = [], 0
    for e in encoded:
        starts.append(at)
        at += len(e) + 1
    return {"joined": b"\n".join(encoded), "starts": starts,
            "line_patterns": [found[t][0] for t in kept], "patterns": [p.text for p in patterns],
            "counts": b"".join(bytes(found[t][1]) for t in kept),
            "years": list(ref.years), "totals": [ref.totals[y] for y in ref.years],
            "slogans": [u.text for u in slogans],
            "slogan_counts": b"".join(bytes(u.docs.get(y, 0) for y in ref.years) for u in slogans)}
