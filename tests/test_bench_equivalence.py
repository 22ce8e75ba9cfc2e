"""Pinned diagnostics for valid and broken agreements (guards the speed work of issue #2).

Every case is one file validated on its own through the CLI in all three formats,
plus the Python-level facts other commands rely on: which top-level fields
failed, and the position maps of the YAML reader. The expected output was
recorded before the reader, loader and checks were optimised and must not
change: same diagnostics, same positions, same messages.

The cases are edits of a frozen copy of the Resurspoolen agreement
(``tests/fixtures/bench/``), so that a richer encoding of the real file does not
move every pinned line. Regenerate (only for an intended change of behaviour)
with ``UPDATE_GOLDENS=1 pytest tests/test_bench_equivalence.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.checks.validate import validate_paths
from iopctl.cli import app
from iopctl.model.load import load_agreement
from tests.goldens import updating

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "bench_equivalence.txt"
BASE = (ROOT / "tests" / "fixtures" / "bench" / "resurspoolen-2020-frozen.yaml").read_text(
    encoding="utf-8"
)
BASE_ID = "linkoping-resurspoolen-2020"


def edit(*pairs: tuple[str, str]) -> str:
    """The Resurspoolen agreement with each ``old`` replaced (once) by ``new``."""
    text = BASE
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def append(extra: str, text: str = BASE) -> str:
    return text.rstrip("\n") + "\n" + extra


def active(*pairs: tuple[str, str]) -> str:
    return edit(("status: ended", "status: active"), *pairs)


DEEP = (
    "id: deep\nx:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(70)) + " " * 142 + "v\n"
)
DEEP_FLOW = "id: deep-flow\nx: " + "[" * 70 + "1" + "]" * 70 + "\n"
FLAT_DEEP_OK = "id: x\nx: " + "[" * 60 + "1" + "]" * 60 + "\n"

ALIAS_BOMB = "id: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(5)
)

# name → file content (text or bytes). Each file is <name>/<name>.yaml, except that
# the "ok-" cases keep the agreement's own id as file name (no IOP402 warning).
CASES: dict[str, str | bytes] = {
    "ok-resurspoolen": BASE,
    "ok-crlf": BASE.replace("\n", "\r\n"),
    "ok-bom": "\ufeff" + BASE,
    "ok-anchors": edit(
        ("contacts:\n  - party: aldrenamnden", "contacts:\n  - &c1\n    party: aldrenamnden")
    ).replace("starting_points:", "  - *c1\nstarting_points:", 1),
    "ok-strict-active": active(),
    # --- reading the file
    "empty": "",
    "only-comments": "# nothing here\n",
    "top-level-list": "- id: a\n- id: b\n",
    "top-level-scalar": "just text\n",
    "utf16-bom": "id: x\n".encode("utf-16"),
    "utf16-no-bom": ("id: x\ntitle: y\n" * 20).encode("utf-16-le"),
    "nul-byte": b"id: x\ntitle: a\x00b\n",
    "cp1252": BASE.encode("utf-8").replace(
        "Äldrenämnden".encode(), "Äldrenämnden".encode("cp1252"), 1
    ),
    "bad-utf8": b"id: x\ntitle: \xff\xfe\xfd\n",
    "tab-indent": edit(("  - ÄN 2019-878", "\t- ÄN 2019-878")),
    "colon-in-value": edit(("title: Idéburet", "title: Del 1: Idéburet")),
    "undefined-alias": edit(("status: ended", "status: *nope")),
    "two-documents": append("---\nid: second\n"),
    "control-char": edit(("title: Idéburet", "title: Idé\x07buret")),
    "deep": DEEP,
    "deep-flow": DEEP_FLOW,
    "deep-but-allowed": FLAT_DEEP_OK,
    "alias-bomb": ALIAS_BOMB,
    "python-tag": edit(("status: ended", "status: !!python/object:os.system ls")),
    "custom-tag": edit(("status: ended", "status: !secret ended")),
    "merge-key": edit(
        ("contacts:\n  - party: aldrenamnden", "contacts:\n  - <<: {x: 1}\n    party: aldrenamnden")
    ),
    "map-tag": edit(("period:\n", "period: !!set\n")),
    "seq-tag": edit(("case_numbers:\n", "case_numbers: !!omap\n")),
    "non-text-key": edit(("language: sv", "language: sv\n1: one\nyes: two\n[a, b]: three")),
    "duplicate-key": edit(("language: sv", "language: sv\ntitle: Again")),
    "explicit-bad-bool": edit(("approximate: true", "approximate: !!bool maybe")),
    "explicit-bad-int": edit(("volunteers: 100", "volunteers: !!int lots")),
    "explicit-bad-float": edit(("hours_per_year: 18000", "hours_per_year: !!float many")),
    "invalid-date": edit(("start: 2020-01-01", "start: 2020-02-30")),
    "timestamp": edit(("start: 2020-01-01", "start: 2020-01-01 10:30:00")),
    # --- schema
    "yaml11-surprises": edit(
        ("language: sv", "language: no"),
        ("role: firmatecknare\n\nbackground", "role: yes\n\nbackground"),
        ("name: Linda Ljungqvist", "name: 012"),
        (
            "place: Linköping\n    date: 2019-12-11\n  - party: resurspoolen",
            "place: 12:30\n    date: 2019-12-11\n  - party: resurspoolen",
        ),
        ("  - AN 2019-870", "  - 2019-12-18"),
        ("reference: Dnr ÄN 2019-878 (seed 002)", "reference: 2019-12-18 10:00:00"),
        ("body: Äldrenämnden", "body: 1.5"),
        ("title: ordförande", "title: ~"),
    ),
    "missing-required": edit(("id: linkoping-resurspoolen-2020\n", ""), ("status: ended\n", "")),
    "unknown-fields": edit(
        ("language: sv", "language: sv\ntitel: x"),
        ("    sector: public", "    sector: public\n    secter: x"),
        ("      schedule: yearly", "      schedule: yearly\n      mounths: [1]"),
        ("    - kind: in_kind", "    - kind: in_kind\n      valu_per_year: 3"),
    ),
    "wrong-types": edit(
        ("case_numbers:\n  - ÄN 2019-878\n  - AN 2019-870", "case_numbers: ÄN 2019-878"),
        ("decision:\n  body", "decision:\n  - body"),
        ("  per_year: 1", "  per_year: one"),
        ("  on_request: true", "  on_request: 3"),
        ("    times: 1", "    times: 1.5"),
        ("  start: 2020-01-01", "  start: [2020]"),
    ),
    "literals-and-kinds": edit(
        ("status: ended", "status: finished"),
        ("    sector: idea_based", "    sector: ideell"),
        ("    - kind: volunteer_hours", "    - kind: volunteers"),
        (
            "    - kind: in_kind\n",
            "    - party: aldrenamnden\n      category: other\n    - kind: in_kind\n",
        ),
        ("      category: premises", "      category: rooms"),
    ),
    "amounts": edit(
        ("amount_per_year: 933000", "amount_per_year: 933 000 kr"),
        ("value_per_year: 3852000", "value_per_year: 3.852"),
        ("declared_total_per_year: 4785000", "declared_total_per_year: -1"),
    ),
    "amounts-2": edit(
        ("amount_per_year: 933000", "amount_per_year: 933000.505"),
        ("value_per_year: 3852000", "value_per_year: .inf"),
        ("hours_per_year: 18000", "hours_per_year: '18 000'"),
        ("declared_total_per_year: 4785000", "declared_total_per_year: true"),
    ),
    "texts-slugs-durations": edit(
        ("id: linkoping-resurspoolen-2020", "id: Linköping Resurspoolen 2020"),
        ("purpose: >-", "purpose: '   '\nx_purpose: >-"),
        ("notice_period: 6 months", "notice_period: six months"),
        ("  length: 3 years\n  extension", "  length: 3\n  extension"),
        ("months: [1]", "months: [13, 0]"),
        (
            "  - party: aldrenamnden\n    clauses:",
            "  - party: Äldrenämnden\n    clauses: []\n    x_clauses:",
        ),
    ),
    "braces-in-text": edit(("id: linkoping-resurspoolen-2020", "id: '{bad} {0}'")),
    "long-line": edit(
        ("id: linkoping-resurspoolen-2020", "id: " + "x" * 200 + " " + "y" * 50),
    ),
    # --- domain checks
    "org-numbers": edit(
        ("org_number: 212000-0449", "org_number: 212000-0440"),
        ("org_number: 822003-0913", "org_number: 16822003-0913"),
    ),
    "org-numbers-2": edit(
        ("org_number: 212000-0449", "org_number: '2120000449'"),
        ("org_number: 822003-0913", "org_number: 82-2003"),
    ),
    "parties": edit(
        ("    sector: idea_based", "    sector: public"),
        ("  - id: resurspoolen", "  - id: aldrenamnden"),
    ),
    "references": edit(
        ("  - party: resurspoolen\n    role", "  - party: resurspolen\n    role"),
        ("convening_party: aldrenamnden", "convening_party: kommunen"),
        ("      party: aldrenamnden\n      amount", "      party: aldrenamden\n      amount"),
    ),
    "period": edit(
        ("  end: 2022-12-31", "  end: 2019-12-31"),
    ),
    "period-2": edit(
        ("  end: 2022-12-31", "  end: 2036-12-31\n  decision_deadline: 2037-01-01"),
        ("    times: 1", "    times: 1\n    unlimited: true"),
        (
            "  length: 3 years\n  extension",
            "  length: 2 years\n  extensions_taken:\n    - new_end: 2036-12-31\n"
            "    - new_end: 2040-12-31\n  extension",
        ),
    ),
    "notice-too-long": edit(("notice_period: 6 months", "notice_period: 4 years")),
    "economy": edit(
        ("declared_total_per_year: 4785000", "declared_total_per_year: 4785001"),
        ("      hours_per_year: 18000", "      hours_per_year: 18000\n      hourly_rate: 200"),
        ("index: OPI", "index: opx"),
        ("base_year: 2020", "base_year: 2021"),
    ),
    "economy-2": edit(("index: OPI", "index: QQQ")),
    "records": append(
        "follow_ups:\n  - date: 2010-01-01\n    participants: [aldrenamnden, okand]\n"
        "    figures:\n      - label: besök\n        value: 3\n        party: nobody\n"
        "    sections:\n      - heading: H\n        text: T\n        party: nobody\n"
        "  - date: 2030-01-01\namendments:\n  - date: 2010-05-05\n    description: x\n",
        edit(
            (
                "    date: 2019-12-11\n  - party: resurspoolen",
                "    date: 2023-01-01\n  - party: resurspoolen",
            )
        ),
    ),
    "terminated": edit(("status: ended", "status: terminated")),
    "terminated-bad-record": edit(
        ("status: ended", "status: terminated"),
        (
            "  form: written",
            "  form: written\n  record:\n    given_by: someone\n    given_on: 2021-01-01",
        ),
    ),
    "active-missing-everything": "id: active-missing-everything\ntitle: T\nstatus: active\n",
    "active-partial": active(
        ("    org_number: 822003-0913\n", ""),
        ("  notice_period: 6 months\n", ""),
        ("  per_year: 1\n", ""),
        ("  - party: resurspoolen\n    clauses:", "  - party: aldrenamnden\n    clauses:"),
    ),
    "active-no-economy": active(
        ("economy:\n  declared_total_per_year: 4785000\n", "economy:\n"),
    ).replace("  contributions:\n", "  x_contributions:\n", 1),
    "broken-field-no-cascade": edit(("parties:\n", "parties: 3\nx_parties:\n")),
}

STRICT = {"ok-strict-active"}


def _write(folder: Path, name: str, content: str | bytes) -> str:
    stem = BASE_ID if name.startswith("ok-") else name
    sub = folder / name
    sub.mkdir(parents=True, exist_ok=True)
    path = sub / f"{stem}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return f"{name}/{stem}.yaml"


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout


def _positions(file: str) -> str:
    loaded = load_agreement(file)
    source = loaded.source
    lines = [f"failed: {sorted(loaded.failed)}"]
    if source is not None:

        def fmt(path: tuple[str | int, ...]) -> str:
            return ".".join(str(p) for p in path) or "()"

        lines.append(
            "values: "
            + " ".join(f"{fmt(p)}@{v[0]}:{v[1]}" for p, v in sorted(source.values.items(), key=str))
        )
        lines.append(
            "keys: "
            + " ".join(f"{fmt(p)}@{v[0]}:{v[1]}" for p, v in sorted(source.keys.items(), key=str))
        )
        lines.append(
            "scalars: "
            + " ".join(
                f"{fmt(p)}={s.text!r}/{s.kind}/{int(s.surprising)}"
                for p, s in sorted(source.scalars.items(), key=str)
            )
        )
        lines.append(f"reported: {sorted(map(str, source.reported))}")
    return "\n".join(lines)


def render_case(name: str, folder: Path) -> str:
    file = _write(folder, name, CASES[name])
    strict = ["--strict"] if name in STRICT else []
    out = [f"=== {name}"]
    for fmt in ("text", "json", "github"):
        code, stdout = _invoke(["validate", file, "--format", fmt, *strict])
        out.append(f"--- {fmt} (exit {code})")
        out.append(stdout.rstrip("\n"))
    out.append("--- reader")
    out.append(_positions(file))
    return "\n".join(out) + "\n"


def render_all(folder: Path) -> str:
    parts = [render_case(name, folder) for name in CASES]
    # Across files: the seed agreements, plus a duplicate id and a mismatched name.
    repo = folder / "repo"
    repo.mkdir()
    (repo / f"{BASE_ID}.yaml").write_text(BASE, encoding="utf-8")
    (repo / "linkoping-resurspoolen-2018.yaml").write_text(
        active(("id: linkoping-resurspoolen-2020", "id: linkoping-resurspoolen-2018")),
        encoding="utf-8",
    )
    (repo / "draft.yaml").write_text("id: draft\ntitle: Utkast\nstatus: draft\n", encoding="utf-8")
    (repo / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    (repo / "copy.yaml").write_text(BASE, encoding="utf-8")
    (repo / "sub").mkdir()
    (repo / "sub" / "renamed.yml").write_text(
        edit(("id: linkoping-resurspoolen-2020", "id: linkoping-other-2020")), encoding="utf-8"
    )
    (repo / ".hidden").mkdir()
    (repo / ".hidden" / "skip.yaml").write_text("not: [valid", encoding="utf-8")
    out = ["=== repository"]
    for fmt in ("text", "json", "github"):
        code, stdout = _invoke(["validate", "repo", "repo/copy.yaml", "--format", fmt])
        out.append(f"--- {fmt} (exit {code})")
        out.append(stdout.rstrip("\n"))
    result = validate_paths(["repo"])
    out.append(f"--- files: {result.files}")
    out.append(f"--- invalid: {sorted(result.invalid_files)}")
    parts.append("\n".join(out) + "\n")
    return "".join(parts)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def test_diagnostics_are_pinned(in_tmp: Path) -> None:
    actual = render_all(Path("."))
    if updating():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        # Narrow the failure to the first differing case for a readable message.
        exp_cases = expected.split("=== ")
        act_cases = actual.split("=== ")
        for exp, act in zip(exp_cases, act_cases, strict=False):
            assert act == exp
    assert actual == expected


def test_every_case_reads(in_tmp: Path) -> None:
    """The case list itself: each broken case produces at least one diagnostic."""
    for name, content in CASES.items():
        file = _write(Path("."), name, content)
        result = validate_paths([file], strict=name in STRICT)
        if name.startswith("ok-") and name not in STRICT:
            assert result.diagnostics == [], (name, result.diagnostics)
        else:
            assert result.diagnostics, name
