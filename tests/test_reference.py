"""The reference bank: its format round trip on synthetic reports, lookup, corrupt files, and the
shipped phrasebank/reference/ against the corpora it was built from (skipped when they are absent)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.bank.errors import ReferenceCorruptError, ReferenceMissingError
from writer.bank.reference import (INDEX_FILE, MANIFEST_FILE, PHRASE_INDEX_FILE, PHRASES_FILE, QUOTED_FILE,
                                   default_reference, load_reference, load_report_counts)
from writer.mining import reference_build as rb
from writer.mining.ngram_index import closed, count_strings

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

# Synthetic reports: (year, region, text). 生态文明 appears from 2008 on, 小康社会 fades after 2010,
# 长沙市 is a place and 张三丰 a listed person: neither may be indexed.
REPORTS = [
    (2005, "甲省", "全面建设小康社会，加快发展。长沙市推进改革开放。"),
    (2006, "乙省", "全面建设小康社会，推进改革开放，张三丰同志讲话。"),
    (2006, "甲省", "全面建设小康社会，加快发展，推进改革开放。"),
    (2008, "乙省", "建设生态文明，全面建设小康社会。长沙市加快发展。"),
    (2010, "甲省", "建设生态文明，推进改革开放，张三丰同志讲话。"),
    (2012, "乙省", "大力推进生态文明建设，加快发展。"),
    (2012, "丙市", "推进“生态文明”建设，推进改革开放，长沙市。"),
]


def _reports() -> list[rb.Report]:
    return [rb.Report(f"c/{region}/{year}.md", f"{region}{year}年政府工作报告", year, region, rb.clauses(text),
                      rb.quoted_terms(text)) for year, region, text in REPORTS]


def _build(folder: Path, min_reports: int = 2) -> None:
    reports = _reports()
    years = sorted({r.year for r in reports})
    guard = rb.NameGuard({"长沙市", "长沙", "张三丰"})
    rows = rb.index_rows(reports, years, min_reports, guard)
    phrases = rb.phrase_entries(reports, [("生态文明", "term"), ("加快发展", "slogan"), ("长沙发展", "slogan")], guard)
    headings = rb.heading_entries([("推进{N4}建设", 5, ["生态"]), ("推进{N4}建设", 6, ["生态"]),
                                   ("{N2}长沙{N2}", 0, []), ("{N2}长沙{N2}", 3, []), ("只用一次{N2}", 1, [])], guard)
    rb.write_reference(folder, reports, rows, phrases, headings,
                       {"command": "test", "min_reports": min_reports, "input_sha256": "0"}, first_reports=True,
                       quoted=rb.quoted_entries(reports, guard, min_reports=1))


@pytest.fixture
def built(tmp_path: Path) -> Path:
    _build(tmp_path / "ref")
    return tmp_path / "ref"


def _brute_force(min_reports: int) -> dict[str, dict[int, int]]:
    """Every string of 2 to 12 characters inside a clause and its reports per year, counted directly."""
    per_year: dict[str, Counter] = {}
    for report in _reports():
        held = {c[i:j] for c in report.clauses for i in range(len(c)) for j in range(i + 2, min(len(c), i + 12) + 1)}
        for text in held:
            per_year.setdefault(text, Counter())[report.year] += 1
    return {t: dict(c) for t, c in per_year.items() if sum(c.values()) >= min_reports}


def test_every_frequent_string_is_answered_with_its_counts(built):
    ref = load_reference(built)
    assert ref.totals == {2005: 1, 2006: 2, 2008: 1, 2010: 1, 2012: 2}
    expected = {t: c for t, c in _brute_force(2).items() if not rb.NameGuard({"长沙", "长沙市", "张三丰"}).holds_name(t)}
    assert "推进改革开放" in expected
    for text, counts in expected.items():
        use = ref.lookup(text)
        assert use is not None and dict(use.docs) == counts, text
    stored = {use.text for use in ref}
    assert stored < set(expected)  # closed: some strings are answered through a longer one
    assert "生态文" not in stored and ref.lookup("生态文").docs == ref.lookup("生态文明").docs


def test_names_rare_strings_and_foreign_text_are_not_indexed(built):
    ref = load_reference(built)
    assert ref.lookup("三丰同志讲话") is not None  # the name's tail is no name itself
    for text in ("长沙市", "长沙", "张三丰", "张三丰同志", "大力推进生态", "不存在的提法", ""):
        assert ref.lookup(text) is None, text
    assert all(not any(n in use.text for n in ("长沙", "张三丰")) for use in ref)


def test_history_of_a_rising_and_a_fading_string(built):
    ref = load_reference(built)
    rising, fading = ref.lookup("生态文明"), ref.lookup("全面建设小康社会")
    assert (rising.first_year, rising.last_year, rising.peak_year) == (2008, 2012, 2008)
    assert (fading.first_year, fading.last_year) == (2005, 2008)
    assert fading.share(2006) == 1.0 and fading.share(2012) == 0.0


def test_phrases_reports_and_regions(built):
    ref = load_reference(built)
    terms = list(ref.phrases("term"))
    assert [u.text for u in terms] == ["生态文明"] and terms[0].reports == 4
    assert [u.text for u in ref.phrases("slogan")] == ["加快发展"]  # 长沙发展 holds a place
    assert [u.text for u in ref.phrases("heading")] == ["推进{N4}建设"]  # one-report and named patterns left out
    assert ref.reports("生态文明", 2012) == [("乙省2012年政府工作报告", 2012, "乙省"), ("丙市2012年政府工作报告", 2012, "丙市")]
    assert ref.reports("生态文明", 2005) == []
    # an indexed string keeps the reports of its first year only (生态文 through its extension 生态文明)
    assert ref.reports("推进改革开放", 2005) == [("甲省2005年政府工作报告", 2005, "甲省")]
    assert ref.reports("推进改革开放", 2006) == [] and ref.reports("不在索引里", 2005) == []
    assert [d[2] for d in ref.reports("生态文", 2008)] == ["乙省"] and ref.reports("长沙市", 2005) == []
    assert ref.regions == ["丙市", "乙省", "甲省"]
    regions = ref.by_region("生态文明")
    assert set(regions) == {"乙省", "甲省", "丙市"}
    assert dict(regions["乙省"].docs) == {2008: 1, 2012: 1} and regions["乙省"].totals == {2006: 1, 2008: 1, 2012: 1}
    assert ref.by_region("推进改革开放") == {}


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([2001, 2002, 2003]), st.text(alphabet="甲乙丙丁，", min_size=0, max_size=30)),
                min_size=1, max_size=8), st.integers(1, 3))
def test_level_wise_counting_equals_brute_force(docs, min_docs):
    documents = [(year, rb.clauses(text)) for year, text in docs]
    counted = count_strings(documents, min_docs)
    brute: dict[str, Counter] = {}
    for year, cl in documents:
        for text in {c[i:j] for c in cl for i in range(len(c)) for j in range(i + 2, min(len(c), i + 12) + 1)}:
            brute.setdefault(text, Counter())[year] += 1
    assert counted == {t: dict(c) for t, c in brute.items() if sum(c.values()) >= min_docs}
    kept = closed(counted)
    for text, counts in counted.items():  # a dropped string is the per-year maximum of those it begins
        longer = [c for t, c in kept.items() if t.startswith(text)]
        assert {y: max(c.get(y, 0) for c in longer) for y in counts} == counts


def test_quotation_marks_join_the_clause_and_name_the_terms(built):
    assert rb.clauses("学习运用“千万工程”经验，深化「放管服」改革") == ["学习运用千万工程经验", "深化放管服改革"]
    assert rb.quoted_terms("学习运用“千万工程”经验，“六稳”“六保”，说“了”，“一段超过十二个字的引文不是提法啊”") == \
        {"千万工程", "六稳", "六保"}
    reports = [rb.Report("c/甲/2020.md", "甲", 2020, "甲", [], {"千万工程", "长沙工程"}),
               rb.Report("c/乙/2020.md", "乙", 2020, "乙", [], {"千万工程", "长沙工程", "一次"})]
    assert rb.quoted_entries(reports, rb.NameGuard({"长沙"}), min_reports=2) == ["千万工程"]
    ref = load_reference(built)
    assert ref.quoted() == frozenset({"生态文明"})
    assert ref.lookup("推进生态文明建设").docs == {2012: 2}  # 推进“生态文明”建设 counts as the clause it is


def test_the_lookup_only_load_counts_the_reports_the_full_one_does(built):
    """load_report_counts (the copy rule's: no manifest read) answers every string as Reference.lookup."""
    ref, counts = load_reference(built), load_report_counts(built)
    asked = [*_brute_force(1), "生态文", "不存在的提法", "长沙市", "", "推进{N4}建设"]
    assert any(ref.lookup(t) is None for t in asked) and any(ref.lookup(t) is not None for t in asked)
    for text in asked:
        use, count = ref.lookup(text), counts.lookup(text)
        assert (use is None and count is None) or (count.text, count.reports) == (text, use.reports), text


def test_the_lookup_only_load_agrees_on_the_shipped_reference_across_blocks():
    """Block boundaries: each block's first string and its prefixes (answered through the block
    before when shorter), plus strings of the seed, some in the index, most not."""
    ref, counts = load_reference(), load_report_counts()
    firsts = ref._index.first_keys[::7] + ref._phrase_index.first_keys[::7]
    seed = (default_reference().parent / "corpus" / "summaries-2021.txt").read_text(encoding="utf-8")[:3000]
    asked = {k[:n] for k in firsts for n in range(1, len(k) + 1)} | {seed[i:i + n] for i in range(0, 3000, 37)
                                                                      for n in (4, 8, 12)}
    found = 0
    for text in sorted(asked):
        use, count = ref.lookup(text), counts.lookup(text)
        assert (use is None and count is None) or (count.reports == use.reports), text
        found += use is not None
    assert 0 < found < len(asked)


@pytest.mark.parametrize("load", [load_reference, load_report_counts])
@pytest.mark.parametrize("name", [MANIFEST_FILE, INDEX_FILE, PHRASE_INDEX_FILE, PHRASES_FILE, QUOTED_FILE])
def test_a_missing_file_is_one_line_naming_it(built, name, load):
    (built / name).unlink()
    with pytest.raises(ReferenceMissingError) as err:
        load(built)
    assert str(err.value).startswith(str(built / name) + ": ") and "\n" not in str(err.value)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _flip_block(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[60] ^= 0xFF  # inside the first block
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name, damage", [
    (MANIFEST_FILE, _truncate),
    (MANIFEST_FILE, lambda p: p.write_text(json.dumps({"format": 99}), "utf-8")),
    (INDEX_FILE, _truncate),
    (INDEX_FILE, _flip_block),
    (PHRASES_FILE, lambda p: p.write_text('{"text": "x", "kind": "term", "years": [1]}\n', "utf-8")),
    (PHRASES_FILE, lambda p: p.write_bytes(b"\xff\xfe")),
])
def test_a_corrupt_file_is_one_line_naming_it(built, name, damage):
    damage(built / name)
    with pytest.raises(ReferenceCorruptError) as err:
        ref = load_reference(built)
        ref.lookup("推进改革开放"), ref.lookup("不在索引里"), list(ref.phrases("term"))
    message = str(err.value)
    assert message.startswith(str(built / name) + ": ") and "\n" not in message
    assert err.value.exit_code == 3


