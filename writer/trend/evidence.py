"""Where ``writer trend`` reads its per-year evidence: the shipped reference, or a user's bank.

Both answer the same questions: the documents per year (``totals``), a
string's ``YearUse`` (``lookup``: None when the evidence cannot say), the
reports of a year that used it, the candidates ``--new``/``--fading`` rank
(``rows``: each string's documents per year) and, where recorded, the same
per region. The reference
is the bank layer's ``Reference`` (an index of strings used in enough
reports); a user's bank is searched in its documents.jsonl for any string,
and its mined slogans and terms, with the years ``writer mine`` recorded, are
the candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from writer.bank.years import YearUse
from writer.trend.errors import RegionsMissingError, UndatedBankError
from writer.zh import strip_quotes

REGIONS_MISSING = "这份证据不记录地区（省份、城市），不能 --by region；参考素材库记录地区，去掉 --bank 即可"


class BankEvidence:
    """A user's bank: any string searched in its documents; its slogans and terms as candidates."""

    kind = "bank"

    def __init__(self, path: Path):
        from writer.bank.records import DOCUMENTS_FILE
        from writer.trend.documents import DocumentText

        self.path = Path(path)
        self.documents = DocumentText(self.path / DOCUMENTS_FILE)
        self.totals = self.documents.totals
        self.quoted: frozenset[str] = frozenset()   # a user's bank records no quoted terms

    def lookup(self, text: str) -> YearUse:
        return self.documents.use(text)

    def reports(self, text: str, year: int) -> list[tuple[str, int, str]]:
        return self.documents.reports(text, year)

    def rows(self) -> Iterator[tuple[str, list[int]]]:
        """The bank's mined slogans and terms with the documents per year ``writer mine`` recorded,
        as (text, documents per year in ``totals`` order)."""
        from writer.bank.store import load_bank

        table = load_bank(self.path).year_table()
        if not (len(table) and table.totals):
            raise UndatedBankError("素材库没有记录四字语每年用到的篇数（文档没有年份，或是较早的 writer mine 建的）；"
                                   "请在标题或日期中写明年份后重新 writer mine，再用 --new/--fading", self.path)
        years = sorted(self.totals)
        for use in table:
            yield use.text, [use.docs.get(y, 0) for y in years]

    def by_region(self, text: str) -> dict[str, YearUse]:
        raise RegionsMissingError(REGIONS_MISSING, key="--by")


class ReferenceEvidence:
    """The shipped reference bank (or one at ``path``): its index, reports and regions."""

    kind = "reference"

    def __init__(self, reference):
        self.reference = reference
        self.totals = dict(sorted(reference.totals.items()))

    def lookup(self, text: str) -> YearUse | None:
        """The index counts quoted terms with their marks taken out: so is the phrase asked for."""
        use = self.reference.lookup(strip_quotes(text))
        return YearUse(text, use.docs, use.totals) if use is not None and use.text != text else use

    def reports(self, text: str, year: int) -> list[tuple[str, int, str]]:
        return list(self.reference.reports(strip_quotes(text), year))

    @property
    def quoted(self) -> frozenset[str]:
        """The terms the reports put in quotation marks: formulations by their own marking."""
        quoted = getattr(self.reference, "quoted", None)
        return quoted() if quoted is not None else frozenset()

    def rows(self) -> Iterator[tuple[str, bytes]]:
        """Every indexed string with its reports per year in ``totals`` order, without an object each."""
        return self.reference.rows()

    def by_region(self, text: str) -> dict[str, YearUse]:
        by_region = getattr(self.reference, "by_region", None)
        if by_region is None:
            raise RegionsMissingError(REGIONS_MISSING.split("；")[0], key="--by")
        return by_region(text)


def open_evidence(bank: str | Path | None) -> BankEvidence | ReferenceEvidence:
    """``--bank DIR``'s documents, else the shipped reference (loaded now, read lazily)."""
    if bank:
        return BankEvidence(Path(bank))
    from writer.bank.reference import load_reference

    return ReferenceEvidence(load_reference())
