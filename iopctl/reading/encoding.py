"""Bytes to text: UTF-8, with or without a byte order mark, or a located IOP003.

An agreement saved as UTF-16, as Windows-1252 (Latin-1) or with a NUL byte is told
apart and explained (line, column, byte offset and the fix), never guessed at.
"""

from __future__ import annotations

from typing import Any

from iopctl.i18n import N_
from iopctl.problems.diagnostic import Diagnostic, Severity

__all__ = ["decode"]

_CP1252_HINT_BYTES = {
    0xE5: "å",
    0xE4: "ä",
    0xF6: "ö",
    0xC5: "Å",
    0xC4: "Ä",
    0xD6: "Ö",
    0xE9: "é",
    0xC9: "É",
    0xFC: "ü",
    0x96: "–",
    0x97: "—",
    0x92: "’",
    0x93: "“",
    0x94: "”",
}


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    col = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8 with or without BOM; anything else is a located error."""

    def fail(
        line: int, col: int, message: str, hint: str, **args: Any
    ) -> tuple[None, list[Diagnostic]]:
        return None, [
            Diagnostic(file, line, col, "IOP003", Severity.ERROR, message, hint, args=args)
        ]

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(
            1,
            1,
            N_("file is UTF-16 encoded (it starts with a UTF-16 byte order mark)"),
            N_("save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _line_col(raw, nul)
        even = raw[0:200:2].count(b"\x00")
        odd = raw[1:200:2].count(b"\x00")
        if max(even, odd) > 20:
            return fail(
                line,
                col,
                N_("file looks like UTF-16 without a byte order mark (NUL byte at offset {nul})"),
                N_("save the file as UTF-8"),
                nul=nul,
            )
        return fail(
            line,
            col,
            N_("file contains a NUL byte at byte offset {nul}; it is not a text file"),
            N_("only YAML text files belong under agreements/; remove or rename binary files"),
            nul=nul,
        )
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        offset = exc.start
        line, col = _line_col(raw, offset)
        byte = raw[offset]
        guess = _CP1252_HINT_BYTES.get(byte)
        if guess is not None:
            return fail(
                line,
                col,
                N_(
                    "invalid UTF-8 byte 0x{byte:02X} at byte offset {offset}; the file looks "
                    "like Windows-1252 (Latin-1) text, where this byte is {guess!r}"
                ),
                N_("save the file as UTF-8 (most editors: Save as → Encoding: UTF-8)"),
                byte=byte,
                offset=offset,
                guess=guess,
            )
        return fail(
            line,
            col,
            N_("invalid UTF-8 byte 0x{byte:02X} at byte offset {offset}"),
            N_("save the file as UTF-8"),
            byte=byte,
            offset=offset,
        )
