"""Fuzzing the shapes of issue 16: long numbers, aliased scalars, nested Markdown, control
characters (in generated agreements) and symbolic links (in generated repositories).

Every run must end in exit 0 or 1 (2 for a path that does not exist), within a time and
memory bound, with output that nothing executes: no control character in text output,
no CSV cell a spreadsheet reads as a formula, no line of a file outside the repository.
FUZZ_EXAMPLES raises the count for long campaigns (docs/reliability.md).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from tests.strategies import hostile_agreement_text
from tests.test_bounds import bounded

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
runner = CliRunner()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.output,
    )
    return result.exit_code, result.stdout, result.stderr


def _inert_text(text: str) -> None:
    assert CONTROL.search(text) is None, repr(CONTROL.search(text))
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def _inert_csv(text: str) -> None:
    """Either CSV form: Swedish Excel's (BOM, ';', decimal comma) or RFC 4180."""
    excel = text.startswith("\ufeff")
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";" if excel else ",")
    for row in rows:
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert re.fullmatch(r"-?[0-9]+([.,][0-9]+)?", cell), cell


TEXT_COMMANDS = [
    ["validate"],
    ["validate", "--format", "github"],
    ["due", "--as-of", "2024-01-01"],
    ["list", "--as-of", "2024-01-01"],
    ["economy", "--assume", "2"],
    ["render", "--draft"],
]
CSV_COMMANDS = [
    ["due", "--as-of", "2024-01-01", "--format", "csv"],
    ["list", "--as-of", "2024-01-01", "--format", "csv"],
    ["economy", "--assume", "2", "--format", "csv"],
]


@SETTINGS
@given(text=hostile_agreement_text())
def test_hostile_agreements_through_every_command(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    base = Path(__file__).parent / "fixtures" / "valid" / "minimal-active.yaml"
    for command in [*TEXT_COMMANDS, *CSV_COMMANDS, ["diff", str(base)]]:
        with bounded(seconds=15, megabytes=1500):
            code, out, err = _run(command[0], str(path), *command[1:])
        assert code in (0, 1), (command, out[-2000:], err[-2000:])
        assert len(out) + len(err) < 50_000_000
        if command in CSV_COMMANDS:
            _inert_csv(out)
        elif "github" in command:  # workflow commands, one per problem and nothing else
            assert CONTROL.search(out) is None
            assert all(
                line.startswith(("::error file=", "::warning file=")) for line in out.splitlines()
            )
        elif command[0] != "render":  # render prints Markdown: checked by its own escapes
            _inert_text(out)
        _inert_text(err)


# --- symbolic links ----------------------------------------------------------------------------

SECRET = "hunter2-secret-value"
TARGETS = ["secret-file", "secret-dir", "passwd", "environ", "inside-file", "inside-dir"]
TARGETS += ["dangling", "loop", "parent", "repo-root"]
NAMES = st.sampled_from(["a.yaml", "b.yml", "c", "sub", "indices", "x.yaml", "agreements"])


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(path under the repository, kind, link target) for a few files, folders and links."""
    entries = []
    for _ in range(draw(st.integers(1, 12))):
        depth = draw(st.integers(1, 3))
        parts = [draw(NAMES) for _ in range(depth)]
        kind = draw(st.sampled_from(["file", "dir", "link", "link"]))
        entries.append(("/".join(parts), kind, draw(st.sampled_from(TARGETS))))
    return entries


def _build(root: Path, entries: list[tuple[str, str, str]]) -> None:
    outside = root.parent
    (outside / "secret.yaml").write_text(f"id: x\ntitle: {SECRET}\nstatus: draft\n", "utf-8")
    (outside / "secret-dir").mkdir(exist_ok=True)
    (outside / "secret-dir" / "s.yaml").write_text(f"title: {SECRET}\n", "utf-8")
    targets = {
        "secret-file": outside / "secret.yaml",
        "secret-dir": outside / "secret-dir",
        "passwd": Path("/etc/passwd"),
        "environ": Path("/proc/self/environ"),
        "inside-file": root / "agreements" / "ok.yaml",
        "inside-dir": root / "agreements",
        "dangling": root / "nowhere",
        "parent": outside,
        "repo-root": root,
    }
    for name, kind, target in entries:
        path = root / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_text("id: [\n", "utf-8")
            elif kind == "dir":
                path.mkdir(exist_ok=True)
            else:
                path.symlink_to(path if target == "loop" else targets[target])
        except OSError:
            continue  # a name is already taken by another kind: skip it


@SETTINGS
@given(entries=trees(), args=st.lists(NAMES, max_size=3))
def test_links_never_leak_a_file_from_outside_the_repository(
    entries: list[tuple[str, str, str]], args: list[str]
) -> None:
    scratch = Path(tempfile.mkdtemp())
    here = os.getcwd()
    try:
        root = scratch / "repo"
        (root / ".git").mkdir(parents=True)
        (root / "agreements").mkdir()
        shutil.copy(
            Path(__file__).parent / "fixtures" / "valid" / "minimal-active.yaml",
            root / "agreements" / "ok.yaml",
        )
        _build(root, entries)
        os.chdir(root)
        os.environ["IOPCTL_FUZZ_SECRET"] = SECRET
        paths = [a for a in args if os.path.lexists(a)] or ["agreements"]
        for command in (["validate"], ["validate", "-f", "json"], ["list"], ["due"]):
            code, out, err = _run(*command, *paths)
            assert code in (0, 1, 2), (command, out, err)
            assert SECRET not in out + err
            assert "root:x:0:0" not in out + err
    finally:
        os.chdir(here)
        shutil.rmtree(scratch, ignore_errors=True)


def test_secret_marker_is_in_the_environment_only_during_the_test() -> None:
    # The link fuzzer puts its secret in the environment so that /proc/self/environ holds it.
    os.environ.pop("IOPCTL_FUZZ_SECRET", None)
    assert SECRET not in "".join(os.environ.values())


pytestmark = pytest.mark.slow
