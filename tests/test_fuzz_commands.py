"""Generated agreements (valid and mutated) through due, economy, list and show.

Every run must end in output or diagnostics with a documented exit code — never an
exception, never exit code 3. FUZZ_EXAMPLES raises the count for long campaigns.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from tests.strategies import agreement_data, mutated_agreement_data, to_yaml

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
runner = CliRunner()
AS_OF = st.dates(dt.date(1995, 1, 1), dt.date(2045, 12, 31)).map(dt.date.isoformat)

COMMANDS = [
    ["due", "--format", "json"],
    ["due", "--format", "ics"],
    ["due"],
    ["economy", "--format", "json"],
    ["economy", "--assume", "2.0"],
    ["list", "--format", "csv"],
    ["render"],
    ["render", "--draft", "--lang", "en"],
    ["render", "--draft", "--template", "followup"],
]


def _run(tmp_path: Path, data: object, as_of: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    for command in COMMANDS:
        args = [*command, str(path)]
        if command[0] in ("due", "list"):
            args += ["--as-of", as_of]
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.slow
@SETTINGS
@given(data=agreement_data(), as_of=AS_OF)
def test_generated_agreements_through_every_command(
    tmp_path: Path, data: object, as_of: str
) -> None:
    _run(tmp_path, data, as_of)


@pytest.mark.slow
@SETTINGS
@given(data=mutated_agreement_data(), as_of=AS_OF)
def test_mutated_agreements_through_every_command(tmp_path: Path, data: object, as_of: str) -> None:
    _run(tmp_path, data, as_of)


def test_regression_render_followup_of_agreement_without_valid_id(tmp_path: Path) -> None:
    """Found by this fuzzer: exit 3 (AttributeError) before partial agreements had every field."""
    data = {
        "id": None,
        "title": "0",
        "status": "draft",
        "parties": [
            {"id": "a", "name": "0", "sector": "public"},
            {"id": "b", "name": "0", "sector": "idea_based"},
        ],
        "period": {"start": dt.date(2000, 1, 1), "end": dt.date(2000, 1, 1)},
    }
    path = tmp_path / "f.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    result = runner.invoke(app, ["render", "--draft", "--template", "followup", str(path)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "iopctl: fel: överenskommelsen har inga uppföljningar (follow_ups) att rapportera om\n"
        "iopctl: tips: lägg till en post under follow_ups med datum, avsnitt och siffror\n"
    )
