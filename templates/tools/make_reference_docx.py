"""Build ``templates/reference.docx``: the styles iopctl's Word output uses.

Start from pandoc's own reference document (``pandoc --print-default-data-file
reference.docx``) and change only the styles pandoc uses, as its manual advises, so that
an agreement looks like a sober municipal document:

* A4, 2.5 cm margins; page number "1 (3)" centred in the footer (Swedish practice).
* Body text Times New Roman 11.5 pt; headings and title Arial, dark grey-blue, no theme
  colours; no extra space before the first paragraph of a section.
* Tables (pandoc gives every table the style named "Table"): thin rules above and below,
  a rule under the header row, bold header.
* Explicit font names everywhere: pandoc's default uses theme fonts (``asciiTheme``),
  which win over a font name in Word, so they are removed.

Style *names* stay English ("Heading 1", "Table"): pandoc finds styles by name, and
Word in Swedish shows them as "Rubrik 1" without renaming them as long as this script,
not Word, writes the file. See docs/render.md, "The Word-localisation trap".

Run from the repository root (needs python-docx and pypandoc-binary)::

    python templates/tools/make_reference_docx.py            # writes templates/reference.docx
    python templates/tools/make_reference_docx.py other.docx
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pypandoc
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "Times New Roman"
HEADING_FONT = "Arial"
INK = RGBColor(0x1F, 0x2A, 0x37)  # headings: dark grey-blue, prints as near-black
RULE = "7F8C97"  # table rules: mid grey

OUT = Path(__file__).resolve().parent.parent / "reference.docx"


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    done = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True
    )
    return done.stdout


def set_fonts(r_pr: object, name: str) -> None:
    """Explicit font for every script; theme fonts removed (they would win in Word)."""
    fonts = r_pr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)  # type: ignore[attr-defined]
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def style_font(style: object, name: str, size: float, *, bold: bool | None = None) -> None:
    font = style.font  # type: ignore[attr-defined]
    font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), name)  # type: ignore[attr-defined]


def spacing(style: object, before: float, after: float, line: float | None = None) -> None:
    fmt = style.paragraph_format  # type: ignore[attr-defined]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def border(tag: str, size: int = 6, color: str = RULE, space: int = 0) -> OxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:space"), str(space))
    element.set(qn("w:color"), color)
    return element


def style_table(document: docx.document.Document) -> None:
    element = document.styles["Table"].element
    tbl_pr = element.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    borders.append(border("w:top", 8))
    borders.append(border("w:bottom", 8))
    borders.append(border("w:insideH", 2))
    tbl_pr.append(borders)
    margins = tbl_pr.find(qn("w:tblCellMar"))
    for side in ("w:top", "w:bottom"):
        cell = margins.find(qn(side))
        cell.set(qn("w:w"), "40")
    first_row = element.find(qn("w:tblStylePr"))
    tc_borders = first_row.find(qn("w:tcPr")).find(qn("w:tcBorders"))
    for child in list(tc_borders):
        tc_borders.remove(child)
    tc_borders.append(border("w:bottom", 8))
    r_pr = OxmlElement("w:rPr")
    r_pr.append(OxmlElement("w:b"))
    first_row.insert(0, r_pr)


def field(paragraph: object, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as three runs: begin, instruction, end."""
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)


def page_setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2.5)
    section.header_distance = Cm(1.2)
    section.footer_distance = Cm(1.2)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(paragraph, "PAGE")
    paragraph.add_run(" (")
    field(paragraph, "NUMPAGES")
    paragraph.add_run(")")
    for run in paragraph.runs:
        run.font.size = Pt(9)
        set_fonts(run._r.get_or_add_rPr(), HEADING_FONT)


def build(out: Path) -> None:
    document = docx.Document(io.BytesIO(default_reference()))
    styles = document.styles

    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, BODY_FONT)

    style_font(styles["Normal"], BODY_FONT, 11.5)
    # pandoc gives "First Paragraph" to the paragraph after a heading *and* after a list;
    # its space before separates a list from the text that follows it.
    # Body Text's small space before also separates a paragraph from a table above it.
    spacing(styles["Body Text"], 3, 4, 1.1)
    spacing(styles["First Paragraph"], 5, 4, 1.1)
    spacing(styles["Compact"], 1, 1, 1.05)
    block = styles["Block Text"]
    spacing(block, 4, 8, 1.1)
    block.font.italic = False
    block.paragraph_format.left_indent = Cm(0.6)
    block.paragraph_format.right_indent = Cm(0)
    p_pr = block.element.get_or_add_pPr()
    p_borders = OxmlElement("w:pBdr")
    p_borders.append(border("w:left", 18, space=8))  # a rule with air between it and the text
    p_pr.append(p_borders)

    title = styles["Title"]
    style_font(title, HEADING_FONT, 18, bold=True)
    title.font.color.rgb = INK
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    spacing(title, 0, 10, 1.0)
    for name, size, before, after in (
        ("Heading 1", 13, 16, 2),
        ("Heading 2", 11.5, 12, 2),
        ("Heading 3", 11, 10, 2),
    ):
        style = styles[name]
        style_font(style, HEADING_FONT, size, bold=True)
        style.font.italic = False
        style.font.color.rgb = INK
        spacing(style, before, after, 1.0)
        style.paragraph_format.keep_with_next = True
    for name in ("Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Title Char"):
        if name in [s.name for s in styles]:
            set_fonts(styles[name].element.get_or_add_rPr(), HEADING_FONT)
            styles[name].font.color.rgb = INK

    style_table(document)
    page_setup(document)
    document.core_properties.title = ""
    document.core_properties.author = ""
    document.core_properties.comments = "iopctl reference document (templates/tools)"
    document.save(str(out))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build(target)
    print(f"wrote {target}")
