"""The user guides (docs/guide.sv.md, docs/guide.en.md) are checked against the tool.

What the guides may contain, and how each kind of content is kept honest:

* **Commands.** Every ``iopctl WORD`` inside code (a fenced block or an inline code
  span) must name a real command. Prose may say "iopctl" freely.
* **Quotes.** A ```` ```yaml ```` block whose first line is exactly
  ``# agreements/linkoping-resurspoolen-2020.yaml`` is a quote of that file. Rule:
  every other line of the block must be a line of the file, character for character
  (trailing spaces ignored), and the lines must come in the file's order. Blank lines
  and elision lines (``# …``, alone on a line, any indentation) are not compared. So a
  quote may leave things out but never reword, reorder or invent anything.
* **Whole agreements.** A ```` ```yaml ```` block whose first line starts with ``id:``
  is a complete agreement file: it must load and pass the checks with no errors.
* **Index files.** A ```` ```yaml ```` block whose first line is ``indices:`` must load
  as an index file without problems.
* **Transcripts.** In a ```` ```console ```` block, ``$ iopctl …`` is a command and the
  lines up to the next ``$`` are its output. The command is run (in the repository
  root) and its output compared line by line (trailing spaces ignored). A line that is
  exactly ``…`` marks left-out output: the pieces between such lines must then appear
  in the real output, in order; each guide's commands run in its language (the locale
  ``LC_ALL`` of a reader of that guide). Every ``iopctl`` line of a ```` ```sh ```` block is run
  too. All of them run in order in a copy of the repository (``tests/doc_commands.py``),
  so commands that write files (``new``, ``init``, ``--out``) run as well; each must
  succeed, or fail with exit code 1 where its output shows errors. Commands that read
  the clock show output only with ``--as-of``.
* **Codes.** Every ``IOPnnn`` mentioned is in ``iopctl.problems.codes.CODES``.
* **Translation.** Both guides have the same ``##`` and ``###`` headings (by count),
  the same quotes and the same commands (their output in the guide's language).
* **The OPI worked example** (the table in the ``## OPI`` section) has the amounts and
  percentages ``iopctl economy`` computes, and each row's arithmetic is right.
"""

from __future__ import annotations

import json
import re
import textwrap
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from iopctl.checks import run_checks
from iopctl.cli import app
from iopctl.model.load import load_agreement_bytes
from iopctl.money.reference import load_reference
from iopctl.problems.codes import CODES
from iopctl.problems.diagnostic import Severity
from tests.doc_commands import Shown, check_transcript, make_sandbox, shown_commands

REPO = Path(__file__).resolve().parent.parent
LANGS = ("sv", "en")
GUIDES = {lang: (REPO / "docs" / f"guide.{lang}.md").read_text(encoding="utf-8") for lang in LANGS}
QUOTED = "agreements/linkoping-resurspoolen-2020.yaml"
QUOTE_MARK = f"# {QUOTED}"
ELISION = "…"
READS_CLOCK = {"due", "list", "show"}
EVERYDAY = ("validate", "due", "economy", "render", "list", "show", "new", "init", "diff")
# The seed document's sections, as the top-level keys they become.
SEED_SECTIONS = {
    "background",
    "values",
    "parties",
    "contacts",
    "starting_points",
    "challenge",
    "purpose",
    "goals",
    "target_group",
    "responsibilities",
    "joint_responsibilities",
    "follow_up",
    "economy",
    "period",
    "termination",
    "changes",
    "signatures",
}

FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```[ \t]*$", re.M | re.S)


def fenced(text: str, language: str | None = None) -> list[str]:
    """Bodies of fenced blocks (dedented when the fence is indented, e.g. in a list)."""
    found = []
    for indent, lang, body in FENCE.findall(text):
        if language is None or lang == language:
            found.append(textwrap.dedent(body) if indent else body)
    return found


def outside_fences(text: str) -> str:
    return FENCE.sub("", text)


def inline_code(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", outside_fences(text))


def headings(text: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", outside_fences(text), flags=re.M)


def quotes(text: str) -> list[str]:
    return [b for b in fenced(text, "yaml") if b.splitlines()[0] == QUOTE_MARK]


def commands() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def section(text: str, starts: str) -> str:
    part = re.split(rf"^## {re.escape(starts)}.*$", text, maxsplit=1, flags=re.M)[1]
    return re.split(r"^## ", part, maxsplit=1, flags=re.M)[0]


def kronor(text: str) -> int:
    return int(text.replace(" ", "").replace("\u00a0", ""))


# --- commands ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_in_the_guide_is_real(lang: str) -> None:
    code = fenced(GUIDES[lang]) + inline_code(GUIDES[lang])
    # A command is `iopctl WORD` at the start of a line, after a `$ ` prompt or in inline
    # code; output lines such as "iopctl has no OPI figure" are not commands.
    pattern = r"(?:^|\$ |`)iopctl ([a-z][a-z-]*)"
    named = {m for c in code for m in re.findall(pattern, c, flags=re.M)}
    assert named, "no commands found: has the guide's code formatting changed?"
    assert named <= commands(), named - commands()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", EVERYDAY)
