"""When an agreement is in force: start, end, extensions taken, notice given, last day.

Every command that needs "the end" or "the last day in force" reads :func:`term_of`, so
``due``, ``economy``, ``list``, ``show``, the checks and the documents cannot disagree.
The rules (``docs/deadlines.md``, section "When the agreement ends"):

* **End** — the latest of ``period.end`` and the ``new_end`` of every extension taken.
  Without ``period.end`` but with ``start`` and ``length``, the end is
  ``start + length − 1 day`` and marked as *inferred*.
* **Notice** — written notice given on day D with a notice period of N months takes
  effect on the day that by its number in the month corresponds to D, N months later, or
  that month's last day when it has no such day (the counting rule of lag (1930:173)
  1 §). That day is the agreement's last day in force. A recorded ``effective`` date is
  taken as written.
* **Last day in force** — the end, or the day notice takes effect when that is earlier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from iopctl.model.agreement import PartialAgreement, TerminationRecord
from iopctl.model.types import Duration

__all__ = ["ExtensionEnd", "NoticeGiven", "Term", "last_notice_day", "notice_effect", "term_of"]


def notice_effect(given_on: dt.date, notice: Duration) -> dt.date:
    """The day notice given on ``given_on`` takes effect: the agreement's last day in force."""
    return notice.add_to(given_on)


def last_notice_day(end: dt.date, notice: Duration) -> dt.date:
    """The last day on which notice takes effect no later than ``end``.

    The inverse of :func:`notice_effect`: the latest D with ``notice_effect(D) <= end``.
    Start from ``end − notice`` (month ends clamp) and step forward while the next day
    still takes effect in time, so the two functions can never disagree.
    """
    day = notice.subtract_from(end)
    while notice_effect(day, notice) > end:  # cannot happen for months; days and weeks
        day -= dt.timedelta(days=1)
    while notice_effect(day + dt.timedelta(days=1), notice) <= end:
        day += dt.timedelta(days=1)
    return day


@dataclass(frozen=True, slots=True)
class ExtensionEnd:
    """One extension taken: where it is in the file, its new end and when it was decided."""

    index: int
    number: int
    new_end: dt.date
    decided_on: dt.date | None


@dataclass(frozen=True, slots=True)
class NoticeGiven:
    """Notice recorded in ``termination.record`` and the day it takes effect (if known)."""

    given_by: str
    given_on: dt.date
    effective: dt.date | None
    effective_stated: bool
    notice_period: Duration | None


@dataclass(frozen=True, slots=True)
class Term:
    """The agreement's time in force, derived once (see the module docstring).

    ``initial_end`` is the end of the first period (``period.end``, or inferred from
    ``length``); ``end`` includes extensions taken; ``last_day`` also notice given.
    """

    start: dt.date | None
    initial_end: dt.date | None
    end: dt.date | None
    end_inferred: bool
    extensions: tuple[ExtensionEnd, ...]
    notice: NoticeGiven | None
    last_day: dt.date | None

    @property
    def ended_early(self) -> bool:
        """Notice takes effect before the end."""
        return (
            self.notice is not None
            and self.last_day is not None
            and (self.end is None or self.last_day < self.end)
        )

    @property
    def years(self) -> range:
        """Calendar years in force (empty when the start or the last day is unknown)."""
        if self.start is None or self.last_day is None or self.last_day < self.start:
            return range(0)
        return range(self.start.year, self.last_day.year + 1)

    def in_force_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.last_day is None or day <= self.last_day
        )


def _notice(agreement: PartialAgreement) -> NoticeGiven | None:
    termination = agreement.termination
    record: TerminationRecord | None = termination.record if termination is not None else None
    if termination is None or record is None:
        return None
    period = termination.notice_period
    if record.effective is not None:
        effective: dt.date | None = record.effective
    elif period is not None:
        effective = notice_effect(record.given_on, period)
    else:
        effective = None
    return NoticeGiven(
        given_by=record.given_by,
        given_on=record.given_on,
        effective=effective,
        effective_stated=record.effective is not None,
        notice_period=period,
    )


def term_of(agreement: PartialAgreement) -> Term:
    """The term of one agreement; fields it cannot know are ``None``."""
    period = agreement.period
    notice = _notice(agreement)
    if period is None:
        last = notice.effective if notice is not None else None
        return Term(None, None, None, False, (), notice, last)
    extensions = tuple(
        ExtensionEnd(index=i, number=n, new_end=e.new_end, decided_on=e.decided_on)
        for n, (i, e) in enumerate(
            sorted(enumerate(period.extensions_taken), key=lambda item: item[1].new_end),
            start=1,
        )
    )
    stated = period.end
    if stated is None and period.start is not None and period.length is not None:
        stated = period.length.add_to(period.start) - dt.timedelta(days=1)
    extended = max((e.new_end for e in extensions), default=None)
    ends = [day for day in (stated, extended) if day is not None]
    end = max(ends) if ends else None
    inferred = period.end is None and stated is not None and end == stated != extended
    last = end
    if notice is not None and notice.effective is not None:
        last = notice.effective if end is None else min(end, notice.effective)
    return Term(
        start=period.start,
        initial_end=stated,
        end=end,
        end_inferred=inferred,
        extensions=extensions,
        notice=notice,
        last_day=last,
    )
