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
    """933000 → '933 000 kr'."""
    return grouped(amount) + " kr"
