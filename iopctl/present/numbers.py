"""Numbers as people read them in messages and tables (``4 785 000 kr``) and write them
on the command line (``--hours 18000``, ``--assume 2.0``).

One place for the CLI's number display (documents use babel, see render_filters.py).
Digits are never rounded here: an exact index chain shows all its decimals.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["grouped", "kronor"]


def grouped(amount: Decimal) -> str:
    """933000 → '933 000'; decimals only when there are any (964987.905 → '964 987.905')."""
    if amount == amount.to_integral_value():
        return f"{int(amount):,}".replace(",", " ")
    return f"{amount:,f}".replace(",", " ")


def kronor(amount: Decimal) -> str:
    """An amount of money: 933000 → '933 000 kr'; öre always with two digits
    (933000.5 → '933 000.50 kr'); an exact chain keeps every digit ('964 987.905 kr')."""
    if amount != amount.to_integral_value() and -amount.as_tuple().exponent < 2:  # type: ignore[operator]
        amount = amount.quantize(Decimal("0.01"))
    return grouped(amount) + " kr"
