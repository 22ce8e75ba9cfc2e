from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# As iopctl's command line runs (iopctl.cli.common): no Pydantic plugins, so the library
# under test validates with the stored core schema, as every command does
# (iopctl.model.compiled).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


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
def _fixed_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swedish, the default, whatever the machine's locale: a test that wants English
    says so (``--lang en`` or ``in_language("en")``)."""
    from iopctl.i18n import use_language

    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    use_language("sv")


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """English: in this process, and for a command run here (an English locale, as a
    user's ``LANG=en_GB.UTF-8`` chooses it)."""
    from iopctl.i18n import use_language

    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    use_language("en")


TODAY = dt.date(2026, 12, 1)
""""Today" in every test that runs iopctl in this process: what a file's status should be,
and the default --as-of, do not change with the day the tests run."""


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("iopctl.clock.today_stockholm", lambda: TODAY)


def pytest_report_header() -> str:
    return f"goldens: {'UPDATING' if os.environ.get('UPDATE_GOLDENS') else 'compare'}"