def test_every_everyday_command_has_a_section(lang: str, command: str) -> None:
    assert f"iopctl {command}" in headings(GUIDES[lang], 3)


# --- quotes of the Resurspoolen agreement --------------------------------------


def _unquoted(block: str, file_lines: list[str]) -> str | None:
    """The first line of a quote that is not in the file (in order), or None."""
    at = 0
    for line in block.splitlines()[1:]:
        line = line.rstrip()
        if not line.strip() or line.strip() == f"# {ELISION}":
            continue
        try:
            at = file_lines.index(line, at) + 1
        except ValueError:
            return line
    return None


@pytest.mark.parametrize("lang", LANGS)
def test_quotes_are_in_the_agreement_file(lang: str) -> None:
    file_lines = [
        line.rstrip() for line in (REPO / QUOTED).read_text(encoding="utf-8").splitlines()
    ]
    blocks = quotes(GUIDES[lang])
    assert len(blocks) >= len(SEED_SECTIONS) - 4, "the walkthrough lost its quotes"
    for block in blocks:
        missing = _unquoted(block, file_lines)
        assert missing is None, f"not in {QUOTED} (or out of order): {missing!r}\n{block}"


@pytest.mark.parametrize("lang", LANGS)
def test_walkthrough_quotes_every_seed_section(lang: str) -> None:
    keys = {
        line.split(":")[0]
        for block in quotes(GUIDES[lang])
        for line in block.splitlines()
        if re.match(r"^[a-z_]+:", line)
    }
    assert keys >= SEED_SECTIONS, SEED_SECTIONS - keys


def test_quote_rule_catches_a_reworded_line() -> None:
    file_lines = ["a: 1", "b:", "  c: 2"]
    assert _unquoted(f"{QUOTE_MARK}\nb:\n  # …\n  c: 2\n", file_lines) is None
    assert _unquoted(f"{QUOTE_MARK}\nb:\n  c: 3\n", file_lines) == "  c: 3"
    assert _unquoted(f"{QUOTE_MARK}\nb:\na: 1\n", file_lines) == "a: 1"  # order


# --- whole agreements and index files ------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_yaml_blocks_parse(lang: str) -> None:
    for block in fenced(GUIDES[lang], "yaml"):
        yaml.safe_load(block)


@pytest.mark.parametrize("lang", LANGS)
def test_whole_agreements_validate(lang: str) -> None:
    blocks = [b for b in fenced(GUIDES[lang], "yaml") if b.startswith("id:")]
    assert blocks, "the guide shows no whole agreement"
    for n, block in enumerate(blocks):
        loaded = load_agreement_bytes(block, f"docs/guide.{lang}.md#agreement-{n}")
        problems = loaded.diagnostics + run_checks(loaded)
        errors = [d for d in problems if d.severity == Severity.ERROR]
        assert not errors, [f"{d.code} {d.message}" for d in errors]
        assert loaded.agreement is not None and not loaded.failed


@pytest.mark.parametrize("lang", LANGS)
def test_index_file_examples_load(lang: str, tmp_path: Path) -> None:
    blocks = [b for b in fenced(GUIDES[lang], "yaml") if b.startswith("indices:")]
    assert blocks, "the guide shows no index file"
    for n, block in enumerate(blocks):
        path = tmp_path / f"index-{n}.yaml"
        path.write_text(block, encoding="utf-8")
        _, problems = load_reference([str(path)], search_dir=str(tmp_path))
        assert not problems, [f"{d.code} {d.message}" for d in problems]


# --- transcripts ---------------------------------------------------------------


