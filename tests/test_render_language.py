"""The words of the documents, as a kommunjurist reads them (issue 13, "Language"): each
fix has a test that keeps it fixed. The goldens (``test_render_golden.py``) show them in
context; these name the rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents.filters import count_words, in_text, lower_start, ordinal
from iopctl.model.agreement import PartialAgreement, Party

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = ROOT / "agreements" / "linkoping-resurspoolen-2020.yaml"
PINGST = ROOT / "agreements" / "linkoping-pingstforsamlingen-iogt-nto-2018.yaml"
NOTICE = ["-t", "notice", "--party", "resurspoolen", "--given-on", "2021-03-15"]
EXTENSION = ["-t", "extension", "--given-on", "2022-10-03"]


def render(*args: str) -> str:
    result = CliRunner().invoke(app, ["render", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def edited(tmp_path: Path, old: str, new: str, source: Path = RESURSPOOLEN) -> str:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / source.name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path)


def test_a_contribution_without_a_value_says_so() -> None:
    text = render(str(RESURSPOOLEN))
    assert "| Äldrenämnden | Lokaler | värde ej angivet |" in text
    assert "ej värderat" not in text
    assert "| Äldrenämnden | Premises | no value stated |" in render(
        str(RESURSPOOLEN), "--lang", "en"
    )


def test_long_names_take_a_preposition_not_a_genitive(tmp_path: Path) -> None:
    long_name = "Svenska Röda Korset, Exempelstads krets"
    text = render(edited(tmp_path, "    name: Resurspoolen\n", f"    name: {long_name}\n"))
    assert f"### Insats från {long_name}" in text
    assert f"### Åtaganden för {long_name}" in text
    assert "krets insats" not in text and "krets åtaganden" not in text
    assert "### Bidrag från äldrenämnden" in render(str(RESURSPOOLEN), *EXTENSION)
    signed = render(str(RESURSPOOLEN), "-t", "extension-agreement", "--given-on", "2022-10-03")
    assert "Bidraget från äldrenämnden är 933" in signed and "Äldrenämndens bidrag" not in signed


def test_committees_are_lower_case_in_running_text_and_written_one_way() -> None:
    assert in_text("Äldrenämnden", "sv") == "äldrenämnden"
    assert in_text("Social- och omsorgsnämnden", "sv") == "social- och omsorgsnämnden"
    assert in_text("Kommunstyrelsen", "sv") == "kommunstyrelsen"
    assert in_text("Linköpings kommun", "sv") == "Linköpings kommun"
    assert in_text("Resurspoolen", "sv") == "Resurspoolen"
    assert in_text("Äldrenämnden", "en") == "Äldrenämnden"
    notice = render(str(RESURSPOOLEN), *NOTICE)
    assert "mellan äldrenämnden och Resurspoolen." in notice
    for text in (notice, render(str(RESURSPOOLEN)), render(str(RESURSPOOLEN), *EXTENSION)):
        # inside a sentence, after a word or a comma: always lower case
        assert re.findall(r"(?<=[a-zåäö,] )Äldrenämnden", text) == []
    agreement = render(str(RESURSPOOLEN))
    assert "**För äldrenämnden**" in agreement
    assert "### Åtaganden för äldrenämnden" in agreement


def test_a_role_that_names_the_committee_is_not_followed_by_its_name() -> None:
    text = render(str(RESURSPOOLEN))
    assert "- planeringsledare vid äldrenämnden\n" in text
    assert "(Äldrenämnden)" not in text


@pytest.mark.parametrize(
    ("times", "sv", "en"),
    [
        (
            "    times: 1\n",
            "Detta är den enda förlängning som överenskommelsen medger.",
            "This is the only extension the agreement allows.",
        ),
        (
            "    times: 3\n",
            "Detta är den första av högst tre förlängningar som överenskommelsen medger.",
            "This is the first of at most three extensions the agreement allows.",
        ),
        ("", "Detta är den första förlängningen.", "This is the first extension."),
    ],
)
def test_the_extension_says_which_option_of_how_many(
    times: str, sv: str, en: str, tmp_path: Path
) -> None:
    path = edited(tmp_path, "    times: 1\n", times)
    assert sv in render(path, *EXTENSION)
    assert en in render(path, *EXTENSION, "--lang", "en")
    assert "förlängning nummer" not in render(path, *EXTENSION)


def test_numbers_in_words() -> None:
    assert [ordinal(n, "sv") for n in (1, 2, 3, 11, 21)] == [
        "första",
        "andra",
        "tredje",
        "11:e",
        "21:a",
    ]
    assert [ordinal(n, "en") for n in (1, 2, 12)] == ["first", "second", "12th"]
    assert (count_words(3, "sv"), count_words(3, "en"), count_words(40, "sv")) == (
        "tre",
        "three",
        "40",
    )


def test_a_quoted_clause_continues_the_sentence(tmp_path: Path) -> None:
    # Äldrenämnden pays, so its notice has the repayment section (test_letters.py)
    notice = render(str(RESURSPOOLEN), *NOTICE[:3], "aldrenamnden", *NOTICE[4:])
    assert (
        "Av överenskommelsen framgår att parterna har möjlighet att kräva återbetalning" in notice
    )
    assert "Enligt överenskommelsen gäller:" not in notice
    followup = render(
        edited(
            tmp_path,
            "follow_ups:\n",
            "follow_up:\n  text: Parterna träffas två gånger per år.\nfollow_ups:\n",
            source=PINGST,
        ),
        "-t",
        "followup",
    )
    assert "Av överenskommelsen framgår att parterna träffas två gånger per år." in followup
    parties = [Party(id="iop", name="IOP-rådet", sector="public")]
    agreement = PartialAgreement(parties=parties)
    assert lower_start("Parterna ska", agreement) == "parterna ska"
    assert lower_start("IOP-rådet ska", agreement) == "IOP-rådet ska"
    assert lower_start("OPI gäller", agreement) == "OPI gäller"


def test_a_figure_has_a_type_not_a_kind() -> None:
    text = render(str(PINGST), "-t", "followup")
    assert "| Uppgift | Typ | Part |" in text and "Slag" not in text
    assert "| Figure | Type | Party |" in render(str(PINGST), "-t", "followup", "--lang", "en")


def test_an_ended_agreement_without_a_notice_period_says_it_is_not_known(tmp_path: Path) -> None:
    """A termination clause whose notice period the sources do not give; without any
    termination clause nothing is printed at all (test_render_reproduction)."""
    path = tmp_path / PINGST.name
    path.write_text(
        PINGST.read_text(encoding="utf-8") + "termination:\n  form: written\n", encoding="utf-8"
    )
    text = render(str(path))
    assert "Uppgift om uppsägningstid saknas." in text
    assert "Uppsägningstiden är uppgift saknas" not in text


def test_an_ended_agreement_without_a_start_says_it_is_not_known(tmp_path: Path) -> None:
    text = PINGST.read_text(encoding="utf-8")
    text = text.replace("  start: 2018-01-01\n", "").replace(
        "  text: Överenskommelsen gäller under tre år från och med 2018-01-01 – 2020-12-31.\n", ""
    )
    path = tmp_path / PINGST.name
    path.write_text(text, encoding="utf-8")
    assert (
        "Uppgift om när överenskommelsen började gälla saknas; den gäller till och med den 31 "
        "december 2020." in render(str(path))
    )
    assert "från och med uppgift saknas" not in render(str(path))
    assert "When the agreement began to apply is not known; it applies up to and including" in (
        render(str(path), "--lang", "en")
    )


def test_english_text_says_the_clauses_are_quoted_in_the_original_swedish() -> None:
    """--lang en writes its own sentences in English but quotes the agreed clauses as they
    are, in Swedish: the document says so once, under its title (#13)."""
    resurspoolen = str(ROOT / "agreements" / "linkoping-resurspoolen-2020.yaml")
    english = render(resurspoolen, "--lang", "en")
    assert "> **In Swedish in the original.** The headings and the sentences iopctl" in english
    assert "Originalet" not in render(resurspoolen) and "In Swedish" not in render(resurspoolen)


def test_no_words_about_a_sum_the_document_does_not_show(tmp_path: Path) -> None:
    """With no contribution valued there is no "Summa" row, so no sentence says what is
    left out of it; Resurspoolen's premises, unvalued beside valued money, are both."""
    fixture = ROOT / "tests" / "fixtures" / "invalid" / "iop316-document-needs.yaml"
    org = "    sector: idea_based\n"
    path = edited(tmp_path, org, org + "    org_number: 802000-0009\n", fixture)
    for lang, row, total, left_out in (
        ("sv", "| Ideellt arbete, 400 timmar | värde ej angivet |", "**Summa**", "i summan"),
        ("en", "| Volunteer work, 400 hours | no value stated |", "**Total**", "in the total"),
    ):
        text = render(path, "--lang", lang)
        assert row in text
        assert total not in text and left_out not in text
    text = render(str(RESURSPOOLEN))
    assert "| **Summa** | | **4\u00a0785\u00a0000\u00a0kr** |" in text
    assert "Insatser utan angivet värde räknas inte in i summan." in text


def test_an_ended_agreement_has_no_lines_to_sign(tmp_path: Path) -> None:
    """An ended agreement was signed: where its sources do not say by whom or when, the
    text says so, as for any field they leave out; blank lines to fill in would invite
    signing it now. A draft keeps them: it is to be signed."""
    text = render(str(PINGST))
    assert "## Underskrifter\n\nUppgift om underskrifterna saknas i källorna.\n" in text
    assert "Ort och datum" not in text and "Namnförtydligande" not in text
    assert "\n\nThe sources do not give the signatures.\n" in render(str(PINGST), "--lang", "en")
    unsigned = edited(tmp_path, "    name: Siv Nordqvist\n", "")
    partial = edited(tmp_path, "    date: 2019-12-11\n", "", Path(unsigned))
    text = render(partial)
    assert "Linköping, datum: uppgift saknas\\\n" in text
    assert "Namnförtydligande: uppgift saknas, ordförande" in text
    assert "……………………………………………………\\\nLinda Ljungqvist" in text  # where she signed
    english = render(partial, "--lang", "en")
    assert "Linköping, date not known\\\n" in english
    assert "Name in print: not known, ordförande" in english
    draft = render(str(ROOT / "agreements" / "kalmar-stadsmission-2020.yaml"))
    assert "Ort och datum: ……………………………………………………" in draft
