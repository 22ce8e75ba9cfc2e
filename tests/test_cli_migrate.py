"""``iopctl migrate``: older places into ``history``, the rest of the file kept byte for byte.

Goldens hold the text after migrating each fixture in ``tests/fixtures/migrate/`` (and
what the command prints). The derived facts must not change: the term and every
deadline's date and act-by date are the same before and after, for every fixture and
for the older-style fixtures elsewhere in ``tests/fixtures``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.facts import Facts
from iopctl.facts.deadlines import derive
from iopctl.migrate.run import plan
from iopctl.model.load import Loaded, load_agreement, load_agreement_bytes
from tests.goldens import assert_golden

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
MIGRATE = sorted((FIXTURES / "migrate").glob("*.yaml"))
OLDER_STYLE = [
    *MIGRATE,
    FIXTURES / "invalid" / "iop231-older-places.yaml",
    FIXTURES / "economy" / "linkoping-resurspoolen-2020.yaml",
    FIXTURES / "workflow" / "resurspoolen-2020-changed.yaml",
]
MINIMAL = (FIXTURES / "valid" / "minimal-active.yaml").read_text("utf-8")
AS_OF = dt.date(2026, 12, 1)
runner = CliRunner()


@pytest.fixture(autouse=True)
def _english(english: None) -> None:
    """The lines below are asserted in English; the Swedish ones are a golden of their own."""


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["migrate", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of agreements to migrate, the current directory (paths print relative)."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    monkeypatch.chdir(tmp_path)
    return folder


def put(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def minimal(replacements: dict[str, str], name: str = "x") -> str:
    text = MINIMAL.replace("id: minimal-active", f"id: {name}")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


# --- goldens ------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", MIGRATE, ids=lambda p: p.stem)
def test_migrated_text_is_the_golden(fixture: Path, work: Path) -> None:
    path = work / fixture.name
    shutil.copyfile(fixture, path)
    code, out, err = run()
    assert (code, err) == (0, "")
    assert_golden(f"migrate/{fixture.name}", path.read_text("utf-8"))
    assert_golden(f"migrate/{fixture.stem}.out.txt", out)


@pytest.mark.parametrize("fixture", MIGRATE, ids=lambda p: p.stem)
def test_migrated_text_in_swedish(fixture: Path, work: Path) -> None:
    path = work / fixture.name
    shutil.copyfile(fixture, path)
    code, out, err = run("--lang", "sv")
    assert (code, err) == (0, "")
    assert_golden(f"migrate/{fixture.stem}.out.sv.txt", out)


@pytest.mark.parametrize("fixture", MIGRATE, ids=lambda p: p.stem)
def test_diff_is_the_golden_and_writes_nothing(fixture: Path, work: Path) -> None:
    path = work / fixture.name
    shutil.copyfile(fixture, path)
    code, out, err = run("--diff")
    assert code == 0
    assert_golden(f"migrate/{fixture.stem}.diff", out)
    assert err == "1 file would be migrated.\n" + _RUN_LINE
    assert path.read_bytes() == fixture.read_bytes()


_RUN_LINE = "Run `iopctl migrate` to write the changes, then commit them.\n"


def test_the_golden_validates_with_no_older_place() -> None:
    golden = REPO / "tests" / "golden" / "migrate" / "older-places.yaml"
    loaded = load_agreement(str(golden))
    assert loaded.valid is not None
    codes = [d.code for d in loaded.diagnostics]
    assert codes == []
    assert "extensions_taken" not in golden.read_text("utf-8")


# --- running it: twice, --check, files left alone ---------------------------------------


def test_second_run_changes_nothing(work: Path) -> None:
    path = work / "older-places.yaml"
    shutil.copyfile(MIGRATE[0], path)
    assert run()[0] == 0
    once = path.read_bytes()
    stat = path.stat()
    assert run() == (0, "Nothing to migrate (1 file checked).\n", "")
    assert path.read_bytes() == once
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_files_without_older_places_are_not_rewritten(work: Path) -> None:
    path = put(work, "x.yaml", minimal({}))
    before = path.stat()
    assert run() == (0, "Nothing to migrate (1 file checked).\n", "")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_check_writes_nothing_and_fails_while_a_file_would_change(work: Path) -> None:
    path = put(work, "older-places.yaml", MIGRATE[0].read_bytes())
    put(work, "x.yaml", minimal({}))
    code, out, err = run("--check")
    assert (code, err) == (1, "")
    assert out == (
        "would migrate agreements/older-places.yaml: 2 extensions, 1 notice, 2 amendments"
        " → history\n1 file would be migrated; 1 had nothing to migrate.\n" + _RUN_LINE
    )
    assert path.read_bytes() == MIGRATE[0].read_bytes()
    assert run()[0] == 0
    assert run("--check") == (0, "Nothing to migrate (2 files checked).\n", "")


def test_a_file_named_on_the_command_line(work: Path) -> None:
    put(work, "a.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}, "a"))
    b = put(work, "b.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}, "b"))
    code, out, _ = run("agreements/a.yaml")
    assert (code, out) == (
        0,
        "migrated agreements/a.yaml: 1 amendment → history\nMigrated 1 file.\n",
    )
    assert "amendments:" in b.read_text("utf-8")


AMENDMENT = "amendments:\n  - date: 2025-02-01\n    description: Ny lokal\n"


# --- files that are not migrated --------------------------------------------------------


def test_failing_files_are_reported_and_the_others_migrated(work: Path) -> None:
    syntax = put(work, "a-syntax.yaml", "id: x\n  title: [\n")
    invalid_text = minimal({"disputes:": AMENDMENT + "disputes:", "title:": "titel:"}, "b")
    invalid = put(work, "b-invalid.yaml", invalid_text)
    good = put(work, "c-good.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}, "c-good"))
    code, out, err = run()
    assert code == 1
    assert out == (
        "migrated agreements/c-good.yaml: 1 amendment → history\n"
        "Migrated 1 file; 2 files were not migrated (see above).\n"
    )
    assert err.splitlines() == [
        "agreements/a-syntax.yaml:2: not migrated: it cannot be read as YAML",
        "    hint: fix the problem below, then run `iopctl migrate` again",
        "agreements/a-syntax.yaml:2:8: error IOP002 YAML syntax error: mapping values are "
        "not allowed in this context",
        "    hint: a value containing ': ' must be quoted, e.g. title: \"Del 1: Bakgrund\"",
        "agreements/b-invalid.yaml:2: not migrated: it does not validate",
        "    hint: fix the errors below (`iopctl validate agreements/b-invalid.yaml` shows "
        "them), then run `iopctl migrate` again",
        "agreements/b-invalid.yaml:2:1: error IOP101 missing required field 'title' at the "
        "top level",
        "    hint: add `title:` (Title of the agreement); see `iopctl schema` or docs/fields.md "
        "for what it holds",
        "agreements/b-invalid.yaml:3:1: error IOP102 unknown field 'titel' at the top level",
        "    hint: did you mean 'title'?",
    ]
    assert syntax.read_text("utf-8") == "id: x\n  title: [\n"
    assert invalid.read_text("utf-8") == invalid_text
    assert "kind: amendment" in good.read_text("utf-8")


def test_a_result_that_would_not_validate_is_not_written(work: Path) -> None:
    early = "amendments:\n  - date: 2020-01-01\n    description: Före start\n"
    text = minimal({"disputes:": early + "disputes:"})
    path = put(work, "x.yaml", text)
    code, out, err = run()
    assert (code, out) == (
        1,
        "Nothing to migrate (1 file checked); 1 file was not migrated (see above).\n",
    )
    line = text.splitlines().index("  - date: 2020-01-01") + 1
    assert err.splitlines() == [
        f"agreements/x.yaml:{line}: not migrated: the result would not validate",
        "    hint: fix what the errors below point at (the lines are the file's), then run "
        "`iopctl migrate` again",
        f"agreements/x.yaml:{line}:1: error IOP232 dated 2020-01-01, before the agreement "
        "starts (2024-01-01)",
        "    hint: check the date; what happened before the start belongs to another agreement",
    ]
    assert path.read_text("utf-8") == text


def test_flow_style_where_lines_must_go_is_reported(work: Path) -> None:
    period = "period:\n  start: 2024-01-01\n  end: 2026-12-31\n"
    flow = (
        "period: {start: 2024-01-01, end: 2026-12-31, extensions_taken: [{new_end: 2027-12-31}]}\n"
    )
    text = minimal({period: flow})
    path = put(work, "x.yaml", text)
    code, _, err = run()
    line = text.splitlines().index(flow.rstrip()) + 1
    assert code == 1
    assert err == (
        f"agreements/x.yaml:{line}: not migrated: period is written in flow style ({{…}} or […])\n"
        "    hint: write it one key per line (block style), then run `iopctl migrate` again\n"
    )
    assert path.read_text("utf-8") == text


def test_a_history_in_flow_style_is_reported_at_its_line(work: Path) -> None:
    old = "history: [{date: 2024-02-01, kind: payment, amount: 100000}]\n" + AMENDMENT
    text = minimal({"disputes:": old + "disputes:"})
    path = put(work, "x.yaml", text)
    code, _, err = run()
    line = text.splitlines().index(old.splitlines()[0]) + 1
    assert code == 1
    assert err.startswith(f"agreements/x.yaml:{line}: not migrated: history is written in flow")
    assert path.read_text("utf-8") == text


# --- the text around the change -------------------------------------------------------------


def test_bom_crlf_and_no_final_newline_are_kept(work: Path) -> None:
    record = "  record:\n    given_by: foreningen\n    given_on: 2025-03-01\n"
    text = minimal({"  form: written\n": "  form: written\n" + record})
    crlf = text.replace("\n", "\r\n").rstrip("\r\n")
    path = put(work, "x.yaml", b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    assert run()[0] == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    expected = (
        text.replace(record, "")
        + "history:\n  - date: 2025-03-01\n    kind: notice\n    by: foreningen\n"
    ).replace("\n", "\r\n")
    assert raw[3:].decode("utf-8") == expected


def test_an_empty_flow_history_takes_the_entries(work: Path) -> None:
    old = "history: []  # nothing yet\namendments: [{date: 2025-01-01, description: Ny lokal}]\n"
    path = put(work, "x.yaml", minimal({"disputes:": old + "disputes:"}))
    assert run()[0] == 0
    new = (
        "history:  # nothing yet\n  - date: 2025-01-01\n    kind: amendment\n"
        "    description: Ny lokal\n"
    )
    assert path.read_text("utf-8") == minimal({"disputes:": new + "disputes:"})


def test_a_comment_above_a_record_goes_above_its_entry(work: Path) -> None:
    text = minimal(
        {
            "period:\n  start: 2024-01-01\n  end: 2026-12-31\n": (
                "period:\n  start: 2024-01-01\n  end: 2026-12-31\n"
                "  extension: {length: 1 year, times: 1}\n"
            ),
            "  form: written\n": "  form: written\n  # The letter.\n  record:\n"
            "    given_by: foreningen\n    given_on: 2025-03-01\n",
        }
    )
    path = put(work, "x.yaml", text)
    assert run()[0] == 0
    after = path.read_text("utf-8")
    assert "  form: written\nfollow_up:" in after
    assert after.endswith(
        "history:\n  # The letter.\n  - date: 2025-03-01\n    kind: notice\n    by: foreningen\n"
    )


def test_a_termination_with_nothing_else_goes_with_its_record(work: Path) -> None:
    termination = "termination:\n  notice_period: 6 months\n  form: written\n"
    record = (
        "termination:  # sent by post\n  record: {given_by: foreningen, given_on: 2025-03-01}\n"
    )
    path = put(work, "x.yaml", minimal({termination: record}))
    assert run()[0] == 0
    entry = "  # sent by post\n  - date: 2025-03-01\n    kind: notice\n    by: foreningen\n"
    assert path.read_text("utf-8") == minimal({termination: ""}) + "history:\n" + entry


def test_a_symlinked_file_is_written_through_the_link(work: Path) -> None:
    real = work / "real"
    real.mkdir()
    target = put(real, "x.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}))
    (work / "link.yaml").symlink_to(target)
    assert run("agreements/link.yaml")[0] == 0
    assert (work / "link.yaml").is_symlink()
    assert "kind: amendment" in target.read_text("utf-8")


# --- the derived facts do not change ---------------------------------------------------------


def _loaded(path: Path) -> Loaded:
    loaded = load_agreement(str(path))
    assert loaded.valid is not None, loaded.diagnostics
    return loaded


def _without_paths(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_paths(v) for k, v in value.items() if k != "path"}
    if isinstance(value, list | tuple):
        return [_without_paths(v) for v in value]
    return value


def _facts(loaded: Loaded) -> tuple[Any, list[tuple[str, dt.date, dt.date]]]:
    assert loaded.agreement is not None
    facts = Facts(loaded.agreement, file=loaded.file, as_of=AS_OF)
    term = _without_paths(dataclasses.asdict(facts.term))
    events = sorted((e.kind, e.date, e.act_by) for e in derive(facts))
    return term, events


def _migrated(path: Path) -> Loaded:
    migration = plan(str(path), as_of=AS_OF)
    assert migration.refusal is None
    assert migration.changed
    assert migration.after is not None
    after = load_agreement_bytes(migration.after, str(path))
    assert after.valid is not None, after.diagnostics
    return after


@pytest.mark.parametrize("fixture", OLDER_STYLE, ids=lambda p: p.stem)
def test_the_derived_facts_agree_before_and_after(fixture: Path) -> None:
    before, after = _facts(_loaded(fixture)), _facts(_migrated(fixture))
    assert after == before
    assert before[0]["extensions"] or before[0]["notice"] or "amendments" in fixture.read_text()


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fixture", OLDER_STYLE, ids=lambda p: p.stem)
def test_the_rendered_agreement_is_the_same_before_and_after(fixture: Path, lang: str) -> None:
    """The agreement's text reads extensions, notice and amendments where every command
    does (``recorded``): migrating, which IOP231 asks for, changes no byte of it. It read
    the older fields alone, and a migrated file's document lost all three."""
    from iopctl.documents.render import RenderOptions, render_agreement
    from iopctl.money.reference import load_reference

    reference, problems = load_reference(search_dir=str(REPO))
    assert not problems
    options = RenderOptions(lang=lang, as_of=AS_OF)
    before = render_agreement(_loaded(fixture), reference, options).body
    after = render_agreement(_migrated(fixture), reference, options).body
    assert after == before
    said = {"sv": ("Förlängd till och med", "sades upp av"), "en": ("Extended", "Notice was")}
    if "extensions_taken" in fixture.read_text(encoding="utf-8"):
        assert said[lang][0] in before
    if "\n  record:" in fixture.read_text(encoding="utf-8"):
        assert said[lang][1] in before


