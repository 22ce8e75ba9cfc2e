"""`iopctl init`: the files of a new agreements repository, each parsed and checked."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from iopctl import __version__
from iopctl.cli import app
from tests.goldens import assert_golden

# English, as docs/workflow.md shows it; the Swedish default has tests of its own.
runner = CliRunner(env={"LC_ALL": "en_GB.UTF-8"})
sv_runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent

FILES = [
    ".github/workflows/iopctl-site.yml",
    ".github/workflows/iopctl.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/extensions.json",
    ".vscode/settings.json",
    "README.md",
    "agreements/exempel-motesplats-2027.yaml",
    "iopctl.toml",
    "schema/agreement.schema.json",
]
CI = [".github/workflows/iopctl-site.yml", ".github/workflows/iopctl.yml", ".gitlab-ci.yml"]
SOURCE = f"iopctl @ git+https://git.example.se/iop/iopctl@v{__version__}"


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository made by `iopctl init repo` in an empty folder."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "repo", "--source", SOURCE])
    assert (result.exit_code, result.stderr) == (0, "")
    assert_golden("workflow/init.txt", result.stdout)
    return tmp_path / "repo"


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_init_writes_every_file(made: Path) -> None:
    assert files_under(made) == FILES


def test_init_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "--source", SOURCE])
    assert result.exit_code == 0
    assert result.stdout.startswith("Wrote 10 files in this folder:\n")
    assert "  cd " not in result.stdout
    assert files_under(tmp_path) == FILES


def test_example_agreement_validates_clean_and_is_marked(made: Path) -> None:
    result = runner.invoke(app, ["validate", "--strict", str(made / "agreements")])
    assert (result.exit_code, result.stdout) == (0, "Checked 1 file: no problems.\n")
    text = (made / "agreements" / "exempel-motesplats-2027.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schema/agreement.schema.json\n#\n# EXEMPEL – "
    )
    data = load_yaml(made / "agreements" / "exempel-motesplats-2027.yaml")
    assert data["status"] == "draft"
    assert data["title"].startswith("EXEMPEL: ")
    assert "påhittat" in data["notes"] and "made up" in data["notes"]
    seeds = {load_yaml(p)["id"] for p in (REPO / "agreements").glob("*.yaml")}
    assert data["id"] not in seeds


def test_example_lacks_only_signatures_for_active(made: Path) -> None:
    path = made / "agreements" / "exempel-motesplats-2027.yaml"
    path.write_text(path.read_text("utf-8").replace("status: draft", "status: active"), "utf-8")
    result = runner.invoke(app, ["validate", "-f", "json", str(path)])
    assert [d["code"] for d in json.loads(result.stdout)["diagnostics"]] == ["IOP315"]


def test_github_workflow(made: Path) -> None:
    text = (made / ".github/workflows/iopctl.yml").read_text(encoding="utf-8")
    data = load_yaml(made / ".github/workflows/iopctl.yml")
    # YAML 1.1 (PyYAML) reads a bare `on:` key as the boolean true; the file quotes it.
    assert True not in data
    assert '\n"on":\n' in text
    triggers = data["on"]
    assert set(triggers) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    (cron,) = (entry["cron"] for entry in triggers["schedule"])
    assert re.fullmatch(r"\d+ \d+ \* \* \*", cron)  # nightly
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert set(jobs) == {"validate", "due"}
    assert jobs["validate"]["if"] == "github.event_name != 'schedule'"
    assert "schedule" in jobs["due"]["if"]
    for job, command in (
        ("validate", "iopctl validate --format github"),
        ("due", "iopctl due --fail-on overdue"),
    ):
        steps = jobs[job]["steps"]
        assert steps[0] == {"uses": "actions/checkout@v4"}
        assert steps[1]["uses"] == "actions/setup-python@v5"
        assert [s.get("run") for s in steps[2:]] == ['pip install "$IOPCTL"', command]
    assert data["env"]["IOPCTL"] == SOURCE


def test_gitlab_ci(made: Path) -> None:
    data = load_yaml(made / ".gitlab-ci.yml")
    assert data["default"]["image"].startswith("python:3")
    assert data["variables"]["IOPCTL"] == SOURCE
    validate, due = data["validate"], data["due"]
    assert validate["script"] == ["iopctl validate"]
    assert due["script"] == ["iopctl due --fail-on overdue"]
    assert validate["before_script"] == due["before_script"] == ['pip install "$IOPCTL"']
    assert [r["if"] for r in validate["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
    ]
    assert due["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]


def test_pre_commit_config(made: Path) -> None:
    data = load_yaml(made / ".pre-commit-config.yaml")
    (published,) = load_yaml(REPO / ".pre-commit-hooks.yaml")
    same = ("id", "name", "entry", "files", "pass_filenames")
    # A local hook: it runs the installed iopctl, with no address or tag to fetch.
    assert data == {
        "repos": [
            {"repo": "local", "hooks": [{k: published[k] for k in same} | {"language": "system"}]}
        ]
    }


def test_pre_commit_config_passes_pre_commits_own_schema(made: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=made,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_vscode_settings_map_agreements_to_the_schema(made: Path) -> None:
    settings = json.loads((made / ".vscode/settings.json").read_text(encoding="utf-8"))
    schemas = settings["yaml.schemas"]
    assert schemas == {"./schema/agreement.schema.json": ["agreements/*.yaml", "agreements/*.yml"]}
    for schema_path in schemas:
        assert (made / schema_path).is_file()
    extensions = json.loads((made / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_schema_copy_is_what_iopctl_schema_prints(made: Path) -> None:
    printed = runner.invoke(app, ["schema"]).stdout
    assert (made / "schema/agreement.schema.json").read_text(encoding="utf-8") == printed
    assert json.loads(printed)["title"] == "Agreement"


def test_readme_is_swedish_with_an_english_paragraph(made: Path) -> None:
    text = (made / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# IOP-överenskommelser\n")
    assert "\n## In English\n" in text
    assert "exempel-motesplats-2027.yaml" in text
    assert "@URL@" not in text and "@VERSION@" not in text
    assert f'pipx install "{SOURCE}"\npipx install pre-commit\n' in text
    assert f'`.venv/bin/pip install "{SOURCE}" pre-commit`' in text
    assert "pre-commit install" in text and "iopctl.toml" in text


def test_init_refuses_to_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo" / "agreements").mkdir(parents=True)
    (tmp_path / "repo" / "README.md").write_text("# Våra avtal\n", encoding="utf-8")
    (tmp_path / "repo" / ".gitlab-ci.yml").write_text("stages: [test]\n", encoding="utf-8")
    result = runner.invoke(app, ["init", "repo", "--source", SOURCE])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "iopctl: error: 2 files already exist, so nothing was written: repo/.gitlab-ci.yml, "
        "repo/README.md\n"
        "iopctl: hint: pass --force to overwrite them, or choose an empty folder\n"
    )
    assert files_under(tmp_path / "repo") == [".gitlab-ci.yml", "README.md"]
    result = runner.invoke(app, ["init", "repo", "--force", "--source", SOURCE])
    assert result.exit_code == 0
    assert files_under(tmp_path / "repo") == FILES
    assert (tmp_path / "repo" / "README.md").read_text("utf-8").startswith("# IOP-")


def test_every_init_file_parses(made: Path) -> None:
    for name in FILES:
        path = made / name
        if path.suffix in (".yml", ".yaml"):
            assert isinstance(load_yaml(path), dict | list), name
        elif path.suffix == ".json":
            assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), name
        assert path.read_text(encoding="utf-8").endswith("\n"), name


def test_github_pages_workflow_builds_and_publishes_the_site(made: Path) -> None:
    data = load_yaml(made / ".github/workflows/iopctl-site.yml")
    assert True not in data
    assert set(data["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["permissions"] == {"contents": "read"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    runs = [s.get("run") for s in build["steps"]]
    assert runs[2:4] == ['pip install "$IOPCTL"', "iopctl site --out _site"]
    assert build["steps"][-1] == {
        "uses": "actions/upload-pages-artifact@v3",
        "with": {"path": "_site"},
    }
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"] == [{"id": "deployment", "uses": "actions/deploy-pages@v4"}]
    assert data["env"]["IOPCTL"] == SOURCE


def test_gitlab_pages_job_publishes_the_site(made: Path) -> None:
    pages = load_yaml(made / ".gitlab-ci.yml")["pages"]
    assert pages["script"] == ["iopctl site --out public"]
    assert pages["artifacts"] == {"paths": ["public"]}
    assert pages["stage"] == "deploy"
    assert {r["if"] for r in pages["rules"]} == {
        '$CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        '$CI_PIPELINE_SOURCE == "schedule"',
    }


def test_the_site_builds_in_a_new_repository(made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What both Pages jobs run, in the repository `iopctl init` made."""
    monkeypatch.chdir(made)
    result = runner.invoke(app, ["site", "--out", "public", "--as-of", "2027-01-15"])
    assert result.exit_code == 0, result.stderr
    assert (made / "public" / "index.html").is_file()
    assert (made / "public" / "avtal" / "exempel-motesplats-2027.html").is_file()


