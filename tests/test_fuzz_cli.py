"""Every command on arbitrary text, YAML and arguments: no traceback, a documented exit code.

Hypothesis draws the arguments of mine, suggest, outline, render, check and
bank stats (known options with odd values, unknown options, stray words, text
with control characters and rare scripts) and the files they read (random
text, random bytes, random YAML shaped like a facts file or not). In-process
with CliRunner for speed; the examples are bounded so the whole file runs in
well under 30 seconds. Exit codes are the README's: 0, 1 (check's findings),
2 (usage), 3 (input or file).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from writer.cli import app

DOCUMENTED = {0, 1, 2, 3}
runner = CliRunner()
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Text a writer could paste: Chinese, digits, full- and half-width punctuation, Markdown
# marks, whitespace of every kind, control characters, rare planes (no lone surrogates:
# a file holds bytes, and arguments with them are drawn below as undecodable bytes).
CHARS = st.characters(blacklist_categories=("Cs",))
CHINESE = st.sampled_from(list("我们坚持以人民为中心推进就业全年新增人次省市县区年月日一二三十百千万亿"
                               "，。、；：？！“”‘’（）《》【】…—·"))
TEXT = st.text(st.one_of(CHARS, CHINESE, st.sampled_from(list("0123456789%.,;:?!()\"'#*-_|[]{}<>\n\t \u3000\x1b"))),
               max_size=300)
# Arguments also arrive as undecodable bytes, which Python turns into lone surrogates.
WORDS = st.one_of(st.text(st.one_of(CHINESE, CHARS), min_size=0, max_size=12),
                  st.sampled_from(["\udcff", "人才\udce4", "\ud800局"]))
NUMBERS = st.one_of(st.integers(-3, 40), st.sampled_from(["0", "-1", "1e3", "x", "", "99999999999999999999"]))
FACT_KEYS = ["org", "org_short", "topic", "period", "year", "title", "guiding", "overview", "sections",
             "outlook", "style", "heading", "facts", "goals", "seed", "name"]
SCALARS = st.one_of(WORDS, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(allow_nan=True))
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(FACT_KEYS), WORDS), inner, max_size=5)), max_leaves=20)


def _yaml_text(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "replace").decode("utf-8")


FILE_BODIES = st.one_of(TEXT.map(lambda t: t.encode("utf-8")), st.binary(max_size=200),
                        YAML_VALUES.map(lambda v: _yaml_text(v).encode("utf-8", "replace")),
                        TEXT.map(lambda t: t.encode("gb18030", "replace")))


def _assert_clean(result, args) -> None:
    assert result.exit_code in DOCUMENTED, (args, result.exit_code, result.output[-500:])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        (args, repr(result.exception))
    assert "Traceback" not in result.output
    if result.exit_code in (2, 3):
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith(("writer: ", "  ")) for line in lines), (args, result.stderr)


def _invoke(args: list, cwd: Path, stdin: bytes | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, args, input=stdin)
    finally:
        os.chdir(old)
    _assert_clean(result, args)
    return result


def _option(name: str, values) -> st.SearchStrategy:
    return values.map(lambda v: [name, str(v)])


@pytest.fixture(autouse=True)
def _default_bank(monkeypatch):
    monkeypatch.delenv("WRITER_BANK", raising=False)


@FUZZ
@given(topic=WORDS, extra=st.lists(st.one_of(
    _option("--kind", st.one_of(st.sampled_from(["heading", "pair", "set", "slogan", "opening", "closing",
                                                 "aphorism"]), WORDS)),
    _option("-n", NUMBERS), _option("--seed", NUMBERS), _option("--pattern", WORDS),
    st.just(["--json"]), st.just(["--bogus"]), WORDS.map(lambda w: [w])), max_size=3))
def test_suggest(tmp_path, topic, extra):
    _invoke(["suggest", topic, *[a for part in extra for a in part]], tmp_path)


@FUZZ
@given(options=st.lists(st.one_of(
    _option("--org", WORDS), _option("--topic", WORDS), _option("--period", WORDS), _option("--sections", NUMBERS),
    _option("--themes", WORDS), _option("--style", st.one_of(st.sampled_from(["single", "pair", "triple"]), WORDS)),
    _option("--seed", NUMBERS), _option("--format", st.sampled_from(["md", "json", "xml"])),
    st.just(["--facts-out", "facts.yaml"]), st.just(["--force"])), max_size=5))
def test_outline(tmp_path, options):
    _invoke(["outline", *[a for part in options for a in part]], tmp_path)


@FUZZ
@given(facts=st.one_of(YAML_VALUES.map(_yaml_text), TEXT, st.binary(max_size=200)),
       suffix=st.sampled_from([".md", ".txt", ".docx", ".pdf", ""]),
       extra=st.lists(st.one_of(_option("--seed", NUMBERS), st.just(["--no-generate"]), st.just(["--force"]),
                                st.just(["--templates", "nowhere"])), max_size=2))
def test_render(tmp_path, facts, suffix, extra):
    path = tmp_path / "facts.yaml"
    path.write_bytes(facts if isinstance(facts, bytes) else facts.encode("utf-8"))
    before = path.read_bytes()
    _invoke(["render", "facts.yaml", "-o", f"draft{suffix}", *[a for part in extra for a in part]], tmp_path)
    assert path.read_bytes() == before


@FUZZ
@given(body=FILE_BODIES, name=st.sampled_from(["draft.txt", "draft.md", "draft.docx", "draft", "-"]),
       extra=st.lists(st.one_of(
           _option("--format", st.sampled_from(["text", "json", "xml"])),
           _option("--fail-on", st.sampled_from(["info", "warning", "error", "fatal"])),
           _option("--only", st.sampled_from(["punct", "vague,number", "nope", ""])),
           _option("--disable", st.sampled_from(["copy", "cliche", "x"])), _option("--max-sentence", NUMBERS),
           st.just(["--fix"]), st.just(["--in-place"]), st.just(["--force"])), max_size=3))
def test_check(tmp_path, body, name, extra):
    stdin = body if name == "-" else None
    if name != "-":
        (tmp_path / name).write_bytes(body)
    args = ["check", name, *[a for part in extra for a in part]]
    _invoke(args, tmp_path, stdin)
    if name != "-" and "--in-place" not in args:
        assert (tmp_path / name).read_bytes() == body


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(bodies=st.lists(FILE_BODIES, min_size=1, max_size=3), jobs=st.sampled_from(["1", "2", "0", "-1", "x"]))
def test_mine_and_bank_stats(tmp_path, bodies, jobs):
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    for old in corpus.iterdir():
        old.unlink()
    for i, body in enumerate(bodies):
        (corpus / f"{i}.txt").write_bytes(body)
    result = _invoke(["mine", "corpus", "--out", "bank", "--jobs", jobs, "--quiet", "--force"], tmp_path)
    if result.exit_code == 0:
        _invoke(["bank", "stats", "--bank", "bank"], tmp_path)


@FUZZ
@given(manifest=st.one_of(YAML_VALUES.map(_yaml_text), TEXT), slogans=st.one_of(YAML_VALUES.map(_yaml_text), TEXT))
def test_bank_stats_on_a_hostile_bank(tmp_path, manifest, slogans):
    bank = tmp_path / "bank"
    bank.mkdir(exist_ok=True)
    (bank / "manifest.yaml").write_text(manifest, encoding="utf-8")
    (bank / "slogans.yaml").write_text(slogans, encoding="utf-8")
    _invoke(["bank", "stats", "--bank", "bank"], tmp_path)
    _invoke(["suggest", "人才", "--bank", "bank"], tmp_path)
