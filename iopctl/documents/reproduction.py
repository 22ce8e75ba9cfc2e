"""A faithful reproduction of a signed agreement: what the template sees, and the marking.

``iopctl render -t reproduction`` reprints ``agreement.original`` (the signed text, in
its order, under its headings) so that it cannot be mistaken for the original: every page
says it is a reproduction and that the signed original prevails, signatures read
"Undertecknat i original av …" instead of empty lines, and what iopctl computed goes in
an appendix apart from the text. :func:`build_reproduction` refuses what has no signed
original to reproduce (a draft, or a file without ``original``), so nothing is invented.

The marking is one sentence, the same in the Markdown banner and in Word's page header
(:func:`mark_docx` puts it into the header of every section of pandoc's output, whatever
reference document was used).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from iopctl.documents.extension import Refusal
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.model.agreement import PartialAgreement, Signature

__all__ = [
    "MARKING",
    "ReproducedSection",
    "ReproductionInfo",
    "build_reproduction",
    "mark_docx",
    "mark_odt",
    "marking",
    "with_sic",
]

MARKING = {
    "sv": (
        "Återgivning – det undertecknade originalet, dnr {case}, gäller",
        "Återgivning – det undertecknade originalet gäller",
    ),
    "en": (
        "Reproduction – the signed original, case no. {case}, prevails",
        "Reproduction – the signed original prevails",
    ),
}
"""The marking, with and without a case number (sv is the issue's wording, #13)."""

SIC = " [sic]"


@frozen
class ReproducedSection:
    """One section of the original as the template prints it (``[sic]`` already marked)."""

    heading: str
    text: str | None
    signatures: bool


@frozen
class ReproductionInfo:
    """What the reproduction template needs beyond the agreement."""

    marking: str
    case_number: str | None
    front: str | None
    sections: list[ReproducedSection]
    signatures: list[Signature]
    sic: list[str]


def marking(lang: str, case_number: str | None) -> str:
    """The sentence that says the document is a reproduction and the original prevails."""
    with_case, without = MARKING.get(lang, MARKING["sv"])
    return with_case.format(case=case_number) if case_number else without


def with_sic(text: str, passages: list[str]) -> str:
    """``text`` with " [sic]" after every occurrence of each passage, longest first, so a
    passage inside a longer one is marked once."""
    if not passages:
        return text
    ordered = sorted(set(passages), key=lambda p: (-len(p), p))
    pattern = re.compile("|".join(re.escape(p) for p in ordered))
    return pattern.sub(lambda m: m.group(0) + SIC, text)


def build_reproduction(
    agreement: PartialAgreement, lang: str, *, draft: bool = False
) -> ReproductionInfo | Refusal:
    """The reproduction of a signed agreement, or why there is none.

    ``draft`` is the document's draft state as rendering decides it (``--draft``, or a
    status of draft, stated or derived). The case number is the first of
    ``case_numbers`` (the agreement's own, as the file lists it first), else the
    decision's; without either the marking names none.
    """
    original = agreement.original
    if draft or agreement.status == "draft":
        return Refusal(
            N_("a draft has no signed original to reproduce"),
            hint=N_("render the draft with -t agreement; it carries the draft banner"),
        )
    if original is None or not original.sections:
        return Refusal(
            N_("the file does not keep the signed text (original.sections)"),
            hint=N_(
                "copy the signed document's sections into original (docs/render.md, "
                "'A faithful reproduction'), or render -t agreement"
            ),
        )
    if not agreement.signatures:
        return Refusal(
            N_("the file records no signatures, so there is no signed original to reproduce"),
            hint=N_("add signatures as the original has them, or render -t agreement"),
        )
    case = (
        agreement.case_numbers[0]
        if agreement.case_numbers
        else (agreement.decision.case_number if agreement.decision else None)
    )
    sic = list(original.sic)
    sections = [
        ReproducedSection(s.heading, with_sic(s.text, sic) if s.text else None, s.signatures)
        for s in original.sections
    ]
    front = with_sic(original.front, sic) if original.front else None
    return ReproductionInfo(
        marking(lang, case), case, front, sections, list(agreement.signatures), sic
    )


# --- Word: the marking in the page header ---------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER_PART = "word/iopctl-marking.xml"
_HEADER_ID = "rIdIopctlMarking"
_HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def _header_xml(text: str) -> str:
    from xml.sax.saxutils import escape  # a Word or ODT document only: it imports urllib

    run = (
        '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:b/>'
        '<w:sz w:val="18"/></w:rPr>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:hdr xmlns:w="{_W}" xmlns:r="{_R}"><w:p><w:pPr><w:pStyle w:val="Header"/>'
        '<w:jc w:val="center"/></w:pPr>'
        f'<w:r>{run}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:hdr>'
    )


def _with_header_reference(document: str) -> str:
    """Every section's default (and first-page, even-page) header is the marking."""
    document = re.sub(r"<w:headerReference\b[^>]*/>", "", document)
    reference = "".join(
        f'<w:headerReference w:type="{kind}" r:id="{_HEADER_ID}"/>'
        for kind in ("default", "first", "even")
    )
    return re.sub(r"(<w:sectPr\b[^>]*>)", lambda m: m.group(1) + reference, document)


def _rewrite(
    data: bytes,
    edits: dict[str, Callable[[bytes], bytes]],
    added: tuple[str, str, bytes] | None = None,
) -> bytes:
    """The archive with ``edits`` applied to their members and ``added`` = (name, after,
    content) put after the member ``after``. Members keep their order, timestamps and
    compression (ODF's ``mimetype`` stays first and stored), so output stays
    deterministic."""
    import zipfile  # a Word or ODT document only (like the escape above)
    from io import BytesIO

    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = source.read(info)
            edit = edits.get(info.filename)
            target.writestr(info, edit(member) if edit else member)
            if added is not None and info.filename == added[1]:
                extra = zipfile.ZipInfo(added[0], date_time=info.date_time)
                extra.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(extra, added[2])
    return out.getvalue()


def mark_docx(data: bytes, text: str) -> bytes:
    """pandoc's .docx with ``text`` as the page header of every page and section."""
    override = f'<Override PartName="/{_HEADER_PART}" ContentType="{_HEADER_CONTENT}"/>'
    relation = (
        f'<Relationship Id="{_HEADER_ID}" Type="{_HEADER_TYPE}" Target="iopctl-marking.xml"/>'
    )
    edits: dict[str, Callable[[bytes], bytes]] = {
        "[Content_Types].xml": lambda b: b.replace(b"</Types>", override.encode() + b"</Types>"),
        "word/_rels/document.xml.rels": lambda b: b.replace(
            b"</Relationships>", relation.encode() + b"</Relationships>"
        ),
        "word/document.xml": lambda b: _with_header_reference(b.decode("utf-8")).encode("utf-8"),
    }
    header = _header_xml(text).encode("utf-8")
    return _rewrite(data, edits, (_HEADER_PART, "word/document.xml", header))


_ODT_STYLE = (
    '<style:style style:name="iopctlMarking" style:family="paragraph">'
    '<style:paragraph-properties fo:text-align="center"/>'
    '<style:text-properties style:font-name="Arial" fo:font-family="Arial" fo:font-size="9pt" '
    'fo:font-weight="bold"/></style:style>'
)
_ODT_HEADER_SPACE = (
    '<style:header-style><style:header-footer-properties fo:min-height="0cm" '
    'fo:margin-bottom="0.4cm"/></style:header-style>'
)


def _with_odt_header(styles: str, text: str) -> str:
    """Every master page (page style) gets ``text`` as its header, replacing any other,
    in a small bold centred paragraph with room below it (as in Word)."""
    from xml.sax.saxutils import escape

    styles = re.sub(
        r"<style:header(-left|-first|)(?=[\s/>])[^>]*?(/>|>.*?</style:header\1>)",
        "",
        styles,
        flags=re.S,
    )
    styles = re.sub(
        r"<style:header-style\s*(/>|>.*?</style:header-style>)",
        _ODT_HEADER_SPACE,
        styles,
        flags=re.S,
    )
    named = "</office:automatic-styles>" in styles
    if named:
        styles = styles.replace(
            "</office:automatic-styles>", _ODT_STYLE + "</office:automatic-styles>", 1
        )
    style = ' text:style-name="iopctlMarking"' if named else ""
    header = f"<style:header><text:p{style}>{escape(text)}</text:p></style:header>"
    return re.sub(
        r"(<style:master-page\b[^>]*?)(/?)>",
        lambda m: (
            f"{m.group(1)}>{header}</style:master-page>" if m.group(2) else f"{m.group(1)}>{header}"
        ),
        styles,
    )


def mark_odt(data: bytes, text: str) -> bytes:
    """pandoc's .odt with ``text`` as the header of every page style."""
    edits: dict[str, Callable[[bytes], bytes]] = {
        "styles.xml": lambda b: _with_odt_header(b.decode("utf-8"), text).encode("utf-8")
    }
    return _rewrite(data, edits)
