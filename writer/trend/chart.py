"""Terminal charts of shares per year in plain characters: a sparkline row per phrase, a bar per year.

Only block characters (▁…█, ▏…█) and text: no colours, nothing a pipe or a
log cannot hold. Columns are padded by display width (a Chinese character
takes two columns), and every text from the evidence or the user passes
``for_terminal`` first.
"""

from __future__ import annotations

import unicodedata

from writer.bank.years import YearUse
from writer.io.sanitize import for_terminal

SPARKS = "▁▂▃▄▅▆▇█"
UNUSED = "·"              # a year in which no report used the phrase (▁ is a small share, not none)
EIGHTHS = " ▏▎▍▌▋▊▉"
MIN_BAR = 10
LEAD_YEARS = 2            # bars start this many years before the first use: the years before say nothing more


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def sparkline(use: YearUse, years: list[int]) -> str:
    """One character per year: the share against the share of the phrase's peak year (· for none).

    A year of a few reports may lie above the peak (one report of one: 100%); it shows as the top block.
    """
    peak = use.share(use.peak_year) if use.peak_year is not None else 0.0
    out = []
    for year in years:
        share = use.share(year)
        if share <= 0 or peak <= 0:
            out.append(UNUSED)
        else:
            out.append(SPARKS[min(len(SPARKS) - 1, int(share / peak * len(SPARKS)))])
    return "".join(out)


def percent(share: float) -> str:
    if 0 < share < 0.01:
        return "<1%"
    return f"{share:.0%}"


def summary(use: YearUse) -> str:
    """首见、高峰（占比）、最近、报告数: the words after a sparkline."""
    peak = use.peak_year
    # Commas, not spaces, between the fields: the line is Chinese prose that must pass
    # ``writer check --only spacing`` like everything writer prints.
    return (f"首见{use.first_year}年，高峰{peak}年（{percent(use.share(peak))}），最近{use.last_year}年，"
            f"共{use.reports}篇")


def sparkline_rows(rows: list[tuple[str, YearUse]], years: list[int]) -> list[str]:
    """A header naming the first and last year, then label, sparkline and summary per row."""
    labels = [for_terminal(label) for label, _ in rows]
    width = max([display_width(label) for label in labels] + [4]) + 2
    span = len(years)
    if span >= 9:
        head = f"{years[0]}" + " " * max(1, span - 8) + f"{years[-1]}"
    else:
        head = f"{years[0]}–{years[-1]}" if span > 1 else f"{years[0]}"
    out = [pad("", width) + head]
    for label, (_, use) in zip(labels, rows):
        out.append(pad(label, width) + sparkline(use, years) + "  " + summary(use))
    return out


def bar(share: float, peak: float, width: int) -> str:
    """A bar of ``width`` columns at the peak share, in eighths of a column."""
    if peak <= 0 or share <= 0:
        return ""
    eighths = max(1, round(share / peak * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def bar_rows(use: YearUse, years: list[int], columns: int) -> list[str]:
    """A bar per year from ``LEAD_YEARS`` before the first use: the year, the bar (scaled to the
    terminal's width), the share and its counts."""
    if use.first_year is not None:
        years = [y for y in years if y >= use.first_year - LEAD_YEARS]
    peak = max((use.share(y) for y in years), default=0.0)
    counts = [f"{use.docs.get(y, 0)}/{use.totals.get(y, 0)}" for y in years]
    tail = max(len(c) for c in counts) + 8
    width = max(MIN_BAR, min(40, columns - 6 - tail))
    out = []
    for year, count in zip(years, counts):
        share = use.share(year)
        out.append(f"{year}  {pad(bar(share, peak, width), width)}  {percent(share):>4}（{count}）")
    return out
