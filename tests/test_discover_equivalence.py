"""``discover`` finds the same files, in the same order, as the ``Path.rglob`` walk it replaced."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from iopctl.errors import UsageError
from iopctl.model.load import YAML_SUFFIXES, discover
from iopctl.problems.diagnostic import Diagnostic, Severity


def _refusal(name: str, target: Path, what: str = "symbolic link") -> Diagnostic:
    return Diagnostic(
        name,
        0,
        0,
        "IOP009",
        Severity.ERROR,
        f"{what} points outside the repository (to {target}); not read",
        "replace the link with the file itself, or keep its target inside the repository",
    )


def reference_discover(paths: Iterable[str]) -> tuple[list[str], list[Diagnostic]]:
    """The ``Path.rglob`` implementation before issue #2, with issue 16's containment rule
    (docs/reliability.md), kept as the specification.

    The repository is the current directory here (no ``.git`` above the test folders). A
    path written inside it must resolve inside it; a path written outside it must resolve
    inside the folder given (or, for a file, its own folder).
    """
    found: list[str] = []
    refused: list[Diagnostic] = []
    seen: set[str] = set()
    repo = Path(os.path.realpath(os.getcwd()))

    def boundary(path: Path, folder: bool) -> Path:
        if Path(os.path.abspath(path)).is_relative_to(repo):
            return repo
        return Path(os.path.realpath(path if folder else os.path.dirname(os.path.abspath(path))))

    def outside(path: Path, limit: Path) -> Path | None:
        real = Path(os.path.realpath(path))
        return None if real.is_relative_to(limit) or real.is_relative_to(repo) else real

    for raw in paths:
        path = Path(raw)
        folder_problems: list[Diagnostic] = []
        if path.is_dir():
            limit = boundary(path, True)
            target = outside(path, limit)
            if target is not None:
                refused.append(_refusal(str(path), target, "the folder (or a link on its way)"))
                continue
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in YAML_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            for p in path.rglob("*"):
                hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
                if p.is_symlink() and p.is_dir() and not hidden:
                    target = outside(p, limit)
                    if target is not None:
                        folder_problems.append(_refusal(str(p), target, "folder link"))
        elif path.exists():
            limit = boundary(path, False)
            candidates = [path]
        else:
            raise UsageError(f"path does not exist: {raw}", hint="check the spelling")
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key in seen:
                continue
            seen.add(key)
            target = outside(candidate, limit)
            if target is not None:
                refused.append(_refusal(str(candidate), target))
                continue
            found.append(str(candidate))
        refused.extend(sorted(folder_problems, key=lambda d: d.file))
    return found, refused


@pytest.fixture
def tree(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "repo"
    files = [
        "a.yaml",
        "b.yml",
        "c.YAML",
        "d.yaml.bak",
        "e.txt",
        ".hidden.yaml",
        ".yaml",
        "x.yaml.",
        "a-b.yaml",
        "a.b.yaml",
        "A.yaml",
        "sub/z.yaml",
        "sub/a.yaml",
        "sub/deeper/m.yml",
        "sub.yaml/inner.yaml",
        ".git/config.yaml",
        "sub/.cache/x.yaml",
        "ä/ö.yaml",
        "sub-2/q.yaml",
        "sub 3/q.yaml",
    ]
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("id: x\n", encoding="utf-8")
    (root / "dir.yaml").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.yaml").write_text("id: o\n", encoding="utf-8")
    os.symlink(outside, root / "linked-dir")
    os.symlink(root / "a.yaml", root / "link-to-a.yaml")
    os.symlink(outside / "o.yaml", root / "link-to-o.yaml")
    os.symlink(root / "missing.yaml", root / "broken.yaml")
    os.symlink(root / "loop.yaml", root / "loop.yaml")
    os.symlink(root, tmp_path / "repo-link")
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # outside the current directory
    (elsewhere / "secret.yaml").write_text("id: s\n", encoding="utf-8")
    (elsewhere / "dir").mkdir()
    (elsewhere / "dir" / "in-linked-dir.yaml").write_text("id: d\n", encoding="utf-8")
    os.symlink(elsewhere / "secret.yaml", root / "link-out.yaml")
    os.symlink(elsewhere / "secret.yaml", root / "sub" / "deeper" / "link-out-2.yml")
    os.symlink(elsewhere / "dir", root / "linked-out-dir")
    return root


@pytest.mark.parametrize(
    "args",
    [
        ["repo"],
        ["repo/linked-out-dir"],
        ["repo/linked-out-dir/in-linked-dir.yaml"],
        ["repo/link-to-o.yaml", "repo/linked-dir"],
        ["repo/"],
        ["./repo"],
        ["repo//sub"],
        ["repo", "repo/sub"],
        ["repo/sub", "repo"],
        ["repo/a.yaml", "repo"],
        ["repo", "repo/link-to-a.yaml", "repo/a.yaml"],
        ["repo-link", "repo"],
        ["repo/e.txt", "repo/.hidden.yaml", "repo/sub"],
        ["outside", "repo"],
        ["."],
        ["repo/link-out.yaml"],
        ["repo/sub", "repo/link-out.yaml", "repo"],
        ["repo-link/sub"],
    ],
)
def test_same_files_same_order(tree: Path, args: list[str]) -> None:
    assert discover(args) == reference_discover(args)


def test_absolute_and_root_like_paths(tree: Path) -> None:
    for args in ([str(tree)], [str(tree) + "/"], [str(tree / "sub"), str(tree)]):
        assert discover(args) == reference_discover(args)


def test_links_out_of_the_repository_are_refused(tree: Path) -> None:
    files, refused = discover(["repo"])
    assert "repo/link-out.yaml" not in files
    # link-out-2.yml points to the same file: a repeat, dropped before it is judged;
    # a folder link out of the repository is reported although it is not entered
    assert [d.file for d in refused] == ["repo/link-out.yaml", "repo/linked-out-dir"]
    assert {d.code for d in refused} == {"IOP009"}


def test_missing_path_is_a_usage_error(tree: Path) -> None:
    with pytest.raises(UsageError, match="path does not exist: nope"):
        discover(["repo", "nope"])
