"""Agreements as documents: Jinja2 templates → Markdown (pandoc lives in :mod:`iopctl.convert`).

The rules, because the output is a legal text:

* **Missing data is an error, never a blank.** A field that is ``None`` (or absent) reads
  as :class:`Missing`: false in ``{% if %}``, an error naming the template, its line and
  the field when printed, looped over or formatted. ``--draft`` prints a marked
  placeholder (``[SAKNAS: period.start]``) instead and lists them.
* **Data is not code.** Values are inserted, never evaluated, so ``{{ … }}`` in agreement
  text prints as written. Templates run in a :class:`~jinja2.sandbox.SandboxedEnvironment`
  that also hides everything on a model except its fields and derived facts
  (``agreement.model_dump`` or ``__class__`` stop with an error).
* **Checked before rendering.** :func:`lint_template` walks the template's syntax tree
  and checks every ``agreement.x.y`` chain (and loop variables bound to lists of models)
  against the model; for the agreement template it also checks that every model field is
  used or listed in :data:`LEFT_OUT` with a reason.
* **Deterministic and traceable.** The same input gives the same Markdown; its first line
  records the agreement file, the template and the sha256 of the template source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import importlib.resources
import os
import re
import traceback
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal, NoReturn, get_args, get_origin

import jinja2
from jinja2 import nodes
from jinja2.exceptions import (
    SecurityError,
    TemplateError,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing as _jinja_missing
from pydantic import BaseModel

from iopctl.errors import IopctlError, UsageError
from iopctl.loader import Loaded
from iopctl.model import (
    Agreement,
    Economy,
    Extension,
    FollowUpRecord,
    InKindContribution,
    MoneyContribution,
    Party,
    Signature,
    VolunteerContribution,
)
from iopctl.money import IndexSeries, MissingIndexError, Rounding, index_chain
from iopctl.reference import ReferenceData
from iopctl.types import Duration

__all__ = [
    "LANGS",
    "LEFT_OUT",
    "TEMPLATES",
    "DocInfo",
    "EconomyRow",
    "EconomyView",
    "ExtensionInfo",
    "FollowUpView",
    "IndexedAmount",
    "IndexedContribution",
    "LintProblem",
    "Missing",
    "MissingFieldError",
    "NoticeInfo",
    "RenderOptions",
    "Rendered",
    "bundled_template_dir",
    "coverage_problems",
    "format_kr",
    "lint_templates",
    "render_agreement",
    "template_search_path",
]

TEMPLATES = ("agreement", "followup", "notice", "extension")
"""The bundled document kinds; any other name is a user template from --template-dir."""

LANGS = ("sv", "en")
TEMPLATE_SUFFIX = ".md.j2"

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
    "Decision.note": "internal note about the decision record, not agreed text",
}
"""Model fields the agreement template leaves out on purpose, each with its reason.

``tests/test_render_lint.py`` fails when a field is neither used by the agreement
templates nor listed here, and when an entry here is stale (no such field, or used)."""

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
NBSP = "\u00a0"
PLACEHOLDER_LABEL = {"sv": "SAKNAS", "en": "MISSING"}


# --- where templates live ----------------------------------------------------------------------


def bundled_template_dir() -> Path:
    """``iopctl/_templates`` in a wheel; the repository's ``templates/`` in a checkout."""
    try:
        packaged = importlib.resources.files("iopctl") / "_templates"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, NotADirectoryError, OSError):  # pragma: no cover
        pass
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise IopctlError(  # pragma: no cover - a broken installation
        "the bundled templates were not found (neither iopctl/_templates nor templates/)",
        hint="reinstall iopctl, or pass --template-dir",
    )


def bundled_reference_doc() -> Path | None:
    path = bundled_template_dir() / "reference.docx"
    return path if path.is_file() else None


