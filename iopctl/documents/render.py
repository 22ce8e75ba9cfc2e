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
  :func:`~iopctl.documents.coverage.coverage_problems` also checks that every model
  field is used or listed in :data:`~iopctl.documents.coverage.LEFT_OUT` with a reason.
* **Deterministic and traceable.** The same input gives the same Markdown; its first line
  records the agreement file, the template and the sha256 of the template source.

This module renders; the pieces live beside it: :mod:`iopctl.documents.templates` (finding
templates), :mod:`iopctl.documents.context` (what a template sees), :mod:`iopctl.documents.filters`
(formatting), :mod:`iopctl.documents.environment` (the Jinja environment),
:mod:`iopctl.documents.lint`, :mod:`iopctl.documents.coverage` and
:mod:`iopctl.documents.output` (files).
"""

from __future__ import annotations

import datetime as dt
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import (
    SecurityError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from iopctl.documents.budget import TEMPLATE_SECONDS, Budget, TimeUp, time_limit
from iopctl.documents.context import (
    DocInfo,
    build_economy,
    build_followup,
    build_notice,
    select_record,
)
from iopctl.documents.coverage import LEFT_OUT as LEFT_OUT
from iopctl.documents.coverage import coverage_problems as coverage_problems
from iopctl.documents.coverage import lint_templates as lint_templates
from iopctl.documents.environment import PLACEHOLDER_LABEL as PLACEHOLDER_LABEL
from iopctl.documents.environment import Paths, RunTemplates, fits_the_model
from iopctl.documents.extension import ExtensionInfo, Refusal, build_extension
from iopctl.documents.filters import format_duration as format_duration
from iopctl.documents.filters import format_kr as format_kr
from iopctl.documents.filters import format_long_date as format_long_date
from iopctl.documents.filters import format_number as format_number
from iopctl.documents.filters import format_percent as format_percent
from iopctl.documents.filters import format_times as format_times
from iopctl.documents.filters import genitive as genitive
from iopctl.documents.filters import join_names as join_names
from iopctl.documents.filters import month_name as month_name
from iopctl.documents.filters import one_line as one_line
from iopctl.documents.lint import lint_source as lint_source
from iopctl.documents.output import Rendered
from iopctl.documents.output import plan_outputs as plan_outputs
from iopctl.documents.recorded import build_recorded
from iopctl.documents.reproduction import ReproductionInfo, build_reproduction
from iopctl.documents.sandbox import Missing, MissingFieldError, render_bounded
from iopctl.documents.templates import (
    LANGS,
    TEMPLATE_NAME,
    TemplateSource,
    display_path,
)
from iopctl.errors import IopctlError, OptionError
from iopctl.facts import Facts, facts_of
from iopctl.frozen import frozen
from iopctl.i18n import N_, Words
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData
from iopctl.problems.diagnostic import HINT

# Imported ``as`` themselves above: the formatting functions, plan_outputs, the coverage
# check and the environment are re-exported for the tests, which reach them through
# ``iopctl.documents.render``.
__all__ = ["RenderOptions", "render_agreement"]

EXTENSIONS = ("extension", "extension-agreement")
"""The two extension documents: the proposal to the committee, and the agreement the
parties sign. Both refuse what :func:`build_extension` refuses."""


# --- rendering ---------------------------------------------------------------------------------


@frozen
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


_HEADING = re.compile(r"#{1,6} ")
_BLANK_LINES = re.compile(r"\n\n\n+")


def _tidy(markdown: str) -> str:
    """No trailing spaces, a blank line around every heading (pandoc needs the one before),
    at most one blank line in a row, one newline at the end.

    One pass over the lines (a heading is told by its first character before any pattern
    is tried), and one substitution for the blank lines, whose pattern starts with the
    three newlines it needs, so the search skips to them (``render`` tidies every
    document; a pattern anchored at each line's start was tried at every character). The
    trailing spaces by ``rstrip``: a pattern for them backtracks over every long run of
    spaces inside a line.
    """
    if "\r" in markdown:  # a search costs less than a replace that finds nothing
        markdown = markdown.replace("\r\n", "\n")
    lines = markdown.split("\n")
    text = "\n".join(
        [
            f"\n{line}\n" if line[:1] == "#" and _HEADING.match(line) else line
            for line in [line.rstrip() for line in lines]
        ]
    )
    return _BLANK_LINES.sub("\n\n", text).strip("\n") + "\n"


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
        # A field's own hint (the reason it is missing) is quoted as the agreement gave it.
        hint = (
            HINT
            if exc.hint
            else N_("fill it in, or render with --draft to print a marked placeholder instead")
            if not draft
            else N_(
                "draft placeholders stand in for printed fields only; guard loops and "
                "formats with {{% if %}}"
            )
        )
        return IopctlError(
            N_("{place}: missing field {path} ({file})"),
            hint=hint,
            place=place,
            path=exc.path,
            file=file,
            hint_words=exc.hint,
        )
    if isinstance(exc, SecurityError):
        return IopctlError(
            N_("{place}: template refused by the sandbox: {detail}"),
            hint=N_("templates may read agreement data only (fields, not methods or __dunders__)"),
            place=place,
            detail=exc,
        )
    if isinstance(exc, TemplateSyntaxError):
        name = exc.filename or str(template.path)
        return IopctlError(
            N_("{file}:{line}: template syntax error: {detail}"),
            file=display_path(name),
            line=exc.lineno,
            detail=exc.message,
        )
    if isinstance(exc, TemplateNotFound):
        return IopctlError(N_("{place}: template not found: {name}"), place=place, name=exc.name)
    return IopctlError(
        N_("{place}: {kind}: {detail} ({file})"),
        hint=N_("check the filters and values used on that line"),
        place=place,
        kind=type(exc).__name__,
        detail=exc,
        file=file,
    )


DRAFT_STATUSES = frozenset({"draft"})
"""Derived statuses whose documents render as drafts without ``--draft``: banner, placeholders."""
ENDED_STATUSES = frozenset({"ended", "ended_early"})
"""Derived statuses whose documents print "uppgift saknas" where the sources say nothing."""


def render_agreement(
    loaded: Loaded,
    reference: ReferenceData,
    options: RenderOptions,
    *,
    budget: Budget | None = None,
    templates: RunTemplates | None = None,
) -> Rendered:
    """Render one agreement with one template, as Markdown (see :class:`Rendered`).

    ``templates``: the run's templates, found, checked and compiled once for all its
    agreements (by default, for this one only).

    A draft (``--draft``, ``status: draft``, or a derived status of draft) prints missing
    fields as placeholders under a banner; an ended agreement prints "uppgift saknas"
    where its sources say nothing; any other agreement stops at a missing field (which
    ``iopctl validate`` warns about: IOP316). The template runs for at most
    :data:`~iopctl.documents.budget.TEMPLATE_SECONDS` (within the run's ``budget``) and
    builds at most :data:`~iopctl.documents.sandbox.MAX_SIZE` characters; whatever goes
    wrong in it is a template error naming its line (exit 1).
    """
    agreement = loaded.agreement
    if agreement is None:
        raise IopctlError(
            N_("{file}: the file could not be read as an agreement"), file=loaded.file
        )
    file = display_path(loaded.file)
    lang = options.lang or agreement.language or "sv"
    if lang not in LANGS:
        raise OptionError("lang", lang, N_("is not supported"), hint=N_("use sv or en"))
    run = templates or RunTemplates(options.template_dirs)
    template = run.source(options.template, lang, fits_the_model)

    as_of = options.given_on or options.as_of
    if as_of is None:
        from iopctl.clock import today_stockholm

        as_of = today_stockholm()
    facts = facts_of(loaded, as_of=as_of, reference=reference)
    assert facts is not None  # the agreement was read
    status = facts.status.status
    draft = options.draft or agreement.status == "draft" or status in DRAFT_STATUSES
    unknown = not draft and status in ENDED_STATUSES
    paths = Paths()
    paths.add(agreement, "")
    env, missing = run.bind(
        lang=lang, agreement=agreement, draft=draft, paths=paths, unknown=unknown
    )
    context: dict[str, Any] = {
        "agreement": agreement,
        "doc": DocInfo(options.template, lang, file, draft, unknown),
        "economy": build_economy(facts),
        "recorded": build_recorded(facts),
    }
    qualifier = _documents_context(context, facts, options, missing, file)
    reproduction = build_reproduction(agreement, lang, draft=draft)
    if isinstance(reproduction, Refusal):
        if options.template == "reproduction":
            raise reproduction.error(file)
        context["reproduction"] = missing(hint=reproduction.words(), path="reproduction")
    else:
        context["reproduction"] = reproduction
    for name in ("doc", "economy", "followup", "notice", "extension", "reproduction", "recorded"):
        value = context[name]
        if not isinstance(value, jinja2.Undefined):
            paths.add(value, name)

    seconds = (budget or Budget()).allow(
        TEMPLATE_SECONDS, Words(N_("rendering {file}"), {"file": file})
    )
    try:
        with time_limit(seconds):
            compiled = env.get_template(template.file_name)
            body = render_bounded(compiled, context)
    except TimeUp:
        raise IopctlError(
            N_("{path}: the template took more than {seconds} s for {file}"),
            hint=N_("look for loops inside loops or recursion in the template"),
            path=display_path(template.path),
            seconds=f"{seconds:g}",
            file=file,
        ) from None
    except IopctlError:
        raise
    except Exception as exc:  # a template's mistake, whatever it is: exit 1, not 3
        raise _failure(exc, template, file, draft) from None
    metadata = _metadata(file, options.template, lang, template, draft)
    return Rendered(
        file=file,
        agreement_id=_output_id(loaded),
        template=options.template,
        lang=lang,
        qualifier=qualifier,
        body=_tidy(body),
        metadata=metadata,
        placeholders=tuple(missing._placeholders) if draft else (),
        unknown=() if draft else tuple(missing._placeholders),
        marking=_marking(context, options.template),
    )


def _marking(context: dict[str, Any], kind: str) -> str | None:
    """A reproduction's marking, for Word's and ODT's page header; no other document has one."""
    reproduction = context["reproduction"]
    if kind == "reproduction" and isinstance(reproduction, ReproductionInfo):
        return reproduction.marking
    return None


def _documents_context(
    context: dict[str, Any],
    facts: Facts,
    options: RenderOptions,
    missing: type[Missing],
    file: str,
) -> str | None:
    """The follow-up record, notice and extension a template may print (missing where the
    agreement has none); returns the output name's qualifier of the document asked for."""
    agreement, kind = facts.agreement, options.template
    qualifier: str | None = None
    if agreement.follow_ups or kind == "followup":
        index = select_record(agreement, options.record)
        context["record"] = agreement.follow_ups[index]
        context["followup"] = build_followup(facts, index)
        if kind == "followup":
            qualifier = agreement.follow_ups[index].date.isoformat()
    else:
        hint = Words(N_("the agreement has no follow_ups records"))
        context["record"] = missing(hint=hint, path="record")
        context["followup"] = missing(hint=hint, path="followup")

    if options.party is not None or kind == "notice":
        context["notice"] = build_notice(facts, options.party, options.given_on)
        if kind == "notice":
            qualifier = context["notice"].party.id
    elif facts.term.notice is not None:  # the recorded notice, for the agreement's words
        try:
            context["notice"] = build_notice(facts, None, None)
        except IopctlError as exc:
            context["notice"] = missing(hint=Words(exc.msgid, exc.args_), path="notice")
    else:
        hint = Words(N_("give --party ID (and --given-on DATE)"))
        context["notice"] = missing(hint=hint, path="notice")

    extension: ExtensionInfo | Refusal
    try:
        extension = build_extension(facts, new_end=options.new_end)
    except (ValueError, ArithmeticError) as exc:
        if kind in EXTENSIONS:
            raise IopctlError(
                N_("{file}: cannot compute the extended amounts: {detail}"), file=file, detail=exc
            ) from None
        extension = Refusal(N_("the extension cannot be computed: {detail}"), args={"detail": exc})
    if isinstance(extension, Refusal):
        if kind in EXTENSIONS:
            raise extension.error(file)
        context["extension"] = missing(hint=extension.words(), path="extension")
    else:
        context["extension"] = extension
        if kind in EXTENSIONS:
            qualifier = extension.new_end.isoformat()
    return qualifier


def _output_id(loaded: Loaded) -> str:
    """The agreement's id for output names, or a slug of its file name when it has none."""
    agreement_id = getattr(loaded.agreement, "id", None)
    if not isinstance(agreement_id, str) or not TEMPLATE_NAME.match(agreement_id):
        from iopctl.model.types import slugify

        agreement_id = slugify(Path(loaded.file).stem) or "agreement"
    return agreement_id


def _metadata(
    file: str, kind: str, lang: str, template: TemplateSource, draft: bool
) -> dict[str, str]:
    """The traceability comment's fields: agreement, template and its sha256, draft."""
    metadata = {
        "iopctl-agreement": _safe_comment_value(file),
        "iopctl-template": kind,
        "iopctl-lang": lang,
        "iopctl-template-file": _safe_comment_value(template.file_name),
        "iopctl-template-sha256": template.sha256,
    }
    if draft:
        metadata["iopctl-draft"] = "true"
    return metadata
