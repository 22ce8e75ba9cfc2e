"""``iopctl validate`` as a plain function: check every file, one at a time, collect.

Every command that reads agreements goes through :func:`validate_each`: each file is
loaded, checked and reduced to what the command shows of it before the next is read.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from iopctl.checks.repository import Keys, cross_file_problems, keys_of
from iopctl.checks.run import run_checks
from iopctl.frozen import frozen
from iopctl.model.load import Loaded, discover, load_agreement
from iopctl.money.reference import ReferenceData, load_reference
from iopctl.parallel import ordered_map
from iopctl.problems.diagnostic import Diagnostic, limit_problems, sort_key
from iopctl.reading.source import read_lines

__all__ = [
    "Keep",
    "Validation",
    "check_file",
    "keep_whole",
    "rare_full_collections",
    "validate_each",
    "validate_paths",
]

T = TypeVar("T")


@dataclass(slots=True)
class Validation:
    """Every problem of every file, sorted; no file's data is kept (memory stays flat)."""

    files: list[str]
    diagnostics: list[Diagnostic]
    reference: ReferenceData
    invalid_files: set[str] = field(default_factory=set)
    parsed: dict[str, bytes] = field(default_factory=dict)
    """Files with problems whose text was read, with its digest (a line can be shown)."""
    by_file: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """Each agreement file's problems (as found: its own, then the cross-file ones)."""
    _lines: tuple[str, list[str]] = field(default=("", []), repr=False, compare=False)

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
        """A line of a file with a problem, read again (one file at a time: problems come
        sorted by file). Problems in files that did not parse, and in index files, carry
        their excerpt instead (Diagnostic.excerpt) and come here for nothing."""
        digest = self.parsed.get(file)
        if digest is None:
            return ""
        if self._lines[0] != file:
            self._lines = (file, read_lines(file, digest))
        lines = self._lines[1]
        return lines[line - 1] if 1 <= line <= len(lines) else ""


