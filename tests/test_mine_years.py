"""writer mine's per-year evidence: each slogan's documents per year, the bank's documents per year,
written to the bank files and read back as a YearTable."""

from __future__ import annotations

from writer.bank.schema import Manifest, read_file
from writer.bank.store import load_bank
from writer.corpus.document import Document, Section
from writer.mining.bankfiles import write_bank
from writer.mining.build import build_bank


def _doc(i: int, year: int | None, place: str) -> Document:
    return Document(
        id=f"d{i}", source="x.txt", title=f"{place}人才工作综述", year=year,
        lead=[f"{place}委坚持凝心聚力、砥砺前行，引进人才{i * 100}人。"],
        sections=[Section("坚持党建引领", None, [f"{place}委坚持党管人才，凝心聚力，守正创新，人才工作取得成效。"])],
        closing=[f"{place}将凝心聚力、砥砺前行，再创佳绩！"])


PLACES = ("秦皇岛市", "永州市", "九江市", "赣州市")


def test_slogans_count_their_documents_per_year(tmp_path):
    docs = [_doc(1, 2020, PLACES[0]), _doc(2, 2020, PLACES[1]), _doc(3, 2022, PLACES[2]), _doc(4, None, PLACES[3])]
    bank = build_bank(docs, command="writer mine x --out y")
    assert bank.manifest["documents_per_year"] == {2020: 2, 2022: 1}
    year_of = {d.id: d.year for d in docs}
    assert bank.slogans
    for slogan in bank.slogans:
        dated = [year_of[i] for i in slogan.doc_ids if year_of[i] is not None]
        assert sum(slogan.years.values()) == len(dated)
        assert all(slogan.years[y] == dated.count(y) for y in set(dated))
        if dated:
            assert (min(slogan.years), max(slogan.years)) == (slogan.first_year, slogan.last_year)
    together = next(s for s in bank.slogans if s.text == "凝心聚力")
    assert together.years == {2020: 2, 2022: 1}  # the undated fourth document counts in no year

    write_bank(tmp_path / "bank", docs, bank)
    assert "documents_per_year:\n  2020: 2\n  2022: 1\n" in (tmp_path / "bank" / "manifest.yaml").read_text("utf-8")
    _, manifest = read_file(tmp_path / "bank" / "manifest.yaml", Manifest)
    assert manifest.documents_per_year == {2020: 2, 2022: 1}
    loaded = load_bank(tmp_path / "bank", use_cache=False)
    table = loaded.year_table()
    assert table.totals == {2020: 2, 2022: 1}
    use = table.lookup("凝心聚力")
    assert use is not None and use.first_year == 2020 and use.last_year == 2022 and use.share(2020) == 1.0
    assert len(table) == sum(1 for s in loaded.slogans if s.years)


def test_a_bank_without_years_has_an_empty_table(tmp_path):
    docs = [_doc(i, None, place) for i, place in enumerate(PLACES[:3], 1)]
    bank = build_bank(docs, command="writer mine x --out y")
    assert bank.manifest["documents_per_year"] == {}
    assert all(s.years == {} for s in bank.slogans)
    write_bank(tmp_path / "bank", docs, bank)
    table = load_bank(tmp_path / "bank").year_table()
    assert table.totals == {} and len(table) == 0 and table.lookup("凝心聚力") is None
