"""Choosing the language on the command line: ``--lang`` before or after the command, the
repository's ``iopctl.toml``, the locale; a bad choice is a usage error, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl import i18n
from iopctl.cli import app
from iopctl.cli.language import settings_root, split_flag

VALID = str(Path(__file__).parent / "fixtures" / "valid" / "minimal-active.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "flag", "rest"),
    [
        (["--lang", "en", "due"], "en", ["due"]),
        (["due", "--lang=sv", "x"], "sv", ["due", "x"]),
        (["due", "--lang", "sv", "--lang", "en"], "en", ["due"]),
        (["due", "--", "--lang", "en"], None, ["due", "--", "--lang", "en"]),
        (["due", "--lang"], None, ["due", "--lang"]),
    ],
)
def test_the_flag_is_taken_out_before_click_parses(
    args: list[str], flag: str | None, rest: list[str]
) -> None:
    assert split_flag(args) == (flag, rest)


@pytest.mark.parametrize("args", [["--lang", "en", "validate"], ["validate", "--lang", "en"]])
def test_lang_before_or_after_the_command(args: list[str]) -> None:
    code, _, _ = run(*args, VALID)
    assert code == 0
    assert i18n.language() == "en"


def test_a_bad_lang_is_a_usage_error() -> None:
    code, out, err = run("validate", "--lang", "de", VALID)
    assert (code, out) == (2, "")
    assert err == "iopctl: fel: --lang 'de': ange sv (svenska) eller en (engelska)\n"


def test_the_repository_setting_and_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "agreements").mkdir()
    monkeypatch.chdir(tmp_path / "agreements")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    run("validate", VALID)
    assert i18n.language() == "en"
    (tmp_path / "iopctl.toml").write_text('language = "sv"\n', encoding="utf-8")
    assert settings_root(Path.cwd()) == tmp_path
    run("validate", VALID)
    assert i18n.language() == "sv"
    run("validate", "--lang", "en", VALID)
    assert i18n.language() == "en"


def test_a_broken_setting_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "iopctl.toml").write_text('language = "fi"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("validate", VALID)
    assert (code, out) == (2, "")
    assert err == (
        "iopctl: fel: iopctl.toml: language = 'fi' är inte ett språk som iopctl kan; "
        'ange "sv" eller "en"\n'
    ).replace("iopctl.toml", str(tmp_path.resolve() / "iopctl.toml"))


def test_settings_stop_at_the_top_of_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / "iopctl.toml").write_text('language = "en"\n', encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert settings_root(tmp_path / "repo") is None
    assert settings_root(tmp_path) == tmp_path


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (
            ["validate", "--xyzzy"],
            "Användning: iopctl validate [FLAGGOR] [sökvägar]...\n"
            "Skriv 'iopctl validate -h' för hjälp.\n\nFel: Okänd flagga: --xyzzy\n",
            "Usage: iopctl validate [OPTIONS] [paths]...\n"
            "Try 'iopctl validate -h' for help.\n\nError: No such option: --xyzzy\n",
        ),
        (
            ["validat"],
            "Användning: iopctl [FLAGGOR] KOMMANDO [ARGUMENT]...\nSkriv 'iopctl -h' för hjälp.\n\n"
            "Fel: Okänt kommando 'validat'. Menade du 'validate'?\n",
            "Usage: iopctl [OPTIONS] COMMAND [ARGS]...\nTry 'iopctl -h' for help.\n\n"
            "Error: No such command 'validat'. Did you mean 'validate'?\n",
        ),
        (
            ["due", "--format", "x"],
            "Användning: iopctl due [FLAGGOR] [sökvägar]...\nSkriv 'iopctl due -h' för hjälp.\n\n"
            "Fel: Ogiltigt värde för '--format' / '-f': "
            "'x' är inte ett av 'text', 'json', 'ics', 'csv', 'xlsx'.\n",
            "Usage: iopctl due [OPTIONS] [paths]...\nTry 'iopctl due -h' for help.\n\n"
            "Error: Invalid value for '--format' / '-f': Value error, "
            "'x' is not one of 'text', 'json', 'ics', 'csv', 'xlsx'.\n",
        ),
        (
            ["economy", "--as-of"],
            "Fel: Flaggan '--as-of' kräver ett värde.\n",
            "Error: Option '--as-of' requires an argument.\n",
        ),
        (
            ["index", "add"],
            "Användning: iopctl index add [FLAGGOR] {INDEX} {YEAR} {PERCENT}\n"
            "Skriv 'iopctl index add -h' för hjälp.\n\nFel: Argumentet 'INDEX' saknas.\n",
            "Usage: iopctl index add [OPTIONS] {INDEX} {YEAR} {PERCENT}\n"
            "Try 'iopctl index add -h' for help.\n\nError: Missing argument 'INDEX'.\n",
        ),
    ],
)
def test_clicks_own_errors_follow_the_language(args: list[str], swedish: str, english: str) -> None:
    assert run(*args)[::2] == (2, swedish)
    assert run(*args, "--lang", "en")[::2] == (2, english)


def test_clicks_help_words_follow_the_language() -> None:
    _, swedish, _ = run("validate", "--help")
    assert swedish.startswith("Användning: iopctl validate [FLAGGOR] [sökvägar]...\n")
    assert "\nFlaggor:\n" in swedish
    assert "Visa den här hjälpen och avsluta." in swedish
    _, english, _ = run("--lang", "en", "validate", "--help")
    assert english.startswith("Usage: iopctl validate [OPTIONS] [paths]...\n")
    assert "\nOptions:\n" in english
    assert "Show this message and exit." in english
