"""`iopctl validate` end to end: goldens for every diagnostic code, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.problems.codes import CODES
from tests.goldens import assert_golden

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.suffix == ".yaml" or p.is_dir())


AS_OF = "2025-01-15"
"""The day the fixtures are judged by (IOP230 compares the status with it)."""


def invoke(*args: str) -> tuple[int, str, str]:
    """Run iopctl; in English unless the test names a language (these tests pin the
    English words, the Swedish goldens pin the Swedish ones)."""
    given = list(args) if "--lang" in args else [*args, "--lang", "en"]
    result = runner.invoke(app, given)
    return result.exit_code, result.stdout, result.stderr


GOLDEN_BY_LANG = {"en": "validate/{stem}.txt", "sv": "validate/sv/{stem}.txt"}
"""Each broken fixture's report in English (the older goldens) and in Swedish."""


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_golden(in_repo: Path, fixture: Path, lang: str) -> None:
    rel = fixture.relative_to(in_repo).as_posix()
    code, out, err = invoke("validate", rel, "--as-of", AS_OF, "--lang", lang)
    assert err == ""
    assert_golden(GOLDEN_BY_LANG[lang].format(stem=fixture.stem), out)
    error = {"en": ": error ", "sv": ": fel "}[lang]
    expected_exit = 1 if error in out else 0
    assert code == expected_exit
    if not fixture.stem.startswith("iop3xx"):
        wanted = fixture.stem.split("-")[0].upper()
        assert f" {wanted} " in out


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_json_is_the_same_in_both_languages_but_the_words(in_repo: Path, fixture: Path) -> None:
    """Codes, places, severities and keys do not depend on the language; the message and
    hint are in the language chosen."""
    rel = fixture.relative_to(in_repo).as_posix()
    docs = {
        lang: json.loads(
            invoke("validate", rel, "--as-of", AS_OF, "--format", "json", "--lang", lang)[1]
        )
        for lang in ("sv", "en")
    }

    def shape(doc: dict[str, object]) -> object:
        rows = doc["diagnostics"]
        assert isinstance(rows, list)
        return [{k: v for k, v in row.items() if k not in ("message", "hint")} for row in rows]

    assert shape(docs["sv"]) == shape(docs["en"])
    assert {k: v for k, v in docs["sv"].items() if k != "diagnostics"} == {
        k: v for k, v in docs["en"].items() if k != "diagnostics"
    }
    messages = [(r["message"], r["hint"]) for r in docs["sv"]["diagnostics"]]
    english = [(r["message"], r["hint"]) for r in docs["en"]["diagnostics"]]
    if fixture.stem.startswith(("iop0", "iop1", "iop2")):
        assert all(sv != en for sv, en in zip(messages, english, strict=True))


def test_every_code_has_a_fixture_or_a_generated_test() -> None:
    covered = {p.stem.split("-")[0].upper() for p in INVALID}
    covered |= {f"IOP30{i}" for i in range(1, 6)} | {f"IOP31{i}" for i in range(6)}
    generated = {
        "IOP001",
        "IOP003",
        "IOP009",
        "IOP501",
        "IOP502",
        "IOP503",
    }  # generated in other tests
    assert set(CODES) - covered == generated


def test_bundled_agreements_validate_clean(in_repo: Path) -> None:
    code, out, err = invoke("validate")
    assert (code, err) == (0, "")
    assert out == "Checked 5 files: no problems.\n"