def transcripts(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every `$ iopctl` line in console blocks."""
    found: list[tuple[str, list[str]]] = []
    for block in fenced(text, "console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line.rstrip())
    return found


TRANSCRIPTS = [
    pytest.param(lang, n, shown, id=f"{lang}-{shown.line[:60]}")
    for lang in LANGS
    for n, shown in enumerate(shown_commands(GUIDES[lang]))
]


@pytest.fixture(scope="module")
def sandboxes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One copy of the repository per guide: its commands run in order, and those that
    write files (``new``, ``init``, ``--out``) write there."""
    return {lang: make_sandbox(tmp_path_factory.mktemp(f"guide-{lang}")) for lang in LANGS}


@pytest.mark.parametrize(("lang", "n", "shown"), TRANSCRIPTS)
def test_every_command_runs_as_printed(
    lang: str, n: int, shown: Shown, sandboxes: dict[str, Path]
) -> None:
    """Every ``iopctl`` line of a console or sh block runs, exactly as printed, and shows
    the output printed under it; it fails (exit 1) only where that output shows errors."""
    argv = shown.argv
    assert argv[1] in commands(), shown.line
    if argv[1] in READS_CLOCK and shown.output:
        assert "--as-of" in argv, f"output of {shown.line!r} depends on today: add --as-of"
    check_transcript(shown, sandboxes[lang], REPO / "docs" / f"guide.{lang}.md", language=lang)


def test_guides_show_the_same_transcripts_and_quotes() -> None:
    """The same commands and quotes; the output in each guide's own language."""
    sv, en = GUIDES["sv"], GUIDES["en"]
    assert [c for c, _ in transcripts(sv)] == [c for c, _ in transcripts(en)]
    assert quotes(sv) == quotes(en)


# --- codes and structure -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_mentioned_exists(lang: str) -> None:
    mentioned = set(re.findall(r"\bIOP\d{3}\b", GUIDES[lang]))
    assert {"IOP106", "IOP107", "IOP201", "IOP205"} <= mentioned
    assert mentioned <= set(CODES), mentioned - set(CODES)


@pytest.mark.parametrize("level", [2, 3])
def test_guides_have_the_same_structure(level: int) -> None:
    sv, en = (headings(GUIDES[lang], level) for lang in LANGS)
    assert len(sv) == len(en), (sv, en)
    # The same commands head the same subsections.
    assert [h for h in sv if h.startswith("iopctl ")] == [h for h in en if h.startswith("iopctl ")]


@pytest.mark.parametrize("lang", LANGS)
def test_internal_links_resolve(lang: str) -> None:
    text = GUIDES[lang]
    anchors = {_anchor(h) for level in (1, 2, 3) for h in headings(text, level)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        path, _, anchor = target.partition("#")
        if path.startswith("http"):
            continue
        if path:
            file = (REPO / "docs" / path).resolve()
            assert file.exists(), target
            if anchor:
                other = file.read_text(encoding="utf-8")
                assert anchor in {_anchor(h) for n in (1, 2, 3) for h in headings(other, n)}, target
        elif anchor:
            assert anchor in anchors, target


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens."""
    heading = heading.strip().lower()
    heading = re.sub(r"[^\w\- ]", "", heading)
    return heading.replace(" ", "-")


# --- the OPI worked example ----------------------------------------------------

OPI_SECTION = {"sv": "OPI-uppräkning", "en": "OPI indexation"}
ROW = re.compile(r"^\|\s*(\d{4})\s*\|([^|]*)\|([^|]*)\|\s*([\d  ]+) kr\s*\|$", re.M)


def _economy_money() -> dict[int, tuple[int, Decimal | None]]:
    result = CliRunner().invoke(app, ["economy", str(REPO / QUOTED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    money: dict[int, tuple[int, Decimal | None]] = {}
    for year in data["agreements"][0]["years"]:
        for c in year["contributions"]:
            if c["kind"] == "money":
                percent = Decimal(c["index_percent"]) if c["index_percent"] else None
                money[year["year"]] = (int(Decimal(c["amount"])), percent)
    return money


def _number(text: str) -> Decimal:
    """'946 995,000' (sv) or '946 995.000' (en) → Decimal."""
    return Decimal(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


@pytest.mark.parametrize("lang", LANGS)
def test_opi_worked_example_matches_economy(lang: str) -> None:
    part = section(GUIDES[lang], OPI_SECTION[lang])
    rows = ROW.findall(part)
    assert rows, "the OPI section has no worked-example table"
    money = _economy_money()
    shown = {int(year): kronor(amount) for year, _, _, amount in rows}
    assert shown == {year: amount for year, (amount, _) in money.items()}
    chain = " → ".join(f"{money[y][0]:,}".replace(",", " ") for y in sorted(money))
    assert chain in part  # 933 000 → 946 995 → 964 988
    for year, opi, working, amount in rows:
        percent = money[int(year)][1]
        if percent is None:  # the base year
            assert not working.strip()
            continue
        assert _number(re.sub(r"\s*%.*", "", opi)) == percent
        base, factor, product = re.split(r" [×=] ", working.strip())
        assert _number(base) * _number(factor) == _number(product)
        assert _number(factor) == 1 + percent / 100
        rounded = _number(product).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        assert rounded == kronor(amount)
