"""`writer check --annotate`: one Word comment per finding, anchored to exactly its span; nothing else changes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from docx_builders import (GONGWEN_LEVELS, INS_TEMPLATE, docx_with_body, level, numbered, numbering_xml, para, run,
                           text_docx)
from typer.testing import CliRunner

from writer.check.annotate import Annotator, comment_text
from writer.check.finding import Finding
from writer.cli import app
from writer.corpus.docx import read_docx_lines
from writer.corpus.docxtext import BodyText, word_name
from writer.corpus.numbering import Numbering, NumberingDefinitions

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]
CHECK_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "check").glob("*.txt"))
SEED = ROOT / "phrasebank" / "corpus" / "summaries-2021.txt"
FACTS = ROOT / "examples" / "人社工作.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WRITER_BANK", raising=False)


def check_json(path: Path, *options: str) -> list[dict]:
    result = runner.invoke(app, ["check", str(path), "--format", "json", *options])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def annotate(path: Path, *options: str) -> Path:
    result = runner.invoke(app, ["check", str(path), "--annotate", *options])
    assert result.exit_code in (0, 1), result.output
    return path.with_name(path.stem + ".审读.docx")


def anchored(path: Path) -> dict[str, str]:
    """Comment id → the text between its range start and end, as Word shows it (deletions left out)."""
    body = docx.Document(str(path)).element.body
    texts: dict[str, str] = {}
    open_ids: set[str] = set()

    def walk(element, deleted: bool):
        for child in element:
            name = word_name(child.tag)
            if name == "commentRangeStart":
                open_ids.add(child.get(W + "id"))
                texts.setdefault(child.get(W + "id"), "")
            elif name == "commentRangeEnd":
                open_ids.discard(child.get(W + "id"))
            elif name in ("t", "tab", "br") and not deleted:
                piece = child.text or "" if name == "t" else ("\t" if name == "tab" else "\u2028")
                for cid in open_ids:
                    texts[cid] += piece
            walk(child, deleted or name in ("del", "moveFrom"))

    walk(body, False)
    return texts


def comments(path: Path) -> list:
    return sorted(docx.Document(str(path)).comments, key=lambda c: c.comment_id)


def expected_span(lines: list[str], finding: dict) -> str:
    assert finding["line"] == finding["end_line"]
    return lines[finding["line"] - 1][finding["column"] - 1:finding["end_column"] - 1]


def assert_one_comment_per_finding(path: Path, findings: list[dict], lines: list[str]) -> Path:
    copy = path.with_name(path.stem + ".审读.docx")
    got = comments(copy)
    assert len(got) == len(findings)
    spans = anchored(copy)
    for comment, finding in zip(got, findings):
        assert comment.author == "writer"
        assert comment.text == comment_text(Finding(**{**finding, "start": 0, "end": 0, "fix": None}))
        assert spans[str(comment.comment_id)] == expected_span(lines, finding), finding
    return copy


# ---------------------------------------------------------------- what must stay the same

def character_formats(path: Path) -> list[list[tuple[str, str]]]:
    """Each paragraph's characters with the canonical XML of their run's properties."""
    document = docx.Document(str(path))
    body = BodyText(Numbering(NumberingDefinitions()))
    out = []
    for block in document.element.body:
        for pieces, _ in body.paragraphs(block):
            chars = []
            for text, node in pieces:
                run_element = node.getparent() if node is not None else None
                rpr = run_element.find(W + "rPr") if run_element is not None else None
                key = ET.canonicalize(ET.tostring(rpr)) if rpr is not None else ""
                chars.extend((ch, key) for ch in text)
            out.append(chars)
    return out


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return ET.canonicalize(z.read(name).decode("utf-8"))


def sections(path: Path) -> list[str]:
    body = docx.Document(str(path)).element.body
    return [ET.canonicalize(ET.tostring(s)) for s in body.iter(W + "sectPr")]


def assert_rest_unchanged(original: Path, copy: Path) -> None:
    assert read_docx_lines(copy) == read_docx_lines(original)
    assert character_formats(copy) == character_formats(original)
    assert part(copy, "word/styles.xml") == part(original, "word/styles.xml")
    assert sections(copy) == sections(original)


# ---------------------------------------------------------------- cases

@pytest.mark.parametrize("fixture", CHECK_FIXTURES, ids=lambda p: p.stem)
def test_check_fixtures_as_docx(fixture, tmp_path):
    lines = fixture.read_text(encoding="utf-8").split("\n")
    path = tmp_path / f"{fixture.stem}.docx"
    path.write_bytes(text_docx(lines))
    before = path.read_bytes()
    findings = check_json(path)
    assert findings or fixture.stem == "plain"   # planted.txt plants one fault per rule
    annotate(path)
    copy = assert_one_comment_per_finding(path, findings, lines)
    assert_rest_unchanged(path, copy)
    assert path.read_bytes() == before   # the original is never modified


def test_seed_as_one_docx(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "seed.docx"
    path.write_bytes(text_docx(lines))
    findings = check_json(path)
    assert len(findings) > 500
    annotate(path)
    assert_rest_unchanged(path, assert_one_comment_per_finding(path, findings, lines))


RICH = para(run("全年城镇", "<w:b/>"), INS_TEMPLATE.format(inner=run("新增就业1620人", '<w:color w:val="FF0000"/>')),
            run("，实现收入3亿", '<w:i/><w:rFonts w:eastAsia="楷体_GB2312"/>'), run("4500万元。", "<w:u w:val=\"single\"/>"))


def test_spans_across_runs_and_inside_insertions(tmp_path):
    path = tmp_path / "修订稿.docx"
    path.write_bytes(docx_with_body(para(run("2024年某县人社工作综述")) + RICH))
    lines = read_docx_lines(path)
    findings = check_json(path, "--only", "number,fact", "--facts", str(FACTS))
    spans = {expected_span(lines, f) for f in findings}
    assert {"1620人", "3亿4500万"} <= spans   # inside the insertion; across two runs
    annotate(path, "--only", "number,fact", "--facts", str(FACTS))
    assert_rest_unchanged(path, assert_one_comment_per_finding(path, findings, lines))


def test_span_on_numbering_anchors_to_the_next_real_text(tmp_path):
    numbering = numbering_xml({0: [level(0, "decimal", "%1").replace('w:val="nothing"', 'w:val="space"')]},
                              {1: (0, "")})
    path = tmp_path / "编号.docx"
    path.write_bytes(docx_with_body(numbered("稳就业保民生", 0) + numbered("兜底线", 0), numbering))
    lines = read_docx_lines(path)
    assert lines == ["1 稳就业保民生", "2 兜底线"]
    findings = check_json(path, "--only", "spacing")
    assert [expected_span(lines, f) for f in findings] == [" ", " "]   # the space Word puts after the number
    copy = annotate(path, "--only", "spacing")
    assert sorted(anchored(copy).values()) == ["兜", "稳"]
    assert len(comments(copy)) == 2


def test_gongwen_numbered_document_keeps_its_numbering(tmp_path):
    path = tmp_path / "公文.docx"
    body = numbered("稳就业", 0) + para(run("全年新增就业1260人 。")) + numbered("就业创业", 1)
    path.write_bytes(docx_with_body(body, numbering_xml({0: GONGWEN_LEVELS}, {1: (0, "")})))
    lines = read_docx_lines(path)
    findings = check_json(path, "--only", "spacing")
    copy = annotate(path, "--only", "spacing")
    assert_rest_unchanged(path, assert_one_comment_per_finding(path, findings, lines))
    assert read_docx_lines(copy)[::2] == ["一、稳就业", "（一）就业创业"]


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_text_input_becomes_a_new_docx(tmp_path, suffix):
    text = "# 2024年某县人社工作综述\n\n全年城镇新增就业1260人 ，完成目标。\n\n凝心聚力，守正创新。\n"
    path = tmp_path / f"初稿{suffix}"
    path.write_text(text, encoding="utf-8")
    findings = check_json(path)
    annotate(path)
    assert_one_comment_per_finding(path, findings, text.split("\n"))
    assert path.read_text(encoding="utf-8") == text


def test_options_and_outputs(tmp_path):
    path = tmp_path / "初稿.docx"
    path.write_bytes(text_docx(["全年城镇新增就业1260人 。", "“十三五”期间 ，就业稳定。"]))
    only = check_json(path, "--only", "punct")
    out = tmp_path / "审读稿.docx"
    result = runner.invoke(app, ["check", str(path), "--annotate", "-o", str(out), "--only", "punct"])
    assert result.exit_code == (1 if any(f["level"] != "info" for f in only) else 0)
    assert f"已写入 {out}（批注 {len(only)} 条）" in result.stderr
    assert len(comments(out)) == len(only)
    again = runner.invoke(app, ["check", str(path), "--annotate", "-o", str(out)])
    assert again.exit_code == 3 and "--force" in again.stderr
    forced = runner.invoke(app, ["check", str(path), "--annotate", "-o", str(out), "--force", "--disable", "punct"])
    assert forced.exit_code in (0, 1) and len(comments(out)) == len(check_json(path, "--disable", "punct"))
    first = out.read_bytes()
    runner.invoke(app, ["check", str(path), "--annotate", "-o", str(out), "--force", "--disable", "punct"])
    assert out.read_bytes() == first   # deterministic: no clock in the comments or the zip


@pytest.mark.parametrize("args, words", [
    (["--annotate", "-o", "初稿.docx"], "原文件"),
    (["-o", "x.docx"], "--annotate"),
    (["--annotate", "--fix"], "--fix"),
])
def test_bad_annotate_options_exit_2(tmp_path, args, words):
    path = tmp_path / "初稿.docx"
    path.write_bytes(text_docx(["全年城镇新增就业1260人 。"]))
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), *args])
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert path.read_bytes() == before


def test_config_file_applies(tmp_path):
    path = tmp_path / "初稿.docx"
    path.write_bytes(text_docx(["全年城镇新增就业1260人 。"]))
    (tmp_path / ".writer.yaml").write_text("disable: [spacing]\n", encoding="utf-8")
    findings = check_json(path)
    assert all(f["rule"] != "spacing" for f in findings)
    assert len(comments(annotate(path))) == len(findings)


def pdf_note_texts(pdf: bytes) -> list[str]:
    """The texts of a PDF's comment annotations (/Contents as UTF-16 hex strings, as LibreOffice writes them)."""
    import re

    return [bytes.fromhex(h.decode()).decode("utf-16")
            for h in re.findall(rb"/Contents\s*<(FEFF[0-9A-Fa-f]*)>", pdf)]


