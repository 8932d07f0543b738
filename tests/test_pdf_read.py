"""Reading PDFs: the text a reader sees, page furniture dropped, bad PDFs one clear line each."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_support import SCANNED_PAGE, TEXT_PAGE, needs_soffice, paged_docx, soffice_pdf
from typer.testing import CliRunner

from writer.cli import app
from writer.corpus.pdf import (NoTextLayerError, PdfLine, UnreadablePdfError, drop_furniture,
                               join_paragraphs, pdf_paragraphs, read_pdf_text)
from writer.corpus.reader import read_corpus
from writer.io.paths import default_corpus

FIXTURES = Path(__file__).parent / "fixtures"
# The check fixtures' text laid out by LibreOffice on A6 pages: first lines indented two
# characters, no space between paragraphs, a running header and “— N —” in the footer.
CHECK_PDF = FIXTURES / "reader" / "check-fixtures.pdf"
HEADER = "某区住房和城乡建设局　内部资料"
runner = CliRunner()


def paragraphs_of(*names: str) -> list[str]:
    return [line.strip() for name in names
            for line in (FIXTURES / "check" / name).read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- the committed fixture

def test_fixture_pdf_reads_as_its_paragraphs():
    expected = paragraphs_of("plain.txt", "planted.txt")
    got = pdf_paragraphs(CHECK_PDF)
    # A PDF keeps no space between a digit and a Chinese character (LibreOffice sets a gap
    # there whether or not one was typed), so the planted “2025 年” reads as 2025年.
    assert got == [p.replace("2025 年", "2025年") for p in expected]


def test_fixture_pdf_has_no_header_or_page_number():
    text = read_pdf_text(CHECK_PDF)
    assert "内部资料" not in text
    assert "—" not in text  # the footer's “— 1 —”; the fixtures' text has no dash


def check_json(path: Path) -> list[dict]:
    import json

    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_check_finds_in_the_pdf_what_it_finds_in_the_text():
    """A finding's line in a PDF is its paragraph: same rules, same messages, same paragraphs."""
    pdf_lines = pdf_paragraphs(CHECK_PDF)

    def seen(findings, lines):
        # Messages naming another line (首次在第 N 行) name it by that input's numbering.
        return sorted((f["rule"], re.sub(r"第 \d+ 行", "第 N 行", f["message"]),
                       lines[f["line"] - 1].replace("2025 年", "2025年"))
                      for f in findings if f["rule"] != "spacing")

    expected = []
    for name in ("plain.txt", "planted.txt"):
        lines = (FIXTURES / "check" / name).read_text(encoding="utf-8").splitlines()
        expected += seen(check_json(FIXTURES / "check" / name), lines)
    pdf_findings = check_json(CHECK_PDF)
    assert seen(pdf_findings, pdf_lines) == sorted(expected)
    assert len(expected) >= 10
    # The one space the PDF cannot keep is the one finding it lacks.
    assert not [f for f in pdf_findings if f["rule"] == "spacing"]


# ---------------------------------------------------------------- layout rules on made-up pages

def line(text: str, top: float, *, x0: float = 50, x1: float | None = None, size: float = 10,
         lead: float | None = None) -> PdfLine:
    """A line of full-width characters ``size`` wide, starting at ``x0``."""
    x1 = x0 + size * len(text) if x1 is None else x1
    return PdfLine(text, x0, x1, top, top - size, lead=size if lead is None else lead)


FULL = 250.0  # the text block's right edge: 20 characters from 50


def body(top: float, texts: list[str], indent_first: bool = True) -> list[PdfLine]:
    out = []
    for k, text in enumerate(texts):
        indented = indent_first and k == 0
        x0 = 70 if indented else 50
        out.append(line(text, top - 14 * k, x0=x0, x1=min(FULL, x0 + 10 * len(text))))
    return out


def test_running_header_and_page_numbers_go_title_stays():
    pages = []
    texts = (("首页的第一行文字内容写满了整整二十个字", "第一页到此结束。"), ("第二页开头另有一行写满二十个字的正文", "第二页的话。"),
             ("第三页的正文从这里开始也写满了一整行", "第三页另有内容。"), ("末页的第一行同样是满满的二十个汉字啊", "末页。"))
    for n, (first, ending) in enumerate(texts, 1):
        lines = [line("某市统计局　年度资料汇编", 800)]
        if n == 1:
            lines.append(line("某市统计局　年度资料汇编", 770, x0=60))  # the title says the same
        lines += body(740, [first, ending])
        lines.append(line(f"— {n} —", 40, x0=140))
        pages.append(lines)
    kept = drop_furniture(pages)
    assert [l.text for l in kept[0]] == ["某市统计局　年度资料汇编", texts[0][0], texts[0][1]]
    assert all(len(p) == 2 for p in kept[1:])


