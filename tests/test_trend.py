"""writer trend: the one-pass search of documents.jsonl, the history of a phrase, the CLI and its bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from writer.bank.years import YearTable
from writer.cli import app
from writer.corpus.document import Document, Section
from writer.trend.documents import DocumentText, searchable_as_bytes
from writer.trend.evidence import ReferenceEvidence
from writer.trend.history import MAX_PHRASE_CHARS, trace
from writer.trend.output import Request, answer

runner = CliRunner()


def doc(i: int, year: int | None, paragraphs: list[str], title: str = "某市政府工作报告", source: str = "x.txt"):
    return Document(id=f"{source}#{i:02d}", source=source, title=title, date=f"{year}-01-20" if year else None,
                    year=year, lead=paragraphs[:1], sections=[Section("一、工作回顾", paragraphs=paragraphs[1:])])


def write_bank(folder: Path, docs: list[Document], ascii_lines: tuple[int, ...] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(d.to_dict(), ensure_ascii=i in ascii_lines) + "\n" for i, d in enumerate(docs)]
    (folder / "documents.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


HISTORY = [  # year, reports that year, of which use 新提法, of which use 旧说法
    (2010, 4, 0, 4), (2011, 4, 0, 3), (2012, 5, 1, 1), (2013, 5, 3, 0), (2014, 2, 2, 0),
]


@pytest.fixture
def history_bank(tmp_path) -> Path:
    docs = []
    for year, total, new, old in HISTORY:
        for k in range(total):
            words = ["坚持稳中求进。"]
            if k < new:
                words.append("大力推进新提法落地见效。")
            if k < old:
                words.append("继续深化旧说法。")
            docs.append(doc(len(docs), year, words, title=f"第{len(docs)}号报告"))
    docs.append(doc(len(docs), None, ["新提法"]))  # undated: not counted
    return write_bank(tmp_path / "bank", docs)


def test_history_of_a_rising_and_a_fading_phrase(history_bank):
    result = runner.invoke(app, ["trend", "新提法", "旧说法", "--bank", str(history_bank), "--json"])
    assert result.exit_code == 0, result.output
    new, old = json.loads(result.stdout)
    assert (new["first_year"], new["peak_year"], new["last_year"], new["reports"]) == (2012, 2014, 2014, 6)
    assert (old["first_year"], old["peak_year"], old["last_year"], old["reports"]) == (2010, 2010, 2012, 8)
    assert new["years"] == {"2010": 0.0, "2011": 0.0, "2012": 0.2, "2013": 0.6, "2014": 1.0}
    assert [r["title"] for r in new["first_year_reports"]] == ["第8号报告"]


def test_text_output_has_sparklines_bars_and_first_reports(history_bank):
    result = runner.invoke(app, ["trend", "新提法", "--bank", str(history_bank)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    spark = next(line for line in lines if line.startswith("新提法"))
    assert "··▂▅█" in spark and "首见2012年" in spark and "高峰2014年（100%）" in spark
    bars = [line for line in lines if line[:4].isdigit() and line[4:6] == "  "]
    assert [b[:4] for b in bars] == ["2010", "2011", "2012", "2013", "2014"]
    assert bars[-1].count("█") > bars[-2].count("█") > 0 and "█" not in bars[0]
    assert "  《第8号报告》（2012）" in lines


def test_several_phrases_get_no_bars(history_bank):
    result = runner.invoke(app, ["trend", "新提法", "旧说法", "--bank", str(history_bank)])
    assert not [line for line in result.stdout.splitlines() if line.startswith("2013  ")]


def test_a_phrase_in_no_document_says_so(history_bank):
    result = runner.invoke(app, ["trend", "没有的话", "新提法", "--bank", str(history_bank)])
    assert result.exit_code == 0
    assert "没有“没有的话”" in result.stderr and "新提法" in result.stdout


# -- the byte search equals a search of every document's texts -------------------------------------

TEXT = st.text(alphabet="新提法旧说\"\\\nabGn年20 ", max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([2019, 2020, None]), st.lists(TEXT, min_size=1, max_size=3), TEXT,
                          st.booleans()), min_size=1, max_size=6),
       st.sampled_from(["新提法", "提法", "法旧", "b年", "\"新", "2 新", "新\n提", "x.txt", "20", "2G", "01-20", "n新"]))
def test_byte_search_equals_text_search(tmp_path_factory, docs, phrase):
    built = [doc(i, year, paragraphs, title="题" + title, source=f"新提法{i}.txt")
             for i, (year, paragraphs, title, _) in enumerate(docs)]
    if not any(year for year, *_ in docs):
        built.append(doc(len(built), 2020, ["x"]))
    ascii_lines = tuple(i for i, (*_, escaped) in enumerate(docs) if escaped)
    folder = write_bank(tmp_path_factory.mktemp("bank"), built, ascii_lines)
    found = DocumentText(folder / "documents.jsonl").holding(phrase)
    assert found == [i for i, d in enumerate(built) if phrase in "\n".join(d.texts())]


def test_which_phrases_are_searched_as_bytes():
    assert searchable_as_bytes("新质生产力") and searchable_as_bytes("5G基站") and searchable_as_bytes("2035")
    assert not any(map(searchable_as_bytes, ["5g", "nb新", '"新', "a 新", "新,", "\\n"]))


# -- the reference, through its interface ---------------------------------------------------------

class FakeReference:
    """The bank layer's Reference interface over a YearTable: lookup, iteration, reports, regions."""

    def __init__(self, totals, counts, regions=None):
        self.table = YearTable(totals, counts)
        self.totals = self.table.totals
        self.regions = regions

    def lookup(self, text):
        return self.table.lookup(text)

    def __iter__(self):
        return iter(self.table)

    def reports(self, text, year):
        return [(f"{year}年政府工作报告", year, "某省")] if self.lookup(text) else []

    def by_region(self, text):
        return {region: table.lookup(text) for region, table in self.regions.items() if table.lookup(text)}


