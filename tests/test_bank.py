"""load_bank: records, compiled cache, errors naming file:line:col, custom.yaml merge."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from writer.bank.errors import BankFileMissingError, BankMissingError, BankSchemaError, BankYamlError
from writer.bank.records import Aphorism, Heading, Passage, Slogan
from writer.bank.store import PhraseBank, load_bank
from writer.errors import EXIT_INPUT, InputError
from writer.io.paths import default_bank

SHIPPED = default_bank()


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped bank (without its corpus and caches)."""
    dest = tmp_path / "bank"
    shutil.copytree(SHIPPED, dest, ignore=shutil.ignore_patterns("corpus", ".cache"))
    return dest


def test_shipped_bank_loads_every_kind():
    bank = load_bank(SHIPPED).load_all()
    assert bank.slogans and all(isinstance(s, Slogan) for s in bank.slogans)
    assert {s.kind for s in bank.slogans} == {"slogan", "term"}
    assert bank.headings and all(isinstance(h, Heading) and h.pattern for h in bank.headings)
    assert all(isinstance(p, Passage) for p in bank.openings + bank.closings)
    assert all(isinstance(a, Aphorism) for a in bank.aphorisms)
    assert bank.vocab and all({"pos", "count"} <= set(v) for v in bank.vocab.values())
    assert len(bank.manifest["sources"]) == len(bank.documents())
    assert "德宏" in bank.source_names()
    # groups index into the mined headings and agree with their shapes
    for shape, idx in bank.heading_groups.items():
        assert all(bank.headings[i].shape == shape for i in idx)


def test_counts_agree_with_manifest():
    bank = load_bank(SHIPPED)
    counts = bank.counts()
    for kind in ("slogan", "term", "heading", "opening", "closing", "aphorism", "name"):
        assert counts[kind] == bank.manifest["counts"][kind]


def test_env_variable_selects_bank(bank_copy: Path, monkeypatch):
    monkeypatch.setenv("WRITER_BANK", str(bank_copy))
    assert load_bank(None).path == bank_copy
    assert load_bank(SHIPPED).path == SHIPPED


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_warm_load_uses_cache_and_never_imports_jieba_or_yaml(bank_copy: Path):
    code = textwrap.dedent(f"""
        import sys
        from writer.bank.store import load_bank
        b = load_bank({str(bank_copy)!r})
        b.load_all(); b.documents()
        print('jieba' in sys.modules, 'yaml' in sys.modules)
    """)
    first = _run(code)
    assert first.split()[0] == "False"  # never jieba, even cold
    assert _run(code).split() == ["False", "False"]  # warm: no YAML parse at all


def test_cache_is_rebuilt_when_a_yaml_file_changes(bank_copy: Path):
    load_bank(bank_copy).aphorisms  # fill the cache
    path = bank_copy / "aphorisms.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "- text: 新增的一句话，用来检验缓存。\n", encoding="utf-8")
    assert any(a.text == "新增的一句话，用来检验缓存。" for a in load_bank(bank_copy).aphorisms)


def test_missing_folder_is_an_input_error(tmp_path: Path):
    with pytest.raises(BankMissingError) as err:
        load_bank(tmp_path / "nope")
    assert err.value.exit_code == EXIT_INPUT
    assert str(tmp_path / "nope") in str(err.value)


def test_missing_file_is_named(bank_copy: Path):
    (bank_copy / "slogans.yaml").unlink()
    with pytest.raises(BankFileMissingError) as err:
        load_bank(bank_copy)
    assert "slogans.yaml" in str(err.value)