def test_one_day_judges_the_whole_run(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's date is asked once a run: a run that passes midnight judges every file (status,
    history) by the same day, as ``--as-of`` would."""
    import datetime as dt

    from iopctl.checks.validate import validate_paths

    asked: list[dt.date] = []

    def today() -> dt.date:
        asked.append(dt.date(2026, 12, 1) + dt.timedelta(days=len(asked)))
        return asked[-1]

    monkeypatch.setattr("iopctl.clock.today_stockholm", today)
    validation = validate_paths(["agreements"])
    assert (len(validation.files), asked) == (5, [dt.date(2026, 12, 1)])


def test_minimal_active_agreement_is_clean(in_repo: Path) -> None:
    code, out, _ = invoke("validate", "--strict", "tests/fixtures/valid/minimal-active.yaml")
    assert (code, out) == (0, "Checked 1 file: no problems.\n")


def test_json_format_is_exact(in_repo: Path) -> None:
    code, out, _ = invoke(
        "validate", "--format", "json", "tests/fixtures/invalid/iop206-volunteer-value.yaml"
    )
    assert code == 1
    assert json.loads(out) == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "diagnostics": [
            {
                "file": "tests/fixtures/invalid/iop206-volunteer-value.yaml",
                "line": 17,
                "column": 23,
                "severity": "error",
                "code": "IOP206",
                "message": "value_per_year 3,825,000 kr is not hours × rate: "
                "18000 h × 214 kr = 3,852,000 kr",
                "hint": "correct one of hours_per_year, hourly_rate or value_per_year",
            }
        ],
    }


def test_json_sorted_by_file_line_column(in_repo: Path) -> None:
    code, out, _ = invoke("validate", "-f", "json", "tests/fixtures/invalid")
    doc = json.loads(out)
    keys = [(d["file"], d["line"], d["column"]) for d in doc["diagnostics"]]
    assert keys == sorted(keys)
    assert doc["files"] == len(list((FIXTURES / "invalid").rglob("*.yaml")))
    assert doc["errors"] == sum(d["severity"] == "error" for d in doc["diagnostics"])
    assert code == 1


def test_github_format(in_repo: Path) -> None:
    code, out, _ = invoke(
        "validate", "--format", "github", "./tests/fixtures/invalid/iop213-length-mismatch.yaml"
    )
    assert code == 0
    assert out == (
        "::warning file=tests/fixtures/invalid/iop213-length-mismatch.yaml,line=14,col=11,"
        "title=IOP213::tests/fixtures/invalid/iop213-length-mismatch.yaml:14:11: IOP213 "
        "length 3 years does not match 2020-01-01 – 2021-12-31 (hint: correct the dates or "
        "the length (a 3-year period from 2020-01-01 ends 2022-12-31))\n"
    )


def test_github_escapes_newlines_and_percent() -> None:
    from iopctl.problems.diagnostic import Diagnostic, Severity, format_github

    # A newline in data is shown escaped (issue 16): it can neither end the annotation
    # nor start a workflow command of its own.
    d = Diagnostic("a,b.yaml", 1, 2, "IOP104", Severity.ERROR, "50% off\nnext\r", "")
    assert format_github([d]) == (
        "::error file=a%2Cb.yaml,line=1,col=2,title=IOP104::a,b.yaml:1:2: IOP104 "
        "50%25 off\\nnext\\r\n"
    )


def test_strict_turns_warnings_into_errors(in_repo: Path) -> None:
    path = "tests/fixtures/invalid/iop211-unlimited-extension.yaml"
    assert invoke("validate", path)[0] == 0
    code, out, _ = invoke("validate", "--strict", path)
    assert code == 1
    assert ": error IOP211 " in out


def test_missing_path_is_a_usage_error(in_repo: Path) -> None:
    code, out, err = invoke("validate", "no/such/file.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "iopctl: error: path does not exist: no/such/file.yaml\niopctl: hint: check the spelling\n"
    )


def test_no_default_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("validate")
    assert code == 2
    assert "no agreements/ folder here" in err


def test_empty_folder_checks_zero_files(tmp_path: Path) -> None:
    code, out, _ = invoke("validate", str(tmp_path))
    assert (code, out) == (0, "Checked 0 files: no problems.\n")


def test_unknown_format_is_a_usage_error(in_repo: Path) -> None:
    assert invoke("validate", "--format", "xml")[0] == 2


def test_internal_error_is_one_line_and_exit_3(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import iopctl.checks.validate

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(iopctl.checks.validate, "validate_paths", boom)
    code, out, err = invoke("validate")
    assert (code, out) == (3, "")
    assert err.splitlines()[0] == (
        "iopctl: error: internal error (RuntimeError: kaboom); this is a bug in iopctl"
    )
    assert "Traceback" not in err


def test_version() -> None:
    from iopctl import __version__

    assert invoke("--version")[:2] == (0, f"iopctl {__version__}\n")


def test_schema_command_matches_committed_schema(in_repo: Path) -> None:
    code, out, _ = invoke("schema")
    assert code == 0
    committed = (in_repo / "schema" / "agreement.schema.json").read_text(encoding="utf-8")
    assert out == committed, "run `iopctl schema > schema/agreement.schema.json`"
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
