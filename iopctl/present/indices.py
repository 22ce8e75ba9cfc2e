"""``iopctl index list`` in words: the figures known, where each comes from, and the
figures agreements need that nobody has given yet."""

from __future__ import annotations

from iopctl.i18n import _
from iopctl.present.economy_parts import index_status
from iopctl.present.numbers import percent
from iopctl.present.safe import json_text
from iopctl.present.terminal import Block, Table
from iopctl.views.indices import IndexOverview

__all__ = ["SKR_OPI_PAGE", "index_blocks", "index_json"]

SKR_OPI_PAGE = (
    "https://skr.se/skr/ekonomijuridik/ekonomi/budgetochplanering/prisindex/opi.1333.html"
)
"""Where SKR publishes OPI (cited in the project reference; the figures come each December)."""


def index_blocks(view: IndexOverview) -> list[Block]:
    rows = tuple(
        (
            k.value.index,
            str(k.value.year),
            percent(k.value.percent),
            index_status(k.value.status),
            k.value.published.isoformat() if k.value.published else "–",
            _("bundled") if k.bundled else k.origin,
        )
        for k in view.known
    )
    blocks: list[Block] = [
        (_("Index figures known to iopctl"), "heading"),
        Table(
            (
                (_("index"), "left"),
                (_("year"), "left"),
                (_("change"), "right"),
                (_("status"), "left"),
                (_("published"), "left"),
                (_("from"), "left"),
            ),
            rows,
        ),
        "",
    ]
    if not view.needed:
        blocks.append(_("Every figure the agreements need is known."))
        return blocks
    blocks.append((_("Needed by agreements, not known to iopctl"), "heading"))
    for need in view.needed:
        who = ", ".join(need.agreements)
        what = (
            ""
            if need.index_known
            else " " + _("(iopctl knows no index called {index})").format(index=repr(need.index))
        )
        blocks.append((f"  {need.index} {need.year}: {who}{what}", "warning"))
    blocks += [
        "",
        _("SKR publishes OPI each December: {page}").format(page=SKR_OPI_PAGE),
        _("Add a figure with its source, e.g.:"),
        "  "
        + _('iopctl index add OPI <YEAR> <PERCENT> --status preliminary --source "SKR cirkulär …"'),
    ]
    return blocks


def index_json(view: IndexOverview) -> str:
    doc = {
        "known": [
            {
                "index": k.value.index,
                "year": k.value.year,
                "percent": f"{k.value.percent:f}",
                "status": k.value.status,
                "published": k.value.published.isoformat() if k.value.published else None,
                "source": k.value.source,
                "file": k.origin,
                "bundled": k.bundled,
            }
            for k in view.known
        ],
        "needed": [
            {"index": n.index, "year": n.year, "agreements": list(n.agreements)}
            for n in view.needed
        ],
    }
    return json_text(doc)
