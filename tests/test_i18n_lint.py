"""Every diagnostic's words go through the catalogue: a message or hint handed to the
functions that make a :class:`~iopctl.problems.diagnostic.Diagnostic` is a marked id
(``N_("…")``), a name holding one, or empty, never a literal or an f-string that would
reach a reader in English whatever the language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "iopctl"

MAKERS = {
    # function name: positions of (message, hint)
    "Diagnostic": (5, 6),
    "diagnostic": (2, 3),
    "error": (2, 3),
    "warning": (2, 3),
    "_problem": (2, 3),
    "_abort": (2, 3),
    "_invalid": (2, 3),
    "_should": (3, 4),
    "custom_error": (1, 2),
    "Words": (0,),
}
"""How diagnostics are made in domain code (checks, reading, model, money, views)."""

DOMAIN = ("checks", "reading", "model", "money", "views", "facts", "problems", "migrate")


def _domain_files() -> list[Path]:
    return sorted(p for d in DOMAIN for p in (ROOT / d).rglob("*.py"))


def _literal_words(node: ast.expr) -> bool:
    """A plain string (other than "") or an f-string: words no translator will see."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value != "" and not node.value.startswith("{")
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) or _literal_words(node.right)
    if isinstance(node, ast.IfExp):
        return _literal_words(node.body) or _literal_words(node.orelse)
    return False


@pytest.mark.parametrize("path", _domain_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_diagnostic_words_are_catalogue_ids(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in MAKERS:
            continue
        for index in MAKERS[name]:
            if index < len(node.args) and _literal_words(node.args[index]):
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
