"""Markdown → Word, OpenDocument or HTML: the only module that knows pandoc.

pandoc comes from the ``pypandoc-binary`` wheel (``pypandoc.get_pandoc_path()``), never
from the system, so every machine converts with the same version. It runs with
``--sandbox``: it reads only the files named on its command line (the reference
document), so an image link in agreement data such as ``![](/etc/passwd)`` cannot pull a
local file into a Word document, and the sandbox also keeps the clock out (Word's
created/modified properties are 1970-01-01, so output bytes do not depend on the time).

Agreement data is Markdown, but pandoc reads it with the extensions that would turn text
into something else switched off: raw HTML and TeX are shown as text, ``---`` blocks are
not YAML metadata, ``$`` is not math, ``@name`` is not a citation, and quotes and dashes
are kept exactly as written (no ``smart``). Nothing in the text can write an attribute
(``[x]{onmouseover=…}``, ``{onclick=…}`` on links, headings, code or ``:::`` divs): those
extensions are off too. A Lua filter (``safe_links.lua``) keeps only links to web and
mail addresses, phone numbers, fragments and relative paths (``javascript:``, ``data:``,
``file:`` and ``//host`` become text) and shows images as their description, so an HTML
page or a Word file never runs or loads anything from the data. In Word and ODT a second
filter (``keep_together.lua``) makes a hyphen between digits non-breaking (U+2011), so a
date or an organisation number is never split across two lines.

pandoc runs with a memory limit (``+RTS -M512m``) and a time limit per document, both
within the run's budget (:mod:`iopctl.documents.budget`): Markdown nested two thousand
levels deep took it past 22 GB; now it is an error that names the document.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
import zlib
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path

from iopctl.documents.budget import PANDOC_MEMORY, PANDOC_SECONDS
from iopctl.errors import IopctlError, UsageError
from iopctl.i18n import N_, Words

_TOO_MUCH = N_(
    "the document is very large or its Markdown unusually nested (`iopctl validate` "
    "reports deep nesting as IOP110); shorten or simplify the text"
)

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "PANDOC_FROM",
    "convert",
    "pandoc_path",
    "reference_doc_warnings",
    "same_document",
]

FORMATS = ("md", "docx", "odt", "html")
BINARY_FORMATS = frozenset({"docx", "odt"})

PANDOC_FROM = (
    "markdown-smart-raw_html-raw_tex-raw_attribute-yaml_metadata_block-tex_math_dollars-citations"
    "-bracketed_spans-fenced_divs-native_divs-native_spans-header_attributes-link_attributes"
    "-inline_code_attributes-fenced_code_attributes-table_attributes-markdown_in_html_blocks"
    "-latex_macros"
)
SAFE_LINKS = Path(__file__).with_name("safe_links.lua")
KEEP_TOGETHER = Path(__file__).with_name("keep_together.lua")
"""Word and ODT: a hyphen between digits (dates, organisation numbers) never breaks."""

LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def pandoc_path() -> str:
    """The pandoc binary shipped in the pypandoc-binary wheel."""
    try:
        import pypandoc
    except ImportError:
        raise IopctlError(
            N_("pypandoc is not installed, so only Markdown can be rendered"),
            hint=N_(
                "install iopctl with its dependencies (pip install pypandoc-binary), "
                "or use --format md"
            ),
        ) from None
    try:
        path: str = pypandoc.get_pandoc_path()
    except OSError:
        raise IopctlError(
            N_("pandoc was not found: iopctl uses the one in the pypandoc-binary package"),
            hint=N_("pip install pypandoc-binary, or use --format md"),
        ) from None
    return path


def reference_doc_warnings(path: Path) -> list[Words]:
    """Problems with a reference document that pandoc would not report.

    pandoc finds styles by their English names ("Heading 1", "Title", "Table"). Word in
    another language may save them under translated names ("Rubrik 1"), and pandoc then
    silently falls back to its defaults (jgm/pandoc#1413).
    """
    if path.suffix.lower() != ".docx":
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/styles.xml")
            if info.file_size > MAX_MEMBER_BYTES:
                return [
                    Words(
                        N_("{path}: word/styles.xml is larger than {limit} bytes"),
                        {"path": path, "limit": f"{MAX_MEMBER_BYTES:,}"},
                    )
                ]
            styles = archive.read(info).decode("utf-8", "replace")
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error):
        return [
            Words(
                N_("{path} is not a Word document with styles (word/styles.xml is missing)"),
                {"path": path},
            )
        ]
    names = set(re.findall(r'<w:name w:val="([^"]+)"', styles))
    lowered = {name.lower() for name in names}
    warnings = []
    for wanted in ("heading 1", "heading 2", "title", "table"):
        if wanted not in lowered:
            translated = sorted(n for n in names if re.match(r"(?i)rubrik ?\d|titel|tabell", n))
            found = ", ".join(translated)
            warnings.append(
                Words(
                    N_(
                        "{path}: no style named {style!r} (found {found}); pandoc uses English "
                        "style names, so this style falls back to pandoc's default"
                    )
                    if translated
                    else N_(
                        "{path}: no style named {style!r}; pandoc uses English style names, "
                        "so this style falls back to pandoc's default"
                    ),
                    {"path": path, "style": wanted, "found": found},
                )
            )
    return warnings


_THE_DOCUMENT = Words(N_("the document"))
"""What an error calls a document converted without a file name (said when shown)."""


def convert(
    markdown: str,
    fmt: str,
    *,
    lang: str,
    metadata: Mapping[str, str],
    reference_doc: Path | None = None,
    seconds: float = PANDOC_SECONDS,
    document: str | Words = _THE_DOCUMENT,
) -> bytes:
    """Convert iopctl Markdown (without its traceability comment) to ``fmt``.

    The first level-1 heading becomes the document title (``--shift-heading-level-by=-1``:
    Word's "Title" style and the title property); level-2 headings become "Heading 1".
    pandoc may use :data:`~iopctl.documents.budget.PANDOC_MEMORY` and ``seconds``.
    """
    if fmt not in ("docx", "odt", "html"):
        raise UsageError(
            N_("cannot convert to {format!r}"), hint=N_("use md, docx, odt or html"), format=fmt
        )
    args = [
        pandoc_path(),
        "+RTS",
        f"-M{PANDOC_MEMORY}",
        "-RTS",
        "--sandbox",
        f"--lua-filter={SAFE_LINKS}",
        f"--from={PANDOC_FROM}",
        f"--to={fmt}",
        "--shift-heading-level-by=-1",
        "--wrap=none",
        # Every pipe table is then "wider than the page": full text width, with column
        # widths in proportion to the dashes under its header (the templates set them).
        "--columns=1",
        "--output=-",
        f"--metadata=lang:{LANG_TAGS.get(lang, lang)}",
    ]
    for key, value in sorted(metadata.items()):
        args.append(f"--metadata={key}:{value}")
    if fmt == "html":
        args.append("--standalone")
    else:
        args.append(f"--lua-filter={KEEP_TOGETHER}")
    if reference_doc is not None:
        args.append(f"--reference-doc={reference_doc}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PANDOC")}
    env["SOURCE_DATE_EPOCH"] = "0"
    try:
        done = subprocess.run(
            args,
            input=markdown.encode("utf-8"),
            capture_output=True,
            timeout=seconds,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise IopctlError(
            N_("pandoc did not finish converting {document} to {format} within {seconds} s"),
            hint=_TOO_MUCH,
            document=document,
            format=fmt,
            seconds=f"{seconds:g}",
        ) from None
    except OSError as exc:
        raise IopctlError(N_("cannot run pandoc ({reason})"), reason=exc.strerror or exc) from None
    message = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode != 0 and "Heap exhausted" in message:
        raise IopctlError(
            N_("pandoc ran out of memory ({memory}B) converting {document} to {format}"),
            hint=_TOO_MUCH,
            memory=PANDOC_MEMORY,
            document=document,
            format=fmt,
        )
    if done.returncode != 0:
        message = message or f"exit {done.returncode}"
        raise IopctlError(
            N_("pandoc could not convert to {format}: {detail}"),
            hint=N_("check --reference-doc (a .docx for docx, an .odt for odt)"),
            format=fmt,
            detail=message,
        )
    return done.stdout


MAX_MEMBER_BYTES = 16 * 1024 * 1024
"""A member of a user's Word file read for a warning (styles.xml) is at most this large."""


def _same_archive(old: bytes, new: bytes) -> bool:
    """Equal members, compared without decompressing anything larger than the new ones.

    The members' names, sizes and checksums are compared first, from the archives'
    directories; only when all agree are the members read, and each read stops at the
    size the new document's member has (a 2 MB file with a 2 GiB member costs nothing).
    """
    try:
        with zipfile.ZipFile(BytesIO(old)) as a, zipfile.ZipFile(BytesIO(new)) as b:
            listed_a = sorted(a.infolist(), key=lambda i: i.filename)
            listed_b = sorted(b.infolist(), key=lambda i: i.filename)
            if len(listed_a) != len(listed_b):
                return False
            for x, y in zip(listed_a, listed_b, strict=True):
                if (x.filename, x.file_size, x.CRC) != (y.filename, y.file_size, y.CRC):
                    return False
            for x, y in zip(listed_a, listed_b, strict=True):
                with a.open(x) as fa, b.open(y) as fb:
                    if fa.read(y.file_size + 1) != fb.read():
                        return False
            return True
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        return False
    except NotImplementedError:  # a compression method zipfile does not know
        return False


def same_document(fmt: str, old: bytes, new: bytes) -> bool:
    """Equal bytes; for docx/odt, equal members of the zip archive (content, not packing)."""
    if old == new:
        return True
    if fmt not in BINARY_FORMATS:
        return False
    return _same_archive(old, new)
