"""The benchmark inputs are what the table claims: clean, varied, Resurspoolen-shaped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iopctl.checks.parties import luhn_ok
from iopctl.checks.validate import validate_paths
from iopctl.model.load import load_agreement

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks import model, perfdoc, runner, suite  # noqa: E402
from benchmarks.generate import TEMPLATE, generate, luhn_digit, org_number  # noqa: E402


def test_luhn_digit_matches_the_checker() -> None:
    assert org_number("212000044") == "212000-0449"  # Linköpings kommun
    assert org_number("822003091") == "822003-0913"  # Resurspoolen
    for first9 in ("000000000", "123456789", "999999999", "556036079"):
        assert luhn_ok(first9 + str(luhn_digit(first9)))


def test_generated_agreements_are_clean_and_varied(tmp_path: Path) -> None:
    files = generate(tmp_path / "agreements", 60)
    assert len(files) == 60
    result = validate_paths([str(tmp_path / "agreements")], search_dir=str(tmp_path))
    assert result.diagnostics == []
    template = load_agreement(str(TEMPLATE)).agreement
    assert template is not None and template.economy is not None
    template_kinds = [c.kind for c in template.economy.contributions]
    ids = set()
    orgs = set()
    statuses = set()
    for path in files:
        loaded = load_agreement(str(path))
        agreement = loaded.agreement
        assert agreement is not None
        assert agreement.id == path.stem
        ids.add(agreement.id)
        statuses.add(agreement.status)
        for party in agreement.parties:
            assert party.org_number is not None
            orgs.add(party.org_number)
        # the Resurspoolen shape: same sections, same kinds of contribution
        assert agreement.economy is not None
        assert [c.kind for c in agreement.economy.contributions] == template_kinds
        # a draft is not signed (validate says so of a signed "draft")
        signed = 0 if agreement.status == "draft" else len(template.signatures)
        assert len(agreement.signatures) == signed
        assert len(agreement.parties) == len(template.parties) == 2
    assert len(ids) == 60
    assert len(orgs) == 120
    assert statuses == {"ended", "active", "draft"}


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in generate(tmp_path / "a", 5)]
    second = [p.read_bytes() for p in generate(tmp_path / "b", 5)]
    assert first == second


def test_write_doc_replaces_only_the_generated_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\nintro\n\n{perfdoc.BEGIN}\nold\n{perfdoc.END}\n\noutro\n")
    monkeypatch.setattr(perfdoc, "DOC", doc)
    perfdoc.write_doc(["| new |"])
    assert doc.read_text() == (
        f"# Performance\n\nintro\n\n{perfdoc.BEGIN}\n| new |\n{perfdoc.END}\n\noutro\n"
    )


def test_table_marks_skipped_rows_and_targets() -> None:
    spec = suite.ROWS[1]
    assert spec.name == "iopctl validate"
    floor = model.Result(suite.ROWS[0], 1000, files=1000, seconds=1.0, cpu=1.0, wall=1.1, runs=3)
    fast = model.Result(spec, 1000, files=1000, seconds=0.4, cpu=0.4, wall=0.5, runs=3)
    note = "skipped: `iopctl due` does not exist yet"
    missing = model.Result(suite.ROWS[3], 1000, files=1000, note=note)
    report = model.Report([floor, fast, missing])
    lines = perfdoc.table(report)
    assert lines[3] == (
        "| iopctl validate | 1 000 | 0.400 | 0.500 | 2 500 | – | 0.40× | – | "
        "0.40× floor (≤ 0.85×): met | median of 3 runs |"
    )
    assert lines[4].endswith("| skipped: `iopctl due` does not exist yet |")


def test_rows_run_in_rounds_and_a_long_row_stops_repeating(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each round runs every row once (the floor and a command see the same stretch of a
    shared machine); a row past its time budget runs no more rounds; a failing row is
    reported, not timed."""
    order: list[str] = []
    seconds = {"floor": 1.0, "slow": 50.0, "broken": 1.0}

    def fake_run(argv: list[str], *_: object, **__: object) -> runner.Sample:
        name = argv[-1]
        order.append(name)
        code = 2 if name == "broken" else 0
        return runner.Sample(seconds[name], seconds[name] * 0.9, 1000, code, "boom")

    monkeypatch.setattr(runner, "run_once", fake_run)
    monkeypatch.setattr(runner, "_available", lambda *_: "")
    specs = [
        model.Spec(name, lambda env, name=name: [name]) for name in ("floor", "slow", "broken")
    ]
    env = model.Env(("iopctl",), sys.executable, tmp_path, ("a.yaml",), tmp_path / "s.json")
    results = runner.measure_rounds(specs, env, ["taskset", "-c", "0"], size=1, runs=3, budget=60.0)
    assert order == ["floor", "slow", "broken", "floor", "slow", "floor"]
    assert [(r.runs, r.cpu) for r in results] == [(3, 0.9), (2, 45.0), (0, None)]
    assert results[2].note == "failed: exit 2: boom"


