"""``iopctl index list``: every index figure iopctl knows, and those agreements need.

A figure is *known* when it is bundled with iopctl or in one of the repository's index
files; it is *needed* when an agreement's amount for a year cannot be computed without it
(:class:`~iopctl.facts.Facts`, a year whose own figure is missing). Data only; the words
are in :mod:`iopctl.present.indices`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from iopctl.facts import Facts
from iopctl.money.reference import DATA_DIR, ReferenceData
from iopctl.money.series import IndexValue

__all__ = ["IndexOverview", "KnownFigure", "NeededFigure", "index_overview"]


@dataclass(frozen=True)
class KnownFigure:
    value: IndexValue
    origin: str
    bundled: bool


@dataclass(frozen=True)
class NeededFigure:
    index: str
    year: int
    agreements: tuple[str, ...]
    index_known: bool


@dataclass(frozen=True)
class IndexOverview:
    known: tuple[KnownFigure, ...]
    needed: tuple[NeededFigure, ...]
    files: tuple[str, ...]


def index_overview(reference: ReferenceData, facts: Iterable[Facts | None]) -> IndexOverview:
    bundled = str(DATA_DIR / "indices.yaml")
    known = []
    for code in sorted(reference.series):
        for v in sorted(reference.series[code].values, key=lambda v: (v.year, v.status)):
            origin = reference.origins.get((v.index, v.year, v.status), "")
            known.append(KnownFigure(v, origin, origin == bundled))
    wanted: dict[tuple[str, int], set[str]] = {}
    for f in facts:
        if f is None:
            continue
        for c in f.contributions:
            for row in c.years:
                missing = row.figure_missing and row.unknown in ("no_figure", "unknown_index")
                if c.index and missing:
                    wanted.setdefault((c.index, row.year), set()).add(f.id)
    needed = tuple(
        NeededFigure(index, year, tuple(sorted(ids)), index in reference.series)
        for (index, year), ids in sorted(wanted.items())
    )
    return IndexOverview(tuple(known), needed, reference.files)
