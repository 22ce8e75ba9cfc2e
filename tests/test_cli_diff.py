"""`iopctl diff`: changes in meaning, three formats, git revisions, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.model.agreement import Agreement
from iopctl.model.load import load_agreement_bytes
from iopctl.present.diff_words import detail, heading, record, summary
from iopctl.present.numbers import kronor
from iopctl.present.text_changes import text_summary
from iopctl.views.diff import diff_agreements
from tests.goldens import assert_golden


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """The summaries below are asserted in English; both languages are in the goldens."""


@pytest.fixture
def sv() -> None:
    from iopctl.i18n import use_language

    use_language("sv")


runner = CliRunner()
OLD = "agreements/linkoping-resurspoolen-2020.yaml"
REPO = Path(__file__).resolve().parent.parent
IN_GIT = (
    shutil.which("git") is not None
    and subprocess.run(["git", "rev-parse", "--git-dir"], cwd=REPO, capture_output=True).returncode
    == 0
)
needs_git = pytest.mark.skipif(not IN_GIT, reason="needs git and a git checkout of iopctl")
NEW = "tests/fixtures/workflow/resurspoolen-2020-changed.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [("text", "diff.txt"), ("markdown", "diff.md"), ("json", "diff.json")],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_diff_formats(in_repo: Path, fmt: str, golden: str, lang: str) -> None:
    """Swedish (the default) and English, in each format."""
    code, out, err = invoke("diff", OLD, NEW, "--format", fmt, "--lang", lang)
    assert (code, err) == (0, "")
    stem, _, suffix = golden.rpartition(".")
    assert_golden(f"workflow/{golden if lang == 'sv' else f'{stem}.en.{suffix}'}", out)


def test_diff_reports_each_change_in_meaning(in_repo: Path) -> None:
    _, out, _ = invoke("diff", OLD, NEW, "-f", "json")
    changes = json.loads(out)
    assert [(c["path"], c["kind"]) for c in changes] == [
        ("parties[grannstod]", "added"),
        ("responsibilities[resurspoolen].clauses[2]", "removed"),
        ("economy.declared_total_per_year", "changed"),
        ("economy.contributions[aldrenamnden/money].amount_per_year", "changed"),
        ("period.extensions_taken[2025-12-31]", "added"),
        ("termination.notice_period", "changed"),
        ("termination.text", "changed"),
    ]
    for change in changes:
        assert list(change) == ["path", "kind", "old", "new", "summary"]
    money = changes[3]
    assert (money["old"], money["new"]) == ("933000", "964988")  # decimal strings
    assert money["summary"] == (
        "money from aldrenamnden, amount per year: 933,000 kr → 964,988 kr (+31,988 kr)"
    )
    assert changes[4]["summary"] == (
        "extension recorded: period extended from 2022-12-31 to 2025-12-31 "
        "(decided 2022-06-15; ÄN 2022-311)"
    )
    assert changes[5]["summary"] == "notice period changed from 6 months to 3 months"
    assert changes[0]["new"]["org_number"] == "802999-0002"


@needs_git
def test_diff_with_a_git_revision(in_repo: Path) -> None:
    from_git = invoke("diff", f"HEAD:{OLD}", NEW, "-f", "json")
    from_file = invoke("diff", OLD, NEW, "-f", "json")
    assert from_git == from_file
    code, out, err = invoke("diff", f"HEAD:{OLD}", OLD)
    assert (code, err) == (0, "")
    assert out == f"No changes in meaning between HEAD:{OLD} and {OLD}.\n"


@needs_git
def test_diff_text_names_a_git_side(in_repo: Path) -> None:
    code, out, _ = invoke("diff", f"HEAD:{OLD}", NEW)
    assert code == 0
    assert out.splitlines()[:3] == [
        "linkoping-resurspoolen-2020: 7 changes in meaning",
        f"  old: HEAD:{OLD}",
        f"  new: {NEW}",
    ]


@needs_git
@pytest.mark.parametrize(
    ("old", "stderr"),
    [
        (
            f"no-such-revision:{OLD}",
            f"iopctl: error: cannot read no-such-revision:{OLD}: unknown git revision "
            "'no-such-revision'\n"
            "iopctl: hint: check the revision, e.g. with `git log --oneline`; HEAD, main, "
            "HEAD~1 and tags work\n",
        ),
        (
            "HEAD:agreements/no-such-file.yaml",
            "iopctl: error: cannot read HEAD:agreements/no-such-file.yaml: revision 'HEAD' has "
            "no file 'agreements/no-such-file.yaml'\n"
            "iopctl: hint: the path after ':' is relative to the repository root, as in `git "
            "show`; write REV:./path for a path relative to the current folder\n",
        ),
        (
            "--output=x:y",
            "iopctl: error: '--output=x' is not a git revision\n"
            "iopctl: hint: write e.g. HEAD or main\n",
        ),
        (
            "no-such-file.yaml",
            "iopctl: error: path does not exist: no-such-file.yaml\n"
            "iopctl: hint: give a file, or REV:path to read it from git, e.g. "
            "HEAD:agreements/x.yaml\n",
        ),
    ],
    ids=["bad-revision", "not-in-revision", "option-as-revision", "no-file"],
)
def test_unreadable_version_is_a_usage_error(in_repo: Path, old: str, stderr: str) -> None:
    assert invoke("diff", "--", old, NEW) == (2, "", stderr)


@needs_git
def test_revision_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "a.yaml").write_text("id: a\n", encoding="utf-8")
    code, out, err = invoke("diff", "HEAD:a.yaml", "a.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(
        "iopctl: error: cannot read HEAD:a.yaml: this folder is not inside a git repository\n"
    )


def test_identical_files_and_exit_code(in_repo: Path) -> None:
    same = (0, f"No changes in meaning between {OLD} and {OLD}.\n", "")
    assert invoke("diff", OLD, OLD) == same
    assert invoke("diff", "--exit-code", OLD, OLD) == same
    assert invoke("diff", OLD, OLD, "-f", "json") == (0, "[]\n", "")
    assert invoke("diff", OLD, OLD, "-f", "markdown")[1] == (
        f"### linkoping-resurspoolen-2020: no changes in meaning\n\n`{OLD}` → `{OLD}`\n"
    )
    assert invoke("diff", OLD, NEW)[0] == 0
    code, out, _ = invoke("diff", "--exit-code", OLD, NEW)
    assert code == 1 and out.startswith("linkoping-resurspoolen-2020: 7 changes in meaning\n")


def test_schema_errors_are_reported_and_stop_the_comparison(in_repo: Path) -> None:
    broken = "tests/fixtures/invalid/iop102-unknown-field.yaml"
    code, out, err = invoke("diff", OLD, broken)
    assert (code, out) == (1, "")
    assert err == (
        f"{broken}:12:3: error IOP102 unknown field 'notice_periode' in Termination and "
        "notice (`termination`)\n"
        "    hint: did you mean 'notice_period'?\n"
        f"iopctl: error: cannot compare: {broken} has schema errors\n"
        "iopctl: hint: fix them first; `iopctl validate FILE` shows them with the source lines\n"
    )


def test_yaml_errors_on_both_sides_are_all_reported(in_repo: Path) -> None:
    a, b = "tests/fixtures/invalid/iop002-syntax.yaml", "tests/fixtures/invalid/iop005-empty.yaml"
    code, out, err = invoke("diff", a, b)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{a}:") and " error IOP002 " in lines[0]
    assert any(line.startswith(f"{b}:1:1: error IOP005 ") for line in lines)
    assert lines[-2] == f"iopctl: error: cannot compare: {a} and {b} have schema errors"


def test_formatting_alone_is_no_change(in_repo: Path, tmp_path: Path) -> None:
    """Comments, key order, quoting and re-wrapped text do not change the meaning."""
    text = (in_repo / OLD).read_text(encoding="utf-8")
    text = text.replace("# yaml-language-server", "# a new comment\n# yaml-language-server")
    text = text.replace("status: ended\nlanguage: sv\n", "language: 'sv'\nstatus: \"ended\"\n")
    text = text.replace(
        "    I det fall någon av parterna vill frånträda överenskommelsen ska detta påtalas "
        "skriftligen.\n",
        "    I det fall någon av parterna vill frånträda\n    överenskommelsen ska detta "
        "påtalas skriftligen.\n",
    )
    text = text.replace("amount_per_year: 933000\n", "amount_per_year: 933000.00\n")
    copy = tmp_path / "copy.yaml"
    copy.write_text(text, encoding="utf-8")
    assert text != (in_repo / OLD).read_text(encoding="utf-8")
    assert invoke("diff", "--exit-code", OLD, str(copy))[0] == 0


# --- diffing, without the command line --------------------------------------------------------

BASE = """\
id: x
title: IOP
status: draft
parties:
  - {id: kommunen, name: Kommunen, sector: public, org_number: 212000-0449}
  - {id: foreningen, name: Föreningen, sector: idea_based}
