"""One suggestion: its text, kind, where it came from (mined or generated) and its score."""

from __future__ import annotations

from dataclasses import dataclass, field

MINED = "mined"
GENERATED = "generated"


@dataclass
class Suggestion:
    """One result: its text, what kind it is, where it came from, and its score."""

    text: str
    kind: str
    origin: str                      # "mined" or "generated"
    source: str | None = None        # mined: the source document's title; generated passages: the template's source
    year: int | None = None
    pattern: str | None = None       # generated: the pattern or template filled
    from_heading: str | None = None  # generated headings: the mined heading behind the pattern
    lines: list[str] = field(default_factory=list)
    score: float = 0.0
    theme: str | None = None         # generated headings: the section theme that steered it
    parts: tuple[str, ...] = ()      # assembled passages: roles of the bank pieces used (couplet, review)

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "origin": self.origin,
                "source": self.source, "year": self.year, "pattern": self.pattern,
                "from_heading": self.from_heading, "lines": self.lines or [self.text],
                "theme": self.theme, "score": self.score}


def nothing_found(topic: str, label: str) -> str:
    """The one line `writer suggest` prints when it has nothing: why, and what to try instead."""
    from writer.bank.lexicon import load_lexicon

    if load_lexicon().topic(topic).known:
        return f"没有找到与“{topic}”相关的{label}。"
    return (f"主题词表里没有“{topic}”，素材库里也没有写它的{label}：没有给出不相干的通用结果；"
            f"可换一个相近的主题（如 科技、教育），或先用 writer mine 把写它的综述加进素材库。")
