"""Seed inputs for the atheris fuzzers: the bundled agreements, the broken fixtures, and
the hostile shapes of issue 16 (long numbers, aliased scalars, nested Markdown, control
characters), so that coverage-guided mutation starts from each of them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _hostile(base: str) -> dict[str, str]:
    plain = re.sub(r"(?m)^background: \|\n(?:  .*\n|\n)+", "", base)
    amount = "amount_per_year: 933000"
    return {
        "number-tiny": base.replace(amount, "amount_per_year: 1.0e-999999999"),
        "number-huge": base.replace(amount, "amount_per_year: 1.0e+5000"),
        "number-hex": base.replace("status: ended", "status: ended\nnotes: 0x" + "f" * 400),
        "number-sexagesimal": base.replace(
            "status: ended", "status: ended\nnotes: " + ":".join(["1"] * 400)
        ),
        "number-digits": base.replace(amount, "amount_per_year: " + "9" * 300),
        "base-year": base.replace("base_year: 2020", "base_year: -100000000"),
        "months-13": base.replace("months: [1]", "months: [13, 0]"),
        "aliases-text": plain.replace(
            "case_numbers:\n", 'case_numbers:\n  - &t "' + "x" * 2000 + '"\n'
        )
        + "".join("  - *t\n" for _ in range(50)),
        "markdown-nested": plain + "background: |\n  " + "[" * 8 + "x" + "](u)" * 8 + "\n",
        "markdown-quotes": plain + "background: |\n  " + "> " * 12 + "1. 1. 1. x\n",
        "control-title": base.replace(
            "title: Idéburet", 'title: "\\e]0;pwned\\a\\n::error::x\\u202e Idéburet', 1
        ).replace("Linköpings kommun\n", 'Linköpings kommun"\n', 1),
        "formula-name": base.replace("name: Resurspoolen", 'name: \'=HYPERLINK("x","y")\'', 1),
        "period-century": base.replace("end: 2022-12-31", "end: 2190-12-31", 1),
    }


def seed(corpus: Path) -> None:
    """Fill an empty corpus folder with the seeds."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for path in [*REPO.glob("agreements/*.yaml"), *REPO.glob("tests/fixtures/**/*.yaml")]:
        shutil.copy(path, corpus / f"{path.parent.name}-{path.name}")
    base = (REPO / "agreements" / "linkoping-resurspoolen-2020.yaml").read_text("utf-8")
    for name, text in _hostile(base).items():
        (corpus / f"hostile-{name}.yaml").write_text(text, "utf-8")
