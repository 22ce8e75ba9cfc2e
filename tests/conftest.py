from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository root as the current directory (relative paths in output)."""
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("IOPCTL_DEBUG", raising=False)


@pytest.fixture(autouse=True)
def _swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the default language, Swedish, whatever the machine's locale;
    a test of the English output asks for it (``LC_ALL=en_GB.UTF-8`` or ``english``)."""
    from iopctl.present.lang import use_language

    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language(None)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The English output, as ``LC_ALL=en_GB.UTF-8`` chooses it."""
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")


TODAY = dt.date(2026, 12, 1)
""""Today" in every test that runs iopctl in this process: what a file's status should be,
and the default --as-of, do not change with the day the tests run."""


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("iopctl.clock.today_stockholm", lambda: TODAY)


def pytest_report_header() -> str:
    return f"goldens: {'UPDATING' if os.environ.get('UPDATE_GOLDENS') else 'compare'}"
