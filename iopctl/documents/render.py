"""Agreements as documents: Jinja2 templates → Markdown.

Pandoc lives in :mod:`iopctl.documents.convert`.

The rules, because the output is a legal text:

* **Missing data is an error, never a blank.** A field that is ``None`` (or absent) reads
  as :class:`~iopctl.documents.sandbox.Missing`: false in ``{% if %}``, an error naming the
  template, its line and the field when printed, looped over or formatted. ``--draft``
  prints a marked placeholder (``[SAKNAS: period.start]``) instead and lists them.
* **Data is not code.** Values are inserted, never evaluated, so ``{{ … }}`` in agreement
  text prints as written. Templates run in a :class:`~jinja2.sandbox.SandboxedEnvironment`
  that also hides everything on a model except its fields and derived facts
  (``agreement.model_dump`` or ``__class__`` stop with an error; :mod:`iopctl.documents.sandbox`).
* **Checked before rendering.** :func:`~iopctl.documents.lint.lint_template` walks the
  template's syntax tree and checks every ``agreement.x.y`` chain (and loop variables bound
  to lists of models) against the model; for the agreement template
  :func:`coverage_problems` also checks that every model field is used or listed in
  :data:`LEFT_OUT` with a reason.
* **Deterministic and traceable.** The same input gives the same Markdown; its first line
  records the agreement file, the template and the sha256 of the template source.

This module renders; the pieces live beside it: :mod:`iopctl.documents.templates` (finding
templates), :mod:`iopctl.documents.context` (what a template sees), :mod:`iopctl.documents.filters`
(formatting), :mod:`iopctl.documents.lint` and :mod:`iopctl.documents.output` (files).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import (
    SecurityError,
    TemplateNotFound,
    TemplateSyntaxError,
)
from pydantic import BaseModel

from iopctl.documents.budget import TEMPLATE_SECONDS, Budget, TimeUp, time_limit
from iopctl.documents.context import (
    DocInfo,
    build_economy,
    build_followup,
    build_notice,
    select_record,
)
from iopctl.documents.extension import ExtensionInfo, Refusal, build_extension
from iopctl.documents.filters import format_duration as format_duration
from iopctl.documents.filters import format_kr as format_kr
from iopctl.documents.filters import format_long_date as format_long_date
from iopctl.documents.filters import format_number as format_number
from iopctl.documents.filters import format_percent as format_percent
from iopctl.documents.filters import format_times as format_times
from iopctl.documents.filters import genitive as genitive
from iopctl.documents.filters import join_names as join_names
from iopctl.documents.filters import make_filters, make_finalize
from iopctl.documents.filters import month_name as month_name
from iopctl.documents.filters import one_line as one_line
from iopctl.documents.lint import LintProblem, annotation_type, lint_source, lint_template
from iopctl.documents.output import Rendered
from iopctl.documents.output import plan_outputs as plan_outputs
from iopctl.documents.reproduction import build_reproduction
from iopctl.documents.sandbox import Missing, MissingFieldError, Sandbox, render_bounded
from iopctl.documents.templates import (
    LANGS,
    TEMPLATE_NAME,
    TEMPLATE_SUFFIX,
    ContainedLoader,
    TemplateSource,
    display_path,
    read_template,
    resolve_template,
    template_search_path,
)
from iopctl.errors import IopctlError, OptionError
from iopctl.facts import Facts
from iopctl.model.agreement import Agreement, PartialAgreement
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData

# Imported ``as`` themselves above: format_kr and the other formatting functions, and
# plan_outputs, are re-exported for the tests, which reach them through ``iopctl.documents.render``.
__all__ = [
    "LEFT_OUT",
    "PLACEHOLDER_LABEL",
    "RenderOptions",
    "coverage_problems",
    "lint_templates",
    "make_environment",
    "render_agreement",
]

LEFT_OUT: dict[str, str] = {
    # Agreement-level bookkeeping: about the record, not part of the agreed text.
    "Agreement.id": "the record's key and file name, not part of the agreed text",
    "Agreement.language": "chooses the template language (--lang default), not printed",
    "Agreement.sources": "provenance of the record (which documents it was encoded from)",
    "Agreement.notes": "internal notes about the record, not agreed text",
    "Agreement.partnership_model": "a classification for reporting (VIVE 2019), not a clause",
    "Agreement.replaces": "ids of other records; the background says it in words",
    "Agreement.replaced_by": "ids of other records, set after the agreement was made",
    "Agreement.follow_ups": "follow-ups held are reports of their own: the followup template",
    "Party.note": "internal note about the party, not agreed text",
    "VolunteerContribution.part_years": "how iopctl counts a part year; the clause says it",
    "InKindContribution.part_years": "how iopctl counts a part year; the clause says it",
    "Decision.note": "internal note about the decision record, not agreed text",
    "Agreement.history": "what happened after signing (payments, reports, decisions): due, "
    "show and the status read it; it is not the agreed text",
    "Agreement.acknowledged": "warnings the record accepts, with reasons: about validation, "
    "not the agreed text",
    "SourceDocument.id": "the key history entries and inferred facts cite a source by",
    "Agreement.original": "the signed text as written, for the reproduction template "
    "(-t reproduction); the agreement template prints the structured fields",
}
"""Model fields the agreement template leaves out on purpose, each with its reason.