def test_libreoffice_shows_the_comments(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    path = tmp_path / "初稿.docx"
    path.write_bytes(text_docx(["2024年某县人社工作综述", "全年城镇新增就业1260人 。"]))
    copy = annotate(path, "--only", "spacing")
    # ExportNotes: each comment becomes a note on the page at its anchor (LibreOffice 7.4 cannot
    # yet print them in the margin: ExportNotesInMargin is 7.5's).
    options = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", options,
                    "--outdir", str(tmp_path), str(copy)], check=True, capture_output=True, timeout=240)
    notes = pdf_note_texts(copy.with_suffix(".pdf").read_bytes())
    assert notes == [c.text for c in comments(copy)] and "spacing" in notes[0]


def test_annotated_copy_reads_in_python_docx_from_bytes(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(text_docx(["全年城镇新增就业1260人 。"]))
    copy = annotate(path)
    docx.Document(io.BytesIO(copy.read_bytes()))


# ---------------------------------------------------------------- any runs, any spans

_PIECES = st.lists(st.tuples(st.text("全年城镇新增就业人。，12", min_size=1, max_size=6),
                             st.sampled_from(["plain", "bold", "ins", "del"])), min_size=1, max_size=8)


def _paragraph(pieces) -> str:
    out = []
    for i, (text, kind) in enumerate(pieces):
        if kind == "ins":
            out.append(f'<w:ins w:id="{i}" w:author="甲">{run(text)}</w:ins>')
        elif kind == "del":
            out.append(f'<w:del w:id="{i}" w:author="甲"><w:r><w:delText>{text}</w:delText></w:r></w:del>')
        else:
            out.append(run(text, "<w:b/>" if kind == "bold" else ""))
    return para(*out)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_PIECES, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), min_size=1, max_size=5))
