"""Every template, aphorism and suggestion of every bank we can build: no source name, no slot splitting a word.

The shipped bank always; banks mined from small, fixed subsets of the corpora
in ../shared/corpora when it is there (city reports, Party reports, provincial
reports, the 2026 reports), so the scan fits in CI time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from writer.bank.store import load_bank
from writer.io.paths import default_bank
from writer.mining import segment
from writer.mining.passages import holds_name, replace_names
from writer.mining.places import gazetteer_holds, org_parts, split_places

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
NAME_SLOTS = ("{place}", "{org}", "{person}")
SLOT = re.compile(r"\{[a-z_]+\}")
# What a number slot stands for, so a name slot beside it aligns exactly (红古区29家 → {place}{num}家).
_YEAR = r"(?:19|20)\d\d"
NUMBER_SLOTS = {"{num}": r"(?:[0-9０-９]+(?:[.,．][0-9０-９]+)*|[一二三四五六七八九十百零两]{1,4})",
                "{year}": _YEAR, "{next_year}": _YEAR, "{last_year}": _YEAR, "{period}": r"“?十[一二三四五六]五”?"}
# Every how-many-th file of each collection goes into its test bank.
SUBSETS = {"gov-reports-city": 60, "party-reports": 5, "gov-reports-provincial": 120, "gov-reports-2026": 10}


def _subset(folder: str, step: int) -> list[Path]:
    files = sorted(p for p in (CORPORA / folder).rglob("*") if p.suffix in (".md", ".txt"))
    return files[::step]


@pytest.fixture(scope="module", params=["shipped", *SUBSETS])
def bank(request, tmp_path_factory):
    if request.param == "shipped":
        return load_bank(default_bank()).load_all()
    if not (CORPORA / request.param).is_dir():
        pytest.skip("../shared/corpora 不存在")
    from writer.mining.run import mine

    out = tmp_path_factory.mktemp(request.param) / "bank"
    mine([str(p) for p in _subset(request.param, SUBSETS[request.param])], str(out), force=True, jobs=1)
    return load_bank(out).load_all()


class Names(dict):
    """A bank's names as slots, with those that count only where the text shows a place: the
    gazetteer's context names (惠民 of 惠民生) and the corpus's ordinary words (富民 of 富民之策)."""

    def __init__(self, bank, leave_out=()):
        from writer.bank.gazetteer import load_gazetteer
        from writer.mining.places import WHY_ORDINARY

        super().__init__((n.text, "\x00") for n in bank.names if len(n.text) >= 2 and n.text not in leave_out)
        self.context = load_gazetteer().context | {n.text for n in bank.names if n.why == WHY_ORDINARY}


def _held(text: str, names: Names) -> list[str]:
    """Source names and gazetteer places standing in ``text`` as words (slots aside; context names only
    in a place's context)."""
    held = []
    for piece in SLOT.split(text):
        if piece:
            held += gazetteer_holds(segment.cut(piece), names.context)
            if replace_names(piece, names, context_only=names.context) != piece:
                held.append(piece)
    return held


def test_templates_hold_no_name(bank):
    names = Names(bank)
    bad = [(p.template[:60], _held(p.template, names)) for p in bank.openings + bank.closings
           if holds_name(p.template, names.context) or _held(p.template, names)]
    assert not bad, bad[:5]


def test_aphorisms_hold_no_name(bank):
    names = Names(bank)
    bad = [(a.text, _held(a.text, names)) for a in bank.aphorisms if _held(a.text, names)]
    assert not bad, bad[:5]


def _replaced_spans(text: str, template: str):
    """(slot, start, end) of what each name slot replaced in ``text``: the template as a pattern whose
    name slots are groups and whose other slots (numbers, topic) match a few characters."""
    pattern = ""
    groups = []
    for piece in re.split(r"(\{[a-z_]+\})", template):
        if piece in NAME_SLOTS and pattern.endswith("(.{1,24}?)"):
            groups[-1] += piece  # {place}{org}: side by side, one span
        elif piece in NAME_SLOTS:
            pattern += "(.{1,24}?)"
            groups.append(piece)
        elif piece in NUMBER_SLOTS:
            pattern += NUMBER_SLOTS[piece]
        elif SLOT.fullmatch(piece):
            pattern += ".{1,16}?"
        else:
            pattern += re.escape(piece)
    m = re.fullmatch(pattern, text, re.S)
    if m is None:
        return
    for k, slot in enumerate(groups, 1):
        yield slot, m.start(k), m.end(k)


def _boundaries(text: str) -> set[int]:
    """Where words end, as the segmenter and the gazetteer agree: a province's name split off a
    compound (云南/旅游), a one-word organisation split into its parts (中共/云南/省委)."""
    from writer.bank.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    out, at = {0}, 0
    for token in split_places(segment.cut(text)):
        for part in org_parts(token, gaz) or [token]:
            at += len(part)
            out.add(at)
    return out


def test_no_slot_splits_a_word(bank):
    split = []
    checked = 0
    for p in bank.openings + bank.closings:
        for text, template in zip(p.text.split("\n"), p.template.split("\n")):
            if len(SLOT.findall(template)) > 12:
                continue  # too many slots to align cheaply
            cuts = _boundaries(text)
            for slot, start, end in _replaced_spans(text, template):
                checked += 1
                # {place}委 stands for 平川区委: the span may end on a place suffix glued to the next word.
                ok_end = end in cuts or (end - 1 in cuts and text[end - 1] in "省市州县区")
                if start not in cuts or not ok_end:
                    split.append((slot, text[max(0, start - 6):end + 6]))
    assert not split, split[:5]
    if any(s in p.template for p in bank.openings + bank.closings for s in NAME_SLOTS):
        assert checked, "the alignment found no slot to check"


@pytest.mark.parametrize("kind", ["heading", "pair", "set", "slogan", "opening", "closing", "aphorism"])
def test_suggestions_hold_no_source_name(bank, kind):
    from writer.suggest import suggest

    names = Names(bank)
    for topic in ("人才", "党建", "教育", "生态环境"):
        for s in suggest(bank, topic, kind, n=4 if kind == "set" else 10):
            assert not _held(s.text, names), (topic, kind, s.text)


@pytest.mark.parametrize("kind", ["heading", "pair"])
def test_mined_headings_carry_only_the_users_place(bank, kind):
    """With --place/--org, a mined heading that named a source's place is offered filled with the
    user's: the user's names may stand in a suggestion, no source's."""
    from writer.suggest import suggest

    names = Names(bank, leave_out=("兰州", "兰州市委"))
    for topic in ("人才", "党建", "教育", "生态环境"):
        for s in suggest(bank, topic, kind, n=10, place="兰州", org="兰州市委"):
            held = [h for h in _held(s.text.replace("兰州市委", "").replace("兰州", ""), names)]
            assert not held, (topic, kind, s.text, held)
