"""Where caches compiled from a bank go, and what they depend on (through writer.io.cache).

Every cache derived from a bank's headings (suggest's heading index, the heading
templates) is keyed by the content of the same files: the bank's headings,
custom.yaml, names and manifest, and the topic lexicon. The stamp is computed
once per bank object.
"""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

from writer.bank.lexicon import LEXICON_FILE
from writer.io import cache

BANK_INPUTS = ("headings.yaml", "custom.yaml", "names.yaml", "manifest.yaml")
_STAMPS: WeakKeyDictionary = WeakKeyDictionary()


def bank_cache(bank, name: str) -> Path | None:
    """The cache file ``name`` of ``bank`` (None when the bank is read without caches)."""
    if not getattr(bank, "use_cache", True) or getattr(bank, "path", None) is None:
        return None
    return cache.cache_file(bank.path, name)


def bank_stamp(bank, lexicon_path: Path | str = LEXICON_FILE) -> tuple:
    """The content stamp of ``bank``'s heading inputs and of the lexicon at ``lexicon_path``."""
    stamps = _STAMPS.get(bank)
    if stamps is None:
        stamps = _STAMPS[bank] = {}
    key = str(lexicon_path)
    if key not in stamps:
        # Through the bank's own stamps where it keeps them: a remembered answer that only read
        # these caches still lists the bank files it depends on (PhraseBank.files_read).
        stamp = getattr(bank, "file_stamp", None) or (lambda name: cache.run_stamp(Path(bank.path) / name))
        stamps[key] = tuple(stamp(name) for name in BANK_INPUTS) + (cache.run_stamp(lexicon_path),)
    return stamps[key]
