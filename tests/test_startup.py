"""`iopctl --help` stays fast: it imports the command modules and nothing of the domain.

docs/performance.md: the command modules import domain modules inside the commands, so
that the help, `--version` and completion do not pay for Pydantic, PyYAML or Jinja.
A module-level import of a domain module in ``iopctl/cli/`` (``iopctl.cli.parsing``
pulls in the model) once cost `--help` about 120 ms.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CODE = """
import atexit, json, sys
sys.argv = ["iopctl", "--help"]
from iopctl.cli import main
# main() leaves without tearing the interpreter down (os._exit), after the exit handlers
atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))
try:
    main()
except SystemExit:
    pass
"""


def test_help_imports_no_domain_module() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    modules = json.loads(out.stderr)
    ours = [m for m in modules if m == "iopctl" or m.startswith("iopctl.")]
    # iopctl.i18n chooses the language; it reads no catalogue until a word is translated.
    # iopctl.frozen is its values' decorator (a leaf: dataclasses and typing).
    base = ("iopctl", "iopctl.errors", "iopctl.cli", "iopctl.i18n", "iopctl.frozen")
    assert [m for m in ours if m not in base] == [m for m in ours if m.startswith("iopctl.cli.")]
    heavy = ("pydantic", "yaml", "jinja2", "rich", "babel", "ruamel", "tomllib")
    assert [m for m in heavy if m in modules] == []


VALIDATE = """
import atexit, json, sys
sys.argv = ["iopctl", "validate", "agreements/"]
from iopctl.cli import main
# main() leaves without tearing the interpreter down (os._exit), after the exit handlers
atexit.register(lambda: sys.stderr.write(json.dumps(sorted(sys.modules))))
try:
    main()
except SystemExit:
    pass
"""


def test_only_migrate_imports_ruamel() -> None:
    """ruamel.yaml is for `iopctl migrate` alone: no other command pays for importing it."""
    out = subprocess.run(
        [sys.executable, "-c", VALIDATE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    modules = json.loads(out.stderr)
    assert [m for m in modules if m.startswith(("ruamel", "iopctl.migrate"))] == []


LEAN = """
import atexit, json, sys
sys.argv = ["iopctl", *json.loads(sys.argv[1])]
from iopctl.cli import main
def report():
    tokenize = sys.modules.get("tokenize")
    tokenized = tokenize._compile.cache_info().currsize if tokenize is not None else 0
    built = sys.modules["iopctl.model.agreement"].Agreement.__pydantic_complete__
    sys.stderr.write("\\n" + json.dumps([tokenized, built, sorted(sys.modules)]))
atexit.register(report)
try:
    main()
except SystemExit:
    pass
"""


def _run(*args: str) -> tuple[int, bool, list[str]]:
    """Python's tokenizer patterns compiled (a signature parsed from text), whether
    Pydantic generated the agreement's schema, and the modules imported, when
    ``iopctl ARGS`` ran."""
    out = subprocess.run(
        [sys.executable, "-c", LEAN, json.dumps(args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr
    tokenized, built, modules = json.loads(out.stderr.rsplit("\n", 1)[1])
    return tokenized, built, modules


def test_a_one_file_due_and_validate_start_without_typer() -> None:
    """The lean paths (issue #17, docs/performance.md): a one-file ``due`` or ``validate``
    imports neither typer nor what only other commands, or rare runs, need — the answers
    of ``new``, the spill files of a huge listing, PyYAML's error phrases' patterns — and
    Pydantic never asks for a built-in's signature (``default_factory=list``), which
    Python parses with its tokenizer, nor generates the agreement's core schema: it is
    read from ``iopctl/model/agreement.core.json`` (:mod:`iopctl.model.compiled`)."""
    one = "agreements/kalmar-stadsmission-2020.yaml"
    unwanted = ("typer", "rich.console", "iopctl.scaffold", "pickle", "tempfile")
    for args in (("due", one, "--as-of", "2024-06-01"), ("validate", one)):
        tokenized, built, modules = _run(*args)
        assert "iopctl.checks.validate" in modules  # the command did run
        assert [m for m in modules if m.startswith(unwanted)] == [], args
        assert tokenized == 0, args
        assert built is not _stored_schema_applies(), args


@pytest.mark.parametrize("command", ["economy", "list"])
def test_economy_and_list_start_without_typer(command: str) -> None:
    """``economy`` and ``list`` have lean paths too (:mod:`iopctl.cli.lean_commands`)."""
    one = "agreements/kalmar-stadsmission-2020.yaml"
    _, _, modules = _run(command, one, "--as-of", "2024-06-01")
    assert f"iopctl.cli.{command}_run" in modules  # the command did run
    assert [m for m in modules if m.startswith(("typer", "rich.console"))] == []


def _stored_schema_applies() -> bool:
    """Whether ``iopctl/model/agreement.core.json`` was made for this Python, these
    libraries and this model (else Pydantic builds the validator: ``tests/test_compiled.py``)."""
    from iopctl.model import compiled

    return compiled.stored_schema(compiled.STORED.read_text(encoding="utf-8")) is not None


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_the_model_hands_pydantic_its_annotations_as_objects() -> None:
    """The model's modules do without ``from __future__ import annotations`` (issue #17):
    Python evaluates each annotation once, when the class is made, where Pydantic would
    otherwise evaluate every field's annotation from its text again — about 2 % of the
    instructions of a one-file ``validate`` (docs/performance.md)."""
    import iopctl.model.agreement  # noqa: F401  # every model class
    from iopctl.model.base import Model

    as_text = sorted(
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in _subclasses(Model)
        if cls.__module__.startswith("iopctl.model.")
        for name, annotation in vars(cls).get("__annotations__", {}).items()
        if isinstance(annotation, str)
    )
    assert len(_subclasses(Model)) > 40
    assert as_text == []
