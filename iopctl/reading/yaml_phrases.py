"""PyYAML's descriptions of a syntax error as catalogue messages, so that IOP002 says
them in the chosen language ("hittade inte förväntat ':'").

PyYAML describes a problem in two parts, a *context* ("while scanning a simple key")
and a *problem* ("could not find expected ':'"), each from a finite set of phrases: the
fixed strings of libyaml (the C parser iopctl uses when it is there) and the patterns of
PyYAML's Python scanner, parser and composer, some with a value in them ("found
character '\\t' that cannot start any token"). A phrase found here becomes a
:class:`~iopctl.i18n.Words` (the English id is PyYAML's own wording, so English output is
unchanged); a phrase not found — a newer PyYAML's — is quoted as PyYAML wrote it.
The reading layer makes no sentences: the words are said by the presentation layer.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from iopctl.i18n import N_, Words

__all__ = ["phrase"]

_FIXED: Final = frozenset(
    {
        # libyaml (scanner.c, parser.c) and PyYAML's phrases without a value
        N_("block sequence entries are not allowed in this context"),
        N_("but found another document"),
        N_("control characters are not allowed"),
        N_("could not find expected ':'"),
        N_("could not find expected directive name"),
        N_("did not find URI escaped octet"),
        N_("did not find expected '!'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected comment or line break"),
        N_("did not find expected digit or '.' character"),
        N_("did not find expected hexdecimal number"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected tag URI"),
        N_("did not find expected version number"),
        N_("did not find expected whitespace"),
        N_("did not find expected whitespace or line break"),
        N_("did not find the expected '>'"),
        N_("expected a single document in the stream"),
        N_("expected indentation indicator in the range 1-9, but found 0"),
        N_("expected non-empty name appended to the tag"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found an indentation indicator equal to 0"),
        N_("found character that cannot start any token"),
        N_("found duplicate %TAG directive"),
        N_("found duplicate %YAML directive"),
        N_("found duplicate YAML directive"),
        N_("found duplicate anchor; first occurrence"),
        N_("found duplicate key"),
        N_("found extremely long version number"),
        N_("found incompatible YAML document"),
        N_("found incompatible YAML document (version 1.* is required)"),
        N_("found invalid Unicode character escape code"),
        N_("found undefined alias"),
        N_("found undefined tag handle"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found unexpected document separator"),
        N_("found unexpected end of stream"),
        N_("found unexpected non-alphabetical character"),
        N_("found unhashable key"),
        N_("found unknown directive name"),
        N_("found unknown escape character"),
        N_("invalid YAML"),  # iopctl's own, when PyYAML gives no problem
        N_("invalid indentation or unclosed '[' or '{{'"),
        N_("mapping keys are not allowed here"),
        N_("mapping keys are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("mapping values are not allowed in this context"),
        N_("second occurrence"),
        N_("sequence entries are not allowed here"),
        N_("special characters are not allowed"),
        N_("while composing a mapping"),
        N_("while constructing a mapping"),
        N_("while parsing a %TAG directive"),
        N_("while parsing a block collection"),
        N_("while parsing a block mapping"),
        N_("while parsing a block node"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow node"),
        N_("while parsing a flow sequence"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
        N_("while parsing a tag"),
        N_("while parsing a tag directive"),
        N_("while scanning a %TAG directive"),
        N_("while scanning a %YAML directive"),
        N_("while scanning a block scalar"),
        N_("while scanning a directive"),
        N_("while scanning a double-quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a simple key"),
        N_("while scanning a single-quoted scalar"),
        N_("while scanning a tag"),
        N_("while scanning a tag directive"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning for the next token"),
    }
)

_TEMPLATES: Final = (
    # PyYAML's Python phrases with a value (%r, %s, %d), and the message each becomes
    ("expected <block end>, but found %r", N_("expected <block end>, but found {found}")),
    ("expected ',' or ']', but got %r", N_("expected ',' or ']', but got {found}")),
    ("expected ',' or '}', but got %r", N_("expected ',' or '}}', but got {found}")),
    (
        "expected '<document start>', but found %r",
        N_("expected '<document start>', but found {found}"),
    ),
    ("expected the node content, but found %r", N_("expected the node content, but found {found}")),
    (
        "expected a comment or a line break, but found %r",
        N_("expected a comment or a line break, but found {found}"),
    ),
    ("expected ' ', but found %r", N_("expected ' ', but found {found}")),
    ("expected '!', but found %r", N_("expected '!', but found {found}")),
    ("expected '>', but found %r", N_("expected '>', but found {found}")),
    ("expected URI, but found %r", N_("expected URI, but found {found}")),
    ("expected a digit, but found %r", N_("expected a digit, but found {found}")),
    ("expected a digit or '.', but found %r", N_("expected a digit or '.', but found {found}")),
    ("expected a digit or ' ', but found %r", N_("expected a digit or ' ', but found {found}")),
    (
        "expected alphabetic or numeric character, but found %r",
        N_("expected alphabetic or numeric character, but found {found}"),
    ),
    (
        "expected chomping or indentation indicators, but found %r",
        N_("expected chomping or indentation indicators, but found {found}"),
    ),
    ("expected the empty value, but found %r", N_("expected the empty value, but found {found}")),
    (
        "expected escape sequence of %d hexadecimal numbers, but found %r",
        N_("expected escape sequence of {count} hexadecimal numbers, but found {found}"),
    ),
    (
        "expected URI escape sequence of 2 hexadecimal numbers, but found %r",
        N_("expected URI escape sequence of 2 hexadecimal numbers, but found {found}"),
    ),
    (
        "found character %r that cannot start any token",
        N_("found character {found} that cannot start any token"),
    ),
    ("found undefined alias %r", N_("found undefined alias {name}")),
    (
        "found duplicate anchor %r; first occurrence",
        N_("found duplicate anchor {name}; first occurrence"),
    ),
    ("found undefined tag handle %r", N_("found undefined tag handle {name}")),
    ("found unknown escape character %r", N_("found unknown escape character {found}")),
    ("duplicate tag handle %r", N_("duplicate tag handle {name}")),
    ("while scanning a %s", N_("while scanning a {what}")),
    ("while scanning an %s", N_("while scanning an {what}")),
    ("while parsing a %s", N_("while parsing a {what}")),
    ("expected a mapping node, but found %s", N_("expected a mapping node, but found {found}")),
)


def _pattern(template: str, msgid: str) -> re.Pattern[str]:
    """PyYAML's ``%r``/``%s``/``%d`` as named groups, named as in ``msgid``, in order."""
    names = iter(re.findall(r"\{(\w+)\}", msgid))
    parts = re.split(r"(%[rsd])", template)
    regex = "".join(
        f"(?P<{next(names)}>.+?)" if part in ("%r", "%s", "%d") else re.escape(part)
        for part in parts
    )
    return re.compile(regex)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled when PyYAML first reports a problem (about 2 ms: not on every start)."""
    return tuple((_pattern(t, msgid), msgid) for t, msgid in _TEMPLATES)


def phrase(text: str) -> Words | str:
    """PyYAML's ``text`` as words said in the chosen language; unknown, as written."""
    msgid = text.replace("{", "{{").replace("}", "}}")  # a brace in a message id is doubled
    if msgid in _FIXED:
        return Words(msgid)
    for pattern, msgid in _patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            return Words(msgid, found.groupdict())
    return text
