"""Reading saved web pages: the article only, whatever the markup; pages without one are one clear error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from writer.cli import app
from writer.corpus.html import NoMainTextError, main_text, read_html_text
from writer.corpus.reader import read_corpus

PAGE = Path(__file__).parent / "fixtures" / "reader" / "saved-page.html"
runner = CliRunner()

# What a reader of the page sees as the article (title, then the body's paragraphs).
ARTICLE = ["某县水利局2024年工作总结", *re.findall(r"<p>(.*?)</p>", PAGE.read_text(encoding="utf-8"))[:8]]
# The page's furniture, each of which must be gone.
CHROME = ["首页", "政务公开", "当前位置", "热点专题", "分享到", "微信", "打印本页", "关闭窗口", "相关链接",
          "主办单位", "ICP备", "版权所有", "无障碍浏览", "搜索", "浏览次数"]


def test_the_fixture_body_is_what_the_article_says():
    assert len(ARTICLE) == 9 and ARTICLE[-1].startswith("2025年，我们将")


def test_saved_page_reads_as_its_article():
    assert read_html_text(PAGE).splitlines() == ARTICLE


@pytest.mark.parametrize("word", CHROME)
def test_page_furniture_is_gone(word):
    assert word not in read_html_text(PAGE)


def as_line_breaks(html: str) -> str:
    """The same page with the body's paragraphs as text and <br> in one <div>, as many sites write it."""
    return re.sub(r"\s*<p>(.*?)</p>", r"\1<br>\n", html)


def as_gbk(html: str) -> bytes:
    """The page saved in GBK with a gb2312 <meta>, as older sites serve it."""
    return html.replace('charset="utf-8"', 'charset="gb2312"').replace("©", "(C)").encode("gbk")


def test_a_gbk_page_reads_the_same():
    assert main_text(as_gbk(PAGE.read_text(encoding="utf-8"))).splitlines() == ARTICLE


def test_paragraphs_written_with_br_read_the_same(tmp_path):
    # The extractor keeps the page's 发布时间/来源 line here; the reader's header rules drop it.
    variant = tmp_path / "br.html"
    variant.write_text(as_line_breaks(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    (got,), (expected,) = read_corpus([variant]).documents, read_corpus([PAGE]).documents
    assert got.title == expected.title and got.paragraphs() == expected.paragraphs()
    assert [s.heading for s in got.sections] == [s.heading for s in expected.sections]


def test_reader_structures_the_page():
    corpus = read_corpus([PAGE])
    assert not corpus.problems and len(corpus.documents) == 1
    document = corpus.documents[0]
    assert document.id == "saved-page"
    assert document.title == "某县水利局2024年工作总结"
    assert [s.heading for s in document.sections] == ["防汛抗旱取得全面胜利", "农村供水保障持续巩固", "河湖长制落地见效"]
    assert document.year == 2024


def test_check_reads_the_page():
    result = runner.invoke(app, ["check", str(PAGE), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    lines = read_html_text(PAGE).splitlines()
    for finding in json.loads(result.stdout):
        assert finding["file"] == str(PAGE)
        assert 1 <= finding["line"] <= len(lines)


NO_ARTICLE = {
    "navigation only": "<html><body><nav><a href='/'>首页</a><a href='/a'>关于我们</a></nav>"
                       "<footer>版权所有 某县人民政府</footer></body></html>",
    "list of links": "<html><head><title>通知公告</title></head><body><ul>"
                     + "".join(f"<li><a href='/{n}'>关于开展第{n}批安全生产检查的通知</a><span>2024-05-0{n}</span></li>"
                               for n in range(1, 8))
                     + "</ul><div class='page'>共7条 首页 上一页 1 下一页 尾页</div></body></html>",
    "script only": "<html><head><script>var a = 1;</script></head><body></body></html>",
}


@pytest.mark.parametrize("html", NO_ARTICLE.values(), ids=NO_ARTICLE.keys())
def test_a_page_without_an_article_is_one_clear_error(tmp_path, html):
    bad = tmp_path / "index.html"
    bad.write_text(html, encoding="utf-8")
    with pytest.raises(NoMainTextError):
        read_html_text(bad)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "没有正文" in lines[0]


def test_mine_reads_the_other_files(tmp_path):
    bad = []
    for k, html in enumerate(NO_ARTICLE.values()):
        bad.append(tmp_path / f"index{k}.html")
        bad[-1].write_text(html, encoding="utf-8")
    mined = runner.invoke(app, ["mine", *map(str, bad), str(PAGE), "-o", str(tmp_path / "bank")])
    assert mined.exit_code == 3, mined.output
    problems = [line for line in mined.stderr.splitlines() if "没有正文" in line]
    assert sorted(problems) == sorted(f"writer: {path}: 网页里没有正文（只有导航、链接或列表）" for path in bad)
    assert "1 篇文档" in mined.stderr


def test_an_empty_html_file(tmp_path):
    empty = tmp_path / "empty.htm"
    empty.write_bytes(b"  \n")
    result = runner.invoke(app, ["check", str(empty)])
    assert result.exit_code == 3 and "文件为空" in result.stderr
