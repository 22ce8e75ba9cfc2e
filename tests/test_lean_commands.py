"""Issue #17: the lean ``due``, ``economy`` and ``list`` (iopctl/cli/lean_commands.py)
print exactly what typer's commands print, with the same exit code and the same files,
and leave to typer what they are not sure of."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.cli.lean_args import read_options
from iopctl.cli.lean_commands import COMMANDS, parse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # benchmarks/ is not an installed package
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve generated agreements and one that does not validate."""
    root = tmp_path_factory.mktemp("lean-due")
    generate(root / "agreements", 12)
    (root / "agreements" / "zz-schema.yaml").write_text(
        "id: zz-schema\ntitle: 12\nstatus: maybe\n", encoding="utf-8"
    )
    (root / "one").mkdir()
    generate(root / "one", 1)
    return root


LEAN = [
    ["due", "one", "--as-of", "2024-06-01"],
    ["due", "--as-of=2024-06-01", "one", "--within", "2y"],
    ["due", "agreements", "--as-of", "2024-06-01", "-f", "json"],
    ["due", "agreements", "--as-of", "2024-06-01", "--format", "csv", "--settled"],
    ["due", "agreements", "--as-of", "2024-06-01", "--format=ics", "-j", "2"],
    ["--lang", "en", "due", "one", "--as-of", "2024-06-01"],
    ["due", "one", "--as-of", "2024-02-30"],  # the command's own usage error
    ["due", "one", "--within", "soon"],
    ["due", "nowhere", "--as-of", "2024-06-01"],
    ["due", "one", "--kind", "payment", "--as-of", "2024-06-01"],  # typer reads it
    ["due", "one", "--jobs", "0"],  # typer says what is wrong
    ["due", "one", "--as-of"],
]


