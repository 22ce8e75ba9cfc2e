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


# The command's own errors and notes (issue #14): an exception that stops a command, and
# every line the command writes itself, go through the catalogue too.

EXCEPTIONS = {
    # class name: position of the message id (the hint is the keyword ``hint``)
    "IopctlError": 0,
    "UsageError": 0,
    "OptionError": 2,
    "AlreadyKnown": None,
    "SettingsError": 1,
    "Refusal": 0,
}
"""What carries an error's or a note's words as catalogue ids, said when shown."""

WRITERS = {"write", "writelines", "echo", "secho", "print", "_say", "_stderr"}
"""Calls that put words in front of a person: ``sys.stderr.write``, ``typer.echo`` … (not
``self.write`` of Jinja's code generator, which writes Python)."""

NOT_WORDS = {"iopctl"}
"""The program's own name is not a word to translate (``iopctl: …``, ``iopctl 0.1``)."""

DEVELOPER_TOOLS = {"i18n/catalogue.py", "i18n/extract_help.py"}
"""Commands for contributors (regenerating the catalogue), not for iopctl's users."""


def _all_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if str(p.relative_to(ROOT)) not in DEVELOPER_TOOLS)


def _words_in(node: ast.expr) -> bool:
    """A literal, or the literal parts of an f-string or a ``+``, hold a word (two letters
    or more in a row, other than the program's name)."""
    import re

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        found = re.findall(r"[^\W\d_]{2,}", re.sub(r"\{[^{}]*\}", "", node.value))
        return any(word not in NOT_WORDS for word in found)
    if isinstance(node, ast.JoinedStr):
        return any(_words_in(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _words_in(node.left) or _words_in(node.right)
    if isinstance(node, ast.IfExp):
        return _words_in(node.body) or _words_in(node.orelse)
    return False


def _worded_names(tree: ast.AST) -> set[str]:
    """Names assigned words somewhere in the module (``hint = f"use {x}"``): passing one
    on is the same as passing the literal."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and _words_in(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return names


def _untranslated(tree: ast.AST, *, refusals: bool = True) -> list[int]:
    """Lines where words reach a reader without the catalogue (``refusals``: a
    ``Refusal`` is the documents' one, whose reason is words; migrate's is a code)."""
    worded = _worded_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        given: list[ast.expr] = []
        if name == "Refusal" and not refusals:
            continue
        if isinstance(func, ast.Attribute) and getattr(func.value, "id", None) == "self":
            continue
        if name in EXCEPTIONS:
            index = EXCEPTIONS[name]
            if index is not None and index < len(node.args):
                given.append(node.args[index])
            given += [k.value for k in node.keywords if k.arg == "hint"]
            if name == "Refusal" and len(node.args) > 1:
                given.append(node.args[1])
        elif name in WRITERS:
            given += list(node.args)
        found += [
            node.lineno
            for arg in given
            if _words_in(arg) or (isinstance(arg, ast.Name) and arg.id in worded)
        ]
    return found


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_errors_and_notes_are_catalogue_ids(path: Path) -> None:
    """No literal or f-string with words reaches an error (IopctlError, UsageError,
    OptionError, SettingsError, a document's Refusal) or a line the command writes
    (``sys.stderr.write``, ``typer.echo``, ``print``) anywhere in iopctl/: it is a marked
    id (``N_``/``_``/``ngettext``) or data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    refusals = path.relative_to(ROOT).parts[0] == "documents"
    assert [f"{path.name}:{line}" for line in _untranslated(tree, refusals=refusals)] == []


@pytest.mark.parametrize(
    "source",
    [
        'raise UsageError(f"path does not exist: {raw}")',
        'raise UsageError(N_("x {a}"), hint="check the spelling", a=1)',
        'raise OptionError("party", p, "no such party")',
        'sys.stderr.write(f"iopctl: wrote {n} files\\n")',
        'typer.echo("Aborted", err=True)',
        'sys.stderr.write("iopctl: " + "interrupted\\n")',
        'hint = f"use {ids}"\nraise OptionError("party", p, N_("no {id}"), hint=hint)',
    ],
)
def test_the_lint_finds_english_words(source: str) -> None:
    """The rule above catches each way English used to reach a reader."""
    assert _untranslated(ast.parse(source)) == [source.count("\n") + 1]


@pytest.mark.parametrize(
    "source",
    [
        'raise UsageError(N_("path does not exist: {path}"), hint=N_("check"), path=raw)',
        'raise OptionError("party", p, N_("no such party in {id}"), id=x)',
        'sys.stderr.write(_("iopctl: interrupted") + "\\n")',
        'sys.stdout.write(f"iopctl {__version__}\\n")',
        'sys.stderr.write(f"iopctl: {printable(str(item.text))}\\n")',
        "raise UsageError(WORDS, hint=HINT, words=a, hint_words=b)",
    ],
)
def test_the_lint_lets_catalogue_ids_and_data_pass(source: str) -> None:
    assert _untranslated(ast.parse(source)) == []
