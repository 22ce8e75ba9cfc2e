"""Help for every command in both languages: Swedish by default, English with --lang en.

The help texts are docstrings and ``help="…"`` arguments, read by Typer before the
language is chosen; ``iopctl.i18n.extract_help`` puts them in the catalogue and
``iopctl.cli.helptext.localise`` translates them once the language is known.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.i18n import _, use_language
from iopctl.i18n.extract_help import help_texts

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _help_ids() -> list[str]:
    ids: list[str] = []
    for path in sorted((REPO / "iopctl" / "cli").glob("*.py")):
        ids += [text for _, text in help_texts(path.read_text(encoding="utf-8"))]
    return sorted(set(ids))


def _paths() -> list[list[str]]:
    group = typer.main.get_command(app)
    found: list[list[str]] = [[]]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found.append([name])
        found += [[name, sub] for sub in getattr(command, "commands", {})]
    return found


def test_the_extractor_finds_docstrings_and_option_help() -> None:
    source = '''
@app.command()
def hello(
    name: Annotated[str, typer.Option(help="Who to greet.")] = "x",
) -> None:
    """Say hello.

    Examples:

      iopctl hello
    """

def helper() -> None:
    """Not a command: not extracted."""

sub = typer.Typer(help="A group " "of commands.")
'''
    assert help_texts(source) == [
        (3, "Say hello.\n\nExamples:\n\n  iopctl hello"),
        (4, "Who to greet."),
        (16, "A group of commands."),
    ]


def test_every_help_text_is_translated_to_swedish() -> None:
    ids = _help_ids()
    assert len(ids) > 80  # every command's and option's help
    use_language("sv")
    untranslated = [msgid for msgid in ids if _(msgid) == msgid]
    assert untranslated == []


@pytest.mark.parametrize("path", _paths(), ids=lambda p: " ".join(p) or "iopctl")
def test_help_is_swedish_by_default_and_english_with_lang(path: list[str]) -> None:
    sv = runner.invoke(app, [*path, "--help"])
    en = runner.invoke(app, ["--lang", "en", *path, "--help"])
    assert sv.exit_code == en.exit_code == 0
    assert sv.stdout.startswith("Användning: iopctl")
    assert en.stdout.startswith("Usage: iopctl")
    assert "Visa den här hjälpen och avsluta." in sv.stdout
    command = typer.main.get_command(app)
    for word in path:
        command = command.commands[word]  # type: ignore[attr-defined]
    original = command.__dict__.get("_iopctl_original_help", (command.help,))[0]
    first = original.split("\n")[0][:30]
    assert first in en.stdout and first not in sv.stdout


def test_lang_after_the_command_and_the_locale_choose_english_too() -> None:
    after = runner.invoke(app, ["due", "--help", "--lang", "en"]).stdout
    locale = CliRunner(env={"LC_ALL": "en_GB.UTF-8"}).invoke(app, ["due", "--help"]).stdout
    assert after == locale
    assert after.startswith("Usage: iopctl due") and "Examples:" in after


def test_one_app_alternating_languages_never_translates_a_translation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One built app run again in another language (a process may run it twice): each
    run translates from the English originals, never from the last translation."""
    group = typer.main.get_command(app)
    monkeypatch.setattr("typer.testing._get_command", lambda _app: group)
    outputs = [
        runner.invoke(app, [*flag, "value", "--help"]).stdout
        for flag in ([], ["--lang", "en"], [], ["--lang", "en"])
    ]
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]
    assert outputs[0] != outputs[1]


@pytest.mark.parametrize("path", _paths(), ids=lambda p: " ".join(p) or "iopctl")
def test_help_names_values_in_words_not_python_types(path: list[str]) -> None:
    """Typer names an option's value by its Python type (``--title <str>``, ``--index-file
    <list[str]>``, ``paths... <list[str]>``): words a planning officer cannot read. Each is
    named by what it is (``--index-file FILE``), and an argument by its name alone."""
    for lang in ("sv", "en"):
        shown = runner.invoke(app, ["--lang", lang, *path, "--help"]).stdout
        assert re.findall(r"<(?:str|int|float|bool|Path|Decimal|list\[[^\]]*\])>", shown) == []
