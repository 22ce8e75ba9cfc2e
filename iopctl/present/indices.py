"""``iopctl index list`` in words: the figures known, where each comes from, and the
figures agreements need that nobody has given yet."""

from __future__ import annotations

from iopctl.present.safe import json_text
from iopctl.present.terminal import Block, Table, percent
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
            k.value.status,
            k.value.published.isoformat() if k.value.published else "–",
            "bundled" if k.bundled else k.origin,
        )
        for k in view.known
    )
    blocks: list[Block] = [
        ("Index figures known to iopctl", "heading"),
        Table(
            (
                ("index", "left"),
                ("year", "left"),
                ("change", "right"),
                ("status", "left"),
                ("published", "left"),
                ("from", "left"),
            ),
            rows,
        ),
        "",
    ]
    if not view.needed:
        blocks.append("Every figure the agreements need is known.")
        return blocks
    blocks.append(("Needed by agreements, not known to iopctl", "heading"))
    for need in view.needed:
        who = ", ".join(need.agreements)
        what = "" if need.index_known else f" (iopctl knows no index called {need.index!r})"
        blocks.append((f"  {need.index} {need.year}: {who}{what}", "warning"))
    blocks += [
        "",
        f"SKR publishes OPI each December: {SKR_OPI_PAGE}",
        "Add a figure with its source, e.g.:",
        '  iopctl index add OPI <YEAR> <PERCENT> --status preliminary --source "SKR cirkulär …"',
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
