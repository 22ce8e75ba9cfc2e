"""The command line: parse options, call one plain function, print, exit.

Each group of commands has a module of its own; :mod:`iopctl.cli.common` holds the
Typer app, :func:`guard` and the options several commands share. Only this package
imports typer, and domain modules are imported inside the commands so that
``iopctl --help`` stays fast; the package itself imports nothing until asked, so that
``iopctl validate FILE`` can start without typer (:mod:`iopctl.cli.lean`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "commands", "guard", "main"]


def commands() -> Any:
    """The typer app with every command registered."""
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
    from iopctl.cli.common import app

    return app


def __getattr__(name: str) -> Any:
    """``app`` (every command registered) and ``guard``, imported when first asked for:
    the lean ``validate`` path (:mod:`iopctl.cli.lean`) never imports typer."""
    if name == "app":
        return commands()
    if name == "guard":
        from iopctl.cli.common import guard

        return guard
    raise AttributeError(name)


def main() -> None:
    """The ``iopctl`` console script."""
    from iopctl.cli.lean import main as run

    run()
