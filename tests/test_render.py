"""``iopctl render``: missing data, data-not-code, the sandbox, files, --check, formatting."""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl import atomic
from iopctl.cli import app
from iopctl.documents import render
from iopctl.errors import IopctlError, UsageError
from iopctl.model.types import Duration

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = ROOT / "agreements" / "linkoping-resurspoolen-2020.yaml"
KALMAR = ROOT / "agreements" / "kalmar-stadsmission-2020.yaml"
NBSP = "\u00a0"


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["render", *args])


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    """A copy of the Resurspoolen agreement that a test may edit."""
    path = tmp_path / "agreements" / "linkoping-resurspoolen-2020.yaml"
    path.parent.mkdir()
    path.write_text(RESURSPOOLEN.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def in_force(agreement: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy on a day it is in force: a missing field stops the render (an ended
    agreement prints "uppgift saknas" instead, a draft a placeholder)."""
    monkeypatch.setattr("iopctl.clock.today_stockholm", lambda: dt.date(2021, 6, 1))
    edit(agreement, "status: ended\n", "")
    return agreement


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def user_template(tmp_path: Path, body: str, name: str = "mine.sv.md.j2") -> Path:
    folder = tmp_path / "my-templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(body, encoding="utf-8")
    return folder


# --- formatting --------------------------------------------------------------------------------


def test_kronor_swedish_uses_non_breaking_spaces() -> None:
    assert render.format_kr(Decimal(4785000), "sv") == f"4{NBSP}785{NBSP}000{NBSP}kr"
    assert render.format_kr(Decimal(933000), "sv") == f"933{NBSP}000{NBSP}kr"
    assert render.format_kr(Decimal("214.5"), "sv") == f"214,50{NBSP}kr"
    assert render.format_kr(Decimal(0), "sv") == f"0{NBSP}kr"


def test_kronor_english() -> None:
    assert render.format_kr(Decimal(4785000), "en") == f"SEK{NBSP}4,785,000"
    assert render.format_kr(Decimal("1009377.35"), "en") == f"SEK{NBSP}1,009,377.35"


def test_numbers_and_percent() -> None:
    assert render.format_number(Decimal(18000), "sv") == f"18{NBSP}000"
    assert render.format_number(Decimal("2.5"), "sv") == "2,5"
    assert render.format_number(18000, "en") == "18,000"
    assert render.format_percent(Decimal("1.5"), "sv") == f"1,5{NBSP}%"
    assert render.format_percent(Decimal("4.6"), "en") == "4.6%"


def test_long_dates() -> None:
    assert render.format_long_date(dt.date(2019, 12, 11), "sv") == "11 december 2019"
    assert render.format_long_date(dt.date(2019, 12, 11), "en") == "11 December 2019"
    assert render.month_name(1, "sv") == "januari"


@pytest.mark.parametrize(
    ("duration", "sv", "en"),
    [
        (Duration(6, "months"), "sex månader", "six months"),
        (Duration(1, "years"), "ett år", "one year"),
        (Duration(1, "months"), "en månad", "one month"),
        (Duration(3, "years"), "tre år", "three years"),
        (Duration(30, "days"), "30 dagar", "30 days"),
    ],
)
def test_durations_in_words(duration: Duration, sv: str, en: str) -> None:
    assert render.format_duration(duration, "sv") == sv
    assert render.format_duration(duration, "en") == en


def test_genitive_and_lists() -> None:
    assert render.genitive("Resurspoolen", "sv") == "Resurspoolens"
    assert render.genitive("Linköpings kommun", "sv") == "Linköpings kommuns"
    assert render.genitive("IOGT-NTO", "sv") == "IOGT-NTO:s"
    assert render.genitive("Kalmar stadsmission", "sv") == "Kalmar stadsmissions"
    assert render.genitive("Röda Korsets", "sv") == "Röda Korsets"
    assert render.genitive("Resurspoolen", "en") == "Resurspoolen's"
    assert render.join_names(["A", "B", "C"], "sv") == "A, B och C"
    assert render.join_names(["A", "B"], "en") == "A and B"
    assert render.format_times(1, "sv") == "en gång"
    assert render.format_times(3, "en") == "three times"


# --- missing data ------------------------------------------------------------------------------


def test_missing_required_field_names_template_line_and_field(tmp_path: Path) -> None:
    """Kalmar without ``status: draft``: decided, not a draft, without org numbers."""
    decided = tmp_path / KALMAR.name
    decided.write_text(
        KALMAR.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8"
    )
    result = run(str(decided))
    template = ROOT / "templates" / "agreement.sv.md.j2"
    line = line_of(template, "{{ party.org_number }}")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"agreement.sv.md.j2:{line}: missing field parties[0].org_number ({decided})"
        in result.stderr
    )
    assert "--draft" in result.stderr
    assert "Traceback" not in result.stderr


def test_draft_prints_marked_placeholders_and_lists_them(english: None) -> None:
    result = run(str(KALMAR), "--draft")
    assert result.exit_code == 0, result.stderr
    assert (
        "| Socialnämnden, Kalmar kommun | Offentlig sektor "
        "| [SAKNAS: organisationsnummer för Socialnämnden] |" in (result.stdout)
    )
    # No notice clause the press release never had (#13): no termination placeholder.
    assert "frånträda" not in result.stdout
    assert "uppsägningstid" not in result.stdout
    # Kalmar's sources give no economy: a draft marks it, rather than read as no money.
    assert "## Ekonomi\n\n[SAKNAS: ekonomi]\n" in result.stdout
    assert (
        "3 missing fields: parties[0].org_number, parties[1].org_number, economy\n" in result.stderr
    )
    english = run(str(KALMAR), "--draft", "--lang", "en")
    assert "[MISSING: Swedish organisation number for Kalmar stadsmission]" in english.stdout


def test_user_template_missing_field_error_has_its_line(tmp_path: Path, in_force: Path) -> None:
    agreement = in_force
    folder = user_template(
        tmp_path,
        "# {{ agreement.title }}\n\nOptional: {% if agreement.document_date %}x{% endif %}\n"
        "Required: {{ agreement.document_date }}\n",
    )
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 1
    assert "mine.sv.md.j2:4: missing field document_date" in result.stderr
    assert f"({agreement.as_posix()})" in result.stderr


def test_missing_field_inside_a_filter_and_a_loop(
    tmp_path: Path, in_force: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreement = in_force
    folder = user_template(
        tmp_path,
        "{% for s in agreement.signatures %}\n{{ s.name }}\n{% endfor %}\n"
        "{{ agreement.document_date | long_date }}\n",
    )
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder))
    assert "mine.sv.md.j2:4: missing field document_date" in result.stderr
    draft = run(str(agreement), "-t", "mine", "--template-dir", str(folder), "--draft")
    assert draft.stdout.endswith("Siv Nordqvist\n[SAKNAS: dokumentets datum]\n")
    monkeypatch.setattr("iopctl.clock.today_stockholm", lambda: dt.date(2026, 12, 1))
    ended = run(str(RESURSPOOLEN), "-t", "mine", "--template-dir", str(folder))
    assert ended.exit_code == 0, ended.stderr  # ended: what the sources leave unknown
    assert ended.stdout.endswith("Siv Nordqvist\nuppgift saknas\n")


def test_optional_fields_tested_in_if_are_no_error(tmp_path: Path, agreement: Path) -> None:
    folder = user_template(
        tmp_path,
        "{% if agreement.economy.rounding.unit %}never{% else %}no rounding{% endif +%}\n"
        "{% if agreement.period.start is defined %}{{ agreement.period.start }}{% endif %}\n",
    )
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("no rounding\n2020-01-01\n")


def test_context_that_needs_an_option_is_missing_with_a_hint(
    tmp_path: Path, in_force: Path
) -> None:
    agreement = in_force
    folder = user_template(tmp_path, "{{ notice.last_day }}\n")
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 1
    assert "missing field notice.last_day" in result.stderr
    assert "--party" in result.stderr


# --- data is not code; the sandbox -------------------------------------------------------------


def test_template_syntax_in_data_renders_literally(agreement: Path) -> None:
    edit(
        agreement,
        "title: Idéburet offentligt partnerskap (IOP) mellan Resurspoolen och Linköpings kommun",
        'title: "IOP {{ 7 * 7 }} {% if true %}yes{% endif %} {{ agreement.__class__ }}"',
    )
    edit(agreement, "purpose: >-\n", "purpose: >-\n  {#- kommentar -#} {{ doc.file }}\n")
    result = run(str(agreement))
    assert result.exit_code == 0, result.stderr
    assert "# IOP {{ 7 * 7 }} {% if true %}yes{% endif %} {{ agreement.__class__ }}\n" in (
        result.stdout
    )
    assert "{#- kommentar -#} {{ doc.file }} Överenskommelsen syftar" in result.stdout
    assert "49" not in result.stdout.split("\n")[2]


@pytest.mark.parametrize(
    "expression",
    [
        "agreement.__class__",
        "agreement.__class__.__mro__",
        "agreement.title.__class__.__mro__[1].__subclasses__()",
        "cycler.__init__.__globals__",
        "agreement.model_dump()",
        "agreement.model_config",
        "agreement | attr('__dict__')",
        "'{0.__class__}'.format(agreement)",
        "lipsum.__globals__['os']",
        # The context's own dataclasses (read through the sandbox's fast path):
        "doc.__class__",
        "doc.__dataclass_fields__",
        "economy.__class__.__init__.__globals__",
        "doc | attr('__class__')",
    ],
)
def test_sandbox_stops_escape_attempts(tmp_path: Path, agreement: Path, expression: str) -> None:
    folder = user_template(tmp_path, "# x\n\n{{ " + expression + " }}\n")
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder), "--draft")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "mine.sv.md.j2:3:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


def test_sandbox_refusal_even_inside_an_if(tmp_path: Path, agreement: Path) -> None:
    folder = user_template(tmp_path, "{% if agreement.__class__ %}x{% endif %}\n")
    result = run(str(agreement), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 1
    assert "sandbox" in result.stderr


# --- invalid agreements ------------------------------------------------------------------------


def test_invalid_agreement_is_refused_with_positions(agreement: Path) -> None:
    edit(agreement, "amount_per_year: 933000", 'amount_per_year: "933 000 kr"')
    result = run(str(agreement))
    assert result.exit_code == 1
    line = line_of(agreement, "amount_per_year:")
    assert re.search(rf"linkoping-resurspoolen-2020\.yaml:{line}:\d+: error IOP106", result.stderr)
    assert "refusing to render" in result.stderr
    draft = run(str(agreement), "--draft")  # economy is unusable: marked as missing
    assert draft.exit_code == 0, draft.stderr
    assert re.search(rf"\.yaml:{line}:\d+: error IOP106", draft.stderr)
    assert "## Ekonomi\n\n[SAKNAS: ekonomi]\n" in draft.stdout
    assert "## Period för överenskommelsen" in draft.stdout


def test_invalid_agreement_renders_as_draft_when_the_template_copes(agreement: Path) -> None:
    edit(agreement, "  - ÄN 2019-878\n", "  - 42\n")
    assert run(str(agreement)).exit_code == 1
    draft = run(str(agreement), "--draft")
    assert draft.exit_code == 0, draft.stderr
    assert "**Diarienummer:**" not in draft.stdout


# --- files: naming, overwrite, --check, atomicity ----------------------------------------------


def test_folder_renders_one_document_per_agreement(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(str(ROOT / "agreements"), "--draft", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "kalmar-stadsmission-2020.agreement.sv.md",
        "linkoping-pingstforsamlingen-iogt-nto-2018.agreement.sv.md",
        "linkoping-resurspoolen-2018.agreement.sv.md",
        "linkoping-resurspoolen-2020.agreement.sv.md",
        "timra-aldres-ensamhet-2020.agreement.sv.md",
    ]
    assert "wrote" in result.stderr


def test_qualified_names_for_followup_notice_extension(tmp_path: Path) -> None:
    out = tmp_path / "out"
    pingst = ROOT / "agreements" / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
    assert run(str(pingst), "-t", "followup", "-o", f"{out}/").exit_code == 0
    args = ["-o", str(out), "--given-on", "2021-03-15"]
    assert run(str(RESURSPOOLEN), "-t", "notice", "--party", "resurspoolen", *args).exit_code == 0
    assert run(str(RESURSPOOLEN), "-t", "extension", "--lang", "en", *args).exit_code == 0
    assert run(str(RESURSPOOLEN), "-t", "extension-agreement", *args).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "linkoping-pingstforsamlingen-iogt-nto-2018.followup-2020-08-04.sv.md",
        "linkoping-resurspoolen-2020.extension-2025-12-31.en.md",
        "linkoping-resurspoolen-2020.extension-agreement-2025-12-31.sv.md",
        "linkoping-resurspoolen-2020.notice-resurspoolen.sv.md",
    ]


def test_no_overwrite_of_a_different_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "agreement.md"
    target.write_text("hand-edited\n", encoding="utf-8")
    result = run(str(RESURSPOOLEN), "--out", str(target))
    assert result.exit_code == 1
    assert "differ" in result.stderr and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "hand-edited\n"
    forced = run(str(RESURSPOOLEN), "--out", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!-- iopctl render:")
    again = run(str(RESURSPOOLEN), "--out", str(target))
    assert again.exit_code == 0
    assert "unchanged" in again.stderr


def test_refusal_writes_nothing_at_all(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "linkoping-resurspoolen-2020.agreement.sv.md").write_text("old\n", encoding="utf-8")
    result = run(str(ROOT / "agreements"), "--draft", "--out", str(out))
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["linkoping-resurspoolen-2020.agreement.sv.md"]


def test_check_exit_codes(tmp_path: Path, english: None) -> None:
    out = tmp_path / "rendered"
    args = [str(ROOT / "agreements"), "--draft", "--out", str(out)]
    missing = run(*args, "--check")
    assert missing.exit_code == 1
    assert f"{out.as_posix()}/kalmar-stadsmission-2020.agreement.sv.md: missing" in missing.stdout
    assert not out.exists()
    assert run(*args).exit_code == 0
    clean = run(*args, "--check")
    assert clean.exit_code == 0, clean.stdout
    assert clean.stdout == ""
    assert "5 documents up to date" in clean.stderr
    changed = out / "timra-aldres-ensamhet-2020.agreement.sv.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "edit\n", encoding="utf-8")
    stale = run(*args, "--check")
    assert stale.exit_code == 1
    assert stale.stdout == f"{changed.as_posix()}: differs\n"


def test_check_needs_out() -> None:
    result = run(str(RESURSPOOLEN), "--check")
    assert result.exit_code == 2


def test_atomic_write_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"old content\n")

    def broken_replace(src: str, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(IopctlError, match=r"cannot write .*doc\.md: Input/output error"):
        atomic.write_atomic(target, b"new content, half written")
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_atomic_write_interrupted_mid_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"old content\n")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, b"new")
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_atomic_write_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "agreement.md"
    target.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(
        atomic.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device"))
    )
    # --fsync: without it nothing is synced (issue #17), and the disk fills up in fsync here.
    result = run(str(RESURSPOOLEN), "--out", str(target), "--force", "--fsync")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "free some disk space" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["agreement.md"]


def test_atomic_write_keeps_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "doc.md"
    target.write_bytes(b"x")
    target.chmod(0o640)
    atomic.write_atomic(target, b"y")
    assert target.read_bytes() == b"y"
    assert target.stat().st_mode & 0o777 == 0o640


def test_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file\n", encoding="utf-8")
    result = run(str(RESURSPOOLEN), "--out", f"{blocker}/sub/")
    assert result.exit_code == 1
    assert "cannot create the output folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_output_folder_not_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "_create", denied)
    result = run(str(RESURSPOOLEN), "--out", str(out))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr
    assert "you may write to it" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_output_folder_without_write_permission(tmp_path: Path) -> None:  # pragma: no cover
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run(str(RESURSPOOLEN), "--out", str(out))
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert "Permission denied" in result.stderr


def test_an_id_can_never_escape_the_output_folder(tmp_path: Path) -> None:
    rendered = render.Rendered(
        file="x.yaml",
        agreement_id="../../etc/evil",
        template="agreement",
        lang="sv",
        qualifier=None,
        body="# x\n",
        metadata={},
    )
    with pytest.raises(IopctlError, match="refusing"):
        render.plan_outputs([rendered], "md", str(tmp_path / "out") + "/")


def test_out_file_suffix_must_match_the_format(tmp_path: Path) -> None:
    result = run(str(RESURSPOOLEN), "--format", "html", "--out", str(tmp_path / "x.md"))
    assert result.exit_code == 2
    assert "does not end in .html" in result.stderr


def test_binary_format_needs_out() -> None:
    result = run(str(RESURSPOOLEN), "--format", "docx")
    assert result.exit_code == 2


def test_markdown_is_deterministic_and_traceable(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    monkeypatch.chdir(ROOT)
    first = run("agreements/linkoping-resurspoolen-2020.yaml").stdout
    assert run("agreements/linkoping-resurspoolen-2020.yaml").stdout == first
    template = (ROOT / "templates" / "agreement.sv.md.j2").read_bytes()
    assert first.splitlines()[0] == (
        '<!-- iopctl render: agreement="agreements/linkoping-resurspoolen-2020.yaml" '
        'template="agreement" lang="sv" template-file="agreement.sv.md.j2" '
        f'template-sha256="{hashlib.sha256(template).hexdigest()}" -->'
    )


def test_comment_values_cannot_close_the_comment() -> None:
    assert render._safe_comment_value('a--b"c>d e') == "a%2D-b%22c%3Ed%20e"


# --- options: --record, --party, --given-on, --new-end -----------------------------------------


def test_record_selection(english: None) -> None:
    from iopctl.model.load import load_agreement

    pingst = load_agreement(
        str(ROOT / "agreements/linkoping-pingstforsamlingen-iogt-nto-2018.yaml")
    )
    assert pingst.agreement is not None
    assert render.select_record(pingst.agreement, None) == 0
    assert render.select_record(pingst.agreement, dt.date(2020, 8, 4)) == 0
    assert render.select_record(pingst.agreement, 1) == 0
    assert render.select_record(pingst.agreement, -1) == 0
    with pytest.raises(UsageError, match="there is 1 follow-up record"):
        render.select_record(pingst.agreement, 2)
    with pytest.raises(UsageError, match="no follow-up on that date"):
        render.select_record(pingst.agreement, dt.date(2021, 1, 1))
    pingst_file = "agreements/linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
    result = run(str(ROOT / pingst_file), "-t", "followup", "--record", "latest")
    assert result.exit_code == 2 and "neither a date" in result.stderr
    result = run(str(ROOT / pingst_file), "-t", "followup", "--record", "2")
    assert result.exit_code == 2
    assert "--record 2: there is 1 follow-up record" in result.stderr
    result = run(str(RESURSPOOLEN), "-t", "followup")
    assert result.exit_code == 1
    assert "has no follow-up records" in result.stderr


def test_notice_dates() -> None:
    from iopctl.facts import Facts
    from iopctl.model.load import load_agreement

    loaded = load_agreement(str(RESURSPOOLEN))
    assert loaded.agreement is not None
    facts = Facts(loaded.agreement, file=loaded.file, as_of=dt.date(2021, 6, 1))
    notice = render.build_notice(facts, "resurspoolen", dt.date(2021, 8, 31))
    assert (notice.period_ends, notice.last_day) == (dt.date(2022, 2, 28),) * 2  # clamps
    assert not notice.after_end
    assert not notice.sender_pays  # Resurspoolen pays no money: no repayment section
    assert [p.id for p in notice.recipients] == ["aldrenamnden"]
    late = render.build_notice(facts, "aldrenamnden", dt.date(2022, 8, 31))
    assert (late.period_ends, late.last_day) == (dt.date(2023, 2, 28), dt.date(2022, 12, 31))
    assert late.after_end
    assert late.sender_pays
    with pytest.raises(IopctlError, match="ended on 2022-12-31"):
        render.build_notice(facts, "resurspoolen", dt.date(2023, 1, 2))
    with pytest.raises(UsageError, match="--party"):
        render.build_notice(facts, None, None)
    with pytest.raises(UsageError, match="no such party"):
        render.build_notice(facts, "nobody", None)


def test_notice_default_date_is_today_in_stockholm(monkeypatch: pytest.MonkeyPatch) -> None:
    import iopctl.clock

    monkeypatch.setattr(iopctl.clock, "today_stockholm", lambda: dt.date(2021, 5, 3))
    result = run(str(RESURSPOOLEN), "-t", "notice", "--party", "resurspoolen")
    assert result.exit_code == 0, result.stderr
    assert "**Datum:** 2021-05-03" in result.stdout
    assert "Överenskommelsen gäller till och med den 3 november 2021." in result.stdout


def test_extension_amounts_and_unpublished_years(english: None) -> None:
    from iopctl.facts import Facts
    from iopctl.model.load import load_agreement
    from iopctl.money.reference import load_reference

    loaded = load_agreement(str(RESURSPOOLEN))
    reference, _ = load_reference()
    assert loaded.agreement is not None

    def facts(as_of: dt.date) -> Facts:
        assert loaded.agreement is not None
        return Facts(loaded.agreement, file=loaded.file, as_of=as_of, reference=reference)

    ended = render.build_extension(facts(dt.date(2023, 6, 1)), new_end=None)
    assert isinstance(ended, render.Refusal)  # like the notice: nothing to extend after the end
    assert ended.words().english() == (
        "the agreement ended on 2022-12-31; an extension decided on 2023-06-01 comes after that"
    )
    info = render.build_extension(facts(dt.date(2022, 12, 20)), new_end=None)
    assert isinstance(info, render.ExtensionInfo)
    assert (info.new_start, info.new_end, info.within_option) == (
        dt.date(2023, 1, 1),
        dt.date(2025, 12, 31),
        True,
    )
    rows = info.contributions[0].rows
    assert [(r.year, r.amount, r.published, r.missing) for r in rows] == [
        (2020, Decimal(933000), True, None),
        (2021, Decimal(946995), True, None),
        (2022, Decimal(964988), True, None),
        (2023, Decimal(998763), True, None),  # OPI 2023 3,5 % (preliminary, 2022-12)
        (2024, Decimal(998763), False, "absent"),  # iopctl has no OPI 2024
        (2025, Decimal(998763), False, "absent"),
    ]
    assert info.unpublished == [2024, 2025]
    early = render.build_extension(facts(dt.date(2022, 10, 3)), new_end=None)
    assert isinstance(early, render.ExtensionInfo)
    assert early.contributions[0].later == [2023]  # iopctl has it, published after 2022-10-03
    assert early.contributions[0].absent == [2024, 2025]
    beyond = render.build_extension(facts(dt.date(2022, 1, 1)), new_end=dt.date(2027, 12, 31))
    assert isinstance(beyond, render.ExtensionInfo)
    assert not beyond.within_option
    with pytest.raises(UsageError, match="not after the current end"):
        render.build_extension(facts(dt.date(2022, 1, 1)), new_end=dt.date(2022, 6, 30))


def test_extension_without_end_date_is_a_clear_error() -> None:
    result = run(str(KALMAR), "-t", "extension", "--draft")
    assert result.exit_code == 1
    assert "no end date" in result.stderr


def test_bad_dates_and_languages_are_usage_errors() -> None:
    assert (
        run(
            str(RESURSPOOLEN), "-t", "notice", "--party", "resurspoolen", "--given-on", "15/3"
        ).exit_code
        == 2
    )
    assert run(str(RESURSPOOLEN), "--lang", "de").exit_code == 2
    assert run(str(RESURSPOOLEN), "-t", "../etc/passwd").exit_code == 2
    assert run(str(RESURSPOOLEN), "-t", "nosuch").exit_code == 2


def test_user_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "# Egen mall: {{ agreement.title }}\n", "agreement.sv.md.j2")
    result = run(str(RESURSPOOLEN), "--template-dir", str(folder))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split("\n", 2)[2] == (
        "# Egen mall: Idéburet offentligt partnerskap (IOP) mellan Resurspoolen och "
        "Linköpings kommun\n"
    )
    english = run(str(RESURSPOOLEN), "--template-dir", str(folder), "--lang", "en")
    assert "## Parties to the agreement" in english.stdout  # no user en template: bundled


def test_language_neutral_user_template(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "{{ agreement.id }} {{ doc.lang }}\n", "short.md.j2")
    result = run(str(RESURSPOOLEN), "-t", "short", "--template-dir", str(folder), "--lang", "en")
    assert result.stdout.endswith("linkoping-resurspoolen-2020 en\n")


def test_template_that_does_not_fit_the_model_is_refused_before_rendering(
    tmp_path: Path,
) -> None:
    folder = user_template(tmp_path, "# x\n\n{% if agreement.perod %}{% endif %}\n")
    result = run(str(RESURSPOOLEN), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 1
    assert "mine.sv.md.j2:3: error: Agreement has no field 'perod' (did you mean 'period'?)" in (
        result.stderr
    )


def test_template_syntax_error(tmp_path: Path) -> None:
    folder = user_template(tmp_path, "# x\n\n{% if agreement.title %}\n")
    result = run(str(RESURSPOOLEN), "-t", "mine", "--template-dir", str(folder))
    assert result.exit_code == 1
    assert "mine.sv.md.j2:" in result.stderr and "syntax error" in result.stderr


# --- properties -----------------------------------------------------------------------------------


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_kronor_reads_back_as_the_same_amount(amount: Decimal) -> None:
    sv = render.format_kr(amount, "sv")
    assert sv.endswith(f"{NBSP}kr") and " " not in sv
    assert Decimal(sv.removesuffix(f"{NBSP}kr").replace(NBSP, "").replace(",", ".")) == amount
    en = render.format_kr(amount, "en")
    assert Decimal(en.removeprefix(f"SEK{NBSP}").replace(",", "")) == amount


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    )
)
def test_any_title_renders_literally(tmp_path_factory: pytest.TempPathFactory, title: str) -> None:
    import json

    from hypothesis import assume

    from iopctl.documents.filters import markdown_text

    assume(title.strip() != "" and title.count("[") <= 5)  # more: IOP110, nested Markdown
    folder = tmp_path_factory.mktemp("a")
    path = folder / "agreement.yaml"
    text = RESURSPOOLEN.read_text(encoding="utf-8")
    old = "title: Idéburet offentligt partnerskap (IOP) mellan Resurspoolen och Linköpings kommun"
    path.write_text(
        text.replace(old, f"title: {json.dumps(title, ensure_ascii=False)}", 1), encoding="utf-8"
    )
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    # Literally: as written, with what could be HTML or a control character escaped (issue 16).
    assert f"\n# {markdown_text(render.one_line(title))}\n" in result.stdout


def _tidy_line_by_line(markdown: str) -> str:
    """The rule of ``render._tidy`` written as a loop over lines (the oracle)."""
    lines: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        if re.match(r"#{1,6} ", line):
            lines += ["", line, ""]
        else:
            lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


@settings(max_examples=400)
@given(st.text(alphabet="#a \t\n\r\xa0\u2028x", max_size=80))
def test_tidy_is_the_line_by_line_rule(markdown: str) -> None:
    assert render._tidy(markdown) == _tidy_line_by_line(markdown)


@settings(max_examples=300)
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, max_value=10**12, min_value=-(10**12)
    ),
    st.sampled_from(["#,##0", "#,##0.00", "#,##0.0##"]),
    st.sampled_from(["sv", "en"]),
)
def test_amounts_are_formatted_as_babel_formats_them(
    number: Decimal, pattern: str, lang: str
) -> None:
    from babel.numbers import format_decimal

    from iopctl.documents import filters

    expected = format_decimal(number, format=pattern, locale=filters.LOCALES[lang])
    assert filters._format_decimal(number, pattern, lang) == filters._group(expected)


def test_paths_are_walked_when_first_asked_for_and_name_as_walking_each_when_added() -> None:
    from iopctl.documents.environment import Paths, walk_paths
    from iopctl.model.load import load_agreement

    agreement = load_agreement(str(RESURSPOOLEN)).agreement
    assert agreement is not None
    paths = Paths()
    paths.add(agreement, "")
    paths.add(agreement.parties, "again")  # reachable twice: the first path names it
    assert paths._found == {}  # nothing walked until a path is asked for
    eager: dict[int, str] = {}
    walk_paths(agreement, "", eager)
    walk_paths(agreement.parties, "again", eager)
    assert paths[id(agreement.parties[1])] == "parties[1]"
    assert dict(paths) == eager and len(paths) == len(eager)
    late = [agreement.parties[0]]  # added after a walk: walked on the next ask
    paths.add(late, "late")
    assert paths.get(id(late)) == "late" and paths[id(late[0])] == "parties[0]"


def test_the_sandbox_reads_without_its_general_checks_only_data_fields() -> None:
    from dataclasses import dataclass

    from iopctl.documents.sandbox import _plain_members
    from iopctl.model.agreement import Agreement

    @dataclass(frozen=True)
    class Shown:
        title: str
        _hidden: str

        def method(self) -> str:
            return self.title

    assert _plain_members(Shown) == {"title"}  # not "_hidden", not a method
    assert _plain_members(type) == frozenset() and _plain_members(str) == frozenset()
    assert "title" in _plain_members(Agreement) and "model_dump" not in _plain_members(Agreement)


@pytest.mark.parametrize(
    ("decided", "through"),
    [("2020-06-01", "31 december 2023"), ("2020-09-01", "31 december 2020")],
)
def test_a_followup_states_the_term_known_on_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, decided: str, through: str
) -> None:
    """The report of 2020-08-04 says the agreement is in force through the end known that
    day: an extension decided before it moves the end, one decided after does not (it
    said the agreed end, `period.end`, even in a report after an extension)."""
    source = (ROOT / "agreements" / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml").read_text(
        encoding="utf-8"
    )
    assert "\nhistory:" not in source
    clause = "  length: 3 years\n"  # and, for this test, a clause that allows one extension
    source = source.replace(clause, clause + "  extension:\n    length: 3 years\n    times: 1\n")
    path = tmp_path / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
    extension = f"  - date: {decided}\n    kind: extension\n    new_end: 2023-12-31\n"
    path.write_text(f"{source}\nhistory:\n{extension}", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    result = run(str(path), "-t", "followup")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    stated = f"gäller från och med den 1 januari 2018 till och med den {through}."
    assert stated in result.stdout  # type: ignore[attr-defined]
