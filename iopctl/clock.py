"""What "today" is: the date in Europe/Stockholm, unless ``--as-of`` says otherwise."""

from __future__ import annotations

import datetime as dt

__all__ = ["today_stockholm"]


def today_stockholm() -> dt.date:
    """Deadlines are Swedish dates; a CI runner in UTC must not be a day off after 22:00."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()
