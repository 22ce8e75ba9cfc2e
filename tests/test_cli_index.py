"""Tests for ``iopctl index add`` / ``iopctl index list`` and where index files are found."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

REPO = Path(__file__).resolve().parent.parent
BEFORE_START = REPO / "tests" / "fixtures" / "agree" / "indexation-before-start.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with one agreement that needs OPI 2024 and 2025."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "agreements").mkdir()
    shutil.copy(BEFORE_START, tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_add_writes_the_figure_with_its_source(repo: Path) -> None:
    code, out, err = run(
        "index",
        "add",
        "OPI",
        "2024",
        "2.0",
        "--status",
        "definitive",
        "--source",
        "test fixture (fictional)",
        "--published",
        "2023-12-15",
    )
    assert (code, err) == (0, "")
    assert out == "indices/opi.yaml: OPI 2024 2.0 % (definitivt)\n"  # Swedish, the default
    text = (repo / "indices" / "opi.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "indices:\n  OPI:\n    values:\n      - year: 2024\n        percent: 2.0\n"
        "        status: definitive\n        published: 2023-12-15\n"
        '        source: "test fixture (fictional)"\n'
    )
    code, out, _ = run("economy", "agreements", "-f", "json", "--as-of", "2026-01-01")
    years = json.loads(out)["agreements"][0]["years"]
    assert [(y["year"], y["contributions"][0]["amount"]) for y in years] == [
        (2023, "100000"),
        (2024, "102000"),
        (2025, None),
    ]


def test_add_refuses_a_second_value_unless_replace(repo: Path, english: None) -> None:
    args = ("index", "add", "OPI", "2025", "3.1", "--status", "preliminary", "--source", "a")
    assert run(*args)[0] == 0
    code, _, err = run(*args)
    assert code == 2
    assert "already has preliminary 3.1 % for this year" in err
    assert "--replace" in err
    code, _, _ = run(
        "index",
        "add",
        "OPI",
        "2025",
        "3.3",
        "--status",
        "preliminary",
        "--source",
        "b",
        "--replace",
    )
    assert code == 0
    assert "percent: 3.3" in (repo / "indices" / "opi.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["O P I", "2025", "1"], "is not an index code"),
        (["OPI", "1800", "1"], "year 1800 is out of range"),
        (["OPI", "2025", "1,5"], "write a decimal point"),
    ],
)
def test_add_usage_errors(repo: Path, args: list[str], message: str, english: None) -> None:
    code, _, err = run("index", "add", *args, "--status", "definitive", "--source", "x")
    assert code == 2
    assert message in err
    assert not (repo / "indices").exists()


def test_a_fall_of_100_percent_or_more_is_refused(repo: Path, english: None) -> None:
    code, _, err = run(
        "index", "add", "--status", "definitive", "--source", "x", "--", "OPI", "2025", "-100"
    )
    assert code == 2 and "-100 % or less is impossible" in err


def test_empty_source_is_refused(repo: Path, english: None) -> None:
    code, _, err = run(
        "index", "add", "OPI", "2025", "1", "--status", "definitive", "--source", "  "
    )
    assert code == 2 and "--source is empty" in err


def test_list_shows_the_years_agreements_need(repo: Path) -> None:
    code, out, _ = run("index", "list", "agreements", "-f", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["needed"] == [
        {"index": "OPI", "year": 2024, "agreements": ["indexation-before-start"]},
        {"index": "OPI", "year": 2025, "agreements": ["indexation-before-start"]},
    ]
    known = {(k["index"], k["year"], k["status"], k["bundled"]) for k in doc["known"]}
    assert ("OPI", 2023, "definitive", True) in known
    code, out, _ = run("index", "list", "agreements")
    assert "  OPI 2024: indexation-before-start" in out
    assert "iopctl index add OPI <ÅR> <PROCENT>" in out


def test_indices_are_read_from_the_agreements_repository(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("index", "add", "OPI", "2024", "2.0", "--status", "definitive", "--source", "x")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    _, out, _ = run("economy", str(repo / "agreements"), "-f", "json", "--as-of", "2026-01-01")
    years = json.loads(out)["agreements"][0]["years"]
    assert years[1]["contributions"][0]["amount"] == "102000"


def test_the_repository_names_its_index_folder(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``indices = "data/index"`` in iopctl.toml: `index add` writes there, every command
    reads it, also from another folder; ``indices/`` is then not read."""
    (repo / "iopctl.toml").write_text('language = "sv"\nindices = "data/index"\n')
    (repo / "indices").mkdir()  # not the repository's folder: a figure here is not read
    (repo / "indices" / "opi.yaml").write_text(
        "indices:\n  OPI:\n    values:\n      - year: 2025\n        percent: 9.0\n"
        "        status: definitive\n        source: not read\n",
        encoding="utf-8",
    )
    code, out, err = run(
        "index", "add", "OPI", "2024", "2.0", "--status", "definitive", "--source", "x"
    )
    assert (code, err) == (0, "")
    assert out == "data/index/opi.yaml: OPI 2024 2.0 % (definitivt)\n"
    assert (repo / "data" / "index" / "opi.yaml").is_file()
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    _, out, _ = run("economy", str(repo / "agreements"), "-f", "json", "--as-of", "2026-01-01")
    years = json.loads(out)["agreements"][0]["years"]
    assert [(y["year"], y["contributions"][0]["amount"]) for y in years] == [
        (2023, "100000"),
        (2024, "102000"),
        (2025, None),
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [('"../elsewhere"', "'../elsewhere'"), ('"/etc"', "'/etc'"), ('""', "''"), ("3", "3")],
)
@pytest.mark.parametrize("where", ["here", "elsewhere"])
def test_an_index_folder_outside_the_repository_is_a_usage_error(
    repo: Path,
    value: str,
    shown: str,
    where: str,
    english: None,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused when the command starts in the repository (its settings are read first)
    and when it is given the repository's folder from elsewhere (read with the indices)."""
    (repo / "iopctl.toml").write_text(f"indices = {value}\n")
    if where == "elsewhere":
        monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    code, _, err = run("economy", str(repo / "agreements"), "--as-of", "2026-01-01")
    assert code == 2
    # the repository as iopctl found it: relative to where the command runs, or resolved
    settings = os.path.join(
        os.path.relpath(repo) if where == "elsewhere" else repo.resolve(), "iopctl.toml"
    )
    assert err == (
        f"iopctl: error: {settings}: indices = {shown} is not a folder inside the "
        'repository; write a relative path such as "indices"\n'
    )
