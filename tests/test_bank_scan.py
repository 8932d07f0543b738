"""The name scans of test_names_banks run on any bank a user or a session mined in full: every bank
folder named in ``WRITER_SCAN_BANKS`` (paths joined by the OS path separator, e.g.
``WRITER_SCAN_BANKS=城市库:党代会库 pytest tests/test_bank_scan.py``); skipped when it is unset.

test_names_banks mines small fixed subsets of the corpora so that CI stays fast; a whole collection
(886 city reports take a quarter of an hour) is mined outside the suite and scanned here. On top of
those scans: every mined heading suggest can offer (as it is, or in slot form when it named a
source's place) holds no gazetteer place and no listed name — the shipped bank always, the named
banks when given.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_names_banks import (  # noqa: F401  (the imported tests run here on this module's ``bank``)
    Names,
    _held,
    test_aphorisms_hold_no_name,
    test_no_slot_splits_a_word,
    test_suggestions_hold_no_source_name,
    test_templates_hold_no_name,
)
from writer.bank.store import load_bank
from writer.io.paths import default_bank

ENV = "WRITER_SCAN_BANKS"


def _named_banks() -> list[str]:
    return [p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]


@pytest.fixture(scope="module", params=_named_banks() or [None], ids=lambda p: Path(p).name if p else "none")
def bank(request):
    if request.param is None:
        pytest.skip(f"{ENV} 未设置：没有要扫描的素材库")
    folder = Path(request.param)
    if not (folder / "manifest.yaml").is_file():
        pytest.fail(f"{ENV}: {folder} 不是 writer mine 写的素材库（没有 manifest.yaml）")
    return load_bank(folder).load_all()


def _offered_headings_holding_names(bank) -> list[tuple[str, list[str]]]:
    """Each line of suggest's heading index (what `suggest --kind heading/pair` can offer from the
    bank's mined headings) that still holds a name once its slots are set aside."""
    from writer.suggest.index import heading_index

    names = Names(bank)
    index = heading_index(bank)
    lines = (index.line(k) for k in range(len(index)))
    return [(line, held) for line in lines if (held := _held(line, names))]


def test_offered_headings_hold_no_name(bank):
    bad = _offered_headings_holding_names(bank)
    assert not bad, bad[:5]


def test_the_shipped_banks_offered_headings_hold_no_name():
    bank = load_bank(default_bank()).load_all()
    assert _offered_headings_holding_names(bank) == []
