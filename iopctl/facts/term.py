"""When an agreement is in force: start, end, extensions taken, notice given, last day.

Every command that needs "the end" or "the last day in force" reads :func:`term_of`, so
``due``, ``economy``, ``list``, ``show``, the checks and the documents cannot disagree.
The rules (``docs/deadlines.md``, section "When the agreement ends"):

* **End** — the latest of ``period.end`` and the ``new_end`` of every extension taken.
  Without ``period.end`` but with ``start`` and ``length``, the end is
  ``start + length − 1 day`` and marked as *inferred*.
* **Notice** — :func:`notice_outcome`, the one rule: written notice received on day D
  with a notice period of N months runs out on the day that by its number in the month
  corresponds to D, N months later, or that month's last day when it has no such day
  (the counting rule of lag (1930:173) 1 §). The agreement is in force up to and
  including that day, or the end of its period when that comes first. A recorded
  ``effective`` date is taken as written.
* **Last day in force** — the end, or the day notice takes effect when that is earlier,
  or the last day of an early end recorded in ``history``.

Extensions, notice and early ends come from the history (:mod:`iopctl.facts.history`),
so a file using the older fields (``extensions_taken``, ``termination.record``) gives the
same term as one using ``history``.

*Dates known in part.* A start, end or early end known only as a month, half year or year
is a window of days (:mod:`iopctl.model.dates`). The term keeps the exact day where there
is one (``start``, ``end``, ``last_day``) and otherwise the window (``first_window``,
``last_window``): nothing is invented. An early end with no date at all may have fallen
on any day from the start to the end. The calendar years in force are still known: a
window never crosses a new year.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from iopctl.facts.history import Path, Timeline, timeline_of
from iopctl.frozen import frozen
from iopctl.model.agreement import PartialAgreement
from iopctl.model.dates import PartialDate, exact, latest, window
from iopctl.model.history import EndedEarly, ExtensionDecided, NoticeEntry
from iopctl.model.types import Duration

__all__ = [
    "DELIVERY_DAYS",
    "EarlyEnd",
    "ExtensionEnd",
    "NoticeGiven",
    "NoticeOutcome",
    "Term",
    "last_notice_day",
    "notice_effect",
    "notice_outcome",
    "send_by",
    "term_of",
]

When = dt.date | PartialDate
Window = tuple[dt.date, dt.date]


def notice_effect(given_on: dt.date, notice: Duration) -> dt.date:
    """The last day of a notice period begun on ``given_on``: the day with the same number
    ``notice`` later, or that month's last day when it has none (lag (1930:173) 1 §).
    The agreement is in force up to and including it, unless its period ends first
    (:func:`notice_outcome`)."""
    return notice.add_to(given_on)


DELIVERY_DAYS = 7
"""Days ``due`` leaves between sending notice and the last day it may be received.

