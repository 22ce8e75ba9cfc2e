"""The header row of every CSV, in the output language.

A coordinator opens the CSV of ``due``, ``list`` and ``economy`` in Excel, so its headers
follow the language like every other word a person reads: Swedish words in Swedish
(``överenskommelse;år;part;…``), and in English the JSON keys the columns come from
(``agreement,year,party,…``), as before. The cells stay data (codes such as ``money``,
``overdue``, ``true``), the same in every language, like JSON keys and diagnostic codes
(docs/i18n.md). Each header is a ``msgctxt "CSV column"`` message whose id is the JSON
key: the English catalogue gives the key back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from iopctl.i18n import NP_, pgettext

__all__ = ["CONTEXT", "MARKED", "csv_header"]

CONTEXT = "CSV column"

MARKED = (
    NP_("CSV column", "act_by"),
    NP_("CSV column", "agreement"),
    NP_("CSV column", "amount"),
    NP_("CSV column", "amount_due"),
    NP_("CSV column", "amount_paid"),
    NP_("CSV column", "base"),
    NP_("CSV column", "conditional"),
    NP_("CSV column", "date"),
    NP_("CSV column", "days_late"),
    NP_("CSV column", "days_left"),
    NP_("CSV column", "done"),
    NP_("CSV column", "due"),
    NP_("CSV column", "end"),
    NP_("CSV column", "errors"),
    NP_("CSV column", "estimate"),
    NP_("CSV column", "file"),
    NP_("CSV column", "id"),
    NP_("CSV column", "index"),
    NP_("CSV column", "index_percent"),
    NP_("CSV column", "index_source"),
    NP_("CSV column", "index_status"),
    NP_("CSV column", "kind"),
    NP_("CSV column", "met"),
    NP_("CSV column", "money_this_year"),
    NP_("CSV column", "next_act_by"),
    NP_("CSV column", "next_kind"),
    NP_("CSV column", "paid_in_year"),
    NP_("CSV column", "paid_on_preliminary"),
    NP_("CSV column", "part"),
    NP_("CSV column", "parties"),
    NP_("CSV column", "party"),
    NP_("CSV column", "preliminary_percent"),
    NP_("CSV column", "qualifier"),
    NP_("CSV column", "revision_difference"),
    NP_("CSV column", "rounding"),
    NP_("CSV column", "settled_on"),
    NP_("CSV column", "start"),
    NP_("CSV column", "status"),
    NP_("CSV column", "status_stated"),
    NP_("CSV column", "title"),
    NP_("CSV column", "warnings"),
    NP_("CSV column", "what"),
    NP_("CSV column", "year"),
)
"""Every CSV column, marked for the catalogue (tests/test_words.py checks that each
command's columns are here)."""


def csv_header(names: Iterable[str]) -> list[str]:
    """The header row for the columns ``names`` (JSON keys), in the current language."""
    return [pgettext(CONTEXT, name) for name in names]
