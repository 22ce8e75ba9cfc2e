"""Where templates live, and how ``--template NAME`` and ``--lang`` find one.

The user's ``--template-dir`` folders are searched first, in order, then the bundled
templates (``iopctl/_templates`` in a wheel, ``templates/`` in a checkout). In each folder
``NAME.LANG.md.j2`` wins over the language-neutral ``NAME.md.j2``.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import os
import re
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError, TemplateNotFound
from jinja2.loaders import split_template_path

from iopctl.errors import IopctlError, UsageError
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.reading.paths import boundary_of, ensure_inside, read_contained

__all__ = [
    "LANGS",
    "MAX_TEMPLATE_BYTES",
    "TEMPLATES",
    "TEMPLATE_NAME",
    "TEMPLATE_SUFFIX",
    "ContainedLoader",
    "TemplateSource",
    "bundled_reference_doc",
    "bundled_template_dir",
    "display_path",
    "read_template",
    "resolve_template",
    "template_file_names",
    "template_search_path",
]

TEMPLATES = (
    "agreement",
    "followup",
    "notice",
    "extension",
    "extension-agreement",
    "reproduction",
)
"""The bundled document kinds; any other name is a user template from --template-dir."""

LANGS = ("sv", "en")
TEMPLATE_SUFFIX = ".md.j2"


# --- where templates live ----------------------------------------------------------------------


def bundled_template_dir() -> Path:
    """``iopctl/_templates`` in a wheel; the repository's ``templates/`` in a checkout."""
    try:
        packaged = importlib.resources.files("iopctl") / "_templates"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, NotADirectoryError, OSError):  # pragma: no cover
        pass
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise IopctlError(  # pragma: no cover - a broken installation
        N_("the bundled templates were not found (neither iopctl/_templates nor templates/)"),
        hint=N_("reinstall iopctl, or pass --template-dir"),
    )


def bundled_reference_doc(fmt: str = "docx") -> Path | None:
    """The bundled ``reference.docx`` or ``reference.odt``: A4, the same styles in both."""
    path = bundled_template_dir() / f"reference.{fmt}"
    return path if path.is_file() else None


def template_search_path(template_dirs: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """The user's folders first (in order), then the bundled templates.

    A folder that a link takes out of the repository is refused (IOP009), and so is every
    template file in one (:func:`read_template`).
    """
    found: list[Path] = []
    for raw in template_dirs:
        path = Path(raw)
        if not path.is_dir():
            raise UsageError(
                N_("template folder does not exist: {path}"),
                hint=N_("--template-dir takes a folder with NAME.LANG.md.j2 files"),
                path=raw,
            )
        ensure_inside(path, folder=True, what=N_("template folder (or a link on its way)"))
        found.append(path)
    found.append(bundled_template_dir())
    return found


MAX_TEMPLATE_BYTES = 1024 * 1024
"""A template file is refused beyond this size (the bundled ones are under 20 KB)."""


def read_template(path: Path, folder: Path) -> str:
    """A template's text: a regular file of at most 1 MiB that resolves inside its folder
    (or the repository); anything else is an error naming the file, and nothing is read."""
    data = read_contained(
        path, boundary_of(folder, folder=True), what=N_("template"), limit=MAX_TEMPLATE_BYTES
    )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IopctlError(
            N_("cannot read template {path}: {reason}"), path=display_path(path), reason=exc
        ) from None


def _unchanged() -> bool:
    return True


class ContainedLoader(jinja2.BaseLoader):
    """Jinja's file-system loader for ``{% include %}``/``{% extends %}``/``{% import %}``,
    through :func:`read_template`: a template that names a link out of the repository
    stops the render (IOP009) before the linked file is read."""

    def __init__(self, search: Sequence[Path]) -> None:
        self.search = list(search)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses '..'
        for folder in self.search:
            path = folder.joinpath(*pieces)
            if not path.is_file():
                continue
            try:
                source = read_template(path, folder)
            except IopctlError as exc:
                raise SecurityError(exc.message) from None
            return source, str(path), _unchanged  # templates do not change during a run
        raise TemplateNotFound(template)


TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def template_file_names(name: str, lang: str) -> list[str]:
    """``NAME.LANG.md.j2`` first, then the language-neutral ``NAME.md.j2``."""
    return [f"{name}.{lang}{TEMPLATE_SUFFIX}", f"{name}{TEMPLATE_SUFFIX}"]


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as a user would type it: relative to the current folder when inside it.

    The current folder is asked for once (``abspath`` and ``relpath`` would each ask):
    ``render`` names every document's agreement this way."""
    text = os.fspath(path)
    cwd = os.getcwd()
    absolute = os.path.normpath(os.path.join(cwd, text))
    try:
        relative = os.path.relpath(absolute, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(text).as_posix()
    if relative.startswith(".."):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


@frozen
class TemplateSource:
    name: str
    lang: str
    file_name: str
    path: Path
    source: str

    @cached_property
    def sha256(self) -> str:
        """The template's digest, stamped on every document (worked out once per run)."""
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


def resolve_template(name: str, lang: str, search: Sequence[Path]) -> TemplateSource:
    if not TEMPLATE_NAME.match(name):
        raise UsageError(
            N_("--template {name!r} is not a template name"),
            hint=N_(
                "use agreement, followup, notice, extension, extension-agreement, reproduction "
                "or the NAME of NAME.LANG.md.j2 in --template-dir"
            ),
            name=name,
        )
    for folder in search:
        for file_name in template_file_names(name, lang):
            path = folder / file_name
            if path.is_file():
                try:
                    source = read_template(path, folder)
                except OSError as exc:
                    raise IopctlError(
                        N_("cannot read template {path}: {reason}"),
                        path=display_path(path),
                        reason=exc,
                    ) from None
                return TemplateSource(name, lang, file_name, path, source)
    tried = ", ".join(template_file_names(name, lang))
    folders = ", ".join(display_path(f) for f in search)
    raise UsageError(
        N_("no template {name!r} for language {lang!r} (looked for {tried} in {folders})"),
        hint=N_("bundled templates: {templates}; languages: {langs}"),
        name=name,
        lang=lang,
        tried=tried,
        folders=folders,
        templates=", ".join(TEMPLATES),
        langs=", ".join(LANGS),
    )
