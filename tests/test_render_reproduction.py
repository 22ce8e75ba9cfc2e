"""A copy that cannot be mistaken for the original (#13): ``render -t reproduction``.

The reproduction of the signed Linköping–Resurspoolen agreement (seed 002) keeps the
original's headings, order and text word for word, says on every page (Word: the page
header of every section) that it is a reproduction and the signed original prevails,
shows signatures as "Undertecknat i original av …", and puts what iopctl computed in an
appendix after the text. Drafts get no reproduction and no invented clauses. The
Markdown itself is pinned by the goldens in ``tests/test_render_golden.py``
(``resurspoolen-2020.reproduction.{sv,en}``).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents.reproduction import marking, with_sic

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = "agreements/linkoping-resurspoolen-2020.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "002_910b4b2f0c93d069.txt"
MARKING_SV = "Återgivning – det undertecknade originalet, dnr ÄN 2019-878, gäller"

SEED_HEADINGS = [
    "Bakgrund till överenskommelsen",
    "Värdegrund",
    "Aktörer i överenskommelsen",
    "Överenskommelsens utgångspunkter",
    "Överenskommelsens gemensamma samhällsutmaning och syfte",
    "Målsättning",
    "Målgrupp",
    "Partnerskapets innehåll",
    "Avstämning och uppföljning",
    "Ekonomi",
    "Period för överenskommelsen",
    "Underskrifter",
]
"""Seed 002's headings, in its order (read off the signed document)."""


def render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def reproduction(in_repo: Path) -> str:
    code, out, err = render(RESURSPOOLEN, "-t", "reproduction")
    assert code == 0, err
    return out


def _text_and_appendix(markdown: str) -> tuple[str, str]:
    text, end, appendix = markdown.partition(f"> **{MARKING_SV}.** Här slutar återgivningen")
    assert end, "the reproduction has no closing marking"
    return text, appendix


def test_headings_are_the_originals_in_the_originals_order(reproduction: str) -> None:
    text, appendix = _text_and_appendix(reproduction)
    assert re.findall(r"^## (.+)$", text, re.M) == SEED_HEADINGS
    assert re.findall(r"^##+ (.+)$", appendix, re.M) == [
        "Bilaga: uppgifter framräknade av iopctl – inte en del av originalet",
        "Parternas insatser per år och summa",
        "Belopp per år",
    ]


@pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside the repository")
def test_every_paragraph_of_the_signed_text_is_reproduced_word_for_word(
    reproduction: str,
) -> None:
    """Each paragraph of seed 002 from the first heading to the signatures, in order."""
    seed = SEED.read_text(encoding="utf-8")
    body = seed[seed.index("\nBakgrund till överenskommelsen\n") : seed.index("\nUnderskrifter\n")]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    text = _text_and_appendix(reproduction)[0].replace(" [sic]", "")
    position = 0
    for paragraph in paragraphs:
        found = text.find(paragraph, position)
        assert found >= 0, paragraph
        position = found + len(paragraph)
    assert len(paragraphs) == 58


def test_typos_are_kept_as_signed_and_marked_sic(reproduction: str) -> None:
    assert reproduction.count("[sic]") == 4  # 3 in the text, 1 in the banner's explanation
    assert "CEMR deklARATIONEN [sic] (Europeiska deklARATIONEN [sic] för jämställdhet" in (
        reproduction
    )
    assert "tillsammans med Social- omsorgsförvaltningen [sic]." in reproduction
    assert "Social- och omsorgsförvaltningen [sic]" not in reproduction


def test_marked_as_a_reproduction_and_nothing_asserted_that_the_source_does_not_say(
    reproduction: str,
) -> None:
    lines = reproduction.splitlines()
    assert lines[2] == (
        "# Idéburet offentligt partnerskap (IOP) mellan Resurspoolen och Linköpings kommun"
    )
    assert lines[4].startswith(f"> **{MARKING_SV}.** Detta är en återgivning")
    assert reproduction.count(MARKING_SV) == 2
    for invented in ("Beslutande organ", "Äldrenämndens åtaganden", "Diarienummer:", "……"):
        assert invented not in reproduction
    assert "Oktober 2019\n\nDnr ÄN 2019-878\n\n## Bakgrund" in reproduction


