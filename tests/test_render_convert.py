"""Word, OpenDocument and HTML through the pandoc bundled in pypandoc-binary."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from iopctl.documents import render
from iopctl.documents.convert import pandoc_path, reference_doc_warnings, same_document

pytestmark = pytest.mark.pandoc

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = "agreements/linkoping-resurspoolen-2020.yaml"
TITLE = "Idéburet offentligt partnerskap (IOP) mellan Resurspoolen och Linköpings kommun"
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def render_file(tmp_path: Path, fmt: str, *args: str, name: str = "") -> Path:
    out = tmp_path / (name or f"doc.{fmt}")
    result = CliRunner().invoke(app, ["render", RESURSPOOLEN, "--out", str(out), *args])
    assert result.exit_code == 0, result.stderr
    return out


def test_docx_has_headings_parties_org_numbers_and_amounts(tmp_path: Path) -> None:
    import docx

    path = render_file(tmp_path, "docx")
    document = docx.Document(str(path))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Title"] == [TITLE]
    assert by_style["Heading 1"] == [
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
        "Uppsägning och återbetalning",
        "Ändringar och tillägg",
        "Underskrifter",
        "Bilaga: belopp per år enligt iopctl",
    ]
    assert "Åtaganden för Resurspoolen" in by_style["Heading 2"]
    parties, economy, appendix = (
        [[c.text for c in row.cells] for row in t.rows] for t in document.tables
    )
    assert parties == [
        ["Part", "Sektor", "Organisationsnummer"],
        ["Äldrenämnden, Linköpings kommun", "Offentlig sektor", "212000\u20110449"],
        ["Resurspoolen", "Idéburen sektor", "822003\u20110913"],
    ]
    assert economy == [
        ["Part", "Insats", "Per år"],
        ["Äldrenämnden", "Ekonomiskt bidrag", f"933{NBSP}000{NBSP}kr"],
        ["Resurspoolen", "Ideellt arbete, ca 18 000 timmar".replace(" 000", f"{NBSP}000"),
         f"3{NBSP}852{NBSP}000{NBSP}kr"],
        ["Äldrenämnden", "Lokaler", "värde ej angivet"],
        ["Äldrenämnden", "Övrig insats", "värde ej angivet"],
        ["Summa", "", f"4{NBSP}785{NBSP}000{NBSP}kr"],
    ]  # fmt: skip
    assert appendix == [
        ["År", "Part", "Belopp", "Anmärkning"],
        ["2020", "Äldrenämnden", f"933{NBSP}000{NBSP}kr", "–"],
        ["2021", "Äldrenämnden", f"946{NBSP}995{NBSP}kr", "–"],
        ["2022", "Äldrenämnden", f"964{NBSP}988{NBSP}kr", "–"],
    ]
    assert document.tables[0].style.name == "Table"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Linda Ljungqvist, social- och omsorgsdirektör" in text
    assert "iopctl render" not in text and "<!--" not in text


def test_docx_properties_record_the_source_and_no_time(tmp_path: Path) -> None:
    import docx

    path = render_file(tmp_path, "docx")
    properties = docx.Document(str(path)).core_properties
    assert properties.title == TITLE
    assert properties.language == "sv-SE"
    assert properties.created.year == 1970  # pandoc --sandbox: no clock, no timestamp
    with zipfile.ZipFile(path) as archive:
        custom = archive.read("docProps/custom.xml").decode("utf-8")
    sha = render.TemplateSource(
        "agreement",
        "sv",
        "x",
        Path("x"),
        (ROOT / "templates/agreement.sv.md.j2").read_text("utf-8"),
    ).sha256
    values = dict(re.findall(r'name="([^"]+)"><vt:lpwstr>([^<]*)<', custom))
    assert values == {
        "iopctl-agreement": RESURSPOOLEN,
        "iopctl-lang": "sv",
        "iopctl-template": "agreement",
        "iopctl-template-file": "agreement.sv.md.j2",
        "iopctl-template-sha256": sha,
    }


def test_docx_uses_the_reference_document(tmp_path: Path) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document(str(render_file(tmp_path, "docx")))
    section = document.sections[0]

    def close(a: int | None, b: int) -> bool:  # Word stores twips: 21 cm is 11906 twips
        return a is not None and abs(a - b) < Cm(0.01)

    assert close(section.page_width, Cm(21.0)) and close(section.page_height, Cm(29.7))  # A4
    assert close(section.left_margin, Cm(2.5))
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert document.styles["Heading 1"].font.name == "Arial"


def test_binary_and_html_output_is_deterministic(tmp_path: Path) -> None:
    for fmt in ("docx", "odt", "html"):
        first = render_file(tmp_path, fmt, name=f"a.{fmt}").read_bytes()
        second = render_file(tmp_path, fmt, name=f"b.{fmt}").read_bytes()
        assert first == second, fmt
        assert same_document(fmt, first, second)


def test_docx_check_and_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", RESURSPOOLEN, "-f", "docx", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert CliRunner().invoke(app, [*args, "--check"]).exit_code == 0
    again = CliRunner().invoke(app, args)
    assert "unchanged" in again.stderr


def test_html_keeps_the_comment_after_the_doctype_and_escapes_data(tmp_path: Path) -> None:
    source = ROOT / RESURSPOOLEN
    copy = tmp_path / "agreements" / source.name
    copy.parent.mkdir()
    text = source.read_text(encoding="utf-8").replace(
        "purpose: >-\n", "purpose: >-\n  <script>alert(1)</script> ![x](/etc/hostname) $x$\n", 1
    )
    copy.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(copy), "-f", "html"])
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>\n<!-- iopctl render: agreement=")
    assert html.count("<!--") == 1
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="sv-SE" xml:lang="sv-SE">' in html
    assert f"<title>{TITLE}</title>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "$x$" in html


def test_image_links_in_data_do_not_pull_local_files_into_word(tmp_path: Path) -> None:
    source = ROOT / RESURSPOOLEN
    copy = tmp_path / "agreements" / source.name
    copy.parent.mkdir()
    text = source.read_text(encoding="utf-8").replace(
        "purpose: >-\n", f"purpose: >-\n  ![secret]({source})\n", 1
    )
    copy.write_text(text, encoding="utf-8")
    out = tmp_path / "x.docx"
    result = CliRunner().invoke(app, ["render", str(copy), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert not [n for n in archive.namelist() if n.startswith("word/media")]


def test_odt(tmp_path: Path) -> None:
    path = render_file(tmp_path, "odt")
    with zipfile.ZipFile(path) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = archive.read("content.xml").decode("utf-8")
    # U+2011: an organisation number never breaks across lines (test_render_formats.py)
    assert "212000\u20110449" in content and f"4{NBSP}785{NBSP}000{NBSP}kr" in content


def test_the_markdown_comment_is_harmless_to_plain_pandoc(tmp_path: Path) -> None:
    """Someone converting the committed .md with pandoc's defaults gets no stray text."""
    markdown = render_file(tmp_path, "md")
    out = tmp_path / "plain.docx"
    subprocess.run([pandoc_path(), str(markdown), "-o", str(out)], check=True)
    with zipfile.ZipFile(out) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "iopctl render" not in document
    html = subprocess.run(
        [pandoc_path(), str(markdown), "-t", "html"], check=True, capture_output=True, text=True
    ).stdout
    assert html.startswith("<!-- iopctl render:")


