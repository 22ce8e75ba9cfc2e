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
