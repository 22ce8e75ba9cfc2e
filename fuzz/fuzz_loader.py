"""Coverage-guided, structure-unaware fuzzing of the agreement loader with atheris.

Feeds arbitrary bytes to the whole validate pipeline of one file (decode, YAML,
schema, domain checks) and fails on any exception: every input must end in an
agreement or in diagnostics. Run (see docs/reliability.md):

    pip install atheris
    python fuzz/fuzz_loader.py -max_total_time=1800 -rss_limit_mb=2048 -timeout=20 \
        -dict=fuzz/yaml.dict fuzz/corpus

Seeds (fuzz/seeds.py, written into an empty corpus folder): the bundled agreements, the
broken fixtures, and issue 16's hostile shapes. ``-timeout=20`` makes an input that takes
longer than 20 s a finding, like a crash. Any finding becomes a regression test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seeds import seed

with atheris.instrument_imports():
    from iopctl.checks import check_repository, run_checks
    from iopctl.model.load import load_agreement_bytes


def one_input(data: bytes) -> None:
    loaded = load_agreement_bytes(data, "fuzz.yaml")
    for d in loaded.diagnostics + run_checks(loaded) + check_repository([loaded]):
        if not d.code.startswith("IOP") or d.line < 0 or d.column < 0:
            raise AssertionError(f"malformed diagnostic {d}")


if __name__ == "__main__":
    dirs = [a for a in sys.argv[1:] if not a.startswith("-")]
    if dirs:
        seed(Path(dirs[0]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
