"""`iopctl new`: flags and prompts, the file it writes, what is missing for active."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.cli.parsing import parse_party
from iopctl.errors import IopctlError, UsageError
from iopctl.model.load import load_agreement
from iopctl.scaffold import answers, files
from iopctl.scaffold import new as new_file
from tests.goldens import assert_golden

# English, as docs/workflow.md shows it; the Swedish default has tests of its own.
runner = CliRunner(env={"LC_ALL": "en_GB.UTF-8"})
sv_runner = CliRunner()

FLAGS = [
    "new",
    "linkoping-motesplats-2027",
    "--title",
    "Mötesplats för äldre: social samvaro i Linköping",
    "--party",
    "id=namnden,name=Äldrenämnden,sector=public,org_number=212000-0449,"
    "organisation=Linköpings kommun",
    "--party",
    "id=grannstod,name=Föreningen Grannstöd, Linköping,sector=idea_based",
    "--start",
    "2027-01-01",
    "--end",
    "2029-12-31",
    "--notice",
    "6 månader",
    "--follow-ups-per-year",
    "2",
    "--amount",
    "450 000 kr",
    "--no-input",
]

# Title, id (accept the suggestion), party 1 with a wrong check digit first,
# party 2 without a number, no third party, an end before the start first, a
# notice period in words first, then the rest.
ANSWERS = [
    "Mötesplats för äldre i Linköping",
    "",
    "Äldrenämnden",
    "",
    "Linköpings kommun",
    "aldrenamnden",
    "212000-0448",
    "212000-0449",
    "Föreningen Grannstöd",
    "",
    "grannstod",
    "",
    "nej",
    "2027-01-01",
    "2026-12-31",
    "2029-12-31",
    "sex månader",
    "6 months",
    "1",
    "933 000",
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def validate(path: str, *extra: str) -> tuple[int, str]:
    """``iopctl validate`` in English (the words these tests compare)."""
    result = runner.invoke(app, ["validate", *extra, path, "--lang", "en"])
    return result.exit_code, result.stdout


def test_new_with_flags(workdir: Path) -> None:
    result = runner.invoke(app, FLAGS)
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("workflow/new-flags.txt", result.stdout)
    written = workdir / "agreements" / "linkoping-motesplats-2027.yaml"
    assert_golden("workflow/new-flags.yaml", written.read_text(encoding="utf-8"))
    assert validate("agreements", "--strict") == (0, "Checked 1 file: no problems.\n")


def test_new_with_flags_records_what_was_given(workdir: Path) -> None:
    assert runner.invoke(app, FLAGS).exit_code == 0
    loaded = load_agreement("agreements/linkoping-motesplats-2027.yaml")
    a = loaded.agreement
    assert a is not None and loaded.valid_schema
    assert (a.id, a.status, a.title) == (
        "linkoping-motesplats-2027",
        "draft",
        "Mötesplats för äldre: social samvaro i Linköping",
    )
    assert [(p.id, p.name, p.sector, p.org_number) for p in a.parties] == [
        ("namnden", "Äldrenämnden", "public", "212000-0449"),
        ("grannstod", "Föreningen Grannstöd, Linköping", "idea_based", None),
    ]
    assert a.parties[0].organisation == "Linköpings kommun"
    assert a.period is not None and a.termination is not None and a.follow_up is not None
    assert (a.period.start, a.period.end) == (dt.date(2027, 1, 1), dt.date(2029, 12, 31))
    assert str(a.termination.notice_period) == "6 months"
    assert a.follow_up.per_year == 2
    assert a.economy is not None
    money = a.economy.contributions[0]
    assert money.model_dump(exclude_defaults=True) == {
        "kind": "money",
        "party": "namnden",
        "amount_per_year": Decimal(450000),
        "base_year": 2027,
    }


def test_new_interactive_reasks_a_bad_org_number(workdir: Path) -> None:
    result = runner.invoke(app, ["new"], input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert_golden("workflow/new-interactive.txt", result.output)
    written = workdir / "agreements" / "motesplats-for-aldre-i-linkoping.yaml"
    assert_golden("workflow/new-interactive.yaml", written.read_text(encoding="utf-8"))
    assert validate("agreements") == (0, "Checked 1 file: no problems.\n")
    a = load_agreement(str(written)).agreement
    assert a is not None
    assert [p.org_number for p in a.parties] == ["212000-0449", None]
    assert [p.organisation for p in a.parties] == ["Linköpings kommun", None]


def test_new_interactive_reasks_an_impossible_date(workdir: Path) -> None:
    """A date that does not exist is said as every date option says it, and asked again."""
    answers = list(ANSWERS)
    answers.insert(answers.index("2027-01-01"), "2027-02-30")
    result = runner.invoke(app, ["new"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert (
        "Start date, first day in force (YYYY-MM-DD): 2027-02-30\n"
        "  the start date '2027-02-30': no such date (February 2027 has 28 days)\n"
        "  hint: write the date as YYYY-MM-DD, e.g. 2022-05-15\n"
        "Start date, first day in force (YYYY-MM-DD): 2027-01-01\n"
    ) in result.output


def test_missing_for_active_is_what_validate_reports_once_active(workdir: Path) -> None:
    """The list `new` prints comes from the real checks: validate agrees, code for code."""
    result = runner.invoke(app, FLAGS)
    listed = [
        line.split()[:2]
        for line in result.stdout.split("Missing for status: active:\n")[1].splitlines()
        if line.startswith("  ")
    ]
    path = workdir / "agreements" / "linkoping-motesplats-2027.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: draft", "status: active"),
        encoding="utf-8",
    )
    code, out = validate(str(path))
    reported = [
        [line.split(": ")[1].split()[0], line.split(": ")[1].split()[1]]
        for line in out.splitlines()
        if line.startswith(str(path))
    ]
    assert code == 1
    assert sorted(listed) == sorted(reported)
    assert ["error", "IOP302"] in listed and ["warning", "IOP315"] in listed


def test_new_refuses_to_overwrite(workdir: Path) -> None:
    assert runner.invoke(app, FLAGS).exit_code == 0
    path = workdir / "agreements" / "linkoping-motesplats-2027.yaml"
    path.write_text("# my edits\n", encoding="utf-8")
    result = runner.invoke(app, FLAGS)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "iopctl: error: file already exists: agreements/linkoping-motesplats-2027.yaml\n"
        "iopctl: hint: choose another id, or pass --force to overwrite it\n"
    )
    assert path.read_text(encoding="utf-8") == "# my edits\n"
    assert runner.invoke(app, [*FLAGS, "--force"]).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: ")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp files


def test_new_interactive_refuses_before_asking_everything(workdir: Path) -> None:
    (workdir / "agreements").mkdir()
    (workdir / "agreements" / "x-2027.yaml").write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["new", "x-2027"], input="Titel\n")
    assert result.exit_code == 1
    assert "Party 1" not in result.output
    assert "file already exists: agreements/x-2027.yaml" in result.stderr


def test_invalid_id_is_asked_again_with_a_suggestion(workdir: Path) -> None:
    answers = ["Titel", "", *ANSWERS[2:]]
    result = runner.invoke(app, ["new", "Linköping 2027"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Title: Titel\n"
        "  'Linköping 2027' is not a valid id: use lowercase letters a–z, digits and single "
        "hyphens (at most 80 characters); it becomes the file name\n"
        "Id (file name) [linkoping-2027]: \n"
    )
    assert (workdir / "agreements" / "linkoping-2027.yaml").exists()


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["new", "x", "--no-input"],
            'iopctl: error: --title is required with --no-input\niopctl: hint: add --title "…"\n',
        ),
        (
            ["new", "--title", "Mötesplats för äldre", "--no-input"],
            "iopctl: error: no id given\n"
            "iopctl: hint: give one as the first argument, e.g. iopctl new motesplats-for-aldre\n",
        ),
        (
            ["new", "Mötesplats 2027", "--title", "x", "--no-input"],
            "iopctl: error: 'Mötesplats 2027' is not a valid id: use lowercase letters a–z, "
            "digits and single hyphens (at most 80 characters); it becomes the file name\n"
            "iopctl: hint: use 'motesplats-2027'\n",
        ),
        (
            ["new", "x", "--title", "x", "--no-input"],
            "iopctl: error: no parties given\n"
            "iopctl: hint: add --party for each party: at least one sector=public and one "
            "sector=idea_based\n",
        ),
        (
            [
                "new",
                "x",
                "--title",
                "x",
                "--no-input",
                "--party",
                "name=A,sector=public,org_number=212000-0448",
            ],
            "iopctl: error: organisationsnummer 212000-0448 is not a valid number (its check "
            "digit does not match): it was probably mistyped\n"
            "iopctl: hint: check the number against Bolagsverket's register (bolagsverket.se) "
            "or the organisation's own documents (statutes, annual report, decision)\n",
        ),
        (
            ["new", "x", "--title", "x", "--no-input", "--party", "name=A,sector=kommun"],
            "iopctl: error: sector 'kommun' is not public or idea_based\n"
            "iopctl: hint: public = kommun/region/nämnd; idea_based = idéburen organisation\n",
        ),
        (
            [
                "new",
                "x",
                "--title",
                "x",
                "--no-input",
                "--party",
                "name=A,sector=public",
                "--party",
                "name=B,sector=idea_based",
                "--notice",
                "ett halvår",
            ],
            "iopctl: error: notice period 'ett halvår' is not a length of time\n"
            "iopctl: hint: write e.g. '6 months', '3 months', '90 days' (or '6 månader')\n",
        ),
        (
            [
                "new",
                "x",
                "--title",
                "x",
                "--no-input",
                "--party",
                "name=A,sector=idea_based",
                "--party",
                "name=B,sector=idea_based",
                "--amount",
                "1000",
            ],
            "iopctl: error: --amount needs a public party to pay it\n"
            "iopctl: hint: add a party with sector=public\n",
        ),
    ],
    ids=[
        "no-title",
        "no-id",
        "bad-id",
        "no-parties",
        "bad-org-number",
        "bad-sector",
        "bad-notice",
        "amount-without-payer",
    ],
)
def test_usage_errors(workdir: Path, args: list[str], stderr: str) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)
    assert not (workdir / "agreements").exists() or not any((workdir / "agreements").iterdir())


def test_a_draft_that_would_not_validate_is_not_written(workdir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "x",
            "--title",
            "x",
            "--no-input",
            "--party",
            "name=A,sector=public",
            "--party",
            "name=B,sector=public",
            "--start",
            "2027-01-01",
            "--end",
            "2027-03-31",
            "--notice",
            "6 months",
            "--lang",
            "en",
        ],
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "iopctl: error: the new agreement would not validate, so nothing was written: "
        "IOP204 an IOP needs at least one public and one non-profit party; this one lacks a "
        "non-profit party (sector: idea_based); IOP208 the notice period (6 months) is longer "
        "than the agreement (2027-01-01 – 2027-03-31)\n"
        "iopctl: hint: list every party under `parties:` with its sector\n"
    )
    assert not (workdir / "agreements").exists()


def test_eof_on_a_prompt_aborts_without_a_file(workdir: Path) -> None:
    result = runner.invoke(app, ["new"], input="Titel\n")
    assert result.exit_code == 1
    assert not (workdir / "agreements").exists()
    assert "Aborted" not in result.output
    assert result.stderr.endswith(
        "\niopctl: error: the input ended before “Id” was answered, so nothing "
        "was written\n"
        "iopctl: hint: run iopctl new again and answer each question (an empty answer means "
        "not known yet), or give the answers as options with --no-input\n"
    )


def test_eof_names_the_party_question(workdir: Path) -> None:
    result = runner.invoke(app, ["new"], input="\n".join(ANSWERS[:4]) + "\n")
    assert result.exit_code == 1
    assert "before “Party 1 municipality or region” was answered" in result.stderr


def test_ctrl_c_at_a_prompt_is_an_interruption(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import typer

    def interrupted(*args: object, **kwargs: object) -> str:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:  # what click's prompt does with Ctrl-C
            raise typer.Abort() from None

    monkeypatch.setattr(typer, "prompt", interrupted)
    result = runner.invoke(app, ["new"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (130, "iopctl: interrupted")


@pytest.mark.parametrize("yes", ["j", "ja", "J", "y", "yes"])
def test_swedish_and_english_yes_add_a_party(workdir: Path, yes: str) -> None:
    third = ["Föreningen Fixarna", "", "fixarna", ""]
    answers = [*ANSWERS[:12], "kanske", yes, *third, "n", *ANSWERS[13:]]
    result = runner.invoke(app, ["new"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Add another party? [y/N]: kanske\n  answer y (yes) or n (no)\n" in result.output
    a = load_agreement("agreements/motesplats-for-aldre-i-linkoping.yaml").agreement
    assert a is not None
    assert [p.id for p in a.parties] == ["aldrenamnden", "grannstod", "fixarna"]


def test_dir_option_and_schema_path(workdir: Path) -> None:
    (workdir / "schema").mkdir()
    (workdir / "schema" / "agreement.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, [*FLAGS, "--dir", "iop/avtal"])
    assert result.exit_code == 0, result.stderr
    text = (workdir / "iop" / "avtal" / "linkoping-motesplats-2027.yaml").read_text("utf-8")
    assert (
        text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/agreement.schema.json"
    )


# --- the parsers and iopctl.scaffold, without running the command ----------------------------


def test_parse_party() -> None:
    assert parse_party(
        "id=grannstod, name=Föreningen Grannstöd, Linköping, sector=idea_based"
    ) == answers.PartySpec("grannstod", "Föreningen Grannstöd, Linköping", "idea_based")
    assert parse_party('name="Stadsmissionen, Kalmar",sector=idea_based') == (
        answers.PartySpec("stadsmissionen-kalmar", "Stadsmissionen, Kalmar", "idea_based")
    )
    spec = parse_party(
        "name=Socialnämnden,organisation=Kalmar kommun,sector=public,org_number=212000-0720"
    )
    assert (spec.id, spec.organisation, spec.org_number) == (
        "socialnamnden",
        "Kalmar kommun",
        "212000-0720",
    )
    for bad in ("name=A", "sector=public", "name=A,sector=public,colour=red", "name=A,name=B"):
        with pytest.raises(UsageError):
            parse_party(bad)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("933000", Decimal("933000")),
        ("933 000", Decimal("933000")),
        ("933\u00a0000 kr", Decimal("933000")),
        ("933000,50", Decimal("933000.50")),
        ("933000.5", Decimal("933000.5")),
        ("", None),
    ],
)
def test_parse_amount(text: str, amount: Decimal | None) -> None:
    assert answers.parse_amount(text) == amount


@pytest.mark.parametrize("text", ["-5", "933.000", "1,234.5", "ett", "12.345"])
def test_parse_amount_rejects(text: str) -> None:
    with pytest.raises(UsageError):
        answers.parse_amount(text)


def test_parse_per_year_and_dates() -> None:
    assert answers.parse_per_year("2") == 2
    assert answers.parse_per_year("") is None
    for bad in ("0", "-1", "1.5", "en"):
        with pytest.raises(UsageError):
            answers.parse_per_year(bad)
    assert answers.parse_start(" 2027-01-01 ") == dt.date(2027, 1, 1)
    assert answers.parse_start(" ") is None
    for bad in ("2027-02-30", "2027-1-1", "0001-01-01", "9999-01-01"):
        with pytest.raises(UsageError):
            answers.parse_start(bad)


_titles = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=60,
).filter(lambda t: t.strip() != "" and t == " ".join(t.split()))


@settings(max_examples=150, deadline=None)
@given(title=_titles, name=_titles)
def test_any_typed_text_survives_the_yaml_file(title: str, name: str) -> None:
    """Quotes are added exactly where YAML needs them ('no', 'Del 1: …', '#', dates …)."""
    spec = answers.NewAgreement(
        id="x",
        title=title,
        parties=(
            answers.PartySpec("a", name, "public"),
            answers.PartySpec("b", "B", "idea_based"),
        ),
    )
    checked = new_file.check_new(new_file.agreement_yaml(spec), "x.yaml")
    assert checked.errors == []
    agreement = checked.loaded.agreement
    assert agreement is not None
    assert (agreement.title, agreement.parties[0].name) == (title, name)


@pytest.mark.parametrize("title", ["no", "Del 1: Bakgrund", "2027-01-01", "#1", "'citat'", "0123"])
def test_yaml_surprises_are_quoted(title: str) -> None:
    spec = answers.NewAgreement(id="x", title=title)
    checked = new_file.check_new(new_file.agreement_yaml(spec), "x.yaml")
    assert checked.loaded.agreement is not None
    assert checked.loaded.agreement.title == title


def test_missing_for_active_runs_the_real_checks() -> None:
    checked = new_file.check_new(
        new_file.agreement_yaml(
            answers.NewAgreement(
                id="x",
                title="x",
                parties=(
                    answers.PartySpec("a", "A", "public", "212000-0449"),
                    answers.PartySpec("b", "B", "idea_based", "822003-0913"),
                ),
            )
        ),
        "x.yaml",
    )
    assert checked.problems == []
    assert [(d.code, d.severity.value) for d in checked.missing] == [
        ("IOP301", "error"),
        ("IOP303", "error"),
        ("IOP304", "error"),
        ("IOP305", "error"),
        ("IOP310", "warning"),
        ("IOP310", "warning"),
        ("IOP311", "warning"),
        ("IOP312", "warning"),
        ("IOP313", "warning"),
        ("IOP314", "warning"),
        ("IOP315", "warning"),
    ]


def test_write_new_file_is_atomic_and_keeps_existing_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "x.yaml"
    files.write_new_file(path, "id: x\n")
    assert path.read_text(encoding="utf-8") == "id: x\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    with pytest.raises(IopctlError) as exc:
        files.write_new_file(path, "id: y\n")
    assert exc.value.exit_code == 1
    assert path.read_text(encoding="utf-8") == "id: x\n"
    files.write_new_file(path, "id: y\n", force=True)
    assert path.read_text(encoding="utf-8") == "id: y\n"
    assert [p.name for p in path.parent.iterdir()] == ["x.yaml"]


def test_schema_reference(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    assert files.schema_reference(repo / "agreements") == "../schema/agreement.schema.json"
    assert files.schema_reference(tmp_path / "agreements") == "../schema/agreement.schema.json"
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "agreement.schema.json").write_text("{}", encoding="utf-8")
    assert files.schema_reference(tmp_path / "a" / "b") == "../../schema/agreement.schema.json"


def test_scaffold_and_diffing_import_neither_typer_nor_rich() -> None:
    code = (
        "import sys, iopctl.scaffold.answers, iopctl.scaffold.files, iopctl.scaffold.init,"
        " iopctl.scaffold.new, iopctl.views.diff;"
        "print(sorted(m for m in ('typer', 'rich') if m in sys.modules))"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONPATH": str(root)},
    )
    assert out.stdout.strip() == "[]"


def test_a_prompted_id_whose_file_exists_is_asked_again(workdir: Path) -> None:
    (workdir / "agreements").mkdir()
    (workdir / "agreements" / "motesplats-for-aldre-i-linkoping.yaml").write_text("id: x\n")
    answers = [ANSWERS[0], "", "motesplats-2027", *ANSWERS[2:]]
    result = runner.invoke(app, ["new"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Title: Mötesplats för äldre i Linköping\n"
        "Id (file name) [motesplats-for-aldre-i-linkoping]: \n"
        "  agreements/motesplats-for-aldre-i-linkoping.yaml already exists\n"
        "  hint: choose another id, or pass --force to overwrite it\n"
        "Id (file name) [motesplats-for-aldre-i-linkoping]: motesplats-2027\n"
    )
    assert (workdir / "agreements" / "motesplats-2027.yaml").exists()
    assert (workdir / "agreements" / "motesplats-for-aldre-i-linkoping.yaml").read_text() == (
        "id: x\n"
    )


def test_a_folder_that_cannot_be_made_is_an_error_not_a_crash(workdir: Path) -> None:
    (workdir / "agreements").write_text("a file where the folder should be\n", encoding="utf-8")
    result = runner.invoke(app, FLAGS)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "iopctl: error: cannot write agreements/linkoping-motesplats-2027.yaml: "
    )


# --- issue 16: ids that are taken or that Windows reserves --------------------------------------


def test_new_refuses_an_id_another_file_uses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "old-name.yaml").write_text(
        "id: linkoping-motesplats-2027\ntitle: x\nstatus: draft\n", encoding="utf-8"
    )
    result = runner.invoke(app, FLAGS)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "iopctl: error: the id 'linkoping-motesplats-2027' is already used by "
        "agreements/old-name.yaml\n"
    )
    assert sorted(p.name for p in (tmp_path / "agreements").iterdir()) == ["old-name.yaml"]


@pytest.mark.parametrize("name", ["con", "nul", "prn", "aux", "com1", "lpt9"])
def test_new_refuses_windows_device_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", name, *FLAGS[2:]])
    assert result.exit_code == 2
    assert f"'{name}' is not a valid id: Windows reserves it for a device" in result.stderr
    assert not (tmp_path / "agreements").exists()


def test_a_windows_device_name_is_an_invalid_id_in_a_file() -> None:
    from iopctl.model.load import load_agreement_bytes

    loaded = load_agreement_bytes("id: nul\ntitle: x\nstatus: draft\n", "nul.yaml")
    [d] = loaded.diagnostics
    assert (d.code, d.line, d.column) == ("IOP108", 1, 5)
    assert "Windows reserves it for a device" in d.message


def test_new_asks_in_swedish_by_default(workdir: Path) -> None:
    """The same answers in Swedish: Swedish questions, `j`/`nej` for yes and no."""
    answers = [*ANSWERS[:12], "ja", "Föreningen Fixarna", "", "fixarna", "", "nej", *ANSWERS[13:]]
    result = sv_runner.invoke(app, ["new"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert_golden("workflow/new-interactive.sv.txt", result.output)
    assert "Lägga till ännu en part? [j/N]: ja\n" in result.output


def test_eof_in_swedish_names_the_question(workdir: Path) -> None:
    result = sv_runner.invoke(app, ["new"], input="Titel\n")
    assert result.exit_code == 1
    assert "iopctl: fel: indata tog slut innan frågan ”Id” var besvarad, så inget skrevs\n" in (
        result.stderr
    )
