"""The few exceptions iopctl raises, and the exit codes they map to.

Problems found *in agreements* are not exceptions: they are
:class:`~iopctl.problems.diagnostic.Diagnostic` values. Exceptions are for conditions
that stop a command: a usage error, missing reference data, an output that
cannot be written.

Like a diagnostic, an exception carries catalogue message ids (English, marked with
``N_``) and the ``args`` that fill their ``{placeholders}``; the CLI says them in the
chosen language when it shows them (``iopctl.i18n.say``). ``message`` and ``hint`` are
the English sentences, for code and tests that compare them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any

__all__ = ["ExitCode", "IopctlError", "OptionError", "UsageError", "english"]


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERNAL = 3
    INTERRUPTED = 130


def english(msgid: str, args: Mapping[str, Any]) -> str:
    """``msgid`` filled from ``args`` in English; an argument that is words itself (it has
    an ``english()``, as ``iopctl.i18n.Words`` has) is said in English too. Without
    arguments the id is the sentence (it may quote data with braces in it)."""
    if not args:
        return msgid
    plain = {k: v.english() if hasattr(v, "english") else v for k, v in args.items()}
    try:
        return msgid.format(**plain)
    except (KeyError, IndexError, ValueError):  # a placeholder left unfilled: show the id
        return msgid


class IopctlError(Exception):
    """A condition that stops a command with a message and a hint for the user.

    ``message`` and ``hint`` are catalogue ids (``N_("path does not exist: {path}")``);
    the keyword arguments fill their placeholders (``path=raw``)."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, message: str, *, hint: str = "", **args: Any) -> None:
        self.msgid = message
        self.hint_id = hint
        self.args_ = args
        self.message = english(message, args)
        self.hint = english(hint, args) if hint else ""
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Across processes (a worker's error) with its ids and arguments, so it is still
        # said in the chosen language; the default would call __init__(message) again.
        return (_restore, (type(self), dict(self.__dict__)))


def _restore(cls: type[IopctlError], state: dict[str, Any]) -> IopctlError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, state.get("message", ""))
    exc.__dict__.update(state)
    return exc


class UsageError(IopctlError):
    """The command line asks for something impossible (a missing path, a bad date)."""

    exit_code = ExitCode.USAGE


class OptionError(UsageError):
    """A value given for a command's option does not fit the agreement.

    ``option`` is the parameter's name (``party``, ``new_end``, ``record``): domain code
    knows its parameters, not the command line's spelling of them, which the CLI adds
    (``--party x: …``).
    """

    def __init__(
        self, option: str, value: object, message: str, *, hint: str = "", **args: Any
    ) -> None:
        super().__init__(message, hint=hint, **args)
        self.option = option
        self.value = value
