"""Benchmark iopctl against its peer and its floor, in one run, on one core.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--quick] [--write] [--only TEXT]
        [--before GIT_REF]

* generates N agreements shaped like ``agreements/linkoping-resurspoolen-2020.yaml``
  into ``benchmarks/_work/nN/agreements/`` (cached, deterministic);
* runs every row of :data:`benchmarks.suite.ROWS` as its own subprocess, pinned to one CPU with
  ``taskset`` when available, and records wall time and the child's peak RSS
  (``os.wait4`` rusage);
* runs the rows in rounds (each row once per round, so that every row sees the same
  stretches of a shared machine's drifting speed) and takes each row's median; a
  target that is a ratio of two rows (``due`` to ``validate``, ``validate`` to the
  floor) is the median of their ratios round by round
  (:func:`benchmarks.model.paired_ratio`);
* runs each cold-start row of :data:`benchmarks.suite.COLD` at least 20 times and takes the median;
* prints one Markdown table plus the machine it ran on, and with ``--write``
  replaces the generated part of ``docs/performance.md``.

The parts: :mod:`benchmarks.model` (what a row is, what it measured, the targets),
:mod:`benchmarks.suite` (the rows), :mod:`benchmarks.runner` (running them),
:mod:`benchmarks.perfdoc` (the tables and the page), :mod:`benchmarks.summary` (where
each target stands, read off the page). Adding a command is adding a
:class:`~benchmarks.model.Spec` to :data:`~benchmarks.suite.ROWS` (or ``COLD``): a row
whose iopctl subcommand does not exist yet is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.model import WORK, Env, Report  # noqa: E402
from benchmarks.perfdoc import DOC, _load, cold_table, machine, table, write_doc  # noqa: E402
from benchmarks.runner import _child_env, _pin, invocation, measure_rounds, prepare, run_once  # noqa: E402
from benchmarks.suite import COLD, ROWS  # noqa: E402


def export(ref: str) -> Path:
    """The tree at git ``ref`` under ``_work/before-REF`` (byte-compiled), for "before" rows."""
    if (WORK / f"before-{ref}" / "iopctl").is_dir():  # exported before (also from a copy)
        rev = ref
    else:
        found = subprocess.run(
            ["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True
        )
        if found.returncode != 0:
            sys.exit(f"--before {ref}: not a commit of a git checkout at {ROOT}")
        rev = found.stdout.strip()
    folder = WORK / f"before-{rev}"
    if not (folder / "iopctl").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", rev, "iopctl"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], check=True)
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="1 000 files, one run per row")
    parser.add_argument("--runs", type=int, default=None, help="runs per row (default 3)")
    parser.add_argument("--cold-runs", type=int, default=20, help="runs per cold row (≥ 20)")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds per row before stopping repeats"
    )
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        default="cpu",
        help="what files/s, ratios and targets use: the child's user+system CPU time "
        "(default; robust on a shared machine) or wall time",
    )
    parser.add_argument("--only", default="", help="only rows whose name contains this text")
    parser.add_argument(
        "--no-limits", action="store_true", help="also run rows above their max_files"
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--before",
        metavar="GIT_REF",
        default=None,
        help="also time the start-up of the code at GIT_REF (exported with git archive)",
    )
    args = parser.parse_args(argv)
    default_sizes = "1000" if args.quick else "1000,10000,100000"
    sizes = [int(s) for s in (args.sizes or default_sizes).split(",")]
    runs = args.runs or (1 if args.quick else 3)

    load_before = _load()
    WORK.mkdir(parents=True, exist_ok=True)
    # Installed packages carry bytecode; a source checkout may not (PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "iopctl")], check=True)
    iopctl, how = invocation()
    pin = _pin()
    report = Report()

    schema = WORK / "agreement.schema.json"
    with schema.open("wb") as out:
        subprocess.run([*iopctl, "schema"], stdout=out, env=_child_env(), check=True)

    wanted = [s for s in ROWS if args.only.lower() in s.name.lower()]
    for size in sizes:
        folder = prepare(size)
        files = tuple(
            sorted(f"agreements/{p.name}" for p in (folder / "agreements").glob("*.yaml"))
        )
        env = Env(iopctl, sys.executable, folder, files, schema)
        specs = [s for s in wanted if s.sizes is None or size in s.sizes]
        report.results += measure_rounds(
            specs,
            env,
            pin,
            size=size,
            runs=runs,
            budget=args.budget,
            clock=args.clock,
            limits=not args.no_limits,
        )

    folder = prepare(min(sizes))
    files = tuple(sorted(f"agreements/{p.name}" for p in (folder / "agreements").glob("*.yaml")))
    trees = [("after", ROOT)]
    if args.before:  # the same `python -m iopctl` for both trees: a fair comparison
        trees.insert(0, (f"before ({args.before})", export(args.before)))
        iopctl, how = (sys.executable, "-m", "iopctl"), "`python -m iopctl`, both trees"
    cold = [spec for spec in COLD if args.only.lower() in spec.name.lower()]
    for label, tree in trees:
        env = Env(iopctl, sys.executable, folder, files, schema, tree)
        for spec in cold:  # warm the page cache; not counted
            for _ in range(2):
                run_once(spec.argv(env), env.workdir, pin, env.workdir / "run.log", tree)
        results = measure_rounds(
            cold, env, pin, size=None, runs=args.cold_runs, budget=float("inf"), clock=args.clock
        )
        for result in results:
            result.tree = label
        report.results += results

    shown = list(argv if argv is not None else sys.argv[1:])
    block = [
        *table(report),
        "",
        "Start-up (cold, one process each):",
        "",
        *cold_table(report),
        "",
        *machine(how, pin, args.clock, load_before),
        f"- Run: `{' '.join(['python benchmarks/run.py', *shown])}` on {time.strftime('%Y-%m-%d')}",
    ]
    print("\n".join(block))
    (WORK / "results.json").write_text(
        json.dumps(
            [
                {
                    "name": r.spec.name,
                    "size": r.size,
                    "files": r.files,
                    "cpu_seconds": r.cpu,
                    "wall_seconds": r.wall,
                    "runs": r.runs,
                    "samples": r.samples,
                    "peak_kb": r.peak_kb,
                    "note": r.note,
                }
                for r in report.results
            ],
            indent=2,
        )
    )
    if args.write:
        from benchmarks import summary

        write_doc(block)
        summary.write()  # where each target stands, read off the tables just written
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
