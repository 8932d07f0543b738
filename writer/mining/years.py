"""Per-year evidence of a mined bank: how many documents of each year hold each slogan and term.

``writer mine`` calls ``record_years`` once, after the slogans are mined: it
fills each ``Slogan.years`` from the entry's documents and returns the bank's
documents per year (manifest.yaml's ``documents_per_year``), the totals the
shares are taken against. Headings and passages come from one document and
carry its year already. Undated documents count in neither.
"""

from __future__ import annotations

from writer.bank.records import Slogan
from writer.bank.years import count_by_year
from writer.corpus.document import Document


def record_years(slogans: list[Slogan], documents: list[Document]) -> dict[int, int]:
    """Set each slogan's ``years`` (year → its documents of that year); the documents per year."""
    year_of = {d.id: d.year for d in documents}
    for slogan in slogans:
        slogan.years = count_by_year(year_of.get(doc_id) for doc_id in slogan.doc_ids)
    return count_by_year(d.year for d in documents)