# --- issue 16: nothing half-written ----------------------------------------------------------


def listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_init_over_a_file_where_a_folder_belongs_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`agreements` as a regular file: init wrote six files and then failed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "agreements").write_text("not a folder\n", encoding="utf-8")
    result = runner.invoke(app, ["init", "repo", "--force", "--source", SOURCE])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "iopctl: error: cannot set up repo: repo/agreements is not a folder; nothing was "
        "written\niopctl: hint: move or remove what is in the way, or choose another folder\n"
    )
    assert listing(tmp_path / "repo") == ["agreements"]


def test_init_does_not_replace_a_dangling_link_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "README.md").symlink_to(tmp_path / "nowhere.md")
    result = runner.invoke(app, ["init", "repo"])
    assert result.exit_code == 1
    assert "1 file already exists, so nothing was written: repo/README.md" in result.stderr
    assert listing(tmp_path / "repo") == ["README.md"]
    assert not (tmp_path / "nowhere.md").exists()


def test_init_does_not_write_through_a_link_out_of_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".github").symlink_to(tmp_path / "elsewhere")
    result = runner.invoke(app, ["init", "repo", "--force", "--source", SOURCE])
    assert result.exit_code == 1
    assert "repo/.github links out of repo" in result.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_init_removes_what_it_wrote_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iopctl.errors import IopctlError
    from iopctl.scaffold import files as scaffold

    monkeypatch.chdir(tmp_path)
    real = scaffold.write_new_file
    calls: list[Path] = []

    def failing(path: Path, text: str, *, force: bool = False) -> None:
        calls.append(path)
        if len(calls) == 5:
            raise IopctlError(f"cannot write {path}: No space left on device")
        real(path, text, force=force)

    monkeypatch.setattr(scaffold, "write_new_file", failing)
    result = runner.invoke(app, ["init", "repo"])
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert listing(tmp_path / "repo") == []


