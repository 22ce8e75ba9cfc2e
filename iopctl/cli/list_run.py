"""``iopctl list`` as a plain function (:func:`run_list`), without typer.

:mod:`iopctl.cli.portfolio` declares the command's options for typer and calls it;
:mod:`iopctl.cli.lean_commands` calls it straight from the command line it read, so
``list`` starts without importing typer (docs/performance.md). Either way the words, the
output and the exit code are this function's.
"""

from __future__ import annotations

import sys

from iopctl.cli.plain import (
    agreement_paths,
    as_of_date,
    check_output,
    jobs_of,
    write_problem_lines,
    write_workbook,
)
from iopctl.errors import ExitCode

__all__ = ["run_list"]


def run_list(
    paths: list[str] | None = None,
    *,
    as_of: str | None = None,
    output_format: str = "text",
    output: str | None = None,
    excel: bool | None = None,
    index_file: list[str] | None = None,
    jobs: int | None = None,
) -> int:
    """``iopctl list`` with its options as given (the format by name); the exit code: 0, or
    :data:`~iopctl.errors.ExitCode.PROBLEMS` when a file does not validate or cannot be
    read. A usage error raises :class:`~iopctl.errors.UsageError`."""
    from iopctl.present import portfolio as words
    from iopctl.present.events import full_title
    from iopctl.views import portfolio

    check_output(output, output_format == "xlsx")
    today = as_of_date(as_of)
    view, result = portfolio.overview(
        agreement_paths(paths),
        as_of=today,
        index_files=index_file or [],
        jobs=jobs_of(jobs),
        describe=full_title if output_format == "json" else None,
    )
    if output_format == "xlsx":
        from iopctl.present.xlsx import list_workbook

        write_workbook(list_workbook(view), output)
    elif output_format == "json":
        sys.stdout.write(words.list_json(view))
    elif output_format == "csv":
        sys.stdout.write(words.list_csv(view, excel=excel))
    else:
        from iopctl.present.terminal import Table, write_blocks

        columns, rows = words.list_table(view)
        write_blocks([words.list_heading(view), Table(columns=columns, rows=rows)])
    problems = [*view.unreadable, *result.other_errors]
    write_problem_lines(problems)
    return int(ExitCode.PROBLEMS) if problems else 0
