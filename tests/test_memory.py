"""Memory flat in the number of agreements (issue #17), without timing anything.

``list``, ``economy`` and ``due`` over a folder keep per agreement only what their text
shows (a compact row; a line and running totals; the rows of its deadlines), sorted and
spilled to disk beyond :data:`iopctl.views.spill.RUN` rows, not its facts (about 55 KB) nor its
year-by-year table (about 12 KB). Measured with ``tracemalloc`` on generated sets of
40 and 240 agreements: what each further agreement adds to what the command keeps, and
to its peak, must stay within a small bound. The bounds are several times the measured
cost (about 1 KB an agreement, the validation's own share included) and far below what
keeping a model or facts costs.
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.present.terminal import due_row
from iopctl.views import spill
from iopctl.views.due import due_listing
from iopctl.views.economy import economy_of_paths
from iopctl.views.portfolio import overview
from iopctl.views.spill import SortedRows

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate  # noqa: E402

AS_OF = dt.date(2024, 6, 1)
SMALL, LARGE = 40, 240
KEPT, PEAK = 3_000, 8_000
"""Bytes a further agreement may add to what is kept and to the peak (measured: kept
1 200–1 900, peak 2 800–3 700, the validation's own share included; a kept ``Facts``
alone is about 55 000)."""


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> dict[int, str]:
    root = tmp_path_factory.mktemp("memory")
    found = {}
    for n in (SMALL, LARGE):
        folder = root / f"n{n}" / "agreements"
        generate(folder, n)
        found[n] = str(folder)
    return found


def _measure(run: Callable[[str], object], folder: str) -> tuple[int, int]:
    """(bytes kept by the result, peak bytes while making it), from a clean start."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = run(folder)
        gc.collect()
        kept, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return kept - before, peak - before


COMMANDS: dict[str, Callable[[str], object]] = {
    "list": lambda folder: overview([folder], as_of=AS_OF),
    "economy (text)": lambda folder: economy_of_paths(
        [folder], as_of=AS_OF, assume=None, detail=False
    ),
    "due (text)": lambda folder: due_listing(
        [folder], as_of=AS_OF, last_due=AS_OF + dt.timedelta(days=90), shape=due_row
    ),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_what_is_kept_per_agreement_is_small(
    command: str, sets: dict[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows are kept in memory up to a run (10 000 rows, about 10 MB), then on disk, and
    merged a chunk (250 rows) per run at a time: here runs of 20 rows and chunks of 2
    stand for them, so that both sets go well beyond one run."""
    monkeypatch.setattr(spill, "RUN", 20)
    monkeypatch.setattr(spill, "_CHUNK", 2)
    run = COMMANDS[command]
    run(sets[SMALL])  # imports, caches and index data are loaded once, outside the count
    kept_small, peak_small = _measure(run, sets[SMALL])
    kept_large, peak_large = _measure(run, sets[LARGE])
    more = LARGE - SMALL
    assert (kept_large - kept_small) / more < KEPT, (kept_small, kept_large)
    assert (peak_large - peak_small) / more < PEAK, (peak_small, peak_large)


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers()), max_size=60),
    st.integers(1, 8),
)
def test_sorted_rows_are_one_stable_sort(pairs: list[tuple[int, int]], run: int) -> None:
    """Runs spilled to disk and merged give exactly a stable sort of the rows as added."""
    rows: SortedRows[tuple[int, int]] = SortedRows(run=run)
    for n, (key, value) in enumerate(pairs):
        rows.add(key, (n, value))
    expected = [(n, v) for n, (_, v) in sorted(enumerate(pairs), key=lambda p: p[1][0])]
    try:
        assert list(rows) == expected
        assert list(rows) == expected  # read twice: widths, then lines
        assert len(rows) == len(pairs)
    finally:
        rows.close()


def test_due_spilled_to_disk_writes_the_same_table(
    sets: dict[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``due`` over 240 agreements with runs of 50 rows (about 18 runs on disk) prints
    byte for byte what it prints with every row in memory."""
    args = ["due", sets[LARGE], "--as-of", "2024-06-01", "--lang", "en"]
    whole = CliRunner().invoke(app, args)
    monkeypatch.setattr(spill, "RUN", 50)
    spilled = CliRunner().invoke(app, args)
    assert whole.exit_code == spilled.exit_code
    assert whole.stdout.count("\n") > 800
    assert spilled.stdout == whole.stdout


@pytest.mark.parametrize("assume", [[], ["--assume", "2.0"]], ids=["missing", "assumed"])
def test_economy_spilled_to_disk_writes_the_same_text(
    assume: list[str], sets: dict[int, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``economy`` over 240 agreements with runs of 20 lines (the lines, notes and
    revisions on disk) prints byte for byte what it prints with every line in memory:
    the table, the estimates, the IOP503 problems and the hints for missing figures."""
    args = ["economy", sets[LARGE], "--as-of", "2024-06-01", "--lang", "en", *assume]
    whole = CliRunner().invoke(app, args)
    monkeypatch.setattr(spill, "RUN", 20)
    spilled = CliRunner().invoke(app, args)
    assert whole.exit_code == spilled.exit_code == (0 if assume else 1)
    assert whole.stdout.count("\n") > 240
    assert spilled.stdout == whole.stdout
    assert spilled.stderr == whole.stderr
