"""The entry point, and a lean path for the commonest run: ``iopctl validate FILE …``.

A pre-commit hook runs ``validate`` on one or two files many times a day, so its start
counts (issue #17). Typer builds its command tree and Pydantic adapters for every
parameter on each run (about 40 ms); this path reads the few options ``validate`` has
itself and calls the same function with the same output. Anything it does not know for
certain (another command, ``--help``, ``--as-of``, an odd or invalid option, a usage
error) goes to typer, before anything was written, so every message and exit code
stays typer's. Around both paths: no garbage collection while modules are imported, and
no interpreter teardown once the output is flushed (``os._exit``; exit handlers still
run). ``docs/performance.md`` has the figures.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["main", "tolerant_streams"]

_FORMATS = ("text", "json", "github")


def main(argv: Sequence[str] | None = None) -> None:
    """``iopctl``: the lean ``validate`` when it applies, else the typer app."""
    gc.disable()  # importing builds thousands of long-lived objects: nothing to collect
    args = list(sys.argv[1:] if argv is None else argv)
    code = _lean_validate(args)
    if code is None:
        code = _full()
    _exit(code)


def _full() -> int:
    from iopctl.cli import commands

    app = commands()
    gc.enable()
    try:
        app()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        sys.stderr.write(f"{exc.code}\n")
        return 1
    return 0


def _exit(code: int) -> None:
    """Run the exit handlers, flush, and leave without tearing the interpreter down
    (freeing every module and object costs 30–50 ms and changes nothing)."""
    import atexit
    import threading

    if threading.active_count() > 1:  # a thread to wait for: leave the usual way
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        code = code or 1
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _quiet_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def tolerant_streams() -> None:
    """Output streams that cannot encode a character (``PYTHONIOENCODING=cp1252``, the
    Windows default when output is redirected) show it as a ``\\u…`` escape instead of
    failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if reconfigure is not None and encoding not in ("utf-8", "utf8"):
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="backslashreplace")


@dataclass
class _Options:
    paths: list[str] = field(default_factory=list)
    output_format: str = "text"
    strict: bool = False
    index_files: list[str] = field(default_factory=list)
    jobs: int | None = None


def parse_validate(args: Sequence[str]) -> _Options | None:
    """``validate``'s own options, or ``None`` when typer must read the arguments."""
    if not args or args[0] != "validate":
        return None
    options = _Options()
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            options.paths += rest
            break
        if not arg.startswith("-"):
            options.paths.append(arg)
            continue
        name, has_value, value = arg.partition("=")
        if has_value and not name.startswith("--"):
            return None  # click reads -f=json as the value "=json"
        if name in ("--strict", "--no-strict") and not has_value:
            options.strict = name == "--strict"
            continue
        if name not in ("--format", "-f", "--index-file", "--jobs", "-j"):
            return None  # --help, --as-of, --lang, a typo, bundled short options …
        if not has_value:
            if not rest:
                return None
            value = rest.pop(0)
        if not _take(options, name, value):
            return None
    if not options.paths and not os.path.isdir("agreements"):
        return None  # typer says what is missing
    return options


def _take(options: _Options, name: str, value: str) -> bool:
    if name in ("--format", "-f"):
        options.output_format = value
        return value in _FORMATS
    if name == "--index-file":
        options.index_files.append(value)
        return True
    if not (value.isascii() and value.isdigit() and int(value) >= 1):
        return False
    options.jobs = int(value)
    return True


def _lean_validate(args: Sequence[str]) -> int | None:
    """``validate`` without typer; ``None``: nothing done, typer must run it.

    The language is chosen first, as the typer app chooses it (``--lang`` anywhere,
    ``iopctl.toml``, the locale): typer's path chooses it again, to the same."""
    if "validate" not in args:
        return None
    from iopctl.cli.language import select_language

    options = parse_validate(select_language(args))
    if options is None:
        return None
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as iopctl.cli.common
    tolerant_streams()
    try:
        report = _validate(options)
    except KeyboardInterrupt:
        from iopctl.i18n import _

        sys.stderr.write(_("iopctl: interrupted") + "\n")
        return 130
    except Exception:  # a usage or internal error: typer's path says it, as always
        return None
    try:
        report.write()
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    return 1 if report.errors else 0


@dataclass
class _Report:
    text: str | None
    segments: list[tuple[str, str | None]]
    errors: int

    def write(self) -> None:
        if self.text is not None:
            sys.stdout.write(self.text)
            return
        from iopctl.present.terminal import write_segments

        write_segments(self.segments)


def _validate(options: _Options) -> _Report:
    from iopctl.checks.validate import validate_paths
    from iopctl.clock import today_stockholm
    from iopctl.parallel import available_cores
    from iopctl.problems import diagnostic as diag

    gc.enable()
    result = validate_paths(
        options.paths or ["agreements"],
        strict=options.strict,
        index_files=options.index_files,
        as_of=today_stockholm(),
        jobs=options.jobs or available_cores(),
    )
    files = len(result.files)
    if options.output_format == "json":
        return _Report(diag.format_json(result.diagnostics, files=files), [], result.errors)
    if options.output_format == "github":
        return _Report(diag.format_github(result.diagnostics), [], result.errors)
    segments = diag.text_segments(result.diagnostics, line_text=result.line_text, files=files)
    return _Report(None, segments, result.errors)