def template_search_path(template_dirs: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """The user's folders first (in order), then the bundled templates."""
    found: list[Path] = []
    for raw in template_dirs:
        path = Path(raw)
        if not path.is_dir():
            raise UsageError(
                f"template folder does not exist: {raw}",
                hint="--template-dir takes a folder with NAME.LANG.md.j2 files",
            )
        found.append(path)
    found.append(bundled_template_dir())
    return found


_TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def template_file_names(name: str, lang: str) -> list[str]:
    """``NAME.LANG.md.j2`` first, then the language-neutral ``NAME.md.j2``."""
    return [f"{name}.{lang}{TEMPLATE_SUFFIX}", f"{name}{TEMPLATE_SUFFIX}"]


def _display(path: str | os.PathLike[str]) -> str:
    """A path as a user would type it: relative to the current folder when inside it."""
    text = os.fspath(path)
    absolute = os.path.abspath(text)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(text).as_posix()
    if relative.startswith(".."):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


# --- missing values ----------------------------------------------------------------------------


class MissingFieldError(UndefinedError):
    """A template printed, looped over or formatted a field that has no value."""

    def __init__(self, path: str, hint: str | None = None) -> None:
        super().__init__(f"missing field {path}")
        self.path = path
        self.hint = hint


class Missing(jinja2.Undefined):
    """A field without a value. Falsy, chainable (``missing.x`` is missing too); printing
    it raises :class:`MissingFieldError`, or gives a placeholder in draft mode.

    Each render makes a subclass that knows the draft flag, the placeholder label and the
    data path of every object (``id(obj) → "parties[1]"``), so the error can say which field.
    """

    __slots__ = ("_path",)
    _draft: ClassVar[bool] = False
    _label: ClassVar[str] = "SAKNAS"
    _paths: ClassVar[dict[int, str]] = {}
    _placeholders: ClassVar[list[str]] = []

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = _jinja_missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
        *,
        path: str | None = None,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if path is None:
            path = self._path_of(obj, name)
        self._path = path

    @classmethod
    def _path_of(cls, obj: Any, name: Any) -> str:
        if obj is _jinja_missing or obj is None:
            return str(name)
        if isinstance(obj, Missing):
            base = obj._path
        else:
            base = cls._paths.get(id(obj), "")
            if not base and not isinstance(obj, Agreement):
                base = type(obj).__name__
        if isinstance(name, int):
            return f"{base}[{name}]"
        return f"{base}.{name}" if base else str(name)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is not UndefinedError and self._undefined_hint:
            return self._undefined_hint
        return f"missing field {self._path}"

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if self._undefined_exception is not UndefinedError:
            raise self._undefined_exception(self._undefined_message)
        raise MissingFieldError(self._path, self._undefined_hint)

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        return type(self)(
            hint=self._undefined_hint,
            exc=self._undefined_exception,
            path=f"{self._path}.{name}",
        )

    def _placeholder(self) -> str | None:
        if self._draft and self._undefined_exception is UndefinedError:
            if self._path not in self._placeholders:
                self._placeholders.append(self._path)
            return f"[{self._label}: {self._path}]"
        return None

    def __str__(self) -> str:
        shown = self._placeholder()
        if shown is None:
            self._fail_with_undefined_error()
        return shown

    def __iter__(self) -> Iterator[Any]:
        if self._placeholder() is None:
            self._fail_with_undefined_error()
        return iter(())

    def __len__(self) -> int:
        if self._placeholder() is None:
            self._fail_with_undefined_error()
        return 0

    def __repr__(self) -> str:
        return f"Missing({self._path})"


# --- the sandbox -------------------------------------------------------------------------------


@cache
def _model_members(cls: type[BaseModel]) -> frozenset[str]:
    """What a template may read on a model: its fields and the facts its class derives."""
    names = set(cls.model_fields)
    for klass in cls.__mro__:
        if klass is BaseModel:
            break
        names.update(
            name
            for name in vars(klass)
            if not name.startswith("_") and not name.startswith("model_")
        )
    return frozenset(names)


class _Environment(SandboxedEnvironment):
    """A sandbox where ``None`` reads as :class:`Missing` and models show only their data."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, BaseModel):
            return attr in _model_members(type(obj))
        return True

    def getattr(self, obj: Any, attribute: str) -> Any:
        return self._checked(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._checked(obj, argument, super().getitem(obj, argument))

    def _checked(self, obj: Any, name: Any, value: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            exc = value._undefined_exception
            if isinstance(exc, type) and issubclass(exc, SecurityError):
                raise SecurityError(value._undefined_message)
            return value
        if value is None and not isinstance(obj, jinja2.Undefined):
            return self.undefined(obj=obj, name=name)
        return value


# --- formatting --------------------------------------------------------------------------------


def _group(text: str) -> str:
    """Digit groups and the space before a unit are non-breaking spaces (U+00A0)."""
    return text.replace("\u202f", NBSP).replace(" ", NBSP)


def format_number(value: Decimal | int, lang: str) -> str:
    from babel.numbers import format_decimal

    number = Decimal(value)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.0##"
    return _group(format_decimal(number, format=pattern, locale=LOCALES[lang]))


def format_kr(amount: Decimal | int, lang: str) -> str:
    """``4 785 000 kr`` (sv) or ``SEK 4,785,000`` (en); öre only when there are any.

    Every space is U+00A0 (babel's Swedish group separator), so Word never breaks an
    amount across lines.
    """
    from babel.numbers import format_decimal

    number = Decimal(amount)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.00"
    text = _group(format_decimal(number, format=pattern, locale=LOCALES[lang]))
    return f"{text}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{text}"


def format_percent(value: Decimal | int, lang: str) -> str:
    text = format_number(value, lang)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


def format_long_date(day: dt.date, lang: str) -> str:
    """``11 december 2019`` / ``11 December 2019``."""
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale=LOCALES[lang])


def month_name(month: int, lang: str) -> str:
    from babel.dates import get_month_names

    name: str = get_month_names("wide", locale=LOCALES[lang])[month]
    return name


_SV_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"]
_SV_WORDS += ["elva", "tolv"]
_EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_WORDS += ["ten", "eleven", "twelve"]
_SV_UNITS = {
    "days": ("dag", "dagar", "en"),
    "weeks": ("vecka", "veckor", "en"),
    "months": ("månad", "månader", "en"),
    "years": ("år", "år", "ett"),
}


def format_duration(duration: Duration, lang: str) -> str:
    """``sex månader``, ``tre år``, ``ett år`` / ``six months``; numbers above 12 in digits."""
    count = duration.count
    if lang == "sv":
        singular, plural, one = _SV_UNITS[duration.unit]
        if count == 1:
            return f"{one} {singular}"
        number = _SV_WORDS[count] if count <= 12 else str(count)
        return f"{number} {plural}"
    unit = duration.unit[:-1] if count == 1 else duration.unit
    number = _EN_WORDS[count] if count <= 12 else str(count)
    return f"{number} {unit}"


def format_times(count: int, lang: str) -> str:
    """``en gång``, ``två gånger`` / ``once``, ``twice``, ``three times``."""
    if lang == "sv":
        if count == 1:
            return "en gång"
        return f"{_SV_WORDS[count] if 0 <= count <= 12 else count} gånger"
    if count == 1:
        return "once"
    if count == 2:
        return "twice"
    return f"{_EN_WORDS[count] if 0 <= count <= 12 else count} times"


def join_names(items: Sequence[object], lang: str) -> str:
    """``A, B och C`` / ``A, B and C``."""
    texts = [str(item) for item in items]
    if len(texts) <= 1:
        return "".join(texts)
    word = "och" if lang == "sv" else "and"
    return f"{', '.join(texts[:-1])} {word} {texts[-1]}"


def genitive(name: str, lang: str) -> str:
    """``Resurspoolens``, ``Linköpings kommuns``, ``IOGT-NTO:s``, ``Röda Korsets`` / ``X's``.

    Swedish: no extra s after s, x or z; a colon before the s after an abbreviation or a
    digit (Språkrådet's rules).
    """
    name = name.strip()
    if lang != "sv":
        return f"{name}'" if name.endswith("s") else f"{name}'s"
    if not name or name[-1] in "sxz":
        return name
    if name[-1].isupper() or name[-1].isdigit():
        return f"{name}:s"
    return f"{name}s"


def table_cell(text: object) -> str:
    """Text that stays in one pipe-table cell: one line, ``|`` escaped."""
    return re.sub(r"\s+", " ", str(text)).strip().replace("|", "\\|")


def one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


# --- views: facts computed for templates -------------------------------------------------------


@dataclass(frozen=True)
class DocInfo:
    """About the document being rendered."""

    template: str
    lang: str
    file: str
    draft: bool


@dataclass(frozen=True)
class EconomyRow:
    """One contribution as a row of the economy table; ``value`` is its stated yearly value."""

    party: Party | None
    contribution: MoneyContribution | VolunteerContribution | InKindContribution
    value: Decimal | None


@dataclass(frozen=True)
class EconomyView:
    rows: list[EconomyRow]
    parties: list[Party]
    total: Decimal | None
    unvalued: int


@dataclass(frozen=True)
class FollowUpView:
    number: int
    count: int
    figures_at: int
    participants: list[Party]


@dataclass(frozen=True)
class NoticeInfo:
    party: Party
    recipients: list[Party]
    given_on: dt.date
    notice_period: Duration | None
    effective: dt.date | None
    end: dt.date | None
    ends_before_effective: bool
    signature: Signature | None


@dataclass(frozen=True)
class IndexedAmount:
    year: int
    amount: Decimal
    percent: Decimal | None
    status: str | None
    published: bool
    in_extension: bool


@dataclass(frozen=True)
class IndexedContribution:
    party: Party | None
    contribution: MoneyContribution
    index: str | None
    indexed: bool
    rows: list[IndexedAmount]
    unpublished: list[int]


@dataclass(frozen=True)
class ExtensionInfo:
    decided_on: dt.date
    current_end: dt.date
    new_start: dt.date
    new_end: dt.date
    length: Duration | None
    option: Extension | None
    within_option: bool
    number: int
    contributions: list[IndexedContribution]
    unpublished: list[int]


ROOT_TYPES: dict[str, Any] = {
    "agreement": Agreement,
    "doc": DocInfo,
    "economy": EconomyView,
    "record": FollowUpRecord,
    "followup": FollowUpView,
    "notice": NoticeInfo,
    "extension": ExtensionInfo,
}
"""Every template sees these variables; those that need options are Missing without them."""


def _contribution_value(contribution: object) -> Decimal | None:
    from iopctl.checks import contribution_value

    return contribution_value(contribution)


def build_economy(agreement: Agreement) -> EconomyView:
    economy: Economy | None = agreement.economy
    contributions = list(economy.contributions) if economy is not None else []
    rows: list[EconomyRow] = []
    parties: list[Party] = []
    for contribution in contributions:
        party = agreement.party(contribution.party)
        rows.append(EconomyRow(party, contribution, _contribution_value(contribution)))
        if party is not None and all(p is not party for p in parties):
            parties.append(party)
    values = [r.value for r in rows if r.value is not None]
    total = sum(values, Decimal(0)) if values else None
    return EconomyView(rows, parties, total, sum(1 for r in rows if r.value is None))


def select_record(agreement: Agreement, spec: str | None) -> int:
    """The index of the follow-up record: ``--record DATE`` or a 1-based ``INDEX`` (-1 = last).

    Default: the latest by date (the last one in the file among equal dates).
    """
    records = agreement.follow_ups
    if not records:
        raise IopctlError(
            f"{agreement.id or 'the agreement'} has no follow-up records (follow_ups) to report on",
            hint="add a follow_ups entry with date, sections and figures",
        )
    if spec is None:
        return max(range(len(records)), key=lambda i: (records[i].date, i))
    if re.fullmatch(r"-?\d+", spec.strip()):
        number = int(spec)
        if 1 <= number <= len(records):
            return number - 1
        if -len(records) <= number <= -1:
            return len(records) + number
        raise UsageError(
            f"--record {spec}: there are {len(records)} follow-up records",
            hint=f"use 1–{len(records)} (1 is the first in the file, -1 the last) or a date",
        )
    try:
        day = dt.date.fromisoformat(spec.strip())
    except ValueError:
        raise UsageError(
            f"--record {spec!r} is neither a date (YYYY-MM-DD) nor a number",
            hint="e.g. --record 2020-08-04 or --record 1",
        ) from None
    matches = [i for i, r in enumerate(records) if r.date == day]
    if not matches:
        dates = ", ".join(sorted({r.date.isoformat() for r in records}))
        raise UsageError(f"--record {spec}: no follow-up on that date", hint=f"records: {dates}")
    if len(matches) > 1:
        numbers = ", ".join(str(i + 1) for i in matches)
        raise UsageError(
            f"--record {spec}: {len(matches)} follow-ups on that date",
            hint=f"choose by number: {numbers}",
        )
    return matches[0]


def build_followup(agreement: Agreement, index: int) -> FollowUpView:
    record = agreement.follow_ups[index]
    figures_at = len(record.sections)
    party_sections = [i for i, s in enumerate(record.sections) if s.party is not None]
    if party_sections:
        figures_at = party_sections[-1] + 1
    participants = [p for p in (agreement.party(s) for s in record.participants) if p is not None]
    return FollowUpView(index + 1, len(agreement.follow_ups), figures_at, participants)


def build_notice(
    agreement: Agreement, party_id: str | None, given_on: dt.date | None
) -> NoticeInfo:
    termination = agreement.termination
    record = termination.record if termination is not None else None
    ids = ", ".join(p.id for p in agreement.parties) or "(none)"
    if party_id is None:
        if record is None:
            raise UsageError(
                "a notice needs the party that gives it: --party ID",
                hint=f"parties: {ids}",
            )
        party_id = record.given_by
    party = agreement.party(party_id)
    if party is None:
        raise UsageError(
            f"--party {party_id}: no such party in {agreement.id or 'the agreement'}",
            hint=f"use {ids}",
        )
    if given_on is None:
        if record is not None and record.given_by == party_id:
            given_on = record.given_on
        else:
            from iopctl.clock import today_stockholm

            given_on = today_stockholm()
    period = termination.notice_period if termination is not None else None
    effective = period.add_to(given_on) if period is not None else None
    end = agreement.end_date
    if end is not None and given_on > end:
        raise IopctlError(
            f"the agreement ended on {end.isoformat()}; notice given on {given_on.isoformat()} "
            "comes after that",
            hint="check --given-on",
        )
    signature = next((s for s in agreement.signatures if s.party == party_id), None)
    return NoticeInfo(
        party=party,
        recipients=[p for p in agreement.parties if p.id != party_id],
        given_on=given_on,
        notice_period=period,
        effective=effective,
        end=end,
        ends_before_effective=end is not None and effective is not None and end < effective,
        signature=signature,
    )


def _rounding(agreement: Agreement) -> Rounding:
    rule = agreement.economy.rounding if agreement.economy is not None else None
    if rule is None:
        return Rounding()
    return Rounding(mode=rule.mode, unit=rule.unit)


def _indexed(
    contribution: MoneyContribution,
    party: Party | None,
    *,
    first_year: int,
    last_year: int,
    extension_from: int,
    series: Mapping[str, IndexSeries],
    rounding: Rounding,
    known_on: dt.date,
) -> IndexedContribution | None:
    amount = contribution.amount_per_year
    if amount is None:
        return None
    base_year = contribution.base_year or first_year
    last_year = max(last_year, base_year)
    indexation = contribution.indexation
    name = indexation.index if indexation is not None else None
    chosen = series.get(name) if name is not None else None
    first_indexed = indexation.from_date.year if indexation is not None else None
    if chosen is None or first_indexed is None or first_indexed <= base_year:
        rows = [
            IndexedAmount(year, amount, None, None, True, year >= extension_from)
            for year in range(base_year, last_year + 1)
        ]
        return IndexedContribution(party, contribution, name, False, rows, [])
    missing_from: int | None = None
    try:
        chain = index_chain(
            base_amount=amount,
            base_year=base_year,
            first_indexed_year=first_indexed,
            last_year=last_year,
            series=chosen,
            rounding=rounding,
            known_on=known_on,
        )
    except MissingIndexError as exc:
        missing_from = exc.year
        chain = index_chain(
            base_amount=amount,
            base_year=base_year,
            first_indexed_year=first_indexed,
            last_year=exc.year - 1,
            series=chosen,
            rounding=rounding,
            known_on=known_on,
        )
    rows = [
        IndexedAmount(
            year=row.year,
            amount=row.amount,
            percent=row.index.percent if row.index is not None else None,
            status=row.index.status if row.index is not None else None,
            published=True,
            in_extension=row.year >= extension_from,
        )
        for row in chain
    ]
    unpublished: list[int] = []
    if missing_from is not None:
        last_known = chain[-1].amount
        for year in range(missing_from, last_year + 1):
            rows.append(IndexedAmount(year, last_known, None, None, False, year >= extension_from))
            unpublished.append(year)
    return IndexedContribution(party, contribution, name, True, rows, unpublished)


def build_extension(
    agreement: Agreement,
    reference: ReferenceData,
    *,
    new_end: dt.date | None,
    decided_on: dt.date,
) -> ExtensionInfo | str:
    """The extension's facts, or the reason they cannot be computed."""
    period = agreement.period
    current_end = agreement.end_date
    if period is None or current_end is None:
        return "the agreement has no end date (period.end), so it cannot be extended"
    option = period.extension
    length: Duration | None = None
    if new_end is None:
        if option is None or option.length is None:
            return "the agreement states no extension length: give --new-end DATE"
        length = option.length
        new_end = option.length.add_to(current_end)
    elif (
        option is not None
        and option.length is not None
        and option.length.add_to(current_end) == new_end
    ):
        length = option.length
    if new_end <= current_end:
        raise UsageError(
            f"--new-end {new_end.isoformat()} is not after the current end "
            f"{current_end.isoformat()}",
            hint="the new end is the last day of the extended period",
        )
    used = len(period.extensions_taken)
    within = option is not None and (
        option.unlimited
        or (
            (option.times is None or used < option.times)
            and (option.length is None or new_end <= option.length.add_to(current_end))
        )
    )
    new_start = current_end + dt.timedelta(days=1)
    first_year = period.start.year if period.start is not None else new_start.year
    contributions: list[IndexedContribution] = []
    unpublished: set[int] = set()
    economy = agreement.economy
    for contribution in economy.contributions if economy is not None else []:
        if not isinstance(contribution, MoneyContribution):
            continue
        item = _indexed(
            contribution,
            agreement.party(contribution.party),
            first_year=first_year,
            last_year=new_end.year,
            extension_from=new_start.year,
            series=reference.series,
            rounding=_rounding(agreement),
            known_on=decided_on,
        )
        if item is not None:
            contributions.append(item)
            unpublished.update(item.unpublished)
    return ExtensionInfo(
        decided_on=decided_on,
        current_end=current_end,
        new_start=new_start,
        new_end=new_end,
        length=length,
        option=option,
        within_option=within,
        number=used + 1,
        contributions=contributions,
        unpublished=sorted(unpublished),
    )


# --- rendering ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderOptions:
    template: str = "agreement"
    lang: str | None = None
    draft: bool = False
    template_dirs: tuple[str, ...] = ()
    record: str | None = None
    party: str | None = None
    given_on: dt.date | None = None
    new_end: dt.date | None = None


@dataclass(frozen=True)
class TemplateSource:
    name: str
    lang: str
    file_name: str
    path: Path
    source: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
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

    def document(self, fmt: str, *, reference_doc: Path | None = None) -> bytes:
        """The document in ``fmt`` (md, html, docx, odt)."""
        if fmt == "md":
            return self.markdown.encode("utf-8")
        from iopctl.convert import convert

        if fmt == "docx" and reference_doc is None:
            reference_doc = bundled_reference_doc()
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
        )
        if fmt == "html":
            return _html_with_header(data.decode("utf-8"), self.header).encode("utf-8")
        return data


def _reference_fits(path: Path, fmt: str) -> bool:
    return path.suffix.lower() == f".{fmt}"


def _html_with_header(html: str, header: str) -> str:
    """The traceability comment right after the doctype (before it, old browsers go quirky)."""
    match = re.match(r"(?is)\s*<!doctype[^>]*>\n?", html)
    if match is None:
        return f"{header}\n{html}"
    return f"{html[: match.end()].rstrip()}\n{header}\n{html[match.end() :]}"


def _safe_comment_value(text: str) -> str:
    """No ``--``, ``>`` or quotes inside an HTML comment, whatever the path."""
    return re.sub(r'-(?=-)|[>"<\s]', lambda m: f"%{ord(m.group(0)):02X}", text)


def resolve_template(name: str, lang: str, search: Sequence[Path]) -> TemplateSource:
    if not _TEMPLATE_NAME.match(name):
        raise UsageError(
            f"--template {name!r} is not a template name",
            hint="use agreement, followup, notice, extension or the NAME of NAME.LANG.md.j2 "
            "in --template-dir",
        )
    for folder in search:
        for file_name in template_file_names(name, lang):
            path = folder / file_name
            if path.is_file():
                try:
                    source = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise IopctlError(f"cannot read template {_display(path)}: {exc}") from None
                return TemplateSource(name, lang, file_name, path, source)
    tried = ", ".join(template_file_names(name, lang))
    folders = ", ".join(_display(f) for f in search)
    raise UsageError(
        f"no template {name!r} for language {lang!r} (looked for {tried} in {folders})",
        hint=f"bundled templates: {', '.join(TEMPLATES)}; languages: {', '.join(LANGS)}",
    )


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


def _filters(lang: str, agreement: Agreement, missing: type[Missing]) -> dict[str, Any]:
    def present(value: Any) -> Any:
        if value is None:
            value = missing(path="(a value)")
        if isinstance(value, jinja2.Undefined):
            return str(value)  # raises, or the draft placeholder
        return value

    def guarded(fn: Callable[..., str]) -> Callable[..., str]:
        def filter_(value: Any, *args: Any) -> str:
            value = present(value)
            if isinstance(value, str) and value.startswith(f"[{missing._label}: "):
                return value
            return fn(value, *args)

        filter_.__name__ = fn.__name__
        return filter_

    def _decimal(value: Any, what: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"{what} needs a number, got {type(value).__name__}")
        return Decimal(value)

    def _date(value: Any, what: str) -> dt.date:
        if not isinstance(value, dt.date):
            raise TypeError(f"{what} needs a date, got {type(value).__name__}")
        return value

    def party(slug: Any) -> Any:
        slug = present(slug)
        found = agreement.party(str(slug))
        if found is None:
            return missing(path=f"party {slug}", hint="the id is not among parties[].id")
        return found

    def names(items: Any) -> str:
        if isinstance(items, jinja2.Undefined):
            return str(items)
        return join_names([present(i) for i in items], lang)

    return {
        "kr": guarded(lambda v: format_kr(_decimal(v, "kr"), lang)),
        "number": guarded(lambda v: format_number(_decimal(v, "number"), lang)),
        "percent": guarded(lambda v: format_percent(_decimal(v, "percent"), lang)),
        "long_date": guarded(lambda v: format_long_date(_date(v, "long_date"), lang)),
        "iso": guarded(lambda v: _date(v, "iso").isoformat()),
        "month": guarded(lambda v: month_name(int(v), lang)),
        "duration": guarded(lambda v: format_duration(v, lang)),
        "times": guarded(lambda v: format_times(int(v), lang)),
        "genitive": guarded(lambda v: genitive(str(v), lang)),
        "cell": guarded(table_cell),
        "oneline": guarded(one_line),
        "party": party,
        "names": names,
    }


FILTER_NAMES = (
    "kr",
    "number",
    "percent",
    "long_date",
    "iso",
    "month",
    "duration",
    "times",
    "genitive",
    "cell",
    "oneline",
    "party",
    "names",
)


def _finalize_for(lang: str, missing: type[Missing]) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        if value is None:
            return missing(path="(a value that is None)")
        if isinstance(value, bool):
            return value
        if isinstance(value, Decimal):
            return format_number(value, lang)
        if isinstance(value, Duration):
            return format_duration(value, lang)
        return value

    return finalize


def make_environment(
    search: Sequence[Path],
    *,
    lang: str,
    agreement: Agreement,
    draft: bool,
    paths: dict[int, str],
) -> tuple[_Environment, type[Missing]]:
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
    env = _Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        undefined=missing,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize_for(lang, missing),
    )
    env.filters.update(_filters(lang, agreement, missing))
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
    place = f"{_display(where[0])}:{where[1]}" if where else _display(template.path)
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
        return IopctlError(f"{_display(name)}:{exc.lineno}: template syntax error: {exc.message}")
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
) -> Rendered:
    """Render one agreement with one template, as Markdown (see :class:`Rendered`)."""
    agreement = loaded.agreement
    if agreement is None:
        raise IopctlError(f"{loaded.file}: the file could not be read as an agreement")
    file = _display(loaded.file)
    lang = options.lang or getattr(agreement, "language", None) or "sv"
    if lang not in LANGS:
        raise UsageError(f"--lang {lang!r} is not supported", hint="use sv or en")
    search = template_search_path(options.template_dirs)
    template = resolve_template(options.template, lang, search)

    problems = lint_template(template.source, str(template.path))
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise IopctlError(
            f"template {_display(template.path)} does not fit the agreement model:\n{lines}",
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
    context["economy"] = build_economy(agreement)

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
        context["notice"] = build_notice(agreement, options.party, options.given_on)
        if kind == "notice":
            qualifier = context["notice"].party.id
    else:
        context["notice"] = missing(hint="give --party ID (and --given-on DATE)", path="notice")

    decided_on = options.given_on
    if decided_on is None:
        from iopctl.clock import today_stockholm

        decided_on = today_stockholm()
    extension: ExtensionInfo | str
    try:
        extension = build_extension(
            agreement, reference, new_end=options.new_end, decided_on=decided_on
        )
    except (ValueError, ArithmeticError) as exc:
        if kind == "extension":
            raise IopctlError(f"{file}: cannot compute the extended amounts: {exc}") from None
        extension = f"the extension cannot be computed: {exc}"
    if isinstance(extension, str):
        if kind == "extension":
            raise IopctlError(f"{file}: {extension}", hint="give --new-end DATE")
        context["extension"] = missing(hint=extension, path="extension")
    else:
        context["extension"] = extension
        if kind == "extension":
            qualifier = extension.new_end.isoformat()

    for name in ("doc", "economy", "followup", "notice", "extension"):
        value = context[name]
        if not isinstance(value, jinja2.Undefined):
            _walk_paths(value, name, paths)

    try:
        compiled = env.get_template(template.file_name)
        body = compiled.render(context)
    except (TemplateError, TypeError, ValueError, ArithmeticError, KeyError) as exc:
        raise _failure(exc, template, file, options.draft) from None
    agreement_id = getattr(agreement, "id", None)
    if not isinstance(agreement_id, str) or not _TEMPLATE_NAME.match(agreement_id):
        from iopctl.types import slugify

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
    )