def test_reference_phrase_not_indexed_points_to_a_local_bank():
    evidence = ReferenceEvidence(FakeReference({2020: 2}, {"甲乙": {2020: 1}}))
    out, errors = answer(Request(["甲乙", "丙丁"]), evidence)
    assert len(errors) == 1 and "丙丁" in errors[0] and "--bank" in errors[0]
    assert any(line.startswith("甲乙") for line in out)
    assert any("《2020年政府工作报告》（某省，2020）" in line for line in out)


def test_by_region_rows():
    regions = {"甲省": YearTable({2020: 1, 2021: 1}, {"提法": {2021: 1}}),
               "乙省": YearTable({2020: 1, 2021: 1}, {"提法": {2020: 1}})}
    evidence = ReferenceEvidence(FakeReference({2020: 2, 2021: 2}, {"提法": {2020: 1, 2021: 1}}, regions))
    out, _ = answer(Request(["提法"], by="region"), evidence)
    rows = [line for line in out if line.startswith(("甲省", "乙省"))]
    assert rows[0].startswith("乙省") and "█·" in rows[0] and "·█" in rows[1]  # the first to use it first


def test_trace_strips_and_dedupes():
    evidence = ReferenceEvidence(FakeReference({2020: 2}, {"甲乙": {2020: 1}}))
    assert [t.phrase for t in trace([" 甲乙 ", "甲乙"], evidence)] == ["甲乙"]


# -- bad input: one line, a documented exit code ------------------------------------------------

def _undated(tmp: Path) -> list[str]:
    return ["trend", "新提法", "--bank", str(write_bank(tmp / "b", [doc(0, None, ["新提法"])]))]