@pytest.mark.parametrize("name, damage", [(INDEX_FILE, _truncate), (INDEX_FILE, _flip_block),
                                           (PHRASE_INDEX_FILE, _truncate), (INDEX_FILE, lambda p: p.write_bytes(b"x"))])
def test_a_corrupt_index_is_one_line_for_the_lookup_only_load_too(built, name, damage):
    damage(built / name)
    with pytest.raises(ReferenceCorruptError) as err:
        counts = load_report_counts(built)
        counts.lookup("推进改革开放"), counts.lookup("不在索引里"), counts.lookup("推进{N4}建设")
    assert str(err.value).startswith(str(built / name) + ": ") and "\n" not in str(err.value)


def test_the_index_is_read_lazily(built):
    ref = load_reference(built)
    assert ref._index._blocks == {} and ref._phrases is None  # loading read the manifest and directory only
    ref.lookup("推进改革开放"), ref.lookup("长沙发展"), ref.lookup("生态文明")
    ref.reports("推进改革开放", 2005), ref.by_region("推进改革开放")
    assert ref._phrases is None  # a lookup never reads phrases.jsonl, a miss included, nor do other strings' reports
    assert ref.lookup("推进{N4}建设").reports == 2 and ref.lookup("推进{N4}") is None  # phrases: exact only


