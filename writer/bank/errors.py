"""The errors of the bank layer: a phrase bank or the topic lexicon that cannot be used.

All are input errors (exit 3) naming the file and, where known, the line,
column and key. They live apart from the loaders so that the decoding modules,
imported only when a cache is stale, can raise them without importing the
loaders (and the loaders without importing the decoders).
"""

from __future__ import annotations

from writer.errors import InputError


class BankError(InputError):
    """The phrase bank cannot be used."""


class BankMissingError(BankError):
    """The bank folder does not exist."""


class BankFileMissingError(BankError):
    """A file the bank needs is missing from the bank folder."""


class BankYamlError(BankError):
    """A bank file is not valid YAML."""


class BankSchemaError(BankError):
    """A bank file is valid YAML but does not hold what the bank format says."""


class LexiconError(InputError):
    """The topic lexicon cannot be used."""


class LexiconYamlError(LexiconError):
    """The topic lexicon is not valid YAML."""


class LexiconSchemaError(LexiconError):
    """The topic lexicon is valid YAML but does not hold what it should."""

# What a missing generated file of a bank is told with (load_bank and the decoders).
MISSING_FILE = "素材库缺少此文件；请用 writer mine 重建素材库"


class ReferenceError(InputError):
    """The reference bank (phrasebank/reference/) cannot be used."""


class ReferenceMissingError(ReferenceError):
    """A file of the reference bank is missing."""


class ReferenceCorruptError(ReferenceError):
    """A file of the reference bank does not hold what its format says."""
