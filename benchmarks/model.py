"""What a benchmark row is, what it measured, and the targets it is judged by.

A :class:`Spec` names a row and the command line it runs in an :class:`Env`; a
:class:`Result` is what :mod:`benchmarks.runner` measured of it; a :class:`Report` holds
a run's results and finds the rows a target compares (the floor, the disk, the base). The
targets of issues #2 and #17 are functions of a result and its report that return the
words of the table's target cell (:mod:`benchmarks.perfdoc`), a verdict in each.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORK = ROOT / "benchmarks" / "_work"
FLOOR = ROOT / "benchmarks" / "floor.py"
DISK = ROOT / "benchmarks" / "disk.py"
TARGET_COLD_SECONDS = 0.150
AS_OF = "2024-06-01"


@dataclass(frozen=True)
class Env:
    """What a row needs to build its command line. Commands run with ``cwd=workdir``."""

    iopctl: tuple[str, ...]  # how iopctl is invoked (console script or python -m iopctl)
    python: str
    workdir: Path  # holds agreements/ (and the row's outputs)
    files: tuple[str, ...]  # agreements/<id>.yaml, relative to workdir
    schema: Path  # `iopctl schema` output
    tree: Path = ROOT  # the iopctl source measured

    @property
    def one_file(self) -> str:
        return self.files[0]


@dataclass(frozen=True)
class Spec:
    """One row of the table.

    ``command`` is the iopctl subcommand the row needs (the row is skipped with a
    note when ``iopctl COMMAND --help`` fails); ``executable`` an external program
    it needs. ``group`` is "iopctl", "peer", "floor" or "disk" (new files, for render).
    """

    name: str
    argv: Callable[[Env], Sequence[str]]
    group: str = "iopctl"
    command: str | None = None
    executable: str | None = None
    ok_codes: tuple[int, ...] = (0,)
    files: Callable[[Env], int | None] = lambda env: len(env.files)
    target: Callable[[Result, Report], str] | None = None
    max_files: int | None = None  # skip larger sets (with a note) unless --no-limits
    limit_note: str = "slow"  # why a larger set is skipped
    cores: int = 1  # CPUs the row may use (``taskset``); rows with more run --jobs
    sizes: tuple[int, ...] | None = None  # only these set sizes (None: every size)
    outputs: tuple[str, ...] = ()
    """Folders the command writes, under the workdir: removed before each run, so that
    every run writes them (not: finds the last run's files the same and writes nothing)."""

    def clear(self, workdir: Path) -> None:
        for name in self.outputs:
            shutil.rmtree(workdir / name, ignore_errors=True)


@dataclass
class Result:
    spec: Spec
    size: int | None  # agreements in the set; None for cold-start rows
    files: int | None = None
    seconds: float | None = None  # median of the clock that counts (CPU by default)
    wall: float | None = None  # median wall time
    cpu: float | None = None  # median user + system CPU time of the child
    runs: int = 0
    peak_kb: int = 0  # largest ru_maxrss over the runs
    samples: list[float] = field(default_factory=list)  # the counted clock, run by run
    note: str = ""
    tree: str = ""  # cold-start rows: "before" or "after" (the code measured)

    @property
    def files_per_second(self) -> float | None:
        if self.files is None or not self.seconds:
            return None
        return self.files / self.seconds

    @property
    def skipped(self) -> bool:
        return self.seconds is None


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def _of_group(self, group: str, size: int | None) -> Result | None:
        for r in self.results:
            if r.spec.group == group and r.size == size and not r.skipped:
                return r
        return None

    def floor(self, size: int | None) -> Result | None:
        return self._of_group("floor", size)

    def disk(self, size: int | None) -> Result | None:
        return self._of_group("disk", size)

    def peer(self, size: int | None) -> Result | None:
        return self._of_group("peer", size)

    def row(self, name: str, size: int | None) -> Result | None:
        for r in self.results:
            if r.spec.name == name and r.size == size and not r.skipped:
                return r
        return None

    def base(self, tree: str) -> Result | None:
        for r in self.results:
            if r.spec.group == "base" and r.tree == tree and not r.skipped:
                return r
        return None

    def peer_seconds(self, size: int | None) -> tuple[float, bool] | None:
        """The peer's time for ``size`` files, measured, or extrapolated linearly from the
        largest set it ran on (True when extrapolated)."""
        found = self.peer(size)
        if found is not None and found.seconds:
            return found.seconds, False
        ran = [r for r in self.results if r.spec.group == "peer" and not r.skipped and r.size]
        if size is None or not ran:
            return None
        base = max(ran, key=lambda r: r.size or 0)
        assert base.seconds is not None and base.size
        return base.seconds * size / base.size, True


def mark(ok: bool) -> str:
    """A verdict as the tables write it (and :mod:`benchmarks.summary` repeats it)."""
    return "met" if ok else "**not met**"


TARGET_VALIDATE_FLOOR = 0.85
TARGET_NEAR_VALIDATE = 1.3
TARGET_DOCUMENTS_PER_SECOND = 500
TARGET_PEAK_MB = 150


def _memory_target(result: Result) -> list[str]:
    if not result.peak_kb:
        return []
    mb = result.peak_kb / 1024
    return [f"≤ {TARGET_PEAK_MB} MB: {mark(mb <= TARGET_PEAK_MB)}"]


def paired_ratio(row: Result, base: Result) -> tuple[float, int] | None:
    """``row``'s time over ``base``'s: the median of their ratios round by round when both
    ran in at least two of the same rounds (with the number of rounds), else the ratio of
    their medians (with 0).

    Every row runs once per round, so a round's two runs meet nearly the same stretch of a
    shared machine, where the medians may come from different stretches (issue #17's ratio
    targets). It steadies a verdict only as far as the machine's speed holds between the
    two runs: minutes apart at 100 000 files (docs/performance-log.md, the 12:55 run).
    """
    if not row.seconds or not base.seconds:
        return None
    rounds = min(len(row.samples), len(base.samples))
    if rounds >= 2 and all(base.samples[:rounds]):
        ratios = [row.samples[i] / base.samples[i] for i in range(rounds)]
        return statistics.median(ratios), rounds
    return row.seconds / base.seconds, 0


def _ratio_words(ratio: tuple[float, int], of: str, limit: float) -> str:
    value, rounds = ratio
    how = f"median of {rounds} rounds; " if rounds else ""
    return f"{value:.2f}× {of} ({how}≤ {limit}×): {mark(value <= limit)}"


def _validate_target(result: Result, report: Report) -> str:
    """Issue #17: at most 0.85× the floor on one core, at most 150 MB."""
    parts = []
    floor = report.floor(result.size)
    ratio = paired_ratio(result, floor) if floor is not None else None
    if ratio is not None:
        parts.append(_ratio_words(ratio, "floor", TARGET_VALIDATE_FLOOR))
    return "; ".join([*parts, *_memory_target(result)])


def _near_validate_target(result: Result, report: Report) -> str:
    """Issue #17: due, economy and list within 1.3× of validate, at most 150 MB."""
    parts = []
    validate = report.row("iopctl validate", result.size)
    ratio = paired_ratio(result, validate) if validate is not None else None
    if ratio is not None:
        parts.append(_ratio_words(ratio, "validate", TARGET_NEAR_VALIDATE))
    return "; ".join([*parts, *_memory_target(result)])


def _render_target(result: Result, report: Report) -> str:
    """Issue #17: at least 500 documents a second, at most 150 MB; and the rate with the
    disk's floor (the same number of new files, written the same way) taken out, since
    what a new file costs the kernel depends on the machine's file system."""
    rate = result.files_per_second or 0
    ok = mark(rate >= TARGET_DOCUMENTS_PER_SECOND)
    parts = [f"≥ {TARGET_DOCUMENTS_PER_SECOND} documents/s: {ok}"]
    disk = report.disk(result.size)
    if disk is not None and disk.seconds and result.seconds and result.files:
        own = result.seconds - disk.seconds
        if own > 0:
            parts.append(f"{result.files / own:,.0f}/s beyond the disk's floor".replace(",", " "))
    return "; ".join([*parts, *_memory_target(result)])


def _cold_target(times_base: float | None) -> Callable[[Result, Report], str]:
    """Issue #17: one-file validate ≤ 1.6×, due ≤ 2.2× of importing yaml, pydantic, typer
    (issue #2's 150 ms for --help still stands)."""

    def target(result: Result, report: Report) -> str:
        if result.seconds is None:
            return ""
        if times_base is None:
            ms = TARGET_COLD_SECONDS * 1000
            return f"≤ {ms:.0f} ms: {mark(result.seconds <= TARGET_COLD_SECONDS)}"
        base = report.base(result.tree)
        if base is None or not base.seconds:
            return ""
        ratio = result.seconds / base.seconds
        return f"{ratio:.2f}× base (≤ {times_base}×): {mark(ratio <= times_base)}"

    return target
