"""The files of a new agreements repository (``iopctl init``).

Each file is a template under ``iopctl/data/init/``, plus the schema copy editors read
(``iopctl schema`` output), so a new repository validates and has one example agreement
that is clean. Everything written works on the day it is written: pre-commit runs the
installed ``iopctl`` (a ``repo: local`` hook, no address to fetch), and the CI files
install iopctl from ``source`` (:mod:`.source`) — without one they are left out.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from iopctl.errors import IopctlError
from iopctl.i18n import N_
from iopctl.model.agreement import schema_text
from iopctl.scaffold.files import SCHEMA_PATH, existing_files, write_files
from iopctl.scaffold.source import Source

__all__ = ["CI_FILES", "EXAMPLE_ID", "SETTINGS_FILE", "create_repository", "init_files"]

INIT_DIR = Path(__file__).parent.parent / "data" / "init"
EXAMPLE_ID = "exempel-motesplats-2027"
# The repository setting file (its language; read by iopctl's language choice).
SETTINGS_FILE = "iopctl.toml"

# target path in the new repository → template under iopctl/data/init/
_INIT_TEMPLATES: dict[str, str] = {
    f"agreements/{EXAMPLE_ID}.yaml": "example-agreement.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    SETTINGS_FILE: "iopctl.toml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
}
# The CI files, which install iopctl from the source (``@SOURCE@``).
CI_FILES: dict[str, str] = {
    ".github/workflows/iopctl.yml": "github-workflow.yml",
    ".github/workflows/iopctl-site.yml": "github-site.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
}


def _readme(source: Source) -> str:
    environment = jinja2.Environment(
        autoescape=False,  # Markdown
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = environment.from_string((INIT_DIR / "README.md.j2").read_text(encoding="utf-8"))
    return template.render(source=source.requirement, ci=source.reachable)


def init_files(source: Source) -> dict[str, str]:
    """Every file ``iopctl init`` writes: relative POSIX path → text, in a fixed order.

    ``source`` is where pip installs iopctl from; one that CI cannot reach (a folder on
    this computer) leaves the CI files out.
    """
    templates = dict(_INIT_TEMPLATES)
    if source.reachable:
        templates |= CI_FILES
    files = {"README.md": _readme(source)}
    for target, template in templates.items():
        text = (INIT_DIR / template).read_text(encoding="utf-8")
        files[target] = text.replace("@SOURCE@", source.requirement)
    files[SCHEMA_PATH] = schema_text()
    return dict(sorted(files.items()))


def create_repository(root: Path, source: Source, *, force: bool = False) -> list[str]:
    """Write every file of a new repository under ``root``; their relative paths.

    When any of them exists, every one that does is named and nothing is written
    (unless ``force``): half a repository set up over an old one helps nobody.
    """
    files = init_files(source)
    present = existing_files(root, files)
    if present and not force:
        shown = ", ".join((root / name).as_posix() for name in present)
        raise IopctlError(
            N_("1 file already exists, so nothing was written: {shown}")
            if len(present) == 1
            else N_("{count} files already exist, so nothing was written: {shown}"),
            hint=N_("pass --force to overwrite them, or choose an empty folder"),
            count=len(present),
            shown=shown,
        )
    write_files(root, files, force=True)
    return list(files)
