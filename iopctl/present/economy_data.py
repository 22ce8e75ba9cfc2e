"""``iopctl economy --format json`` and ``--format csv``: the report as data.

The JSON keys and the CSV columns are a documented contract (``docs/economy.md``);
amounts are decimal strings, never floats.
"""

from __future__ import annotations

import io
from decimal import Decimal

from iopctl.money.arithmetic import IndexValue
from iopctl.present.safe import csv_writer, json_text
from iopctl.views.economy import AgreementEconomy, EconomyReport, common_rounding, describe_rounding

__all__ = ["CSV_COLUMNS", "format_csv", "format_json"]


def _s(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _index_value_dict(v: IndexValue) -> dict[str, object]:
    return {
        "index": v.index,
        "year": v.year,
        "percent": _s(v.percent),
        "status": v.status,
        "published": v.published.isoformat() if v.published else None,
        "source": v.source,
    }


def _agreement_json(a: AgreementEconomy) -> dict[str, object]:
    return {
        "agreement": a.agreement_id,
        "years": [
            {
                "year": y.year,
                "contributions": [
                    {
                        "party": c.party,
                        "kind": c.kind,
                        "base": _s(c.base),
                        "index": c.index,
                        "index_percent": _s(c.index_percent),
                        "index_status": c.index_status,
                        "amount": _s(c.amount),
                        "estimate": c.estimate,
                    }
                    for c in y.contributions
                ],
                "total": _s(y.total),
            }
            for y in a.years
        ],
        # Extra per-agreement keys (documented in docs/economy.md).
        "file": a.file,
        "title": a.title,
        "status": a.status,
        "body": a.body,
        "period": {
            "start": a.start.isoformat() if a.start else None,
            "end": a.end.isoformat() if a.end else None,
            "extensions_taken": [e.isoformat() for e in a.extensions],
        },
        "rounding": describe_rounding(a.rounding),
        "counted_in_totals": a.counted,
        "estimated_years": [y.year for y in a.years if y.estimate],
        "index_sources": [_index_value_dict(v) for v in a.index_values],
        "revisions": [
            {
                "year": r.year,
                "party": r.party,
                "index": r.index,
                "base": _s(r.previous),
                "preliminary_percent": _s(r.preliminary.percent),
                "definitive_percent": _s(r.definitive.percent),
                "paid_on_preliminary": _s(r.paid),
                "definitive_amount": _s(r.final),
                "difference": _s(r.difference),
            }
            for r in a.revisions
        ],
        "volunteer_hours": [
            {
                "party": v.party,
                "hours_per_year": _s(v.hours_per_year),
                "approximate": v.approximate,
                "rate": _s(v.rate),
                "rate_source": v.rate_source,
                "value_per_year": _s(v.value_per_year),
                "recorded": [
                    {
                        "year": r.year,
                        "hours": _s(r.hours),
                        "value": _s(r.value),
                        "difference": _s(r.difference),
                    }
                    for r in v.recorded
                ],
            }
            for v in a.volunteers
        ],
        "notes": list(a.notes),
    }


def format_json(report: EconomyReport) -> str:
    """The ``--format json`` document; the keys are a documented contract."""
    doc = {
        "agreements": [_agreement_json(a) for a in report.agreements],
        "totals": [{"year": t.year, "amount": _s(t.amount)} for t in report.totals],
        "rounding": common_rounding(report),
    }
    return json_text(doc)


CSV_COLUMNS = (
    "rounding",
    "agreement",
    "year",
    "party",
    "kind",
    "base",
    "index",
    "index_percent",
    "index_status",
    "amount",
    "estimate",
    "index_source",
    "preliminary_percent",
    "paid_on_preliminary",
    "revision_difference",
)


def format_csv(report: EconomyReport) -> str:
    """One row per contribution and year; the rounding rule in the first column."""
    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in report.agreements:
        rule = describe_rounding(a.rounding)
        revised = {(r.party, r.year): r for r in a.revisions}
        for y in a.years:
            for c in y.contributions:
                rev = revised.get((c.party, y.year)) if c.kind == "money" else None
                v = c.index_value
                writer.writerow(
                    (
                        rule,
                        a.agreement_id,
                        y.year,
                        c.party,
                        c.kind,
                        _s(c.base) or "",
                        c.index or "",
                        _s(c.index_percent) or "",
                        c.index_status or "",
                        _s(c.amount) or "",
                        "true" if c.estimate else "false",
                        v.source if v is not None else "",
                        _s(rev.preliminary.percent) if rev else "",
                        _s(rev.paid) if rev else "",
                        _s(rev.difference) if rev else "",
                    )
                )
    return out.getvalue()
