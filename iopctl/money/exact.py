"""Exact Decimal arithmetic: the context every money computation runs in, and the checks
that refuse what must never reach it (a float, an infinity, a change of −100 % or less).

Products and sums are computed with ``MAX_PREC`` digits, so they are exact (the
``decimal`` documentation recommends this for exact arithmetic); nothing divides in this
context (percent → fraction uses ``scaleb``), because an inexact division would not
terminate.
"""

from __future__ import annotations

from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

__all__ = ["EXACT", "ONE", "check_decimal", "check_non_negative", "check_percent", "factor"]

# Exact for + and * (no rounding ever happens below MAX_PREC digits); never divide in it.
EXACT = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    rounding=ROUND_HALF_UP,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

ONE = Decimal(1)
MINUS_HUNDRED = Decimal(-100)


def check_decimal(name: str, value: object) -> Decimal:
    """Refuse floats and non-finite values early: a float here means a loader bug."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, got {type(value).__name__} ({value!r})")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def check_non_negative(name: str, value: object) -> Decimal:
    number = check_decimal(name, value)
    if number < 0:
        raise ValueError(f"{name} must not be negative, got {number}")
    return number


def check_percent(name: str, value: object) -> Decimal:
    """A change of −100 % or less would make the next amount zero or negative."""
    number = check_decimal(name, value)
    if number <= MINUS_HUNDRED:
        raise ValueError(f"{name} must be greater than -100 %, got {number} %")
    return number


def factor(percent: Decimal) -> Decimal:
    """1 + percent/100, exactly (scaleb shifts the exponent; no division)."""
    return EXACT.add(ONE, percent.scaleb(-2, EXACT))