def test_signatures_say_signed_in_the_original(reproduction: str) -> None:
    text = _text_and_appendix(reproduction)[0]
    signatures = text[text.index("## Underskrifter") :]
    assert signatures.splitlines()[:8] == [
        "## Underskrifter",
        "",
        "**För äldrenämnden**",
        "",
        "Undertecknat i original av Linda Ljungqvist, social- och omsorgsdirektör, "
        "Linköping 2019-12-11.",
        "",
        "**För Resurspoolen/firmatecknare**",
        "",
    ]
    assert "Undertecknat i original av Siv Nordqvist, ordförande, Linköping 2019-12-11." in (
        signatures
    )


def test_derived_figures_only_in_the_appendix(reproduction: str) -> None:
    text, appendix = _text_and_appendix(reproduction)
    assert "| **Summa (framräknad)** | | **4\u00a0785\u00a0000\u00a0kr** |" in appendix
    assert "| 2021 | Äldrenämnden | 946\u00a0995\u00a0kr | – |" in appendix
    assert "|" not in text  # no table in the reproduced text: the original has none
    assert "946\u00a0995" not in text


def test_english_frame_quotes_the_swedish_original(in_repo: Path) -> None:
    code, out, err = render(RESURSPOOLEN, "-t", "reproduction", "--lang", "en")
    assert code == 0, err
    assert "> **Reproduction – the signed original, case no. ÄN 2019-878, prevails.**" in out
    assert "quoted in the original Swedish" in out
    assert "## Bakgrund till överenskommelsen" in out
    assert "Signed in the original by Siv Nordqvist, ordförande, Linköping 2019-12-11." in out


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            "agreements/kalmar-stadsmission-2020.yaml",
            "a draft has no signed original to reproduce",
        ),
        (
            "agreements/linkoping-resurspoolen-2018.yaml",
            "the file does not keep the signed text (original.sections)",
        ),
    ],
)
def test_no_reproduction_without_a_signed_original(
    in_repo: Path, file: str, message: str, english: None
) -> None:
    code, out, err = render(file, "-t", "reproduction")
    assert code == 1
    assert out == ""
    assert f"iopctl: error: {file}: {message}" in err
    assert "Traceback" not in err


def test_a_draft_gets_no_invented_notice_clause(in_repo: Path) -> None:
    """Kalmar's press release says nothing about notice: the draft keeps its banner and
    prints no "Part som vill frånträda … [SAKNAS: termination.notice_period]"."""
    code, out, _ = render("agreements/kalmar-stadsmission-2020.yaml", "--draft")
    assert code == 0
    assert "> **Utkast.** Texten är inte slutligt beslutad" in out
    assert "frånträda" not in out
    assert "termination" not in out
    assert "## Uppsägning" not in out


def test_an_ended_agreement_gets_no_invented_notice_clause(in_repo: Path) -> None:
    """Pingstförsamlingen–IOGT-NTO 2018 ended; its sources say nothing about notice, so
    its text prints no "Part som vill frånträda … Uppgift om uppsägningstid saknas"."""
    code, out, _ = render("agreements/linkoping-pingstforsamlingen-iogt-nto-2018.yaml")
    assert code == 0
    assert "frånträda" not in out
    assert "## Uppsägning" not in out
    assert "Utkast" not in out


def test_sic_marks_each_passage_once_longest_first() -> None:
    assert with_sic("a deklARATIONEN, deklARATIONEN", ["deklARATIONEN"]) == (
        "a deklARATIONEN [sic], deklARATIONEN [sic]"
    )
    assert with_sic("Social- omsorg och omsorg", ["omsorg", "Social- omsorg"]) == (
        "Social- omsorg [sic] och omsorg [sic]"
    )
    assert with_sic("text", []) == "text"


def test_marking_without_a_case_number() -> None:
    assert marking("sv", None) == "Återgivning – det undertecknade originalet gäller"
    assert marking("en", "X 1") == "Reproduction – the signed original, case no. X 1, prevails"


