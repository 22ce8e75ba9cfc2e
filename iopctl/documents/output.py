"""Rendered documents as files: formats, names, where they go, ``--check`` and writing.

A :class:`Rendered` document gives its bytes in each format (pandoc lives in
:mod:`iopctl.documents.convert`). :func:`plan_outputs` converts every document and decides its
path, and each path is resolved and must stay inside ``--out``, whatever the id says;
:func:`check_outputs` compares with what is on disk; :func:`write_outputs` writes
atomically and never overwrites a different file without ``force``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from iopctl.documents.budget import Budget
from iopctl.documents.templates import bundled_reference_doc, display_path
from iopctl.errors import IopctlError, UsageError
from iopctl.frozen import frozen
from iopctl.i18n import N_, Words
from iopctl.reading.paths import ensure_inside, is_regular_file, real

__all__ = [
    "OUTPUT_SUFFIXES",
    "Output",
    "Rendered",
    "check_outputs",
    "choose_format",
    "plan_outputs",
    "write_outputs",
]


@frozen
class Rendered:
    """One document: the Markdown and what a converter and a writer need to know."""

    file: str
    agreement_id: str
    template: str
    lang: str
    qualifier: str | None
    body: str
    metadata: dict[str, str]
    placeholders: tuple[str, ...] = ()
    """A draft's missing fields, by path, printed as placeholders."""
    unknown: tuple[str, ...] = ()
    """An ended agreement's fields its sources leave unknown, printed as "uppgift saknas"."""
    marking: str | None = None
    """A reproduction's marking, put into Word's page header as well (every page)."""

    @property
    def header(self) -> str:
        fields = " ".join(f'{k.removeprefix("iopctl-")}="{v}"' for k, v in self.metadata.items())
        return f"<!-- iopctl render: {fields} -->"

    @property
    def markdown(self) -> str:
        return f"{self.header}\n\n{self.body}"

    def output_name(self, fmt: str) -> str:
        """``<id>.<template>[-<qualifier>].<lang>.<ext>``, e.g. ``x.followup-2020-08-04.sv.md``."""
        kind = f"{self.template}-{self.qualifier}" if self.qualifier else self.template
        return f"{self.agreement_id}.{kind}.{self.lang}.{fmt}"

    def document(
        self, fmt: str, *, reference_doc: Path | None = None, budget: Budget | None = None
    ) -> bytes:
        """The document in ``fmt`` (md, html, docx, odt), within the run's time ``budget``."""
        if fmt == "md":
            return self.markdown.encode("utf-8")
        from iopctl.documents.budget import PANDOC_SECONDS
        from iopctl.documents.convert import convert

        seconds = (budget or Budget()).allow(
            PANDOC_SECONDS, Words(N_("converting {file}"), {"file": self.file})
        )

        if fmt in ("docx", "odt") and reference_doc is None:
            reference_doc = bundled_reference_doc(fmt)
        data = convert(
            self.body,
            fmt,
            lang=self.lang,
            metadata=self.metadata,
            reference_doc=(
                reference_doc
                if reference_doc is not None and _reference_fits(reference_doc, fmt)
                else None
            ),
            seconds=seconds,
            document=self.file,
        )
        if fmt == "html":
            return _html_with_header(data.decode("utf-8"), self.header).encode("utf-8")
        if fmt in ("docx", "odt") and self.marking:
            from iopctl.documents.reproduction import mark_docx, mark_odt

            return (mark_docx if fmt == "docx" else mark_odt)(data, self.marking)
        return data


def _reference_fits(path: Path, fmt: str) -> bool:
    return path.suffix.lower() == f".{fmt}"


def _html_with_header(html: str, header: str) -> str:
    """The traceability comment right after the doctype (before it, old browsers go quirky)."""
    match = re.match(r"(?is)\s*<!doctype[^>]*>\n?", html)
    if match is None:
        return f"{header}\n{html}"
    return f"{html[: match.end()].rstrip()}\n{header}\n{html[match.end() :]}"


# --- outputs: where documents go, overwrite rules, --check -------------------------------------


@frozen
class Output:
    """One document to write (``path``) or print (``path`` is None)."""

    rendered: Rendered
    fmt: str
    path: Path | None
    data: bytes


OUTPUT_SUFFIXES = {".md": "md", ".docx": "docx", ".odt": "odt", ".html": "html"}