# ---------------------------------------------------------------- the shipped reference

def test_shipped_reference_loads_and_holds_no_place():
    ref = load_reference()
    assert ref.path == default_reference() and ref.min_reports <= 30
    assert len(ref) > 100_000 and sum(ref.totals.values()) == ref.manifest["files"]
    guard = rb.guarded_names([])  # the gazetteer's names
    sample = random.Random(14).sample(range(len(ref)), 2000)
    texts = [text for i, (text, _) in enumerate(ref.rows()) if i in set(sample)]
    assert texts and not any(guard.holds_name(t) for t in texts)
    assert all(not guard.holds_name(rb._literal(u.text)) for u in ref.phrases("heading"))
    assert all(len(u.text) <= 12 for kind in ("slogan", "term") for u in ref.phrases(kind))


def test_shipped_reference_is_current():
    """The committed reference was built from the corpora as they are: same input digest, and the
    counts of a sample of its strings equal a direct count over the reports."""
    roots = [CORPORA / name for name in ("gov-reports-provincial", "gov-reports-city")]
    if not all(r.is_dir() for r in roots):
        pytest.skip("../shared/corpora is absent")
    ref = load_reference()
    files = rb.report_files(roots)
    assert ref.manifest["files"] == len(files)
    assert rb.input_digest(files) == ref.manifest["input_sha256"], \
        "the corpora changed: rebuild with python tools/build_reference.py"
    reports = [rb.read_report(path, source) for path, source in files]
    assert [list(d) for d in ref.documents] == [[r.title, r.year, r.region] for r in reports]
    rows = list(ref.rows())
    picked = [rows[i][0] for i in random.Random(2026).sample(range(len(rows)), 25)]
    picked += [u.text for u in list(ref.phrases("term"))[:5]]
    texts = ["\n".join(r.clauses) for r in reports]
    for number, text in enumerate(picked):
        holders = [(r.title, r.year, r.region) for r, body in zip(reports, texts) if text in body]
        use = ref.lookup(text)
        assert dict(use.docs) == dict(Counter(year for _, year, _ in holders)), text
        if ref.manifest["first_reports"] or number >= 25:  # the mined terms keep their reports always
            assert ref.reports(text, use.first_year) == [h for h in holders if h[1] == use.first_year], text