def test_a_sic_passage_must_occur_in_the_text(tmp_path: Path) -> None:
    source = (ROOT / RESURSPOOLEN).read_text(encoding="utf-8")
    lines = source.splitlines()
    line = lines.index("original:") + 2  # 1-based line of the mapping's first key
    bad = tmp_path / "linkoping-resurspoolen-2020.yaml"
    bad.write_text(source.replace("    - deklARATIONEN\n", "    - deklarationen\n"), "utf-8")
    result = CliRunner().invoke(app, ["--lang", "en", "validate", str(bad)])
    assert result.exit_code == 1
    assert (
        f"{bad}:{line}:3: error IOP104 The signed original's text (`original`): Value error, "
        "sic passage 'deklarationen' does not occur in the original text"
    ) in result.stdout


# --- Word: the marking in the header of every page ---------------------------------------------


def _docx(tmp_path: Path, *extra: str) -> zipfile.ZipFile:
    out = tmp_path / "r.docx"
    code, _, err = render(RESURSPOOLEN, "-t", "reproduction", "-o", str(out), *extra)
    assert code == 0, err
    return zipfile.ZipFile(BytesIO(out.read_bytes()))


def _assert_marked_on_every_page(docx: zipfile.ZipFile) -> None:
    document = docx.read("word/document.xml").decode("utf-8")
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document, re.S)
    assert sections
    for section in sections:
        references = re.findall(r'<w:headerReference w:type="(\w+)" r:id="(\w+)"/>', section)
        assert references == [
            ("default", "rIdIopctlMarking"),
            ("first", "rIdIopctlMarking"),
            ("even", "rIdIopctlMarking"),
        ]
    rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
    assert 'Id="rIdIopctlMarking"' in rels and 'Target="iopctl-marking.xml"' in rels
    types = docx.read("[Content_Types].xml").decode("utf-8")
    assert 'PartName="/word/iopctl-marking.xml"' in types
    header = docx.read("word/iopctl-marking.xml").decode("utf-8")
    assert re.findall(r"<w:t[^>]*>([^<]*)</w:t>", header) == [MARKING_SV]


def test_word_has_the_marking_in_the_header_of_every_section(in_repo: Path, tmp_path: Path) -> None:
    _assert_marked_on_every_page(_docx(tmp_path))


def test_word_marking_survives_a_users_reference_doc(in_repo: Path, tmp_path: Path) -> None:
    """Whatever letterhead a user passes, the reproduction still says what it is."""
    _assert_marked_on_every_page(_docx(tmp_path, "--reference-doc", "templates/reference.docx"))


def test_word_reproduction_is_deterministic(in_repo: Path, tmp_path: Path) -> None:
    first = tmp_path / "a.docx"
    second = tmp_path / "b.docx"
    for out in (first, second):
        code, _, err = render(RESURSPOOLEN, "-t", "reproduction", "-o", str(out))
        assert code == 0, err
    assert first.read_bytes() == second.read_bytes()


