"""What the command modules share: printing a domain error the one way writer prints errors."""

from __future__ import annotations

import sys

from writer.errors import WriterError


def report(error: WriterError) -> None:
    """Print a domain error as one line (one per error of a group) on stderr."""
    for line in str(error).splitlines():
        print(f"writer: {line}", file=sys.stderr)
