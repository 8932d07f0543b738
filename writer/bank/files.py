"""The files of a bank folder, by name: what `writer mine` writes, what a user may add, and which
file holds which kind of record.

Apart from writer.bank.records (which re-exports them beside the record classes) so that opening a
bank (writer.bank.store.load_bank) checks its folder without building the record dataclasses: a run
answered from the compiled caches never decodes a record.
"""

from __future__ import annotations

GENERATED_FILES = ("manifest.yaml", "slogans.yaml", "headings.yaml", "openings.yaml",
                   "closings.yaml", "aphorisms.yaml", "topics.yaml", "names.yaml")
DOCUMENTS_FILE = "documents.jsonl"
CUSTOM_FILE = "custom.yaml"
# What a bank folder may hold besides the generated files.
EXPECTED_EXTRAS = ("corpus", "README.md", CUSTOM_FILE, ".cache", "reference")
# kind (attribute of the bank and key of custom.yaml) → (file, top-level key); the record class of
# each kind is writer.bank.records.RECORD_FILES's third item.
RECORD_FILE_NAMES: dict[str, tuple[str, str]] = {
    "slogans": ("slogans.yaml", "slogans"),
    "headings": ("headings.yaml", "headings"),
    "openings": ("openings.yaml", "openings"),
    "closings": ("closings.yaml", "closings"),
    "aphorisms": ("aphorisms.yaml", "aphorisms"),
    "names": ("names.yaml", "names"),
}