def test_other_documents_get_no_marking(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    code, _, err = render(RESURSPOOLEN, "-o", str(out))
    assert code == 0, err
    assert "word/iopctl-marking.xml" not in zipfile.ZipFile(out).namelist()


def test_odt_has_the_marking_in_the_header_of_every_page_style(
    in_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.odt"
    code, _, err = render(RESURSPOOLEN, "-t", "reproduction", "-o", str(out))
    assert code == 0, err
    odt = zipfile.ZipFile(out)
    first = odt.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    styles = odt.read("styles.xml").decode("utf-8")
    pages = re.findall(r"<style:master-page\b.*?</style:master-page>", styles, re.S)
    assert pages
    for page in pages:
        assert re.findall(r"<style:header>(.*?)</style:header>", page, re.S) == [
            f'<text:p text:style-name="iopctlMarking">{MARKING_SV}</text:p>'
        ]
    assert styles.count('<style:style style:name="iopctlMarking"') == 1


def test_odt_marking_replaces_a_reference_header_and_closes_empty_pages() -> None:
    from iopctl.documents.reproduction import _ODT_HEADER_SPACE, _ODT_STYLE, _with_odt_header

    styles = (
        "<office:automatic-styles><style:page-layout><style:header-style />"
        "</style:page-layout></office:automatic-styles>"
        '<style:master-page style:name="A"><style:header><text:p>Kommunen</text:p>'
        "</style:header><style:header-left><text:p>v</text:p></style:header-left>"
        '</style:master-page><style:master-page style:name="B"/>'
    )
    header = (
        '<style:header><text:p text:style-name="iopctlMarking">M &amp; N</text:p></style:header>'
    )
    assert _with_odt_header(styles, "M & N") == (
        f"<office:automatic-styles><style:page-layout>{_ODT_HEADER_SPACE}</style:page-layout>"
        f"{_ODT_STYLE}</office:automatic-styles>"
        f'<style:master-page style:name="A">{header}</style:master-page>'
        f'<style:master-page style:name="B">{header}</style:master-page>'
    )


# --- the signed text in review: diff, and what a signature without name or date says -----------


def test_diff_shows_a_change_to_the_signed_text(in_repo: Path, tmp_path: Path) -> None:
    source = (ROOT / RESURSPOOLEN).read_text(encoding="utf-8")
    changed = tmp_path / "linkoping-resurspoolen-2020.yaml"
    old = "Uppsägningstiden ska vara sex månader. Parterna har"
    assert source.count(old) == 1  # in original: the structured termination.text differs
    changed.write_text(source.replace(old, old.replace("sex", "tre")), "utf-8")
    result = CliRunner().invoke(app, ["diff", RESURSPOOLEN, str(changed), "--lang", "en"])
    assert result.stdout.splitlines()[0] == "linkoping-resurspoolen-2020: 1 change in meaning"
    assert result.stdout.splitlines()[4:6] == [
        "Signed text",
        '  ~ section "Period för överenskommelsen", text changed: "sex" → "tre"',
    ]


def test_a_signature_the_source_leaves_without_name_or_date(in_repo: Path, tmp_path: Path) -> None:
    source = (ROOT / RESURSPOOLEN).read_text(encoding="utf-8")
    unnamed = source.replace(
        "    name: Siv Nordqvist\n    title: ordförande\n"
        "    place: Linköping\n    date: 2019-12-11\n",
        "",
    )
    assert unnamed != source
    path = tmp_path / "linkoping-resurspoolen-2020.yaml"
    path.write_text(unnamed, "utf-8")
    code, out, err = render(str(path), "-t", "reproduction")
    assert code == 0, err
    assert (
        "**För Resurspoolen/firmatecknare**\n\n"
        "Undertecknat i original av (namnet framgår inte av källan) "
        "(datum framgår inte av källan).\n"
    ) in out


@given(
    st.text(alphabet="ab -", max_size=30),
    st.lists(st.text(alphabet="ab -", min_size=1, max_size=4), max_size=3),
)
def test_sic_only_adds_marks_and_only_after_a_passage(text: str, passages: list[str]) -> None:
    """Marking never changes the signed text: take the marks out and it is as it was."""
    marked = with_sic(text, passages)
    assert marked.replace(" [sic]", "") == text
    for found in re.finditer(re.escape(" [sic]"), marked):
        assert any(marked[: found.start()].endswith(p) for p in passages)
    assert (marked == text) == (not any(p in text for p in passages))


def test_a_folder_writes_the_reproductions_it_can_and_names_the_others(
    in_repo: Path, tmp_path: Path, english: None
) -> None:
    code, _, err = render("agreements/", "-t", "reproduction", "--out", f"{tmp_path}/")
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "linkoping-resurspoolen-2020.reproduction.sv.md"
    ]
    assert (
        "iopctl: error: agreements/kalmar-stadsmission-2020.yaml: a draft has no signed "
        "original to reproduce\n"
    ) in err
    assert (
        "iopctl: error: agreements/linkoping-resurspoolen-2018.yaml: the file does not keep "
        "the signed text (original.sections)\n"
    ) in err