@st.composite
def legacy_files(draw: st.DrawFn) -> str:
    """An agreement in the older form: extensions, notice and amendments, dates drawn."""
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    end = start + dt.timedelta(days=draw(st.integers(30, 2000)))
    taken, last = [], end
    for _ in range(draw(st.integers(0, 3))):
        new_end = last + dt.timedelta(days=draw(st.integers(1, 1500)))
        decided = draw(st.none() | st.dates(start, last))
        item = f"    - new_end: {new_end}  # extended\n"
        if decided is not None:
            item += f"      decided_on: {decided}\n"
        if draw(st.booleans()):
            item += "      decision: 'ÄN 1'\n"
        taken.append(item)
        last = new_end
    given = draw(st.none() | st.dates(start, last))
    effective = draw(st.none() | st.dates(given, last)) if given is not None else None
    until = min(last, given) if given is not None else last
    amended = draw(st.lists(st.dates(start, until), max_size=3))
    period = f"period:\n  start: {start}\n  end: {end}\n"
    if taken:
        period += f"  extension: {{length: 5 years, times: {len(taken)}}}\n"
        period += "  # decided\n  extensions_taken:\n" + "".join(taken)
    termination = "termination:\n  notice_period: 6 months\n  form: written\n"
    if given is not None:
        termination += f"  record:\n    given_by: foreningen\n    given_on: {given}\n"
        if effective is not None:
            termination += f"    effective: {effective}\n"
    amendments = "".join(
        f"  - date: {day}\n    description: Ändring {i}\n" for i, day in enumerate(amended)
    )
    text = MINIMAL.replace("status: active\n", "")
    text = text.replace("period:\n  start: 2024-01-01\n  end: 2026-12-31\n", period)
    text = text.replace("termination:\n  notice_period: 6 months\n  form: written\n", termination)
    if amendments:
        text = text.replace("disputes:", "amendments:\n" + amendments + "disputes:")
    return text.replace("2023-12-01", str(start))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(legacy_files())
