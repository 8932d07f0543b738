"""Build a reference folder (writer/bank/reference.py reads it) from report files and a bank mined from them.

tools/build_reference.py is the command; this module is the library it calls
(tests build a tiny reference through it). The n-gram index counts the
reports' own text, read here without writer's reader (front matter dropped,
the rest split into clauses), so that the committed index depends on the
input files and ``writer.mining.ngram_index`` only; the mined phrases come
from a ``writer mine`` bank of the same files. Every string written is
checked against the gazetteer's place names (full and short forms) and the
persons and places the mined bank lists: none may hold one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from writer.bank import reference as fmt
from writer.mining.ngram_index import MAX_LENGTH, closed, clauses, count_strings, quoted_terms
from writer.zh import fold_letter_spacing

HEADING_MIN_REPORTS = 2   # a heading pattern kept in the reference is used by two reports at least
HEADING_TOPICS = 5        # topic words kept with a heading pattern
QUOTED_MIN_REPORTS = 5    # a term the reports put in quotes, kept when five reports at least quote it


@dataclass
class Report:
    """One report file: where it is, its title, year and region (the folder it is in), its clauses."""

    source: str           # <corpus folder>/<region>/<file>
    title: str
    year: int
    region: str
    clauses: list[str]
    quoted: set[str]      # the terms it puts in quotation marks


def report_files(roots: Iterable[Path]) -> list[tuple[Path, str]]:
    """(path, source) of every ``<region>/<year>[-…].md`` under ``roots``, sorted by source."""
    found = []
    for root in roots:
        root = Path(root)
        for path in root.glob("*/*.md"):
            if path.stem[:4].isdigit():
                found.append((path, f"{root.name}/{path.parent.name}/{path.name}"))
    return sorted(found, key=lambda item: item[1])


def read_report(path: Path, source: str) -> Report:
    """A report file: its front matter's ``title`` (else the file name; a letter-spaced title closed
    up: 2 0 1 4 年 政府工作报告), year from the file name."""
    text = path.read_text(encoding="utf-8")
    title = path.stem
    if text.startswith("---"):
        end = text.find("\n---", 3)
        for line in text[3:max(end, 3)].splitlines():
            if line.startswith("title:"):
                title = line[6:].strip().strip("\"'")
        text = text[end + 4:] if end >= 0 else text
    return Report(source, fold_letter_spacing(title), int(path.stem[:4]), path.parent.name, clauses(text),
                  quoted_terms(text))


def input_digest(files: list[tuple[Path, str]]) -> str:
    """sha256 over every input file's source name and bytes, in order: what the reference was built from."""
    digest = hashlib.sha256()
    for path, source in files:
        data = path.read_bytes()
        digest.update(f"{source}\0{len(data)}\0".encode("utf-8"))
        digest.update(data)
    return digest.hexdigest()


class NameGuard:
    """The names no reference string may hold: a string holds one when one of its substrings is one."""

    def __init__(self, names: Iterable[str]):
        self.names = frozenset(n for n in names if len(n) >= 2)
        self.longest = max(map(len, self.names), default=0)

    def holds_name(self, text: str) -> bool:
        n = len(text)
        return any(text[i:j] in self.names
                   for i in range(n) for j in range(i + 2, min(n, i + self.longest) + 1))


def guarded_names(bank_names: Iterable[tuple[str, str]]) -> NameGuard:
    """The gazetteer's free names (every level, full and short forms) and the persons the mined bank
    lists (``(text, kind)`` pairs). The gazetteer's context names (合作, 振兴, 富裕: ordinary words that
    name a place only where the text shows one) and the places the bank found by context (京津冀,
    粤港澳) are not among them: a bare string cannot show the context, and as substrings they are
    the words of 乡村振兴, 共同富裕, 京津冀协同发展."""
    from writer.bank.gazetteer import load_gazetteer

    listed = {text for text, kind in bank_names if kind == "person"}
    return NameGuard(load_gazetteer().free | listed)


def year_row(years: list[int], counts: dict[int, int]) -> list[int]:
    return [counts.get(year, 0) for year in years]


def phrase_entries(reports: list[Report], slogans: Iterable[tuple[str, str]], guard: NameGuard,
                   ) -> list[tuple[str, str, list[int]]]:
    """(text, kind, indexes of the reports whose clauses hold it) of each mined slogan or term
    (``(text, kind)`` pairs) that holds no name and that some report holds."""
    wanted: dict[int, dict[str, str]] = {}
    for text, kind in slogans:
        if len(text) >= 2 and not guard.holds_name(text):
            wanted.setdefault(len(text), {})[text] = kind
    holders: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        for length, texts in wanted.items():
            held = {c[i:i + length] for c in report.clauses for i in range(len(c) - length + 1)}
            for text in held.intersection(texts):
                holders.setdefault(text, []).append(index)
    kinds = {text: kind for texts in wanted.values() for text, kind in texts.items()}
    return [(text, kinds[text], docs) for text, docs in holders.items()]


