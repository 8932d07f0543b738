"""Heading ranks: which heading of a document's own layout sits above which.

A document's numbering kinds (一、 （一） 1. …) open levels in the order it uses
them. Run-in headings (a bold phrase or an ordinal 一是 opening a paragraph) carry
no number of the outline: a numbered item ranks above them, and a bold heading
phrase that opens a numbered list is a part above it. Blocks are the structure
module's: ``kind`` ("h"/"p"), ``marker`` (the kind of heading) and ``sentence``
(the run-in is set as a sentence, not as a heading phrase).
"""

from __future__ import annotations


def level(kinds: list[str], marker: str) -> int:
    """The level of a heading of kind ``marker`` given the kinds open above it (updated in place).

    A kind seen before closes everything opened since it (its siblings'
    children); a new kind opens one level deeper. So parts above 一、 items
    above （一） items come out as a document sets them, whatever its layout.
    """
    if marker in kinds:
        del kinds[kinds.index(marker):]
    kinds.append(marker)
    return len(kinds)


def list_kind(marker: str, first: bool, kinds: list[str], styled: bool, styles: dict[str, bool]) -> str:
    """The kind a numbered heading ranks as: its numbering's, or a list of its own when the numbering
    restarts inside an item of the same numbering: under an unnumbered heading (四、2006年工作重点 /
    **加快发展** / 一、…) or set otherwise than that item (**四、2006年工作重点** / plain 一、…), the
    new list sits under it, it is no sibling of 四、. ``styled``: the heading is set bold; ``styles``:
    whether the last heading of each kind was."""
    nested = marker + "'"
    if nested in kinds:
        # the outer list goes on (**三、…** after the plain inner 一、…七、) when set as it is
        outer = styles.get(marker) == styled != styles.get(nested)
        return marker if outer and not first else nested
    if not first or marker not in NUMBERED_KINDS or marker not in kinds:
        return marker
    if kinds[-1] == marker:
        return nested if styles.get(marker, styled) != styled else marker
    return nested if kinds[-1] not in NUMBERED_KINDS else marker


# Run-in headings that carry no number of the document's outline: a bold phrase, an ordinal (一是…).
RUN_IN_KINDS = frozenset({"bold", "ord"})
NUMBERED_KINDS = frozenset({"part", "cn", "pcn", "ar", "par"})


def run_in_beside(block, kinds: list[str], run_ins: dict[str, bool]) -> None:
    """A run-in heading (``block.tail``: its text follows on the line) after a run-in of the other run-in
    kind ranks beside it: **一是精准施策。**… after **这五年，综合实力跃上新台阶。**… is the part's list,
    not the last phrase's, for a run-in paragraph holds no run-ins (its points stay in its text). So the
    open run-in kind is closed (``kinds`` updated in place). After a whole heading line (一是统筹城乡发展
    set alone) run-ins stay its subheadings. ``run_ins``: whether the last heading of each kind was a run-in."""
    if block.tail and block.marker in RUN_IN_KINDS and kinds and kinds[-1] in RUN_IN_KINDS \
            and kinds[-1] != block.marker and run_ins.get(kinds[-1]):
        kinds.pop()


def next_heading_markers(blocks: list) -> list[str]:
    """For each block, the marker of the first heading after it that is not a run-in ("" at the end)."""
    out = [""] * len(blocks)
    following = ""
    for k in range(len(blocks) - 1, -1, -1):
        out[k] = following
        if blocks[k].kind == "h" and blocks[k].marker not in RUN_IN_KINDS:
            following = blocks[k].marker
    return out


def is_emphasis(block, next_marker: str, kinds: list[str]) -> bool:
    """A run-in sentence set before the first item of a numbered list it would otherwise hold
    (**主要预期目标是：**… or **——经济运行稳中有进。**… before （一）): body text with emphasis.

    A numbered item ranks above an unnumbered run-in; run-ins after an item are its subheadings.
    A bold heading phrase (**2003年经济社会发展取得新成绩** 正文…) before a list is a part above it.
    """
    return block.kind == "h" and block.sentence and block.marker in RUN_IN_KINDS \
        and next_marker in NUMBERED_KINDS and next_marker not in kinds


def is_part_run_in(block, next_marker: str, kinds: list[str], parts_so_set: bool) -> bool:
    """A bold heading phrase run into its text (**2004年主要任务** 今年…) that opens a numbered list:
    a part like the unnumbered parts (**2003年工作回顾**), not a heading under them; before any heading
    it is the first part. Once a document sets its parts so, each such phrase before a list is one."""
    if block.kind != "h" or block.marker != "bold" or block.sentence or next_marker not in NUMBERED_KINDS:
        return False
    if not kinds:
        return True
    if "h" not in kinds:
        return False
    below_part = kinds.index("h") + 1
    return (kinds[-1] == "h" and next_marker not in kinds) or (
        parts_so_set and (next_marker not in kinds or kinds.index(next_marker) == below_part))
