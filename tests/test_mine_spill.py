"""Pass 1's results on disk (writer.mining.spill): the same documents, analyses and bank as in memory, no file left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from writer.mining.analysis import DocAnalysis
from writer.mining.bankfiles import render_bank_files
from writer.mining.build import build_bank
from writer.mining.reading import read_and_analyse
from writer.mining.spill import SpilledDocument, Spiller, SpillFile

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"
FIELDS = ("section_words", "names", "lead_names", "evidence", "entities", "headings", "aphorisms")


def _analysis(an: DocAnalysis) -> dict:
    return {f: getattr(an, f) for f in FIELDS}


@pytest.mark.parametrize("jobs", [1, 2])
def test_spilled_documents_and_analyses_equal_the_ones_in_memory(tmp_path: Path, jobs: int):
    plain = read_and_analyse([SEED], jobs=jobs)
    spiller = Spiller(str(tmp_path))
    spilled = read_and_analyse([SEED], jobs=jobs, keep=spiller)
    assert all(isinstance(d, SpilledDocument) for d in spilled.documents)
    assert [d.to_dict() for d in spilled.documents] == [d.to_dict() for d in plain.documents]
    assert [d.jsonl_line() for d in spilled.documents] == [d.jsonl_line() for d in plain.documents]
    # Read back out of order too: every part of every record, not just the last one kept.
    for k in reversed(range(len(plain.analyses))):
        assert _analysis(spilled.analyses[k]) == _analysis(plain.analyses[k])
        assert spilled.documents[k].all_sections() == plain.documents[k].all_sections()
    assert list(spilled.lines) == list(plain.lines)
    assert os.listdir(tmp_path) == []  # the file is unlinked from the start: nothing to clean up


def test_the_bank_is_the_same_from_disk(tmp_path: Path):
    def texts(bank):
        return {name: "".join(pieces) for name, pieces in render_bank_files(bank)}

    in_memory = texts(build_bank(read_and_analyse([SEED])))
    from_disk = texts(build_bank(read_and_analyse([SEED], keep=Spiller(str(tmp_path)))))
    assert from_disk == in_memory
    assert from_disk["headings.yaml"].count("- text:") > 10


def test_spill_file_round_trips_plain_data_and_keeps_the_last_record(tmp_path: Path):
    spill = SpillFile(str(tmp_path))
    records = [(["段落", str(i)], {"名": ("why", "line")}, [[f"词{i}"]], [([("词", "n")], None)], [], None)
               for i in range(5)]
    for rec in records:
        spill.append(rec)
    assert len(spill) == 5
    for i in (3, 0, 4, 4, 1):
        for part, value in enumerate(records[i]):
            assert spill.load(i, part) == value
    built = spill.load(2, 0, build=len)
    assert built == 2 and spill.load(2, 0) == 2  # the built value is the one kept


def test_unwritable_folder_falls_back_to_the_system_temporary_folder(tmp_path: Path):
    spill = SpillFile(str(tmp_path / "missing"))
    spill.append(("a", "b", "c", "d", "e", None))
    assert spill.load(0, 1) == "b"
