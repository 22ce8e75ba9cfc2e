"""Checks of the signed text kept in ``original`` against the clauses quoted elsewhere (IOP250).

A file that keeps the signed text (``original``) holds each agreed clause twice: in the
original's sections, and in the structured field iopctl computes from and the agreement
template prints as the agreed wording (``termination.text``, ``economy.text`` …). When
one copy is edited and the other is not, the agreement document would print words the
parties never signed. Each clause-as-written field must therefore occur in the signed
text, whitespace aside.
"""

from __future__ import annotations

from collections.abc import Iterator

from iopctl.checks.context import Context, check
from iopctl.i18n import N_
from iopctl.model.agreement import MoneyContribution, PartialAgreement
from iopctl.problems.diagnostic import Diagnostic
from iopctl.reading.source import Path

__all__ = ["clauses_in_original", "quoted_clauses"]

PROSE = (
    "background",
    "values",
    "starting_points",
    "challenge",
    "purpose",
    "goals",
    "target_group",
    "activities",
    "changes",
    "disputes",
)
"""Top-level texts the agreement template prints as agreed wording."""


def _flat(text: str) -> str:
    return " ".join(text.split())


def quoted_clauses(a: PartialAgreement) -> Iterator[tuple[Path, str]]:
    """Every field that quotes the agreement as written, with its path."""
    for name in PROSE:
        value = getattr(a, name)
        if value:
            yield (name,), value
    for i, responsibility in enumerate(a.responsibilities):
        for j, clause in enumerate(responsibility.clauses):
            yield ("responsibilities", i, "clauses", j), clause
    for i, clause in enumerate(a.joint_responsibilities):
        yield ("joint_responsibilities", i), clause
    if a.economy is not None:
        for key in ("text", "other_funding"):
            if getattr(a.economy, key):
                yield ("economy", key), getattr(a.economy, key)
        for i, c in enumerate(a.economy.contributions):
            if c.text:
                yield ("economy", "contributions", i, "text"), c.text
            if isinstance(c, MoneyContribution):
                for part in ("payment", "indexation"):
                    inner = getattr(c, part)
                    if inner is not None and inner.text:
                        yield ("economy", "contributions", i, part, "text"), inner.text
    if a.period is not None:
        if a.period.text:
            yield ("period", "text"), a.period.text
        if a.period.extension is not None and a.period.extension.text:
            yield ("period", "extension", "text"), a.period.extension.text
    if a.termination is not None:
        for key in ("text", "repayment"):
            if getattr(a.termination, key):
                yield ("termination", key), getattr(a.termination, key)
    if a.follow_up is not None and a.follow_up.text:
        yield ("follow_up", "text"), a.follow_up.text


@check("original")
def clauses_in_original(ctx: Context) -> Iterator[Diagnostic]:
    original = ctx.agreement.original
    if original is None:
        return
    signed = _flat(" ".join([original.front or ""] + [s.text or "" for s in original.sections]))
    for path, text in quoted_clauses(ctx.agreement):
        if _flat(text) not in signed:
            where = ".".join(f"[{p}]" if isinstance(p, int) else p for p in path)
            yield ctx.warning(
                path,
                "IOP250",
                N_(
                    "{field} is not in the signed text (original): the agreement document "
                    "would print words the parties did not sign"
                ),
                N_(
                    "quote the clause as it stands in original.sections, or correct original "
                    "if that copy is the wrong one"
                ),
                field=where.replace(".[", "["),
            )
