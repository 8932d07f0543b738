"""The schema of writer/data/render/fit.yaml, read only when its cached copy is missing or stale.

writer.render.fit keeps the decoded file in writer's data cache as plain data
and gives it to a render as tuples with named parts (``Level``,
``CommonLine``): the dataclasses the decoder needs are made only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from writer.io.datafiles import load_data


@dataclass(frozen=True)
class LevelEntry:
    """One level of unit and how its people are named."""

    name: str
    contains: list[str]
    collective: str
    people: str


@dataclass(frozen=True)
class CommonLineEntry:
    """A stock line the genre shares (no single source owns it), and the kinds it suits."""

    text: str
    kinds: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FitFile:
    """The schema of writer/data/render/fit.yaml."""

    kinds: dict[str, list[str]]
    levels: list[LevelEntry]
    principles: dict[str, list[str]]
    results: dict[str, list[str]]
    result_heads: dict[str, list[str]]
    contrasts: dict[str, list[str]]
    common_lines: list[CommonLineEntry]


def fit_plain(name: str) -> tuple:
    """The data file ``name`` (fit.yaml) decoded and validated, as plain data for the cache."""
    fit = load_data(name, FitFile)
    return (fit.kinds, [(lv.name, lv.contains, lv.collective, lv.people) for lv in fit.levels], fit.principles,
            fit.results, fit.result_heads, fit.contrasts, [(line.text, line.kinds) for line in fit.common_lines])
