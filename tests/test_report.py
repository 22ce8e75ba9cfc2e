"""Terminal presentation: plain tables for pipes, colour only on a terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.terminal import plain_table


def test_plain_table_layout() -> None:
    lines = plain_table(
        [("name", "left"), ("amount", "right")],
        [("Äldrenämnden", "933 000"), None, ("Resurspoolen", "3 852 000")],
    )
    assert lines == [
        "name" + " " * 14 + "amount",
        "─" * 24,
        "Äldrenämnden" + " " * 5 + "933 000",
        "",
        "Resurspoolen   3 852 000",
    ]


def test_due_on_a_narrow_colour_terminal_keeps_dates_whole(
    in_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(
        app,
        ["due", "--as-of", "2022-05-15", "agreements/linkoping-resurspoolen-2020.yaml"],
    )
    assert result.exit_code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "\x1b[" in result.stdout  # coloured
    assert "…" not in plain
    assert re.search(r"2022-06-30 +2022-06-23 +39", plain)
    assert max(len(line) for line in plain.splitlines()) <= 100
