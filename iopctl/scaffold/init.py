"""The files of a new agreements repository (``iopctl init``).

Each file is a template under ``iopctl/data/init/`` with ``@VERSION@`` and ``@URL@``
filled in, plus the schema copy editors read (``iopctl schema`` output), so a new
repository validates, pins this version of iopctl in CI and pre-commit, and has one
example agreement that is clean.
"""

from __future__ import annotations

from pathlib import Path

from iopctl.errors import IopctlError
from iopctl.model.agreement import schema_text
from iopctl.scaffold.files import SCHEMA_PATH, existing_files, write_files

__all__ = ["EXAMPLE_ID", "create_repository", "init_files"]

INIT_DIR = Path(__file__).parent.parent / "data" / "init"
EXAMPLE_ID = "exempel-motesplats-2027"
PROJECT_URL = "https://github.com/iopctl/iopctl"

# target path in the new repository → template under iopctl/data/init/
_INIT_TEMPLATES: dict[str, str] = {
    "README.md": "README.md",
    f"agreements/{EXAMPLE_ID}.yaml": "example-agreement.yaml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/iopctl.yml": "github-workflow.yml",
    ".github/workflows/iopctl-site.yml": "github-site.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    ".vscode/settings.json": "vscode-settings.json",
    ".vscode/extensions.json": "vscode-extensions.json",
}


def init_files() -> dict[str, str]:
    """Every file ``iopctl init`` writes: relative POSIX path → text, in a fixed order."""
    from iopctl import __version__

    files: dict[str, str] = {}
    for target, template in _INIT_TEMPLATES.items():
        text = (INIT_DIR / template).read_text(encoding="utf-8")
        files[target] = text.replace("@VERSION@", __version__).replace("@URL@", PROJECT_URL)
    files[SCHEMA_PATH] = schema_text()
    return dict(sorted(files.items()))


def create_repository(root: Path, *, force: bool = False) -> list[str]:
    """Write every file of a new repository under ``root``; their relative paths.

    When any of them exists, every one that does is named and nothing is written
    (unless ``force``): half a repository set up over an old one helps nobody.
    """
    files = init_files()
    present = existing_files(root, files)
    if present and not force:
        shown = ", ".join((root / name).as_posix() for name in present)
        noun = "file already exists" if len(present) == 1 else "files already exist"
        raise IopctlError(
            f"{len(present)} {noun}, so nothing was written: {shown}",
            hint="pass --force to overwrite them, or choose an empty folder",
        )
    write_files(root, files, force=True)
    return list(files)
