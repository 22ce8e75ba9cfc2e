"""The entry point, and a lean path for the commonest run: ``iopctl validate FILE …``
(``due``, ``economy`` and ``list`` have theirs: :mod:`iopctl.cli.lean_commands`).

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

__all__ = ["main", "tolerant_streams", "without_pydantic_plugins"]

_FORMATS = ("text", "json", "github")


def main(argv: Sequence[str] | None = None) -> None:
    """``iopctl``: the lean ``validate`` when it applies, else the typer app."""
    gc.disable()  # importing builds thousands of long-lived objects: nothing to collect
    without_pydantic_plugins()
    args = list(sys.argv[1:] if argv is None else argv)
    code = _lean_validate(args)
    if code is None:
        code = _lean_command(args)
    if code is None:
        code = _full()
    _exit(code)


def without_pydantic_plugins() -> None:
    """Tell Pydantic that iopctl uses no plugins, without the look-up that finds none.

    Pydantic imports ``importlib.metadata`` to look for plugins the first time it builds
    a validator, even when ``PYDANTIC_DISABLE_PLUGINS`` says there are none: about 13 ms
    of every run. When plugins are disabled (iopctl's default; a user's own setting of
    the variable is kept and honoured), the loader module is a stand-in whose
    ``get_plugins`` finds nothing; any other name is read from the real module.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] != "__all__" or name in sys.modules:
        return
    import types

    stand_in = types.ModuleType(name, "No Pydantic plugins (iopctl.cli.lean).")
    setattr(stand_in, "get_plugins", tuple)  # noqa: B010  # tuple() == ()
    setattr(stand_in, "__getattr__", _real_loader_attribute)  # noqa: B010
    sys.modules[name] = stand_in


def _real_loader_attribute(attribute: str) -> object:
    """A name the stand-in does not have, from Pydantic's own loader module (a module's
    own dunder names, which the import system probes for, it does not have either)."""
    if attribute.startswith("__"):
        raise AttributeError(attribute)
    import importlib.util

    spec = importlib.util.find_spec("pydantic.plugin")
    locations = spec.submodule_search_locations if spec is not None else None
    from importlib.machinery import PathFinder

    found = PathFinder.find_spec("_loader", list(locations or []))
    if found is None or found.loader is None:
        raise AttributeError(attribute)
    real = importlib.util.module_from_spec(found)
    found.loader.exec_module(real)
    return getattr(real, attribute)


def _lean_command(args: Sequence[str]) -> int | None:
    """``due``, ``economy`` or ``list`` through :mod:`iopctl.cli.lean_commands`, in the
    language typer would choose."""
    from iopctl.cli.language import select_language
    from iopctl.cli.lean_commands import COMMANDS, parse, run

    if not COMMANDS.keys() & set(args):
        return None
    found = parse(select_language(args))
    if found is None:
        return None
    lean, wanted = found
    function = lean.function()  # its run module imported while collection is off
    gc.enable()
    return run(function, wanted)


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
    from iopctl.cli.lean_args import read_options, whole_number

    read = read_options(
        args,
        "validate",
        flags={"--strict": ("strict", True), "--no-strict": ("strict", False)},
        valued={
            "--format": "format",
            "-f": "format",
            "--index-file": "index_file",
            "--jobs": "jobs",
            "-j": "jobs",
        },
    )
    if read is None:
        return None  # --help, --as-of, --lang, a typo, bundled short options …
    options = _Options(
        paths=read.paths,
        output_format=str(read.last("format", "text")),
        strict=bool(read.last("strict", False)),
        index_files=[str(v) for v in read.values.get("index_file", [])],
    )
    if options.output_format not in _FORMATS:
        return None
    if "jobs" in read.values:
        options.jobs = whole_number(read.last("jobs"))
        if any(whole_number(v) is None for v in read.values["jobs"]):
            return None
    if not options.paths and not os.path.isdir("agreements"):
        return None  # typer says what is missing
    return options


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
