"""Coverage-guided, structure-unaware fuzzing of the agreement loader with atheris.

Feeds arbitrary bytes to the whole validate pipeline of one file (decode, YAML,
schema, domain checks) and fails on any exception: every input must end in an
agreement or in diagnostics. Run (see docs/reliability.md):

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=1800 -rss_limit_mb=2048 fuzz/corpus

Seeds: the bundled agreements and the broken fixtures (copied into the corpus
folder on first run). Any crash becomes a regression test in tests/test_yamlsource.py.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from iopctl.checks import check_repository, run_checks
    from iopctl.model.load import load_agreement_bytes


def one_input(data: bytes) -> None:
    loaded = load_agreement_bytes(data, "fuzz.yaml")
    for d in loaded.diagnostics + run_checks(loaded) + check_repository([loaded]):
        if not d.code.startswith("IOP") or d.line < 0 or d.column < 0:
            raise AssertionError(f"malformed diagnostic {d}")


def _seed(corpus: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for path in [*repo.glob("agreements/*.yaml"), *repo.glob("tests/fixtures/**/*.yaml")]:
        shutil.copy(path, corpus / f"{path.parent.name}-{path.name}")


if __name__ == "__main__":
    dirs = [a for a in sys.argv[1:] if not a.startswith("-")]
    if dirs:
        _seed(Path(dirs[0]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
