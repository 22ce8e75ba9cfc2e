"""Golden Markdown for every bundled template on the seed agreements, in Swedish and English.

Each case runs ``iopctl render`` from the repository root (the traceability comment
records the agreement path as given) and compares standard output with
``tests/golden/render/<case>.md`` byte for byte, including the non-breaking spaces in
amounts. After an intended change, regenerate and review the diff:

    UPDATE_GOLDENS=1 PYTHONPATH=. pytest tests/test_render_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "render"

RESURSPOOLEN = "agreements/linkoping-resurspoolen-2020.yaml"
PINGST = "agreements/linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
KALMAR = "agreements/kalmar-stadsmission-2020.yaml"
TIMRA = "agreements/timra-aldres-ensamhet-2020.yaml"
RESURSPOOLEN_2018 = "agreements/linkoping-resurspoolen-2018.yaml"

CASES: dict[str, list[str]] = {
    # the agreement text
    "resurspoolen-2020.agreement.sv": [RESURSPOOLEN],
    "resurspoolen-2020.agreement.en": [RESURSPOOLEN, "--lang", "en"],
    # drafts render as drafts without --draft; ended agreements say what is not known
    "kalmar-2020.agreement.draft.sv": [KALMAR],
    "kalmar-2020.agreement.draft.en": [KALMAR, "--lang", "en"],
    "timra-2020.agreement.draft.sv": [TIMRA],
    "pingst-2018.agreement.sv": [PINGST],
    "resurspoolen-2018.agreement.sv": [RESURSPOOLEN_2018],
    # the signed original, reproduced (#13): its headings, order and text, marked as a copy
    "resurspoolen-2020.reproduction.sv": [RESURSPOOLEN, "-t", "reproduction"],
    "resurspoolen-2020.reproduction.en": [RESURSPOOLEN, "-t", "reproduction", "--lang", "en"],
    # follow-up report (the latest record by default)
    "pingst-2018.followup.sv": [PINGST, "-t", "followup"],
    "pingst-2018.followup.en": [PINGST, "-t", "followup", "--lang", "en"],
    # notice of termination
    "resurspoolen-2020.notice.sv": [
        RESURSPOOLEN, "-t", "notice", "--party", "resurspoolen", "--given-on", "2021-03-15",
    ],
    "resurspoolen-2020.notice.en": [
        RESURSPOOLEN, "-t", "notice", "--party", "resurspoolen", "--given-on", "2021-03-15",
        "--lang", "en",
    ],
    "resurspoolen-2020.notice-after-end.sv": [
        RESURSPOOLEN, "-t", "notice", "--party", "aldrenamnden", "--given-on", "2022-08-31",
    ],
    # extension proposal: OPI 2023 not yet published on 2022-10-03, 2024 and 2025 not in
    # iopctl at all; an amendment beyond the option
    "resurspoolen-2020.extension.sv": [RESURSPOOLEN, "-t", "extension", "--given-on", "2022-10-03"],
    "resurspoolen-2020.extension.en": [
        RESURSPOOLEN, "-t", "extension", "--given-on", "2022-12-20", "--lang", "en",
    ],
    # the extension agreement both parties sign: the 2023 amount once OPI 2023 is known
    "resurspoolen-2020.extension-agreement.sv": [
        RESURSPOOLEN, "-t", "extension-agreement", "--given-on", "2022-12-20",
    ],
    "resurspoolen-2020.extension-agreement.en": [
        RESURSPOOLEN, "-t", "extension-agreement", "--given-on", "2022-10-03", "--lang", "en",
    ],
    "resurspoolen-2020.extension-amendment.sv": [
        RESURSPOOLEN, "-t", "extension", "--given-on", "2022-10-03", "--new-end", "2027-12-31",
    ],
}  # fmt: skip


def check_golden(name: str, text: str) -> None:
    """Compare with the golden file, or (re)write it when UPDATE_GOLDENS=1."""
    path = GOLDEN / f"{name}.md"
    if os.environ.get("UPDATE_GOLDENS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}; run with UPDATE_GOLDENS=1 and review it")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["render", *CASES[name]])
    assert result.exit_code == 0, result.stderr
    check_golden(name, result.stdout)


def test_every_bundled_template_and_language_has_a_golden() -> None:
    covered = {
        (args[args.index("-t") + 1] if "-t" in args else "agreement", name.rsplit(".", 1)[1])
        for name, args in CASES.items()
    }
    templates = {
        (p.name.split(".")[0], p.name.split(".")[1]) for p in (ROOT / "templates").glob("*.md.j2")
    }
    assert templates <= covered


def test_no_stale_goldens() -> None:
    on_disk = {p.stem for p in GOLDEN.glob("*.md")}
    assert on_disk == set(CASES)
