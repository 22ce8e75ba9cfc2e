"""``iopctl economy --format json`` and ``--format csv``: the report as data.

The JSON keys and the CSV columns are a documented contract (``docs/economy.md``);
amounts are decimal strings, never floats.
"""

from __future__ import annotations

import io
from decimal import Decimal

from iopctl.facts.portions import Portion
from iopctl.facts.sums import Sum
from iopctl.money.series import IndexValue
from iopctl.present.columns import csv_header
from iopctl.present.economy_parts import index_source
from iopctl.present.economy_words import common_rounding, describe_rounding, note_text
from iopctl.present.safe import csv_writer, excel_dialect, json_text
from iopctl.views.economy import (
    AgreementEconomy,
    EconomyReport,
    EconomyYear,
    RevisionRow,
    VolunteerValuation,
)

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
        "source": index_source(v),
    }


def _agreement_json(a: AgreementEconomy) -> dict[str, object]:
    """One agreement; the key order is part of the documented contract."""
    return {
        "agreement": a.agreement_id,
        "years": [_year_json(y) for y in a.years],
        # Extra per-agreement keys (documented in docs/economy.md).
        "file": a.file,
        "title": a.title,
        "status": a.status,
        "body": a.body or "(no public party)",
        "period": {
            "start": a.start.isoformat() if a.start else None,
            "end": a.end.isoformat() if a.end else None,
            "extensions_taken": [str(e) for e in a.extensions],
        },
        "rounding": describe_rounding(a.rounding),
        "counted_in_totals": a.counted,
        "estimated_years": [y.year for y in a.years if y.estimate],
        "unknown_years": list(a.unknown_years),
        "index_sources": [_index_value_dict(v) for v in a.index_values],
        "revisions": [_revision_json(r) for r in a.revisions],
        "volunteer_hours": [_volunteer_json(v) for v in a.volunteers],
        "notes": [note_text(note) for note in a.notes],
    }


def _year_json(y: EconomyYear) -> dict[str, object]:
    return {
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
                "qualifier": c.row.qualifier,
                "conditional": c.row.conditional,
                "part": _part(c.row.portion),
                "source": c.row.source,
                "paid_in_year": _s(c.paid.amount) if c.paid is not None else None,
            }
            for c in y.contributions
        ],
        **_total_json(y.total),
    }


def _part(part: Portion | None) -> dict[str, object] | None:
    """The part of the year counted, or ``None`` for a whole year."""
    if part is None:
        return None
    return {"units": part.units, "of": part.of, "unit": part.unit}


def _total_json(total: Sum) -> dict[str, object]:
    """A sum as data: the known committed amount (``null`` when none is known), whether
    every committed amount is known or any is approximate, and apart from it the money
    projected with an assumed index and the conditional money."""
    return {
        "total": _s(total.amount),
        "total_complete": total.complete,
        "total_approximate": total.approximate,
        "estimated_total": _s(total.estimated),
        "conditional_total": _s(total.conditional),
    }


def _revision_json(r: RevisionRow) -> dict[str, object]:
    return {
        "year": r.year,
        "party": r.party,
        "index": r.index,
        "base": _s(r.revision.previous),
        "preliminary_percent": _s(r.revision.preliminary.percent),
        "definitive_percent": _s(r.revision.definitive.percent),
        "paid_on_preliminary": _s(r.revision.paid),
        "definitive_amount": _s(r.revision.final),
        "difference": _s(r.revision.difference),
    }


def _volunteer_json(v: VolunteerValuation) -> dict[str, object]:
    return {
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


def format_json(report: EconomyReport) -> str:
    """The ``--format json`` document; the keys are a documented contract."""
    doc = {
        "agreements": [_agreement_json(a) for a in report.agreements],
        "totals": [
            {
                "year": t.year,
                "amount": _s(t.total.amount),
                "complete": t.total.complete,
                "approximate": t.total.approximate,
                "estimated": _s(t.total.estimated),
                "conditional": _s(t.total.conditional),
            }
            for t in report.totals
        ],
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
    "qualifier",
    "conditional",
    "part",
    "paid_in_year",
)


def _part_text(part: Portion | None) -> str:
    return "" if part is None else f"{part.units}/{part.of} {part.unit}"


def format_csv(report: EconomyReport, *, excel: bool | None = None) -> str:
    """One row per contribution and year; the rounding rule in the first column (Swedish
    Excel's dialect, with CRLF, when ``excel`` or by default in Swedish)."""
    out = io.StringIO()
    for_excel = excel_dialect(excel)
    writer = csv_writer(out, lineterminator="\r\n" if for_excel else "\n", excel=for_excel)
    writer.writerow(csv_header(CSV_COLUMNS))
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
                        index_source(v) if v is not None else "",
                        _s(rev.revision.preliminary.percent) if rev else "",
                        _s(rev.revision.paid) if rev else "",
                        _s(rev.revision.difference) if rev else "",
                        c.row.qualifier or "",
                        "true" if c.row.conditional else "false",
                        _part_text(c.row.portion),
                        _s(c.paid.amount) or "" if c.paid is not None else "",
                    )
                )
        for year in a.unknown_years:  # no economy: the year is there, its amount unknown
            known = {"rounding": rule, "agreement": a.agreement_id, "year": year}
            flags = {"estimate": "false", "conditional": "false"}
            writer.writerow([known.get(k, flags.get(k, "")) for k in CSV_COLUMNS])
    return out.getvalue()