# --- issue 14: everything init writes works on the day it is written -------------------------


def test_the_repository_setting_is_swedish(made: Path) -> None:
    import tomllib

    text = (made / "iopctl.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {"language": "sv"}


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, ("iopctl==0.1.0", True)),  # from a package index: pinned by version
        (
            '{"url": "https://git.example.se/iop/iopctl.git", "vcs_info": '
            '{"vcs": "git", "requested_revision": "main", "commit_id": "0123abc"}}',
            ("iopctl @ git+https://git.example.se/iop/iopctl.git@0123abc", True),
        ),
        (
            '{"url": "https://example.se/iopctl-0.1.0.tar.gz", "archive_info": {}}',
            ("iopctl @ https://example.se/iopctl-0.1.0.tar.gz", True),
        ),
        (
            '{"url": "file:///home/a/iop%20ctl", "dir_info": {"editable": true}}',
            ("/home/a/iop ctl", False),
        ),
        ('{"url": "https://h/r", "vcs_info": {"vcs": "hg", "commit_id": "1"}}', None),
        ("not json", None),
    ],
)
def test_the_source_is_where_iopctl_was_installed_from(
    direct_url: str | None, expected: tuple[str, bool] | None
) -> None:
    from iopctl.scaffold.source import Source, ci_source

    assert ci_source(direct_url, "0.1.0") == (Source(*expected) if expected else None)


