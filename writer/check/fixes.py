"""Applying the mechanical fixes (punct, quote, spacing) to a draft's text."""

from __future__ import annotations

from writer.check.finding import Finding
from writer.errors import UsageError

# Fixing can expose a new mechanical fault (removing a space joins two
# marks), and a chain of them (“全, ,,”) takes a round per link; every fix
# removes an ASCII mark, a space or a repeat, so rounds end. Real text needs
# one or two; the cap only guards against a rule file whose fixes undo each other.
MAX_ROUNDS = 64


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, int]:
    """``text`` with every non-overlapping fix applied, and how many were applied."""
    fixes = sorted((f for f in findings if f.fix is not None), key=lambda f: (f.start, f.end))
    pieces, pos, applied = [], 0, 0
    for f in fixes:
        if f.start < pos:
            continue   # overlaps a fix already taken
        pieces.append(text[pos:f.start])
        pieces.append(f.fix)
        pos = f.end
        applied += 1
    pieces.append(text[pos:])
    return "".join(pieces), applied


def fix_text(checker, text: str, path: str = "-", markdown: bool = False) -> tuple[str, int]:
    """Apply fixes until none is left (or MAX_ROUNDS); return the text and the number applied."""
    total = 0
    for _ in range(MAX_ROUNDS):
        findings = checker.check_text(text, path, markdown)
        text, applied = apply_fixes(text, findings)
        if not applied:
            break
        total += applied
    return text, total


class FixTargetError(UsageError):
    """--fix cannot rewrite this input (a .docx, .pdf or web page, or --in-place on standard input)."""


def fix_file(checker, name: str, in_place: bool = False, force: bool = False):
    """Fix the draft ``name``; write NAME.fixed (or NAME itself, keeping NAME.bak).

    Returns (path written, number of fixes, fixed text, markdown flag).
    """
    from pathlib import Path

    from writer.check.inputs import encode_like, read_draft
    from writer.io.files import atomic_write, check_output

    path = Path(name)
    if path.suffix.lower() in (".docx", ".pdf", ".html", ".htm"):
        raise FixTargetError(f"--fix 不能改写 {path.suffix.lower()}；请另存为 .txt 或 .md 后再修正", name)
    beside = path.with_name(path.name + (".bak" if in_place else ".fixed"))
    # Before any work and before the backup: a read-only draft, a device, an existing NAME.bak/.fixed.
    check_output(beside, force)
    if in_place:
        check_output(path, force=True)
    text, markdown = read_draft(name)
    fixed, applied = fix_text(checker, text, name, markdown)
    original = path.read_bytes()
    data = encode_like(original, fixed)
    if in_place:
        atomic_write(beside, original, force)
        atomic_write(path, data, force=True)
        return path, applied, fixed, markdown
    atomic_write(beside, data, force)
    return beside, applied, fixed, markdown
