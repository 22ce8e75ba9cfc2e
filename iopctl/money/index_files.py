"""A repository's own index figures: ``indices/<index>.yaml``, written by ``iopctl index add``.

SKR publishes OPI every December; a municipality adds the figure the day it appears, with
its source, instead of waiting for a new iopctl. The file has the format of the bundled
``iopctl/data/indices.yaml`` and is read like any index file (later files override earlier
ones value by value). Writing keeps every other value in the file, sorted, and replaces
the file atomically; comments in a hand-edited file are not kept (the header says so).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from iopctl.errors import IopctlError
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.money.series import IndexValue
from iopctl.reading.root import index_folder

__all__ = ["AlreadyKnown", "FigureToAdd", "add_figure", "index_file_for"]

HEADER = (
    "# Index figures of this repository, kept with `iopctl index add` (edit by hand if you\n"
    "# like: the format is that of iopctl's bundled indices.yaml, but comments are not\n"
    "# kept when iopctl writes the file). Every value names its source.\n"
)


@frozen
class FigureToAdd:
    index: str
    year: int
    percent: Decimal
    status: Literal["preliminary", "definitive"]
    source: str
    published: dt.date | None = None


class AlreadyKnown(IopctlError):
    """The file already has a value for this index, year and status."""

    def __init__(self, file: Path, existing: dict[str, Any]) -> None:
        self.file = file
        self.existing = existing
        super().__init__(
            N_("{file} already has {status} {percent} % for this year"),
            file=file,
            status=existing["status"],
            percent=existing["percent"],
        )


def index_file_for(root: Path, index: str) -> Path:
    """``<index in lower case>.yaml`` in the repository's index folder (``indices/``)."""
    return index_folder(root) / f"{index.lower()}.yaml"


def _read(path: Path) -> dict[str, Any]:
    """The file's values as plain data (validated with the index-file model)."""
    from iopctl.money.reference import IndexFile
    from iopctl.reading.source import load_file

    if not path.exists():
        return {}
    source, problems = load_file(str(path))
    if source is None or problems:
        raise IopctlError(
            N_("{path} cannot be read as an index file"),
            hint=N_("run `iopctl validate` to see where; fix or move the file, then add again"),
            path=path,
        )
    try:
        parsed = IndexFile.model_validate(source.data)
    except ValueError:
        raise IopctlError(
            N_("{path} is not a valid index file"),
            hint=N_("run `iopctl validate` to see where; fix or move the file, then add again"),
            path=path,
        ) from None
    data: dict[str, Any] = parsed.model_dump(mode="python", exclude_none=True)["indices"]
    return data


def _scalar(value: Any) -> str:
    if value in ("preliminary", "definitive"):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a YAML double-quoted scalar
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _dump(indices: dict[str, Any]) -> str:
    lines = [HEADER.rstrip("\n"), "indices:"]
    for code in sorted(indices):
        series = indices[code]
        lines.append(f"  {code}:")
        for key in ("name", "publisher"):
            if series.get(key):
                lines.append(f"    {key}: {_scalar(series[key])}")
        lines.append("    values:")
        for value in sorted(series.get("values", []), key=lambda v: (v["year"], v["status"])):
            lines.append(f"      - year: {value['year']}")
            for key in ("percent", "status", "published", "source", "note"):
                if value.get(key) is not None:
                    lines.append(f"        {key}: {_scalar(value[key])}")
    return "\n".join(lines) + "\n"


def add_figure(root: Path, figure: FigureToAdd, *, replace: bool = False) -> Path:
    """Write ``figure`` into the repository's index file for its index; its path.

    The value is checked as iopctl reads it (a change of −100 % or less is refused) before
    anything is written. An existing value with the same index, year and status is
    :class:`AlreadyKnown` unless ``replace``.
    """
    from iopctl.atomic import write_atomic

    IndexValue(
        index=figure.index,
        year=figure.year,
        percent=figure.percent,
        status=figure.status,
        published=figure.published,
        source=figure.source,
    )
    path = index_file_for(root, figure.index)
    indices = _read(path)
    series = indices.setdefault(figure.index, {"values": []})
    values: list[dict[str, Any]] = series.setdefault("values", [])
    for i, existing in enumerate(values):
        if (existing["year"], existing["status"]) == (figure.year, figure.status):
            if not replace:
                raise AlreadyKnown(path, existing)
            del values[i]
            break
    entry: dict[str, Any] = {
        "year": figure.year,
        "percent": figure.percent,
        "status": figure.status,
        "source": figure.source,
    }
    if figure.published is not None:
        entry["published"] = figure.published
    values.append(entry)
    text = _dump(indices)
    _check(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return path


def _check(text: str, path: Path) -> None:
    """The new content reads back as a valid index file, or nothing is written."""
    from iopctl.money.reference import IndexFile
    from iopctl.reading.source import load

    source, problems = load(text, str(path))
    if source is None or problems:
        raise IopctlError(
            N_("internal error: the new {path} would not read back; nothing written"), path=path
        )
    IndexFile.model_validate(source.data)
