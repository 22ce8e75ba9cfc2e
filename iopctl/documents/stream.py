"""``render`` one agreement at a time: what is kept of each (issue #17: flat memory, ``--jobs``).

:class:`RenderStep` is the ``keep`` of :func:`~iopctl.checks.validate.validate_each`: each
agreement is rendered as soon as it is checked, with the run's templates compiled once
(:class:`~iopctl.documents.environment.RunTemplates`). Into a folder, its document is
converted, compared with the file it would replace and written to a temporary file beside
it (named as :func:`iopctl.atomic.leftovers` finds one), and only a :class:`Done` is kept:
names and the outcome, a few hundred bytes. :mod:`iopctl.documents.run` then decides for
the whole run as the plan of every document did: nothing is renamed into place when one
document would overwrite a different file without ``force``.

To standard output or one ``--out FILE`` the whole document is kept (there is one).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iopctl.documents.budget import Budget
from iopctl.documents.environment import RunTemplates
from iopctl.documents.output import (
    Rendered,
    collision,
    folder_target,
    make_folder,
    read_existing,
)
from iopctl.documents.render import RenderOptions, render_agreement
from iopctl.errors import ExitCode, IopctlError
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData

__all__ = [
    "Done",
    "Failure",
    "More",
    "Noted",
    "RenderStep",
    "discard",
    "folder_of",
    "no_collisions",
    "remove_new_temporaries",
]


def _rebuilt(cls: type[IopctlError], args: tuple[Any, ...], state: dict[str, Any]) -> Failure:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return Failure(error)


@frozen(slots=True)
class Failure:
    """An error kept to be raised later, in file order. It crosses from a ``--jobs``
    worker whatever its class's ``__init__`` takes (its attributes are copied)."""

    error: IopctlError

    def __reduce__(self) -> tuple[Any, ...]:
        error = self.error
        return (_rebuilt, (type(error), error.args, dict(error.__dict__)))


@frozen(slots=True)
class Noted:
    """What the notes say of a document written into a folder (its text is not kept)."""

    file: str
    placeholders: tuple[str, ...]
    unknown: tuple[str, ...]


@frozen(slots=True)
class More:
    """What few agreements need kept (see :class:`Done`): a failure, notes, a link."""

    readable: bool = True
    rendered: Rendered | Noted | None = None
    stop: Failure | None = None
    refusal: Failure | None = None
    late: Failure | None = None
    final: Failure | None = None
    key: str | None = None


@frozen(slots=True)
class Done:
    """What is kept of one agreement: into a folder, a document's ``name``, its ``outcome``
    (``missing``/``differs``/``same`` for ``check``, else ``new``/``same``/``conflict``) and
    the random part of its temporary file's name (``temp``, :meth:`temporary`); the rest,
    which few agreements have, in ``more`` (about 250 bytes an agreement in all).

    ``stop``: an error that stops the run (to standard output, a usage error); ``refusal``:
    the error of a document that cannot be rendered (the others still are);
    ``late``: an error of its output (name, path, conversion), raised after the refusals;
    ``final``: an error of the file it replaces, raised after the notes; ``key``: the
    file name a link leads to, only where it is not ``name`` (it is in the folder);
    ``rendered``: the whole document (standard output, one file), or what its notes need.
    """

    file: str
    name: str | None = None
    outcome: str = ""
    temp: str | None = None
    more: More | None = None

    @property
    def readable(self) -> bool:
        return self.more is None or self.more.readable

    @property
    def rendered(self) -> Rendered | Noted | None:
        if self.more is not None and self.more.rendered is not None:
            return self.more.rendered
        return Noted(self.file, (), ()) if self.name is not None else None

    @property
    def stop(self) -> Failure | None:
        return self.more.stop if self.more is not None else None

    @property
    def refusal(self) -> Failure | None:
        return self.more.refusal if self.more is not None else None

    @property
    def late(self) -> Failure | None:
        return self.more.late if self.more is not None else None

    @property
    def final(self) -> Failure | None:
        return self.more.final if self.more is not None else None

    @property
    def key(self) -> str | None:
        return self.more.key if self.more is not None else None

    def temporary(self, folder: Path) -> Path | None:
        """The temporary file holding a ``new`` document (``.NAME.XXXXXXXX.tmp``)."""
        if self.temp is None:
            return None
        return folder / f".{self.name}.{self.temp}.tmp"


def _done(
    file: str,
    name: str | None = None,
    outcome: str = "",
    temp: str | None = None,
    **more: Any,
) -> Done:
    """A :class:`Done`, with :class:`More` only when something in it is not the default
    (a document written into a folder, shown by its file name and without notes, needs
    none)."""
    light = more.get("rendered")
    plain = isinstance(light, Noted) and light == Noted(file, (), ()) and name is not None
    if plain:
        del more["rendered"]
    extra = More(**more)
    return Done(file, name, outcome, temp, None if extra == More() else extra)


