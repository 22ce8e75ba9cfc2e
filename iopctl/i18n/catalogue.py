"""The one command that regenerates the catalogue: ``python -m iopctl.i18n.catalogue``.

It extracts every marked message (``_``, ``N_``, ``ngettext``, ``pgettext``, ``NP_``)
from ``iopctl/**.py`` into ``locale/iopctl.pot``, updates
``locale/{sv,en}/LC_MESSAGES/iopctl.po`` from it, and compiles each to ``iopctl.mo``.
The output is deterministic (fixed header dates, sorted messages, no source locations),
so a rerun on an unchanged tree changes nothing and two branches that add messages merge
like any sorted list. English is the language of the message ids: an English message
without a translation gets its id. Tests check that this reproduces the committed files
(tests/test_i18n.py). Babel is used here only, never when iopctl runs.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from iopctl.i18n import DOMAIN, LANGUAGES, LOCALE_DIR

__all__ = ["KEYWORDS", "compile_catalogue", "extract", "render_po", "update"]

PACKAGE = LOCALE_DIR.parent.parent
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""Every header date: the files change when the messages do, not when they are rebuilt."""
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "Plural": (1, 2),
    "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}
COMMENT_TAGS = ("TRANSLATORS:",)
POT = LOCALE_DIR / f"{DOMAIN}.pot"


def _po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _new_catalogue(locale: str | None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        project="iopctl",
        version="1",
        copyright_holder="iopctl developers",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        last_translator="iopctl developers",
        language_team=f"{locale or 'LANGUAGE'} <https://github.com/iopctl/iopctl>",
        charset="utf-8",
        fuzzy=False,
    )


def extract() -> Catalog:
    """Every marked message in the package, sorted, without source locations."""
    template = _new_catalogue(None)
    found = extract_from_dir(
        str(PACKAGE),
        # The command line's help texts (docstrings, help="…") too: extract_help.py.
        method_map=[("cli/**.py", "iopctl.i18n.extract_help:extract"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for _filename, _lineno, message, comments, context in found:
        template.add(message, None, auto_comments=comments, context=context)
    return template


def update(template: Catalog, lang: str) -> Catalog:
    """``lang``'s catalogue with ``template``'s messages, its translations kept."""
    path = _po_path(lang)
    if path.exists():
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=lang, domain=DOMAIN)
    else:
        catalogue = _new_catalogue(lang)
    catalogue.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalogue.obsolete.clear()
    catalogue.creation_date = FIXED_DATE
    catalogue.revision_date = FIXED_DATE
    catalogue.fuzzy = False
    if lang == "en":
        for message in catalogue:
            if message.id and not _translated(message.string):
                message.string = message.id
    return catalogue


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def render_po(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalogue, width=100, no_location=True, sort_output=True, omit_header=False)
    return out.getvalue()


def compile_catalogue(catalogue: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


def build() -> dict[Path, bytes]:
    """Every catalogue file, as it should be on disk."""
    template = extract()
    files = {POT: render_po(template)}
    for lang in LANGUAGES:
        catalogue = update(template, lang)
        files[_po_path(lang)] = render_po(catalogue)
        files[_po_path(lang).with_suffix(".mo")] = compile_catalogue(catalogue)
    return files


def main() -> int:
    changed = 0
    for path, data in build().items():
        if not path.exists() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            changed += 1
            sys.stdout.write(f"wrote {path.relative_to(PACKAGE.parent)}\n")
    missing = [
        (lang, message.id)
        for lang in LANGUAGES
        for message in update(extract(), lang)
        if message.id and not _translated(message.string)
    ]
    for lang, msgid in missing:
        sys.stdout.write(f"untranslated ({lang}): {msgid!r}\n")
    sys.stdout.write(f"{changed} file(s) written, {len(missing)} message(s) untranslated\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
