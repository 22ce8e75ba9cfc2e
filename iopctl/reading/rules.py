"""What both ways of reading YAML share: the bounds on an input, and plain scalars.

Plain (unquoted) scalars read as YAML 1.1 resolves them, with PyYAML's resolver table:
``no`` is a boolean, ``012`` an octal number, ``12:30`` a sexagesimal one, and floats
are :class:`~decimal.Decimal`. The careful path (:mod:`iopctl.reading.source`) and the fast
path (:mod:`iopctl.reading.fast`) convert with the same helpers, so they give the same data.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import yaml

from iopctl.i18n import N_, Words

__all__ = [
    "BOOL_WORDS",
    "DATE",
    "MAX_ALIAS_EXPANSIONS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_EXPANDED_CHARS",
    "MAX_NODES",
    "MAX_NUMBER_CHARS",
    "MAX_NUMBER_MAGNITUDE",
    "MONTHS",
    "SURPRISING_BOOLS",
    "TAG",
    "Loader",
    "NumberOutOfBounds",
    "check_number",
    "impossible_date",
    "parse_float",
    "parse_int",
    "timestamp_value",
]

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000
MAX_ALIAS_EXPANSIONS = 1_000
MAX_EXPANDED_CHARS = MAX_BYTES
"""Text in a file's values after aliases are expanded. A file without aliases never has
more text than bytes; 8 000 aliases of a 120 KB string (a 145 KB file) were a gigabyte
of text for ``render`` and ``diff`` (31 s, 9.4 GB)."""
MAX_NUMBER_CHARS = 32
MAX_NUMBER_MAGNITUDE = 30
"""A number is written in at most 32 characters, and its leading digit lies between
10^-30 and 10^30. Kronor need a few decimals and well under 15 integer digits; what is
beyond these bounds can only be a mistake or an attack (``1.0e-999999999`` is 26 s and
5.9 GB of digits when printed, ``0x`` + 4 000 ``f`` cannot be printed at all)."""

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TAG = "tag:yaml.org,2002:"


_INT_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")
BOOL_WORDS = {"yes": True, "no": False, "on": True, "off": False, "true": True, "false": False}
SURPRISING_BOOLS = {"yes", "no", "on", "off"}


class NumberOutOfBounds(ValueError):
    """A plain scalar YAML reads as a number, beyond :data:`MAX_NUMBER_CHARS` or
    :data:`MAX_NUMBER_MAGNITUDE` (IOP010): ``msgid`` and ``args`` say it in any language."""

    def __init__(self, msgid: str, **args: object) -> None:
        super().__init__(msgid.format(**args))
        self.msgid = msgid
        self.args_ = args


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 40 else f"{text[:24]!r}… ({len(text):,} characters)"


def check_number(text: str, value: int | Decimal | None = None) -> None:
    """Raise :class:`NumberOutOfBounds` for a number too long to write or too large."""
    if len(text) > MAX_NUMBER_CHARS:
        raise NumberOutOfBounds(
            N_(
                "the number {number} is written with more than {limit} characters; "
                "no value in an agreement needs that many"
            ),
            number=_shown(text),
            limit=MAX_NUMBER_CHARS,
        )
    if value is None:
        return
    if isinstance(value, int):
        too_big = abs(value) >= 10 ** (MAX_NUMBER_MAGNITUDE + 1)
    elif not value.is_finite():
        too_big = False
    else:
        # The exponent too, for zero as well: 0.0e-999999999 is zero with a billion
        # decimals when printed (found by fuzz/fuzz_commands.py).
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)
        lowest = -MAX_NUMBER_MAGNITUDE - MAX_NUMBER_CHARS
        too_big = not lowest <= exponent <= MAX_NUMBER_MAGNITUDE or (
            value != 0 and not -MAX_NUMBER_MAGNITUDE <= value.adjusted() <= MAX_NUMBER_MAGNITUDE
        )
    if too_big:
        raise NumberOutOfBounds(
            N_(
                "the number {number} is out of range: numbers in an agreement are "
                "between 10^-{magnitude} and 10^{magnitude} in size"
            ),
            number=_shown(text),
            magnitude=MAX_NUMBER_MAGNITUDE,
        )


def parse_int(text: str) -> tuple[int, bool]:
    """YAML 1.1 integer (as PyYAML resolves it) and whether the reading is surprising.

    Bounded (:func:`check_number`): the text is checked before it is converted.
    """
    check_number(text)
    value, odd = _parse_int(text)
    check_number(text, value)
    return value, odd


def _parse_int(text: str) -> tuple[int, bool]:
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    if value[:1] in "+-":
        value = value[1:]
    if value == "0":
        return 0, False
    if value.startswith("0b"):
        return sign * int(value[2:], 2), True
    if value.startswith("0x"):
        return sign * int(value[2:], 16), True
    if value.startswith("0"):
        return sign * int(value, 8), True
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total, True
    return sign * int(value), False


def parse_float(text: str) -> tuple[Decimal, bool]:
    """YAML 1.1 float as an exact :class:`Decimal`, bounded like :func:`parse_int`."""
    check_number(text)
    number, odd = _parse_float(text)
    check_number(text, number)
    return number, odd


def _parse_float(text: str) -> tuple[Decimal, bool]:
    value = text.replace("_", "").lower()
    if value in (".inf", "+.inf"):
        return Decimal("Infinity"), False
    if value == "-.inf":
        return Decimal("-Infinity"), False
    if value == ".nan":
        return Decimal("NaN"), False
    if ":" in value:
        sign = -1 if value.startswith("-") else 1
        digits = value.lstrip("+-")
        total = Decimal(0)
        for part in digits.split(":"):
            total = total * 60 + Decimal(part)
        return sign * total, True
    return Decimal(value), False


DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")


def timestamp_value(text: str) -> dt.datetime:
    # Reuse PyYAML's own timestamp semantics for the rare full timestamps.
    from yaml.constructor import SafeConstructor

    if SafeConstructor.timestamp_regexp.match(text) is None:
        raise ValueError("not a date or timestamp")  # only an explicit !!timestamp gets here
    node = yaml.ScalarNode(TAG + "timestamp", text)
    value = SafeConstructor().construct_yaml_timestamp(node)
    assert isinstance(value, dt.datetime)
    return value


MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def impossible_date(text: str) -> Words | None:
    """Which part of a date in the form YYYY-MM-DD is wrong ("February 2027 has 28
    days"), or None when the text is not in that form."""
    import calendar

    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return Words(N_("there is no month {month}; months are 01–12"), {"month": month})
    days = calendar.monthrange(year, month)[1]
    if day == 0 or day > days:
        return Words(
            N_("{month_name} {year} has {days} days"),
            {"month_name": Words(MONTHS[month - 1]), "year": year, "days": days},
        )
    return None
