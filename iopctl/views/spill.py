"""Rows sorted across many files without keeping them all in memory (issue #17).

``iopctl due`` lists every deadline of every agreement, sorted by status and date: over
100 000 agreements that is some 400 000 rows, more than the command may keep. A
:class:`SortedRows` keeps up to ``run`` rows; beyond that it sorts them and writes them
to an anonymous temporary file (a sorted run, pickled in chunks), and at the end merges
the runs. The order is that of one stable sort of every row in the order added: runs
are merged in the order they were written, and equal keys keep that order.

The temporary files hold only the rows the command prints anyway; they are removed when
closed (and by the system if the process dies).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from operator import itemgetter
from typing import IO, Any, Generic, Protocol, TypeVar

__all__ = ["RUN", "Listing", "SortedRows"]

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Listing(Protocol[R_co]):
    """Rows that can be counted and read, as often as needed: a tuple, or
    :class:`SortedRows`."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[R_co]: ...


RUN = 10_000
"""Rows kept in memory before a sorted run goes to disk (about 1 KB each for ``due``)."""
_CHUNK = 250
"""Rows per pickled chunk: what a run's reader holds while the runs are merged (runs ×
chunk rows: 38 × 250 for the 380 000 deadlines of 100 000 generated agreements)."""
_first = itemgetter(0)


class SortedRows(Generic[R]):
    """``(key, row)`` pairs added in any number, read back sorted by key (stable)."""

    def __init__(self, run: int | None = None) -> None:
        self._run = run if run is not None else RUN
        self._rows: list[tuple[Any, R]] = []
        self._files: list[IO[bytes]] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, key: Any, row: R) -> None:
        self._rows.append((key, row))
        self._count += 1
        if len(self._rows) >= self._run:
            self._spill()

    def _spill(self) -> None:
        import pickle  # imported when first needed: most runs never spill
        import tempfile

        self._rows.sort(key=_first)
        file = tempfile.TemporaryFile()  # noqa: SIM115 - open until close()
        for start in range(0, len(self._rows), _CHUNK):
            pickle.dump(self._rows[start : start + _CHUNK], file, pickle.HIGHEST_PROTOCOL)
        file.seek(0)
        self._files.append(file)
        self._rows = []

    def __iter__(self) -> Iterator[R]:
        """Every row, sorted; may be read more than once."""
        self._rows.sort(key=_first)
        if not self._files:
            return (row for _, row in self._rows)
        for file in self._files:
            file.seek(0)
        runs = [_read(file) for file in self._files]
        return (row for _, row in heapq.merge(*runs, self._rows, key=_first))

    def close(self) -> None:
        for file in self._files:
            file.close()
        self._files = []
        self._rows = []


def _read(file: IO[bytes]) -> Iterator[tuple[Any, Any]]:
    """One run's rows, a chunk at a time. The file is this process's own anonymous
    temporary file, written just now by :meth:`SortedRows._spill`: nobody else can
    have put anything into it (no pickle from a shared or writable place is read)."""
    import pickle

    while True:
        try:
            chunk = pickle.load(file)
        except EOFError:
            return
        yield from chunk
