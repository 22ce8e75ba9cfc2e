"""Terminal presentation: the only module besides cli.py that imports rich.

Colour appears only on a terminal (and never with NO_COLOR); piped output and
files get the plain text that golden tests compare.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from iopctl.diagnostics import Segment

__all__ = ["use_colour", "write_segments"]

STYLES = {
    "error": "bold red",
    "warning": "yellow",
    "location": "bold",
    "code": "cyan",
    "dim": "dim",
    "hint": "green",
    "ok": "green",
    "overdue": "bold red",
    "due": "yellow",
}


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def write_segments(segments: Sequence[Segment], stream: TextIO | None = None) -> None:
    out = stream if stream is not None else sys.stdout
    if not use_colour(out):
        out.write("".join(text for text, _ in segments))
        return
    from rich.console import Console
    from rich.text import Text

    text = Text()
    for chunk, style in segments:
        text.append(chunk, style=STYLES.get(style, "") if style else None)
    Console(file=out, highlight=False, soft_wrap=True, force_terminal=True).print(text, end="")
