"""The docs are checked against the code so they cannot drift."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.problems.codes import CODES
from tests.doc_commands import Shown, check_transcript, make_sandbox, shown_commands

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_readme_test_command_is_what_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_run_command_validates_the_bundled_agreements() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert blocks[0].endswith("iopctl validate agreements/")


@pytest.fixture(scope="module")
def readme_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sandbox(tmp_path_factory.mktemp("readme"))


@pytest.mark.parametrize("shown", [pytest.param(s, id=s.line[:70]) for s in shown_commands(README)])
def test_every_readme_command_runs_as_printed(shown: Shown, readme_sandbox: Path) -> None:
    """The tour as a newcomer types it: every ``iopctl`` line in a console or sh block
    runs, in order, in a copy of the repository, and prints what the README shows under
    it. It fails (exit code 1) only where the output shown has errors."""
    check_transcript(shown, readme_sandbox, REPO / "README.md")


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"iopctl {command}" in README


HEADING = {"sv": "Exempel:", "en": "Examples:"}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_examples(command: str, lang: str) -> None:
    """In Swedish by default, in English with --lang en, examples included."""
    args = [command, "--help"] if lang == "sv" else ["--lang", "en", command, "--help"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    other = HEADING["en" if lang == "sv" else "sv"]
    assert HEADING[lang] in result.stdout and other not in result.stdout


def _help_examples() -> list[tuple[str, str]]:
    """(command path, example line) for every ``iopctl …`` example in every help text,
    in both languages, continuation lines (``\\``) joined, as the help prints them."""
    import typer.main

    found: list[tuple[str, str]] = []
    group = typer.main.get_command(app)
    todo: list[tuple[list[str], Any]] = [([name], c) for name, c in group.commands.items()]  # type: ignore[attr-defined]
    while todo:
        path, command = todo.pop(0)
        todo += [([*path, n], c) for n, c in getattr(command, "commands", {}).items()]
        for lang in ("sv", "en"):
            args = ["--lang", lang, *path, "--help"]
            printed = CliRunner().invoke(app, args, terminal_width=80).stdout
            joined = re.sub(r"\\\n\s*", "", printed)
            for line in joined.splitlines():
                if line.strip().startswith("iopctl "):
                    found.append((" ".join(path), line.strip()))
    return sorted(set(found))


HELP_EXAMPLES = _help_examples()


@pytest.mark.parametrize(("command", "example"), HELP_EXAMPLES)
def test_every_help_example_is_one_whole_command(command: str, example: str) -> None:
    """An example printed at 80 columns is a command a shell and iopctl accept as it
    stands: not rewrapped mid-argument, its options real (the example is parsed, not run)."""
    import typer.main

    argv = shlex.split(example, comments=True)
    if ">" in argv:
        argv = argv[: argv.index(">")]
    assert argv[0] == "iopctl"
    target: Any = typer.main.get_command(app)
    for word in command.split():
        assert argv[1] == word, example
        argv = argv[1:]
        target = target.commands[word]
    target.make_context(command, argv[1:])


def test_help_examples_are_found() -> None:
    commands = {c for c, _ in HELP_EXAMPLES}
    assert set(_commands()) - {"index"} <= commands
    assert "index add" in commands


def test_every_code_is_documented() -> None:
    doc = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (IOP\d{3}) \|", doc, flags=re.M))
    assert documented == set(CODES)


def test_every_code_used_in_the_source_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in (REPO / "iopctl").rglob("*.py"):
        if path.name == "codes.py":
            continue
        used |= set(re.findall(r"\"(IOP\d{3})\"", path.read_text(encoding="utf-8")))
    assert used <= set(CODES), used - set(CODES)
    assert set(CODES) <= used, set(CODES) - used


def test_field_reference_is_up_to_date() -> None:
    from iopctl.model.fieldref import field_reference

    committed = (REPO / "docs" / "fields.md").read_text(encoding="utf-8")
    assert committed == field_reference() + "\n", "run `iopctl schema -f markdown > docs/fields.md`"


def test_every_test_named_in_reliability_md_exists() -> None:
    """docs/reliability.md proves each guarantee with named tests: they must exist."""
    text = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    missing: list[str] = []
    current = ""
    for match in re.finditer(r"`?(test_\w+\.py)?(::(test_\w+))?", text):
        file, name = match.group(1), match.group(3)
        if file:
            current = file
            if not (REPO / "tests" / file).exists():
                missing.append(file)
        if name:
            source = (REPO / "tests" / current).read_text(encoding="utf-8")
            if f"def {name}(" not in source:
                missing.append(f"{current}::{name}")
    for fixture in set(re.findall(r"`(iop\d{3}-[a-z0-9-]+)`", text)):
        if not (REPO / "tests" / "fixtures" / "invalid" / f"{fixture}.yaml").exists():
            missing.append(fixture)
    assert missing == []
