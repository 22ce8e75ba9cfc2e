"""``iopctl due`` as plain functions: events against a date and a window.

* :func:`collect` derives the events of every loaded agreement (reference data loaded once).
* :func:`classify` gives each event a status and applies the listing horizon:

  - ``overdue``: an *actionable* event (see :class:`iopctl.facts.deadlines.Event`) whose act-by
    date has passed, listed while the agreement is still in force on ``as_of``;
  - ``due``: act-by date on or before ``as_of + within`` (and not overdue);
  - ``upcoming``: later, up to the agreement's last day in force.

  Other events whose contractual date has passed (a notice deadline, a payment, an
  expiry) are history, not reminders, and are not listed.
* :func:`select` filters by kind and agreement id; output helpers render JSON and CSV.

Usage errors (a bad ``--as-of``, ``--within`` or ``--kind``) raise
:class:`~iopctl.errors.UsageError` with a hint. See ``docs/deadlines.md``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from iopctl.errors import UsageError
from iopctl.facts.deadlines import KINDS, Event, Kind, derive
from iopctl.model.types import Duration, parse_duration
from iopctl.money.reference import ReferenceData
from iopctl.present.safe import csv_writer, json_text

__all__ = [
    "FIELDS",
    "STATUSES",
    "DueItem",
    "Status",
    "classify",
    "collect",
    "decimal_text",
    "parse_as_of",
    "parse_kinds",
    "parse_within",
    "select",
    "to_csv",
    "to_json",
    "window_end",
]

Status = Literal["overdue", "due", "upcoming"]
STATUSES: Final[tuple[Status, ...]] = ("overdue", "due", "upcoming")
_STATUS_RANK: Final = {status: i for i, status in enumerate(STATUSES)}

FIELDS: Final = ("agreement", "file", "kind", "date", "act_by", "status", "title", "amount")
"""Fields of one event in ``--format json`` and the columns of ``--format csv``."""

_WITHIN: Final = re.compile(r"^\s*(\d{1,4})\s*([dwmy])\s*$", re.IGNORECASE)
_UNIT: Final = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


@dataclass(frozen=True, slots=True)
class DueItem:
    """An event with its status on ``as_of``."""

    event: Event
    status: Status
    days_left: int

    def sort_key(self) -> tuple[int, tuple[dt.date, dt.date, str, int, str, str]]:
        return (_STATUS_RANK[self.status], self.event.sort_key())

    def to_dict(self) -> dict[str, str | None]:
        e = self.event
        return {
            "agreement": e.agreement,
            "file": e.file,
            "kind": e.kind,
            "date": e.date.isoformat(),
            "act_by": e.act_by.isoformat(),
            "status": self.status,
            "title": e.full_title,
            "amount": decimal_text(e.amount) if e.amount is not None else None,
        }


# --- options -----------------------------------------------------------------------------


MIN_AS_OF: Final = dt.date(1900, 1, 1)
MAX_AS_OF: Final = dt.date(9000, 12, 31)
"""``--as-of`` range: far enough from year 9999 that date arithmetic cannot overflow."""


def parse_as_of(text: str) -> dt.date:
    """``YYYY-MM-DD`` or a usage error that says what is wrong."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        detail = str(exc)
        if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
            why = f"no such date ({detail})"
        else:
            why = "not a date in the form YYYY-MM-DD"
        raise UsageError(
            f"--as-of {text!r}: {why}", hint="write the date as YYYY-MM-DD, e.g. 2022-05-15"
        ) from None
    if not MIN_AS_OF <= day <= MAX_AS_OF:
        raise UsageError(
            f"--as-of {text!r} is out of range",
            hint=f"use a date from {MIN_AS_OF.isoformat()} to {MAX_AS_OF.isoformat()}",
        )
    return day


