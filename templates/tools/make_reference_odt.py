"""Build ``templates/reference.odt``: the styles iopctl's OpenDocument output uses.

The same look as ``reference.docx`` (``make_reference_docx.py``), in LibreOffice's terms:
start from pandoc's own reference document (``pandoc --print-default-data-file
reference.odt``, US Letter) and change only the styles pandoc uses:

* A4, 2.5 cm margins (2.2 cm at the top); page number "1 (3)" centred in the footer.
* Body text Times New Roman 11.5 pt; title and headings Arial, bold, dark grey-blue
  (``#1f2a37``), kept with the next paragraph; no italic second-level heading.
* Block quotes indented 0.6 cm with a rule on the left, not italic; table headers bold.

Style names stay pandoc's (``Heading_20_1``, ``Text_20_body``, ``Title``): pandoc finds
styles by name. The archive is written deterministically (``mimetype`` first and stored,
fixed timestamps), so the same script gives the same bytes.

Run from the repository root (needs lxml, which python-docx brings, and pypandoc-binary)::

    python templates/tools/make_reference_odt.py            # writes templates/reference.odt
    python templates/tools/make_reference_odt.py other.odt
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc
from lxml import etree

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"
INK = "#1f2a37"  # headings: dark grey-blue, prints as near-black (as in reference.docx)
RULE = "#7f8c97"  # rules: mid grey

OUT = Path(__file__).resolve().parent.parent / "reference.odt"

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}

HEADINGS = {  # style: (size, space before, space after), as in reference.docx
    "Heading_20_1": ("13pt", "16pt", "2pt"),
    "Heading_20_2": ("11.5pt", "12pt", "2pt"),
    "Heading_20_3": ("11pt", "10pt", "2pt"),
}


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    done = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.odt"], capture_output=True, check=True
    )
    return done.stdout


def style(root: etree._Element, name: str, family: str = "paragraph") -> etree._Element:
    """The named style in ``office:styles``, made when pandoc's reference lacks it."""
    styles = root.find(q("office:styles"))
    for found in styles.findall(q("style:style")):
        if found.get(q("style:name")) == name and found.get(q("style:family")) == family:
            return found
    made = etree.SubElement(styles, q("style:style"))
    made.set(q("style:name"), name)
    made.set(q("style:family"), family)
    made.set(q("style:parent-style-name"), "Standard")
    return made


def props(element: etree._Element, kind: str, **values: str) -> None:
    """Set ``style:<kind>-properties`` attributes (``fo_font_size`` → ``fo:font-size``)."""
    tag = q(f"style:{kind}-properties")
    found = element.find(tag)
    if found is None:
        found = etree.SubElement(element, tag)
    for key, value in values.items():
        prefix, local = key.split("_", 1)
        found.set(q(f"{prefix}:{local.replace('_', '-')}"), value)


def font(element: etree._Element, name: str, size: str, *, bold: bool = False) -> None:
    weight = "bold" if bold else "normal"
    props(
        element,
        "text",
        style_font_name=name,
        fo_font_size=size,
        style_font_size_asian=size,
        style_font_size_complex=size,
        fo_font_weight=weight,
        style_font_weight_asian=weight,
        style_font_weight_complex=weight,
        fo_font_style="normal",
        style_font_style_asian="normal",
        style_font_style_complex="normal",
    )


def text_styles(root: etree._Element) -> None:
    font(style(root, "Standard"), BODY_FONT, "11.5pt")
    paragraphs = (("Text_20_body", "3pt", "4pt"), ("First_20_paragraph", "5pt", "4pt"))
    for name, before, after in paragraphs:
        props(style(root, name), "paragraph", fo_margin_top=before, fo_margin_bottom=after)
        props(style(root, name), "paragraph", fo_line_height="110%")
    quote = style(root, "Quotations")
    props(
        quote,
        "paragraph",
        fo_margin_left="0.6cm",
        fo_margin_right="0cm",
        fo_margin_top="4pt",
        fo_margin_bottom="8pt",
        fo_border_left=f"1.5pt solid {RULE}",
        fo_padding_left="0.25cm",
    )
    font(quote, BODY_FONT, "11.5pt")
    props(style(root, "Table_20_Heading"), "text", fo_font_weight="bold")


def heading_styles(root: etree._Element) -> None:
    for name in ("Heading", "Title", *HEADINGS):
        element = style(root, name)
        size, before, after = HEADINGS.get(name, ("18pt", "0pt", "10pt"))
        font(element, HEADING_FONT, size, bold=True)
        props(element, "text", fo_color=INK)
        props(element, "paragraph", fo_margin_top=before, fo_margin_bottom=after)
        props(element, "paragraph", fo_keep_with_next="always")
        if name == "Title":
            props(element, "paragraph", fo_text_align="start")


def page_setup(root: etree._Element) -> None:
    layout = root.find(f"{q('office:automatic-styles')}/{q('style:page-layout')}")
    props(
        layout,
        "page-layout",
        fo_page_width="21cm",
        fo_page_height="29.7cm",
        fo_margin_left="2.5cm",
        fo_margin_right="2.5cm",
        fo_margin_top="2.2cm",
        fo_margin_bottom="2.5cm",
    )
    footer_style = None
    for found in root.find(q("office:automatic-styles")).findall(q("style:style")):
        if found.get(q("style:parent-style-name")) == "Footer":
            footer_style = found
    if footer_style is not None:
        font(footer_style, HEADING_FONT, "9pt")
    paragraph = root.find(
        f"{q('office:master-styles')}/{q('style:master-page')}/{q('style:footer')}/{q('text:p')}"
    )
    for child in list(paragraph):
        paragraph.remove(child)
    paragraph.text = None
    number = etree.SubElement(paragraph, q("text:page-number"))
    number.set(q("text:select-page"), "current")
    number.text = "1"
    number.tail = " ("
    count = etree.SubElement(paragraph, q("text:page-count"))
    count.text = "1"
    count.tail = ")"


def build(out: Path) -> None:
    source = zipfile.ZipFile(io.BytesIO(default_reference()))
    root = etree.fromstring(source.read("styles.xml"))
    text_styles(root)
    heading_styles(root)
    page_setup(root)
    styles = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = styles if name == "styles.xml" else source.read(name)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build(target)
    print(f"wrote {target}")