Notice takes effect when the other party receives it, so the act-by date of a notice
deadline is the last business day on or before the deadline minus these days. A week
covers a letter posted with a weekend or a holiday in between; a notice handed over or
e-mailed against a receipt can use ``--delivery-days 0``."""


@frozen(slots=True)
class NoticeOutcome:
    """What written notice received on ``given_on`` does: the one notice rule.

    ``period_ends`` is the last day of the notice period (lag (1930:173) 1 §, see
    :func:`notice_effect`). The agreement *gäller till och med* ``last_day``: the end of
    the notice period, or the end of the agreement's period (``end``, extensions decided
    included) when that comes first (``after_end``). ``due``, ``show`` and every template
    read this, so they say the same day.
    """

    given_on: dt.date
    notice_period: Duration
    period_ends: dt.date
    end: dt.date | None
    last_day: dt.date

    @property
    def after_end(self) -> bool:
        """The notice period runs past the end: the agreement ends with its period."""
        return self.end is not None and self.period_ends > self.end


def notice_outcome(given_on: dt.date, notice: Duration, end: dt.date | None) -> NoticeOutcome:
    """Notice received on ``given_on`` with ``notice`` against an agreement ending ``end``."""
    period_ends = notice_effect(given_on, notice)
    last = period_ends if end is None or period_ends <= end else end
    return NoticeOutcome(given_on, notice, period_ends, end, last)


def send_by(deadline: dt.date, delivery_days: int) -> dt.date:
    """The day to send notice so that it arrives by ``deadline`` (before the business-day
    rule: :func:`iopctl.facts.workdays.act_by` moves it back to a business day)."""
    return deadline - dt.timedelta(days=delivery_days)


@lru_cache(maxsize=4096)
def last_notice_day(end: dt.date, notice: Duration) -> dt.date:
    """The last day on which notice takes effect no later than ``end``.

    The inverse of :func:`notice_effect`: the latest D with ``notice_effect(D) <= end``.
    Start from ``end − notice`` (month ends clamp) and step forward while the next day
    still takes effect in time, so the two functions can never disagree. Remembered:
    agreements share their ends and notice periods (most end on 31 December with three
    months' notice), and each asks more than once.
    """
    day = notice.subtract_from(end)
    while notice_effect(day, notice) > end:  # cannot happen for months; days and weeks
        day -= dt.timedelta(days=1)
    while notice_effect(day + dt.timedelta(days=1), notice) <= end:
        day += dt.timedelta(days=1)
    return day


@frozen(slots=True)
class ExtensionEnd:
    """One extension decided: where it is written, its new end and when it was decided."""

    path: Path
    number: int
    new_end: dt.date | None
    new_end_when: When
    decided_on: When | None


@frozen(slots=True)
class NoticeGiven:
    """Notice recorded in the history and the day it takes effect (if known)."""

    given_by: str
    given_on: When
    effective: dt.date | None
    effective_window: Window | None
    effective_stated: bool
    notice_period: Duration | None
    path: Path


@frozen(slots=True)
class EarlyEnd:
    """An early end recorded in the history: its last day (or ``None``), who, when decided."""

    date: When | None
    by: str | None
    decided_on: When | None
    path: Path


@frozen(slots=True)
class Term:
    """The agreement's time in force, derived once (see the module docstring).

    ``initial_end`` is the end of the first period (``period.end``, or inferred from
    ``length``); ``end`` includes extensions decided; ``last_day`` also notice given and an
    early end. Each is the exact day or ``None``; ``first_window`` and ``last_window`` are
    the first and last days the start and the last day in force can be (``None``: not
    known at all).
    """

    start: dt.date | None
    initial_end: dt.date | None
    end: dt.date | None
    end_inferred: bool
    extensions: tuple[ExtensionEnd, ...]
    notice: NoticeGiven | None
    last_day: dt.date | None
    start_when: When | None = None
    end_when: When | None = None
    early: EarlyEnd | None = None
    first_window: Window | None = None
    last_window: Window | None = None

    @property
    def latest_last_day(self) -> dt.date | None:
        """The last day in force, or the latest it can be when only a window is known."""
        return self.last_day or (self.last_window[1] if self.last_window is not None else None)

    @property
    def ended_early(self) -> bool:
        """Notice takes effect before the end, or an early end is recorded."""
        if self.early is not None:
            return True
        return (
            self.notice is not None
            and self.last_day is not None
            and (self.end is None or self.last_day < self.end)
        )

    @property
    def years(self) -> range:
        """Calendar years in force (empty when the start or the last day is unknown)."""
        if self.first_window is None or self.last_window is None:
            return range(0)
        first, last = self.first_window[0].year, self.last_window[1].year
        return range(first, last + 1) if first <= last else range(0)

    @property
    def certain(self) -> Window | None:
        """The days surely in force: from the latest start to the earliest last day."""
        if self.first_window is None or self.last_window is None:
            return None
        first, last = self.first_window[1], self.last_window[0]
        return (first, last) if first <= last else None

    @property
    def exact(self) -> bool:
        """Start and last day are both known to the day."""
        return self.start is not None and self.last_day is not None

    def in_force_on(self, day: dt.date) -> bool:
        """In force on ``day`` as far as is known (an unknown start or end does not count
        against it; a window does until it has surely begun or not yet surely ended)."""
        first = self.first_window[1] if self.first_window is not None else None
        last = self.last_window[0] if self.last_window is not None else None
        return (first is None or first <= day) and (last is None or day <= last)


def _notice(timeline: Timeline, agreement: PartialAgreement) -> NoticeGiven | None:
    found = timeline.of(NoticeEntry)
    if not found:
        return None
    entry, path = found[0]
    termination = agreement.termination
    period = termination.notice_period if termination is not None else None
    effective_window: Window | None = None
    if entry.effective is not None:
        effective_window = window(entry.effective)
    elif period is not None:
        first, last = window(entry.date)
        effective_window = (notice_effect(first, period), notice_effect(last, period))
    effective = None
    if effective_window is not None and effective_window[0] == effective_window[1]:
        effective = effective_window[0]
    return NoticeGiven(
        given_by=entry.by,
        given_on=entry.date,
        effective=effective,
        effective_window=effective_window,
        effective_stated=entry.effective is not None,
        notice_period=period,
        path=path,
    )


def _early(timeline: Timeline) -> EarlyEnd | None:
    found = timeline.of(EndedEarly)
    if not found:
        return None
    entry, path = found[0]
    return EarlyEnd(date=entry.date, by=entry.by, decided_on=entry.decided_on, path=path)


def _extensions(timeline: Timeline) -> tuple[ExtensionEnd, ...]:
    found = sorted(timeline.of(ExtensionDecided), key=lambda item: latest(item[0].new_end))
    return tuple(
        ExtensionEnd(
            path=path,
            number=n,
            new_end=exact(entry.new_end),
            new_end_when=entry.new_end,
            decided_on=entry.date,
        )
        for n, (entry, path) in enumerate(found, start=1)
    )


def _earlier(a: Window | None, b: Window | None) -> Window | None:
    """The window of the earlier of two days known by windows (``None``: no such day)."""
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), min(a[1], b[1]))


def _exact(span: Window | None) -> dt.date | None:
    return span[0] if span is not None and span[0] == span[1] else None


def _ending(
    end_window: Window | None,
    notice: NoticeGiven | None,
    early: EarlyEnd | None,
    first: Window | None,
) -> Window | None:
    """The window of the last day in force: the end, or an earlier notice or early end."""
    last = end_window
    if notice is not None and notice.effective_window is not None:
        last = _earlier(last, notice.effective_window)
    if early is not None:
        if early.date is not None:
            last = _earlier(last, window(early.date))
        elif first is not None and last is not None:
            last = (first[0], last[1])  # ended early on a day not on record
        else:
            last = None
    return last


def term_of(agreement: PartialAgreement, timeline: Timeline | None = None) -> Term:
    """The term of one agreement; what it cannot know is ``None``.

    Derived once per file: :class:`iopctl.facts.Facts` keeps it, and the checks and the
    command that reads the file after them share one ``Facts``
    (:func:`iopctl.facts.facts_of`).
    """
    if timeline is None:
        timeline = timeline_of(agreement)
    period = agreement.period
    notice = _notice(timeline, agreement)
    early = _early(timeline)
    extensions = _extensions(timeline)
    start_when = period.start if period is not None else None
    first = window(start_when) if start_when is not None else None
    stated: When | None = period.end if period is not None else None
    inferred = False
    start = exact(start_when)
    if stated is None and period is not None and start is not None and period.length:
        stated = period.length.add_to(start) - dt.timedelta(days=1)
        inferred = True
    ends = [w for w in (stated, *(e.new_end_when for e in extensions)) if w is not None]
    end_when = max(ends, key=latest) if ends else None
    end_inferred = inferred and end_when is stated
    last = _ending(window(end_when) if end_when is not None else None, notice, early, first)
    return Term(
        start=start,
        initial_end=exact(stated),
        end=exact(end_when),
        end_inferred=end_inferred,
        extensions=extensions,
        notice=notice,
        last_day=_exact(last),
        start_when=start_when,
        end_when=end_when,
        early=early,
        first_window=first,
        last_window=last,
    )
