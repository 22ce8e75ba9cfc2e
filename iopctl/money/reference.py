"""Reference data: index series (OPI, PKV …) and employer contribution rates.

The bundled figures live in ``iopctl/data/*.yaml``, each with its source. Users
add years or their own indices with index files of the same format: every
``*.yaml`` in an ``indices/`` folder of the current directory, and any file
given with ``--index-file``. Later files override earlier ones value by value
(same index, year and status), so a municipality can add SKR's newest figure
the day it is published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.model.base import no_items
from iopctl.model.types import Date, Percent, Text, Year
from iopctl.money.series import IndexSeries, IndexValue
from iopctl.problems.diagnostic import Diagnostic, Severity
from iopctl.reading.paths import (
    boundary_of,
    escapes,
    is_regular_file,
    link_refused,
    real,
    repository_root,
)
from iopctl.reading.root import index_folder
from iopctl.reading.source import Source, attach_excerpts, load_file

__all__ = [
    "DATA_DIR",
    "IndexFile",
    "ReferenceData",
    "employer_contribution",
    "load_reference",
]

DATA_DIR = Path(__file__).parent.parent / "data"


IndexCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _IndexValueEntry(_Strict):
    year: Year
    percent: Percent
    status: Literal["preliminary", "definitive"]
    published: Date | None = None
    source: Text
    note: Text | None = None


class _SeriesEntry(_Strict):
    name: Text | None = None
    publisher: Text | None = None
    values: list[_IndexValueEntry] = Field(default_factory=no_items)


class IndexFile(_Strict):
    """The format of ``iopctl/data/indices.yaml`` and of users' index files."""

    indices: dict[IndexCode, _SeriesEntry]


class _ContributionEntry(_Strict):
    year: Year
    percent: Percent
    source: Text


class EmployerContributionFile(_Strict):
    employer_contributions: list[_ContributionEntry]


@frozen
class ReferenceData:
    """Index series by code, plus where each came from."""

    series: dict[str, IndexSeries] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    origins: dict[tuple[str, int, str], str] = field(default_factory=dict)
    """The file each value came from, by (index, year, status)."""

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.series)


def _parse(path: str, display: str) -> tuple[IndexFile | None, Source | None, list[Diagnostic]]:
    from iopctl.model.load import convert_errors

    source, problems = load_file(path, display)
    if source is None:
        return None, None, problems
    try:
        parsed = IndexFile.model_validate(source.data)
    except ValidationError as exc:
        found = problems + list(convert_errors(exc, source, IndexFile))
        return None, source, attach_excerpts(found, source.text)
    return parsed, source, problems


def _values(
    parsed: IndexFile, source: Source
) -> tuple[dict[tuple[str, int, str], tuple[IndexValue, str, str]], list[Diagnostic]]:
    found: dict[tuple[str, int, str], tuple[IndexValue, str, str]] = {}
    problems: list[Diagnostic] = []
    for code, series in parsed.indices.items():
        for i, entry in enumerate(series.values):
            key = (code, entry.year, entry.status)
            if key in found:
                problems.append(
                    source.diagnostic(
                        ("indices", code, "values", i, "year"),
                        "IOP502",
                        N_("{index} {year} has two {status} values in this file"),
                        N_(
                            "keep one value per year and status; add the definitive figure "
                            "as a second entry with status: definitive"
                        ),
                        index=code,
                        year=entry.year,
                        status=entry.status,
                    )
                )
                continue
            value = IndexValue(
                index=code,
                year=entry.year,
                percent=entry.percent,
                status=entry.status,
                published=entry.published,
                source=entry.source,
                note=entry.note or "",
            )
            found[key] = (value, series.name or "", series.publisher or "")
    return found, problems


@cache
def _bundled() -> tuple[dict[tuple[str, int, str], tuple[IndexValue, str, str]], str]:
    path = DATA_DIR / "indices.yaml"
    parsed, source, problems = _parse(str(path), str(path))
    if parsed is None or source is None or problems:
        raise RuntimeError(f"bundled index data is invalid: {problems}")
    values, problems = _values(parsed, source)
    if problems:
        raise RuntimeError(f"bundled index data is invalid: {problems}")
    return values, str(path)


