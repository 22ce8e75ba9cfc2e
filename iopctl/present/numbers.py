"""Numbers as people read them in messages and tables, by the language's rules
(``4 785 000 kr``, ``1,5 %``, ``214,00 kr/tim`` in Swedish; ``4,785,000 kr``, ``1.5%``,
``214.00 kr/h`` in English), and as they write them on the command line (``--assume 2.0``).

The symbols are babel's (CLDR) for ``sv`` and ``en``, written out here so that printing a
number does not load babel's locale data (``tests/test_words.py`` keeps them equal), with
one change: Swedish groups with an ordinary space rather than a no-break space, so that
a copied amount pastes as typed. Digits are never rounded here: an exact index chain
shows all its decimals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from iopctl.i18n import _, language

__all__ = ["SYMBOLS", "grouped", "kronor", "number", "percent", "rate"]

SYMBOLS: Final = {"sv": (" ", ","), "en": (",", ".")}
"""(group, decimal) separator per language."""


def number(value: Decimal | int, *, as_written: bool = False) -> str:
    """Digits grouped by the language: 3852000 → '3 852 000'; 1.5 → '1,5' (Swedish).
    Decimals only when there are any, unless ``as_written`` (``100.0`` → '100,0')."""
    group, point = SYMBOLS[language()]
    if isinstance(value, int) or (
        value == value.to_integral_value() and (not as_written or value.as_tuple().exponent == 0)
    ):
        text = f"{int(value):,}"
        return text.replace(",", group)
    whole, _dot, fraction = f"{value:,f}".partition(".")
    return whole.replace(",", group) + point + fraction


def grouped(amount: Decimal) -> str:
    """933000 → '933 000'; decimals only when there are any (964987.905 → '964 987,905')."""
    return number(amount)


def kronor(amount: Decimal) -> str:
    """An amount of money: 933000 → '933 000 kr'; öre always with two digits
    (933000.5 → '933 000,50 kr'); an exact chain keeps every digit ('964 987,905 kr')."""
    if amount != amount.to_integral_value() and -amount.as_tuple().exponent < 2:  # type: ignore[operator]
        amount = amount.quantize(Decimal("0.01"))
    return _("{amount} kr").format(amount=number(amount))


def percent(value: Decimal) -> str:
    """An index figure or a share: '1,5 %' (Swedish, CLDR's spacing), '1.5%' (English)."""
    return _("{number}%").format(number=number(value, as_written=True))


def rate(value: Decimal) -> str:
    """An hourly rate with öre: '214,00 kr/tim', '214.00 kr/h'."""
    return _("{amount} kr/h").format(
        amount=number(value.quantize(Decimal("0.01")), as_written=True)
    )
