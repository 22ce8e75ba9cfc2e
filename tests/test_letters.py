"""The notice letter and `due` say the same dates (issue 13, "The notice letter
contradicts due"), and the letter holds: receipt, delivery, decision, addresses,
repayment only from the paying party, no letter after the end.

The rule is :func:`iopctl.facts.term.notice_outcome` (docs/deadlines.md, "Notice: the one
rule"); these tests read the letter as text and compare it with what `due` prints.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents.filters import format_on_day
from iopctl.documents.render import RenderOptions, render_agreement
from iopctl.facts import Facts
from iopctl.facts.events import NoticeDeadlineDetail
from iopctl.facts.term import last_notice_day, notice_outcome
from iopctl.model.load import load_agreement
from iopctl.model.types import Duration
from iopctl.money.reference import ReferenceData, load_reference
from tests.goldens import assert_golden

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = "agreements/linkoping-resurspoolen-2020.yaml"
SIX_MONTHS = Duration(6, "months")
END = dt.date(2022, 12, 31)


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> ReferenceData:
    data, problems = load_reference(search_dir=str(tmp_path_factory.mktemp("no-indices")))
    assert not problems
    return data


def due_event(as_of: str, kind: str = "notice_deadline") -> dict[str, str]:
    code, out, _ = cli("due", RESURSPOOLEN, "--as-of", as_of, "--format", "json", "--lang", "en")
    assert code == 0
    (event,) = (e for e in json.loads(out)["events"] if e["kind"] == kind)
    return dict(event)


def letter(given_on: str, party: str = "aldrenamnden", *extra: str) -> str:
    code, out, err = cli(
        "render", RESURSPOOLEN, "-t", "notice", "--party", party, "--given-on", given_on, *extra
    )
    assert code == 0, err
    return out


# --- the golden: the last permitted day and a later day, compared with `due` ------------------


def test_last_permitted_day_letter_says_what_due_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    event = due_event("2022-05-15")
    assert (event["date"], event["act_by"]) == ("2022-06-30", "2022-06-23")
    assert "(in force through 2022-12-30)" in event["title"]
    text = letter(event["date"])
    assert_golden("letters/resurspoolen-2020.notice.last-day.sv.md", text)
    assert "löper uppsägningstiden ut den 30 december 2022." in text
    assert "Överenskommelsen gäller till och med den 30 december 2022." in text
    assert text.count("till och med") == 1
    assert "upphör" not in text and "får därmed verkan" not in text


def test_later_day_letter_ends_with_the_period(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notice received 2022-08-31, after due's last day to give notice (2022-06-30): due no
    longer lists the deadline, and its last day in force is the period's end, 2022-12-31;
    the letter says once that the agreement is in force through that day."""
    monkeypatch.chdir(ROOT)
    event = due_event("2022-08-31", "expiry")
    assert (event["date"], event["title"]) == ("2022-12-31", "agreement ends (last day in force)")
    text = letter("2022-08-31")
    assert_golden("letters/resurspoolen-2020.notice.later-day.sv.md", text)
    assert (
        "skulle uppsägningstiden löpa ut den 28 februari 2023, efter den 31 december 2022" in text
    )
    assert "Överenskommelsen gäller därför till och med den 31 december 2022." in text
    assert text.count("till och med") == 1
    english = letter("2022-08-31", "aldrenamnden", "--lang", "en")
    assert_golden("letters/resurspoolen-2020.notice.later-day.en.md", english)
    assert "in force up to and including 31 December 2022." in english


@settings(max_examples=40, deadline=None)
@given(day=st.dates(dt.date(2020, 1, 1), END))
def test_for_any_notice_day_the_letter_says_what_due_says(
    day: dt.date, reference: ReferenceData
) -> None:
    """For any day, the letter's one "gäller till och med" date is the day `due`'s facts
    give (notice period end, or the end when that comes first), and notice received on
    or before due's last day to give notice never runs past the end."""
    loaded = load_agreement(str(ROOT / RESURSPOOLEN))
    assert loaded.agreement is not None
    facts = Facts(loaded.agreement, file=loaded.file, as_of=day, reference=reference)
    (event,) = (e for e in facts.events if e.kind == "notice_deadline")
    detail = event.detail
    assert isinstance(detail, NoticeDeadlineDetail) and detail.as_of_effect is not None
    due_says = detail.as_of_effect if detail.as_of_effect <= detail.end else detail.end
    options = RenderOptions(template="notice", party="aldrenamnden", given_on=day)
    body = render_agreement(loaded, reference, options).body
    assert f"gäller {'därför ' if due_says == END else ''}till och med " in body
    assert body.count("till och med") == 1
    assert f"till och med {format_on_day(due_says, 'sv')}." in body
    outcome = notice_outcome(day, SIX_MONTHS, END)
    assert outcome.last_day == due_says
    assert outcome.after_end == (day > last_notice_day(END, SIX_MONTHS) == event.date)