def test_a_bare_page_number_goes_even_on_a_single_page():
    kept = drop_furniture([[*body(700, ["一行正文。"]), line("3", 40, x0=150)]])
    assert [l.text for l in kept[0]] == ["一行正文。"]


def test_furniture_needs_enough_pages():
    # Ten pages; one line stands at the foot of two of them, another at the foot of three.
    pages = []
    for n in range(10):
        foot = "两次出现的一行" if n in (1, 2) else "三次出现的一行" if n in (3, 4, 5) else f"第{n}页独有的末行"
        pages.append([line(f"第{n}页的首行内容各不相同" + "甲乙丙丁戊己庚辛壬癸"[n], 800),
                      *body(780, ["正文。"]), line(foot, 40)])
    kept = [[l.text for l in page] for page in drop_furniture(pages)]
    assert kept[1][-1] == "两次出现的一行"  # 2 of 10 pages: a coincidence
    assert all(len(kept[n]) == 2 for n in (3, 4, 5))  # 3 of 10: furniture
    assert kept[0][0].startswith("第0页")


# (lines of page 1, lines of page 2, expected paragraphs)
JOINS = [
    pytest.param(["这是一个很长的段落它的第一行写满了二十", "个字然后在第二行结束。"], [],
                 ["这是一个很长的段落它的第一行写满了二十个字然后在第二行结束。"], id="wrapped line"),
    pytest.param(["第一段只有一行。"], ["第二段另起一页。"], ["第一段只有一行。", "第二段另起一页。"],
                 id="short last line ends the paragraph"),
    pytest.param(["这一段写到页末最后一行仍是满的没有句号"], ["而是在下一页接着写完。"],
                 ["这一段写到页末最后一行仍是满的没有句号而是在下一页接着写完。"], id="cut at the page break"),
    pytest.param(["这一段在页末正好以句号结束写满一整行。"], ["下一页的标题"],
                 ["这一段在页末正好以句号结束写满一整行。", "下一页的标题"], id="full line ending a sentence"),
]


@pytest.mark.parametrize("first, second, expected", JOINS)
def test_paragraphs_rejoin_by_layout(first, second, expected):
    pages = [body(700, first, indent_first=False)]
    if second:
        pages.append(body(700, second, indent_first=False))
    # The second page's block is read as the first's: same edges.
    assert join_paragraphs(pages) == expected


def test_indented_first_line_starts_a_paragraph():
    lines = body(700, ["第一段写满了整整一行的二十个汉字呢好的", "仍是第一段。"], indent_first=False)
    lines += body(672, ["第二段首行缩进两个字符写满了一行的字", "第二段结束。"])
    assert join_paragraphs([lines]) == ["第一段写满了整整一行的二十个汉字呢好的仍是第一段。",
                                        "第二段首行缩进两个字符写满了一行的字第二段结束。"]


def test_a_number_too_wide_for_the_line_end_wraps():
    full = [line("二十个字的满行用来定出右边界写满整整的一", 700 - 14 * k) for k in range(3)]
    # Stops 1.5 characters short of the edge: “4652.87” did not fit there.
    first = line("保证金", 658, x0=70, x1=FULL - 15)
    second = line("4652.87万元。", 644, lead=32)
    assert join_paragraphs([[*full, first, second]]) == ["二十个字的满行用来定出右边界写满整整的一" * 3, "保证金4652.87万元。"]
    # Two characters short before a line that starts with one: the paragraph ended there.
    short = line("保证金", 658, x0=70, x1=FULL - 20)
    assert join_paragraphs([[*full, short, line("下一段。", 644)]])[-2:] == ["保证金", "下一段。"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text("一二三四五六七八九十，。", min_size=1, max_size=20),
                          st.booleans()), min_size=1, max_size=30))
