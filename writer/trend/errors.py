"""The errors of ``writer trend``: a phrase, a year or a bank it cannot answer for.

Usage errors (exit 2) for what the command line gave; input errors (exit 3)
for a bank whose documents cannot answer (no documents.jsonl, no years).
"""

from __future__ import annotations

from writer.errors import InputError, UsageError


class PhraseError(UsageError):
    """A phrase given to ``writer trend`` is missing, empty or too long."""


class TrendYearError(UsageError):
    """A year given to ``--new``/``--fading`` lies outside the years the evidence covers."""


class RegionsMissingError(UsageError):
    """``--by region`` asked of evidence that records no regions."""


class DocumentsError(InputError):
    """A bank's documents.jsonl is missing or a line of it is no document record."""


class UndatedBankError(InputError):
    """A bank's documents carry no years, so no per-year evidence can be had from them."""
