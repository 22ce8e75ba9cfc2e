"""Memory flat in the number of agreements (issue #17), without timing anything.

``list`` and ``economy`` over a folder keep per agreement only what their output shows
(a compact row, a line and running totals), not its facts (about 55 KB) nor its
year-by-year table (about 12 KB). Measured with ``tracemalloc`` on generated sets of
60 and 360 agreements: what each further agreement adds to what the command keeps, and
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

from iopctl.views.economy import economy_of_paths
from iopctl.views.portfolio import overview

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.generate import generate  # noqa: E402

AS_OF = dt.date(2024, 6, 1)
SMALL, LARGE = 60, 360
PER_AGREEMENT = 4_000
"""Bytes a further agreement may add to what is kept and to the peak (measured: about
1 000 for ``list`` and ``economy``; a kept ``Facts`` alone is about 55 000)."""


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
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_what_is_kept_per_agreement_is_small(command: str, sets: dict[int, str]) -> None:
    run = COMMANDS[command]
    run(sets[SMALL])  # imports, caches and index data are loaded once, outside the count
    kept_small, peak_small = _measure(run, sets[SMALL])
    kept_large, peak_large = _measure(run, sets[LARGE])
    more = LARGE - SMALL
    assert (kept_large - kept_small) / more < PER_AGREEMENT, (kept_small, kept_large)
    assert (peak_large - peak_small) / more < PER_AGREEMENT, (peak_small, peak_large)
