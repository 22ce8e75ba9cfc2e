"""What "today" is, and a date a person types.

Today is the date in Europe/Stockholm, unless ``--as-of`` says otherwise. A typed date
(``--as-of``, ``--given-on``, ``iopctl new``'s start and end, asked or given) is read by
:func:`typed_date` alone, so every command says the same about the same mistake.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from iopctl.i18n import Words

__all__ = ["FIRST_DAY", "LAST_DAY", "today_stockholm", "typed_date"]

FIRST_DAY: Final = dt.date(1900, 1, 1)
LAST_DAY: Final = dt.date(9000, 12, 31)
"""The range of a typed date: far enough from year 9999 that date arithmetic on it cannot
overflow, and no notice dated year 1 ends an agreement of 2020 in year 1."""


def today_stockholm() -> dt.date:
    """Deadlines are Swedish dates; a CI runner in UTC must not be a day off after 22:00."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()


def typed_date(text: str, what: str | Words) -> dt.date:
    """``text`` (``YYYY-MM-DD``, spaces around it ignored) as a date, or a usage error
    that names ``what`` was typed (an option, ``--as-of``, or words, "the start date")
    and says what is wrong: a day that does not exist says why ("February 2027 has 28
    days"), and a year outside :data:`FIRST_DAY`–:data:`LAST_DAY` is refused."""
    from iopctl.errors import UsageError
    from iopctl.i18n import N_

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        from iopctl.reading.rules import impossible_date

        why = impossible_date(text.strip())
        raise UsageError(
            N_("{what} {text!r}: no such date ({why})")
            if why is not None
            else N_("{what} {text!r}: not a date in the form YYYY-MM-DD"),
            hint=N_("write the date as YYYY-MM-DD, e.g. 2022-05-15"),
            what=what,
            text=text,
            why=why,
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(
            N_("{what} {text!r} is out of range"),
            hint=N_("use a date from {first} to {last}"),
            what=what,
            text=text,
            first=FIRST_DAY.isoformat(),
            last=LAST_DAY.isoformat(),
        )
    return day
