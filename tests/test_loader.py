"""Loading: Pydantic errors become located diagnostics; broken fields do not cascade."""

from __future__ import annotations

from pathlib import Path

import pytest

from iopctl.checks import run_checks
from iopctl.errors import UsageError
from iopctl.model.load import discover, load_agreement_bytes

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

BASE = """\
id: test
title: Test
status: ended
parties:
  - id: kommunen
    name: Kommunen
    sector: public
    org_number: 212000-0448
  - id: foreningen
    name: Föreningen
    sector: idea_based
"""


def codes(text: str) -> list[tuple[int, int, str]]:
    loaded = load_agreement_bytes(text, "f.yaml")
    found = loaded.diagnostics + run_checks(loaded)
    return sorted((d.line, d.column, d.code) for d in found)


def test_independent_problems_are_all_reported() -> None:
    text = BASE.replace("title: Test", "title: 12") + (
        "economy:\n  declared_total_per_year: 10\n  contributions:\n"
        "    - kind: money\n      party: kommunen\n      amount_per_year: 5\n"
        "period:\n  start: 2022-01-01\n  end: 2021-01-01\n"
    )
    assert codes(text) == [
        (2, 8, "IOP107"),  # title read as a number
        (8, 17, "IOP201"),  # wrong check digit, parties still valid
        (13, 28, "IOP205"),  # economy sums checked although title failed
        (20, 8, "IOP202"),  # period checked too
    ]


def test_a_broken_field_does_not_cascade() -> None:
    # amount given as text: economy fails schema, so the total check must not run
    text = BASE + (
        "economy:\n  declared_total_per_year: 10\n  contributions:\n"
        "    - kind: money\n      party: kommunen\n      amount_per_year: '5 kr'\n"
    )
    assert codes(text) == [(8, 17, "IOP201"), (17, 24, "IOP106")]


def test_broken_parties_skip_reference_checks() -> None:
    text = BASE.replace("sector: idea_based", "sector: ideell") + (
        "signatures:\n  - party: nobody\n"
    )
    assert codes(text) == [(11, 13, "IOP104")]


def test_unknown_field_gets_a_did_you_mean() -> None:
    loaded = load_agreement_bytes(BASE + "period:\n  strat: 2020-01-01\n", "f.yaml")
    [d] = loaded.diagnostics
    assert (d.line, d.column, d.code, d.message, d.hint) == (
        13,
        3,
        "IOP102",
        "unknown field 'strat' in Period of the agreement (`period`)",
        "did you mean 'start'?",
    )


def test_unknown_field_inside_a_contribution_suggests_from_its_kind() -> None:
    text = BASE + (
        "economy:\n  contributions:\n    - kind: volunteer_hours\n      party: foreningen\n"
        "      hours_per_yer: 10\n"
    )
    [d] = load_agreement_bytes(text, "f.yaml").diagnostics
    assert (d.code, d.hint) == ("IOP102", "did you mean 'hours_per_year'?")


def test_missing_required_field_points_at_parent() -> None:
    [d] = load_agreement_bytes("id: x\nstatus: draft\n", "f.yaml").diagnostics
    assert (d.line, d.column, d.code, d.message) == (
        1,
        1,
        "IOP101",
        "missing required field 'title' at the top level",
    )


def test_template_like_text_is_just_text() -> None:
    loaded = load_agreement_bytes(BASE + "notes: '{{ 7*7 }} {% if x %}'\n", "f.yaml")
    assert loaded.agreement is not None
    assert loaded.agreement.notes == "{{ 7*7 }} {% if x %}"


def test_quoted_iso_date_is_accepted() -> None:
    text = BASE + "period:\n  start: '2020-01-01'\n  end: \"2022-12-31\"\n"
    loaded = load_agreement_bytes(text, "f.yaml")
    assert loaded.agreement is not None and loaded.agreement.period is not None
    assert str(loaded.agreement.period.end) == "2022-12-31"


def test_datetime_where_date_expected() -> None:
    [d] = load_agreement_bytes(BASE + "document_date: 2020-01-01 10:00:00\n", "f.yaml").diagnostics
    assert (d.code, d.hint) == ("IOP105", "write only the date: 2020-01-01")


