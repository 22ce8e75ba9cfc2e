"""Reading files it must not read (issue 16): every path stays inside the repository.

A pull request can add symbolic links. Each test builds a small repository (a folder
with ``.git``) next to a "secret" outside it, links to the secret in one of the places
iopctl reads, and checks that the secret is refused (IOP009) and never printed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

REPO = Path(__file__).resolve().parent.parent
AGREEMENT = REPO / "agreements" / "linkoping-resurspoolen-2020.yaml"
SECRET = "hunter2-top-secret"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp/repo`` (a git repository with one agreement) and ``tmp/secret.yaml`` beside it."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "agreements").mkdir()
    (root / "indices").mkdir()
    shutil.copy(AGREEMENT, root / "agreements" / AGREEMENT.name)
    (tmp_path / "secret.yaml").write_text(f"password: {SECRET}\ntoken: {SECRET}\n", "utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.yaml").write_text(f"id: {SECRET}\n", "utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("IOPCTL_TEST_SECRET", SECRET)
    return root


def refused(out: str, path: str) -> bool:
    return f"{path}: error IOP009 " in out or f"file={path},title=IOP009::" in out


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_index_file_linked_out_of_the_repository(repo: Path, fmt: str) -> None:
    (repo / "indices" / "b.yaml").symlink_to(repo.parent / "secret.yaml")
    code, out, err = run("validate", "--format", fmt)
    assert code == 1
    assert SECRET not in out + err and "password" not in out + err
    assert "indices/b.yaml" in out and "IOP009" in out


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_index_file_linked_to_system_files(repo: Path, target: str) -> None:
    if not os.path.exists(target):
        pytest.skip(f"no {target} here")
    (repo / "indices" / "b.yaml").symlink_to(target)
    commands = (["validate"], ["due", "--as-of", "2022-05-15"], ["economy"], ["list"], ["show"])
    for command in commands:
        if command == ["show"]:
            command = ["show", "linkoping-resurspoolen-2020"]
        code, out, err = run(*command)
        assert code == 1
        assert "root:" not in out + err and SECRET not in out + err
        assert refused(out + err, "indices/b.yaml")


def test_named_index_file_linked_out(repo: Path) -> None:
    (repo / "opi.yaml").symlink_to(repo.parent / "secret.yaml")
    code, out, _ = run("validate", "--index-file", "opi.yaml")
    assert code == 1
    assert refused(out, "opi.yaml") and SECRET not in out


def test_indices_folder_linked_out(repo: Path) -> None:
    shutil.rmtree(repo / "indices")
    (repo / "indices").symlink_to(repo.parent)
    code, out, _ = run("validate")
    assert code == 1
    assert refused(out, "indices/secret.yaml") and SECRET not in out


@pytest.mark.parametrize("args", [["validate"], ["due"], ["economy"], ["list"]])
def test_links_in_a_loop_are_not_an_internal_error(repo: Path, args: list[str]) -> None:
    """Found by test_fuzz_hostile: ``indices`` linked to itself made pathlib raise
    RuntimeError ("Symlink loop") and every command exit 3."""
    shutil.rmtree(repo / "indices")
    (repo / "indices").symlink_to("indices")
    (repo / "agreements" / "loop").symlink_to("loop")
    code, out, err = run(*args)
    assert code in (0, 1), out + err
    assert "internal error" not in out + err


def test_agreements_folder_itself_linked_out(repo: Path) -> None:
    shutil.rmtree(repo / "agreements")
    (repo / "agreements").symlink_to(repo.parent / "elsewhere")
    for args in ([], ["agreements"], ["agreements/"]):
        code, out, _ = run("validate", *args)
        assert code == 1
        assert SECRET not in out
        assert "IOP009 the folder (or a link on its way) points outside the repository" in out


def test_linked_sub_folder_out_of_the_repository(repo: Path) -> None:
    (repo / "agreements" / "more").symlink_to(repo.parent / "elsewhere")
    code, out, _ = run("validate")
    assert code == 1
    assert SECRET not in out
    assert refused(out, "agreements/more")


def test_file_named_on_the_command_line(repo: Path) -> None:
    (repo / "agreements" / "evil.yaml").symlink_to(repo.parent / "secret.yaml")
    code, out, _ = run("validate", "agreements/evil.yaml")
    assert code == 1
    assert refused(out, "agreements/evil.yaml") and SECRET not in out


def test_file_named_through_a_linked_folder(repo: Path) -> None:
    (repo / "agreements" / "x").symlink_to(repo.parent)
    code, out, _ = run("validate", "agreements/x/secret.yaml")
    assert code == 1
    assert refused(out, "agreements/x/secret.yaml") and SECRET not in out


def test_diff_of_a_linked_file(repo: Path) -> None:
    (repo / "agreements" / "evil.yaml").symlink_to(repo.parent / "secret.yaml")
    code, out, err = run("diff", f"agreements/{AGREEMENT.name}", "agreements/evil.yaml")
    assert code == 1
    assert SECRET not in out + err
    assert "agreements/evil.yaml: error IOP009 symbolic link points outside" in err


def test_links_inside_the_repository_are_read(repo: Path) -> None:
    (repo / "shared").mkdir()
    shutil.move(repo / "agreements" / AGREEMENT.name, repo / "shared" / AGREEMENT.name)
    (repo / "agreements" / AGREEMENT.name).symlink_to(repo / "shared" / AGREEMENT.name)
    code, out, _ = run("validate")
    assert (code, out) == (0, "Checked 1 file: no problems.\n")


def test_a_folder_given_outside_the_repository_is_its_own_boundary(
    repo: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other" / "agreements"
    (other / "shared").mkdir(parents=True)
    shutil.copy(AGREEMENT, other / "shared" / "x.yaml")
    (other / AGREEMENT.name).symlink_to(other / "shared" / "x.yaml")  # inside: read
    (other / "leak.yaml").symlink_to(tmp_path / "secret.yaml")  # outside: refused
    code, out, _ = run("validate", str(other))
    assert code == 1
    assert SECRET not in out
    assert refused(out, str(other / "leak.yaml"))
    assert "Checked 1 file: 1 error, 0 warnings." in out  # the link and its target: one file


def test_unreadable_folder_is_an_error_not_silence(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root, permissions cannot make a folder unreadable: os.scandir is made to fail."""
    (repo / "agreements" / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run("validate")
    assert code == 1
    assert (
        "agreements/locked: error IOP001 cannot read folder: Permission denied; "
        "its files were not checked" in out
    )
    assert "Checked 1 file: 1 error, 0 warnings." in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_folder_by_permissions(repo: Path) -> None:  # pragma: no cover
    locked = repo / "agreements" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        code, out, _ = run("validate")
    finally:
        locked.chmod(0o755)
    assert code == 1 and "IOP001 cannot read folder" in out


def test_named_pipe_in_the_repository_is_not_read(repo: Path) -> None:
    os.mkfifo(repo / "agreements" / "pipe.yaml")
    code, out, _ = run("validate", "agreements/pipe.yaml")  # would block if it were read
    assert code == 1
    assert "agreements/pipe.yaml: error IOP001 not a regular file" in out


# --- templates, reference documents, outputs ------------------------------------------------


def test_template_file_linked_out(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "mine.sv.md.j2").symlink_to(repo.parent / "secret.yaml")
    code, out, err = run(
        "render", f"agreements/{AGREEMENT.name}", "-t", "mine", "--template-dir", "templates"
    )
    assert code == 1
    assert SECRET not in out + err
    assert "templates/mine.sv.md.j2: IOP009 template points outside the repository" in err


def test_template_include_of_a_linked_file(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "leak.md.j2").symlink_to(repo.parent / "secret.yaml")
    (repo / "templates" / "mine.sv.md.j2").write_text('{% include "leak.md.j2" %}\n', "utf-8")
    code, out, err = run(
        "render", f"agreements/{AGREEMENT.name}", "-t", "mine", "--template-dir", "templates"
    )
    assert code == 1
    assert SECRET not in out + err
    assert "IOP009 template points outside the repository" in err
    code, out, err = run("render", "--lint", "--template-dir", "templates")
    assert SECRET not in out + err


def test_template_folder_linked_out(repo: Path) -> None:
    (repo / "templates").symlink_to(repo.parent / "elsewhere")
    code, _, err = run("render", "-t", "x", "--template-dir", "templates")
    assert code == 1
    assert "IOP009 template folder (or a link on its way) points outside" in err


def test_reference_doc_linked_out(repo: Path) -> None:
    (repo.parent / "styles.docx").write_bytes(b"PK")
    (repo / "styles.docx").symlink_to(repo.parent / "styles.docx")
    code, _, err = run(
        "render",
        f"agreements/{AGREEMENT.name}",
        "--format",
        "docx",
        "--out",
        "out/",
        "--reference-doc",
        "styles.docx",
    )
    assert code == 1
    assert "styles.docx: IOP009 --reference-doc points outside the repository" in err
    assert not (repo / "out").exists()


def test_output_folder_linked_out(repo: Path) -> None:
    (repo / "rendered").symlink_to(repo.parent / "elsewhere")
    for extra in ([], ["--check"]):
        code, _, err = run("render", "agreements/", "--out", "rendered/", *extra)
        assert code == 1
        assert "rendered/: IOP009 --out folder (or a link on its way) points outside" in err
    assert sorted(p.name for p in (repo.parent / "elsewhere").iterdir()) == ["x.yaml"]


def test_check_does_not_read_an_output_linked_out(repo: Path) -> None:
    (repo / "rendered").mkdir()
    name = "linkoping-resurspoolen-2020.agreement.sv.md"
    (repo / "rendered" / name).symlink_to(repo.parent / "secret.yaml")
    code, out, err = run("render", "agreements/", "--out", "rendered/", "--check")
    assert code == 1
    assert SECRET not in out + err
    assert "outside the output folder" in err


def test_check_does_not_block_on_a_pipe(repo: Path) -> None:
    (repo / "rendered").mkdir()
    os.mkfifo(repo / "rendered" / "linkoping-resurspoolen-2020.agreement.sv.md")
    code, _, err = run("render", "agreements/", "--out", "rendered/", "--check")
    assert code == 1
    assert "is not a regular file" in err


# --- excerpts come from what was read, once ----------------------------------------------------


def test_excerpt_of_a_file_that_did_not_parse_is_not_read_again(repo: Path) -> None:
    from iopctl.checks.validate import validate_paths
    from iopctl.problems.diagnostic import format_text

    broken = repo / "agreements" / "broken.yaml"
    broken.write_text("id: x\ntitle: a: b\n", "utf-8")
    result = validate_paths(["agreements"])
    broken.write_text(f"id: x\ntitle: {SECRET}\n", "utf-8")  # swapped after reading
    text = format_text(result.diagnostics, line_text=result.line_text, files=len(result.files))
    assert SECRET not in text
    assert "     2 | title: a: b" in text


# --- reading a file: what stat promised, then the rest up to the limit --------------------


@pytest.mark.parametrize(
    ("actual", "promised", "expected"),
    [
        (10, 10, 10),  # one read: what stat promised, and its end
        (30, 10, 30),  # the file grew after its stat: read on to its end
        (300, 10, 101),  # … but never more than one byte past the limit
        (0, 0, 0),
    ],
)
def test_read_at_most(tmp_path: Path, actual: int, promised: int, expected: int) -> None:
    from iopctl.reading.paths import read_at_most

    data = bytes(range(256)) * 2
    path = tmp_path / "x.yaml"
    path.write_bytes(data[:actual])
    assert read_at_most(str(path), promised, 100) == data[:expected]


def test_read_at_most_a_file_that_reports_no_size() -> None:
    from iopctl.reading.paths import read_at_most

    text = read_at_most("/proc/self/status", 0, 1 << 20)
    assert text.startswith(b"Name:") and text.endswith(b"\n")