@dataclass
class RenderStep:
    """Render one checked agreement and keep a :class:`Done` (a ``keep`` for validate_each).

    ``folder``: the ``--out`` folder, or None (standard output, one file: the whole
    document is kept); ``writable``: whether documents may go to it (it is inside the
    repository). Module level and picklable state: ``--jobs`` workers run it.
    """

    options: RenderOptions
    fmt: str
    out: str | None
    folder: Path | None = None
    writable: bool = True
    reference_doc: Path | None = None
    check: bool = False
    force: bool = False
    fsync: bool = False
    budget: Budget = dataclasses.field(default_factory=Budget)
    templates: RunTemplates | None = None
    _base: Path | None = None
    _made: bool = False  # the folder exists (made once, not asked for every document)

    def __call__(self, item: Loaded, reference: ReferenceData) -> Done:
        file = item.file
        if any(d.is_error for d in item.diagnostics) and (
            not self.options.draft or item.agreement is None
        ):
            return _done(file, readable=item.agreement is not None)
        if self.templates is None:
            self.templates = RunTemplates(self.options.template_dirs)
        try:
            rendered = render_agreement(
                item, reference, self.options, budget=self.budget, templates=self.templates
            )
        except IopctlError as exc:
            if self.out is None or exc.exit_code != ExitCode.PROBLEMS:
                return _done(file, stop=Failure(exc.with_traceback(None)))
            return _done(file, refusal=Failure(exc.with_traceback(None)))
        if self.folder is None:
            return _done(file, rendered=rendered)
        shown = file if rendered.file == file else rendered.file  # one string, not two
        light = Noted(shown, rendered.placeholders, rendered.unknown)
        if not self.writable:
            return _done(file, rendered=light)
        return self._output(file, rendered, light, self.folder)

    def _output(self, file: str, rendered: Rendered, light: Noted, folder: Path) -> Done:
        """Convert, compare with the file it replaces, and write a temporary file."""
        from iopctl.documents.convert import same_document

        name = rendered.output_name(self.fmt)
        if self._base is None:
            self._base = Path(os.path.realpath(folder))
        try:
            resolved = folder_target(self._base, name)
            data = rendered.document(self.fmt, reference_doc=self.reference_doc, budget=self.budget)
        except IopctlError as exc:
            return _done(file, rendered=light, late=Failure(exc.with_traceback(None)))
        key = resolved.name if resolved.name != name else None  # its parent is the folder
        path = folder / name
        try:
            old = read_existing(path, data)
            same = old is not None and same_document(self.fmt, old, data)
            if self.check:
                outcome = "missing" if old is None else "same" if same else "differs"
                return _done(file, name, outcome, rendered=light, key=key)
            if same:
                return _done(file, name, "same", rendered=light, key=key)
            if old is not None and not self.force:
                return _done(file, name, "conflict", rendered=light, key=key)
            from iopctl.atomic import write_temporary

            if not self._made:
                make_folder(folder)
                self._made = True
            temp = write_temporary(path, data, fsync=self.fsync, new=old is None)
        except IopctlError as exc:
            failure = Failure(exc.with_traceback(None))
            return _done(file, name, rendered=light, key=key, final=failure)
        random = os.path.basename(temp).removeprefix(f".{name}.").removesuffix(".tmp")
        return _done(file, name, "new", random, rendered=light, key=key)


# --- the folder: before, and when every agreement is through ---------------------------------


def discard(item: Done, folder: Path | None) -> None:
    """Remove the temporary file of a document that is not to be written."""
    temp = item.temporary(folder) if folder is not None else None
    if temp is not None:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def remove_new_temporaries(folder: Path | None, found: dict[str, list[Path]]) -> None:
    """The temporary files this run made (those of interrupted runs stay to be reported)."""
    from iopctl.atomic import leftovers_in

    if folder is None:
        return
    before = {path for paths in found.values() for path in paths}
    for paths in leftovers_in(folder).values():
        for path in paths:
            if path not in before:
                with contextlib.suppress(OSError):
                    path.unlink()


def folder_of(out: str | None) -> tuple[Path | None, IopctlError | None, dict[str, list[Path]]]:
    """``--out`` when it is certainly a folder (whatever the number of documents), the
    error of one outside the repository, and what interrupted writes left in it (looked
    at before this run writes its own temporary files)."""
    from iopctl.atomic import leftovers_in
    from iopctl.documents.output import OUTPUT_SUFFIXES
    from iopctl.reading.paths import ensure_inside

    if out is None:
        return None, None, {}
    path = Path(out)
    certain = (
        path.is_dir() or out.endswith(("/", os.sep)) or path.suffix.lower() not in OUTPUT_SUFFIXES
    )
    if not certain:
        return None, None, {}
    try:
        ensure_inside(out, folder=True, what=N_("--out folder (or a link on its way)"))
    except IopctlError as exc:
        return path, exc, {}
    return path, None, leftovers_in(path)


def no_collisions(done: list[Done], folder: Path) -> None:
    """Each document's own name and path (in file order, as the plan checked them)."""
    seen: dict[str, Done] = {}
    for item in done:
        if item.late is not None:
            raise item.late.error
        if item.name is None:
            continue
        key = item.key or item.name  # the file name in the folder, links followed
        other = seen.get(key)
        if other is not None:
            mine, theirs = item.rendered, other.rendered
            assert mine is not None and theirs is not None
            raise collision(mine.file, theirs.file, folder / item.name)
        seen[key] = item
