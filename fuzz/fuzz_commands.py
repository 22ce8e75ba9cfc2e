"""Coverage-guided fuzzing of what the commands do with a file (issue 16).

Arbitrary bytes go through the validate pipeline and then, when an agreement (possibly
partial) comes out, through what ``due``, ``economy``, ``list``/``show`` and ``render``
compute and print: deadlines and their text, CSV and calendar; the economy report, its
text and CSV; the Markdown of the agreement template (as a draft). Every input must end
in output or an :class:`~iopctl.errors.IopctlError`; text output must hold no control
character and no workflow command, CSV no formula. Run (see docs/reliability.md):

    pip install atheris
    python fuzz/fuzz_commands.py -max_total_time=1800 -rss_limit_mb=2048 -timeout=20 \\
        -dict=fuzz/yaml.dict fuzz/corpus-commands

``-timeout=20`` makes any input that takes longer a finding: the commands' own bounds
(model, schedule, template time) must keep every input well below it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from decimal import Decimal
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seeds import seed

with atheris.instrument_imports():
    from iopctl.checks.run import run_checks
    from iopctl.cli.parsing import parse_within
    from iopctl.documents.budget import Budget
    from iopctl.documents.render import RenderOptions, render_agreement
    from iopctl.errors import IopctlError
    from iopctl.facts import facts_of
    from iopctl.model.load import load_agreement_bytes
    from iopctl.money.reference import load_reference
    from iopctl.present import economy_data
    from iopctl.present.due import to_csv
    from iopctl.present.economy_text import text_blocks
    from iopctl.present.ical import to_ics
    from iopctl.present.terminal import Table, due_rows, plain_table
    from iopctl.views import due as duelib
    from iopctl.views.economy import economy_report

AS_OF = dt.date(2022, 5, 15)
REFERENCE, _ = load_reference()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LAST_DUE = parse_within("90d").add_to(AS_OF)


def _inert_text(lines: list[str]) -> None:
    for line in lines:
        if CONTROL.search(line) or line.lstrip().startswith("::") or "##[" in line:
            raise AssertionError(f"text output not inert: {line!r}")


def _inert_csv(text: str) -> None:
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(
                r"-?[0-9]+(\.[0-9]+)?", cell
            ):
                raise AssertionError(f"CSV cell is a formula: {cell!r}")


def _table_lines(blocks: list[object]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = [
                None if row is None else [c if isinstance(c, str) else c[0] for c in row]
                for row in block.rows
            ]
            lines += plain_table(block.columns, rows)
    return lines


def one_input(data: bytes) -> None:
    loaded = load_agreement_bytes(data, "fuzz.yaml")
    loaded.diagnostics.extend(run_checks(loaded, known_indices=REFERENCE.names))
    agreement = loaded.agreement
    if agreement is None:
        return
    events = duelib.collect([facts_of(loaded, as_of=AS_OF, reference=REFERENCE)])
    items = duelib.classify(events, as_of=AS_OF, last_due=LAST_DUE)
    columns = [(name, "left") for name in ("s", "a", "e", "d", "b", "n", "c")]
    _inert_text(plain_table(columns, due_rows(items)))
    _inert_csv(to_csv(items))
    ics = to_ics(items, as_of=AS_OF)
    if CONTROL.search(ics.replace("\r\n", "\n")):
        raise AssertionError("calendar holds a control character")
    report = economy_report(
        [loaded], reference=REFERENCE, as_of=AS_OF, assume=Decimal(2), year=None
    )
    _inert_csv(economy_data.format_csv(report))
    _inert_text(_table_lines(list(text_blocks(report))))
    try:
        rendered = render_agreement(
            loaded, REFERENCE, RenderOptions(draft=True), budget=Budget(seconds=15)
        )
    except IopctlError:
        return  # e.g. a follow-up without records: a message for the user, exit 1
    if "\x1b" in rendered.markdown or rendered.markdown.count("<!-- iopctl render:") != 1:
        raise AssertionError("Markdown holds an escape sequence or a second provenance line")


if __name__ == "__main__":
    dirs = [a for a in sys.argv[1:] if not a.startswith("-")]
    if dirs:
        seed(Path(dirs[0]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
