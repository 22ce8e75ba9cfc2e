"""Every contribution with its amount in each year: the rules of :mod:`.amounts` applied
to the term, for each party's time in the agreement, with what the history does to the
money (:mod:`.effects`). ``Facts.contributions`` calls :func:`contribution_facts` once per
agreement; every command reads the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from iopctl.facts.amounts import (
    Rules,
    Shape,
    Span,
    flat_rows,
    money_shape,
    stated_value,
)
from iopctl.facts.effects import amended, condition_met, contribution_term, mark_unknown
from iopctl.facts.history import Timeline, timeline_of
from iopctl.facts.rows import AnyContribution, ContributionFacts, Kind
from iopctl.facts.term import Term
from iopctl.frozen import frozen
from iopctl.model.agreement import (
    MoneyContribution,
    PartialAgreement,
    VolunteerContribution,
)
from iopctl.money.arithmetic import Rounding
from iopctl.money.series import IndexSeries

__all__ = ["contribution_facts", "default_recipient", "known_in_part"]


def _recipient(agreement: PartialAgreement, c: MoneyContribution) -> str | None:
    return c.to if c.to is not None else default_recipient(agreement)


def default_recipient(agreement: PartialAgreement) -> str | None:
    """Who receives money that names no ``to``: the first idea-based party (its id)."""
    return next((p.id for p in agreement.parties if p.sector == "idea_based"), None)


@frozen(slots=True)
class _History:
    """What the history does to the money: amendments and conditions met as known on
    ``as_of`` (``timeline``), and who was a party when (``membership``)."""

    timeline: Timeline
    membership: Timeline
    as_of: dt.date | None


def contribution_facts(
    agreement: PartialAgreement,
    term: Term,
    *,
    series: dict[str, IndexSeries],
    rounding: Rounding,
    as_of: dt.date | None = None,
    assume: Decimal | None = None,
    timeline: Timeline | None = None,
    membership: Timeline | None = None,
) -> tuple[ContributionFacts, ...]:
    """Every contribution of ``agreement`` with its amount in each year of ``term``.

    ``timeline`` (the history known on ``as_of``) moves amounts with amendments and
    conditions met; ``membership`` (everything recorded, by default ``timeline``) says when
    each party joined and left (:mod:`iopctl.facts.effects`).
    """
    economy = agreement.economy
    if economy is None:
        return ()
    timeline = timeline if timeline is not None else timeline_of(agreement)
    history = _History(timeline, membership if membership is not None else timeline, as_of)
    rules = Rules(series, rounding, as_of, assume)
    return tuple(
        _one(agreement, term, position, c, rules, history)
        for position, c in enumerate(economy.contributions)
    )


def known_in_part(
    agreement: PartialAgreement, term: Term, *, timeline: Timeline, membership: Timeline
) -> bool:
    """Whether a date some contribution's money depends on (the period, a party joining or
    leaving, an amendment) is known only in part: only then can :func:`_one` mark a year
    unknown (``part_unknown``). Answers without deriving any amount."""
    economy = agreement.economy
    if economy is None:
        return False
    for position, c in enumerate(economy.contributions):
        span = contribution_term(term, membership, c.party)
        if span is not None and span.windows:
            return True
        if isinstance(c, MoneyContribution) and amended(c, timeline, position)[1]:
            return True
    return False


def _one(
    agreement: PartialAgreement,
    term: Term,
    position: int,
    c: AnyContribution,
    rules: Rules,
    history: _History,
) -> ContributionFacts:
    """One contribution: its years (for its party's time in the agreement), its shape."""
    span_term = contribution_term(term, history.membership, c.party)
    years = tuple(span_term.term.years) if span_term is not None else ()
    span = Span(span_term.term if span_term else term, years, c.part_years == "full")
    kind: Kind
    windows: tuple[tuple[dt.date, dt.date], ...] = ()
    if isinstance(c, MoneyContribution):
        kind = "money"
        c, windows = amended(c, history.timeline, position)
        shape = money_shape(c, span, rules) if years else Shape(())
        index = c.indexation.index if c.indexation is not None else None
    else:
        kind = "volunteer_hours" if isinstance(c, VolunteerContribution) else "in_kind"
        shape = Shape(flat_rows(c, span, rules.rounding) if years else ())
        index = None
    rows = shape.years
    if span_term is not None:
        rows = mark_unknown(rows, span_term, windows, c)
    money = c if isinstance(c, MoneyContribution) else None
    conditional = (
        money is not None
        and money.conditional_on is not None
        and not condition_met(history.timeline, position, history.as_of)
    )
    if money is not None and not conditional:
        rows = tuple(replace(r, conditional=False) if r.conditional else r for r in rows)
    party = agreement.party(c.party)
    return ContributionFacts(
        position=position,
        contribution=c,
        party=c.party,
        party_name=party.name if party is not None else c.party,
        public=party is not None and party.sector == "public",
        kind=kind,
        stated=stated_value(c, rules.rounding),
        index=index,
        base_year=shape.base_year,
        base_year_stated=money is not None and money.base_year is not None,
        first_indexed_year=shape.first_indexed_year,
        one_off_year=shape.one_off_year,
        years=rows,
        revisions=shape.revisions,
        recipient=_recipient(agreement, money) if money is not None else None,
        conditional=conditional,
    )