responsibilities:
  - party: foreningen
    clauses:
      - Rekryterar volontärer till mötesplatsen varje vecka.
      - Håller öppet tre dagar i veckan.
economy:
  contributions:
    - {kind: money, party: kommunen, amount_per_year: 100000}
    - {kind: in_kind, party: kommunen, category: premises}
    - {kind: volunteer_hours, party: foreningen, hours_per_year: 1000}
period: {start: 2027-01-01, end: 2028-12-31}
follow_up: {per_year: 1}
purpose: Att minska ofrivillig ensamhet bland äldre i kommunen genom en öppen mötesplats.
"""


def agreement(text: str) -> Agreement:
    loaded = load_agreement_bytes(text, "x.yaml")
    assert loaded.agreement is not None and loaded.valid_schema, loaded.diagnostics
    return loaded.agreement


def changes(new_text: str, old_text: str = BASE) -> list[tuple[str, str, str]]:
    found = diff_agreements(agreement(old_text), agreement(new_text))
    return [(c.path, c.kind, summary(c)) for c in found]


def edit(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_parties_are_matched_by_id_not_position() -> None:
    text = edit(
        (
            "parties:\n",
            "parties:\n  - {id: kyrkan, name: Svenska kyrkan, sector: idea_based}\n",
        )
    )
    assert changes(text) == [
        ("parties[kyrkan]", "added", "party added: Svenska kyrkan (kyrkan, idea-based)")
    ]


def test_party_removed_and_org_number_changed() -> None:
    text = edit(
        ("  - {id: foreningen, name: Föreningen, sector: idea_based}\n", ""),
        ("212000-0449", "212000-0720"),
        ("  - party: foreningen\n", "  - party: kommunen\n"),
        ("party: foreningen, hours", "party: kommunen, hours"),
    )
    assert changes(text)[:2] == [
        (
            "parties[kommunen].org_number",
            "changed",
            "organisationsnummer of kommunen changed from 212000-0449 to 212000-0720",
        ),
        ("parties[foreningen]", "removed", "party removed: Föreningen (foreningen, idea-based)"),
    ]


def test_a_party_is_described_in_words(sv: None) -> None:
    text = edit(("  - {id: foreningen, name: Föreningen, sector: idea_based}\n", ""))
    assert (
        "parties[foreningen]",
        "removed",
        "part har tagits bort: Föreningen (foreningen, idéburen)",
    ) in (changes(text))


def test_contributions_are_matched_by_party_and_kind() -> None:
    text = edit(
        (
            "    - {kind: money, party: kommunen, amount_per_year: 100000}\n",
            "",
        ),
        (
            "hours_per_year: 1000}\n",
            "hours_per_year: 1000}\n    - {kind: money, party: kommunen, amount_per_year: "
            "103500.50}\n",
        ),
    )
    assert changes(text) == [
        (
            "economy.contributions[kommunen/money].amount_per_year",
            "changed",
            "money from kommunen, amount per year: 100,000 kr → 103,500.50 kr (+3,500.50 kr)",
        )
    ]


def test_status_period_notice_and_follow_up_terms() -> None:
    text = edit(
        ("status: draft", "status: active"),
        ("end: 2028-12-31", "end: 2029-06-30"),
        ("start: 2027-01-01", "start: 2027-02-01"),
        (
            "follow_up: {per_year: 1}",
            "follow_up: {per_year: 2, on_request: true}\ntermination: {notice_period: 6 months}",
        ),
    )
    assert changes(text) == [
        ("status", "changed", "status changed from draft to active"),
        ("period.start", "changed", "period start moved from 2027-01-01 to 2027-02-01"),
        ("period.end", "changed", "period extended from 2028-12-31 to 2029-06-30"),
        ("termination.notice_period", "added", "notice period set to 6 months"),
        ("follow_up.per_year", "changed", "follow-up terms, per year: 1 → 2"),
        ("follow_up.on_request", "changed", "follow-up terms, on request: false → true"),
    ]
    shorter = edit(("end: 2028-12-31", "end: 2028-06-30"))
    assert changes(shorter)[0][2] == "period shortened from 2028-12-31 to 2028-06-30"


def test_clauses_added_removed_and_reworded() -> None:
    text = edit(
        (
            "      - Rekryterar volontärer till mötesplatsen varje vecka.\n",
            "      - Rekryterar och utbildar volontärer till mötesplatsen varje vecka.\n",
        ),
        ("      - Håller öppet tre dagar i veckan.\n", "      - Samordnar fikat.\n"),
    )
    found = diff_agreements(agreement(BASE), agreement(text))
    assert [(c.path, c.kind, summary(c)) for c in found] == [
        (
            "responsibilities[foreningen].clauses[1]",
            "removed",
            'responsibilities of foreningen: clause removed: "Håller öppet tre dagar i veckan."',
        ),
        (
            "responsibilities[foreningen].clauses[0]",
            "changed",
            'responsibilities of foreningen: clause reworded: added "och utbildar"',
        ),
        (
            "responsibilities[foreningen].clauses[1]",
            "added",
            'responsibilities of foreningen: clause added: "Samordnar fikat."',
        ),
    ]
    assert detail(found[1]) == (
        "- Rekryterar volontärer till mötesplatsen varje…",
        "+ Rekryterar [och utbildar] volontärer till mötesplatsen varje…",
    )


def test_text_changes_name_the_section_and_the_words() -> None:
    text = edit(("genom en öppen mötesplats", "genom två öppna mötesplatser"))
    found = diff_agreements(agreement(BASE), agreement(text))
    assert [(c.path, summary(c), heading(c.section)) for c in found] == [
        (
            "purpose",
            'purpose changed: "en öppen mötesplats." → "två öppna mötesplatser."',
            "Purpose and background",
        )
    ]
    assert detail(found[0]) == (
        "- …äldre i kommunen genom [en öppen mötesplats.]",
        "+ …äldre i kommunen genom [två öppna mötesplatser.]",
    )


def test_follow_up_records_signatures_and_extensions_added() -> None:
    text = BASE + (
        "follow_ups:\n  - {date: 2027-11-15, title: Uppföljning 2027}\n"
        "signatures:\n  - {party: kommunen, name: Anna Andersson, date: 2026-12-01}\n"
    )
    assert changes(text) == [
        (
            "follow_ups[2027-11-15]",
            "added",
            'follow-up record added: 2027-11-15 "Uppföljning 2027"',
        ),
        (
            "signatures[kommunen]",
            "added",
            "signature added: kommunen (Anna Andersson, 2026-12-01)",
        ),
    ]
    extended = edit(
        (
            "period: {start: 2027-01-01, end: 2028-12-31}",
            "period:\n  start: 2027-01-01\n  end: 2028-12-31\n  extension: {length: 1 year, "
            "times: 2}\n  extensions_taken:\n    - {new_end: 2029-12-31}\n"
            "    - {new_end: 2030-12-31, decision: KS 2029-1}",
        )
    )
    summaries = [c[2] for c in changes(extended)]
    assert summaries[-2:] == [
        "extension recorded: period extended from 2028-12-31 to 2029-12-31",
        "extension recorded: period extended from 2029-12-31 to 2030-12-31 (KS 2029-1)",
    ]


def test_a_section_removed_is_compared_field_by_field() -> None:
    removed = edit(("follow_up: {per_year: 1}\n", ""))
    assert changes(removed) == [
        ("follow_up.per_year", "removed", "follow-up terms, per year removed (was 1)")
    ]


def test_reordered_clauses_are_a_change() -> None:
    text = edit(
        (
            "      - Rekryterar volontärer till mötesplatsen varje vecka.\n"
            "      - Håller öppet tre dagar i veckan.\n",
            "      - Håller öppet tre dagar i veckan.\n"
            "      - Rekryterar volontärer till mötesplatsen varje vecka.\n",
        )
    )
    assert changes(text) == [
        (
            "responsibilities[foreningen].clauses",
            "changed",
            "responsibilities of foreningen: clauses reordered",
        )
    ]


def test_kronor(sv: None) -> None:
    from decimal import Decimal

    assert kronor(Decimal("933000")) == "933 000 kr"
    assert kronor(Decimal("964988")) == "964 988 kr"
    assert kronor(Decimal("1234.5")) == "1 234,50 kr"
    assert kronor(Decimal("-31988")) == "-31 988 kr"


def test_text_summary_caps_long_lists_of_changes() -> None:
    old = " ".join(f"ord{i}" for i in range(60))
    new = " ".join(f"ord{i}" if i % 8 else f"nytt{i}" for i in range(60))
    summary, detail = text_summary(old, new)
    assert summary == '"ord0" → "nytt0"; "ord8" → "nytt8"; 6 more changes'
    assert len(detail) == 11 and detail[-1] == "  … 3 more"


def test_repeated_clause_removed_and_nested_items_keep_their_context() -> None:
    twice = edit(
        (
            "      - Håller öppet tre dagar i veckan.\n",
            "      - Håller öppet tre dagar i veckan.\n      - Håller öppet tre dagar i veckan.\n",
        )
    )
    assert changes(BASE, old_text=twice) == [
        (
            "responsibilities[foreningen].clauses[2]",
            "removed",
            'responsibilities of foreningen: clause removed: "Håller öppet tre dagar i veckan."',
        )
    ]
    record = (
        "follow_ups:\n  - date: 2027-11-15\n    sections:\n      - {heading: Besökare, text: %s}\n"
    )
    old = BASE + record % "Cirka 40 besökare i veckan."
    new = BASE + record % "Cirka 60 besökare i veckan."
    assert changes(new, old_text=old) == [
        (
            "follow_ups[2027-11-15].sections[Besökare].text",
            "changed",
            'follow-up 2027-11-15, section "Besökare", text changed: "40" → "60"',
        )
    ]


def test_every_pair_of_bundled_agreements_compares(in_repo: Path) -> None:
    from iopctl.model.load import load_agreement
    from iopctl.present.diff import format_json, format_markdown, format_text

    loaded = {
        p.name: load_agreement(str(p)).agreement
        for p in sorted(in_repo.glob(f"{OLD.split('/')[0]}/*.yaml"))
    }
    for name, a in loaded.items():
        assert a is not None
        assert diff_agreements(a, a) == [], name
        for other, b in loaded.items():
            assert b is not None
            found = diff_agreements(a, b)
            assert (found == []) == (name == other)
            labels = {"old_name": name, "new_name": other, "old_id": a.id, "new_id": b.id}
            assert format_text(found, **labels) and format_markdown(found, **labels)
            assert json.loads(format_json(found)) == [record(c) for c in found]


def test_a_rewritten_text_is_shown_as_such() -> None:
    summary, detail = text_summary(
        "Parterna ses två gånger per år.", "Styrgruppen möts varje kvartal och protokollför."
    )
    assert summary == "rewritten (6 → 6 words)"
    assert detail == (
        "- Parterna ses två gånger per år.",
        "+ Styrgruppen möts varje kvartal och protokollför.",
    )


def test_every_field_of_the_model_has_words(sv: None) -> None:
    """A diff names each field in the reader's language: a field left out of
    ``LABELS`` would reach a Swedish reader as its English key ("case number", "note")."""
    from iopctl.model.field_words import is_model
    from iopctl.present.field_labels import LABELS
    from iopctl.present.words import label

    seen: set[type] = set()
    pending: list[type] = [Agreement]
    names: set[str] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, info in cls.model_fields.items():
            names.add(name)
            stack = [info.annotation]
            while stack:
                current = stack.pop()
                if is_model(current):
                    pending.append(current)
                stack.extend(typing.get_args(current))
    assert sorted(names - set(LABELS)) == []
    assert label("case_number") == "diarienummer" and label("note") == "anteckning"
