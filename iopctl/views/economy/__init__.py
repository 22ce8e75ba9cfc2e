"""``iopctl economy``: the year-by-year table and the portfolio, read from the facts.

Every amount comes from :class:`iopctl.facts.Facts` (``contributions``): this package only
arranges them per year, per party and per deciding body, and adds what follow-ups
recorded about volunteer hours. Nothing here prints, builds sentences or exits; notes
are data (:class:`EconomyNote`) and a missing index figure is a located
:class:`~iopctl.problems.diagnostic.Diagnostic` (IOP503) the CLI reports.
:mod:`iopctl.present.economy_text` and :mod:`iopctl.present.economy_data` turn the
report into text, JSON and CSV. See ``docs/economy.md``.

:mod:`.results` holds the result classes, :mod:`.agreement` computes one agreement and
:mod:`.report` the portfolio; every public name is importable from here.
"""

from __future__ import annotations

from iopctl.views.economy.agreement import agreement_economy
from iopctl.views.economy.report import (
    BodyYear,
    EconomyReport,
    OrganisationYear,
    YearTotal,
    economy_of_paths,
    economy_report,
)
from iopctl.views.economy.results import (
    AgreementEconomy,
    ContributionYear,
    EconomyNote,
    EconomyYear,
    NoteKind,
    PartyTotal,
    RecordedHours,
    RevisionRow,
    VolunteerValuation,
)

__all__ = [
    "AgreementEconomy",
    "BodyYear",
    "ContributionYear",
    "EconomyNote",
    "EconomyReport",
    "EconomyYear",
    "NoteKind",
    "OrganisationYear",
    "PartyTotal",
    "RecordedHours",
    "RevisionRow",
    "VolunteerValuation",
    "YearTotal",
    "agreement_economy",
    "economy_of_paths",
    "economy_report",
]