def choose_format(fmt: str | None, out: str | None) -> str:
    """``--format``, else the suffix of ``--out FILE``, else Markdown."""
    if fmt is not None:
        return fmt
    if out is not None:
        suffix = Path(out).suffix.lower()
        if suffix in OUTPUT_SUFFIXES and not Path(out).is_dir():
            return OUTPUT_SUFFIXES[suffix]
    return "md"


def _out_is_folder(out: str, count: int) -> bool:
    path = Path(out)
    return (
        path.is_dir()
        or out.endswith(("/", os.sep))
        or count > 1
        or path.suffix.lower() not in OUTPUT_SUFFIXES
    )


def plan_outputs(
    rendered: Sequence[Rendered],
    fmt: str,
    out: str | None,
    *,
    reference_doc: Path | None = None,
    budget: Budget | None = None,
) -> list[Output]:
    """Convert every document and decide its path; nothing is written here.

    A folder gets ``<id>.<template>[-<qualifier>].<lang>.<ext>`` per document; each final
    path is resolved and must stay inside the folder, whatever the id says.
    """
    if out is None:
        if len(rendered) > 1:
            raise UsageError(
                N_("{count} documents to render: give --out DIR"),
                hint=N_("e.g. iopctl render agreements/ --out out/"),
                count=len(rendered),
            )
        if fmt in ("docx", "odt"):
            raise UsageError(
                N_("--format {format} writes a file: give --out FILE or --out DIR"), format=fmt
            )
    outputs: list[Output] = []
    folder: Path | None = None
    if out is not None:
        is_folder = _out_is_folder(out, len(rendered))
        what = N_("--out folder (or a link on its way)") if is_folder else N_("--out file")
        ensure_inside(out, folder=is_folder, what=what)
    if out is not None and _out_is_folder(out, len(rendered)):
        folder = Path(out)
    elif out is not None:
        suffix = Path(out).suffix.lower()
        if OUTPUT_SUFFIXES.get(suffix) != fmt:
            raise UsageError(
                N_("--out {out} does not end in .{format} (the format is {format})"),
                hint=N_("name the file .{format}, or give --format {other}"),
                out=out,
                format=fmt,
                other=OUTPUT_SUFFIXES.get(suffix, fmt),
            )
    seen: dict[Path, Rendered] = {}
    for item in rendered:
        if out is None:
            path = None
        elif folder is not None:
            name = item.output_name(fmt)
            folder_target(real(folder), name)
            path = folder / name
        else:
            path = Path(out)
        if path is not None:
            key = real(path)
            if key in seen:
                raise collision(item.file, seen[key].file, path)
            seen[key] = item
        data = item.document(fmt, reference_doc=reference_doc, budget=budget)
        outputs.append(Output(item, fmt, path, data))
    return outputs


def folder_target(base: Path, name: str) -> Path:
    """Where the document ``name`` goes in the output folder ``base`` (resolved), with
    every link followed; refused when the name or a link leads out of the folder.

    ``base`` has its links followed already, so only the name itself can still be one:
    one ``lstat`` for a plain name, not one per part of the path (``render --out`` asks
    this for every document)."""
    if "/" in name or os.sep in name or name.startswith("."):
        raise IopctlError(N_("refusing output name {name!r}: not a plain file name"), name=name)
    path = base / name
    if os.path.islink(path):
        path = real(path)
    if not path.is_relative_to(base) or path.parent != base:
        raise IopctlError(
            N_("refusing to write {path}: it is outside the output folder {base}"),
            path=path,
            base=base,
        )
    return path


def collision(file: str, other: str, path: Path) -> IopctlError:
    """Two agreements whose documents would have the same path."""
    return IopctlError(
        N_("{file} and {other} would both be written to {path}"),
        hint=N_("agreement ids must be unique (iopctl validate reports duplicates)"),
        file=file,
        other=other,
        path=path,
    )


MAX_EXISTING_BYTES = 64 * 1024 * 1024
"""An existing document larger than this is not read: it differs from any rendering."""


