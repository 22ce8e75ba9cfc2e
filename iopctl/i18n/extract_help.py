"""Babel extraction of the command line's help texts, which are not ``_()`` calls.

A command's help is its function's docstring and each option's is a ``help="…"``
argument: Typer reads them when the app is built, before any language is chosen, so
they cannot be ``_()`` calls. They are message ids all the same — ``iopctl.cli.helptext``
translates them once the language is known — and this extractor puts them in the
catalogue: the docstring of every function decorated with ``….command(…)`` or
``….callback(…)`` (cleaned as :func:`inspect.cleandoc` cleans it, which is what Typer
shows), and every string literal passed as ``help=`` (``typer.Option``,
``typer.Argument``, ``typer.Typer``). The file's ``_()``/``N_()``/``ngettext()`` calls
are extracted as usual (Babel's Python extractor). Used for ``iopctl/cli/**.py`` by
``python -m iopctl.i18n.catalogue`` and ``babel.cfg``.
"""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any

__all__ = ["extract", "help_texts"]


def help_texts(source: str) -> list[tuple[int, str]]:
    """(line, message id) of every help text in Python ``source``, in source order."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_command(node):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                found.append((node.lineno, inspect.cleandoc(doc)))
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                text = value.value if isinstance(value, ast.Constant) else None
                if keyword.arg == "help" and isinstance(text, str) and text:
                    found.append((value.lineno, text))
    return sorted(found)


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in ("command", "callback"):
            return True
    return False


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Sequence[str],
    options: Any,
) -> Iterator[Any]:
    """A Babel extraction method: the ``_()`` calls, then the help texts."""
    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(io.BytesIO(data), keywords, comment_tags, options)
    encoding = str(options.get("encoding", "utf-8"))
    for lineno, message in help_texts(data.decode(encoding)):
        yield lineno, "", message, []