def test_generated_older_files_migrate_to_the_same_term(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(text, encoding="utf-8")
        before = _loaded(path)
        if not any(w in text for w in ("extensions_taken", "record:", "amendments:")):
            assert plan(str(path), as_of=AS_OF).after is None
            return
        after = _migrated(path)
        assert _facts(after) == _facts(before)
        assert after.source is not None
        again = Path(folder) / "again.yaml"
        again.write_text(after.source.text, encoding="utf-8")
        assert plan(str(again), as_of=AS_OF).after is None  # nothing left to migrate


def test_the_workflow_guide_shows_the_output() -> None:
    guide = (REPO / "docs" / "workflow.md").read_text("utf-8")
    out = (REPO / "tests" / "golden" / "migrate" / "older-places.out.txt").read_text("utf-8")
    assert out in guide


def test_a_file_changed_after_planning_is_not_overwritten(work: Path) -> None:
    from iopctl.migrate.run import write

    path = put(work, "x.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}))
    migration = plan(str(path), as_of=AS_OF)
    path.write_text(path.read_text("utf-8") + "# edited meanwhile\n", encoding="utf-8")
    refusal = write(migration)
    assert refusal is not None and refusal.reason == "changed"
    assert path.read_text("utf-8").endswith("# edited meanwhile\n")


def test_a_result_that_says_something_else_is_refused(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(work, "x.yaml", minimal({"disputes:": AMENDMENT + "disputes:"}))
    monkeypatch.setattr("iopctl.migrate.run.expected_data", lambda data, found: {})
    code, _, err = run()
    assert code == 1
    assert "not migrated: the result would change other values than the ones moved" in err
    assert "amendments:" in path.read_text("utf-8")
