"""The pre-commit hook this repository offers (.pre-commit-hooks.yaml), and completion."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from iopctl.cli import app

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
runner = CliRunner()


def pre_commit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    return result.returncode, result.stdout + result.stderr


def test_manifest_passes_pre_commits_own_schema() -> None:
    assert pre_commit("validate-manifest", str(HOOKS), cwd=REPO) == (0, "")


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert {k: hook[k] for k in ("id", "entry", "language", "pass_filenames")} == {
        "id": "iopctl-validate",
        "entry": "iopctl validate",
        "language": "python",
        "pass_filenames": True,
    }
    files = re.compile(hook["files"])
    for path in ("agreements/a.yaml", "agreements/2027/b.yml", "iop/agreements/c.yaml"):
        assert files.search(path), path
    for path in (
        "schema/agreement.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/iopctl.yml",
        "indices/opi.yaml",
        "agreements.yaml",
        "myagreements/a.yaml",
        "agreements/notes.md",
    ):
        assert not files.search(path), path


def test_the_entry_is_an_installed_console_script() -> None:
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["entry"].split()[0] in scripts


def _git(*args: str, cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("IOPCTL_SLOW_TESTS"),
    reason="installs iopctl from this repository into a fresh venv (needs PyPI); "
    "set IOPCTL_SLOW_TESTS=1 to run",
)
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_runs_the_real_hook_on_an_init_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pre-commit try-repo <this repository> iopctl-validate` on what `iopctl init` makes."""
    repo = tmp_path / "avtal"
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "avtal"]).exit_code == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    _git("init", "-q", cwd=repo, env=env)
    _git("add", ".", cwd=repo, env=env)
    _git("commit", "-q", "-m", "init", cwd=repo, env=env)

    code, out = pre_commit(
        "try-repo", str(REPO), "iopctl-validate", "--all-files", cwd=repo, env=env
    )
    assert code == 0, out
    assert re.search(r"^iopctl validate\.+Passed$", out, flags=re.M), out

    broken = (REPO / "tests/fixtures/invalid/iop201-org-number.yaml").read_text("utf-8")
    (repo / "agreements" / "iop201-org-number.yaml").write_text(broken, encoding="utf-8")
    (repo / "notes.yaml").write_text("not: [an agreement\n", encoding="utf-8")  # not matched
    _git("add", ".", cwd=repo, env=env)
    code, out = pre_commit(
        "try-repo", str(REPO), "iopctl-validate", "--all-files", cwd=repo, env=env
    )
    assert code == 1, out
    assert re.search(r"^iopctl validate\.+Failed$", out, flags=re.M), out
    assert "agreements/iop201-org-number.yaml:8:17: fel IOP201 " in out
    assert "Kontrollerade 2 filer: 2 fel, 0 varningar." in out


# --- shell completion (Typer's --install-completion / --show-completion) -----------------------


def test_completion_script_is_offered() -> None:
    result = runner.invoke(app, ["--help"])
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("iopctl di", "1", ["diff"]),
        ("iopctl n", "1", ["new"]),
        ("iopctl diff --format ", "3", ["text", "markdown", "json"]),
    ],
)
def test_completion_completes_commands_and_choices(
    words: str, cword: str, expected: list[str]
) -> None:
    env = {"_IOPCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    result = runner.invoke(app, [], prog_name="iopctl", env=env)
    assert result.exit_code == 0
    assert result.stdout.split() == expected
