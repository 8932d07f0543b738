"""What the command modules share: printing a domain error the one way writer prints errors."""

from __future__ import annotations

import sys

from writer.errors import WriterError


def report(error: WriterError, file=None) -> None:
    """Print a domain error as one line (one per error of a group) on stderr (or ``file``)."""
    from writer.io.sanitize import for_terminal

    for line in str(error).splitlines():
        print(f"writer: {for_terminal(line)}", file=file or sys.stderr)
