"""What changed *in meaning* between two versions of an agreement.

Two :class:`~iopctl.model.agreement.Agreement` objects are compared field by field along
the model's structure, not as text: comments, key order, quoting and line
wrapping do not count, and neither does whitespace inside texts. List items
are matched by what identifies them (a party by its id, a contribution by its
party and kind, a follow-up by its date …), never by position, so inserting a
party does not make every later party look changed.

Each difference is a :class:`Change` with a path such as
``economy.contributions[aldrenamnden/money].amount_per_year``, a kind
(``added``, ``removed``, ``changed``), the old and new values as JSON-ready
data (money as decimal strings), and what the words are made from: how it changed,
where, and the values themselves. The words (a one-line summary; for a reworded text a
word-level excerpt) are :mod:`iopctl.present.diff_words` and :mod:`iopctl.present.words`;
the output formats :mod:`iopctl.present.diff`; reading a version from a file or git
:mod:`iopctl.views.versions`.

:mod:`.change` is the result, :mod:`.items` how list items are matched across versions,
:mod:`.differ` the walk along the model.
"""

from __future__ import annotations

from iopctl.views.diff.change import Change, How, Kind, Step
from iopctl.views.diff.differ import diff_agreements
from iopctl.views.diff.items import item_key

__all__ = ["Change", "How", "Kind", "Step", "diff_agreements", "item_key"]