@pytest.mark.parametrize(
    ("value", "message", "hint"),
    [
        (
            "'933 000 kr'",
            "amount '933 000 kr' is text",
            "write the amount as a plain number: 933000",
        ),
        ("933.000", "amount 933.000 looks like", "write 933000 for 933 000 kr, or 933.00 for"),
        ("933000.555", "amount 933000.555 has more than two decimals", "round it to öre: "),
        ("-5", "amount -5 is negative", "amounts are zero or more"),
        (
            "'4 785 000,50 kr'",
            "amount '4 785 000,50 kr' is text",
            "write the amount as a plain number: 4785000.50",
        ),
        (".inf", "amount Infinity is not a finite number", "write a number"),
    ],
)
def test_amount_diagnostics(value: str, message: str, hint: str) -> None:
    text = BASE + (
        "economy:\n  contributions:\n    - kind: money\n      party: kommunen\n"
        f"      amount_per_year: {value}\n"
    )
    [d] = load_agreement_bytes(text, "f.yaml").diagnostics
    assert d.code == "IOP106"
    assert message in d.message
    assert d.hint.startswith(hint)


def test_zero_amount_is_allowed() -> None:
    text = BASE + (
        "economy:\n  contributions:\n    - kind: money\n      party: kommunen\n"
        "      amount_per_year: 0\n"
    )
    assert load_agreement_bytes(text, "f.yaml").diagnostics == []


def test_braces_in_data_do_not_break_messages() -> None:
    text = BASE + (
        "economy:\n  contributions:\n    - kind: money\n      party: kommunen\n"
        "      amount_per_year: '{x} kr'\n"
    )
    [d] = load_agreement_bytes(text, "f.yaml").diagnostics
    assert "'{x} kr'" in d.message


def test_discover_sorts_dedups_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("x")
    (tmp_path / "a.yml").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.yaml").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.yaml").write_text("x")
    found, refused = discover([str(tmp_path), str(tmp_path / "b.yaml")])
    assert refused == []
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == [
        "a.yml",
        "b.yaml",
        "sub/d.yaml",
    ]


def test_discover_missing_path() -> None:
    with pytest.raises(UsageError, match="path does not exist: nope"):
        discover(["nope"])


def test_symlink_outside_the_repository_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from iopctl.cli import app

    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n")
    repo = tmp_path / "repo"
    (repo / "agreements").mkdir(parents=True)
    (repo / "agreements" / "leak.yaml").symlink_to(secret)
    inside = repo / "shared.yaml"
    inside.write_text("x: 1\n")
    (repo / "agreements" / "ok-link.yaml").symlink_to(inside)
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(app, ["validate", "agreements"])
    assert result.exit_code == 1
    assert "hunter2" not in result.output
    assert (
        f"agreements/leak.yaml: error IOP009 symbolic link points outside the repository "
        f"(to {secret.resolve()}); not read" in result.output
    )
    # a link to a file inside the repository is read like any other file
    assert "agreements/ok-link.yaml:1:1: error IOP101" in result.output


def test_symlink_loop_in_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "a.yaml").write_text("x: 1\n")
    found, refused = discover([str(tmp_path)])
    assert [Path(p).name for p in found] == ["a.yaml"]
    assert refused == []


def test_partial_agreement_has_every_attribute() -> None:
    """Found by the command fuzzer: a failed required field must read as None, not raise."""
    loaded = load_agreement_bytes(BASE.replace("id: test", "id: null"), "f.yaml")
    assert loaded.agreement is not None
    assert "id" in loaded.failed
    assert loaded.agreement.id is None
    assert loaded.agreement.title == "Test"


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("'933,000'", "write the amount as a plain number: 933000"),
        ("'933000'", "remove the quotes: 933000"),
        ("'933000,50'", "write the amount as a plain number: 933000.50"),
    ],
)
def test_amount_hints_are_valid_amounts(value: str, hint: str) -> None:
    text = BASE + (
        "economy:\n  contributions:\n    - kind: money\n      party: kommunen\n"
        f"      amount_per_year: {value}\n"
    )
    [d] = load_agreement_bytes(text, "f.yaml").diagnostics
    assert (d.code, d.hint) == ("IOP106", hint)


def test_org_number_written_as_a_number() -> None:
    text = BASE.replace("org_number: 212000-0448", "org_number: 2120000449")
    [d] = load_agreement_bytes(text, "f.yaml").diagnostics
    assert (d.line, d.column, d.code, d.hint) == (8, 17, "IOP201", "write 212000-0449")
