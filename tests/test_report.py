"""Terminal presentation: plain tables for pipes, colour only on a terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.terminal import cell_width, plain_table


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


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ascii",
        "Äldrenämnden",
        "2024 – 2026",
        "längre text…",
        "漢字",
        "e\u0301",
        "👍🏽",
        "👨\u200d👩\u200d👧",
        "❤\ufe0f",
        "\x00\x1f\x7f",
        "─" * 3,
    ],
)
def test_cell_width_is_riches(text: str) -> None:
    assert cell_width(text) == cell_len(text)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_cell_width_is_riches_for_any_text(text: str) -> None:
    """Plain tables pad by :func:`cell_width`, which measures only what Rich's one-cell
    ranges leave out: the widths, and so the tables, are Rich's."""
    assert cell_width(text) == cell_len(text)


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
