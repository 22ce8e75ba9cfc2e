"""``discover`` finds the same files, in the same order, as the ``Path.rglob`` walk it replaced."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from iopctl.errors import UsageError
from iopctl.model.load import YAML_SUFFIXES, discover
from iopctl.problems.diagnostic import Diagnostic, Severity


def reference_discover(paths: Iterable[str]) -> tuple[list[str], list[Diagnostic]]:
    """The implementation before issue #2 (with IOP009), kept as the specification."""
    found: list[str] = []
    refused: list[Diagnostic] = []
    seen: set[str] = set()
    cwd = Path.cwd().resolve()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = path.resolve()
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in YAML_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            root = path.resolve().parent
            candidates = [path]
        else:
            raise UsageError(f"path does not exist: {raw}", hint="check the spelling")
        for candidate in candidates:
            real = candidate.resolve()
            key = str(real)
            if key in seen:
                continue
            seen.add(key)
            linked = real != Path(os.path.abspath(candidate))
            if linked and not (real.is_relative_to(cwd) or real.is_relative_to(root)):
                refused.append(
                    Diagnostic(
                        str(candidate),
                        0,
                        0,
                        "IOP009",
                        Severity.ERROR,
                        f"symbolic link points outside the repository (to {real}); not read",
                        "replace the link with the agreement file itself",
                    )
                )
                continue
            found.append(str(candidate))
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
    # link-out-2.yml points to the same file: a repeat, dropped before it is judged
    assert [d.file for d in refused] == ["repo/link-out.yaml"]
    assert {d.code for d in refused} == {"IOP009"}


def test_missing_path_is_a_usage_error(tree: Path) -> None:
    with pytest.raises(UsageError, match="path does not exist: nope"):
        discover(["repo", "nope"])