def user_index_files(index_files: Sequence[str], *, folder: Path) -> list[str]:
    """``*.yaml`` of the repository's index ``folder`` (:func:`index_folder`), then of the
    current directory's when that is another folder (each sorted), then ``--index-file``
    paths."""
    found: list[str] = []
    folders = [folder]
    here = index_folder(Path("."))
    if real(here) != real(folders[0]):  # realpath: a link loop is a path, not an error
        folders.append(here)
    for folder in folders:
        if folder.is_dir():
            found += sorted(str(p) for p in folder.glob("*.y*ml") if p.is_file())
    return found + list(index_files)


def _refused(path: str, *, named: bool, folder: Path) -> Diagnostic | None:
    """IOP009 for an index file a link takes out of the repository (or the folder given);
    IOP001 for a named one inside the repository that is not a regular file."""
    boundary = boundary_of(path, folder=False) if named else boundary_of(folder, folder=True)
    target = escapes(path, boundary)
    if target is not None:
        return link_refused(path, target)
    if named and boundary == repository_root() and not is_regular_file(path):
        return Diagnostic(
            path,
            0,
            0,
            "IOP001",
            Severity.ERROR,
            N_("not a regular file (a pipe, socket or device); not read"),
            N_("give the index file itself"),
        )
    return None


def load_reference(
    index_files: Sequence[str] = (), *, search_dir: str = "."
) -> tuple[ReferenceData, list[Diagnostic]]:
    """Bundled series overlaid with the user's index files; problems as diagnostics."""
    bundled, bundled_file = _bundled()
    merged = dict(bundled)
    origins = dict.fromkeys(bundled, bundled_file)
    problems: list[Diagnostic] = []
    files = [bundled_file]
    named = set(index_files)
    folder = index_folder(Path(search_dir))
    for path in user_index_files(index_files, folder=folder):
        if not Path(path).exists():
            problems.append(
                Diagnostic(
                    path,
                    0,
                    0,
                    "IOP501",
                    Severity.ERROR,
                    N_("index file does not exist"),
                    N_("check the path given to --index-file"),
                )
            )
            continue
        refusal = _refused(path, named=path in named, folder=folder)
        if refusal is not None:
            problems.append(refusal)
            continue
        parsed, source, found = _parse(path, path)
        problems.extend(found)
        if parsed is None or source is None:
            continue
        values, duplicates = _values(parsed, source)
        problems.extend(attach_excerpts(duplicates, source.text))
        merged.update(values)
        origins.update(dict.fromkeys(values, path))
        files.append(path)
    grouped: dict[str, list[tuple[IndexValue, str, str]]] = {}
    for (code, _year, _status), item in sorted(merged.items()):
        grouped.setdefault(code, []).append(item)
    series = {
        code: IndexSeries(
            name=code,
            values=tuple(v for v, _, _ in items),
            title=next((t for _, t, _ in items if t), ""),
            publisher=next((p for _, _, p in items if p), ""),
        )
        for code, items in grouped.items()
    }
    return ReferenceData(series, tuple(files), origins), problems


@cache
def _employer_contributions() -> dict[int, tuple[Decimal, str]]:
    path = DATA_DIR / "employer_contributions.yaml"
    source, problems = load_file(str(path))
    if source is None or problems:
        raise RuntimeError(f"bundled employer contribution data is invalid: {problems}")
    parsed = EmployerContributionFile.model_validate(source.data)
    return {e.year: (e.percent, e.source) for e in parsed.employer_contributions}


def employer_contribution(year: int) -> tuple[Decimal, str] | None:
    """Full statutory arbetsgivaravgift for ``year`` in percent, with its source."""
    return _employer_contributions().get(year)


def employer_contribution_years() -> list[int]:
    return sorted(_employer_contributions())
