"""The portfolio kept small: a line per agreement and running totals (issue #17).

``iopctl economy`` over a folder shows, as text, money per deciding body and per year,
and one line per agreement. Those need neither the agreement's facts (about 55 KB) nor
its year-by-year table (about 12 KB): :class:`AgreementLine` keeps what the line shows,
and :class:`Sums` is the agreement's share of the totals, added into :class:`Totals` as
the files are read and dropped. What the text shows besides the table of agreements
(how many count, the estimates, revisions, notes, problems) is gathered line by line too
(:class:`Gathered`), so lines kept on disk are read back once, for the table. The outputs
that show every year of every agreement (JSON, CSV, Excel) keep each
:class:`~iopctl.views.economy.AgreementEconomy` instead.
"""

from __future__ import annotations

from operator import itemgetter

from iopctl.facts.contributions import default_recipient
from iopctl.facts.rows import YearAmount
from iopctl.facts.status import StatusOn
from iopctl.facts.sums import EMPTY, UNKNOWN, Sum
from iopctl.frozen import frozen
from iopctl.money.arithmetic import Rounding
from iopctl.problems.diagnostic import Diagnostic
from iopctl.views.economy.results import AgreementEconomy, EconomyNote, RevisionRow
from iopctl.views.rows import Period, intern
from iopctl.views.spill import SortedRows

__all__ = [
    "AgreementLine",
    "BodyYear",
    "Gathered",
    "OrganisationYear",
    "Sums",
    "Totals",
    "YearTotal",
    "line_key",
]

Key = tuple[str | None, int]
"""A deciding body (or receiving organisation) and a year."""


@frozen
class YearTotal:
    year: int
    total: Sum


@frozen
class BodyYear:
    """Money (``kind: money`` of public parties) of one deciding body in a year."""

    body: str | None
    year: int
    total: Sum


@frozen
class OrganisationYear:
    """Money (``kind: money`` of public parties) one organisation receives in a year."""

    organisation: str | None
    year: int
    total: Sum


@frozen(slots=True)
class Sums:
    """One counted agreement's share of the portfolio totals (nothing for a draft)."""

    years: tuple[tuple[int, Sum], ...] = ()
    bodies: tuple[tuple[Key, Sum], ...] = ()
    organisations: tuple[tuple[Key, Sum], ...] = ()

    @classmethod
    def of(cls, a: AgreementEconomy) -> Sums:
        """The public parties' money by body and year and by recipient and year: each
        key's rows added up once (:meth:`Sum.of`, which is adding each row's sum in order,
        without a sum made per row and per addition)."""
        if not a.counted:
            return cls()
        if a.unknown_years:
            return cls._unknown(a)
        bodies: dict[Key, list[YearAmount]] = {}
        organisations: dict[Key, list[YearAmount]] = {}
        for y in a.years:
            for c in y.contributions:
                if c.kind == "money" and c.public:
                    bodies.setdefault((a.body, y.year), []).append(c.row)
                    organisations.setdefault((c.recipient, y.year), []).append(c.row)
        years = tuple((y.year, y.total) for y in a.years)
        return cls(
            years,
            tuple((key, Sum.of(rows)) for key, rows in bodies.items()),
            tuple((key, Sum.of(rows)) for key, rows in organisations.items()),
        )

    @classmethod
    def _unknown(cls, a: AgreementEconomy) -> Sums:
        """An agreement whose economy is not known: one unknown amount in each year shown
        in force, for its body and for the organisation that would receive money stated
        without ``to`` (the first idea-based party), so every total says ``+ ?``."""
        facts = a.facts
        organisation = facts.name_of(default_recipient(facts.agreement))
        years = a.unknown_years
        return cls(
            tuple((year, UNKNOWN) for year in years),
            tuple(((a.body, year), UNKNOWN) for year in years),
            tuple(((organisation, year), UNKNOWN) for year in years),
        )


class Totals:
    """The portfolio's totals, added up one agreement at a time (:class:`Sums`).

    Sums of Decimal amounts are exact, so the order the agreements come in does not
    change a figure: the totals are those of the agreements sorted by id.
    """

    def __init__(self) -> None:
        self._years: dict[int, Sum] = {}
        self._bodies: dict[Key, Sum] = {}
        self._organisations: dict[Key, Sum] = {}

    def add(self, sums: Sums) -> None:
        for year, total in sums.years:
            self._years[year] = self._years.get(year, EMPTY) + total
        for key, total in sums.bodies:
            self._bodies[key] = self._bodies.get(key, EMPTY) + total
        for key, total in sums.organisations:
            self._organisations[key] = self._organisations.get(key, EMPTY) + total

    @staticmethod
    def _sorted(found: dict[Key, Sum]) -> list[Key]:
        return sorted(found, key=lambda k: (k[0] or "", k[1]))

    @property
    def totals(self) -> tuple[YearTotal, ...]:
        """All contributions of counted (non-draft) agreements, per year."""
        return tuple(YearTotal(y, self._years[y]) for y in sorted(self._years))

    @property
    def money_totals(self) -> tuple[YearTotal, ...]:
        """Every deciding body's money per year: the public parties' ``kind: money``,
        counted agreements only (:attr:`totals` also counts other contributions)."""
        years: dict[int, Sum] = {}
        for (_, year), total in self._bodies.items():
            years[year] = years.get(year, EMPTY) + total
        return tuple(YearTotal(y, years[y]) for y in sorted(years))

    @property
    def bodies(self) -> tuple[BodyYear, ...]:
        """Money per deciding body and year (counted agreements only)."""
        found = self._bodies
        return tuple(BodyYear(b, y, found[(b, y)]) for b, y in self._sorted(found))

    @property
    def organisations(self) -> tuple[OrganisationYear, ...]:
        """Money per receiving organisation (the party named by ``to``, else the first
        idea-based party) and year, counted agreements only; ``None``: no recipient."""
        found = self._organisations
        return tuple(OrganisationYear(o, y, found[(o, y)]) for o, y in self._sorted(found))