YOUNG_WHILE_READING = 100_000
"""Net new container objects between young collections while files are read (default
700): a file checked and dropped leaves none behind, so the collector, which found
nothing to free, stays out of the way; cyclic garbage, if a file ever makes some, is
still collected every so often."""


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector off the files while they are read.

    Everything alive when the loop starts (the modules, the reference data) is frozen out
    of the collector's sight (``gc.freeze``), young collections wait for
    :data:`YOUNG_WHILE_READING` new objects, full ones become rare: each file leaves next
    to no cyclic garbage, and with the default thresholds the collector walked every
    long-lived object again and again (a quarter of the time at 10 000 files, 11 % in the
    profile of issue #17).
    """
    young, middle, old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(young, YOUNG_WHILE_READING), middle, max(old, 1000))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
        gc.unfreeze()


def check_file(file: str, reference: ReferenceData, *, as_of: dt.date | None = None) -> Loaded:
    """One file loaded and checked on its own (every check but the cross-file ones).

    :func:`validate_each` runs it on every file and keeps what the command needs of
    each; ``iopctl site`` runs it on one file at a time (:mod:`iopctl.views.site`).
    """
    item = load_agreement(file)
    found = run_checks(item, known_indices=reference.names, as_of=as_of, reference=reference)
    item.diagnostics.extend(found)
    item.diagnostics = limit_problems(item.diagnostics, file)
    return item


Keep = Callable[[Loaded, ReferenceData], T]
"""What a command keeps of one checked file (its rows), from the file and the indices."""


@frozen(slots=True)
class _Checked(Generic[T]):
    """What is kept of one file: small, and picklable for ``--jobs``. A clean file's
    problems are the one shared empty tuple, not an empty list of its own (56 bytes a file,
    5.6 MB over 100 000 files)."""

    diagnostics: Sequence[Diagnostic]
    keys: Keys | None
    digest: bytes | None  # of the text, when a line of it may be shown
    kept: T


@frozen(slots=True)
class _Step(Generic[T]):
    """Check one file and keep what is needed of it (module level: workers run it)."""

    reference: ReferenceData
    as_of: dt.date
    keep: Keep[T]

    def __call__(self, file: str) -> _Checked[T]:
        item = check_file(file, self.reference, as_of=self.as_of)
        kept = self.keep(item, self.reference)
        source = item.source
        digest = source.digest() if source is not None and item.diagnostics else None
        return _Checked(item.diagnostics or (), keys_of(item), digest, kept)


def keep_whole(item: Loaded, reference: ReferenceData) -> Loaded:
    """Keep each file whole (its data, model and text): for commands that need every file
    at once (``render`` plans every output before it writes one), and for tests. Its
    problems are its own; the cross-file ones are in :attr:`Validation.by_file`."""
    return item


def _nothing(item: Loaded, reference: ReferenceData) -> None:
    """``validate`` keeps nothing of a file but its problems."""


def validate_paths(
    paths: Sequence[str],
    *,
    strict: bool = False,
    index_files: Sequence[str] = (),
    search_dir: str | None = None,
    as_of: dt.date | None = None,
    jobs: int = 1,
) -> Validation:
    """Every file under ``paths``, every independent problem; never stops at the first.

    Index files are read from ``indices/`` in ``search_dir``, by default the repository
    root of ``paths`` (:func:`iopctl.reading.root.find_root`). ``as_of`` (default: today)
    is the day the status and history are judged by. ``jobs``: processes to check in
    (:mod:`iopctl.parallel`; the result is the same for any number).
    """
    validation, _ = validate_each(
        paths,
        _nothing,
        strict=strict,
        index_files=index_files,
        search_dir=search_dir,
        as_of=as_of,
        jobs=jobs,
    )
    return validation


def validate_each(
    paths: Sequence[str],
    keep: Keep[T],
    *,
    strict: bool = False,
    index_files: Sequence[str] = (),
    search_dir: str | None = None,
    as_of: dt.date | None = None,
    jobs: int = 1,
    fold: Callable[[T], T] | None = None,
) -> tuple[Validation, list[T]]:
    """:func:`validate_paths`, and what ``keep`` returns for each file, in file order.

    Streams: a file's data, model and text are dropped as soon as it is checked and
    ``keep`` has taken what the command shows of it (issue #17: flat memory). The
    cross-file checks work from each file's :class:`~iopctl.checks.repository.Keys`.
    ``fold`` sees what is kept of each file as it comes back, in file order, in this
    process (whatever ``jobs``), and returns what stays of it: running totals are added
    up there, and each file's share dropped.
    """
    files, refused = discover(paths)
    if search_dir is None:
        from iopctl.reading.root import find_root

        search_dir = str(find_root(paths))
    reference, diagnostics = load_reference(index_files, search_dir=search_dir)
    diagnostics.extend(refused)
    if as_of is None:  # one day for the whole run, even one that passes midnight
        from iopctl.clock import today_stockholm

        as_of = today_stockholm()
    step = _Step(reference, as_of, keep)
    checked: list[_Checked[T]] = []
    with rare_full_collections():
        for one in ordered_map(step, files, jobs):
            if fold is not None:
                one = _Checked(one.diagnostics, one.keys, one.digest, fold(one.kept))
            checked.append(one)
    parsed = {f: c.digest for f, c in zip(files, checked, strict=True) if c.digest is not None}

    def reload(file: str) -> Loaded:  # positions for a cross-file problem, and its lines
        item = load_agreement(file)
        if item.source is not None:
            parsed.setdefault(file, item.source.digest())
        return item

    keys = [c.keys for c in checked if c.keys is not None]
    across = cross_file_problems(keys, reload)
    by_file: dict[str, list[Diagnostic]] = {}
    for file, c in zip(files, checked, strict=True):
        found = [*c.diagnostics, *across.get(file, ())]
        if found:
            by_file[file] = found
            diagnostics.extend(found)
    if strict:
        diagnostics = [d.as_error() for d in diagnostics]
    diagnostics.sort(key=sort_key)
    invalid = {d.file for d in diagnostics if d.is_error}
    kept = [c.kept for c in checked]
    return Validation(files, diagnostics, reference, invalid, parsed, by_file), kept
