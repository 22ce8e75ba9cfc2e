"""The questions of ``iopctl new``: each answer from its option, else asked at the keyboard.

Prompting is the command line's business (typer reads the keyboard), so it lives here,
out of the command function. Answers are parsed by :mod:`iopctl.scaffold.answers`, the
same parsers for an option and for a typed answer, so both mean the same. A bad typed
answer is shown with its hint and asked again; a bad option value, or a missing one with
``--no-input``, is the command's usage error. Questions go to stderr, so the command's
standard output is only its report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import typer

from iopctl.cli.common import error_words
from iopctl.errors import IopctlError, UsageError
from iopctl.frozen import frozen
from iopctl.i18n import N_, _
from iopctl.scaffold import answers
from iopctl.scaffold.answers import NewAgreement, PartySpec
from iopctl.scaffold.files import file_using_id

__all__ = ["NewOptions", "new_agreement"]

T = TypeVar("T")

_EXISTS_HINT = N_("choose another id, or pass --force to overwrite it")


@frozen(slots=True)
class NewOptions:
    """The options of ``iopctl new`` as given (``None``: not given)."""

    agreement_id: str | None
    title: str | None
    parties: tuple[str, ...]
    start: str | None
    end: str | None
    notice: str | None
    follow_ups_per_year: str | None
    amount: str | None
    folder: Path
    ask: bool
    force: bool

    def answer(self, value: str | None, label: str, parse: Callable[[str], T]) -> T | None:
        """The option's value parsed, else the answer to ``label`` (``None`` with --no-input)."""
        if value is not None:
            return parse(value)
        return _ask(label, parse) if self.ask else None


def new_agreement(options: NewOptions) -> NewAgreement:
    """The new agreement from the options and the answers, asked in the order shown.

    An existing file is refused as soon as its id is known, before the parties are
    asked for, unless ``force``.
    """
    title = _title(options)
    agreement_id = _agreement_id(options, title)
    path = options.folder / f"{agreement_id}.yaml"
    if os.path.lexists(path) and not options.force:
        raise IopctlError(N_("file already exists: {path}"), hint=_EXISTS_HINT, path=path)
    other = file_using_id(options.folder, agreement_id, besides=path)
    if other is not None:
        raise IopctlError(
            N_("the id {id!r} is already used by {other}"),
            hint=N_("choose another id: every agreement needs its own (IOP401)"),
            id=agreement_id,
            other=other,
        )
    parties = _parties(options)
    given = (options.start, options.end, options.notice, options.follow_ups_per_year)
    if options.ask and None in (*given, options.amount):
        _say(_("Leave a question empty when the answer is not known yet."))
    start = options.answer(
        options.start, _("Start date, first day in force (YYYY-MM-DD)"), answers.parse_start
    )
    end = options.answer(
        options.end, _("End date, last day in force (YYYY-MM-DD)"), _end_after(start)
    )
    notice = options.answer(
        options.notice, _("Notice period (e.g. 6 months)"), answers.parse_notice
    )
    per_year = options.answer(
        options.follow_ups_per_year, _("Follow-ups per year (e.g. 1)"), answers.parse_per_year
    )
    amount = _amount(options, parties)
    return NewAgreement(
        id=agreement_id,
        title=title,
        parties=tuple(parties),
        start=start,
        end=end,
        notice=notice,
        follow_ups_per_year=per_year,
        amount=amount,
    )


def _say(text: str) -> None:
    """A line for the person at the keyboard (stderr, beside the prompts)."""
    typer.echo(text, err=True)


def _say_error(exc: UsageError) -> None:
    """An answer's problem beside the prompt, in the chosen language."""
    message, hint = error_words(exc)
    _say(f"  {message}")
    if hint:
        _say("  " + _("hint: {hint}").format(hint=hint))


def _ask(label: str, parse: Callable[[str], T], *, default: str = "") -> T:
    """Prompt until ``parse`` accepts the answer; its usage error is shown and asked again."""
    while True:
        answer = _prompt(label, default=default, show_default=bool(default))
        try:
            return parse(answer)
        except UsageError as exc:
            _say_error(exc)


def _prompt(label: str, *, default: str = "", show_default: bool = False) -> str:
    """One answer typed at the keyboard.

    When the input ends before the answer (Ctrl-D, or a script's input runs out), click
    says only "Aborted!"; this says which question went unanswered and that nothing was
    written. Ctrl-C stays an interruption (exit code 130).
    """
    try:
        answer: str = typer.prompt(label, default=default, show_default=show_default, err=True)
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        _say("")
        question = label.split(" (")[0]
        raise IopctlError(
            N_("the input ended before “{question}” was answered, so nothing was written"),
            hint=N_(
                "run iopctl new again and answer each question (an empty answer means not "
                "known yet), or give the answers as options with --no-input"
            ),
            question=question,
        ) from None
    return answer


# Yes and no in both languages: a Swedish j/ja is never "invalid input".
_YES = {"j", "ja", "y", "yes"}
_NO = {"n", "nej", "no"}


def _confirm(label: str, *, default: bool = False) -> bool:
    """A yes/no question: j/ja/y/yes or n/nej/no; an empty answer is ``default``."""
    choices = _("[Y/n]") if default else _("[y/N]")
    while True:
        answer = _prompt(f"{label} {choices}").strip().lower()
        if not answer:
            return default
        if answer in _YES or answer in _NO:
            return answer in _YES
        _say("  " + _("answer y (yes) or n (no)"))


