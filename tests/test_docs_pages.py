"""The transcripts in the reference pages under docs/ are what the commands print.

README.md and the guides are checked by ``tests/test_docs.py`` and ``tests/test_guides.py``;
the reference pages (``docs/economy.md``, ``docs/history.md``, ``docs/i18n.md``,
``docs/render.md``, ``docs/workflow.md``) show commands with their output too, in English,
the language those pages are written in (docs/i18n.md shows the Swedish default first).
Each ``$ iopctl …`` line with output under it runs, exactly as printed (continued lines
joined), in a copy of the repository, and must print what the page shows (``…`` marks
output left out). ``UPDATE_GOLDENS=1`` writes the real output into the page, to review as
any golden.

Left out, each for its reason (:data:`NOT_RUN`): a command that asks questions (its
session is checked in ``tests/test_cli_new.py``), ones that need what the page only
describes (a repository of old files, a git URL), and one that would change the reader's
shell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doc_commands import Shown, check_transcript, make_sandbox, shown_commands

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "docs/economy.md": "en",
    "docs/history.md": "en",
    "docs/i18n.md": "sv",  # shows the Swedish default, then --lang en
    "docs/render.md": "en",
    "docs/workflow.md": "en",
}
"""Each page and the language its transcripts are read in (the reader's locale)."""

NOT_RUN = {
    "iopctl new": "asks questions: the session is tests/test_cli_new.py's",
    "iopctl migrate": "needs the repository of old files the page describes",
    "iopctl validate &&": "a shell line: && and git",
    "iopctl --install-completion": "would write to the reader's shell configuration",
    "iopctl init": "makes a repository from a git URL the page makes up",
}


def _not_run(shown: Shown) -> str | None:
    return next((why for start, why in NOT_RUN.items() if shown.line.startswith(start)), None)


TRANSCRIPTS = [
    pytest.param(page, shown, id=f"{Path(page).stem}-{shown.line[:60]}")
    for page in PAGES
    for shown in shown_commands((REPO / page).read_text(encoding="utf-8"))
    if shown.output and _not_run(shown) is None
]


@pytest.fixture(scope="module")
def sandboxes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {page: make_sandbox(tmp_path_factory.mktemp(Path(page).stem)) for page in PAGES}


@pytest.mark.parametrize(("page", "shown"), TRANSCRIPTS)
def test_every_transcript_is_what_the_command_prints(
    page: str, shown: Shown, sandboxes: dict[str, Path]
) -> None:
    check_transcript(shown, sandboxes[page], REPO / page, language=PAGES[page])


def test_the_pages_have_transcripts_to_check() -> None:
    """A page whose transcripts all went (or whose fences broke) is noticed."""
    pages = {page for page, _ in (p.values for p in TRANSCRIPTS)}
    assert pages == set(PAGES)


@pytest.mark.parametrize("start", sorted(NOT_RUN))
def test_every_command_not_run_is_still_on_a_page(start: str) -> None:
    """A reason to leave a command out stays only while the command does."""
    shown = [s for page in PAGES for s in shown_commands((REPO / page).read_text("utf-8"))]
    assert any(s.line.startswith(start) for s in shown), start
