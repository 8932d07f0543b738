"""Remembered drafts of `writer render`: the same facts rendered again on unchanged inputs are not redrafted.

A writer renders a facts file, reads the draft, renders it again to .docx or
after a look at the bank. Drafting costs more than starting writer (the
facts' YAML, the genre lists, the reviewer's budget, Jinja2), so each draft
is kept through writer.io.memo in the bank's cache folder, keyed by the
request (the facts file's path and content hash, the output format, the seed,
whether sentences are generated, the template and bank folders) and served
only while writer's code, the bank folder's files (by content), the template
folders' files (by content) and jieba's dictionary are what it was made from.
Anything else, a facts file that is not a regular file among them, drafts
afresh through ``writer.render.draft.render_file``. Each draft keeps the facts
it was drafted from as plain data (writer.render.facts.facts_to_plain), so the
same content drafted with another seed, format or bank is neither parsed nor
decoded again. Each draft is a file of its own (writer.io.memo.MemoFolder), and so is each
facts file's plain form: a draft with a new seed reads and writes only its own small files.
"""

from __future__ import annotations

from pathlib import Path

from writer.io import cache
from writer.io.memo import MemoFolder, folder_contents

MEMO_FILE = "render-memo"       # a folder: one file per draft
FACTS_FILE = "render-facts"     # a folder: the plain form of each facts file drafted, by content
# Drafts are tens of kilobytes: a few are enough for a writer going back and forth.
KEEP = 16
# A draft larger than this (a fact pasted from a whole report) is not remembered: every render
# reads the memo file, which must stay small.
MAX_REMEMBERED = 256 * 1024


class Rendered:
    """What a render produced: the text for stdout (None when written), the file written, and the
    lines for stderr (notes, generated headings and sentences to check)."""

    __slots__ = ("text", "path", "messages")

    def __init__(self, text: str | None, path: Path | None, messages: list[str]):
        self.text, self.path, self.messages = text, path, messages


def report_lines(draft) -> list[str]:
    """The headings and sentences writer made up, and its notes, as lines for stderr."""
    lines = [f"writer: {note}" for note in draft.notes]
    if draft.generated_headings:
        lines.append("writer: 以下标题为自动生成，请核对：")
        lines.extend(f"  {heading}" for heading in draft.generated_headings)
    if draft.generated:
        lines.append("writer: 以下句子由模型生成，请核对：")
        lines.extend(f"  {note.where}：{note.text}" for note in draft.generated)
    return lines


def _request(facts: str, output: str | None, templates: str | None, folder: Path, seed, generate) -> tuple | None:
    """The request as a key; None when the facts are not a regular file whose bytes can be hashed."""
    path = Path(facts)
    try:
        if not path.is_file():
            return None
        content = path.read_bytes()
    except OSError:
        return None
    digest = cache.blake2b(content, digest_size=16).hexdigest()
    fmt = Path(output).suffix.lower() if output is not None else None
    where = str(Path(templates).resolve()) if templates is not None else None
    return (facts, digest, fmt, seed, generate, where, str(folder.resolve()))


def _dependencies(folder: Path, templates: str | None) -> tuple:
    from writer.check.budget import dictionary_stamp
    from writer.io.paths import templates_dir

    own = folder_contents(Path(templates)) if templates is not None else None
    return (folder_contents(folder), folder_contents(templates_dir()), own, dictionary_stamp())


def render_remembered(facts: str, output: str | None = None, force: bool = False, templates: str | None = None,
                      bank: str | None = None, seed: int | None = None, generate: bool = True) -> Rendered:
    """``writer.render.draft.render_file`` with the same arguments, served from the memo when nothing changed."""
    from writer.io.paths import resolve_bank

    folder = resolve_bank(bank)
    request = _request(facts, output, templates, folder, seed, generate) if folder.is_dir() else None
    memo = MemoFolder(cache.cache_file(folder, MEMO_FILE) if request is not None else None, MEMO_FILE, KEEP)
    if request is not None:
        answer = memo.get(request, lambda deps: deps == _dependencies(folder, templates))
        if answer is not None:
            return _replay(answer, output, force)
    from writer.render import draft

    # The facts' plain form depends on nothing but their content and writer's code (the memo's key).
    facts_memo = MemoFolder(memo.folder.with_name(FACTS_FILE) if memo.folder is not None else None, FACTS_FILE,
                            KEEP, key=memo.key)
    plain = facts_memo.get((request[1],), lambda deps: True) if request is not None else None
    loader = _FactsLoader(plain)
    result = draft.render_file(facts, output, force=force, templates=templates, bank=bank, seed=seed,
                               generate=generate, load=loader)
    messages = report_lines(result.draft)
    if request is not None:
        data = result.text if result.path is None else result.path.read_bytes()
        if len(data.encode("utf-8") if isinstance(data, str) else data) <= MAX_REMEMBERED:
            memo.put(request, _dependencies(folder, templates), (data, messages))
            if loader.plain is not None and plain is None:
                facts_memo.put((request[1],), (), loader.plain)
    return Rendered(result.text, result.path, messages)


class _FactsLoader:
    """Loads the facts for render_file: from the remembered plain form of facts of the same content
    when there is one (no YAML parsed, nothing decoded again), else from the file, keeping the
    facts' plain form (if small enough)."""

    def __init__(self, plain):
        self.plain = plain

    def __call__(self, path: str):
        from writer.render.facts import facts_from_plain, facts_to_plain, load_facts_tree

        if self.plain is not None:
            try:
                return facts_from_plain(self.plain, path)
            except (TypeError, ValueError):   # a remembered form of another shape: read the file
                self.plain = None
        facts, tree = load_facts_tree(path)
        plain = facts_to_plain(facts) if tree is not None else None
        self.plain = plain if plain is not None and len(repr(plain)) <= MAX_REMEMBERED else None
        return facts


def _replay(answer, output: str | None, force: bool) -> Rendered:
    """A remembered draft given as render_file would: printed, or written (after the same checks)."""
    data, messages = answer[0], answer[1]
    if output is None:
        return Rendered(data, None, list(messages))
    from writer.io.files import atomic_write, check_output

    check_output(output, force)
    atomic_write(output, data, force=force)
    return Rendered(None, Path(output), list(messages))
