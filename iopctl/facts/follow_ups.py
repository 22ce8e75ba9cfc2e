"""When the next follow-up is due: the agreement's terms, or a yearly reminder.

"Minst en gång per år" is read as two rules (``docs/deadlines.md``, "Follow-up"): within
the interval of the last follow-up held (or the start), *and* at least ``per_year`` in
every whole calendar year in force; the earlier is due. Without stated terms iopctl
reminds once a year and never calls the reminder overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from iopctl.facts.events import FollowUpDetail
from iopctl.model.agreement import FollowUpTerms
from iopctl.model.types import Duration

__all__ = ["assumed_follow_up", "default_interval", "next_follow_up"]

_TWELVE_MONTHS = Duration(12, "months")


def default_interval(per_year: int) -> Duration | None:
    """12 months / per_year, in whole months when that divides evenly, else in days."""
    if per_year <= 0:
        return None
    if 12 % per_year == 0:
        return Duration(12 // per_year, "months")
    return Duration(max(1, 365 // per_year), "days")


def next_follow_up(
    terms: FollowUpTerms, records: Sequence[dt.date], start: dt.date, end: dt.date
) -> tuple[dt.date, FollowUpDetail] | None:
    """The next follow-up under stated terms: "once a year" read as two rules.

    Within ``interval`` of the last one held (or the start), and at least ``per_year``
    in every whole calendar year in force; the earlier of the two is due.
    """
    per_year = terms.per_year or 0
    interval = terms.interval or default_interval(per_year)
    anchor = records[-1] if records else start
    base = FollowUpDetail(
        ordinal=len(records) + 1,
        reason="interval",
        anchor=anchor,
        anchor_is_record=bool(records),
        interval=interval,
        interval_stated=terms.interval is not None,
        per_year=terms.per_year,
        on_request=terms.on_request,
        convened_by=terms.convened_by,
        last_recorded=records[-1] if records else None,
    )
    candidates: list[tuple[dt.date, FollowUpDetail]] = []
    if interval is not None:
        candidates.append((interval.add_to(anchor), base))
    if per_year:
        counts = Counter(d.year for d in records)
        for year in range(anchor.year, end.year + 1):
            whole = start <= dt.date(year, 1, 1) and dt.date(year, 12, 31) <= end
            if whole and counts[year] < per_year:
                detail = replace(base, reason="per_year", year=year, held=counts[year])
                candidates.append((dt.date(year, 12, 31), detail))
                break
    if not candidates:
        return None
    due, detail = min(candidates, key=lambda c: (c[0], c[1].reason))
    return (due, detail) if due <= end else None


def assumed_follow_up(
    records: Sequence[dt.date], start: dt.date, end: dt.date, as_of: dt.date
) -> tuple[dt.date, FollowUpDetail] | None:
    """No follow-up terms stated: a labelled reminder, never overdue.

    The next of: 12 months after the last recorded follow-up (or the start), then every
    12 months; the last reminder falls on the end of the period at the latest.
    """
    anchor = records[-1] if records else start
    times = 1
    while True:
        due = _TWELVE_MONTHS.add_to(anchor, times=times)
        if due >= end:
            due = end
            break
        if due >= as_of:
            break
        times += 1
    if due < as_of:
        return None
    detail = FollowUpDetail(
        ordinal=len(records) + 1,
        reason="assumed",
        anchor=anchor,
        anchor_is_record=bool(records),
        last_recorded=records[-1] if records else None,
    )
    return due, detail
