"""The command line: parse options, call one plain function, print, exit.

Each group of commands has a module of its own; :mod:`iopctl.cli.common` holds the
Typer app, :func:`guard` and the options several commands share. Only this package
imports typer, and domain modules are imported inside the commands so that
``iopctl --help`` stays fast.
"""

from __future__ import annotations

# Importing a group registers its commands with ``app``, in the order they were always
# defined (``--help`` lists them by COMMAND_ORDER either way).
from iopctl.cli import (  # noqa: F401  # isort: skip
    validate,
    economy,
    index,
    due,
    portfolio,
    new,
    init,
    diff,
    render,
    migrate,
    site,
)
from iopctl.cli.common import app, guard

__all__ = ["app", "guard", "main"]


def main() -> None:
    app()
