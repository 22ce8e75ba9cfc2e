"""The few exceptions iopctl raises, and the exit codes they map to.

Problems found *in agreements* are not exceptions: they are
:class:`~iopctl.problems.diagnostic.Diagnostic` values. Exceptions are for conditions
that stop a command: a usage error, missing reference data, an output that
cannot be written.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode", "IopctlError", "OptionError", "UsageError"]


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


class IopctlError(Exception):
    """A condition that stops a command with a message and a hint for the user."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(IopctlError):
    """The command line asks for something impossible (a missing path, a bad date)."""

    exit_code = ExitCode.USAGE


class OptionError(UsageError):
    """A value given for a command's option does not fit the agreement.

    ``option`` is the parameter's name (``party``, ``new_end``, ``record``): domain code
    knows its parameters, not the command line's spelling of them, which the CLI adds
    (``--party x: …``).
    """

    def __init__(self, option: str, value: object, message: str, *, hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.option = option
        self.value = value