def test_a_row_that_writes_files_writes_them_on_every_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``render --out`` finds no earlier run's documents (it would compare and write
    nothing): every run, timed or counted, starts without them."""
    found: list[bool] = []

    def fake_run(argv: list[str], cwd: Path, *_: object, **__: object) -> runner.Sample:
        found.append((cwd / "out").exists())
        (cwd / "out").mkdir()
        (cwd / "out" / "a.md").write_text("x")
        return runner.Sample(1.0, 0.9, 1000, 0, "")

    monkeypatch.setattr(runner, "run_once", fake_run)
    monkeypatch.setattr(runner, "_available", lambda *_: "")
    rows = {spec.name: spec for spec in suite.ROWS}
    spec = rows["iopctl render"]
    assert spec.outputs == ("out",)
    assert rows["iopctl render --jobs 2"].outputs == ("out",)
    env = model.Env(("iopctl",), sys.executable, tmp_path, ("a.yaml",), tmp_path / "s.json")
    runner.measure_rounds([spec], env, ["taskset", "-c", "0"], size=1, runs=3, budget=60.0)
    assert found == [False, False, False]


def test_instruction_counts_name_rows_the_timed_table_has() -> None:
    """``benchmarks/instructions.py`` counts the same command lines ``run.py`` times."""
    from benchmarks import instructions

    rows = {spec.name: spec for spec in suite.ROWS}
    for name in instructions.THROUGHPUT:
        assert rows[name].cores == 1, name
    assert set(instructions.NEAR_VALIDATE) <= set(instructions.THROUGHPUT)


def test_spilled_rows_count_the_row_s_own_command_line(tmp_path: Path) -> None:
    """A spilled row runs its row's command line, started with runs of ``SPILL_RUN`` rows:
    over more agreements than that, the same output and exit code as ``python -m iopctl``
    (``tests/test_memory.py`` holds the spilled outputs to the unspilled ones too)."""
    from benchmarks import instructions

    folder = tmp_path / "set"
    generate(folder / "agreements", instructions.SPILL_RUN + 10)
    env = instructions._env(folder, tmp_path / "schema.json")
    rows = {spec.name: spec for spec in suite.ROWS}
    assert set(instructions.SPILLED) == set(instructions.NEAR_VALIDATE)
    for name in instructions.SPILLED:
        plain = list(rows[name].argv(env))
        spilled = list(rows[name].argv(instructions.spilling(env)))
        assert plain[:3] == [sys.executable, "-m", "iopctl"]
        assert spilled[:2] == [sys.executable, "-c"] and spilled[3:] == plain[3:]
        assert f"spill.RUN = {instructions.SPILL_RUN}" in spilled[2]
        done = [
            subprocess.run(
                argv, cwd=folder, env=instructions.child_env(), capture_output=True, check=False
            )
            for argv in (plain, spilled)
        ]
        assert done[0].returncode == done[1].returncode == 0, done[1].stderr
        assert done[0].stdout.count(b"\n") > instructions.SPILL_RUN
        assert done[1].stdout == done[0].stdout


def test_callgrind_totals_are_summed_over_every_process() -> None:
    from benchmarks import instructions

    stderr = (
        "==7== Callgrind, a call-graph generating cache profiler\n"
        "==8== Collected : 1952299590\n==7== I   refs:      1,038,374,130\n"
        "==7== Collected : 1038374130\n"
    )
    assert instructions.collected(stderr) == 1952299590 + 1038374130
    with pytest.raises(ValueError, match="no total"):
        instructions.collected("valgrind: command not found\n")


def test_instructions_per_file_leave_the_start_up_out() -> None:
    from benchmarks import instructions

    # start-up 1 000 M, 5 M a file: 1 005 M for one file, 2 495 M for 299 more
    assert instructions.per_file(2_500_000_000, 1_005_000_000, 300) == 5_000_000


def test_instruction_tables() -> None:
    from benchmarks import instructions

    Count = instructions.Count
    counts = [
        Count("bare C-loader parse (floor)", 8_000_000, True),
        Count("iopctl validate", 5_000_000, True),
        Count("iopctl due", 8_250_000, True),
        Count("iopctl render", 13_000_000, True),
        Count("iopctl due, rows spilled to disk (runs of 50)", 8_500_000, True),
        Count("python -c 'import yaml, pydantic, typer' (base)", 470_000_000, False),
        Count("iopctl validate, one file", 1_081_000_000, False),
    ]
    assert instructions.table(counts, 300) == [
        "| command | instructions per file (300 files) | ratio to floor | ratio to validate "
        "| target |",
        "|---|--:|--:|--:|---|",
        "| bare C-loader parse (floor) | 8.00 M | 1.00× | 1.60× |  |",
        "| iopctl validate | 5.00 M | 0.62× | 1.00× | ≤ 0.85× floor |",
        "| iopctl due | 8.25 M | 1.03× | 1.65× | ≤ 1.3× validate |",
        "| iopctl render | 13.00 M | 1.62× | 2.60× |  |",
        "| iopctl due, rows spilled to disk (runs of 50) | 8.50 M | 1.06× | 1.70× "
        "| ≤ 1.3× validate |",
        "",
        "| start-up | instructions | ratio to base |",
        "|---|--:|--:|",
        "| python -c 'import yaml, pydantic, typer' (base) | 470.00 M | 1.00× |",
        "| iopctl validate, one file | 1 081.00 M | 2.30× |",
    ]


def test_each_generator_replaces_only_its_own_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks import instructions

    doc = tmp_path / "performance.md"
    doc.write_text(
        f"{perfdoc.BEGIN}\ntimed\n{perfdoc.END}\n\n{instructions.BEGIN}\nold\n{instructions.END}\n"
    )
    monkeypatch.setattr(perfdoc, "DOC", doc)
    perfdoc.write_doc(["counted"], begin=instructions.BEGIN, end=instructions.END)
    assert doc.read_text() == (
        f"{perfdoc.BEGIN}\ntimed\n{perfdoc.END}\n\n{instructions.BEGIN}\ncounted\n{instructions.END}\n"
    )


def test_instruction_counts_use_one_hash_seed() -> None:
    """A random seed moves a count by about 0.1 % between runs of the same code."""
    from benchmarks import instructions

    env = instructions.child_env()
    assert env["PYTHONHASHSEED"] == "0"
    assert env["PYTHONPATH"] == runner._child_env()["PYTHONPATH"]


def test_children_run_as_a_user_runs_iopctl(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unbuffered stdout writes a table a line at a time; neither setting is a user's."""
    monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = runner._child_env()
    assert "PYTHONUNBUFFERED" not in env
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["NO_COLOR"] == "1"


