"""The command's own errors and notes in Swedish by default and in English on request
(issue #14): the exact stderr in both languages, and the exit code the same in each.

A representative set, one per kind of raise site: a path, a date option, a missing
answer, a file in the way, options that exclude each other, a git revision, an unknown
id with a suggestion, an internal error and an interruption; render's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

RESURSPOOLEN = "agreements/linkoping-resurspoolen-2020.yaml"


def _run(args: list[str], lang: str) -> tuple[int, str, str]:
    """``args`` with ``--lang``; for render, whose ``--lang`` chooses the document's
    language too (the same document in both runs), the language comes from the locale."""
    if args[0] == "render":
        locale = {"sv": "sv_SE.UTF-8", "en": "en_GB.UTF-8"}[lang]
        result = CliRunner().invoke(app, args, env={"LC_ALL": locale})
    else:
        result = CliRunner().invoke(app, [*args, "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


NEW = [
    "new",
    "x-2027",
    "--title",
    "X",
    "--party",
    "name=Äldrenämnden,organisation=K,sector=public",
    "--party",
    "name=F,sector=idea_based",
    "--no-input",
]
"""``iopctl new`` as far as its dates (nothing is written: a date is wrong)."""

CASES = {
    "missing path": (
        ["validate", "nope.yaml"],
        2,
        "iopctl: fel: sökvägen finns inte: nope.yaml\niopctl: tips: kontrollera stavningen\n",
        "iopctl: error: path does not exist: nope.yaml\niopctl: hint: check the spelling\n",
    ),
    "impossible --as-of": (
        ["due", "agreements", "--as-of", "2027-02-30"],
        2,
        "iopctl: fel: --as-of '2027-02-30': datumet finns inte (februari 2027 har 28 dagar)\n"
        "iopctl: tips: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-05-15\n",
        "iopctl: error: --as-of '2027-02-30': no such date (February 2027 has 28 days)\n"
        "iopctl: hint: write the date as YYYY-MM-DD, e.g. 2022-05-15\n",
    ),
    "malformed --as-of": (
        ["due", "agreements", "--as-of", "15/5/2022"],
        2,
        "iopctl: fel: --as-of '15/5/2022': inte ett datum på formen ÅÅÅÅ-MM-DD\n"
        "iopctl: tips: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-05-15\n",
        "iopctl: error: --as-of '15/5/2022': not a date in the form YYYY-MM-DD\n"
        "iopctl: hint: write the date as YYYY-MM-DD, e.g. 2022-05-15\n",
    ),
    "impossible --given-on, as --as-of says it": (
        ["render", RESURSPOOLEN, "-t", "notice", "--given-on", "2027-02-30"],
        2,
        "iopctl: fel: --given-on '2027-02-30': datumet finns inte (februari 2027 har 28 dagar)\n"
        "iopctl: tips: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-05-15\n",
        "iopctl: error: --given-on '2027-02-30': no such date (February 2027 has 28 days)\n"
        "iopctl: hint: write the date as YYYY-MM-DD, e.g. 2022-05-15\n",
    ),
    "--new-end in year 1": (
        ["render", RESURSPOOLEN, "-t", "extension", "--new-end", "0001-12-31"],
        2,
        "iopctl: fel: --new-end '0001-12-31' ligger utanför det tillåtna intervallet\n"
        "iopctl: tips: använd ett datum från 1900-01-01 till 9000-12-31\n",
        "iopctl: error: --new-end '0001-12-31' is out of range\n"
        "iopctl: hint: use a date from 1900-01-01 to 9000-12-31\n",
    ),
    "new's dates, as every option's are said": (
        [*NEW, "--start", "2027-02-30", "--end", "2029-12-31"],
        2,
        "iopctl: fel: startdatumet '2027-02-30': datumet finns inte (februari 2027 har 28 dagar)\n"
        "iopctl: tips: skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-05-15\n",
        "iopctl: error: the start date '2027-02-30': no such date (February 2027 has 28 days)\n"
        "iopctl: hint: write the date as YYYY-MM-DD, e.g. 2022-05-15\n",
    ),
    "new's end date in year 1": (
        [*NEW, "--start", "2027-01-01", "--end", "0001-12-31"],
        2,
        "iopctl: fel: slutdatumet '0001-12-31' ligger utanför det tillåtna intervallet\n"
        "iopctl: tips: använd ett datum från 1900-01-01 till 9000-12-31\n",
        "iopctl: error: the end date '0001-12-31' is out of range\n"
        "iopctl: hint: use a date from 1900-01-01 to 9000-12-31\n",
    ),
    "new --no-input without a title": (
        ["new", "x-2027", "--no-input"],
        2,
        'iopctl: fel: --title krävs med --no-input\niopctl: tips: lägg till --title "…"\n',
        'iopctl: error: --title is required with --no-input\niopctl: hint: add --title "…"\n',
    ),
    "render --check with --force": (
        ["render", RESURSPOOLEN, "--check", "--force", "--out", "out/"],
        2,
        "iopctl: fel: --check skriver ingenting; ta bort --force\n",
        "iopctl: error: --check writes nothing; leave out --force\n",
    ),
    "diff with a bad revision": (
        ["diff", f"nosuchrev:{RESURSPOOLEN}", RESURSPOOLEN],
        2,
        f"iopctl: fel: kan inte läsa nosuchrev:{RESURSPOOLEN}: okänd git-revision 'nosuchrev'\n"
        "iopctl: tips: kontrollera revisionen, t.ex. med `git log --oneline`; HEAD, main, "
        "HEAD~1 och taggar fungerar\n",
        f"iopctl: error: cannot read nosuchrev:{RESURSPOOLEN}: unknown git revision "
        "'nosuchrev'\n"
        "iopctl: hint: check the revision, e.g. with `git log --oneline`; HEAD, main, HEAD~1 "
        "and tags work\n",
    ),
    "show an unknown id": (
        ["show", "resurspoolen"],
        2,
        "iopctl: fel: ingen överenskommelse med id 'resurspoolen'\n"
        "iopctl: tips: menade du 'linkoping-resurspoolen-2020'?\n",
        "iopctl: error: no agreement with id 'resurspoolen'\n"
        "iopctl: hint: did you mean 'linkoping-resurspoolen-2020'?\n",
    ),
    "a bad --index-file": (
        ["economy", RESURSPOOLEN, "--index-file", "nope.yaml", "-f", "json"],
        1,
        "nope.yaml: fel IOP501 indexfilen finns inte\n",
        "nope.yaml: error IOP501 index file does not exist\n",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_errors_in_swedish_and_in_english(in_repo: Path, case: str) -> None:
    args, code, swedish, english = CASES[case]
    assert _run(args, "sv")[::2] == (code, swedish)
    assert _run(args, "en")[::2] == (code, english)


def test_an_existing_file_in_new(tmp_path: Path) -> None:
    (tmp_path / "x-2027.yaml").write_text("id: x-2027\n", encoding="utf-8")
    args = ["new", "x-2027", "--title", "X", "--no-input", "--dir", str(tmp_path)]
    path = tmp_path / "x-2027.yaml"
    assert _run(args, "sv")[::2] == (
        1,
        f"iopctl: fel: filen finns redan: {path}\n"
        "iopctl: tips: välj ett annat id, eller ange --force för att skriva över den\n",
    )
    assert _run(args, "en")[::2] == (
        1,
        f"iopctl: error: file already exists: {path}\n"
        "iopctl: hint: choose another id, or pass --force to overwrite it\n",
    )


def test_an_internal_error(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("iopctl.views.versions.compare_versions", broken)
    args = ["diff", RESURSPOOLEN, RESURSPOOLEN]
    url = "https://github.com/iopctl/iopctl/issues"
    assert _run(args, "sv")[::2] == (
        3,
        "iopctl: fel: internt fel (RuntimeError: boom); det här är ett fel i iopctl\n"
        f"iopctl: tips: rapportera det på {url}; sätt IOPCTL_DEBUG=1 för att se spårutskriften\n",
    )
    assert _run(args, "en")[::2] == (
        3,
        "iopctl: error: internal error (RuntimeError: boom); this is a bug in iopctl\n"
        f"iopctl: hint: please report it at {url}; set IOPCTL_DEBUG=1 to see the traceback\n",
    )


def test_an_interruption(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("iopctl.views.versions.compare_versions", interrupted)
    args = ["diff", RESURSPOOLEN, RESURSPOOLEN]
    assert _run(args, "sv")[::2] == (130, "iopctl: avbrutet\n")
    assert _run(args, "en")[::2] == (130, "iopctl: interrupted\n")


def test_render_notes(in_repo: Path, tmp_path: Path) -> None:
    """What render writes and compares, counted with the right plural in each language."""
    out = tmp_path / "out.md"
    args = ["render", RESURSPOOLEN, "--out", str(out)]
    check = [*args, "--check"]
    assert _run(check, "sv") == (
        1,
        f"{out}: saknas\n",
        "iopctl: 1 av 1 dokument inaktuellt; kör samma kommando utan --check (och med --force) "
        "för att uppdatera\n",
    )
    assert _run(check, "en") == (
        1,
        f"{out}: missing\n",
        "iopctl: 1 of 1 document out of date; run the same command without --check (and with "
        "--force) to update\n",
    )
    assert _run(args, "sv") == (0, "", f"iopctl: skrev {out}\n")
    assert _run(args, "en") == (0, "", f"iopctl: unchanged {out}\n")
    assert _run(check, "sv") == (0, "", "iopctl: 1 dokument aktuellt\n")
    assert _run(check, "en") == (0, "", "iopctl: 1 document up to date\n")


def test_a_prompt_error_in_swedish() -> None:
    """scaffold/answers.py's words, shown beside a Swedish prompt of `iopctl new`."""
    from iopctl.cli.common import error_words
    from iopctl.errors import UsageError
    from iopctl.i18n import in_language
    from iopctl.scaffold import answers

    for answer, swedish, english in [
        ("", ("titeln är tom", "skriv titeln"), ("the title is empty", "write the title")),
        (
            "2027-02-30",
            (
                "startdatumet '2027-02-30': datumet finns inte (februari 2027 har 28 dagar)",
                "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2022-05-15",
            ),
            (
                "the start date '2027-02-30': no such date (February 2027 has 28 days)",
                "write the date as YYYY-MM-DD, e.g. 2022-05-15",
            ),
        ),
    ]:
        with pytest.raises(UsageError) as caught:
            answers.parse_start(answer) if answer else answers.parse_text(answer, "title")
        assert error_words(caught.value) == swedish
        with in_language("en"):
            assert error_words(caught.value) == english
        assert (caught.value.message, caught.value.hint) == english


