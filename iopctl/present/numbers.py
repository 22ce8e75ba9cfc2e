"""Numbers as people read them in messages and tables (``4 785 000 kr``) and write them
on the command line (``--hours 18000``, ``--assume 2.0``).

One place for the CLI's number display (documents use babel, see render_filters.py).
Digits are never rounded here: an exact index chain shows all its decimals.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from iopctl.errors import UsageError

__all__ = ["grouped", "kronor", "parse_number"]


def grouped(amount: Decimal) -> str:
    """933000 → '933 000'; decimals only when there are any (964987.905 → '964 987.905')."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}".replace(",", " ")
    return f"{amount:,f}".replace(",", " ")


def kronor(amount: Decimal) -> str:
    """933000 → '933 000 kr'."""
    return grouped(amount) + " kr"


def parse_number(
    text: str, *, option: str, allow_negative: bool = False, percent: bool = False
) -> Decimal:
    """A decimal number from the command line; bad input is a usage error, never a traceback."""
    raw = text.strip()
    if percent and raw.endswith("%"):
        raw = raw[:-1].strip()
    example = "2.0" if percent else "18000"
    if "," in raw:
        raise UsageError(
            f"{option} {text!r}: write a decimal point, not a comma, and no thousands separator",
            hint=f"e.g. {option} {raw.replace(' ', '').replace(',', '.')}",
        )
    from iopctl.reading.rules import NumberOutOfBounds, check_number

    try:
        check_number(raw)
        number = Decimal(raw)
        check_number(raw, number)
    except NumberOutOfBounds as exc:
        raise UsageError(f"{option}: {exc}", hint=f"e.g. {option} {example}") from None
    except InvalidOperation:
        raise UsageError(
            f"{option} {text!r} is not a number", hint=f"e.g. {option} {example}"
        ) from None
    if not number.is_finite():
        raise UsageError(
            f"{option} {text!r} is not a finite number", hint=f"e.g. {option} {example}"
        )
    if number < 0 and not allow_negative:
        raise UsageError(f"{option} {text!r} is negative", hint=f"{option} must be zero or more")
    if percent and number <= -100:
        raise UsageError(
            f"{option} {text!r}: a change of -100 % or less is impossible",
            hint=f"e.g. {option} {example}",
        )
    if percent and number > 100:
        raise UsageError(
            f"{option} {text!r}: more than 100 % a year is outside what index files allow",
            hint=f"e.g. {option} {example}",
        )
    return number