def test_joining_loses_and_reorders_no_character(rows):
    pages = [[line(text, 800 - 14 * k, x0=70 if indented else 50) for k, (text, indented) in enumerate(rows)]]
    assert "".join(join_paragraphs(pages)) == "".join(text for text, _ in rows)


# ---------------------------------------------------------------- bad PDFs

BAD = [
    pytest.param(b"%PDF-1.7\n1 0 obj << /Type /Catalog", UnreadablePdfError, "无法打开 PDF（可能已损坏", id="corrupt"),
    pytest.param(b"just text renamed to .pdf\n", UnreadablePdfError, "无法打开 PDF", id="renamed text"),
    pytest.param(SCANNED_PAGE, NoTextLayerError, "没有文字层", id="scanned"),
]


@pytest.mark.parametrize("data, error, message", BAD)
def test_bad_pdf_is_one_clear_error(tmp_path, data, error, message):
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(error, match=message):
        read_pdf_text(path)


@pytest.mark.parametrize("data, error, message", BAD)
def test_bad_pdf_on_the_command_line(tmp_path, data, error, message):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(data)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and message in lines[0] and "Traceback" not in result.output


def test_mine_reads_the_other_files(tmp_path):
    bad = []
    for k, param in enumerate(BAD):
        bad.append(tmp_path / f"bad{k}.pdf")
        bad[-1].write_bytes(param.values[0])
    mined = runner.invoke(app, ["mine", *map(str, bad), str(CHECK_PDF), "-o", str(tmp_path / "bank")])
    assert mined.exit_code == 3, mined.output
    for path, param in zip(bad, BAD):
        assert [line for line in mined.stderr.splitlines() if str(path) in line and param.values[2] in line]
    assert "1 篇文档" in mined.stderr and (tmp_path / "bank" / "documents.jsonl").is_file()


def test_password_protected_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")  # only to make the locked file
    source = tmp_path / "open.pdf"
    source.write_bytes(TEXT_PAGE)
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(source))
    writer.encrypt("secret", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    result = runner.invoke(app, ["check", str(locked)])
    assert result.exit_code == 3
    assert "有密码保护" in result.stderr and result.stderr.count("\n") == 1


# ---------------------------------------------------------------- the seed as a PDF

@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    """The seed as Word would print it: its lines as paragraphs, a running header (its first
    line, which is also its title), page numbers in the footer; converted by LibreOffice."""
    folder = tmp_path_factory.mktemp("seed-pdf")
    lines = default_corpus().read_text(encoding="utf-8").split("\n")
    first = next(text for text in lines if text.strip())
    source = folder / "seed.docx"
    source.write_bytes(paged_docx(lines, first, indent=False))
    return soffice_pdf(source, folder)


def comparable(document) -> dict:
    fields = dataclasses.asdict(document)
    fields.pop("source")
    fields.pop("id")  # named after the file
    return fields


@needs_soffice
def test_seed_as_pdf_reads_as_the_seed(seed_pdf):
    from test_reader import SEED_HEADINGS, headings_of

    text_docs = read_corpus([default_corpus()]).documents
    pdf = read_corpus([seed_pdf])
    assert not pdf.problems
    assert len(pdf.documents) == 14
    assert [d.title for d in pdf.documents] == [d.title for d in text_docs]
    for number, document in enumerate(pdf.documents, 1):
        assert headings_of(document) == SEED_HEADINGS[number]
    # Everything else too, but for one space a PDF cannot keep (“二维码 + 教育” → “二维码+ 教育”).
    same = sum(comparable(a) == comparable(b) for a, b in zip(text_docs, pdf.documents))
    assert same >= 13


@needs_soffice
def test_mine_on_the_seed_as_pdf(seed_pdf, tmp_path):
    result = runner.invoke(app, ["mine", str(seed_pdf), "-o", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    assert "14 篇文档" in result.stderr
    headings = (tmp_path / "bank" / "headings.yaml").read_text(encoding="utf-8")
    assert "就业创业实现稳中向好" in headings


@pytest.mark.parametrize("source", [CHECK_PDF, FIXTURES / "reader" / "saved-page.html"], ids=["pdf", "html"])
def test_fix_refuses_a_pdf_or_web_page(tmp_path, source):
    draft = tmp_path / source.name
    draft.write_bytes(source.read_bytes())
    result = runner.invoke(app, ["check", str(draft), "--fix"])
    assert result.exit_code != 0 and "--fix 不能改写" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.name]  # nothing written beside it
