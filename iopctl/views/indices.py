"""``iopctl index list``: every index figure iopctl knows, and those agreements need.

A figure is *known* when it is bundled with iopctl or in one of the repository's index
files; it is *needed* when an agreement's amount for a year cannot be computed without it
(:class:`~iopctl.facts.Facts`, a year whose own figure is missing). Data only; the words
are in :mod:`iopctl.present.indices`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from iopctl.checks.validate import validate_each
from iopctl.facts import Facts, facts_of
from iopctl.frozen import frozen
from iopctl.model.load import Loaded
from iopctl.money.reference import DATA_DIR, ReferenceData
from iopctl.money.series import IndexValue

__all__ = [
    "IndexOverview",
    "KnownFigure",
    "NeededFigure",
    "index_overview",
    "index_overview_of_paths",
]


@frozen
class KnownFigure:
    value: IndexValue
    origin: str
    bundled: bool


@frozen
class NeededFigure:
    index: str
    year: int
    agreements: tuple[str, ...]
    index_known: bool


@frozen
class IndexOverview:
    known: tuple[KnownFigure, ...]
    needed: tuple[NeededFigure, ...]
    files: tuple[str, ...]


def index_overview(reference: ReferenceData, facts: Iterable[Facts | None]) -> IndexOverview:
    return _overview(reference, (_needs(f) for f in facts))


def index_overview_of_paths(
    paths: Sequence[str], *, as_of: dt.date, index_files: Sequence[str] = ()
) -> IndexOverview:
    """``iopctl index list`` over the files under ``paths`` (read one at a time)."""
    validation, kept = validate_each(paths, _NeedsStep(as_of), index_files=index_files)
    return _overview(validation.reference, kept)


@frozen(slots=True)
class _NeedsStep:
    as_of: dt.date

    def __call__(self, loaded: Loaded, reference: ReferenceData) -> _Needs | None:
        return _needs(facts_of(loaded, as_of=self.as_of, reference=reference))


_Needs = tuple[str, list[tuple[str, int]]]
"""An agreement's id and the (index, year) figures it lacks."""


def _needs(f: Facts | None) -> _Needs | None:
    if f is None:
        return None
    missing = []
    for c in f.contributions:
        for row in c.years:
            lacks = row.figure_missing and row.unknown in ("no_figure", "unknown_index")
            if c.index and lacks:
                missing.append((c.index, row.year))
    return f.id, missing


def _overview(reference: ReferenceData, needs: Iterable[_Needs | None]) -> IndexOverview:
    bundled = str(DATA_DIR / "indices.yaml")
    known = []
    for code in sorted(reference.series):
        for v in sorted(reference.series[code].values, key=lambda v: (v.year, v.status)):
            origin = reference.origins.get((v.index, v.year, v.status), "")
            known.append(KnownFigure(v, origin, origin == bundled))
    wanted: dict[tuple[str, int], set[str]] = {}
    for found in needs:
        if found is None:
            continue
        agreement_id, missing = found
        for key in missing:
            wanted.setdefault(key, set()).add(agreement_id)
    needed = tuple(
        NeededFigure(index, year, tuple(sorted(ids)), index in reference.series)
        for (index, year), ids in sorted(wanted.items())
    )
    return IndexOverview(tuple(known), needed, reference.files)