# --- letters that hold --------------------------------------------------------------------------


@pytest.fixture
def agreement(tmp_path: Path) -> Path:
    path = tmp_path / "agreements" / "linkoping-resurspoolen-2020.yaml"
    path.parent.mkdir()
    path.write_text((ROOT / RESURSPOOLEN).read_text(encoding="utf-8"), encoding="utf-8")
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_decision_and_postal_addresses_when_the_file_has_them(agreement: Path) -> None:
    edit(
        agreement,
        "    org_number: 212000-0449\n",
        "    org_number: 212000-0449\n    postal_address: Box 123, 581 81 Linköping\n",
    )
    edit(
        agreement,
        "    org_number: 822003-0913\n",
        "    org_number: 822003-0913\n    postal_address: Storgatan 1, 582 22 Linköping\n",
    )
    history = (
        "history:\n  - date: 2022-06-20\n    kind: notice\n    by: aldrenamnden\n"
        "    body: Äldrenämnden\n    paragraph: § 45\n    case_number: ÄN 2022-311\n"
    )
    agreement.write_text(agreement.read_text(encoding="utf-8") + history, encoding="utf-8")
    code, text, err = cli("render", str(agreement), "-t", "notice")
    assert code == 0, err
    assert "**Datum:** 2022-06-20\\\n" in text
    assert (
        "**Från:** Äldrenämnden, Linköpings kommun, organisationsnummer 212000-0449, "
        "Box 123, 581 81 Linköping\\\n"
        "**Till:** Resurspoolen, organisationsnummer 822003-0913, Storgatan 1, 582 22 Linköping"
    ) in text
    assert "**Beslut:** Äldrenämnden § 45, diarienummer ÄN 2022-311\n" in text
    assert "skicka en kopia till äldrenämnden, Box 123, 581 81 Linköping." in text
    assert "Överenskommelsen gäller till och med den 20 december 2022." in text


def test_no_decision_line_without_a_recorded_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert "**Beslut:**" not in letter("2022-06-30")


def test_repayment_only_when_the_sender_pays(monkeypatch: pytest.MonkeyPatch) -> None:
    """Äldrenämnden pays 933 000 kr a year: its letter quotes the repayment clause;
    Resurspoolen pays nothing, so its letter does not."""
    monkeypatch.chdir(ROOT)
    assert "## Återbetalning" in letter("2022-06-30", "aldrenamnden")
    assert "## Återbetalning" not in letter("2022-06-30", "resurspoolen")
    assert "## Repayment" not in letter("2022-06-30", "resurspoolen", "--lang", "en")


def test_receipt_section_for_every_recipient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = letter("2022-06-30")
    receipt = text[text.index("## Mottagningsbevis") :]
    assert "**För Resurspoolen**\n\nUppsägningen mottagen den: " in receipt
    assert "Uppsägningen får verkan när den har kommit Resurspoolen till handa." in text