def test_the_disk_floor_writes_one_new_file_per_agreement(tmp_path: Path) -> None:
    """``benchmarks/disk.py`` writes what ``render --out`` would have to: one new file per
    agreement, renamed into place, no temporary file left, a new file's mode."""
    from benchmarks import disk

    files = generate(tmp_path / "agreements", 3)
    assert disk.main(str(tmp_path / "agreements"), str(tmp_path / "out")) == 0
    written = sorted((tmp_path / "out").iterdir())
    assert [p.name for p in written] == sorted(f"{p.stem}.md" for p in files)
    for path in files:
        assert (tmp_path / "out" / f"{path.stem}.md").read_bytes() == path.read_bytes()
    probe = tmp_path / "probe"
    probe.touch()
    assert {p.stat().st_mode & 0o777 for p in written} == {probe.stat().st_mode & 0o777}
    rows = {spec.name: spec for spec in suite.ROWS}
    assert rows["new files, one per agreement (the disk's floor for render)"].outputs == ("out",)


def test_ratio_targets_pair_the_runs_of_each_round() -> None:
    """A ratio target is the median of the two rows' ratios round by round, over the
    rounds both ran in (a row that stopped repeating ran the first ones); with one run
    each, the ratio of the medians."""
    rows = {spec.name: spec for spec in suite.ROWS}
    validate = model.Result(rows["iopctl validate"], 10, files=10, seconds=10.0, cpu=10.0, runs=3)
    validate.samples = [10.0, 8.0, 12.0]
    due = model.Result(rows["iopctl due"], 10, files=10, seconds=13.0, cpu=13.0, runs=3)
    due.samples = [12.0, 13.0, 14.0]  # 1.2×, 1.625×, 1.1667×: median 1.2× (medians: 1.3×)
    assert model.paired_ratio(due, validate) == (1.2, 3)
    target = rows["iopctl due"].target
    assert target is not None
    report = model.Report([validate, due])
    assert target(due, report) == "1.20× validate (median of 3 rounds; ≤ 1.3×): met"
    due.samples = [15.0, 16.0]  # stopped after two rounds: paired with validate's first two
    assert model.paired_ratio(due, validate) == (1.75, 2)
    due.samples = [13.0]
    assert model.paired_ratio(due, validate) == (1.3, 0)
    assert target(due, report) == "1.30× validate (≤ 1.3×): met"
    floor = model.Result(rows["bare C-loader parse (floor)"], 10, files=10, seconds=12.0, runs=3)
    floor.samples = [12.0, 10.0, 16.0]  # validate: 0.833×, 0.8×, 0.75×
    check = rows["iopctl validate"].target
    assert check is not None
    assert check(validate, model.Report([floor, validate])) == (
        "0.80× floor (median of 3 rounds; ≤ 0.85×): met"
    )