def _lean(repo: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "iopctl", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


ECONOMY = [
    ["economy", "one", "--as-of", "2024-06-01", "--assume", "2.0"],
    ["economy", "agreements", "--assume=2.0", "-f", "json", "--as-of", "2024-06-01"],
    ["economy", "agreements", "--assume", "2", "--format", "csv", "--no-excel", "-j", "2"],
    ["economy", "agreements", "--assume", "2.0", "--format=csv", "--excel", "--year", "2022"],
    ["--lang", "en", "economy", "one", "--assume", "2.0", "--as-of", "2024-06-01"],
    ["economy", "one", "--as-of", "2024-06-01"],  # an index year nobody has published
    ["economy", "one", "--year", "1999", "--assume", "2.0"],  # outside the period
    ["economy", "one", "--output", "x.xlsx"],  # the command's own usage error
    ["economy", "one", "--assume", "lots"],
    ["economy", "one", "--index-file", "nowhere.yaml", "--assume", "2.0"],
    ["economy", "nowhere", "--assume", "2.0"],
    ["economy", "one", "--year", "twenty"],  # typer says what is wrong
    ["economy", "one", "--jobs", "0"],
    ["economy", "one", "--format", "html"],
    ["economy", "one", "--assume"],
]


LIST = [
    ["list", "one", "--as-of", "2024-06-01"],
    ["list", "agreements", "--as-of=2024-06-01", "-f", "json", "-j", "2"],
    ["list", "agreements", "--as-of", "2024-06-01", "--format", "csv", "--excel"],
    ["--lang", "en", "list", "agreements", "--as-of", "2024-06-01", "--format=csv"],
    ["list", "one", "--output", "x.xlsx"],  # the command's own usage error
    ["list", "one", "--index-file", "nowhere.yaml", "--as-of", "2024-06-01"],
    ["list", "nowhere"],
    ["list", "one", "--as-of", "2024-13-01"],
    ["list", "one", "--format", "ics"],  # typer says what is wrong
    ["list", "one", "--jobs", "-1"],
]


@pytest.mark.parametrize("args", LEAN + ECONOMY + LIST, ids=" ".join)
def test_the_lean_command_is_the_typer_command(repo: Path, args: list[str]) -> None:
    lean = _lean(repo, args)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        mp.setenv("NO_COLOR", "1")
        mp.setenv("COLUMNS", "100")
        typer = CliRunner().invoke(app, args)
    stderr = lean.stderr.replace("python -m iopctl", "iopctl")  # click names the program
    assert (lean.returncode, lean.stdout, stderr) == (
        typer.exit_code,
        typer.stdout,
        typer.stderr,
    )
    assert lean.stdout or lean.stderr


def _read(args: list[str]) -> dict[str, object] | None:
    """What the lean path reads of ``args``, or None when it leaves them to typer."""
    found = parse(args)
    if found is None:
        return None
    lean, wanted = found
    assert lean is COMMANDS[args[0]]
    return wanted


def test_what_the_lean_due_reads() -> None:
    assert _read(["due"]) == {"paths": None}
    assert _read(["due", "a.yaml", "--as-of", "2024-06-01", "-j", "2", "-f", "csv"]) == {
        "paths": ["a.yaml"],
        "as_of": "2024-06-01",
        "jobs": 2,
        "output_format": "csv",
    }
    assert _read(["due", "--", "-odd.yaml"]) == {"paths": ["-odd.yaml"]}
    for args in (
        ["validate"],
        ["due", "--help"],
        ["due", "--history"],
        ["due", "--kind", "payment"],
        ["due", "--fail-on", "overdue"],
        ["due", "-fjson"],
        ["due", "-f=json"],
        ["due", "--format", "xlsx"],
        ["due", "--settled=yes"],
        ["due", "--jobs", "two"],
        ["due", "--as-of"],
        ["due", "-", "a.yaml"],
    ):
        assert _read(args) is None, args


def test_the_reader_keeps_every_value_in_order() -> None:
    read = read_options(
        ["x", "a", "-v", "1", "--value=2", "--on", "b", "--off"],
        "x",
        flags={"--on": ("switch", True), "--off": ("switch", False)},
        valued={"-v": "value", "--value": "value"},
    )
    assert read is not None
    assert read.paths == ["a", "b"]
    assert read.values == {"value": ["1", "2"], "switch": [True, False]}
    assert read.last("switch") is False
    assert read.last("missing", "default") == "default"


@pytest.mark.parametrize(
    "args",
    [
        ["economy", "agreements", "--assume", "2.0", "--as-of", "2024-06-01"],
        ["list", "agreements", "--as-of", "2024-06-01"],
    ],
    ids=" ".join,
)
def test_the_lean_command_writes_the_same_workbook(repo: Path, args: list[str]) -> None:
    lean = _lean(repo, [*args, "-f", "xlsx", "-o", "lean.xlsx"])
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        typer = CliRunner().invoke(app, [*args, "--format", "xlsx", "--output", "typer.xlsx"])
    assert (lean.returncode, lean.stdout) == (typer.exit_code, typer.stdout)
    assert (repo / "lean.xlsx").read_bytes() == (repo / "typer.xlsx").read_bytes()


def test_what_the_lean_economy_reads() -> None:
    assert _read(["economy"]) == {"paths": None}
    many = ["economy", "a.yaml", "--year", "2022", "-j", "2", "-f", "csv", "--no-excel"]
    many += ["--index-file", "x.yaml", "--index-file=y.yaml", "--assume", "-1.5", "-o", "o"]
    assert _read(many) == {
        "paths": ["a.yaml"],
        "year": 2022,
        "jobs": 2,
        "output_format": "csv",
        "excel": False,
        "index_file": ["x.yaml", "y.yaml"],
        "assume": "-1.5",
        "output": "o",
    }
    for args in (
        ["validate"],
        ["economy", "--help"],
        ["economy", "--year", "+2022"],
        ["economy", "--year", "2022.0"],
        ["economy", "--jobs", "0"],
        ["economy", "--format", "html"],
        ["economy", "-fjson"],
        ["economy", "--excel=yes"],
        ["economy", "--assume"],
    ):
        assert _read(args) is None, args


def test_what_the_lean_list_reads() -> None:
    assert _read(["list", "a", "--index-file", "x.yaml", "-o", "o.xlsx", "-f", "xlsx"]) == {
        "paths": ["a"],
        "index_file": ["x.yaml"],
        "output": "o.xlsx",
        "output_format": "xlsx",
    }
    for args in (["list", "--within", "2y"], ["list", "--format", "ics"], ["list", "-h"]):
        assert _read(args) is None, args
    assert _read(["show", "x"]) is None
