"""A saved web page's main text, without the site's navigation, sidebars, share buttons and footer.

trafilatura finds the page's article by the density of text against links
and markup, so menus, breadcrumbs, lists of related links, share bars and
the copyright footer are left out before the reader sees the text. The
page's encoding is found from its bytes and its ``<meta charset>``.
"""

from __future__ import annotations

from pathlib import Path

from writer.corpus.cleaning import is_terminated
from writer.errors import EmptyFileError, InputError, MissingPathError

# Running text has sentences: a line that ends one and is this long at least.
_SENTENCE_CHARS = 10


class NoMainTextError(InputError):
    """A web page holding no running text: only menus, links and lists (an index page, a page of pictures)."""


def read_html_text(path: str | Path) -> str:
    """The main text of a saved page, one paragraph per line."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise MissingPathError(f"无法读取（{exc.strerror}）", path) from None
    if not data.strip():
        raise EmptyFileError("文件为空", path)
    text = main_text(data)
    if not text:
        raise NoMainTextError("网页里没有正文（只有导航、链接或列表）", path)
    return text


def main_text(page: bytes | str) -> str:
    """The article of a page as lines, or "" when the page has none that reads as sentences."""
    import trafilatura  # loaded only for web pages

    extracted = trafilatura.extract(page, favor_precision=True, include_comments=False,
                                    include_tables=True, deduplicate=False) or ""
    lines = [line.strip() for line in extracted.splitlines() if line.strip()]
    if not any(len(line) >= _SENTENCE_CHARS and is_terminated(line) for line in lines):
        return ""
    return "\n".join(lines) + "\n"
