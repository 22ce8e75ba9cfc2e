"""The rows of the benchmark: every command timed over many files, and the start-up rows.

Adding a command is adding a :class:`~benchmarks.model.Spec` to :data:`ROWS` (or
:data:`COLD`): a row whose iopctl subcommand does not exist yet is skipped with a note.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.model import (  # noqa: E402
    AS_OF,
    DISK,
    FLOOR,
    Env,
    Spec,
    _cold_target,
    _near_validate_target,
    _render_target,
    _validate_target,
)


def _jsonschema(env: Env) -> list[str]:
    exe = shutil.which("check-jsonschema") or str(Path(env.python).parent / "check-jsonschema")
    return [exe, "--schemafile", str(env.schema), *env.files]


# Throughput rows, run for every size. Later commands: keep the argv in step with
# the command's real options when it lands (the row is skipped until then).
def _with_jobs(argv: list[str], jobs: int) -> Callable[[Env], list[str]]:
    return lambda env: [*env.iopctl, *argv, "--jobs", str(jobs)]


ROWS: list[Spec] = [
    Spec(
        "bare C-loader parse (floor)",
        lambda env: [env.python, str(FLOOR), "agreements"],
        group="floor",
    ),
    Spec(
        "iopctl validate",
        lambda env: [*env.iopctl, "validate", "agreements"],
        command="validate",
        target=_validate_target,
    ),
    Spec(
        "check-jsonschema (peer)",
        _jsonschema,
        group="peer",
        executable="check-jsonschema",
        # 14 ms a file, linear (17.7× the floor at 1 000 and at 10 000 files before):
        # larger sets are extrapolated from 1 000 in the ratio column.
        max_files=1000,
        limit_note="extrapolated from 1 000 files in the ratio column",
    ),
    Spec(
        "iopctl due",
        lambda env: [*env.iopctl, "due", "agreements", "--as-of", AS_OF],
        command="due",
        target=_near_validate_target,
    ),
    Spec(
        "iopctl economy",
        # --assume: the bundled index series do not cover every generated year.
        lambda env: [*env.iopctl, "economy", "agreements", "--assume", "2.0"],
        command="economy",
        target=_near_validate_target,
    ),
    Spec(
        "iopctl list",
        lambda env: [*env.iopctl, "list", "agreements", "--as-of", AS_OF],
        command="list",
        target=_near_validate_target,
    ),
    Spec(
        "new files, one per agreement (the disk's floor for render)",
        lambda env: [env.python, str(DISK), "agreements", "out"],
        group="disk",
        outputs=("out",),
    ),
    Spec(
        "iopctl render",
        lambda env: [*env.iopctl, "render", "agreements", "--out", "out", "--force"],
        command="render",
        target=_render_target,
        outputs=("out",),
    ),
    Spec(
        "iopctl site",
        lambda env: [
            *env.iopctl,
            "site",
            "agreements",
            "--out",
            "site",
            "--as-of",
            AS_OF,
            "--assume",
            "2.0",
        ],
        command="site",
        outputs=("site",),
        max_files=1000,
        limit_note="measured on its own in the section on `iopctl site`",
    ),
    *(
        Spec(
            f"iopctl {command} --jobs {jobs}",
            _with_jobs(argv, jobs),
            command=command,
            cores=jobs,
            sizes=(10_000,),
            outputs=("out",) if command == "render" else (),
        )
        for command, argv in (
            ("validate", ["validate", "agreements"]),
            ("due", ["due", "agreements", "--as-of", AS_OF]),
            ("economy", ["economy", "agreements", "--assume", "2.0"]),
            ("list", ["list", "agreements", "--as-of", AS_OF]),
            ("render", ["render", "agreements", "--out", "out", "--force"]),
        )
        for jobs in sorted({2, os.cpu_count() or 1})
        if jobs > 1
    ),
]

ONE_MODEL = (
    "import yaml, pydantic, typer\n"
    "class M(pydantic.BaseModel):\n"
    "    name: str\n"
    "    year: int\n"
    "M.model_validate({'name': 'x', 'year': 2024})"
)
"""What any command that validates with Pydantic pays at least: ``import pydantic`` is lazy
(the base row imports neither ``pydantic.main`` nor the schema machinery), so the first
model built and used is itself a step above the base."""

AGREEMENT_MODEL = (
    "import os, sys, types\n"
    "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
    "loader = types.ModuleType('pydantic.plugin._loader')\n"
    "loader.get_plugins = tuple\n"
    "sys.modules['pydantic.plugin._loader'] = loader\n"
    "import yaml\n"
    "from iopctl.model.agreement import Agreement\n"
    "try:\n"
    "    from iopctl.model.compiled import validator\n"
    "except ImportError:  # the code before the stored core schema: Pydantic builds it\n"
    "    validator = lambda: Agreement.model_validate\n"
    "try:\n"
    "    validator()({})\n"
    "except ValueError:\n"
    "    pass\n"
)
"""The floor of a one-file ``validate`` that checks with iopctl's own model: PyYAML and the
agreement model imported and its validator made as ``validate`` makes it (from the stored
core schema, :mod:`iopctl.model.compiled`; built by Pydantic in the code before it), with
Pydantic's plugins off as :func:`iopctl.cli.lean.without_pydantic_plugins` turns them off,
and nothing else — no reading, no checks, no output."""

# Cold-start rows: one process each, repeated; the median counts.
COLD: list[Spec] = [
    Spec(
        "python -c 'import yaml, pydantic, typer' (base)",
        lambda env: [env.python, "-c", "import yaml, pydantic, typer"],
        group="base",
        files=lambda env: None,
    ),
    Spec(
        "the same, then one two-field Pydantic model built and used",
        lambda env: [env.python, "-c", ONE_MODEL],
        group="reference",
        files=lambda env: None,
    ),
    Spec(
        "PyYAML and iopctl's agreement model, imported and built, nothing else",
        lambda env: [env.python, "-c", AGREEMENT_MODEL],
        group="reference",
        files=lambda env: None,
    ),
    Spec(
        "iopctl --help",
        lambda env: [*env.iopctl, "--help"],
        files=lambda env: None,
        target=_cold_target(None),
    ),
    Spec(
        "iopctl --version",
        lambda env: [*env.iopctl, "--version"],
        files=lambda env: None,
    ),
    Spec(
        "iopctl validate, one file",
        lambda env: [*env.iopctl, "validate", env.one_file],
        command="validate",
        files=lambda env: 1,
        target=_cold_target(1.6),
    ),
    Spec(
        "iopctl due, one file",
        lambda env: [*env.iopctl, "due", env.one_file, "--as-of", AS_OF],
        command="due",
        files=lambda env: 1,
        target=_cold_target(2.2),
    ),
]
