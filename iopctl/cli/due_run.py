"""``iopctl due`` as a plain function (:func:`run_due`), without typer.

:mod:`iopctl.cli.due` declares the command's options for typer and calls it;
:mod:`iopctl.cli.lean_commands` calls it straight from the command line it read, so a one-file
``due`` starts without importing typer (docs/performance.md). Either way the words, the
output and the exit code are this function's.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from iopctl.cli.plain import (
    agreement_paths,
    as_of_date,
    check_output,
    jobs_of,
    write_problem_report,
    write_workbook,
)
from iopctl.errors import ExitCode, UsageError
from iopctl.i18n import N_

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Mapping

    from iopctl.model.types import Duration
    from iopctl.views.due import DueItem, Shape

__all__ = ["run_due"]


def run_due(
    paths: list[str] | None = None,
    *,
    as_of: str | None = None,
    within: str = "90d",
    kind: list[str] | None = None,
    agreement: list[str] | None = None,
    output_format: str = "text",
    output: str | None = None,
    excel: bool | None = None,
    fail_on: str | None = None,
    index_file: list[str] | None = None,
    delivery_days: int | None = None,
    settled: bool = False,
    history: bool = False,
    jobs: int | None = None,
) -> int:
    """``iopctl due`` with its options as given (formats and ``fail_on`` by name); the exit
    code: 0, or :data:`~iopctl.errors.ExitCode.PROBLEMS` when a file does not validate or
    ``fail_on`` matches. A usage error raises :class:`~iopctl.errors.UsageError`."""
    from iopctl.cli.parsing import parse_kinds, parse_within, window_end, window_start
    from iopctl.views.due import due_listing

    check_output(output, output_format == "xlsx")
    today = as_of_date(as_of)
    length = parse_within(within)
    last_due = window_end(today, length)
    kinds = parse_kinds(kind or [])
    wanted = frozenset(agreement or [])
    if history:
        return _history(
            agreement_paths(paths), today, wanted, output_format, index_file or [], excel
        )
    listing = due_listing(
        agreement_paths(paths),
        as_of=today,
        last_due=last_due,
        kinds=kinds,
        agreements=wanted,
        index_files=index_file or [],
        settled_since=window_start(today, length) if settled else None,
        calendar=output_format == "ics",
        jobs=jobs_of(jobs),
        delivery_days=_delivery_days(delivery_days),
        shape=_text_row() if output_format == "text" else None,
    )
    _check_agreements(wanted, listing.ids)
    if listing.errors:
        write_problem_report(listing.errors, listing.validation)
    if output_format == "xlsx":
        from iopctl.present.xlsx import due_workbook

        write_workbook(due_workbook(listing.items, as_of=today), output)
    elif listing.rows is not None:  # the text table, kept as rows
        from iopctl.present.terminal import write_due_rows

        write_due_rows(
            listing.rows, listing.counts, as_of=today, window_end=last_due, within=length
        )
        listing.rows.close()
    else:
        _write(
            listing.items,
            output_format,
            as_of=today,
            last_due=last_due,
            within=length,
            excel=excel,
        )
    failing = bool(listing.errors) or _fails(fail_on, listing.counts)
    return int(ExitCode.PROBLEMS) if failing else 0


def _delivery_days(flag: int | None) -> int:
    """``--delivery-days``, else ``delivery_days`` in the repository's ``iopctl.toml``
    (docs/deadlines.md, "Delivery"), else :data:`~iopctl.facts.term.DELIVERY_DAYS`."""
    from pathlib import Path

    from iopctl.cli.language import settings_root
    from iopctl.facts.term import DELIVERY_DAYS
    from iopctl.i18n import SETTINGS_FILE, read_settings

    if flag is not None:
        return flag
    root = settings_root(Path.cwd())
    value = read_settings(root).get("delivery_days", DELIVERY_DAYS) if root else DELIVERY_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 90:
        assert root is not None
        raise UsageError(
            N_("{path}: delivery_days = {value!r} is not a number of days"),
            hint=N_("use a whole number from 0 to 90, e.g. delivery_days = 7"),
            path=root / SETTINGS_FILE,
            value=value,
        )
    return value


def _history(
    paths: list[str],
    as_of: dt.date,
    wanted: frozenset[str],
    output_format: str,
    index_files: list[str],
    excel: bool | None,
) -> int:
    """``due --history``: the record of what was due, per agreement and year."""
    from iopctl.present import due as words
    from iopctl.views.due import history_listing

    listing = history_listing(paths, as_of=as_of, agreements=wanted, index_files=index_files)
    _check_agreements(wanted, listing.ids)
    if listing.errors:
        write_problem_report(listing.errors, listing.validation)
    found = listing.obligations
    if output_format == "json":
        sys.stdout.write(words.history_json(found, as_of=as_of))
    elif output_format == "csv":
        sys.stdout.write(words.history_csv(found, excel=excel))
    elif output_format == "ics":
        raise UsageError(N_("--history has no ics format"), hint=N_("use text, json or csv"))
    else:
        from iopctl.present.terminal import rule_char

        sys.stdout.write(words.history_text(found, as_of=as_of, rule=rule_char(sys.stdout)))
    return int(ExitCode.PROBLEMS) if listing.errors else 0


def _fails(fail_on: str | None, counts: Mapping[str, int]) -> bool:
    """--fail-on overdue: anything overdue; --fail-on due: anything due or overdue."""
    if fail_on is None:
        return False
    failing = ("overdue",) if fail_on == "overdue" else ("overdue", "due")
    return any(counts.get(status, 0) for status in failing)


def _text_row() -> Shape:
    """Each deadline as the cells of its row in the text table, made as its file is read."""
    from iopctl.present.terminal import due_row

    return due_row


def _check_agreements(wanted: frozenset[str], ids: frozenset[str]) -> None:
    """Every --agreement must be an id that was read: a typo must not list nothing."""
    unknown = sorted(wanted - ids)
    if unknown:
        from iopctl.i18n import Words
        from iopctl.present.suggest import maybe_meant

        suggestion = maybe_meant(unknown[0], sorted(ids))
        found = ", ".join(sorted(ids)) if ids else Words(N_("none"))
        raise UsageError(
            N_("unknown --agreement {id!r}"),
            hint=N_("{suggestion} ids found: {found}") if suggestion else N_("ids found: {found}"),
            id=unknown[0],
            suggestion=suggestion,
            found=found,
        )


def _write(
    items: list[DueItem],
    output_format: str,
    *,
    as_of: dt.date,
    last_due: dt.date,
    within: Duration,
    excel: bool | None,
) -> None:
    if output_format == "json":
        from iopctl.present.due import to_json

        sys.stdout.write(to_json(items, as_of=as_of))
    elif output_format == "csv":
        from iopctl.present.due import to_csv

        sys.stdout.write(to_csv(items, excel=excel))
    elif output_format == "ics":
        from iopctl.present.ical import to_ics

        sys.stdout.write(to_ics(items, as_of=as_of))
    else:
        from iopctl.present.terminal import write_due_table

        write_due_table(items, as_of=as_of, window_end=last_due, within=within)
