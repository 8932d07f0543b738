"""Writing a bank folder: the YAML and JSONL texts, the folder check, the atomic replacement.

The texts are rendered one file at a time (``render_bank_files``, a pure
generator) and written as they come into a hidden sibling folder, together with
everything of the old folder that mine does not generate (custom.yaml, the
corpus, files kept with --force); that folder then takes the old one's place
in one step (``writer.io.folders``), so an interrupted run leaves the old bank
as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path

from writer.bank.errors import BankError
from writer.bank.records import DOCUMENTS_FILE, EXPECTED_EXTRAS, GENERATED_FILES, record_to_dict
from writer.corpus.document import Document
from writer.errors import OutputDirError, WriteFailedError
from writer.mining.build import BankData

HEADER = ("# 本文件由 writer mine 生成，请勿手工修改；个人增删请写在 custom.yaml。\n"
          "# 重建命令：{command}\n")


class BankDirError(BankError):
    """The output folder holds files that are not part of a bank (refused without --force)."""


def _dump(head: str, data) -> Iterable[str]:
    # Our own emitter: PyYAML's representer costs seconds on a large bank; the text is
    # plain block-style YAML that yaml.safe_load reads back to the same data.
    from writer.mining.yamlout import dump_pieces

    return chain([head], dump_pieces(data))


def document_lines(documents: list[Document], lines: list[str] | None = None) -> Iterable[str]:
    """documents.jsonl, one document per line (``lines``: the lines already rendered, by workers).

    Written a line at a time: joined, they would be one more copy of the corpus
    in memory at the end of the run, when memory is at its fullest.
    """
    if lines is not None and len(lines) == len(documents):
        return lines
    return (d.jsonl_line() for d in documents)


def render_bank_files(bank: BankData) -> Iterator[tuple[str, Iterable[str]]]:
    """(file name, text in pieces) of every generated YAML file of the bank, one file at a time.

    Lazy all the way down: the writer holds one record's dict and lines at a
    time, not a file's text nor the bank's: the end of a run is where memory peaks.
    """
    from writer.mining.yamlout import LazyList

    head = HEADER.format(command=bank.manifest["command"])
    records = lambda items: LazyList(items, record_to_dict)  # noqa: E731 - local shorthand
    yield "manifest.yaml", _dump(head, bank.manifest)
    yield "slogans.yaml", _dump(head, {"slogans": records(bank.slogans)})
    yield "headings.yaml", _dump(head, {"headings": records(bank.headings), "groups": bank.groups})
    yield "openings.yaml", _dump(head, {"openings": records(bank.openings)})
    yield "closings.yaml", _dump(head, {"closings": records(bank.closings)})
    yield "aphorisms.yaml", _dump(head, {"aphorisms": records(bank.aphorisms)})
    yield "topics.yaml", _dump(head, {"topics": bank.topics, "vocab": bank.vocab})
    yield "names.yaml", _dump(head, {"names": records(bank.names)})


def unexpected_entries(out: Path) -> list[str]:
    """Entries of ``out`` that a bank folder does not hold (hidden files are ignored)."""
    allowed = set(GENERATED_FILES) | {DOCUMENTS_FILE} | set(EXPECTED_EXTRAS)
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir() if p.name not in allowed and not p.name.startswith("."))


def is_own_bank(out: Path) -> bool:
    """True when ``out`` holds a manifest.yaml that writer mine wrote (its header's first line)."""
    try:
        with open(out / "manifest.yaml", encoding="utf-8") as fh:
            first = fh.readline(200)
    except (OSError, UnicodeDecodeError):
        return False
    return first == HEADER.splitlines(keepends=True)[0]


def is_shipped_bank(out: Path) -> bool:
    """True when ``out`` is the bank shipped with writer (phrasebank/ of the install or checkout)."""
    from writer.io.paths import default_bank

    return Path(out).resolve() == default_bank().resolve()


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse, unless ``force``: the shipped bank, a folder with foreign files, bank files mine did not write.

    Always refused: a path that is a file, a missing parent folder.
    """
    if out.exists() and not out.is_dir():
        raise OutputDirError("输出路径已存在且不是文件夹", out)
    if not out.parent.exists() and str(out.parent) not in ("", "."):
        raise OutputDirError("输出文件夹的上级文件夹不存在", out.parent)
    if force:
        return
    if is_shipped_bank(out):
        raise BankDirError("这是随 writer 附带的素材库；确要重建它，请加 --force（重建命令见 README“开发”）", out)
    extra = unexpected_entries(out)
    if extra:
        shown = "、".join(extra[:5]) + ("等" if len(extra) > 5 else "")
        raise BankDirError(f"文件夹里有素材库以外的文件（{shown}）；为免覆盖别的内容，请换一个文件夹，或加 --force", out)
    generated = [name for name in (*GENERATED_FILES, DOCUMENTS_FILE) if (out / name).exists()]
    if generated and not is_own_bank(out):
        shown = "、".join(generated[:3]) + ("等" if len(generated) > 3 else "")
        raise BankDirError(f"文件夹里的 {shown} 不是 writer mine 写的（没有它写的 manifest.yaml）；"
                           "为免覆盖，请换一个文件夹，或加 --force", out)


def write_bank(out: Path, documents: list[Document], bank: BankData, force: bool = False,
               lines: list[str] | None = None) -> list[Path]:
    """Replace the bank folder ``out`` with documents.jsonl and the bank's YAML files, in one step.

    Everything else in the folder (custom.yaml, the corpus, files kept with
    --force) is carried into the new folder unchanged; the old .cache is not.
    """
    from writer.io.folders import carry_over, make_sibling, remove_stale_siblings, replace_folder

    out = Path(out)
    check_out_dir(out, force)
    target = Path(os.path.realpath(out))
    written: list[str] = []
    try:
        tmp = make_sibling(target)
        files = chain([(DOCUMENTS_FILE, document_lines(documents, lines))], render_bank_files(bank))
        for name, text in files:
            _write_new(tmp / name, text, target / name)
            written.append(name)
        carry_over(target, tmp, skip={*written, ".cache"})
        replace_folder(tmp, target)
    except OSError as exc:
        raise WriteFailedError(f"无法写入素材库（{exc.strerror or exc}）", out) from None
    finally:
        # Every hidden sibling, not just ``tmp``: a signal can land after mkdtemp made the folder and
        # before its name was returned. The caller holds the folder's lock, so none is another run's.
        remove_stale_siblings(target)
    return [out / name for name in written]


def _write_new(path: Path, text: str | Iterable[str], old: Path) -> None:
    """A new file with ``text`` (or its pieces, in order); it keeps the mode of the file it replaces
    (a new one gets the umask's)."""
    with open(path, "x", encoding="utf-8", newline="") as fh:
        if isinstance(text, str):
            fh.write(text)
        else:
            fh.writelines(text)
    try:
        os.chmod(path, old.stat().st_mode & 0o7777)
    except FileNotFoundError:
        pass