def test_no_notice_after_the_agreement_ended(
    monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    monkeypatch.chdir(ROOT)
    code, _, err = cli(
        "render",
        RESURSPOOLEN,
        "-t",
        "notice",
        "--party",
        "aldrenamnden",
        "--given-on",
        "2023-01-02",
    )
    assert code == 1
    assert "the agreement ended on 2022-12-31; notice given on 2023-01-02 comes after that" in err
    assert "Traceback" not in err


def test_no_notice_that_would_end_the_agreement_before_it_starts(
    monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    """A letter that says the agreement is in force through a day before it begins cannot
    be signed (a year typed wrong): six months' notice received on 2019-06-30 runs out on
    2019-12-30, before the start on 2020-01-01; received a day later, it runs out on the
    start day, and the letter is made."""
    monkeypatch.chdir(ROOT)
    notice = ["render", RESURSPOOLEN, "-t", "notice", "--party", "aldrenamnden", "--given-on"]
    code, out, err = cli(*notice, "2019-06-30")
    assert (code, out) == (1, "")
    assert err == (
        "iopctl: error: notice given on 2019-06-30 would end the agreement on 2019-12-30, "
        "before it starts on 2020-01-01\n"
        "iopctl: hint: check --given-on, or the date of the notice in history\n"
    )
    code, out, _ = cli(*notice, "2019-07-01")
    assert code == 0
    assert "Överenskommelsen gäller till och med den 1 januari 2020." in out


def _with_history(folder: Path, entries: str) -> Path:
    """Resurspoolen 2020 with ``entries`` (YAML lines) as its history, in ``folder``."""
    source = (ROOT / RESURSPOOLEN).read_text(encoding="utf-8")
    assert "\nhistory:" not in source
    path = folder / "linkoping-resurspoolen-2020.yaml"
    path.write_text(f"{source}\nhistory:\n{entries}", encoding="utf-8")
    return path


def test_no_second_notice_that_would_end_it_later(
    monkeypatch: pytest.MonkeyPatch, english: None, tmp_path: Path
) -> None:
    """Äldrenämnden's notice of 2021-03-01 is recorded: the agreement is in force through
    2021-09-01 (``list``, ``due``). Resurspoolen's notice of 2021-05-01 would say "through
    1 November 2021": refused. The recorded notice is made again, and a notice that ends
    the agreement sooner than a recorded later effect still is; the recorded notice with a
    stated last day its period does not give cannot be made again."""
    notice = "  - date: 2021-03-01\n    kind: notice\n    by: aldrenamnden\n"
    given = _with_history(tmp_path, notice)
    monkeypatch.chdir(ROOT)
    render = ["render", str(given), "-t", "notice", "--party"]
    code, out, err = cli(*render, "resurspoolen", "--given-on", "2021-05-01")
    assert (code, out) == (1, "")
    assert err == (
        "iopctl: error: notice was already given on 2021-03-01 (history[0]): the agreement is "
        "in force through 2021-09-01, before this notice would take effect on 2021-11-01\n"
        "iopctl: hint: a notice that ends it later changes nothing; remove history[0] if that "
        "one was withdrawn\n"
    )
    code, out, _ = cli(*render, "aldrenamnden")  # the recorded one, on its day
    assert code == 0
    assert "gäller till och med den 1 september 2021." in out
    given.write_text(
        given.read_text(encoding="utf-8") + "    effective: 2022-06-30\n", encoding="utf-8"
    )
    code, out, _ = cli(*render, "resurspoolen", "--given-on", "2021-05-01")
    assert code == 0
    assert "gäller till och med den 1 november 2021." in out
    # The recorded notice now states a last day its notice period does not give.
    code, out, err = cli(*render, "aldrenamnden")
    assert (code, out) == (1, "")
    assert err == (
        "iopctl: error: the notice recorded in history[0] says the agreement is in force "
        "through 2022-06-30; notice received on 2021-03-01 gives 2021-09-01: a letter cannot "
        "say both\n"
        "iopctl: hint: correct history[0].effective, or write this letter by hand\n"
    )
    code, out, _ = cli("render", str(given))  # the agreement's text says what is recorded
    assert code == 0
    assert (
        "sades upp av äldrenämnden den 1 mars 2021. Den gäller till och med den 30 juni 2022."
        in out
    )


def test_the_one_extension_allowed_is_counted_from_the_history(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The clause allows one extension of three years; the history records it (to
    2025-12-31). A second is beyond the clause: the memo and the extension agreement say
    so, never "the only extension the agreement allows" (the count read only the older
    ``period.extensions_taken``)."""
    decided = "  - date: 2022-10-03\n    kind: extension\n    new_end: 2025-12-31\n"
    extended = _with_history(tmp_path, decided)
    monkeypatch.chdir(ROOT)
    code, memo, _ = cli("render", str(extended), "-t", "extension", "--given-on", "2025-09-01")
    assert code == 0
    assert "från och med den 1 januari 2026 till och med den 31 december 2028" in memo
    assert "Förlängningen går utöver vad överenskommelsens förlängningsklausul medger" in memo
    assert "enda förlängning" not in memo
    code, signed, _ = cli(
        "render", str(extended), "-t", "extension-agreement", "--given-on", "2025-09-01"
    )
    assert code == 0
    assert (
        "Förlängningen är en ändring av överenskommelsen som parterna beslutar gemensamt." in signed
    )
    assert "enda förlängning" not in signed


def test_letters_go_to_the_parties_of_their_day(
    monkeypatch: pytest.MonkeyPatch, english: None, tmp_path: Path
) -> None:
    """IOGT-NTO left the agreement on 2019-06-30 (``show``: "IOGT-NTO lämnade"): the
    municipality's notice of 2020-03-01 reaches Pingstförsamlingen alone, and IOGT-NTO
    cannot give notice then; an extension agreement decided in 2020 is signed by the two
    parties left. Before, both letters named IOGT-NTO and its own notice was made."""
    source = (ROOT / "agreements" / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
    left = "  - date: 2019-06-30\n    kind: party_left\n    party: iogt-nto\n"
    path.write_text(f"{source}\nhistory:\n{left}", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    notice = ["render", str(path), "-t", "notice", "--draft", "--given-on", "2020-03-01"]
    code, out, _ = cli(*notice, "--party", "linkopings-kommun")
    assert code == 0
    assert "Uppsägningen får verkan när den har kommit Pingstförsamlingen till handa." in out
    assert "**Till:** Pingstförsamlingen," in out and "IOGT-NTO, organisationsnummer" not in out
    code, out, err = cli(*notice, "--party", "iogt-nto")
    assert (code, out) == (1, "")
    assert err == (
        "iopctl: error: iogt-nto is not a party to the agreement on 2020-03-01\n"
        "iopctl: hint: check --party and --given-on; the history says when parties joined "
        "and left\n"
    )
    extension = ["render", str(path), "-t", "extension-agreement", "--draft"]
    code, out, _ = cli(*extension, "--given-on", "2020-10-01", "--new-end", "2021-12-31")
    assert code == 0
    assert "**För Pingstförsamlingen**" in out and "**För IOGT-NTO**" not in out
    assert "**Parter:** Linköpings kommun, " in out and "IOGT-NTO, organisationsnummer" not in out


def test_no_extension_once_an_early_end_is_decided(
    monkeypatch: pytest.MonkeyPatch, english: None, tmp_path: Path
) -> None:
    """An early end on 2022-06-30, decided on 2022-02-01 (``list``: "2020-01-01 –
    2022-06-30"): a memo of 2022-03-01 said "gäller i dag till och med den 31 december
    2022" and proposed extending from 2023. Refused; a memo written before the decision is
    still made, as the notice is refused once notice is given."""
    early = "  - date: 2022-06-30\n    kind: ended_early\n    decided_on: 2022-02-01\n"
    ending = _with_history(tmp_path, early)
    monkeypatch.chdir(ROOT)
    code, out, err = cli("render", str(ending), "-t", "extension", "--given-on", "2022-03-01")
    assert (code, out) == (1, "")
    assert err == (
        f"iopctl: error: {ending}: an early end is recorded (history[0]): an agreement that "
        "ends early is not extended\n"
        "iopctl: hint: remove history[0] if the early end was withdrawn\n"
    )
    code, out, _ = cli("render", str(ending), "-t", "extension", "--given-on", "2022-01-15")
    assert code == 0
    assert "gäller i dag till och med den 31 december 2022" in out


def test_no_letter_after_an_early_end_known_only_by_its_year(
    monkeypatch: pytest.MonkeyPatch, english: None, tmp_path: Path
) -> None:
    """An early end recorded as ``date: 2021`` ends the agreement by 2021-12-31 at the
    latest (``list`` shows "2020-01-01 – between 2021-01-01 and 2021-12-31"): a notice or
    an extension dated in 2022 would say it is still in force, so neither is made."""
    ended = _with_history(tmp_path, "  - date: 2021\n    kind: ended_early\n")
    monkeypatch.chdir(ROOT)
    code, out, err = cli(
        "render", str(ended), "-t", "notice", "--party", "aldrenamnden", "--given-on", "2022-03-01"
    )
    assert (code, out) == (1, "")
    assert err.startswith(
        "iopctl: error: the agreement ended between 2021-01-01 and 2021-12-31; "
        "notice given on 2022-03-01 comes after that\n"
    )
    code, out, err = cli("render", str(ended), "-t", "extension", "--given-on", "2022-03-01")
    assert (code, out) == (1, "")
    assert "the agreement ended between 2021-01-01 and 2021-12-31; an extension decided on " in err


def test_year_level_only_with_an_indexation_clause(agreement: Path) -> None:
    """ "(2020 års nivå)" says the amount will be indexed; without an indexation clause
    there is no level to speak of."""
    source = agreement.read_text(encoding="utf-8")
    start = source.index("      text: |\n        Enligt 5 kap")
    stop = source.index("      payment:\n", start)
    agreement.write_text(source[:start] + source[stop:], encoding="utf-8")  # no clause text
    edit(
        agreement,
        "      description: Inom denna överenskommelse bidrar kommunen med 933 000 kr "
        "per kalenderår.\n",
        "",
    )
    code, text, err = cli("render", str(agreement))
    assert code == 0, err
    assert "Äldrenämnden bidrar med 933\xa0000\xa0kr per år (2020 års nivå)." in text
    edit(
        agreement,
        "      indexation:\n        index: OPI\n        from_date: 2021-01-01\n"
        "        text: Uppräkning sker årligen enligt OPI från och med 2021-01-01.\n",
        "",
    )
    code, text, err = cli("render", str(agreement))
    assert code == 0, err
    assert "Äldrenämnden bidrar med 933\xa0000\xa0kr per år." in text
    assert "års nivå" not in text


# --- the extension: a proposal to the committee, and an agreement the parties sign --------------


def extension(template: str, given_on: str, *extra: str) -> tuple[int, str, str]:
    return cli("render", RESURSPOOLEN, "-t", template, "--given-on", given_on, *extra)


@pytest.mark.parametrize("template", ["extension", "extension-agreement"])
def test_extension_refuses_an_ended_agreement_like_the_notice(
    template: str, monkeypatch: pytest.MonkeyPatch, english: None
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = extension(template, "2023-01-02")
    assert (code, out) == (1, "")
    assert (
        "the agreement ended on 2022-12-31; an extension decided on 2023-01-02 comes after that"
    ) in err
    assert "Traceback" not in err


def test_proposal_has_the_shape_of_a_tjansteskrivelse(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, text, err = extension("extension", "2022-10-03")
    assert code == 0, err
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Ärende",
        "## Förslag till beslut",
        "## Bakgrund",
        "## Ekonomi",
        "## Underskrift",
    ]
    assert "**Till:** Äldrenämnden\\\n" in text
    assert (
        "Äldrenämnden beslutar att förlänga överenskommelsen från och med den 1 januari 2023 "
        "till och med den 31 december 2025 (tre år), med i övrigt oförändrade villkor."
    ) in text
    assert "Detta är den enda förlängning som överenskommelsen medger." in text
    assert "**För Resurspoolen**" not in text  # the parties sign the extension agreement


def test_missing_index_figures_are_stated_truthfully(monkeypatch: pytest.MonkeyPatch) -> None:
    """On 2022-10-03 OPI 2023 was not yet published (iopctl has it, dated later); iopctl
    has no OPI 2024 or 2025 at all, which is not the same as "not yet published"."""
    monkeypatch.chdir(ROOT)
    _, text, _ = extension("extension", "2022-10-03")
    assert (
        "iopctl saknar OPI för 2024 och 2025. OPI för 2023 var inte publicerat den 3 oktober 2022."
    ) in text
    assert "| 2024 | Förlängning | – | 964\xa0988\xa0kr | iopctl saknar OPI för 2024;" in text
    assert "ännu inte publicerat" not in text
    _, english, _ = extension("extension", "2022-10-03", "--lang", "en")
    assert "iopctl has no OPI figure for 2024 and 2025." in english


def test_extension_agreement_is_signed_by_both_parties(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, text, err = extension("extension-agreement", "2022-12-20")
    assert code == 0, err
    assert "**För äldrenämnden**" in text and "**För Resurspoolen**" in text
    assert "## Förslag till beslut" not in text
    assert (
        "förlängs från och med den 1 januari 2023 till och med den 31 december 2025 (tre år)."
    ) in text
    # OPI 2023 (3,5 %, preliminary) is known on 2022-12-20: its amount is stated; 2024 is not.
    assert "För 2023 är beloppet 998\xa0763\xa0kr, beräknat med preliminärt OPI (3,5\xa0%)." in text
    assert "För 2024" not in text
