"""The agreement's text on its page: ``iopctl render``'s Markdown, as HTML.

The text is rendered exactly as ``iopctl render`` renders it (the bundled agreement
template, in the agreement's language, index figures known on ``as_of``). A draft, or
an agreement whose file has errors, is rendered as ``--draft`` would: what is missing
is marked ``[SAKNAS: …]``. An agreement that should be complete but lacks a field the
text needs is rendered the same way, with a note saying so. If the text cannot be
rendered at all, the page says why instead.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from iopctl.errors import IopctlError
from iopctl.frozen import frozen
from iopctl.model.load import Loaded
from iopctl.money.reference import ReferenceData
from iopctl.site.markdown import to_html
from iopctl.site.phrases import t
from iopctl.site.words import WORDS

__all__ = ["AgreementText", "agreement_text"]


@frozen(slots=True)
class AgreementText:
    """``html`` is ``None`` when nothing could be rendered; ``note`` says what to know."""

    html: Markup | None
    lang: str
    note: str = ""


def _render(
    loaded: Loaded, reference: ReferenceData, as_of: dt.date, *, draft: bool
) -> tuple[str, str]:
    from iopctl.documents.render import RenderOptions, render_agreement

    rendered = render_agreement(loaded, reference, RenderOptions(draft=draft, as_of=as_of))
    return rendered.body, rendered.lang


def agreement_text(
    loaded: Loaded, reference: ReferenceData, as_of: dt.date, *, errors: int
) -> AgreementText:
    """The rendered text (see the module docstring for drafts and gaps)."""
    agreement = loaded.agreement
    lang: str = (agreement.language if agreement is not None else None) or "sv"
    draft = errors > 0 or agreement is None or agreement.status == "draft"
    note = ""
    try:
        try:
            body, lang = _render(loaded, reference, as_of, draft=draft)
        except IopctlError:
            if draft:
                raise
            body, lang = _render(loaded, reference, as_of, draft=True)
            note = WORDS["text_gaps"]
    except IopctlError as exc:
        from iopctl.i18n import say

        reason = say(exc.msgid, exc.args_)  # in the site's language, as its other words
        return AgreementText(None, lang, t("text_failed", reason=reason))
    return AgreementText(to_html(body), lang, note)