def test_guard_blocks_gazetteer_names_and_listed_persons_not_context_words():
    guard = rb.guarded_names([("振兴", "place"), ("富裕", "place"), ("张三丰", "person")])
    for text in ("长沙经济", "湖南省委", "张三丰同志", "浦东新区"):
        assert guard.holds_name(text), text
    for text in ("乡村振兴", "共同富裕", "合作共赢", "高质量发展"):
        assert not guard.holds_name(text), text


def test_without_first_reports_only_the_mined_phrases_name_their_reports(tmp_path):
    reports = _reports()
    years = sorted({r.year for r in reports})
    guard = rb.NameGuard({"长沙"})
    rb.write_reference(tmp_path, reports, rb.index_rows(reports, years, 2, guard),
                       rb.phrase_entries(reports, [("生态文明", "term")], guard), [],
                       {"command": "test", "min_reports": 2, "input_sha256": "0"})
    ref = load_reference(tmp_path)
    assert ref.manifest["first_reports"] is False
    assert ref.lookup("推进改革开放").first_year == 2005 and ref.reports("推进改革开放", 2005) == []
    assert [d[2] for d in ref.reports("生态文明", 2008)] == ["乙省"]


@pytest.mark.parametrize("given, title", [
    ("2 0 1 4 年 政府工作报告", "2014年政府工作报告"),
    ("2 0 1 6  年 政府工作报告", "2016年政府工作报告"),
    ("深圳市 2024 年政府工作报告", "深圳市2024年政府工作报告"),
    ("政府工作报告", "政府工作报告"),
    ("关于 A B 两类 Windows 10 设备", "关于 A B 两类 Windows 10设备"),  # two single letters are no spacing
])
def test_letter_spaced_titles_are_closed_up(tmp_path, given, title):
    path = tmp_path / "某市" / "2014.md"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: {given}\n---\n全面建设小康社会。\n", encoding="utf-8")
    assert rb.read_report(path, "c/某市/2014.md").title == title