def read_existing(path: Path, new: bytes) -> bytes | None:
    """The document on disk, or None when there is none; never more than can be equal.

    Only a regular file inside the repository (or the ``--out`` folder given) is read
    (IOP009 otherwise), and at most one byte more than the new document for Markdown and
    HTML, or :data:`MAX_EXISTING_BYTES` for Word and OpenDocument archives: a larger file
    differs, whatever it holds (a 2 GiB file in the output folder costs nothing).
    """
    if not os.path.lexists(path):
        return None
    ensure_inside(path, folder=False, what=N_("existing document"))
    if path.is_dir():
        raise IopctlError(N_("{path} is a folder; cannot write a document there"), path=path)
    if not is_regular_file(path):
        raise IopctlError(
            N_(
                "{path} is not a regular file (a link to nothing, a pipe or a device); "
                "remove it and render again"
            ),
            path=path,
        )
    if path.suffix.lower() in (".md", ".html"):
        limit = len(new) + 1
    else:  # an archive packed very differently still holds the same members
        limit = min(MAX_EXISTING_BYTES, 16 * len(new) + 1024 * 1024)
    try:
        with open(path, "rb") as fh:
            return fh.read(limit)
    except (FileNotFoundError, NotADirectoryError):
        return None  # a folder on the way that is a file is reported when it is created
    except OSError as exc:
        raise IopctlError(
            N_("cannot read {path}: {reason}"), path=path, reason=exc.strerror or exc
        ) from None


def check_outputs(outputs: Sequence[Output]) -> list[Words]:
    """Files that are missing or differ from what would be rendered (``--check``)."""
    from iopctl.atomic import leftovers
    from iopctl.documents.convert import same_document

    changed: list[Words] = []
    for output in outputs:
        assert output.path is not None
        changed.extend(leftover_line(leftover) for leftover in leftovers(output.path))
        old = read_existing(output.path, output.data)
        if old is None:
            changed.append(check_line(output.path, "missing"))
        elif not same_document(output.fmt, old, output.data):
            changed.append(check_line(output.path, "differs"))
    return changed


def leftover_line(leftover: Path) -> Words:
    """``--check``: a temporary file an interrupted write left."""
    return Words(
        N_("{path}: left behind by an interrupted write"), {"path": display_path(leftover)}
    )


_OUTCOMES = {"missing": N_("{path}: missing"), "differs": N_("{path}: differs")}


def check_line(path: Path, outcome: str) -> Words:
    """``--check``: a document that is ``missing`` or ``differs``."""
    return Words(_OUTCOMES[outcome], {"path": display_path(path)})


def conflicts_error(conflicts: Sequence[str]) -> IopctlError:
    """Existing files that differ and ``force`` is off: the run writes nothing."""
    listed = "\n  ".join(conflicts)
    return IopctlError(
        N_("1 existing file differs from the new rendering; nothing was written:\n  {listed}")
        if len(conflicts) == 1
        else N_(
            "{count} existing files differ from the new rendering; nothing was written:\n  {listed}"
        ),
        hint=N_("use --force to overwrite, or --check to only compare"),
        count=len(conflicts),
        listed=listed,
    )


def removed_line(leftover: Path) -> Words:
    return Words(
        N_("removed {path} (left by an interrupted write)"), {"path": display_path(leftover)}
    )


def written_line(path: Path, *, same: bool) -> Words:
    return Words(
        N_("unchanged {path}") if same else N_("wrote {path}"), {"path": display_path(path)}
    )


def make_folder(folder: Path) -> None:
    """The folder a document goes to, created with its parents when it is missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IopctlError(
            N_("cannot create the output folder {path}: {reason}"),
            hint=N_("check the path and your permissions"),
            path=display_path(folder),
            reason=exc.strerror or exc,
        ) from None


def write_outputs(outputs: Sequence[Output], *, force: bool, fsync: bool = False) -> list[Words]:
    """Write every document atomically; refuse (writing nothing) when one would overwrite
    a different file without ``force``. Returns one line per document. ``fsync``: sync
    each file before it is renamed into place (``--fsync``)."""
    from iopctl.atomic import remove_leftovers, write_atomic
    from iopctl.documents.convert import same_document

    plan: list[tuple[Output, bool]] = []
    conflicts: list[str] = []
    for output in outputs:
        assert output.path is not None
        old = read_existing(output.path, output.data)
        same = old is not None and same_document(output.fmt, old, output.data)
        if old is not None and not same and not force:
            conflicts.append(display_path(output.path))
        plan.append((output, same))
    if conflicts:
        raise conflicts_error(conflicts)
    report: list[Words] = []
    for output, same in plan:
        assert output.path is not None
        report.extend(removed_line(leftover) for leftover in remove_leftovers(output.path))
        if not same:
            make_folder(output.path.parent)
            write_atomic(output.path, output.data, fsync=fsync)
        report.append(written_line(output.path, same=same))
    return report