def test_broken_yaml_names_file_line_and_column(bank_copy: Path):
    path = bank_copy / "aphorisms.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  - text: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bank = load_bank(bank_copy)
    with pytest.raises(BankYamlError) as err:
        bank.aphorisms
    assert isinstance(err.value, InputError)
    assert err.value.path == str(path) and err.value.line is not None and err.value.col is not None
    assert str(err.value).startswith(f"{path}:{err.value.line}:{err.value.col}: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("bad, key", [
    ("- text: 凝心聚力\n  count: many\n", "slogans[0].count"),
    ("- text: 凝心聚力\n  colour: red\n", "slogans[0].colour"),
    ("- text: 凝心聚力\n  kind: motto\n", "slogans[0].kind"),
    ("- count: 3\n", "slogans[0].text"),
])
def test_schema_errors_name_the_key_and_line(bank_copy: Path, bad: str, key: str):
    path = bank_copy / "slogans.yaml"
    path.write_text("# 注释\nslogans:\n" + textwrap.indent(bad, "  "), encoding="utf-8")
    with pytest.raises(BankSchemaError) as err:
        load_bank(bank_copy).slogans
    assert err.value.key == key
    assert err.value.line == 3 or err.value.line == 4
    assert f"“{key}”" in str(err.value)


def test_custom_yaml_adds_and_excludes(bank_copy: Path):
    bank = load_bank(bank_copy)
    first_slogan = bank.slogans[0].text
    first_heading = bank.headings[0].text
    (bank_copy / "custom.yaml").write_text(textwrap.dedent(f"""
        add:
          slogans: [踔厉奋发, 勇毅前行]
          headings: [坚持人才引领]
          aphorisms: [功崇惟志，业广惟勤。]
          names: [某某集团]
        exclude:
          slogans: [{first_slogan}]
          headings: [{first_heading}]
    """), encoding="utf-8")
    merged = load_bank(bank_copy)
    texts = [s.text for s in merged.slogans]
    assert "踔厉奋发" in texts and "勇毅前行" in texts and first_slogan not in texts
    added = [h for h in merged.headings if h.text == "坚持人才引领"]
    assert added and "{" in added[0].pattern and added[0].pattern.startswith("坚持")
    assert first_heading not in [h.text for h in merged.headings]
    assert "功崇惟志，业广惟勤。" in [a.text for a in merged.aphorisms]
    assert "某某集团" in merged.source_names()
    # mine never wrote custom.yaml; loading did not change it either
    assert "踔厉奋发" in (bank_copy / "custom.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text, key", [
    ("add:\n  mottos: [a]\n", "add.mottos"),
    ("remove:\n  slogans: [a]\n", "remove"),
    ("add:\n  slogans: 凝心聚力\n", "add.slogans"),
    ("add:\n  slogans: ['']\n", "add.slogans[0]"),
])
def test_custom_yaml_errors_are_named(bank_copy: Path, text: str, key: str):
    (bank_copy / "custom.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(BankSchemaError) as err:
        load_bank(bank_copy).slogans
    assert err.value.key == key
    assert "custom.yaml" in str(err.value)


def test_bank_without_cache_permission_still_loads(bank_copy: Path):
    bank = PhraseBank(bank_copy, use_cache=False)
    assert bank.slogans and not (bank_copy / ".cache" / "bank-slogans.marshal").exists()


def test_custom_mapping_entries_are_checked_field_by_field(bank_copy: Path):
    (bank_copy / "custom.yaml").write_text("add:\n  slogans:\n    - {text: 凝心聚力, count: many}\n",
                                           encoding="utf-8")
    with pytest.raises(BankSchemaError) as err:
        load_bank(bank_copy).slogans
    assert err.value.key == "add.slogans[0].count" and err.value.line == 3


def test_cache_is_plain_marshal_data_and_a_broken_one_is_a_miss(bank_copy: Path):
    from writer.io.cache import read_signed

    expected = [s.text for s in load_bank(bank_copy).slogans]
    cache = bank_copy / ".cache" / "bank-slogans.marshal"
    key, data = read_signed(cache)  # plain marshal data, no pickle
    assert [row[0] for row in data["rows"]] == expected
    assert not list((bank_copy / ".cache").glob("*.pickle"))
    cache.write_bytes(b"\x00broken")
    assert [s.text for s in load_bank(bank_copy).slogans] == expected
