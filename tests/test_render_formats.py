"""Word and ODT output as a page: dates that never break across lines, and an ODT that is
A4 with the same styles as the Word reference (``templates/reference.odt``, built by
``templates/tools/make_reference_odt.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from iopctl.cli import app

ROOT = Path(__file__).resolve().parent.parent
RESURSPOOLEN = ROOT / "agreements" / "linkoping-resurspoolen-2020.yaml"
NB_HYPHEN = "\u2011"


def render(tmp_path: Path, fmt: str, *args: str) -> Path:
    out = tmp_path / f"doc.{fmt}"
    result = CliRunner().invoke(app, ["render", str(RESURSPOOLEN), "--out", str(out), *args])
    assert result.exit_code == 0, result.stderr
    return out


def texts(xml: str, tag: str) -> str:
    """The text of every ``tag`` element (``w:t``, ``text:p``…), markup removed."""
    return " ".join(
        re.sub(r"<[^>]+>", "", m) for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", xml)
    )


def test_dates_and_numbers_never_break_across_lines_in_word(tmp_path: Path) -> None:
    with zipfile.ZipFile(render(tmp_path, "docx")) as archive:
        text = texts(archive.read("word/document.xml").decode("utf-8"), "w:t")
    assert f"2019{NB_HYPHEN}12{NB_HYPHEN}11" in text  # the date signed
    assert f"212000{NB_HYPHEN}0449" in text  # an organisation number
    assert re.findall(r"\d-\d", text) == []
    markdown = CliRunner().invoke(app, ["render", str(RESURSPOOLEN)]).stdout
    assert "2019-12-11" in markdown and NB_HYPHEN not in markdown  # Markdown stays searchable


def test_dates_never_break_in_odt_either(tmp_path: Path) -> None:
    with zipfile.ZipFile(render(tmp_path, "odt")) as archive:
        text = texts(archive.read("content.xml").decode("utf-8"), "text:p")
    assert f"2019{NB_HYPHEN}12{NB_HYPHEN}11" in text
    assert re.findall(r"\d-\d", text) == []


STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SHORT = {STYLE: "style", FO: "fo"}


def _properties(root: ElementTree.Element, name: str) -> dict[str, str]:
    """A named style's paragraph and text properties, as ``{"fo:font-size": "13pt"}``."""
    for element in root.iter(f"{{{STYLE}}}style"):
        if element.get(f"{{{STYLE}}}name") == name:
            found: dict[str, str] = {}
            for child in element:
                for key, value in child.attrib.items():
                    space, _, local = key[1:].partition("}")
                    found[f"{SHORT.get(space, space)}:{local}"] = value
            return found
    raise AssertionError(f"no style {name}")


def test_odt_is_a4_with_the_styles_of_the_word_reference(tmp_path: Path) -> None:
    with zipfile.ZipFile(render(tmp_path, "odt")) as archive:
        styles = archive.read("styles.xml")
        content = archive.read("content.xml").decode("utf-8")
    root = ElementTree.fromstring(styles)
    layout = next(root.iter(f"{{{STYLE}}}page-layout-properties"))
    page = {k.rpartition("}")[2]: v for k, v in layout.attrib.items()}
    assert (page["page-width"], page["page-height"]) == ("21cm", "29.7cm")  # A4
    assert (page["margin-left"], page["margin-right"]) == ("2.5cm", "2.5cm")
    assert b"<text:page-count>" in styles  # "1 (3)" in the footer, as in Word
    # the fonts, sizes and colour of templates/reference.docx
    standard = _properties(root, "Standard")
    assert (standard["style:font-name"], standard["fo:font-size"]) == ("Times New Roman", "11.5pt")
    for name, size in (("Title", "18pt"), ("Heading_20_1", "13pt"), ("Heading_20_2", "11.5pt")):
        style = _properties(root, name)
        assert (style["style:font-name"], style["fo:font-size"]) == ("Arial", size), name
        assert (style["fo:color"], style["fo:font-weight"]) == ("#1f2a37", "bold"), name
        assert style["fo:keep-with-next"] == "always", name
    assert _properties(root, "Heading_20_2")["fo:font-style"] == "normal"  # not pandoc's italic
    # pandoc uses these names for the agreement's title and headings
    assert 'text:style-name="Title"' in content
    assert 'text:style-name="Heading_20_1"' in content


def test_reference_odt_can_be_regenerated(tmp_path: Path) -> None:
    pytest.importorskip("lxml")
    out = tmp_path / "reference.odt"
    subprocess.run(
        [sys.executable, str(ROOT / "templates" / "tools" / "make_reference_odt.py"), str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "templates" / "reference.odt").read_bytes()