def test_an_error_keeps_its_words_across_processes() -> None:
    """A worker's error is pickled: it arrives with its ids and arguments (said in the
    chosen language), for every kind of error, not as an English sentence."""
    import pickle

    from iopctl.cli.common import error_words
    from iopctl.errors import OptionError, UsageError
    from iopctl.i18n import N_
    from iopctl.money.index_files import AlreadyKnown

    errors = [
        UsageError(N_("path does not exist: {path}"), hint=N_("check the spelling"), path="x"),
        OptionError("record", 3, N_("there are {count} follow-up records"), count=2),
        AlreadyKnown(Path("indices/opi.yaml"), {"status": "definitive", "percent": "2.0"}),
    ]
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.message, copy.hint, str(copy)) == (error.message, error.hint, str(error))
        assert error_words(copy) == error_words(error)
    assert error_words(pickle.loads(pickle.dumps(errors[1]))) == (
        "--record 3: det finns 2 uppföljningar",
        "",
    )


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "sv",
            "Texten kunde inte återges: pandoc hittades inte: iopctl använder den i paketet "
            "pypandoc-binary",
        ),
        (
            "en",
            "The text could not be rendered: pandoc was not found: iopctl uses the one in "
            "the pypandoc-binary package",
        ),
    ],
)
def test_the_sites_text_failed_note_is_in_the_sites_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, note: str
) -> None:
    """An error quoted on a page of the site is said in the site's language, like the page."""
    import datetime as dt
    from types import SimpleNamespace

    from iopctl.errors import IopctlError
    from iopctl.i18n import N_, in_language
    from iopctl.site import text

    def fails(*_: object, **__: object) -> None:
        raise IopctlError(
            N_("pandoc was not found: iopctl uses the one in the pypandoc-binary package")
        )

    monkeypatch.setattr(text, "_render", fails)
    with in_language(lang):
        shown = text.agreement_text(
            SimpleNamespace(agreement=None),  # type: ignore[arg-type]
            None,  # type: ignore[arg-type]
            dt.date(2026, 12, 1),
            errors=1,
        )
    assert shown.note == note
