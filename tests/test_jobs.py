"""Issue #17: the same bytes for any ``--jobs``, from the lean ``validate`` as from typer,
and what streaming keeps of a file (its problems, a line shown only if unchanged)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import iopctl.parallel
from iopctl.checks.validate import validate_paths
from iopctl.cli import app
from iopctl.cli.lean import parse_validate
from iopctl.problems.diagnostic import format_text

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402

BROKEN = {
    "zz-syntax.yaml": "id: zz-syntax\ntitle: [unclosed\n",
    "zz-schema.yaml": "id: zz-schema\ntitle: 12\nstatus: maybe\n",
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 generated agreements, one of them copied under another name (IOP401/402), and
    two broken files."""
    root = tmp_path_factory.mktemp("jobs")
    files = generate(root / "agreements", 40)
    (root / "agreements" / "zz-copy.yaml").write_bytes(files[3].read_bytes())
    for name, text in BROKEN.items():
        (root / "agreements" / name).write_text(text, encoding="utf-8")
    return root


COMMANDS = [
    ["validate", "agreements"],
    ["validate", "agreements", "--format", "json", "--strict"],
    ["due", "agreements", "--as-of", "2024-06-01", "--within", "1y"],
    ["due", "agreements", "--as-of", "2024-06-01", "--format", "ics"],
    ["due", "agreements", "--as-of", "2024-06-01", "--history"],
    ["list", "agreements", "--as-of", "2024-06-01", "--format", "json"],
    ["list", "agreements", "--as-of", "2024-06-01"],
    ["economy", "agreements", "--assume", "2.0", "--format", "csv"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_jobs_give_the_same_bytes(
    repo: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(iopctl.parallel, "MIN_FILES_PER_JOB", 4)  # use the workers here
    one = CliRunner().invoke(app, [*args, "--jobs", "1"])
    three = CliRunner().invoke(app, [*args, "--jobs", "3"])
    assert one.exit_code == three.exit_code == 1  # the broken files
    assert one.stdout == three.stdout
    assert one.stderr == three.stderr
    assert "zz-s" in one.stdout + one.stderr  # the broken files are reported


RENDER = [
    ["render", "agreements", "--out", "out/"],
    ["render", "agreements", "--out", "out/", "--lang", "en"],
    # The copy renders as a draft too, and would overwrite the original's document: the
    # run stops and writes nothing, whatever the number of processes.
    ["render", "agreements", "--out", "out/", "--draft"],
]


@pytest.mark.parametrize("args", RENDER, ids=lambda a: " ".join(a[4:]) or "render")
def test_render_jobs_write_the_same_files(
    repo: Path, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``render --out`` in three processes: the same documents, byte for byte, the same
    lines, and the same check afterwards (issue #17)."""
    import shutil

    monkeypatch.chdir(repo)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(iopctl.parallel, "MIN_FILES_PER_JOB", 4)  # use the workers here
    results = []
    for jobs in ("1", "3"):
        shutil.rmtree(repo / "out", ignore_errors=True)
        result = CliRunner().invoke(app, [*args, "--jobs", jobs])
        check = CliRunner().invoke(app, [*args, "--check", "--jobs", jobs])
        files = {p.name: p.read_bytes() for p in sorted((repo / "out").iterdir())}
        results.append((result.exit_code, result.stdout, result.stderr, check.stdout, files))
    shutil.rmtree(repo / "out", ignore_errors=True)
    one, three = results
    assert one[0] == three[0] == 1  # the broken and the duplicate files are not rendered
    assert one == three
    assert not [name for name in one[4] if name.startswith(".")]  # no temporary file left
    assert len(one[4]) == (0 if "--draft" in args else 40)


def _pid(_: str) -> int:
    time.sleep(0.002)
    return os.getpid()


def test_the_workers_really_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(iopctl.parallel, "MIN_FILES_PER_JOB", 4)
    pids = set(iopctl.parallel.ordered_map(_pid, ["x"] * 400, 3))
    assert len(pids) > 1 and os.getpid() not in pids
    assert list(iopctl.parallel.ordered_map(str.upper, ["a", "b"], 3)) == ["A", "B"]


def _cli(repo: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "iopctl", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


LEAN = [
    ["validate"],
    ["validate", "agreements/zz-syntax.yaml", "agreements/zz-copy.yaml"],
    ["validate", "--format=github", "agreements", "--jobs", "2"],
    ["validate", "-f", "json", "--strict", "--", "agreements"],
    ["validate", "--index-file", "missing.yaml", "agreements"],  # typer says it
    ["validate", "agreements", "--as-of", "2020-01-01"],  # typer reads it
    ["validate", "-f=json", "agreements"],  # click: the value "=json"
    ["validate", "agreements", "--jobs", "0"],
    ["validate", "nowhere"],
    ["--lang", "en", "validate", "agreements/zz-schema.yaml"],
    ["validate", "agreements/zz-schema.yaml", "--lang=sv"],
    ["validate", "agreements/zz-schema.yaml", "--lang", "fi"],
]


@pytest.mark.parametrize("args", LEAN, ids=" ".join)
def test_the_lean_validate_is_the_typer_validate(repo: Path, args: list[str]) -> None:
    lean = _cli(repo, args)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        mp.setenv("NO_COLOR", "1")
        typer = CliRunner().invoke(app, args)
    stderr = lean.stderr.replace("python -m iopctl", "iopctl")  # click names the program
    assert (lean.returncode, lean.stdout, stderr) == (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    )


def test_what_the_lean_path_reads() -> None:
    assert parse_validate(["validate", "a.yaml", "-j", "2", "--no-strict"]) is not None
    for args in (
        ["due"],
        ["validate", "--help"],
        ["validate", "-fjson", "a.yaml"],
        ["validate", "--strict=yes", "a.yaml"],
        ["validate", "--lang", "en", "a.yaml"],
        ["validate", "--format"],
        ["validate", "-", "a.yaml"],
    ):
        assert parse_validate(args) is None, args


def test_a_line_is_shown_only_from_the_text_that_was_checked(tmp_path: Path) -> None:
    """Nothing of a file is kept: its line is read again, and only if it is unchanged."""
    file = tmp_path / "a.yaml"
    file.write_text("id: a\ntitle: 12\n", encoding="utf-8")
    result = validate_paths([str(file)], search_dir=str(tmp_path))
    shown = format_text(result.diagnostics, line_text=result.line_text, files=1)
    assert "     2 | title: 12" in shown
    file.write_text("id: a\ntitle: SECRET\n", encoding="utf-8")
    again = validate_paths([str(file)], search_dir=str(tmp_path))  # a fresh cache
    file.write_text("id: a\ntitle: 12\n# now changed\n", encoding="utf-8")
    shown = format_text(again.diagnostics, line_text=again.line_text, files=1)
    assert "SECRET" not in shown and "title: 12" not in shown