def test_render_target_states_the_rate_beyond_the_disk() -> None:
    rows = {spec.name: spec for spec in suite.ROWS}
    disk = model.Result(
        rows["new files, one per agreement (the disk's floor for render)"],
        1000,
        files=1000,
        seconds=0.5,
        cpu=0.5,
        wall=0.6,
        runs=3,
    )
    render = model.Result(
        rows["iopctl render"],
        1000,
        files=1000,
        seconds=2.5,
        cpu=2.5,
        wall=2.6,
        runs=3,
        peak_kb=60 * 1024,
    )
    target = rows["iopctl render"].target
    assert target is not None
    assert target(render, model.Report([disk, render])) == (
        "≥ 500 documents/s: **not met**; 500/s beyond the disk's floor; ≤ 150 MB: met"
    )
    assert target(render, model.Report([render])) == "≥ 500 documents/s: **not met**; ≤ 150 MB: met"


def _page(results: list[model.Result], counts: list[object]) -> str:
    """A performance page as the two generators write it (their own functions)."""
    from benchmarks import instructions

    report = model.Report(results)
    timed = [
        *perfdoc.table(report),
        "",
        "Start-up (cold, one process each):",
        "",
        *perfdoc.cold_table(report),
    ]
    counted = instructions.table(counts, 300)  # type: ignore[arg-type]
    return "\n".join(
        [
            "# Performance",
            perfdoc.BEGIN,
            *timed,
            perfdoc.END,
            instructions.BEGIN,
            *counted,
            instructions.END,
        ]
    )


def _timed(
    name: str,
    size: int | None,
    cpu: float,
    *,
    wall: float | None = None,
    peak_mb: int = 40,
    tree: str = "",
) -> model.Result:
    spec = {s.name: s for s in [*suite.ROWS, *suite.COLD]}[name]
    files = None if size is None else size
    return model.Result(
        spec,
        size,
        files=files,
        seconds=cpu,
        cpu=cpu,
        wall=wall or cpu,
        runs=1,
        peak_kb=peak_mb * 1024,
        tree=tree,
    )


