"""One finding of the checker and the severity levels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

# The severity of a finding, as rule files and .writer.yaml spell it (a schema type).
Level = Literal["info", "warning", "error"]
LEVELS: tuple[str, ...] = get_args(Level)


def level_rank(level: str) -> int:
    """0 for info, 1 for warning, 2 for error."""
    return LEVELS.index(level)


@dataclass(slots=True)
class Finding:
    """A fault at [start, end) of a draft's text, with its 1-based position.

    ``end_line``/``end_column`` point just past the span (exclusive), like
    ``column`` counted in characters. ``fix`` is the replacement text of the
    span when the fault can be fixed mechanically.
    """

    file: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    level: str
    message: str
    suggestion: str | None = None
    fix: str | None = None

    def to_dict(self) -> dict:
        """The JSON record of ``writer check --format json``."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column,
                "rule": self.rule, "level": self.level, "message": self.message,
                "suggestion": self.suggestion}