def window_end(as_of: dt.date, within: Duration) -> dt.date:
    """The last act-by date that counts as due; a usage error when it is past year 9999."""
    try:
        return within.add_to(as_of)
    except (ValueError, OverflowError):
        raise UsageError(
            f"--within {within} from {as_of.isoformat()} goes past the year 9999",
            hint="use a shorter window, e.g. 90d or 1y",
        ) from None


def parse_within(text: str) -> Duration:
    """``90d``, ``2w``, ``6m``, ``1y`` (or ``90 days``, ``6 månader``)."""
    match = _WITHIN.match(text)
    if match:
        unit = _UNIT[match[2].lower()]
        return Duration(int(match[1]), unit)  # type: ignore[arg-type]
    parsed = parse_duration(text)
    if parsed is not None:
        return parsed
    raise UsageError(
        f"--within {text!r} is not a length of time",
        hint="write a number and a unit: 90d, 2w, 6m or 1y (days, weeks, months, years)",
    )


def parse_kinds(values: Sequence[str]) -> frozenset[Kind]:
    """Known event kinds; an unknown one is a usage error with a suggestion."""
    chosen: set[Kind] = set()
    for value in values:
        for raw in value.split(","):
            name = raw.strip().replace("-", "_")
            if not name:
                continue
            match = next((k for k in KINDS if k == name), None)
            if match is None:
                close = difflib.get_close_matches(name, KINDS, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise UsageError(
                    f"unknown --kind {raw.strip()!r}",
                    hint=f"{hint}kinds: {', '.join(KINDS)}",
                )
            chosen.add(match)
    return frozenset(chosen)


def decimal_text(amount: Decimal) -> str:
    """An amount as a plain decimal string: ``946995``, ``77750.50``."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(Decimal(1)):f}"
    return f"{amount:f}"


# --- events ---------------------------------------------------------------------------------


def collect(
    agreements: Iterable[tuple[str, object]],
    *,
    as_of: dt.date,
    reference: ReferenceData | None,
) -> list[Event]:
    """Events of every ``(file, agreement)``; ``None`` agreements (unreadable files) skipped."""
    from iopctl.model.agreement import Agreement

    events: list[Event] = []
    for file, agreement in agreements:
        if isinstance(agreement, Agreement):
            events.extend(derive(agreement, file=file, as_of=as_of, reference=reference))
    return events


def classify(events: Iterable[Event], *, as_of: dt.date, within: Duration) -> list[DueItem]:
    """Statuses on ``as_of`` with ``within`` as the "due" window; horizon applied; sorted."""
    last_due = window_end(as_of, within)
    items: list[DueItem] = []
    for event in events:
        days_left = (event.act_by - as_of).days
        if event.act_by < as_of and event.actionable:
            if event.until is not None and as_of > event.until:
                continue  # the agreement is over: past items are history
            status: Status = "overdue"
        elif event.date < as_of:
            continue  # a date that has simply passed
        elif event.act_by <= last_due:
            status = "due"
        else:
            status = "upcoming"
        items.append(DueItem(event, status, days_left))
    items.sort(key=DueItem.sort_key)
    return items


def select(
    items: Iterable[DueItem],
    *,
    kinds: frozenset[Kind] = frozenset(),
    agreements: frozenset[str] = frozenset(),
) -> list[DueItem]:
    """Only the given kinds / agreement ids (all when empty)."""
    return [
        item
        for item in items
        if (not kinds or item.event.kind in kinds)
        and (not agreements or item.event.agreement in agreements)
    ]


# --- output ------------------------------------------------------------------------------------


def to_json(items: Sequence[DueItem], *, as_of: dt.date) -> str:
    doc = {"as_of": as_of.isoformat(), "events": [item.to_dict() for item in items]}
    return json_text(doc)


def to_csv(items: Sequence[DueItem]) -> str:
    """Header row and one row per event, the JSON fields in the same order; UTF-8 text."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for item in items:
        row = item.to_dict()
        writer.writerow(["" if row[name] is None else row[name] for name in FIELDS])
    return buffer.getvalue()
