"""New history entries as YAML text, written by ruamel.yaml's round-trip mode.

The values come from the file as ruamel.yaml reads it in round-trip mode, so each keeps
the way it was written: a quoted date stays quoted, a folded text stays folded. The
only module that imports ruamel.yaml; only ``iopctl migrate`` imports this one, so no
other command pays for it.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from iopctl.migrate.legacy import FIELDS, Kind

__all__ = ["RoundTripError", "entry_lines", "roundtrip"]

_WIDTH = 1 << 30
"""No line is wrapped: a long text stays on one line, as in a value written by hand."""


class RoundTripError(Exception):
    """ruamel.yaml could not read the file (where iopctl's own reader could)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _yaml(dash: int = 2, indent: int = 4) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=indent, offset=dash)
    return yaml


def roundtrip(text: str) -> Any:
    """The document as ruamel.yaml's round-trip mode reads it."""
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RoundTripError(str(exc.problem or exc), mark.line + 1 if mark else 0) from None
    except (YAMLError, ValueError) as exc:  # ValueError: a date that is no day
        raise RoundTripError(str(exc), 0) from None


def entry_lines(
    record: Mapping[str, Any],
    kind: Kind,
    *,
    dash: int,
    indent: int,
    eol: Mapping[str, tuple[str, str]],
) -> list[str]:
    """The entry ``record`` stands for, as lines without line breaks: ``- date: …`` at
    column ``dash``, its keys at ``indent``; ``eol`` gives a key's comment (the space
    before it and its text)."""
    entry = CommentedMap()
    for new, old in FIELDS[kind]:
        if old is None:
            entry[new] = kind
        elif record.get(old) is not None:
            entry[new] = record[old]
    stream = io.StringIO()
    _yaml(dash, indent).dump({"history": CommentedSeq([entry])}, stream)
    lines = stream.getvalue().splitlines()[1:]
    return _with_comments(lines, indent, eol)


def _with_comments(lines: list[str], indent: int, eol: Mapping[str, tuple[str, str]]) -> list[str]:
    out = list(lines)
    for key, (gap, text) in eol.items():
        for i, line in enumerate(out):
            head = line[:indent]
            if line[indent:].startswith(f"{key}:") and head.strip() in ("", "-"):
                out[i] = f"{line}{gap or '  '}{text}"
                break
    return out
