"""Reading .docx faithfully (writer.corpus.docx): tracked changes, numbering, tables, WPS, bad files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx_builders import (GONGWEN_LEVELS, docx_with_body, level, numbered, numbering_xml, para, rewrite, run,
                           text_docx, with_header_footer_comment_footnote)
from typer.testing import CliRunner

from writer.cli import app
from writer.corpus import docx as docx_reader
from writer.corpus.docx import DocxReadError, read_docx_lines, read_docx_paragraphs
from writer.corpus.numbering import format_number
from writer.corpus.reader import parse_text, read_corpus

runner = CliRunner()
SEED = Path(__file__).resolve().parents[1] / "phrasebank" / "corpus" / "summaries-2021.txt"


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").split("\n")
INS = '<w:ins w:id="{i}" w:author="甲" w:date="2024-01-01T00:00:00Z">{inner}</w:ins>'
DEL = '<w:del w:id="{i}" w:author="甲" w:date="2024-01-01T00:00:00Z">{inner}</w:del>'


def deleted_run(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_tracked_insertions_read_deletions_skipped(tmp_path):
    body = (para(run("全年城镇新增就业"), INS.format(i=1, inner=run("1260")), DEL.format(i=2, inner=deleted_run("1000")),
                 run("人。"))
            + para('<w:moveFrom w:id="3" w:author="甲">' + run("原处") + "</w:moveFrom>", run("留下"),
                   '<w:moveTo w:id="4" w:author="甲">' + run("新处") + "</w:moveTo>")
            # A paragraph deleted whole (text and mark) and one whose mark alone is deleted join the next.
            + para(DEL.format(i=5, inner=deleted_run("整段删去")), ppr='<w:rPr><w:del w:id="6" w:author="甲"/></w:rPr>')
            + para(run("前半句，"), ppr='<w:rPr><w:del w:id="7" w:author="甲"/></w:rPr>')
            + para(run("后半句。")))
    path = write(tmp_path, "修订.docx", docx_with_body(body))
    assert read_docx_paragraphs(path) == ["全年城镇新增就业1260人。", "留下新处", "前半句，后半句。"]


def test_hidden_text_breaks_and_tabs(tmp_path):
    body = para(run("甲"), "<w:r><w:br/></w:r>", run("乙", "<w:vanish/>"), run("丙"), "<w:r><w:tab/></w:r>",
                run("丁"), '<w:r><w:br w:type="page"/></w:r>', run("戊"))
    path = write(tmp_path, "换行.docx", docx_with_body(body))
    assert read_docx_paragraphs(path) == ["甲\n丙\t丁戊"]
    # writer check keeps a paragraph on one line: the soft break becomes a line separator.
    assert read_docx_lines(path) == ["甲\u2028丙\t丁戊"]


NUMBERING = numbering_xml(
    {0: GONGWEN_LEVELS, 1: [level(0, "ideographTraditional", "%1.")],
     2: [level(0, "chineseCountingThousand", "第%1条", start=11)],
     3: [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2")]},
    {1: (0, ""), 2: (1, ""), 3: (0, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
     4: (2, ""), 5: (3, "")})


def test_automatic_numbering_rendered(tmp_path):
    items = [("稳就业", 0, 1), ("就业创业", 1, 1), ("技能培训", 1, 1), ("培训人次", 2, 1), ("补贴标准", 3, 1),
             ("补贴发放", 3, 1), ("资金使用", 2, 1), ("保民生", 0, 1), ("社会保障", 1, 1), ("甲项", 0, 2),
             ("乙项", 0, 2), ("重新编号", 0, 3), ("条款", 0, 4), ("条款", 0, 4), ("总则", 0, 5), ("细则", 1, 5)]
    body = "".join(numbered(text, lvl, num) for text, lvl, num in items) + para(run("不编号"))
    path = write(tmp_path, "编号.docx", docx_with_body(body, NUMBERING))
    assert read_docx_paragraphs(path) == [
        "一、稳就业", "（一）就业创业", "（二）技能培训", "1.培训人次", "（1）补贴标准", "（2）补贴发放", "2.资金使用",
        "二、保民生", "（一）社会保障", "甲.甲项", "乙.乙项", "一、重新编号", "第十一条条款", "第十二条条款",
        "1.总则", "1.1细则", "不编号"]


@pytest.mark.parametrize("n, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (23, "chineseCounting", "二十三"),
    (105, "chineseCountingThousand", "一百零五"), (3, "chineseLegalSimplified", "叁"),
    (12, "chineseLegalSimplified", "壹拾贰"), (11, "ideographTraditional", "甲"), (2, "ideographZodiac", "丑"),
    (3, "decimalEnclosedCircle", "③"), (2, "decimalEnclosedParen", "⑵"), (14, "upperRoman", "XIV"),
    (28, "lowerLetter", "bb"), (5, "decimalZero", "05"), (2024, "ideographDigital", "二〇二四"),
    (4, "bullet", ""), (4, "none", ""), (7, "someFutureFormat", "7")])
def test_number_formats(n, fmt, expected):
    assert format_number(n, fmt) == expected


def _report_body(number_headings: bool) -> str:
    parts = [para(run("2024年某县人社工作综述")),
             para(run("2024年，县人社局坚持稳中求进，各项工作取得新成效。"))]
    for k, (heading, text) in enumerate([("稳就业 保民生", "全年城镇新增就业1260人。"),
                                         ("兜底线 强保障", "城乡居民养老保险参保人数达到15.8万人。")]):
        typed = f"{'一二'[k]}、{heading}"
        parts.append(numbered(heading, 0) if number_headings else para(run(typed)))
        parts.append(para(run(text)))
    parts.append(para(run("新的一年，我们将继续努力，奋力谱写人社事业新篇章。")))
    return "".join(parts)


def test_numbered_headings_are_recognised_by_the_reader(tmp_path):
    numbered_doc = write(tmp_path, "自动编号.docx", docx_with_body(_report_body(True), NUMBERING))
    typed_doc = write(tmp_path, "手打编号.docx", docx_with_body(_report_body(False), NUMBERING))
    auto, typed = (read_corpus([p]).documents[0] for p in (numbered_doc, typed_doc))
    assert [s.heading for s in auto.sections] == [s.heading for s in typed.sections]
    assert len(auto.sections) == 2 and "稳就业" in auto.sections[0].heading


def test_tables_read_row_by_row(tmp_path):
    def cell(*paragraphs):
        return "<w:tc>" + "".join(para(run(p)) for p in paragraphs) + "</w:tc>"

    table = ("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
             f"<w:tr>{cell('项目')}{cell('数量')}</w:tr>"
             f'<w:tr><w:trPr><w:del w:id="9" w:author="甲"/></w:trPr>{cell("删去的行")}{cell("0")}</w:tr>'
             f"<w:tr>{cell('新增就业')}{cell('1260人', '（含返乡创业）')}</w:tr></w:tbl>")
    path = write(tmp_path, "表格.docx", docx_with_body(para(run("表前。")) + table + para(run("表后。"))))
    assert read_docx_paragraphs(path) == ["表前。", "项目", "数量", "新增就业", "1260人", "（含返乡创业）", "表后。"]


def test_headers_footers_comments_footnotes_left_out(tmp_path):
    data = with_header_footer_comment_footnote(text_docx(["正文第一段。", "正文第二段。"]))
    with zipfile.ZipFile(write(tmp_path, "x.docx", data)) as z:   # the parts are really there
        assert {"word/footnotes.xml", "word/comments.xml"} <= set(z.namelist())
        assert any(n.startswith("word/header") for n in z.namelist())
    assert read_docx_paragraphs(tmp_path / "x.docx") == ["正文第一段。", "正文第二段。"]


WPS_BODY = (
    '<w:p w14:paraId="1A2B3C4D" w14:textId="77777777"><w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:pPr>'
    '<w:r><w:rPr><w:rFonts w:hint="eastAsia" w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr>'
    '<w:t>全年城镇新增就业</w:t></w:r>'
    '<wpsCustomData:customTag wpsCustomData:name="num">' + run("1260人") + '</wpsCustomData:customTag>'
    '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wps:wsp><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
    '</wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
    '<w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r>'
    '<w:r><w:t>。</w:t></w:r><wpsCustomData:bookmark wpsCustomData:id="3"/></w:p>'
    '<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>' + para(run("控件里的段落。"))
    + '</w:sdtContent></w:sdt>')


def test_wps_file_reads_the_same(tmp_path):
    wps = write(tmp_path, "wps.docx", docx_with_body(WPS_BODY, root_attrs='mc:Ignorable="w14 wpsCustomData"'))
    assert read_docx_paragraphs(wps) == ["全年城镇新增就业1260人。", "控件里的段落。"]


def test_seed_reads_as_its_text(tmp_path, seed_lines):
    path = write(tmp_path, "seed.docx", text_docx(seed_lines))
    assert read_docx_paragraphs(path) == seed_lines
    def outline(docs):
        return [(d.title, [s.heading for s in d.sections]) for d in docs]

    from_docx = parse_text(docx_reader.read_docx_text(path), "seed.docx")
    assert len(from_docx) == 14
    assert outline(from_docx) == outline(parse_text(SEED.read_text(encoding="utf-8"), "seed.txt"))


# ---------------------------------------------------------------------------- bad files

def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * (docx_reader.MAX_PART_BYTES + 10))
    return out.getvalue()


OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
BAD_FILES = {
    "renamed-text": ("改名.docx", "全年城镇新增就业1260人。\n".encode("utf-8"), "纯文本"),
    "no-document": ("无正文.docx", b"", "没有 Word 正文"),
    "encrypted": ("加密.docx", OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, "密码保护"),
    "old-doc": ("旧版.docx", OLE + "WordDocument".encode("utf-16-le") + b"\x00" * 64, "旧版 Word"),
    "zip-bomb": ("炸弹.docx", None, "压缩炸弹"),
    "dtd": ("实体.docx", None, "DTD"),
    "truncated": ("残缺.docx", None, "损坏"),
    "empty": ("空.docx", b"", "文件为空"),
}


def _bad_file(case: str, tmp_path):
    name, data, _ = BAD_FILES[case]
    if case == "no-document":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("readme.txt", "一个普通的压缩包")
        data = out.getvalue()
    elif case == "zip-bomb":
        data = _bomb()
    elif case == "dtd":
        data = docx_with_body(para(run("x")))
        doc = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        doc = doc.replace("<w:document", '<!DOCTYPE w:document [<!ENTITY a "aaaa">]><w:document', 1)
        data = rewrite(data, {"word/document.xml": doc})
    elif case == "truncated":
        data = text_docx(["全年城镇新增就业1260人。"])[:-200]
    return write(tmp_path, name, data)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_docx_is_one_clear_error(case, tmp_path):
    path = _bad_file(case, tmp_path)
    with pytest.raises(Exception) as info:
        read_docx_paragraphs(path)
    assert isinstance(info.value, DocxReadError) or type(info.value).__name__ == "EmptyFileError"
    assert BAD_FILES[case][2] in str(info.value) and str(path) in str(info.value)


def test_bad_docx_in_check_and_mine_leaves_the_other_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = {case: _bad_file(case, tmp_path) for case in sorted(BAD_FILES)}
    good = tmp_path / "好.txt"
    good.write_text("2024年某县人社工作综述\n\n全年城镇新增就业1260人 。\n", encoding="utf-8")
    files = [str(p) for p in bad.values()] + [str(good)]
    checked = runner.invoke(app, ["check", *files, "--only", "spacing"])
    mined = runner.invoke(app, ["mine", *files, "--out", str(tmp_path / "库"), "-q"])
    for result in (checked, mined):
        assert result.exit_code == 3 and "Traceback" not in result.output, result.output
        for case, path in bad.items():
            errors = [line for line in result.stderr.splitlines() if str(path) in line]
            assert len(errors) == 1 and BAD_FILES[case][2] in errors[0], (case, result.stderr)
    assert "好.txt" in checked.stdout   # the good file was still checked, and mined
    assert len((tmp_path / "库" / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1