def _broken(tmp: Path) -> list[str]:
    bank = write_bank(tmp / "b", [doc(0, 2020, ["新提法"])])
    with open(bank / "documents.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    return ["trend", "新提法", "--bank", str(bank)]


BAD = [  # id, arguments (a function of the folder and the history bank), exit code, a phrase of the one line
    ("no phrase", lambda tmp, bank: ["trend", "--bank", str(bank)], 2, "缺少提法"),
    ("empty phrase", lambda tmp, bank: ["trend", "  ", "--bank", str(bank)], 2, "提法是空的"),
    ("200 characters", lambda tmp, bank: ["trend", "新" * 200, "--bank", str(bank)], 2, "提法过长（200 字）"),
    ("year outside the data", lambda tmp, bank: ["trend", "--new", "1990", "--bank", str(bank)], 2,
     "1990年不在数据之中"),
    ("first year has nothing before", lambda tmp, bank: ["trend", "--fading", "2010", "--bank", str(bank)], 2,
     "之前没有可比的年份"),
    ("bank without years", lambda tmp, bank: _undated(tmp), 3, "都没有年份"),
    ("bank without documents", lambda tmp, bank: ["trend", "x新", "--bank", str(tmp)], 3, "没有 documents.jsonl"),
    ("broken line", lambda tmp, bank: _broken(tmp), 3, "documents.jsonl:2: 不是有效的文档记录"),
    ("regions of a user bank", lambda tmp, bank: ["trend", "新提法", "--by", "region", "--bank", str(bank)], 2,
     "不记录地区"),
    ("unknown --by", lambda tmp, bank: ["trend", "新提法", "--by", "city", "--bank", str(bank)], 2, "--by 只能是"),
    ("phrase and --new", lambda tmp, bank: ["trend", "新提法", "--new", "2013", "--bank", str(bank)], 2, "不与提法同用"),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_input(case, tmp_path, history_bank):
    _, make, code, message = case
    result = runner.invoke(app, make(tmp_path, history_bank))
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("writer: ") and message in lines[0], result.stderr
    assert "Traceback" not in result.output


def test_longest_phrase_allowed(history_bank):
    result = runner.invoke(app, ["trend", "新" * MAX_PHRASE_CHARS, "--bank", str(history_bank)])
    assert result.exit_code == 0 and "没有" in result.stderr


# -- --new / --fading over a user's mined bank ------------------------------------------------------

OLD_SECTION = "二、疫情防控\n我们众志成城，科学防治，精准施策，坚决打赢阻击战。\n"
NEW_SECTION = "二、发展新业态\n我们踔厉奋发，勇毅前行，加快培育新动能，笃行不怠。\n"


@pytest.fixture(scope="module")
def mined_bank(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    for year in (2019, 2020, 2021, 2022):
        for k in range(3):
            body = "一、推进改革\n坚持稳中求进，我们深化改革，扎实推进各项工作，守正创新。\n"
            body += NEW_SECTION if year >= 2021 else OLD_SECTION
            (corpus / f"r{year}-{k}.txt").write_text(f"某市{year}年第{k}季度工作综述\n{body}", encoding="utf-8")
    out = tmp_path_factory.mktemp("bank") / "bank"
    result = runner.invoke(app, ["mine", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_new_and_fading_over_a_mined_bank(mined_bank):
    new = json.loads(runner.invoke(app, ["trend", "--new", "2021", "--bank", str(mined_bank), "--json"]).stdout)
    fading = json.loads(runner.invoke(app, ["trend", "--fading", "2021", "--bank", str(mined_bank),
                                            "--json"]).stdout)
    assert {"踔厉奋发", "勇毅前行", "笃行不怠"} <= {o["phrase"] for o in new}
    assert {"众志成城", "精准施策"} <= {o["phrase"] for o in fading}
    assert not {o["phrase"] for o in new} & {"守正创新", "众志成城"}
    assert all(o["score"] >= 1.96 for o in new) and all(o["score"] <= -1.96 for o in fading)
    assert new[0]["first_year"] == 2021 and new[0]["first_year_reports"][0]["year"] == 2021


def test_ranking_text_shows_the_counts(mined_bank):
    result = runner.invoke(app, ["trend", "--new", "2021", "--window", "2", "-n", "2", "--bank", str(mined_bank)])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line[:3].strip().isdigit() and line[3:4] == "."]
    assert len(rows) == 2 and "3/3（100%）" in rows[0] and "0/6（0%）" in rows[0]


def test_the_line_index_is_kept_and_a_changed_file_is_indexed_anew(history_bank):
    from writer.io.cache import cache_file
    from writer.trend.documents import LINES_CACHE

    path = history_bank / "documents.jsonl"
    first = DocumentText(path)
    assert cache_file(history_bank, LINES_CACHE).is_file()
    again = DocumentText(path)
    assert (again.starts, again.years, again.holding("新提法")) == (first.starts, first.years, first.holding("新提法"))
    # a stored index whose lines do not start and end where the bytes say is not taken
    assert not again._restore([[s + 1 for s in first.starts], first.ends, first.numbers, first.years, first._spans])
    # writer mine writes a new file: one more document in front shifts every offset
    docs = [doc(0, 2015, ["新提法又一篇。"], title="新的一篇")]
    lines = [json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs]
    path.write_text("".join(lines) + path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = DocumentText(path)
    assert changed.holding("新提法") == [0] + [i + 1 for i in first.holding("新提法")]
    assert changed.totals[2015] == 1
