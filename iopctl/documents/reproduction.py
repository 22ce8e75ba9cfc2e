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
import zipfile
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from iopctl.documents.extension import Refusal
from iopctl.model.agreement import PartialAgreement, Signature

__all__ = [
    "MARKING",
    "ReproducedSection",
    "ReproductionInfo",
    "build_reproduction",
    "mark_docx",
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


@dataclass(frozen=True)
class ReproducedSection:
    """One section of the original as the template prints it (``[sic]`` already marked)."""

    heading: str
    text: str | None
    signatures: bool


@dataclass(frozen=True)
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


def build_reproduction(agreement: PartialAgreement, lang: str) -> ReproductionInfo | Refusal:
    """The reproduction of a signed agreement, or why there is none.

    The case number is the first of ``case_numbers`` (the agreement's own, as the file
    lists it first), else the decision's; without either the marking names none.
    """
    original = agreement.original
    if agreement.status == "draft":
        return Refusal(
            "a draft has no signed original to reproduce",
            hint="render the draft with -t agreement; it carries the draft banner",
        )
    if original is None:
        return Refusal(
            "the file does not keep the signed text (original.sections)",
            hint="copy the signed document's sections into original (docs/render.md, "
            "'A faithful reproduction'), or render -t agreement",
        )
    if not agreement.signatures:
        return Refusal(
            "the file records no signatures, so there is no signed original to reproduce",
            hint="add signatures as the original has them, or render -t agreement",
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


def mark_docx(data: bytes, text: str) -> bytes:
    """pandoc's .docx with ``text`` as the page header of every page and section.

    The members keep their order and timestamps, so the output stays deterministic.
    """
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        infos = source.infolist()
        for info in infos:
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/{_HEADER_PART}" ContentType="{_HEADER_CONTENT}"/>'
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            elif info.filename == "word/_rels/document.xml.rels":
                rel = (
                    f'<Relationship Id="{_HEADER_ID}" Type="{_HEADER_TYPE}" '
                    'Target="iopctl-marking.xml"/>'
                )
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif info.filename == "word/document.xml":
                content = _with_header_reference(content.decode("utf-8")).encode("utf-8")
            target.writestr(info, content)
            if info.filename == "word/document.xml":
                header = zipfile.ZipInfo(_HEADER_PART, date_time=info.date_time)
                header.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(header, _header_xml(text).encode("utf-8"))
    return out.getvalue()
