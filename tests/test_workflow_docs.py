"""docs/workflow.md shows the files `iopctl init` writes, and its recipe works."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from iopctl.scaffold.init import init_files
from iopctl.scaffold.source import Source

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs" / "workflow.md").read_text(encoding="utf-8")
GOLDEN = REPO / "tests" / "golden" / "workflow"
SOURCE = "iopctl @ git+https://git.example.se/iop/iopctl@v0.1.0"  # the doc's --source


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", DOC, flags=re.M | re.S)


@pytest.mark.parametrize(
    "name",
    [
        ".pre-commit-config.yaml",
        ".github/workflows/iopctl.yml",
        ".github/workflows/iopctl-site.yml",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
    ],
)
def test_generated_files_are_shown_verbatim(name: str) -> None:
    shown = init_files(Source(SOURCE, reachable=True))[name]
    assert shown in blocks("yaml") + blocks("json"), f"update {name} in the doc"


def test_hook_manifest_is_shown_verbatim() -> None:
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    shown = manifest[manifest.index("- id: iopctl-validate") :]
    assert shown in blocks("yaml")


@pytest.mark.parametrize("golden", ["new-interactive.txt", "diff.en.txt"])
def test_console_examples_are_the_goldens(golden: str) -> None:
    assert (GOLDEN / golden).read_text(encoding="utf-8").rstrip() in DOC


def test_init_example_is_what_init_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from iopctl.cli import app

    monkeypatch.chdir(tmp_path)
    command = f'iopctl init iop-avtal --source "{SOURCE}"'
    result = CliRunner(env={"LC_ALL": "en_GB.UTF-8"}).invoke(app, shlex.split(command)[1:])
    assert result.exit_code == 0, result.stderr
    assert f"$ {command}\n{result.stdout}```" in DOC


def test_markdown_example_is_the_golden() -> None:
    assert (GOLDEN / "diff.en.md").read_text(encoding="utf-8") in DOC


def _recipe() -> dict[str, object]:
    part = DOC.split("### Recipe: a pull-request comment")[1]
    data = yaml.safe_load(next(b for b in blocks("yaml") if b in part))
    assert isinstance(data, dict)
    return data


def test_pr_comment_recipe_is_a_valid_workflow() -> None:
    data = _recipe()
    assert True not in data  # `on` is quoted
    assert data["on"] == {"pull_request": {"paths": ["agreements/**"]}}
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = data["jobs"]["comment"]["steps"]  # type: ignore[index]
    assert "iopctl diff --format markdown" in steps[3]["run"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_pr_comment_recipe_script_parses(tmp_path: Path) -> None:
    steps = _recipe()["jobs"]["comment"]["steps"]  # type: ignore[index]
    for step in steps:
        if "run" in step:
            script = tmp_path / "step.sh"
            script.write_text(step["run"], encoding="utf-8")
            result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
            assert (result.returncode, result.stderr) == (0, "")
