"""A formulation's history: first, peak and last year, the share per year, the reports of its first year.

``trace`` answers for the phrases of one ``writer trend`` call from one source
of evidence (writer.trend.evidence); ``Trend.to_dict`` is the ``--json``
object. A phrase the evidence does not hold comes back with ``use`` None, so
the caller can say so once and the others still answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from writer.bank.years import YearUse
from writer.trend.errors import PhraseError

# Longer than any heading a report would repeat word for word: past this, a phrase is a passage.
MAX_PHRASE_CHARS = 40
SHARE_DIGITS = 4


@dataclass
class Trend:
    """One phrase's evidence (None: not held), the reports of its first year, and a rank score if ranked."""

    phrase: str
    use: YearUse | None
    first_reports: list[tuple[str, int, str]] = field(default_factory=list)
    score: float | None = None

    def to_dict(self) -> dict:
        use = self.use
        out = {
            "phrase": self.phrase,
            "first_year": use.first_year if use else None,
            "peak_year": use.peak_year if use else None,
            "last_year": use.last_year if use else None,
            "years": {str(y): round(s, SHARE_DIGITS) for y, s in use.shares().items()} if use else {},
            "reports": use.reports if use else 0,
            "first_year_reports": [{"title": t, "year": y, "region": r} for t, y, r in self.first_reports],
        }
        if self.score is not None:
            out["score"] = round(self.score, 3)
        return out


def checked_phrases(phrases: list[str]) -> list[str]:
    """The phrases stripped of surrounding spaces, each once, in order; a missing, empty or overlong one is an error."""
    if not phrases:
        raise PhraseError("缺少提法：writer trend 提法…（或 --new 年份、--fading 年份）")
    out: list[str] = []
    for given in phrases:
        phrase = given.strip()
        if not phrase:
            raise PhraseError("提法是空的：请给出要查的文字，如 writer trend 新质生产力", key=given)
        if len(phrase) > MAX_PHRASE_CHARS:
            raise PhraseError(f"提法过长（{len(phrase)} 字）：最多 {MAX_PHRASE_CHARS} 字，请给出提法本身而不是一段话",
                              key=phrase[:12] + "…")
        if phrase not in out:
            out.append(phrase)
    return out


def with_first_reports(phrase: str, use: YearUse | None, evidence, score: float | None = None) -> Trend:
    """The ``Trend`` of ``phrase`` with the reports of its first year, as the evidence keeps them."""
    if use is None or use.first_year is None:
        return Trend(phrase, use, score=score)
    return Trend(phrase, use, evidence.reports(phrase, use.first_year), score)


def trace(phrases: list[str], evidence) -> list[Trend]:
    """Each phrase's history in ``evidence`` (writer.trend.evidence), in the order given."""
    return [with_first_reports(phrase, evidence.lookup(phrase), evidence) for phrase in checked_phrases(phrases)]