def test_installed_from_a_folder_writes_no_ci_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iopctl.scaffold import source

    monkeypatch.chdir(tmp_path)
    folder = source.Source("/home/anna/iopctl", reachable=False)
    monkeypatch.setattr(source, "installed_source", lambda: folder)
    result = runner.invoke(app, ["init", "repo"])
    assert result.exit_code == 0, result.stderr
    assert files_under(tmp_path / "repo") == [f for f in FILES if f not in CI]
    assert (
        "No CI files (.github/workflows/iopctl.yml, .github/workflows/iopctl-site.yml, "
        ".gitlab-ci.yml) were written:\n"
        "iopctl was installed from /home/anna/iopctl, which CI cannot reach.\n"
    ) in result.stdout
    readme = (tmp_path / "repo" / "README.md").read_text(encoding="utf-8")
    assert 'pipx install "/home/anna/iopctl"\n' in readme
    assert "CI-filer saknas" in readme and ".gitlab-ci.yml" not in readme.split("CI-filer")[0]


@pytest.mark.parametrize("bad", ['iopctl"; rm -rf /', "iopctl\nx: 1", "$(id)", ""])
def test_a_source_that_would_break_the_files_is_refused(
    bad: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", "repo", "--source", bad])
    assert result.exit_code == 2
    assert "is not one pip requirement" in result.stderr
    assert not (tmp_path / "repo").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_runs_the_installed_iopctl_in_a_new_repository(made: Path) -> None:
    """`pre-commit install` and a commit in what init made, as its README says: the local
    hook runs `iopctl` from PATH (here this venv's), fetching nothing."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(made.parent / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=made, env=env, capture_output=True, text=True, check=False)

    assert run("git", "init", "-q").returncode == 0
    installed = run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert run("git", "add", ".").returncode == 0
    good = run("git", "commit", "-q", "-m", "IOP agreements")
    assert good.returncode == 0, good.stdout + good.stderr
    assert re.search(r"^iopctl validate\.+Passed$", good.stderr, flags=re.M), good.stderr

    broken = (REPO / "tests/fixtures/invalid/iop201-org-number.yaml").read_text("utf-8")
    (made / "agreements" / "iop201-org-number.yaml").write_text(broken, encoding="utf-8")
    assert run("git", "add", ".").returncode == 0
    bad = run("git", "commit", "-q", "-m", "broken")
    said = bad.stdout + bad.stderr  # the hook's output goes where git sends it
    assert bad.returncode == 1, said
    assert re.search(r"^iopctl validate\.+Failed$", said, flags=re.M), said
    assert "agreements/iop201-org-number.yaml:8:17: fel IOP201 " in said


def test_init_speaks_swedish_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iopctl.scaffold import source

    monkeypatch.chdir(tmp_path)
    folder = source.Source("/home/anna/iopctl", reachable=False)
    monkeypatch.setattr(source, "installed_source", lambda: folder)
    result = sv_runner.invoke(app, ["init", "repo"])
    assert result.exit_code == 0, result.stderr
    assert_golden("workflow/init.sv.txt", result.stdout)
