"""``validate`` and ``render`` agree: what validates renders, as a draft, as an ended
agreement with "uppgift saknas", or in full; what the agreement document needs is an
IOP316 warning naming the field ``render`` stops at; a folder renders every document it can.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
MINIMAL = ROOT / "tests" / "fixtures" / "render" / "minimal-2026.yaml"
KALMAR = AGREEMENTS / "kalmar-stadsmission-2020.yaml"
PINGST = AGREEMENTS / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
RESURSPOOLEN = AGREEMENTS / "linkoping-resurspoolen-2020.yaml"


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def copy(source: Path, folder: Path, old: str = "", new: str = "") -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = folder / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return target


def warnings_316(path: Path) -> list[tuple[int, str]]:
    result = run("validate", "--format", "json", str(path))
    found = json.loads(result.stdout)
    return [(d["line"], d["message"]) for d in found["diagnostics"] if d["code"] == "IOP316"]


# --- the folder ---------------------------------------------------------------------------------


def test_the_bundled_folder_renders_every_document(tmp_path: Path) -> None:
    result = run("render", str(AGREEMENTS), "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{p.stem}.agreement.sv.md" for p in AGREEMENTS.glob("*.yaml")
    )


def test_a_folder_with_one_broken_agreement_writes_the_others(
    tmp_path: Path, english: None
) -> None:
    """Kalmar without ``status: draft`` is a decided agreement without org numbers."""
    folder = tmp_path / "agreements"
    copy(RESURSPOOLEN, folder)
    broken = copy(KALMAR, folder, "status: draft\n", "")
    out = tmp_path / "out"
    result = run("render", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["linkoping-resurspoolen-2020.agreement.sv.md"]
    assert f"iopctl: error: {broken}: " in result.stderr
    assert "missing field parties[0].org_number" in result.stderr
    assert result.stderr.endswith(f"iopctl: 1 of 2 documents not rendered: {broken}\n")
    assert "Traceback" not in result.stderr

    check = run("render", str(folder), "--out", str(out), "--check")
    assert check.exit_code == 1  # the others are up to date; one cannot be rendered
    assert "1 of 2 documents not rendered" in check.stderr
    assert [p.name for p in out.iterdir()] == ["linkoping-resurspoolen-2020.agreement.sv.md"]


def test_an_invalid_agreement_in_a_folder_is_named_and_the_others_written(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "agreements"
    copy(RESURSPOOLEN, folder)
    invalid = copy(PINGST, folder, "status: ended", "status: finished")
    out = tmp_path / "out"
    result = run("render", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert "IOP104" in result.stderr
    assert f"iopctl: error: {invalid}: does not validate (see above)\n" in result.stderr
    assert [p.name for p in out.iterdir()] == ["linkoping-resurspoolen-2020.agreement.sv.md"]


# --- validate names what render needs ------------------------------------------------------------

CASES = {
    "parties[1].org_number": ("    org_number: 822003-0913\n", ""),
    "period.start": ("  start: 2026-01-01\n", ""),
    "period.end": ("  end: 2027-12-31\n", ""),
    "period.extension.length": (
        "  extension:\n    length: 1 year\n",
        "  extension:\n    times: 1\n",
    ),
    "termination.notice_period": ("  notice_period: 6 months\n", "  form: written\n"),
    "follow_up.frequency": ("  per_year: 1\n", "  on_request: true\n"),
    "economy.contributions[0].hours_per_year": ("      hours_per_year: 400\n", ""),
    "organisation.responsible.role": ("    role: Enhetschef\n", "    note: ny tjänst\n"),
}


def test_the_minimal_agreement_validates_and_renders_in_full(tmp_path: Path) -> None:
    assert warnings_316(MINIMAL) == []
    result = run("render", str(MINIMAL))
    assert result.exit_code == 0, result.stderr
    assert "Utkast" not in result.stdout and "SAKNAS" not in result.stdout


@pytest.mark.parametrize("field", sorted(CASES))
def test_validate_warns_about_the_field_render_stops_at(field: str, tmp_path: Path) -> None:
    old, new = CASES[field]
    path = copy(MINIMAL, tmp_path, old, new)
    found = warnings_316(path)
    assert [message for _, message in found] == [
        f"the agreement document needs {field}; `iopctl render` stops there"
    ]
    result = run("render", str(path))
    assert result.exit_code == 1
    assert f": missing field {field} ({path})" in result.stderr


def test_active_agreements_are_not_told_twice(tmp_path: Path) -> None:
    path = copy(MINIMAL, tmp_path, "id: minimal-2026\n", "id: minimal-2026\nstatus: active\n")
    edited = path.read_text(encoding="utf-8").replace("  notice_period: 6 months\n", "", 1)
    path.write_text(edited, encoding="utf-8")
    result = run("validate", "--format", "json", str(path))
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "IOP304" in codes and "IOP316" not in codes


# --- drafts and ended agreements -----------------------------------------------------------------


def test_a_draft_renders_as_a_draft_without_the_option(english: None) -> None:
    result = run("render", str(KALMAR))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("> **Utkast.**") == 1
    assert (
        "| Socialnämnden, Kalmar kommun | Offentlig sektor "
        "| [SAKNAS: organisationsnummer för Socialnämnden] |" in result.stdout
    )
    # no notice clause the press release never had (#13), so no placeholder for it
    assert "uppsägningstid" not in result.stdout
    assert (
        "3 missing fields: parties[0].org_number, parties[1].org_number, economy\n" in result.stderr
    )
    english = run("render", str(KALMAR), "--lang", "en")
    assert "[MISSING: Swedish organisation number for Kalmar stadsmission]" in english.stdout
    assert warnings_316(KALMAR) == []


def test_an_ended_agreement_says_what_is_not_known_and_is_no_draft(english: None) -> None:
    result = run("render", str(PINGST))
    assert result.exit_code == 0, result.stderr
    assert "Utkast" not in result.stdout and "SAKNAS" not in result.stdout
    assert "| Pingstförsamlingen | Idéburen sektor | uppgift saknas |" in result.stdout
    assert "iopctl-draft" not in result.stdout
    assert (
        "4 fields not known from the sources, printed as not known: parties[0].org_number, "
        "parties[1].org_number, parties[2].org_number, economy\n"
    ) in result.stderr
    # Nor its economy: said, rather than left out to read as an agreement without money.
    assert "## Ekonomi\n\nUppgift om överenskommelsens ekonomi saknas i källorna.\n" in (
        result.stdout
    )
    # Its sources have no termination clause: none is printed, not even "saknas" (#13).
    assert "## Uppsägning" not in result.stdout and "frånträda" not in result.stdout
    assert warnings_316(PINGST) == []
    draft = run("render", str(PINGST), "--draft")
    assert "[SAKNAS: organisationsnummer för Pingstförsamlingen]" in draft.stdout