# --- static checks -----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class LintProblem:
    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class _Ty:
    """What an expression is, as far as the lint knows: element classes, and a list flag."""

    classes: tuple[Any, ...]
    is_list: bool = False

    def describe(self) -> str:
        names = " | ".join(getattr(c, "__name__", str(c)) for c in self.classes)
        return f"list[{names}]" if self.is_list else names


_NOT_FOUND = object()


def _ann(annotation: Any) -> _Ty | None:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _ann(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        parts = [_ann(a) for a in get_args(annotation) if a is not type(None)]
        if not parts or any(p is None for p in parts):
            return None
        known = [p for p in parts if p is not None]
        if len({p.is_list for p in known}) != 1:
            return None
        classes = tuple(dict.fromkeys(c for p in known for c in p.classes))
        return _Ty(classes, known[0].is_list)
    if origin in (list, tuple, Sequence, typing.Sequence):
        args = get_args(annotation)
        inner = _ann(args[0]) if args else None
        if inner is None or inner.is_list:
            return None
        return _Ty(inner.classes, True)
    if origin is Literal:
        return _Ty((str,))
    if isinstance(annotation, type):
        return _Ty((annotation,))
    return None


def _literal_values(annotation: Any) -> set[Any] | None:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _literal_values(get_args(annotation)[0])
    if origin is Literal:
        return set(get_args(annotation))
    return None


def _is_record(cls: Any) -> bool:
    return (isinstance(cls, type) and issubclass(cls, BaseModel)) or (
        isinstance(cls, type) and dataclasses.is_dataclass(cls)
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _member_type(cls: Any, attr: str) -> tuple[object, bool]:
    """(type of ``cls.attr`` or None when unknown, is a model field) or (_NOT_FOUND, False)."""
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        if attr in cls.model_fields:
            return _ann(cls.model_fields[attr].annotation), True
        if attr in _model_members(cls):
            return _callable_type(getattr(cls, attr, None)), False
        return _NOT_FOUND, False
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        names = {f.name for f in dataclasses.fields(cls)}
        if attr in names:
            return _ann(_hints(cls)[attr]), False
        member = getattr(cls, attr, None)
        if isinstance(member, property) and not attr.startswith("_"):
            return _callable_type(member), False
        return _NOT_FOUND, False
    if isinstance(cls, type) and not attr.startswith("_") and hasattr(cls, attr):
        return None, False
    return _NOT_FOUND, False


def _callable_type(member: Any) -> _Ty | None:
    function = member.fget if isinstance(member, property) else member
    if function is None or not callable(function):
        return None
    try:
        hints = typing.get_type_hints(function)
    except (NameError, TypeError):  # pragma: no cover - unresolvable annotations
        return None
    return _ann(hints.get("return"))


def _field_names(cls: Any) -> list[str]:
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return sorted(_model_members(cls))
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return sorted(f.name for f in dataclasses.fields(cls))
    return []


_JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})
_LIST_KEEPING = frozenset(
    {"selectattr", "rejectattr", "sort", "unique", "reverse", "list", "batch"}
)
_ELEMENT = frozenset({"first", "last", "min", "max", "random"})


