"""Every sentence a person reads goes through the catalogue (issue 14's done-when): a
finder of string literals with words in every module of iopctl/ (documents/: its Python;
the agreement templates' legal text is the document's, in the agreement's language) that
reach output without ``_``, ``N_``, ``ngettext``, ``pgettext``, ``NP_`` or ``Plural``.

What the finder does not count, by rule: docstrings; dictionary keys (data, such as the
holiday names facts give); the values of a dictionary keyed by language (``{"sv": …,
"en": …}``: a document's own words, chosen by the agreement's language, not the run's);
``Literal[...]`` codes; markup (a string that starts with ``<``); commands and protocol
(``iopctl …``, ``git …``); words given in both languages at once (``d(sv, en)``, the
model's field descriptions); a command's ``help=`` (extracted for the catalogue by
``iopctl/i18n/extract_help.py``); and the arguments of an exception or a ``raise`` —
the command line's errors have a lint of their own (tests/test_i18n_lint.py). What it
does not count by name is :data:`ALLOWED` (literals) and :data:`ALLOWED_MODULES`, each
with the reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "iopctl"
ALLOWED_MODULES: dict[str, str] = {
    "problems/codes.py": "the codes' one-line titles for docs/diagnostics.md (developers)",
    "reading/yaml_phrases.py": "PyYAML's own English phrases, matched to catalogue ids",
    "model/fieldref.py": "writes docs/fields.md, whose descriptions are bilingual",
    "i18n/catalogue.py": "the catalogue's own tooling",
    "i18n/extract_help.py": "the catalogue's own tooling",
}
"""Modules whose literals are not words for the users of the command, and why."""

_TWO_WORDS = re.compile(r"[A-Za-zÅÄÖåäö]{2,} [A-Za-zÅÄÖåäö]{2,}")
_NOT_WORDS = (  # commands, protocol
    "iopctl ",
    "`iopctl ",
    "-//iopctl",
    "\\ No newline",
    "  git ",
    "  pre-commit ",
    "  iopctl ",
)
MARKED = frozenset({"_", "N_", "ngettext", "pgettext", "NP_", "Plural"})
LANGUAGES = frozenset({"sv", "en"})
BILINGUAL = frozenset({"d", "Bilingual"})
"""Words given in both languages at once (the model's field descriptions, ``d(sv, en)``)."""

ALLOWED: dict[str, frozenset[str]] = {
    # Not words for people: styles, and the text of other programs that iopctl matches.
    "present/terminal.py": frozenset({"bold red"}),  # rich styles
    "present/columns.py": frozenset({"CSV column"}),  # the msgctxt of the CSV headers
    # Data: the statutes' names of the Swedish holidays, the reason a day is not a
    # business day; present/calendar_words.day_reason says them in the language.
    "facts/workdays.py": frozenset(
        {
            "trettondedag jul",
            "annandag påsk",
            "första maj",
            "kristi himmelsfärdsdag",
            "annandag pingst",
            "alla helgons dag",
            "annandag jul",
        }
    ),
    "documents/convert.py": frozenset(
        {
            "Heap exhausted",  # pandoc's own stderr, matched, never shown
            # Not yet through the catalogue: pandoc errors and warnings built before the
            # raise or printed by render (branch errors / render own these modules).
        }
    ),
    # Click's own text, matched to translate it; a key to a message; a module's docstring.
    "cli/click_words.py": frozenset({"Show this message and exit."}),
    "cli/lean.py": frozenset({"No Pydantic plugins (iopctl.cli.lean)."}),
    "cli/parsing.py": frozenset({"party name"}),  # a key of scaffold/answers._EMPTY
    "cli/prompts.py": frozenset({"party name", "municipality or region"}),  # the same keys
    # PyYAML's messages, matched (reading/yaml_phrases.py says them in the language).
    "reading/yaml_errors.py": frozenset(
        {
            "invalid YAML",
            "exceeded maximum nesting depth",
            "mapping values are not allowed",
            "control characters are not allowed",
            "special characters",
            "found undefined alias",
            "another document",
        }
    ),
    # For tools, not people: the JSON Schema's description of a partial date (editors show
    # it beside the model's bilingual field descriptions).
    "model/dates.py": frozenset(
        {"A date, or as much of it as is known: YYYY-MM, YYYY-spring, YYYY-autumn or YYYY."}
    ),
    # A comment iopctl writes at the top of indices/*.yaml: English, like the keys it
    # explains, and the same bytes whoever runs `iopctl index add`.
    "money/index_files.py": frozenset(
        {
            "# Index figures of this repository, kept with `iopctl index add` (edit by hand if"
            " you\n# like: the format is that of iopctl's bundled indices.yaml, but comments"
            " are not\n# kept when iopctl writes the file). Every value names its source.\n"
        }
    ),
    # A programmer's errors in the money functions (their inputs are validated before;
    # MissingIndexError is caught by chain_until_missing and shown as IOP503).
    "money/arithmetic.py": frozenset(
        {
            "base amount",
            "assumed percent",
            "rate per hour",
            "hourly wage",
            "employer contribution percent",
            "rounding unit",
            " published on or before ",
            " and later years.",
            " value for ",
            ". Add it to an index file:\n  indices:\n    ",
            "\n          percent: <percent>\n          status: preliminary   # or definitive\n"
            '          source: "<who published it, when, URL>"\nor pass --assume <percent> to'
            " estimate ",
        }
    ),
    # Codes, the same in every language (the JSON's values; a RateSource is a Literal,
    # and its default is written where the Literal is not seen).
    "views/economy/agreement.py": frozenset({"not stated", "value_per_year / hours_per_year"}),
    "present/economy_data.py": frozenset({"(no public party)"}),  # a JSON value, as `body`
    # Words for the developer: the coverage check's reasons why a model field is left out
    # of the agreement template, and its messages (tests/test_documents_coverage.py).
    "documents/coverage.py": frozenset(
        {
            "the record's key and file name, not part of the agreed text",
            "provenance of the record (which documents it was encoded from)",
            "internal notes about the record, not agreed text",
            "a classification for reporting (VIVE 2019), not a clause",
            "ids of other records; the background says it in words",
            "ids of other records, set after the agreement was made",
            "follow-ups held are reports of their own: the followup template",
            "internal note about the party, not agreed text",
            "how iopctl counts a part year; the clause says it",
            "internal note about the decision record, not agreed text",
            "what happened after signing (payments, reports, decisions): due, show and the"
            " status read it; the extensions, notice and amendments it records are printed"
            " through `recorded`",
            "the older place for extensions decided: printed through `recorded.extensions`"
            " (iopctl.documents.recorded), which reads it and history alike",
            "the older place for notice given: printed through `recorded.notice`, which reads"
            " it and history alike",
            "the older place for amendments: printed through `recorded.amendments`, which"
            " reads it and history alike",
            "warnings the record accepts, with reasons: about validation, not the agreed text",
            "the key history entries and inferred facts cite a source by",
            "the signed text as written, for the reproduction template (-t reproduction);"
            " the agreement template prints the structured fields",
            "for letters (the notice); the agreement text has no addresses",
            "model field ",
            " is not used by this agreement template; use it, or add it to LEFT_OUT in"
            " iopctl/documents/coverage.py with the reason",
            "LEFT_OUT lists ",
            ", which is not a model field",
            ", but the template uses it",
            "cannot read: ",
        }
    ),
    # The "did you mean" of `render --lint` (below); a diagnostic's hint uses maybe_meant,
    # in the language.
    "present/suggest.py": frozenset({"did you mean "}),
    # Not yet through the catalogue: the `render --lint` report of a template's problems
    # and the words a template's own errors put in it (filters, missing, sandbox), read by
    # whoever writes templates: listed so that none is added unseen.
    "documents/filters.py": frozenset(
        {
            "en gång",  # a template filter's word, in the agreement's language
            "the id is not among parties[].id",
            "(a value that is None)",
        }
    ),
    "documents/lint.py": frozenset(
        {
            "unknown variable ",
            " asked of a list (",
            "): loop over it",
            " has no field ",
            "unknown filter ",
            "unknown test ",
            " has no attribute ",
            "syntax error: ",
        }
    ),
    "documents/missing.py": frozenset({"missing field "}),
    "documents/sandbox.py": frozenset({"the document", "namespace value "}),
}
"""Module (under iopctl/) → literals with words that are allowed there, and why."""


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _not_counted(tree: ast.AST) -> set[int]:
    """The nodes the rules above leave out (see the module docstring)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _name(node)
            if name in MARKED or name in BILINGUAL or name.endswith(("Error", "Exception")):
                skip.update(id(sub) for sub in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg == "help":  # a command's help: extracted for the catalogue
                    skip.update(id(sub) for sub in ast.walk(keyword.value))
        elif isinstance(node, ast.Raise):
            skip.update(id(sub) for sub in ast.walk(node))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))
        elif isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            skip.update(id(key) for key in node.keys if key is not None)
            if keys and set(keys) <= LANGUAGES:
                skip.update(id(sub) for value in node.values for sub in ast.walk(value))
        elif isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "Literal":
            skip.update(id(sub) for sub in ast.walk(node.slice))
    return skip


def bare_sentences(path: Path, allowed: frozenset[str] = frozenset()) -> list[str]:
    """String literals of two or more words in ``path`` that no rule leaves out and that
    are not in ``allowed``, as ``file:line: 'literal'``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _not_counted(tree)
    return sorted(
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if id(node) not in skip
        and isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _TWO_WORDS.search(node.value)
        and not node.value.startswith(_NOT_WORDS)
        and not node.value.lstrip().startswith("<")
        and node.value not in allowed
    )


def test_every_sentence_a_person_reads_is_a_message() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if module not in ALLOWED_MODULES:
            found += [
                f"{module}: {line}"
                for line in bare_sentences(path, ALLOWED.get(module, frozenset()))
            ]
    assert not found, "\n".join(found)


def test_every_allowed_literal_is_still_there() -> None:
    """An allowance that no longer matches a bare literal goes (the list shrinks as words
    move in: a literal now marked for the catalogue needs no allowance)."""
    stale = []
    for module, literals in ALLOWED.items():
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        skip = _not_counted(tree)
        bare = {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
        }
        stale += [f"{module}: {literal!r}" for literal in literals if literal not in bare]
    assert not stale, "\n".join(stale)


def test_the_finder_finds_a_bare_sentence(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(
        "from iopctl.i18n import _\n"
        "WORDS = {'sv': 'uppgift saknas', 'en': 'not known'}\n"
        "def f(n):\n"
        "    print(_('{n} changes').format(n=n))\n"
        "    raise ValueError('no such thing')\n"
        "    return f'{n} changes in meaning'\n",
        encoding="utf-8",
    )
    assert bare_sentences(path) == ["m.py:6: ' changes in meaning'"]
    assert bare_sentences(path, frozenset({" changes in meaning"})) == []


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]*>", re.S)
_WORDY_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"{]*)"')


def test_the_site_templates_print_only_words_from_the_catalogue() -> None:
    """The site's templates (iopctl/site/templates) print ``w.<key>``: no text of their
    own between tags, nor in an attribute a person reads."""
    found = []
    for path in sorted((PACKAGE / "site" / "templates").glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        text = _TAG.sub(" ", _JINJA.sub(" ", source))
        found += [f"{path.name}: {m.group(0)!r}" for m in _TWO_WORDS.finditer(text)]
        found += [
            f"{path.name}: {m.group(1)!r}"
            for m in _WORDY_ATTRIBUTE.finditer(_JINJA.sub(" ", source))
            if _TWO_WORDS.search(m.group(1))
        ]
    assert not found, "\n".join(found)
