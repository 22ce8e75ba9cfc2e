"""The layout is the architecture: packages in layers, imports only downward, modules and
functions of a readable size, and docs/architecture.md's module index up to date.

``UPDATE_GOLDENS=1 pytest tests/test_architecture.py`` rewrites the index from the
modules' docstrings (review the diff, as with every golden).
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "iopctl"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- module index: begin -->", "<!-- module index: end -->"

LAYERS = (
    "frozen",
    "errors",
    "i18n",
    "clock",
    "atomic",
    "problems",
    "reading",
    "model",
    "money",
    "facts",
    "checks",
    "migrate",
    "views",
    "present",
    "documents",
    "scaffold",
    "site",
    "cli",
)
"""Each package may import (at module level) only from packages before it."""

TEXT_UTILITIES = frozenset(
    {
        "iopctl.present.safe",
        "iopctl.present.suggest",
        "iopctl.present.numbers",
    }
)
"""Leaf helpers every layer may use for the text of a problem: escaping, "did you mean",
``933 000 kr``. They import nothing from iopctl above ``errors``."""

KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()
"""Imports that go up the layers: none (``iopctl diff``'s changes became data with
issue 14, and present/diff_words.py words them). Nothing may be added here."""


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_imports_go_down_the_layers() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = set()
    for module, path in _modules():
        me = _layer(module)
        if me is None:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.ImportFrom) and node.module):
                continue
            target = node.module
            them = _layer(target)
            if target in TEXT_UTILITIES or them is None:
                continue
            if rank[them] > rank[me]:
                upward.add((module, target))
    assert upward == KNOWN_UPWARD


def test_text_utilities_are_leaves() -> None:
    for module in TEXT_UTILITIES:
        path = ROOT / (module.replace(".", os.sep) + ".py")
        imported = {
            node.module
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module
        }
        allowed = {"iopctl.errors", "iopctl.i18n", *TEXT_UTILITIES}
        assert {m for m in imported if m.startswith("iopctl.")} <= allowed, module


def _index() -> str:
    rows = ["| module | what it is |", "|---|---|"]
    for module, path in _modules():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        first = " ".join(doc.strip().split("\n\n")[0].split())
        if first:
            cell = first.replace("|", "\\|")
            rows.append(f"| `{module}` | {cell} |")
    return "\n".join(rows)


def test_the_module_index_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN + "\n")
    _, tail = rest.split(END)
    fresh = f"{head}{BEGIN}\n{_index()}\n{END}{tail}"
    if os.environ.get("UPDATE_GOLDENS") and text != fresh:
        DOC.write_text(fresh, encoding="utf-8")
        return
    assert text == fresh, "run UPDATE_GOLDENS=1 pytest tests/test_architecture.py"


def test_every_module_says_what_it_is() -> None:
    missing = [
        module
        for module, path in _modules()
        if path.stat().st_size and not ast.get_docstring(ast.parse(path.read_text("utf-8")))
    ]
    assert missing == []


LONG_MODULES = {
    "iopctl.model.types": "every field type with its bounds, each a few lines",
    "iopctl.site.words": "a dictionary of the site's words, one per line",
}
"""Modules over 400 lines, each with the reason. Nothing may be added without one."""


def test_modules_are_a_few_hundred_lines() -> None:
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in _modules()}
    assert {m for m, n in sizes.items() if n > 400} == set(LONG_MODULES)


def test_the_benchmark_tools_are_a_few_hundred_lines_too() -> None:
    """benchmarks/ is code the project maintains like its own: no module over 400 lines
    (its runner was 961 before it was split into model, suite, runner and perfdoc)."""
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in sorted((ROOT / "benchmarks").glob("*.py"))
    }
    assert {name for name, n in sizes.items() if n > 400} == set()


def test_no_file_holds_a_merge_conflict_marker() -> None:
    """Work lands from several branches; a conflict resolved by hand once left its markers
    in two test modules, and pytest then collected nothing from them."""
    import subprocess

    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    markers = ("<" * 7 + " ", "=" * 7 + "\n", ">" * 7 + " ")
    found = []
    for name in listed:
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".j2", ".po", ".pot", ".yaml", ".txt", ".toml"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found += [name for line in text.splitlines(keepends=True) if line.startswith(markers)]
    assert found == []
