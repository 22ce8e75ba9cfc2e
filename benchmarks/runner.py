"""Running the rows: each a pinned subprocess, in rounds, timed and measured.

Every row runs once per round, so that every row sees the same stretches of a shared
machine's drifting speed; a row that has taken longer than the budget runs no more. The
child's wall time, user + system CPU time and peak RSS come from ``os.wait4``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import fingerprint, generate  # noqa: E402
from benchmarks.model import WORK, Env, Result, Spec  # noqa: E402


def _tree_env(tree: Path) -> dict[str, str]:
    env = _child_env()
    env["PYTHONPATH"] = str(tree)
    return env


def _pin() -> list[str]:
    """``taskset -c N`` for the first CPU this process may use, when taskset exists."""
    taskset = shutil.which("taskset")
    if taskset is None or not hasattr(os, "sched_getaffinity"):
        return []
    cpu = min(os.sched_getaffinity(0))
    return [taskset, "-c", str(cpu)]


def _child_env() -> dict[str, str]:
    """The environment of every measured child: iopctl as a user runs it. This sandbox
    sets ``PYTHONUNBUFFERED`` (a write per line of a table: 38 000 system calls in a
    ``due`` over 10 000 files) and ``PYTHONDONTWRITEBYTECODE`` (the trees measured are
    compiled first, :func:`main`); neither is how iopctl runs from a terminal or a hook."""
    env = dict(os.environ)
    env.pop("PYTHONUNBUFFERED", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    env.pop("FORCE_COLOR", None)
    return env


@dataclass
class Sample:
    seconds: float  # wall
    cpu: float  # user + system
    peak_kb: int
    code: int
    output: str


def run_once(
    argv: Sequence[str], cwd: Path, pin: Sequence[str], log: Path, tree: Path = ROOT
) -> Sample:
    """One fresh child: wall time, its own peak RSS (``wait4``), exit code, output tail.

    ``tree``: the iopctl source the child imports (another for "before" rows)."""
    env = _child_env() if tree == ROOT else _tree_env(tree)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*pin, *argv], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(elapsed, cpu, usage.ru_maxrss, proc.returncode, _tail(log))


def _tail(log: Path, size: int = 2000) -> str:
    """The end of a child's output. Only the end is read: a child forked from this
    process starts with this process's peak memory (Linux keeps the high-water mark
    across fork and exec), so reading a whole 100 000-file output here would show in
    every later row's peak."""
    with log.open("rb") as fh:
        fh.seek(max(0, log.stat().st_size - size))
        return fh.read().decode("utf-8", errors="replace")


def _available(spec: Spec, env: Env, pin: Sequence[str]) -> str:
    """Why the row cannot run here, or ""."""
    if spec.executable and not (
        shutil.which(spec.executable) or (Path(env.python).parent / spec.executable).exists()
    ):
        return f"skipped: `{spec.executable}` is not installed"
    if spec.command:
        sample = run_once(
            [*env.iopctl, spec.command, "--help"], env.workdir, pin, env.workdir / "probe.log"
        )
        if sample.code != 0:
            return f"skipped: `iopctl {spec.command}` does not exist yet"
    return ""


def _ready(
    spec: Spec, env: Env, pin: Sequence[str], size: int | None, limits: bool
) -> tuple[Result, list[str] | None]:
    """The row's empty result, and the pinning to run it with (``None``: skipped, with
    the reason in the note)."""
    result = Result(spec, size, files=spec.files(env))
    if spec.max_files is not None and size is not None and size > spec.max_files and limits:
        result.note = f"skipped above {spec.max_files:,} files ({spec.limit_note})"
        result.note = result.note.replace(",", " ")
        return result, None
    if spec.cores > 1:
        mine = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
        if len(mine) < spec.cores or not pin:
            result.note = f"skipped: fewer than {spec.cores} cores here"
            return result, None
        pin = [pin[0], "-c", ",".join(str(c) for c in mine[: spec.cores])]
    why = _available(spec, env, pin)
    if why:
        result.note = why
        return result, None
    return result, list(pin)


@dataclass
class _Samples:
    """The runs of one row so far."""

    result: Result
    pin: list[str] | None
    times: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def wants(self, runs: int, budget: float) -> bool:
        return self.pin is not None and (
            not self.times or (len(self.times) < runs and sum(self.times) < budget)
        )

    def take(self, env: Env) -> None:
        assert self.pin is not None
        spec, log = self.result.spec, env.workdir / "run.log"
        spec.clear(env.workdir)
        sample = run_once(spec.argv(env), env.workdir, self.pin, log, env.tree)
        if sample.code not in spec.ok_codes:
            last = sample.output.strip().splitlines()[-1:] or ["(no output)"]
            self.result.note = f"failed: exit {sample.code}: {last[0][:120]}"
            self.pin, self.times, self.cpus = None, [], []
            return
        self.times.append(sample.seconds)
        self.cpus.append(sample.cpu)
        self.result.peak_kb = max(self.result.peak_kb, sample.peak_kb)

    def finish(self, clock: str) -> Result:
        result = self.result
        if self.times:
            result.wall = statistics.median(self.times)
            result.cpu = statistics.median(self.cpus)
            result.seconds = result.cpu if clock == "cpu" else result.wall
            result.runs = len(self.times)
            result.samples = list(self.cpus if clock == "cpu" else self.times)
        return result


def measure_rounds(
    specs: Sequence[Spec],
    env: Env,
    pin: Sequence[str],
    *,
    size: int | None,
    runs: int,
    budget: float,
    clock: str = "cpu",
    limits: bool = True,
) -> list[Result]:
    """Run every row once per round, ``runs`` rounds (a row stops repeating once it has
    spent ``budget`` seconds); medians per row.

    Rounds, not one row's runs back to back: on a shared machine the speed drifts over
    minutes, and a row measured in one quiet (or busy) stretch and the floor in another
    made ratios wander by 15 %; interleaved, every row sees the same stretches.
    """
    rows = [_Samples(*_ready(spec, env, pin, size, limits)) for spec in specs]
    for _ in range(runs):
        for row in rows:
            if row.wants(runs, budget):
                where = f"{size} files" if size is not None else "start-up"
                print(f"… {row.result.spec.name}, {where}", file=sys.stderr, flush=True)
                row.take(env)
    return [row.finish(clock) for row in rows]


def prepare(size: int) -> Path:
    """``_work/nSIZE`` with SIZE generated agreements (regenerated when the generator changed)."""
    folder = WORK / f"n{size}"
    stamp = folder / "stamp"
    wanted = f"{fingerprint()} {size}"
    if not (stamp.exists() and stamp.read_text() == wanted):
        generate(folder / "agreements", size)
        stamp.write_text(wanted)
    return folder


def invocation() -> tuple[tuple[str, ...], str]:
    """The console script next to this Python (or on PATH), else ``python -m iopctl``."""
    candidates = [Path(sys.executable).parent / "iopctl", shutil.which("iopctl")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return (str(candidate),), f"console script `{candidate}`"
    return (
        (sys.executable, "-m", "iopctl"),
        "`python -m iopctl` (no `iopctl` console script is installed; `-m` adds runpy's "
        "own imports to every start)",
    )
