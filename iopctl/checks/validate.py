"""``iopctl validate`` as a plain function: load every file, check, collect."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from iopctl.checks.repository import check_repository
from iopctl.checks.run import run_checks
from iopctl.model.load import Loaded, discover, load_agreement
from iopctl.money.reference import ReferenceData, load_reference
from iopctl.problems.diagnostic import Diagnostic, limit_problems, sort_key

__all__ = ["Validation", "check_file", "rare_full_collections", "validate_paths"]


@dataclass(slots=True)
class Validation:
    files: list[str]
    loaded: list[Loaded]
    diagnostics: list[Diagnostic]
    reference: ReferenceData
    invalid_files: set[str] = field(default_factory=set)
    _first: dict[str, Loaded] | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def other_errors(self) -> list[Diagnostic]:
        """Errors about inputs that are not agreements (index files, refused links): every
        command reports them, whatever it shows of the agreements."""
        files = set(self.files)
        return [d for d in self.diagnostics if d.is_error and d.file not in files]

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def line_text(self, file: str, line: int) -> str:
        if self._first is None:  # the first loaded item of each file, found once
            self._first = {}
            for loaded in self.loaded:
                self._first.setdefault(loaded.file, loaded)
        first = self._first.get(file)
        if first is not None and first.source is not None:
            return first.source.line_text(line)
        # Never read a file again to show a line: problems in files that did not parse
        # (and in index files) carry their excerpt (Diagnostic.excerpt).
        return ""


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector from re-scanning everything loaded so far.

    Each file leaves thousands of long-lived objects (its data and model) and
    next to no cyclic garbage. With the default thresholds the collector walks
    all of them again and again (a full collection every 100 young ones): about
    a quarter of the time for 10 000 files. Young collections still run as usual.
    """
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 1000))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)


def check_file(file: str, reference: ReferenceData, *, as_of: dt.date | None = None) -> Loaded:
    """One file loaded and checked on its own (every check but the cross-file ones).

    :func:`validate_paths` runs it on every file and keeps them all; ``iopctl site``
    runs it on one file at a time and keeps none (:mod:`iopctl.views.site`).
    """
    item = load_agreement(file)
    found = run_checks(item, known_indices=reference.names, as_of=as_of, reference=reference)
    item.diagnostics.extend(found)
    item.diagnostics = limit_problems(item.diagnostics, file)
    return item


def validate_paths(
    paths: Sequence[str],
    *,
    strict: bool = False,
    index_files: Sequence[str] = (),
    search_dir: str | None = None,
    as_of: dt.date | None = None,
) -> Validation:
    """Every file under ``paths``, every independent problem; never stops at the first.

    Index files are read from ``indices/`` in ``search_dir``, by default the repository
    root of ``paths`` (:func:`iopctl.reading.root.find_root`). ``as_of`` (default: today)
    is the day the status and history are judged by.
    """
    files, refused = discover(paths)
    if search_dir is None:
        from iopctl.reading.root import find_root

        search_dir = str(find_root(paths))
    reference, diagnostics = load_reference(index_files, search_dir=search_dir)
    diagnostics.extend(refused)
    loaded: list[Loaded] = []
    with rare_full_collections():
        for file in files:
            loaded.append(check_file(file, reference, as_of=as_of))
    by_file: dict[str, list[Loaded]] = {}
    for item in loaded:
        by_file.setdefault(item.file, []).append(item)
    for d in check_repository(loaded):
        for item in by_file.get(d.file, ()):
            item.diagnostics.append(d)
    for item in loaded:
        diagnostics.extend(item.diagnostics)
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    diagnostics.sort(key=sort_key)
    invalid = {d.file for d in diagnostics if d.is_error}
    return Validation(files, loaded, diagnostics, reference, invalid)
