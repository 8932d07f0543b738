"""Writing a bank folder: the YAML and JSONL texts, the folder check, atomic writes.

The texts are rendered first (``render_bank_files``, a pure function used by
the tests) and written afterwards, each through a temporary file and a rename.
"""

from __future__ import annotations

from pathlib import Path

from writer.bank.errors import BankError
from writer.bank.records import CUSTOM_FILE, DOCUMENTS_FILE, EXPECTED_EXTRAS, GENERATED_FILES, record_to_dict
from writer.corpus.document import Document
from writer.errors import OutputDirError
from writer.mining.build import BankData

HEADER = ("# 本文件由 writer mine 生成，请勿手工修改；个人增删请写在 custom.yaml。\n"
          "# 重建命令：{command}\n")


class BankDirError(BankError):
    """The output folder holds files that are not part of a bank (refused without --force)."""


def _dump(data) -> str:
    # Our own emitter: PyYAML's representer costs seconds on a large bank; the text is
    # plain block-style YAML that yaml.safe_load reads back to the same data.
    from writer.mining.yamlout import dump

    return dump(data)


def render_documents(documents: list[Document], lines: list[str] | None = None) -> str:
    """documents.jsonl: one document per line (``lines``: the lines already rendered, by workers)."""
    if lines is not None and len(lines) == len(documents):
        return "".join(lines)
    return "".join(d.jsonl_line() for d in documents)


def render_bank_files(bank: BankData) -> dict[str, str]:
    """file name → text of every generated YAML file of the bank."""
    head = HEADER.format(command=bank.manifest["command"])
    records = lambda items: [record_to_dict(r) for r in items]  # noqa: E731 - local shorthand
    return {
        "manifest.yaml": head + _dump(bank.manifest),
        "slogans.yaml": head + _dump({"slogans": records(bank.slogans)}),
        "headings.yaml": head + _dump({"headings": records(bank.headings), "groups": bank.groups}),
        "openings.yaml": head + _dump({"openings": records(bank.openings)}),
        "closings.yaml": head + _dump({"closings": records(bank.closings)}),
        "aphorisms.yaml": head + _dump({"aphorisms": records(bank.aphorisms)}),
        "topics.yaml": head + _dump({"topics": bank.topics, "vocab": bank.vocab}),
        "names.yaml": head + _dump({"names": records(bank.names)}),
    }


def unexpected_entries(out: Path) -> list[str]:
    """Entries of ``out`` that a bank folder does not hold (hidden files are ignored)."""
    allowed = set(GENERATED_FILES) | {DOCUMENTS_FILE} | set(EXPECTED_EXTRAS)
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir() if p.name not in allowed and not p.name.startswith("."))


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse a folder with foreign files unless ``force``; refuse a path that is a file."""
    if out.exists() and not out.is_dir():
        raise OutputDirError("输出路径已存在且不是文件夹", out)
    if not out.parent.exists() and str(out.parent) not in ("", "."):
        raise OutputDirError("输出文件夹的上级文件夹不存在", out.parent)
    extra = unexpected_entries(out)
    if extra and not force:
        shown = "、".join(extra[:5]) + ("等" if len(extra) > 5 else "")
        raise BankDirError(f"文件夹里有素材库以外的文件（{shown}）；为免覆盖别的内容，请换一个文件夹，或加 --force", out)


def write_bank(out: Path, documents: list[Document], bank: BankData, force: bool = False,
               lines: list[str] | None = None) -> list[Path]:
    """Write documents.jsonl and the bank's YAML files into ``out``; never touches custom.yaml."""
    from writer.io.files import atomic_write

    out = Path(out)
    check_out_dir(out, force)
    out.mkdir(exist_ok=True)
    texts = {DOCUMENTS_FILE: render_documents(documents, lines)}
    texts.update(render_bank_files(bank))
    written = []
    # manifest.yaml last: a bank interrupted mid-write keeps its old manifest.
    for name in sorted(texts, key=lambda n: n == "manifest.yaml"):
        if name == CUSTOM_FILE:
            continue
        path = out / name
        atomic_write(path, texts[name], force=True)  # a new file gets the umask's mode
        written.append(path)
    return written

