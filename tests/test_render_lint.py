"""Static template checks: every variable exists in the model; every field is used or left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents import coverage, render

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


def lint(source: str) -> list[str]:
    return [f"{p.line}: {p.message}" for p in render.lint_source(source, "t.md.j2")[0]]


def test_bundled_templates_are_clean() -> None:
    problems, count = render.lint_templates()
    assert [str(p) for p in problems] == []
    assert count == len(list(TEMPLATES.glob("*.md.j2"))) == 12


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_agreement_template_uses_every_field_or_says_why_not(lang: str) -> None:
    """The field-coverage test: a new model field must reach the agreement text or LEFT_OUT."""
    path = TEMPLATES / f"agreement.{lang}.md.j2"
    problems, used = render.lint_source(path.read_text(encoding="utf-8"), path.name)
    assert problems == []
    assert [str(p) for p in render.coverage_problems(used, path.name)] == []


def test_every_left_out_field_has_a_reason() -> None:
    assert render.LEFT_OUT
    for key, reason in render.LEFT_OUT.items():
        assert "." in key
        assert len(reason) > 20, key


def test_coverage_reports_an_unused_field(monkeypatch: pytest.MonkeyPatch) -> None:
    left_out = dict(render.LEFT_OUT)
    del left_out["Agreement.notes"]
    monkeypatch.setattr(coverage, "LEFT_OUT", left_out)
    path = TEMPLATES / "agreement.sv.md.j2"
    _, used = render.lint_source(path.read_text(encoding="utf-8"), path.name)
    assert [p.message for p in render.coverage_problems(used, path.name)] == [
        "model field Agreement.notes is not used by this agreement template; use it, or add it "
        "to LEFT_OUT in iopctl/documents/coverage.py with the reason"
    ]


def test_coverage_reports_stale_left_out_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    left_out = {**render.LEFT_OUT, "Agreement.nonsense": "x" * 30, "Agreement.title": "y" * 30}
    monkeypatch.setattr(coverage, "LEFT_OUT", left_out)
    path = TEMPLATES / "agreement.sv.md.j2"
    _, used = render.lint_source(path.read_text(encoding="utf-8"), path.name)
    assert [p.message for p in render.coverage_problems(used, path.name)] == [
        "LEFT_OUT lists Agreement.nonsense, which is not a model field",
        "LEFT_OUT lists Agreement.title, but the template uses it",
    ]


def test_fields_below_a_left_out_field_are_not_required() -> None:
    required = coverage._required_fields()
    assert "FollowUpRecord.date" not in required  # only reachable through Agreement.follow_ups
    assert "Figure.value" not in required
    assert "ExtensionTaken.new_end" not in required  # only through Period.extensions_taken
    assert "Period.extension" in required
    assert "Extension.length" in required


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ agreement.titel }}", "1: Agreement has no field 'titel' (did you mean 'title'?)"),
        (
            "\n{% for p in agreement.parties %}{{ p.org_nummer }}{% endfor %}",
            "2: Party has no field 'org_nummer' (did you mean 'org_number'?)",
        ),
        ("{{ agreement.parties.name }}", "1: 'name' asked of a list (list[Party]): loop over it"),
        ("{{ agreemnt.id }}", "1: unknown variable 'agreemnt' (did you mean 'agreement'?)"),
        (
            "{{ agreement.period.start.yeer }}",
            "1: date | PartialDate has no field 'yeer' (did you mean 'year'?)",
        ),
        ("{{ agreement.title | nosuch }}", "1: unknown filter 'nosuch'"),
        ("{% if agreement.title is nosuch %}{% endif %}", "1: unknown test 'nosuch'"),
        (
            "{{ extension.contributions[0].rows[0].amout }}",
            "1: IndexedAmount has no field 'amout' (did you mean 'amount'?)",
        ),
        (
            "{% for c in agreement.economy.contributions %}{% if c.kind == 'money' %}"
            "{{ c.hours_per_year }}{% endif %}{% endfor %}",
            "1: MoneyContribution has no field 'hours_per_year' (did you mean 'amount_per_year'?)",
        ),
        (
            "{% for c in agreement.economy.contributions | selectattr('kind', 'eq', 'in_kind') %}"
            "{{ c.hours_per_year }}{% endfor %}",
            "1: InKindContribution has no field 'hours_per_year'",
        ),
        (
            "{{ (agreement.signatures[0].party | party).nme }}",
            "1: Party has no field 'nme' (did you mean 'name'?)",
        ),
        ("{{ agreement.model_dump() }}", "1: Agreement has no field 'model_dump'"),
        (
            "{% set t = agreement.termination %}{{ t.notice }}",
            "1: Termination has no field 'notice' (did you mean 'notice_period'?)",
        ),
        ("{{ agreement.economy.contributions | selectattr('amout') | list }}", "1: "),
        ("{% if agreement.title %}", "1: syntax error: "),
    ],
)
def test_lint_finds(source: str, expected: str) -> None:
    problems = lint(source)
    assert any(p.startswith(expected) for p in problems), problems


@pytest.mark.parametrize(
    "source",
    [
        "{{ agreement.party('resurspoolen').org_number }}",
        "{{ agreement.document_date }}",
        "{% for row in economy.rows %}{{ row.contribution.party }}{% endfor %}",
        "{% for s in record.sections %}{{ s.heading }}{{ loop.index }}{% endfor %}",
        "{{ notice.party.org_number }}{{ extension.option.times }}{{ doc.lang }}",
        "{% set names = agreement.parties | map(attribute='name') | list %}{{ names | names }}",
        "{% macro m(x) %}{{ x.anything }}{% endmacro %}{{ m(agreement) }}",
        "{% for a, b in [(1, 2)] %}{{ a.b }}{% endfor %}",
    ],
)
def test_lint_accepts(source: str) -> None:
    assert lint(source) == []


def test_lint_command_on_bundled_templates() -> None:
    result = CliRunner().invoke(app, ["render", "--lint"])
    assert result.exit_code == 0
    assert result.stdout == "Checked 12 templates: 0 errors, 0 warnings.\n"


def test_lint_command_with_user_templates(tmp_path: Path) -> None:
    (tmp_path / "letter.sv.md.j2").write_text("{{ agreement.titel }}\n", encoding="utf-8")
    (tmp_path / "agreement.sv.md.j2").write_text("# {{ agreement.title }}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", "--lint", "--template-dir", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert any("letter.sv.md.j2:1: error: Agreement has no field 'titel'" in x for x in lines)
    # a user's own agreement template may leave fields out: warnings, not errors
    assert any(
        "agreement.sv.md.j2: warning: model field Agreement.parties is not used" in x for x in lines
    )
    assert lines[-1].startswith("Checked 13 templates: 1 error, ")


def test_docs_list_the_fields_left_out() -> None:
    docs = (ROOT / "docs" / "render.md").read_text(encoding="utf-8")
    table = docs.split("### Fields deliberately left out of the agreement template")[1]
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[2].strip()
        for line in table.splitlines()
        if line.startswith("| `")
    }
    assert rows == render.LEFT_OUT