def test_any_span_over_any_runs_is_anchored_exactly(tmp_path, pieces, spans):
    path = tmp_path / "p.docx"
    path.write_bytes(docx_with_body(_paragraph(pieces)))
    (line,) = read_docx_lines(path)
    if not line:
        return
    findings = []
    for start, length in spans:
        start = start % len(line)
        end = min(len(line), start + length)
        findings.append(Finding("p.docx", 0, 0, 1, start + 1, 1, end + 1, "x", "info", f"第{len(findings)}条"))
    before = character_formats(path)
    document = docx.Document(str(path))
    assert Annotator(document, [line], "p.docx").annotate(findings) == len(findings)
    out = tmp_path / "p.审读.docx"
    document.save(str(out))
    spans_got = anchored(out)
    for comment, finding in zip(comments(out), findings):
        assert spans_got[str(comment.comment_id)] == line[finding.column - 1:finding.end_column - 1]
    assert character_formats(out) == before


def test_existing_comments_headers_and_footnotes_are_kept(tmp_path):
    from docx_builders import with_header_footer_comment_footnote

    path = tmp_path / "有批注.docx"
    path.write_bytes(with_header_footer_comment_footnote(text_docx(["全年城镇新增就业1260人 。", "第二段。"])))
    lines = read_docx_lines(path)
    findings = check_json(path, "--only", "spacing")
    copy = annotate(path, "--only", "spacing")
    got = comments(copy)
    assert [c.author for c in got] == ["审稿人"] + ["writer"] * len(findings)
    assert got[0].text == "批注：这句要改"
    spans = anchored(copy)
    for comment, finding in zip(got[1:], findings):
        assert spans[str(comment.comment_id)] == expected_span(lines, finding)
    assert_rest_unchanged(path, copy)
    for name in ("word/footnotes.xml", "word/header1.xml", "word/footer1.xml"):
        assert part(copy, name) == part(path, name)