@frozen(slots=True)
class AgreementLine:
    """What the portfolio shows of one agreement besides the totals: its line in the
    table of agreements, its notes and revisions, the index years it assumed and the
    figures it misses. No facts, no model (:mod:`iopctl.views.rows`)."""

    agreement_id: str
    file: str
    status: StatusOn
    body: str | None
    term: Period
    money: Sum
    """``kind: money`` of every party, every year shown."""
    counted: bool
    rounding: Rounding
    notes: tuple[EconomyNote, ...]
    revisions: tuple[RevisionRow, ...]
    assumed: tuple[tuple[str, int], ...]
    """(index, year) of every figure assumed (``--assume``), sorted."""
    missing: tuple[tuple[str, int], ...]
    """(index, year) of every figure missing, once each, in the order met."""
    problems: tuple[Diagnostic, ...]

    @classmethod
    def of(cls, a: AgreementEconomy) -> AgreementLine:
        contributions = [c for y in a.years for c in y.contributions]
        assumed = {
            (v.index, v.year)
            for c in contributions
            if (v := c.index_value) is not None and v.status == "assumed"
        }
        missing: dict[tuple[str, int], None] = {}
        for c in contributions:
            if c.unknown == "no_figure" and c.index and c.row.missing_year is not None:
                missing.setdefault((c.index, c.row.missing_year), None)
        body = a.body
        return cls(
            agreement_id=a.agreement_id,
            file=a.file,
            status=a.status,
            body=intern(body) if body is not None else None,
            term=Period.of(a.facts.term),
            money=UNKNOWN
            if a.money_unknown
            else Sum.of(c.row for c in contributions if c.kind == "money"),
            counted=a.counted,
            rounding=_shared(a.rounding),
            notes=a.notes,
            revisions=a.revisions,
            assumed=tuple(sorted(assumed)),
            missing=tuple(missing),
            problems=a.problems,
        )


_ROUNDINGS: dict[Rounding, Rounding] = {}


def _shared(rounding: Rounding) -> Rounding:
    """One object per rounding rule: nearly every agreement has the default."""
    return _ROUNDINGS.setdefault(rounding, rounding)


LineKey = tuple[str, str]
"""Where an agreement stands in the portfolio: its id, then its file."""
_first = itemgetter(0)


def line_key(a: AgreementEconomy | AgreementLine) -> LineKey:
    """The portfolio's order: by agreement id, then file."""
    return a.agreement_id, a.file


class Gathered:
    """What the text of a portfolio shows besides its table and totals, gathered from each
    :class:`AgreementLine` as it is added (in any order), read back as if every line had
    been walked in the portfolio's order (by :data:`LineKey`).

    Over 10 000 agreements the lines wait on disk (:class:`~iopctl.views.spill.SortedRows`)
    and each walk over them reads them back: gathered here, they are read once more only,
    for the table. Kept are the counts, each problem, the first line that met each missing
    figure, the figures assumed, the rounding rules, and the revisions and notes (sorted
    like the lines, on disk past 10 000 as they are).
    """

    def __init__(self) -> None:
        self.counted = 0
        """How many agreements count in the totals (not drafts)."""
        self._problems: list[tuple[LineKey, Diagnostic]] = []
        self._missing: dict[tuple[str, int], tuple[LineKey, int]] = {}
        self._assumed: set[tuple[str, int]] = set()
        self._roundings: dict[Rounding, None] = {}
        self._revisions: SortedRows[tuple[str, RevisionRow]] = SortedRows()
        self._notes: SortedRows[tuple[str, EconomyNote]] = SortedRows()

    def add(self, line: AgreementLine) -> None:
        key = line_key(line)
        self.counted += line.counted
        self._problems.extend((key, p) for p in line.problems)
        for n, missing in enumerate(line.missing):
            met = self._missing.get(missing)
            if met is None or (key, n) < met:
                self._missing[missing] = (key, n)
        self._assumed.update(line.assumed)
        self._roundings.setdefault(line.rounding, None)
        for revision in line.revisions:
            self._revisions.add(key, (line.agreement_id, revision))
        for note in line.notes:
            self._notes.add(key, (line.agreement_id, note))

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """Every line's problems (IOP503), line by line in the portfolio's order."""
        return tuple(p for _, p in sorted(self._problems, key=_first))

    @property
    def missing(self) -> tuple[tuple[str, int], ...]:
        """(index, year) of every figure missing, once each, in the order first met."""
        return tuple(sorted(self._missing, key=self._missing.__getitem__))

    @property
    def assumed(self) -> tuple[tuple[str, int], ...]:
        """(index, year) of every figure assumed (``--assume``), once each, sorted."""
        return tuple(sorted(self._assumed))

    @property
    def roundings(self) -> tuple[Rounding, ...]:
        """Every rounding rule of the lines, once each, in the order first added."""
        return tuple(self._roundings)

    @property
    def revisions(self) -> SortedRows[tuple[str, RevisionRow]]:
        """(agreement id, revision) of every line, in the portfolio's order."""
        return self._revisions

    @property
    def notes(self) -> SortedRows[tuple[str, EconomyNote]]:
        """(agreement id, note) of every line, in the portfolio's order."""
        return self._notes
