"""The ``dated`` check kind: a set phrase the reports stopped using years before the draft was written.

Evidence, not a verdict. The phrases are the reference bank's mined entries
(writer.bank.reference: slogans and terms of 1,600 government work reports,
with the reports per year using each). A phrase is dated for a draft of year
Y when it was a set phrase once (its peak share of a year's reports reached
``min_peak``, in a year of at least ``min_reports`` reports) and its share fell to near zero (below ``near_zero`` of the
reports, in every year from then to the last year of the evidence) at least
``gap`` years before Y. The draft's year is ``--year``, else the year its
title, front matter or first full date names (writer.check.kinds.phrases.
document_year), else the last year of the evidence (a draft written now).
An official name that is still right stays allowed through ``.writer.yaml``'s
``accept``; the old forms of the lists named in ``defer_to`` (list:stale) are
left to that rule, whose renames are authoritative.

The reference is loaded only when a run needs the phrases (a context may
carry one as ``reference``, as tests do); ``--disable dated`` never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from writer.check.kinds.base import Check, CheckParams, fmt, param
from writer.check.kinds.phrases import document_year

CACHE_FORMAT = 1
DATED_FIELDS = ("phrase", "peak", "peak_share", "faded", "last", "year", "gap")


@dataclass(kw_only=True)
class DatedParams(CheckParams):
    kinds: list[str] = param(["slogan", "term"], check="strings")   # the reference's entry kinds looked at
    gap: int = param(5, tunable=True, minimum=1)            # years between the fade and the draft
    near_zero: float = param(0.02, tunable=True, minimum=0)  # a share of a year's reports this small is none
    min_peak: float = param(0.1, tunable=True, minimum=0)    # a set phrase once: at least this share at its peak
    min_reports: int = param(20, tunable=True, minimum=1)    # a year counts with at least this many reports
    defer_to: list[str] | None = param(None, check="lists")  # substitution lists whose old forms another rule has
    message: str = param("“{phrase}”{faded} 年起已少见", check="template", fields=DATED_FIELDS)
    suggestion: str | None = param(None, check="template", fields=DATED_FIELDS)


@dataclass(frozen=True)
class Fade:
    """When a phrase peaked (year, share), from which year it was near zero, and the last year it was seen."""

    peak: int
    peak_share: float
    faded: int
    last: int


def fade_of(use, near_zero: float, min_peak: float, min_reports: int = 1) -> Fade | None:
    """The fade of a ``YearUse``: None when it never was a set phrase or is still in use at the end.

    Only years with at least ``min_reports`` reports count, for the peak and for the fade: one
    report of 1985 using a phrase is no share of 100%.
    """
    years = [y for y in sorted(use.totals) if use.totals[y] >= min_reports]
    used = [y for y in years if use.docs.get(y, 0)]
    if not used:
        return None
    peak = max(used, key=lambda y: (use.share(y), -y))
    if use.share(peak) < min_peak:
        return None
    faded = None
    for year in years:
        if year <= peak:
            continue
        if use.share(year) < near_zero:
            faded = faded or year
        else:
            faded = None
    if faded is None:
        return None
    return Fade(peak, use.share(peak), faded, use.last_year)


class Dated(Check):
    """A set phrase of the reference whose share fell to near zero at least ``gap`` years before the draft."""

    kind = "dated"
    Params = DatedParams

    def _evidence(self, ctx):
        """(phrase → Fade, the evidence's last year), from the context's reference or the shipped one.

        The shipped reference's fades are kept in writer's cache, keyed on its phrase file's content
        and the parameters: a check run then reads neither the reference nor its 20,000 phrases.
        """
        if not hasattr(self, "_fades"):
            reference = getattr(ctx, "reference", None)
            fades, last_year = self._fades_of(reference) if reference is not None else self._shipped_fades()
            deferred = {sub.old for name in self.params["defer_to"] or []
                        for sub in self.wordlists[name[5:]].substitutions}
            self._fades = {text: Fade(*row) for text, row in fades.items() if text not in deferred}
            self._last_year = last_year
        return self._fades, self._last_year

    def _fades_of(self, reference) -> tuple[dict[str, tuple], int]:
        """(phrase → (peak, peak share, faded, last)) of the reference's entries of ``kinds``, and its last year."""
        fades = {}
        for kind in self.params["kinds"]:
            for use in reference.phrases(kind):
                fade = fade_of(use, self.params["near_zero"], self.params["min_peak"], self.params["min_reports"])
                if fade is not None:
                    fades[use.text] = (fade.peak, fade.peak_share, fade.faded, fade.last)
        return fades, max(reference.totals)

    def _shipped_key(self) -> tuple:
        from writer.bank.reference import PHRASES_FILE, default_reference
        from writer.io import cache

        return (CACHE_FORMAT, cache.content_stamp(default_reference() / PHRASES_FILE), tuple(self.params["kinds"]),
                self.params["near_zero"], self.params["min_peak"], self.params["min_reports"])

    def stamp(self, ctx) -> tuple | None:
        return None if getattr(ctx, "reference", None) is not None else self._shipped_key()

    def _shipped_fades(self) -> tuple[dict[str, tuple], int]:
        from writer.bank.reference import default_reference
        from writer.io import cache

        folder = default_reference()
        key = self._shipped_key()
        path = cache.cache_file(folder, "dated-fades.marshal")
        data = cache.load(path, key)
        if data is None:
            from writer.bank.reference import load_reference

            data = self._fades_of(load_reference(folder))
            cache.store(path, key, data)
        return data[0], data[1]

    def phrase_set(self, ctx, accept):
        return frozenset(self._evidence(ctx)[0]) - accept

    def run(self, draft, ctx, emit, accept):
        fades, last_year = self._evidence(ctx)
        year = getattr(ctx, "year", None) or document_year(draft) or last_year
        gap = self.params["gap"]
        for s, e, phrase in self.hits(draft, ctx, accept):
            fade = fades[phrase]
            if fade.faded > year - gap:
                continue
            values = dict(phrase=phrase, peak=fade.peak, peak_share=f"{fade.peak_share:.0%}", faded=fade.faded,
                          last=fade.last, year=year, gap=gap)
            emit(s, e, fmt(self.params["message"], **values), fmt(self.params["suggestion"], **values))
