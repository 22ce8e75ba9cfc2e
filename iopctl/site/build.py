"""``iopctl site``: the portfolio as a static website, built one agreement at a time.

:func:`build_site` reads the agreements through :class:`~iopctl.views.site.AgreementStream`
and writes each agreement's page as soon as the agreement is read, keeping only the
rows of the portfolio pages (:class:`~iopctl.site.portfolio.Portfolio`); then the
overview, the timeline (one page per month), the history and the money page. Pages are
Jinja templates (``iopctl/site/templates``) with autoescaping on: every value from an
agreement file is escaped, since agreement files come from pull requests. The site is
built in a temporary folder and swapped in whole (:mod:`iopctl.site.staging`).

Output is deterministic: the same files, ``--as-of`` and iopctl version give the same
bytes (sorted rows, no clock, no random ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from iopctl.frozen import frozen
from iopctl.i18n import language
from iopctl.model.types import Duration
from iopctl.present.calendar_words import day_reason
from iopctl.problems.diagnostic import Diagnostic
from iopctl.site import phrases
from iopctl.site.agreement import agreement_context
from iopctl.site.money import money_context
from iopctl.site.portfolio import Portfolio
from iopctl.site.staging import staged_folder
from iopctl.site.text import agreement_text
from iopctl.site.words import WORDS
from iopctl.views.site import AgreementData, AgreementStream

__all__ = ["DEFAULT_MONTHS", "STATIC", "Built", "build_site", "environment"]

DEFAULT_MONTHS = 24
"""How far ahead the timeline looks."""

STATIC = ("site.css", "site.js")
"""The files every page links to, copied from ``iopctl/site/static``."""


@cache
def environment() -> jinja2.Environment:
    """The site's templates, autoescaped (``.j2`` files are HTML or SVG)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("iopctl.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = phrases.day
    env.filters["month_name"] = lambda ym: phrases.month_name(*ym)
    env.filters["day_reason"] = day_reason
    env.filters["problem"] = phrases.problem_row
    return env


@frozen(slots=True)
class Built:
    """What was built: counts for the message, and the problems found on the way."""

    agreements: int
    pages: int
    invalid: int
    """Files with errors: agreements (their pages show them) and unreadable files."""
    problems: tuple[Diagnostic, ...]


class _Writer:
    """Renders templates into files under the staging folder; remembers which."""

    def __init__(self, root: Path, as_of: dt.date) -> None:
        from iopctl import __version__

        self.root = root
        self.written: set[str] = set()
        self.common = {"w": WORDS, "lang": language(), "as_of": as_of, "version": __version__}

    def page(self, path: str, template: str, **context: Any) -> None:
        depth = path.count("/")
        html = (
            environment()
            .get_template(template)
            .render(**self.common, root="../" * depth, here=path, **context)
        )
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(html.encode("utf-8"))
        self.written.add(path)  # a page written again (cross-file problems) counts once

    def static(self) -> None:
        folder = self.root / "static"
        folder.mkdir()
        for name in STATIC:
            data = resources.files("iopctl.site").joinpath("static", name).read_bytes()
            (folder / name).write_bytes(data)


def _agreement_pages(
    stream: AgreementStream, portfolio: Portfolio, writer: _Writer
) -> Iterator[AgreementData]:
    """Each agreement's page, written as soon as it is read; yields what was written."""
    for data in stream:
        page = portfolio.add(data)
        if page is None or not isinstance(data, AgreementData):
            continue
        text = agreement_text(
            data.loaded, stream.reference, data.facts.as_of, errors=data.row.errors
        )
        writer.page(page, "agreement.html.j2", **agreement_context(data, page, text))
        yield data


def _portfolio_pages(portfolio: Portfolio, writer: _Writer, problems: Sequence[Diagnostic]) -> None:
    rows = portfolio.overview()
    writer.page(
        "index.html",
        "overview.html.j2",
        rows=rows,
        counts=portfolio.status_counts(),
        unreadable=sorted(portfolio.unreadable.items()),
        problems=problems,
    )
    months = portfolio.months()
    writer.page(
        "tidslinje.html",
        "timeline.html.j2",
        overdue=portfolio.with_status("overdue"),
        due=portfolio.with_status("due"),
        months=[(ym, len(items)) for ym, items in months.items()],
        horizon=portfolio.horizon,
    )
    for (year, month), items in months.items():
        writer.page(
            f"tidslinje/{year:04d}-{month:02d}.html",
            "month.html.j2",
            month=(year, month),
            rows=items,
            horizon=portfolio.horizon,
        )
    writer.page("historik.html", "history.html.j2", years=portfolio.record_by_year())
    writer.page("pengar.html", "money.html.j2", **money_context(portfolio.money))


def build_site(
    paths: Sequence[str],
    out: Path,
    *,
    as_of: dt.date,
    months: int = DEFAULT_MONTHS,
    index_files: Sequence[str] = (),
    assume: Decimal | None = None,
    force: bool = False,
) -> Built:
    """Write the site of every agreement under ``paths`` into ``out`` (replaced whole)."""
    stream = AgreementStream(paths, as_of=as_of, index_files=index_files, assume=assume)
    horizon = Duration(months, "months").add_to(as_of)
    portfolio = Portfolio(as_of, horizon)
    with staged_folder(out, inputs=paths, force=force) as root:
        writer = _Writer(root, as_of)
        writer.static()
        for _ in _agreement_pages(stream, portfolio, writer):
            pass
        _portfolio_pages(portfolio, writer, stream.problems)
    problems = [d for rows in portfolio.unreadable.values() for d in rows if d.is_error]
    invalid = len(portfolio.unreadable) + sum(
        r.validation_class == "error" for r in portfolio.rows.values()
    )
    return Built(len(portfolio.rows), len(writer.written), invalid, (*stream.problems, *problems))