def test_the_summary_says_what_the_tables_say() -> None:
    """Every verdict of the summary comes from the tables' own target cells and counts:
    met at one size only, met in instructions and not in time, a start-up target missed."""
    from benchmarks import instructions, summary

    Count = instructions.Count
    results = []
    for size, validate, due in ((1000, 0.9, 1.25), (10000, 8.0, 11.0)):
        results += [
            _timed("bare C-loader parse (floor)", size, size / 1000),
            _timed("iopctl validate", size, validate),
            _timed("iopctl due", size, due, peak_mb=160 if size == 10000 else 40),
            _timed("iopctl economy", size, validate * 1.2),
            _timed("new files, one per agreement (the disk's floor for render)", size, size / 4000),
            _timed("iopctl render", size, size / 450 if size == 1000 else size / 520),
        ]
    results += [
        _timed("iopctl validate --jobs 2", 10000, 8.5, wall=4.0),
        _timed("iopctl render --jobs 2", 10000, 20.0, wall=10.0),
    ]
    for tree, scale in (("before (x)", 1.2), ("after", 1.0)):
        results += [
            _timed("python -c 'import yaml, pydantic, typer' (base)", None, 0.080, tree=tree),
            _timed("iopctl --help", None, 0.070 * scale, tree=tree),
            _timed("iopctl validate, one file", None, 0.140 * scale, tree=tree),
        ]
    counts = [
        Count("bare C-loader parse (floor)", 8_000_000, True),
        Count("iopctl validate", 5_000_000, True),
        Count("iopctl due", 6_000_000, True),
        Count("iopctl render", 12_000_000, True),
        Count("iopctl due, rows spilled to disk (runs of 50)", 6_600_000, True),
        Count("python -c 'import yaml, pydantic, typer' (base)", 470_000_000, False),
        Count("iopctl validate, one file", 800_000_000, False),
        Count("iopctl --help", 360_000_000, False),
    ]
    lines = summary.summarise(_page(results, counts))
    assert lines[0] == (
        "| target | latest timed run (1 000 / 10 000 files) | in instructions per file | verdict |"
    )
    assert lines[2:] == [
        "| peak memory ≤ 150 MB at 10 000 and 100 000 files, every command "
        "| 10 000: 40–160 MB | – | **not met** |",
        "| `validate` ≤ 0.85× the bare C-loader loop | 0.90× / 0.80× | 0.62× "
        "| met at 10 000 only; in instructions met |",
        "| `due`, `economy`, `list` ≤ 1.3× `validate` "
        "| `due` 1.39× / 1.38×; `economy` 1.20× / 1.20×; `list` – / – "
        "| 1.20×, –, – (rows spilled to disk, as from 10 000 files: 1.32×, –, –) "
        "| `due` **not met**, `economy` met, `list` –; in instructions **not met** |",
        "| `render --out` ≥ 500 Markdown documents/s | 450 / 520 a second "
        "(507 / 598 beyond the disk's floor); `--jobs 2`: 1 000 a second of wall time at "
        "10 000 | 12.00 M a document | met at 10 000 only |",
        '| one-file `validate` ≤ 1.6× `python -c "import yaml, pydantic, typer"` '
        "| 140 ms = 1.75× the base's 80 ms | 1.70× | **not met**; in instructions **not met** |",
        "| one-file `due` | – | – | – |",
        "| `--help` stays where it is (≤ 150 ms) | 70 ms (84 ms before) | 0.77× the base | met |",
        "| `--jobs N` for `validate`, `due`, `list`, `economy`, `render`, output identical to "
        "`--jobs 1` | at 10 000 on 2 cores, wall time: `validate` 2.00×, `render` 1.92× | – "
        "| met (the output: `tests/test_jobs.py`) |",
    ]


def test_the_page_summary_is_current() -> None:
    """docs/performance.md's summary is the one its tables give (``benchmarks/run.py
    --write`` and ``instructions.py --write`` rewrite it; ``benchmarks/summary.py
    --write`` alone after editing a table by hand)."""
    from benchmarks import summary

    text = perfdoc.DOC.read_text(encoding="utf-8")
    block = text.split(summary.BEGIN + "\n", 1)[1].split(summary.END, 1)[0]
    assert block.splitlines() == summary.summarise(text)