``tests/test_render_lint.py`` fails when a field is neither used by the agreement
templates nor listed here, and when an entry here is stale (no such field, or used)."""

PLACEHOLDER_LABEL = {"sv": "SAKNAS", "en": "MISSING"}


# --- rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderOptions:
    template: str = "agreement"
    lang: str | None = None
    draft: bool = False
    template_dirs: tuple[str, ...] = ()
    record: dt.date | int | None = None
    party: str | None = None
    given_on: dt.date | None = None
    new_end: dt.date | None = None
    as_of: dt.date | None = None
    """The day the document is made: index figures known then, the default notice day."""


def _safe_comment_value(text: str) -> str:
    """No ``--``, ``>`` or quotes inside an HTML comment, whatever the path."""
    return re.sub(r'-(?=-)|[>"<\s]', lambda m: f"%{ord(m.group(0)):02X}", text)


def _walk_paths(obj: Any, path: str, into: dict[int, str]) -> None:
    if isinstance(obj, BaseModel):
        if id(obj) in into:
            return
        into[id(obj)] = path
        for name in type(obj).model_fields:
            value = getattr(obj, name, None)
            if isinstance(value, BaseModel | list):
                _walk_paths(value, f"{path}.{name}" if path else name, into)
    elif isinstance(obj, list):
        into.setdefault(id(obj), path)
        for i, item in enumerate(obj):
            if isinstance(item, BaseModel | list):
                _walk_paths(item, f"{path}[{i}]", into)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if id(obj) in into:
            return
        into[id(obj)] = path
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, list) or (
                dataclasses.is_dataclass(value) and not isinstance(value, type)
            ):
                _walk_paths(value, f"{path}.{f.name}", into)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the run: a folder of agreements compiles each once.

    Every agreement gets its own environment (its filters and missing-field class know
    the agreement), so Jinja's per-environment template cache does not help; the
    bytecode cache is shared, keyed by template name and source checksum.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def make_environment(
    search: Sequence[Path],
    *,
    lang: str,
    agreement: PartialAgreement,
    draft: bool,
    paths: dict[int, str],
) -> tuple[Sandbox, type[Missing]]:
    missing = type(
        "Missing",
        (Missing,),
        {
            "_draft": draft,
            "_label": PLACEHOLDER_LABEL[lang],
            "_paths": paths,
            "_placeholders": [],
            "__slots__": (),
        },
    )
    env = Sandbox(
        loader=ContainedLoader(search),
        bytecode_cache=_BYTECODE,
        undefined=missing,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=make_finalize(lang, missing),
    )
    env.filters.update(make_filters(lang, agreement, missing))
    return env, missing


_HEADING = re.compile(r"^#{1,6} ")


def _tidy(markdown: str) -> str:
    """No trailing spaces, a blank line around every heading (pandoc needs the one before),
    at most one blank line in a row, one newline at the end."""
    lines: list[str] = []
    for line in markdown.replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        if _HEADING.match(line):
            lines += ["", line, ""]
        else:
            lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def _template_frame(exc: BaseException, template: TemplateSource) -> tuple[str, int] | None:
    """The template file and line an exception came from (Jinja rewrites the frames)."""
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        if frame.filename.endswith(".j2") or frame.filename == str(template.path):
            return frame.filename, frame.lineno or 0
    return None


def _failure(exc: BaseException, template: TemplateSource, file: str, draft: bool) -> IopctlError:
    where = _template_frame(exc, template)
    place = f"{display_path(where[0])}:{where[1]}" if where else display_path(template.path)
    if isinstance(exc, MissingFieldError):
        hint = exc.hint or (
            "fill it in, or render with --draft to print a marked placeholder instead"
            if not draft
            else "draft placeholders stand in for printed fields only; guard loops and "
            "formats with {% if %}"
        )
        return IopctlError(f"{place}: missing field {exc.path} ({file})", hint=hint)
    if isinstance(exc, SecurityError):
        return IopctlError(
            f"{place}: template refused by the sandbox: {exc}",
            hint="templates may read agreement data only (fields, not methods or __dunders__)",
        )
    if isinstance(exc, TemplateSyntaxError):
        name = exc.filename or str(template.path)
        return IopctlError(
            f"{display_path(name)}:{exc.lineno}: template syntax error: {exc.message}"
        )
    if isinstance(exc, TemplateNotFound):
        return IopctlError(f"{place}: template not found: {exc.name}")
    return IopctlError(
        f"{place}: {type(exc).__name__}: {exc} ({file})",
        hint="check the filters and values used on that line",
    )


def render_agreement(
    loaded: Loaded,
    reference: ReferenceData,
    options: RenderOptions,
    *,
    budget: Budget | None = None,
) -> Rendered:
    """Render one agreement with one template, as Markdown (see :class:`Rendered`).

    The template runs for at most :data:`~iopctl.documents.budget.TEMPLATE_SECONDS`
    (within the run's ``budget``) and builds at most
    :data:`~iopctl.documents.sandbox.MAX_SIZE` characters; whatever goes wrong in it is a
    template error naming its line (exit 1).
    """
    agreement = loaded.agreement
    if agreement is None:
        raise IopctlError(f"{loaded.file}: the file could not be read as an agreement")
    file = display_path(loaded.file)
    lang = options.lang or agreement.language or "sv"
    if lang not in LANGS:
        raise OptionError("lang", lang, "is not supported", hint="use sv or en")
    search = template_search_path(options.template_dirs)
    template = resolve_template(options.template, lang, search)

    problems = lint_template(template.source, str(template.path))
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise IopctlError(
            f"template {display_path(template.path)} does not fit the agreement model:\n{lines}",
            hint="`iopctl render --lint` checks every template",
        )

    context: dict[str, Any] = {}
    paths: dict[int, str] = {}
    _walk_paths(agreement, "", paths)
    env, missing = make_environment(
        search, lang=lang, agreement=agreement, draft=options.draft, paths=paths
    )
    kind = options.template
    qualifier: str | None = None

    context["agreement"] = agreement
    context["doc"] = DocInfo(options.template, lang, file, options.draft)
    as_of = options.given_on or options.as_of
    if as_of is None:
        from iopctl.clock import today_stockholm

        as_of = today_stockholm()
    facts = Facts(agreement, file=loaded.file, as_of=as_of, reference=reference)
    context["economy"] = build_economy(facts)

    if agreement.follow_ups or kind == "followup":
        index = select_record(agreement, options.record)
        context["record"] = agreement.follow_ups[index]
        context["followup"] = build_followup(agreement, index)
        if kind == "followup":
            qualifier = agreement.follow_ups[index].date.isoformat()
    else:
        hint = "the agreement has no follow_ups records"
        context["record"] = missing(hint=hint, path="record")
        context["followup"] = missing(hint=hint, path="followup")

    if options.party is not None or kind == "notice":
        context["notice"] = build_notice(facts, options.party, options.given_on)
        if kind == "notice":
            qualifier = context["notice"].party.id
    else:
        context["notice"] = missing(hint="give --party ID (and --given-on DATE)", path="notice")

    extension: ExtensionInfo | Refusal
    try:
        extension = build_extension(facts, new_end=options.new_end)
    except (ValueError, ArithmeticError) as exc:
        if kind == "extension":
            raise IopctlError(f"{file}: cannot compute the extended amounts: {exc}") from None
        extension = Refusal(f"the extension cannot be computed: {exc}")
    if isinstance(extension, Refusal):
        if kind == "extension":
            raise IopctlError(f"{file}: {extension.reason}", hint=extension.hint)
        context["extension"] = missing(hint=extension.reason, path="extension")
    else:
        context["extension"] = extension
        if kind == "extension":
            qualifier = extension.new_end.isoformat()

    reproduction = build_reproduction(agreement, lang)
    if isinstance(reproduction, Refusal):
        if kind == "reproduction":
            raise IopctlError(f"{file}: {reproduction.reason}", hint=reproduction.hint)
        context["reproduction"] = missing(hint=reproduction.reason, path="reproduction")
    else:
        context["reproduction"] = reproduction

    for name in ("doc", "economy", "followup", "notice", "extension", "reproduction"):
        value = context[name]
        if not isinstance(value, jinja2.Undefined):
            _walk_paths(value, name, paths)

    seconds = (budget or Budget()).allow(TEMPLATE_SECONDS, f"rendering {file}")
    try:
        with time_limit(seconds):
            compiled = env.get_template(template.file_name)
            body = render_bounded(compiled, context)
    except TimeUp:
        raise IopctlError(
            f"{display_path(template.path)}: the template took more than {seconds:g} s for {file}",
            hint="look for loops inside loops or recursion in the template",
        ) from None
    except IopctlError:
        raise
    except Exception as exc:  # a template's mistake, whatever it is: exit 1, not 3
        raise _failure(exc, template, file, options.draft) from None
    agreement_id = getattr(agreement, "id", None)
    if not isinstance(agreement_id, str) or not TEMPLATE_NAME.match(agreement_id):
        from iopctl.model.types import slugify

        agreement_id = slugify(Path(loaded.file).stem) or "agreement"
    metadata = {
        "iopctl-agreement": _safe_comment_value(file),
        "iopctl-template": kind,
        "iopctl-lang": lang,
        "iopctl-template-file": _safe_comment_value(template.file_name),
        "iopctl-template-sha256": template.sha256,
    }
    if options.draft:
        metadata["iopctl-draft"] = "true"
    return Rendered(
        file=file,
        agreement_id=agreement_id,
        template=kind,
        lang=lang,
        qualifier=qualifier,
        body=_tidy(body),
        metadata=metadata,
        placeholders=tuple(missing._placeholders),
        marking=reproduction.marking
        if kind == "reproduction" and not isinstance(reproduction, Refusal)
        else None,
    )


# --- the agreement template's field coverage -------------------------------------------------


def _all_fields() -> dict[str, tuple[type[BaseModel], str]]:
    found: dict[str, tuple[type[BaseModel], str]] = {}

    def visit(cls: type[BaseModel]) -> None:
        for name, info in cls.model_fields.items():
            key = f"{cls.__name__}.{name}"
            if key in found:
                continue
            found[key] = (cls, name)
            kind = annotation_type(info.annotation)
            for inner in kind.classes if kind is not None else ():
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    visit(inner)

    visit(Agreement)
    return found


def _required_fields() -> set[str]:
    """Fields reachable from Agreement without passing through a LEFT_OUT field."""
    required: set[str] = set()
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            key = f"{cls.__name__}.{name}"
            if key in LEFT_OUT:
                continue
            required.add(key)
            kind = annotation_type(info.annotation)
            for inner in kind.classes if kind is not None else ():
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    visit(inner)

    visit(Agreement)
    return required


def coverage_problems(
    used: set[tuple[type, str]], file: str, *, severity: str = "error"
) -> list[LintProblem]:
    """Model fields the agreement template neither uses nor lists in LEFT_OUT; stale entries."""
    used_keys = {f"{cls.__name__}.{name}" for cls, name in used}
    problems = [
        LintProblem(
            file,
            0,
            f"model field {key} is not used by this agreement template; use it, or add it "
            "to LEFT_OUT in iopctl/documents/render.py with the reason",
            severity,
        )
        for key in sorted(_required_fields() - used_keys)
    ]
    every = _all_fields()
    for key in sorted(LEFT_OUT):
        if key not in every:
            problems.append(
                LintProblem(file, 0, f"LEFT_OUT lists {key}, which is not a model field", severity)
            )
        elif key in used_keys:
            problems.append(
                LintProblem(file, 0, f"LEFT_OUT lists {key}, but the template uses it", severity)
            )
    return problems


def lint_templates(template_dirs: Sequence[str] = ()) -> tuple[list[LintProblem], int]:
    """Every template on the search path (user folders first); returns (problems, count).

    A user template that overrides a bundled one hides it, as it does when rendering. The
    coverage check applies to every ``agreement`` template; for a user's own it is a warning.
    """
    search = template_search_path(template_dirs)
    bundled = search[-1]
    problems: list[LintProblem] = []
    seen: set[str] = set()
    count = 0
    for folder in search:
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
            if path.name in seen:
                continue
            seen.add(path.name)
            count += 1
            try:
                source = read_template(path, folder)
            except OSError as exc:
                problems.append(LintProblem(display_path(path), 0, f"cannot read: {exc}"))
                continue
            except IopctlError as exc:
                problems.append(LintProblem(display_path(path), 0, exc.message))
                continue
            found, used = lint_source(source, display_path(path))
            problems.extend(found)
            if path.name.split(".")[0] == "agreement":
                severity = "error" if folder == bundled else "warning"
                problems.extend(coverage_problems(used, display_path(path), severity=severity))
    return problems, count