class _Linter:
    def __init__(self, file: str, filters: Mapping[str, Any], tests: Mapping[str, Any]) -> None:
        self.file = file
        self.filters = filters
        self.tests = tests
        self.problems: list[LintProblem] = []
        self.used: set[tuple[type, str]] = set()

    def problem(self, node: nodes.Node, message: str) -> None:
        self.problems.append(LintProblem(self.file, getattr(node, "lineno", 0) or 0, message))

    # expressions

    def expr(self, node: nodes.Node, scope: dict[str, _Ty | None]) -> _Ty | None:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            if node.name in scope:
                return scope[node.name]
            if node.name in _JINJA_GLOBALS:
                return None
            close = difflib.get_close_matches(node.name, list(scope), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.problem(node, f"unknown variable {node.name!r}{hint}")
            return None
        if isinstance(node, nodes.Const):
            return _Ty((type(node.value),)) if node.value is not None else None
        if isinstance(node, nodes.Getattr):
            owner = self.expr(node.node, scope)
            return self.attribute(node, owner, node.attr)
        if isinstance(node, nodes.Getitem):
            owner = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if owner is None:
                return None
            if owner.is_list:
                return _Ty(owner.classes) if not isinstance(node.arg, nodes.Slice) else owner
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node, owner, node.arg.value)
            return None
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            self.expr(node.node, scope)
            for arg in node.args:
                self.expr(arg, scope)
            if node.name not in self.tests:
                self.problem(node, f"unknown test {node.name!r}")
            return _Ty((bool,))
        if isinstance(node, nodes.Call):
            for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.expr(arg, scope)
            for extra in (node.dyn_args, node.dyn_kwargs):
                if extra is not None:
                    self.expr(extra, scope)
            return self.expr(node.node, scope)
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return None

    def attribute(self, node: nodes.Node, owner: _Ty | None, attr: str) -> _Ty | None:
        if owner is None:
            return None
        if owner.is_list:
            self.problem(node, f"{attr!r} asked of a list ({owner.describe()}): loop over it")
            return None
        results: list[_Ty | None] = []
        found = False
        for cls in owner.classes:
            kind, is_field = _member_type(cls, attr)
            if kind is _NOT_FOUND:
                continue
            found = True
            if is_field:
                self.used.add((cls, attr))
            results.append(kind if isinstance(kind, _Ty) else None)
        if not found:
            if not any(_is_record(c) for c in owner.classes):
                self.problem(node, f"{owner.describe()} has no attribute {attr!r}")
                return None
            known = sorted({n for c in owner.classes for n in _field_names(c)})
            close = difflib.get_close_matches(attr, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.problem(node, f"{owner.describe()} has no field {attr!r}{hint}")
            return None
        if any(r is None for r in results) or not results:
            return None
        known_results = [r for r in results if r is not None]
        if len({r.is_list for r in known_results}) != 1:
            return None
        classes = tuple(dict.fromkeys(c for r in known_results for c in r.classes))
        return _Ty(classes, known_results[0].is_list)

    def filter(self, node: nodes.Filter, scope: dict[str, _Ty | None]) -> _Ty | None:
        value = self.expr(node.node, scope) if node.node is not None else None
        for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
            self.expr(arg, scope)
        name = node.name
        if name not in self.filters:
            self.problem(node, f"unknown filter {name!r}")
            return None
        element = _Ty(value.classes) if value is not None and value.is_list else None
        attribute_arg: str | None = None
        for kw in node.kwargs:
            if kw.key == "attribute" and isinstance(kw.value, nodes.Const):
                attribute_arg = str(kw.value.value)
        if name in ("selectattr", "rejectattr") and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                attribute_arg = first.value
        if attribute_arg is not None and element is not None:
            for part in attribute_arg.split("."):
                element = self.attribute(node, element, part) if element is not None else None
        if name == "party":
            return _Ty((Party,))
        if name in FILTER_NAMES:
            return _Ty((str,))
        if name == "selectattr" and value is not None and value.is_list:
            return self.narrow_selected(node, value)
        if name in _LIST_KEEPING:
            return value
        if name in _ELEMENT:
            return _Ty(value.classes) if value is not None and value.is_list else None
        if name == "map" and attribute_arg is not None and element is not None:
            return _Ty(element.classes, True) if not element.is_list else None
        if name in ("length", "count"):
            return _Ty((int,))
        if name == "default":
            return value
        return None

    def narrow_selected(self, node: nodes.Filter, value: _Ty) -> _Ty:
        args = node.args
        if len(args) >= 3 and all(isinstance(a, nodes.Const) for a in args[:3]):
            attr, test, wanted = (a.value for a in args[:3])  # type: ignore[attr-defined]
            if test in ("eq", "equalto", "=="):
                narrowed = _narrow(value.classes, attr, wanted)
                if narrowed:
                    return _Ty(narrowed, True)
        return value

    # statements

    def body(self, body: Sequence[nodes.Node], scope: dict[str, _Ty | None]) -> None:
        for node in body:
            self.stmt(node, scope)

    def bind(self, target: nodes.Node, kind: _Ty | None, scope: dict[str, _Ty | None]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)
        elif isinstance(target, nodes.NSRef):
            self.expr(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    def stmt(self, node: nodes.Node, scope: dict[str, _Ty | None]) -> None:
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                if not isinstance(item, nodes.TemplateData):
                    self.expr(item, scope)
        elif isinstance(node, nodes.For):
            iterated = self.expr(node.iter, scope)
            inner = dict(scope)
            element = _Ty(iterated.classes) if iterated is not None and iterated.is_list else None
            self.bind(node.target, element, inner)
            inner["loop"] = None
            if node.test is not None:
                self.expr(node.test, inner)
            self.body(node.body, inner)
            self.body(node.else_, dict(scope))
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, self.narrowed(node.test, scope))
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            kind = self.expr(node.node, scope)
            self.bind(node.target, kind, scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scope)
            self.bind(node.target, _Ty((str,)), scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            inner = dict(scope)
            for arg in node.args:
                self.bind(arg, None, inner)
            for default in node.defaults:
                self.expr(default, scope)
            for name in ("caller", "varargs", "kwargs"):
                inner[name] = None
            self.body(node.body, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
        elif isinstance(node, nodes.Import):
            self.expr(node.template, scope)
            scope[node.target] = None
        elif isinstance(node, nodes.FromImport):
            self.expr(node.template, scope)
            for imported in node.names:
                scope[imported if isinstance(imported, str) else imported[1]] = None
        elif isinstance(node, nodes.Include | nodes.Extends):
            self.expr(node.template, scope)
        elif isinstance(node, nodes.ExprStmt):
            self.expr(node.node, scope)
        elif isinstance(node, nodes.FilterBlock):
            self.filter_block(node, scope)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.stmt(child, scope)

    def filter_block(self, node: nodes.FilterBlock, scope: dict[str, _Ty | None]) -> None:
        filters = node.filter
        while isinstance(filters, nodes.Filter):
            if filters.name not in self.filters:
                self.problem(filters, f"unknown filter {filters.name!r}")
            for arg in filters.args:
                self.expr(arg, scope)
            filters = filters.node  # type: ignore[assignment]
        self.body(node.body, scope)

    def narrowed(self, test: nodes.Node, scope: dict[str, _Ty | None]) -> dict[str, _Ty | None]:
        """``{% if c.kind == "money" %}`` narrows ``c`` to the classes with that literal."""
        if (
            isinstance(test, nodes.Compare)
            and isinstance(test.expr, nodes.Getattr)
            and isinstance(test.expr.node, nodes.Name)
            and len(test.ops) == 1
            and test.ops[0].op == "eq"
            and isinstance(test.ops[0].expr, nodes.Const)
        ):
            name = test.expr.node.name
            current = scope.get(name)
            if current is not None and not current.is_list:
                narrowed = _narrow(current.classes, test.expr.attr, test.ops[0].expr.value)
                if narrowed:
                    return _ScopeView(scope, name, _Ty(narrowed))
        return scope


class _ScopeView(dict[str, "_Ty | None"]):
    """A scope with one name narrowed; other assignments still reach the outer scope."""

    def __init__(self, outer: dict[str, _Ty | None], name: str, kind: _Ty) -> None:
        super().__init__(outer)
        self[name] = kind
        self._outer = outer
        self._name = name

    def __setitem__(self, key: str, value: _Ty | None) -> None:
        super().__setitem__(key, value)
        if key != getattr(self, "_name", None) and hasattr(self, "_outer"):
            self._outer[key] = value


def _narrow(classes: tuple[Any, ...], attr: str, wanted: Any) -> tuple[Any, ...]:
    kept = []
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            return ()
        info = cls.model_fields.get(attr)
        if info is None:
            return ()
        values = _literal_values(info.annotation)
        if values is None:
            return ()
        if wanted in values:
            kept.append(cls)
    return tuple(kept)


def _lint_environment() -> SandboxedEnvironment:
    env = _Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name in FILTER_NAMES:
        env.filters[name] = lambda value, *args: value
    return env


def lint_source(source: str, file: str) -> tuple[list[LintProblem], set[tuple[type, str]]]:
    """Problems in one template, and the model fields it reads."""
    env = _lint_environment()
    try:
        ast = env.parse(source, filename=file)
    except TemplateSyntaxError as exc:
        return [LintProblem(file, exc.lineno, f"syntax error: {exc.message}")], set()
    linter = _Linter(file, env.filters, env.tests)
    scope: dict[str, _Ty | None] = {name: _Ty((kind,)) for name, kind in ROOT_TYPES.items()}
    linter.body(ast.body, scope)
    return sorted(set(linter.problems)), linter.used


def lint_template(source: str, file: str) -> list[LintProblem]:
    return lint_source(source, _display(file))[0]


def _all_fields() -> dict[str, tuple[type[BaseModel], str]]:
    found: dict[str, tuple[type[BaseModel], str]] = {}

    def visit(cls: type[BaseModel]) -> None:
        for name, info in cls.model_fields.items():
            key = f"{cls.__name__}.{name}"
            if key in found:
                continue
            found[key] = (cls, name)
            kind = _ann(info.annotation)
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
            kind = _ann(info.annotation)
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
            "to LEFT_OUT in iopctl/render.py with the reason",
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
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(LintProblem(_display(path), 0, f"cannot read: {exc}"))
                continue
            found, used = lint_source(source, _display(path))
            problems.extend(found)
            if path.name.split(".")[0] == "agreement":
                severity = "error" if folder == bundled else "warning"
                problems.extend(coverage_problems(used, _display(path), severity=severity))
    return problems, count


# --- outputs: where documents go, overwrite rules, --check -------------------------------------


@dataclass(frozen=True)
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
) -> list[Output]:
    """Convert every document and decide its path; nothing is written here.

    A folder gets ``<id>.<template>[-<qualifier>].<lang>.<ext>`` per document; each final
    path is resolved and must stay inside the folder, whatever the id says.
    """
    if out is None:
        if len(rendered) > 1:
            raise UsageError(
                f"{len(rendered)} documents to render: give --out DIR",
                hint="e.g. iopctl render agreements/ --out out/",
            )
        if fmt in ("docx", "odt"):
            raise UsageError(f"--format {fmt} writes a file: give --out FILE or --out DIR")
    outputs: list[Output] = []
    folder: Path | None = None
    if out is not None and _out_is_folder(out, len(rendered)):
        folder = Path(out)
    elif out is not None:
        suffix = Path(out).suffix.lower()
        if OUTPUT_SUFFIXES.get(suffix) != fmt:
            raise UsageError(
                f"--out {out} does not end in .{fmt} (the format is {fmt})",
                hint=f"name the file .{fmt}, or give --format {OUTPUT_SUFFIXES.get(suffix, fmt)}",
            )
    seen: dict[Path, Rendered] = {}
    for item in rendered:
        if out is None:
            path = None
        elif folder is not None:
            name = item.output_name(fmt)
            if "/" in name or os.sep in name or name.startswith("."):
                raise IopctlError(f"refusing output name {name!r}: not a plain file name")
            base = folder.resolve()
            path = (folder / name).resolve()
            if not path.is_relative_to(base) or path.parent != base:
                raise IopctlError(
                    f"refusing to write {path}: it is outside the output folder {base}"
                )
            path = folder / name
        else:
            path = Path(out)
        if path is not None:
            key = path.resolve()
            if key in seen:
                raise IopctlError(
                    f"{item.file} and {seen[key].file} would both be written to {path}",
                    hint="agreement ids must be unique (iopctl validate reports duplicates)",
                )
            seen[key] = item
        data = item.document(fmt, reference_doc=reference_doc)
        outputs.append(Output(item, fmt, path, data))
    return outputs


def _read_existing(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None  # a folder on the way that is a file is reported when it is created
    except IsADirectoryError:
        raise IopctlError(f"{path} is a folder; cannot write a document there") from None
    except OSError as exc:
        raise IopctlError(f"cannot read {path}: {exc.strerror or exc}") from None


def check_outputs(outputs: Sequence[Output]) -> list[str]:
    """Files that are missing or differ from what would be rendered (``--check``)."""
    from iopctl.convert import same_document

    changed: list[str] = []
    for output in outputs:
        assert output.path is not None
        old = _read_existing(output.path)
        if old is None:
            changed.append(f"{_display(output.path)}: missing")
        elif not same_document(output.fmt, old, output.data):
            changed.append(f"{_display(output.path)}: differs")
    return changed


def write_outputs(outputs: Sequence[Output], *, force: bool) -> list[str]:
    """Write every document atomically; refuse (writing nothing) when one would overwrite
    a different file without ``force``. Returns one line per document."""
    from iopctl.atomic import write_atomic
    from iopctl.convert import same_document

    plan: list[tuple[Output, bool]] = []
    conflicts: list[str] = []
    for output in outputs:
        assert output.path is not None
        old = _read_existing(output.path)
        same = old is not None and same_document(output.fmt, old, output.data)
        if old is not None and not same and not force:
            conflicts.append(_display(output.path))
        plan.append((output, same))
    if conflicts:
        listed = "\n  ".join(conflicts)
        raise IopctlError(
            f"{len(conflicts)} existing file(s) differ from the new rendering; nothing was "
            f"written:\n  {listed}",
            hint="use --force to overwrite, or --check to only compare",
        )
    report: list[str] = []
    for output, same in plan:
        assert output.path is not None
        if same:
            report.append(f"unchanged {_display(output.path)}")
            continue
        folder = output.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IopctlError(
                f"cannot create the output folder {_display(folder)}: {exc.strerror or exc}",
                hint="check the path and your permissions",
            ) from None
        write_atomic(output.path, output.data)
        report.append(f"wrote {_display(output.path)}")
    return report