def test_reference_doc_option_and_the_localisation_trap(tmp_path: Path, english: None) -> None:
    bundled = ROOT / "templates" / "reference.docx"
    assert reference_doc_warnings(bundled) == []
    localised = tmp_path / "svensk.docx"
    with zipfile.ZipFile(bundled) as source, zipfile.ZipFile(localised, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:val="heading 1"', b'w:val="Rubrik 1"')
            target.writestr(item, data)
    warnings = reference_doc_warnings(localised)
    assert len(warnings) == 1
    assert "no style named 'heading 1' (found Rubrik 1)" in warnings[0].english()
    result = CliRunner().invoke(
        app,
        ["render", RESURSPOOLEN, "-o", str(tmp_path / "x.docx"), "--reference-doc", str(localised)],
    )
    assert result.exit_code == 0
    assert "warning: " in result.stderr and "Rubrik 1" in result.stderr
    wrong = CliRunner().invoke(
        app,
        ["render", RESURSPOOLEN, "-o", str(tmp_path / "x.odt"), "--reference-doc", str(bundled)],
    )
    assert wrong.exit_code == 2


def test_reference_docx_can_be_regenerated(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    out = tmp_path / "reference.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "templates" / "tools" / "make_reference_docx.py"), str(out)],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(out) as new, zipfile.ZipFile(ROOT / "templates/reference.docx") as old:
        for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml"):
            if name in old.namelist():
                assert new.read(name) == old.read(name), name


def test_pandoc_is_the_bundled_one() -> None:
    path = pandoc_path()
    assert "pypandoc" in path
    assert shutil.which(path) is not None