def heading_entries(headings: Iterable[tuple[str, str, list[str]]], guard: NameGuard,
                    ) -> list[tuple[str, list[int], list[str]]]:
    """(slot-form pattern, indexes of the reports using it, its topic words) of the mined headings
    (``(pattern, report index, topics)`` triples) used by HEADING_MIN_REPORTS reports and holding no
    name in their literal text."""
    grouped: dict[str, tuple[set[int], dict[str, int]]] = {}
    for pattern, index, topics in headings:
        docs, words = grouped.setdefault(pattern, (set(), {}))
        docs.add(index)
        for word in topics:
            words[word] = words.get(word, 0) + 1
    out = []
    for pattern, (docs, words) in grouped.items():
        if len(docs) < HEADING_MIN_REPORTS or guard.holds_name(_literal(pattern)):
            continue
        top = sorted(words, key=lambda w: (-words[w], w))[:HEADING_TOPICS]
        out.append((pattern, sorted(docs), top))
    return out


def _literal(pattern: str) -> str:
    """A pattern's literal text, its slots cut out (a slot is ``{…}``), slots marked by a space."""
    out, depth = [], 0
    for ch in pattern:
        if ch == "{":
            depth += 1
            out.append(" ")
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif not depth:
            out.append(ch)
    return "".join(out)


def index_rows(reports: list[Report], years: list[int], min_reports: int, guard: NameGuard,
               ) -> list[tuple[str, list[int]]]:
    """The sorted rows of index.bin: every closed string of 2 to 12 characters in ``min_reports`` reports."""
    counted = count_strings([(r.year, r.clauses) for r in reports], min_reports, max_length=MAX_LENGTH)
    kept = {text: counts for text, counts in counted.items() if not guard.holds_name(text)}
    return [(text, year_row(years, counts)) for text, counts in sorted(closed(kept).items())]


def quoted_entries(reports: list[Report], guard: NameGuard, min_reports: int = QUOTED_MIN_REPORTS) -> list[str]:
    """The terms ``min_reports`` reports or more put in quotation marks, holding no name, sorted:
    formulations by the reports' own marking (``writer trend --new`` takes them as whole)."""
    counts: dict[str, int] = {}
    for report in reports:
        for term in report.quoted:
            counts[term] = counts.get(term, 0) + 1
    return sorted(t for t, n in counts.items() if n >= min_reports and not guard.holds_name(t))


def first_year_reports(reports: list[Report], rows: list[tuple[str, list[int]]], years: list[int],
                       ) -> dict[str, list[int]]:
    """string → the indexes of the reports of its first year that hold it, for every index row."""
    by_first: dict[int, list[str]] = {}
    for text, counts in rows:
        first = next(j for j, n in enumerate(counts) if n)
        by_first.setdefault(years[first], []).append(text)
    found: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        texts = by_first.get(report.year)
        if texts:
            body = "\n".join(report.clauses)  # clauses hold no newline: no string spans two
            for text in texts:
                if text in body:
                    found.setdefault(text, []).append(index)
    return found


def write_reference(out: Path, reports: list[Report], rows: list[tuple[str, list[int]]],
                    phrases: list[tuple[str, str, list[int]]], headings: list[tuple[str, list[int], list[str]]],
                    stamp: dict, first_reports: bool = False, quoted: list[str] = ()) -> dict:
    """Write manifest.json, phrases.jsonl, phrases.bin, index.bin and quoted.txt into ``out`` (each
    file atomically); the manifest. ``first_reports``: keep each index string's first-year reports too
    (one substring search per string and report of its first year: minutes over the full corpora)."""
    import json

    from writer.io.files import atomic_replace

    years = sorted({r.year for r in reports})
    totals = {year: 0 for year in years}
    for r in reports:
        totals[r.year] += 1
    lines = []
    phrase_rows: dict[str, list[int]] = {}
    phrase_docs: dict[str, list[int]] = {}
    for text, kind, docs in sorted(phrases, key=lambda p: (-len(p[2]), p[0])):
        phrase_docs[text] = docs
        phrase_rows[text] = counts = year_row(years, _years_of(reports, docs))
        lines.append(fmt.phrase_line(text, kind, counts))
    for pattern, docs, topics in sorted(headings, key=lambda h: (-len(h[1]), h[0])):
        phrase_docs[pattern] = docs
        phrase_rows[pattern] = counts = year_row(years, _years_of(reports, docs))
        lines.append(fmt.phrase_line(pattern, "heading", counts, {"topics": topics}))
    manifest = {
        "format": fmt.FORMAT,
        **stamp,
        "files": len(reports),
        "first_reports": first_reports,
        "entries": {"index": len(rows), "slogan": sum(1 for p in phrases if p[1] == "slogan"),
                    "term": sum(1 for p in phrases if p[1] == "term"), "heading": len(headings),
                    "quoted": len(quoted)},
        "years": years,
        "totals": [totals[y] for y in years],
        "documents": [[r.title, r.year, r.region] for r in reports],
    }
    out.mkdir(parents=True, exist_ok=True)
    firsts = first_year_reports(reports, rows, years) if first_reports else None
    atomic_replace(out / fmt.INDEX_FILE, fmt.index_bytes(rows, len(years), firsts))
    atomic_replace(out / fmt.PHRASES_FILE, "".join(lines).encode("utf-8"))
    atomic_replace(out / fmt.PHRASE_INDEX_FILE, fmt.index_bytes(sorted(phrase_rows.items()), len(years), phrase_docs))
    atomic_replace(out / fmt.QUOTED_FILE, "".join(f"{t}\n" for t in quoted).encode("utf-8"))
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    atomic_replace(out / fmt.MANIFEST_FILE, text.encode("utf-8"))
    return manifest


def _years_of(reports: list[Report], docs: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for i in docs:
        counts[reports[i].year] = counts.get(reports[i].year, 0) + 1
    return counts