def _title(options: NewOptions) -> str:
    if options.title is not None:
        return answers.parse_text(options.title, "title")
    if options.ask:
        return _ask(_("Title"), lambda text: answers.parse_text(text, "title"))
    raise UsageError(N_("--title is required with --no-input"), hint=N_('add --title "…"'))


def _agreement_id(options: NewOptions, title: str) -> str:
    """The id given (asked again when it is not valid), else asked with one made from the title."""

    def parse_id(text: str) -> str:
        return answers.parse_id(text, title=title)

    def parse_new_id(text: str) -> str:
        """A prompted id: one whose file exists is asked for again."""
        value = parse_id(text)
        if not options.force and os.path.lexists(options.folder / f"{value}.yaml"):
            raise UsageError(
                N_("{path} already exists"),
                hint=_EXISTS_HINT,
                path=options.folder / f"{value}.yaml",
            )
        other = file_using_id(options.folder, value, besides=options.folder / f"{value}.yaml")
        if other is not None:
            raise UsageError(N_("the id {id!r} is already used by {other}"), id=value, other=other)
        return value

    suggestion = answers.suggest_id(title)
    if options.agreement_id is not None:
        try:
            return parse_id(options.agreement_id)
        except UsageError as exc:
            if not options.ask:
                raise
            _say(f"  {error_words(exc)[0]}")
            retry = answers.suggest_id(options.agreement_id)
            return _ask(_("Id (file name)"), parse_new_id, default=retry)
    if options.ask:
        return _ask(_("Id (file name)"), parse_new_id, default=suggestion)
    raise UsageError(
        N_("no id given"),
        hint=N_("give one as the first argument, e.g. iopctl new {suggestion}"),
        suggestion=suggestion,
    )


def _parties(options: NewOptions) -> list[PartySpec]:
    from iopctl.cli.parsing import parse_party

    if options.parties:
        return [parse_party(spec) for spec in options.parties]
    if options.ask:
        return _ask_parties()
    raise UsageError(
        N_("no parties given"),
        hint=N_("add --party for each party: at least one sector=public and one sector=idea_based"),
    )


def _ask_parties() -> list[PartySpec]:
    """Parties one by one until there is a public and an idea-based one (and no more wanted)."""
    parties: list[PartySpec] = []
    _say(_("Parties: at least one public (kommun, region, nämnd) and one idea_based (idéburen)."))
    while True:
        n = len(parties) + 1
        taken = {p.id for p in parties}

        def party_id(text: str, taken: set[str] = taken) -> str:
            value = answers.parse_id(text)
            if value in taken:
                raise UsageError(N_("id {id!r} is already used by another party"), id=value)
            return value

        name = _ask(
            _("Party {n} name").format(n=n), lambda text: answers.parse_text(text, "party name")
        )
        sector = _ask(
            _("Party {n} sector (public/idea_based)").format(n=n),
            answers.parse_sector,
            default="public" if n == 1 else "idea_based",
        )
        organisation = _legal_person(n) if sector == "public" else None
        default_id = answers.suggest_id(name, f"part-{n}")
        if default_id in taken:
            default_id = f"{default_id}-{n}"
        pid = _ask(
            _("Party {n} id (a short name the file uses to refer to the party)").format(n=n),
            party_id,
            default=default_id,
        )
        whose = organisation or name
        org = _ask(
            _("Organisationsnummer of {whose} (NNNNNN-NNNN, empty if not known)").format(
                whose=whose
            ),
            answers.parse_org_number,
        )
        parties.append(PartySpec(pid, name, sector, org, organisation))
        sectors = {p.sector for p in parties}
        if len(parties) >= 2 and sectors == set(answers.SECTORS):
            if not _confirm(_("Add another party?")):
                return parties
        elif len(parties) >= 2:
            _say(
                "  " + _("an IOP needs at least one public and one idea_based party; add one more")
            )


def _legal_person(n: int) -> str | None:
    """The municipality or region a public party (often a nämnd) belongs to: the legal
    person, whose name a letter is addressed to and whose organisationsnummer it is."""

    def parse(text: str) -> str | None:
        return answers.parse_text(text, "municipality or region") if text.strip() else None

    return _ask(
        _(
            "Party {n} municipality or region (the legal person, e.g. Linköpings kommun; "
            "empty if the party is one)"
        ).format(n=n),
        parse,
    )


def _end_after(start: dt.date | None) -> Callable[[str], dt.date | None]:
    def parse(text: str) -> dt.date | None:
        end = answers.parse_date(text, answers.END_DATE)
        if end is not None and start is not None and end < start:
            raise UsageError(
                N_("the end {end} is before the start {start}"),
                hint=N_("end is the last day the agreement is in force"),
                end=end,
                start=start,
            )
        return end

    return parse


def _amount(options: NewOptions, parties: list[PartySpec]) -> Decimal | None:
    """Money per year from the first public party; asked only when there is one."""
    payer = next((p for p in parties if p.sector == "public"), None)
    if payer is not None:
        return options.answer(
            options.amount,
            _("Money per year from {name} (kronor)").format(name=payer.name),
            answers.parse_amount,
        )
    if options.amount is not None:
        raise UsageError(
            N_("--amount needs a public party to pay it"), hint=N_("add a party with sector=public")
        )
    return None
