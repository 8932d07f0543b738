"""What a fresh render pays for: the fast paths it takes give what the slow ones gave, and a render
drafted afresh on a warm cache loads none of the schemas, parsers and engines it does not need."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.render import fit, genre, ledger, weave
from writer.render.guard import TextGuard

ROOT = Path(__file__).resolve().parents[1]


def _tidy_by_patterns(text: str) -> str:
    """weave.tidy as it was written before its fast path: the three substitutions, always."""
    text = re.sub(r"^[，、；]+", "", text)
    text = re.sub(r"([，；、])[，；、]+", r"\1", text)
    return re.sub(r"(?<![，；、])[，；、]+([。！？])", r"\1", text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="，、；。！？甲乙 {}", max_size=24))
def test_tidy_is_the_three_substitutions(text):
    assert weave.tidy(text) == _tidy_by_patterns(text)


_CJK = "行风建设就业甲乙\u3400\u9fff\u4dbf"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CJK + "，。a1 \u33ff\ua000", max_size=40), st.integers(1, 40))
def test_windows_are_the_runs_the_pattern_finds(text, repeat):
    by_pattern = {run[i:i + 4] for run in re.findall(r"[\u3400-\u9fff]{4,}", text) for i in range(len(run) - 3)}
    assert ledger.windows(text) == by_pattern
    long = text * (ledger._SHORT // max(1, len(text)) + repeat)   # the long path, as for a pasted report
    assert ledger.windows(long) == {run[i:i + 4] for run in re.findall(r"[\u3400-\u9fff]{4,}", long)
                                    for i in range(len(run) - 3)}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="十一二三四五六七八九年度2024０ \u3000\t“”期间以来", max_size=14))
def test_periods_read_as_the_patterns_read_them(period):
    assert fit.is_multi_year(period) == (not re.fullmatch(r"\d{4}年度?", re.sub(r"\s", "", period)))
    m = re.search(r"十([一二三四五六七八])五", period)
    digits = "一二三四五六七八九"
    assert fit.next_plan(period) == (f"十{digits[digits.index(m.group(1)) + 1]}五" if m else None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="县人社局委员会办公室中心厅署市", max_size=10), st.sampled_from([None, "某县", "某市"]))
def test_a_departments_field_is_its_name_without_the_suffix(org_short, place):
    core = org_short[1:] if place and org_short.startswith(place[-1]) else org_short
    assert fit._field(org_short, place) == re.sub(r"(局|委员会|办公室|中心|厅|署)$", "", core)


@pytest.mark.parametrize("text, place, expected", [
    ("全市上下凝心聚力", "某县", "全县上下凝心聚力"), ("我区坚持“两个维护”", "某区", None),
    ("本州各族群众", None, None), ("全面推进", "某县", "全面推进"), ("“放管服”改革", "某县", "“放管服”改革")])
def test_the_guard_rewrites_levels_and_vets_quotes(text, place, expected):
    guard = TextGuard([], [], common_quotes={"放管服"}, place=place)
    assert guard.adapt(text) == expected


def test_the_cached_lists_read_as_the_decoded_ones():
    from writer.render.genre_file import decode_genre
    from writer.render.fit_file import fit_plain

    decoded = decode_genre(genre.SHIPPED_GENRE)
    cached = genre.load_genre()
    assert cached == decoded and cached.frames == decoded.frames
    assert [(f.text, f.kinds, f.avoid, f.period, f.relation) for f in cached.frames["links"]] == \
        [tuple(f) for f in decoded.frames["links"]]
    kinds, levels, _, _, _, _, common = fit_plain("render/fit.yaml")
    data = fit.fit_data()
    assert data.kinds == kinds
    assert [(lv.name, lv.contains, lv.collective, lv.people) for lv in data.levels] == [tuple(lv) for lv in levels]
    assert [(line.text, line.kinds) for line in data.common_lines] == [tuple(line) for line in common]


# Imported by a render only when it must decode a file, lay out a .docx or a user's template,
# generate sentences or segment text: never by a Markdown render of the shipped bank on a warm cache.
_NOT_ON_THE_MARKDOWN_PATH = ("yaml", "jinja2", "docx", "jieba", "markovify", "writer.render.genre_file",
                             "writer.render.fit_file", "writer.render.docx", "writer.render.chain",
                             "writer.render.facts_schema", "writer.check.copyindex", "writer.bank.records",
                             # nor the YAML decoder's module, nor the dataclass machinery (the reviewer's
                             # stored patterns are found without either)
                             "writer.io.yamlfile", "writer.io.datafiles", "dataclasses")

_RENDER_AND_LIST = (
    "import sys\n"
    "from writer.__main__ import main\n"
    "sys.argv = ['writer', 'render', sys.argv[1], '--seed', sys.argv[2]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")


def test_a_fresh_render_on_a_warm_cache_loads_no_schema_parser_or_engine(tmp_path):
    facts = str(ROOT / "examples" / "人社工作.yaml")
    first = random.SystemRandom().randrange(10 ** 6, 10 ** 9)   # seeds no earlier run remembers
    runs = [subprocess.run([sys.executable, "-c", _RENDER_AND_LIST, facts, str(seed)], capture_output=True,
                           text=True, cwd=tmp_path, check=True) for seed in (first, first + 1)]
    assert runs[1].stdout.startswith("# ")
    loaded = set(runs[1].stderr.split())
    assert "writer.render.draft" in loaded          # drafted afresh (a new seed), not replayed
    assert sorted(loaded & set(_NOT_ON_THE_MARKDOWN_PATH)) == []


def test_the_source_names_read_off_the_rows_are_the_records_names(tmp_path):
    import shutil

    from writer.bank.records import Name, field_names
    from writer.bank.store import load_bank

    assert field_names(Name)[0] == "text"          # what source_names reads off a cached row
    bank_dir = tmp_path / "bank"
    shutil.copytree(ROOT / "phrasebank", bank_dir, ignore=shutil.ignore_patterns("reference", "corpus", ".cache"))
    (bank_dir / "custom.yaml").write_text("add:\n  names:\n    - text: 某某镇\n", encoding="utf-8")
    for _ in range(2):                               # built, then from the cache
        from_rows = load_bank(bank_dir).source_names()
        bank = load_bank(bank_dir)
        assert from_rows == {n.text for n in bank.names} == bank.source_names()
        assert "某某镇" in from_rows and len(from_rows) > 10
