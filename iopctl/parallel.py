"""An ordered map over files in worker processes (``--jobs``), the same as one process.

Commands that read many agreements check each file on its own, then combine (cross-file
checks, sorting, totals). :func:`ordered_map` runs the per-file step in ``jobs``
processes and hands back the results in the order of the inputs, so the output is
byte-identical to ``--jobs 1`` (``tests/test_jobs.py``). The work is sent as chunks of
files; the results come back pickled, so a per-file step returns only what the
command's output needs (diagnostics, rows), never a whole agreement.

Workers are forked: they inherit the imported modules and the step (with its reference
data) without pickling it. Where fork is unavailable (Windows, macOS' default), or for
few files, everything runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, cast

__all__ = ["MIN_FILES_PER_JOB", "available_cores", "ordered_map"]

R = TypeVar("R")

MIN_FILES_PER_JOB = 64
"""Below this many files per process, starting a process costs more than it saves."""
_CHUNK = 32

_step: Callable[[str], object] | None = None  # the step, inherited by forked workers


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under ``taskset``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def _run(item: str) -> object:
    assert _step is not None
    return _step(item)


def ordered_map(step: Callable[[str], R], items: Sequence[str], jobs: int) -> Iterator[R]:
    """``map(step, items)``, in up to ``jobs`` forked processes, results in input order.

    An exception in a worker is raised here, as it would be with one process.
    """
    processes = min(jobs, len(items) // MIN_FILES_PER_JOB)
    if processes <= 1 or not _can_fork():
        yield from map(step, items)
        return
    import multiprocessing

    global _step
    _step = step
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for result in pool.imap(_run, items, chunksize=_CHUNK):
                yield cast(R, result)  # _run returns what step returns
    finally:
        _step = None


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
