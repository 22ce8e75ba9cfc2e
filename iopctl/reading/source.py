"""Safe, bounded YAML reading that remembers where every value came from.

PyYAML composes the document into nodes (the C parser when available); this
module then builds plain Python values itself so that it can

* keep the 1-based line and column of every key and value,
* reject duplicate keys (PyYAML silently keeps the last one),
* reject every tag that is not plain data (``!!python/object`` and friends),
* read YAML floats as :class:`~decimal.Decimal` (money never passes through
  ``float``),
* remember which plain scalars YAML 1.1 turned into something other than text
  (``no`` → ``False``, ``012`` → ``10``, ``12:30`` → ``750``) so that a later
  "expected text" error can explain the surprise,
* bound the work an input can cause: size, nesting depth, number of values
  and alias expansions.

Speed (issue #2): almost every file is plain, untagged, anchor-free data. Such a
file is built straight from the parser's events (:func:`iopctl.reading.fast.fast_data`)
without composing nodes, and its position maps are only worked out, by the careful
path below, the first time a diagnostic needs one. Anything else (a tag, an
anchor, a duplicate key, a value that needs a problem reported, a syntax error,
a very large file) goes through the careful path from the start, so output is
the same either way (``tests/test_bench_equivalence.py``). Bytes become text in
:mod:`iopctl.reading.encoding`; the bounds and plain-scalar rules both paths share are
:mod:`iopctl.reading.rules`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from iopctl.i18n import N_
from iopctl.problems.diagnostic import Diagnostic, Severity, Words, excerpt_of
from iopctl.reading.build import Abort, Builder, Path, Scalar, describe, too_deep
from iopctl.reading.encoding import decode
from iopctl.reading.fast import Tops, fast_read, locate
from iopctl.reading.paths import read_at_most
from iopctl.reading.rules import (
    MAX_BYTES,
    MAX_NODES,
    Loader,
)
from iopctl.reading.yaml_errors import clean, reader_diagnostic, split_lines, syntax_diagnostic

__all__ = [
    "Path",
    "Scalar",
    "Source",
    "attach_excerpts",
    "load",
    "load_file",
    "read_lines",
    "split_lines",
]


@dataclass(slots=True)
class Source:
    """A parsed YAML file: plain data plus positions for every key and value.

    ``values``, ``keys`` and ``scalars`` are worked out from ``text`` on first use
    when the file was read by the fast path (most files never need them); such a
    file also keeps its UTF-8 bytes and decodes ``text`` only when it is asked for
    (half the memory of a ``str`` holding any character above U+00FF).
    """

    file: str
    _text: str | None = None
    data: Any = None
    reported: set[Path] = field(default_factory=set)
    _values: dict[Path, tuple[int, int]] | None = None
    _keys: dict[Path, tuple[int, int]] | None = None
    _scalars: dict[Path, Scalar] | None = None
    _lines: list[str] | None = None
    _utf8: bytes | None = None  # the text, encoded, when ``_text`` is not kept
    _located: int = 0  # positions found without the full maps (:meth:`_locate`)
    _tops: Tops | None = field(default=None, compare=False)  # where its top-level keys start

    @property
    def text(self) -> str:
        """The file's text (without a byte order mark)."""
        if self._text is None:
            assert self._utf8 is not None
            self._text = self._utf8.decode("utf-8")
        return self._text

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        """Line and column (1-based) of every value, by path."""
        if self._values is None:
            self._index()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        """Line and column of the key that introduces each path."""
        if self._keys is None:
            self._index()
        assert self._keys is not None
        return self._keys

    @property
    def scalars(self) -> dict[Path, Scalar]:
        """How plain scalars that YAML did not read as text were written."""
        if self._scalars is None:
            self._index()
        assert self._scalars is not None
        return self._scalars

    def _index(self) -> None:
        """Position maps for a file the fast path read: the careful path, run again."""
        builder = Builder(self.file)
        try:
            node = yaml.compose(self.text, Loader=Loader)
            if node is not None:
                builder.build(node, (), 0)
        except (yaml.YAMLError, Abort, RecursionError):  # pragma: no cover - read once already
            pass
        self._values, self._keys, self._scalars = builder.values, builder.keys, builder.scalars

    def _locate(self, path: Path) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
        """A fast-read file's first few positions, read off its events as far as ``path``
        (:func:`~iopctl.reading.fast.locate`): cheaper than the full maps when a file has
        one or two diagnostics, as most that have any do; more build the maps once."""
        if self._values is not None or self._located >= 3:
            return None
        self._located += 1
        text = self._utf8 if self._utf8 is not None else self.text
        return locate(text, tuple(path), self.data, self._tops)

    def position(self, path: Path) -> tuple[int, int]:
        """Position of the value at ``path``, or of the closest enclosing value that exists."""
        found = self._locate(path)
        if found is not None:
            return found[0]
        p = tuple(path)
        while p:
            pos = self.values.get(p)
            if pos is not None:
                return pos
            p = p[:-1]
        return self.values.get((), (1, 1))

    def key_position(self, path: Path) -> tuple[int, int]:
        """Position of the key that introduces ``path`` (falls back to :meth:`position`)."""
        found = self._locate(path)
        if found is not None:
            return found[1] or found[0]
        pos = self.keys.get(tuple(path))
        return pos if pos is not None else self.position(path)

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = split_lines(self.text)
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""

    def digest(self) -> bytes:
        """A hash of the text, to tell later that a file read again is unchanged."""
        return _digest(self._utf8 if self._utf8 is not None else self.text.encode("utf-8"))

    def diagnostic(
        self,
        path: Path,
        code: str,
        message: str,
        hint: str = "",
        *,
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
        **args: Any,
    ) -> Diagnostic:
        """A problem at ``path``; ``message`` and ``hint`` are catalogue ids (``N_``) whose
        ``{placeholders}`` ``args`` fill."""
        line, col = self.key_position(path) if at_key else self.position(path)
        return Diagnostic(self.file, line, col, code, severity, message, hint, args=args)


def _digest(utf8: bytes) -> bytes:
    return hashlib.blake2b(utf8, digest_size=16).digest()


def read_lines(path: str, digest: bytes) -> list[str]:
    """The lines of a file read before, read again to show one under a problem (commands
    that stream keep no file's text). Empty unless the text is still the one read
    (:meth:`Source.digest`): a file swapped meanwhile, or a link put in its place, shows
    nothing of what it has become."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError:
        return []
    text, _ = decode(raw, path)
    if text is None or _digest(text.encode("utf-8")) != digest:
        return []
    return split_lines(text)


def attach_excerpts(problems: list[Diagnostic], text: str) -> list[Diagnostic]:
    """``problems`` with the source window around each place attached (see
    :attr:`Diagnostic.excerpt`): what is shown under a problem in a file that did not
    parse comes from the text read once, never from reading the file again."""
    if not any(d.line > 0 and d.excerpt is None for d in problems):
        return problems
    lines = split_lines(text)
    out = []
    for d in problems:
        if d.line > 0 and d.excerpt is None:
            line = lines[d.line - 1] if d.line <= len(lines) else ""
            d = replace(d, excerpt=excerpt_of(line, d.column))
        out.append(d)
    return out


def load_file(path: str, display: str | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one file; every problem becomes a diagnostic, never an exception."""
    import os

    name = display if display is not None else path
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            return None, [
                Diagnostic(
                    name,
                    0,
                    0,
                    "IOP001",
                    Severity.ERROR,
                    N_("file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes (10 MiB)"),
                    N_(
                        "an agreement file is normally a few kilobytes; split it or remove "
                        "pasted attachments"
                    ),
                    args={"size": size, "MAX_BYTES": MAX_BYTES},
                )
            ]
        raw = read_at_most(path, size, MAX_BYTES)
    except OSError as exc:
        return None, [
            Diagnostic(
                name,
                0,
                0,
                "IOP001",
                Severity.ERROR,
                N_("cannot read file: {value}"),
                N_("check that the file exists and is readable"),
                args={"value": exc.strerror or exc},
            )
        ]
    if len(raw) > MAX_BYTES:
        return None, [
            Diagnostic(
                name,
                0,
                0,
                "IOP001",
                Severity.ERROR,
                N_("file is larger than the limit of {MAX_BYTES:,} bytes (10 MiB)"),
                N_("an agreement file is normally a few kilobytes"),
                args={"MAX_BYTES": MAX_BYTES},
            )
        ]
    return load(raw, name)


def load(raw: bytes | str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Parse YAML text into a :class:`Source`; problems are returned, not raised."""
    if isinstance(raw, bytes):
        # The parser reads UTF-8 bytes and refuses invalid UTF-8 and control characters
        # itself, so the usual file is never decoded here (the data's strings are); a
        # UTF-16 byte order mark (which the parser would follow) and NUL bytes go to
        # ``decode``, as does every file the fast path refuses: it explains the problem.
        if len(raw) <= MAX_NODES and not raw.startswith(_UTF16) and b"\x00" not in raw:
            utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
            found = _fast_or_none(utf8)
            if found is not None:
                return Source(file=file, data=found[0], _utf8=utf8, _tops=found[1]), []
        text, problems = decode(raw, file)
        if text is None:
            shown = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
            return None, attach_excerpts(problems, shown)
    else:
        text = raw[1:] if raw.startswith("\ufeff") else raw
        if len(text) <= MAX_NODES:
            found = _fast_or_none(text)
            if found is not None:
                return Source(file=file, _text=text, data=found[0], _tops=found[1]), []
    source, problems = _load_careful(text, file)
    if source is None:
        problems = attach_excerpts(problems, text)
    return source, problems


_UTF16 = (b"\xff\xfe", b"\xfe\xff")


def _fast_or_none(text: str | bytes) -> tuple[dict[str, Any], Tops | None] | None:
    """:func:`fast_read`, or ``None`` when the careful path must read the file.

    At most :data:`MAX_NODES` characters (or bytes) come here: a value takes at least one,
    so the careful path's bound cannot trip on what the fast path accepts.
    """
    try:
        data, tops = fast_read(text)
    except Exception:  # anything unusual, including YAML errors: the careful path says it
        return None
    return (data, tops) if isinstance(data, dict) else None


def _load_careful(text: str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Compose nodes, then build values with every position and problem recorded."""
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_diagnostic(file, exc, text)]
    except yaml.reader.ReaderError as exc:
        return None, [reader_diagnostic(file, exc, text)]
    except yaml.YAMLError as exc:
        return None, [
            Diagnostic(
                file,
                0,
                0,
                "IOP002",
                Severity.ERROR,
                N_("YAML error: {detail}"),
                "",
                args={"detail": clean(str(exc))},
            )
        ]
    except RecursionError:
        return None, [too_deep(file, 1, 1)]
    if node is None:
        return None, [
            Diagnostic(
                file,
                1,
                1,
                "IOP005",
                Severity.ERROR,
                N_("file holds no YAML document (it is empty or only comments)"),
                N_("start from an existing agreement or run `iopctl new`"),
            )
        ]
    builder = Builder(file)
    try:
        data = builder.build(node, (), 0)
    except Abort as abort:
        return None, [*builder.problems, abort.diagnostic]
    source = Source(
        file=file,
        _text=text,
        data=data,
        reported=builder.reported,
        _values=builder.values,
        _keys=builder.keys,
        _scalars=builder.scalars,
    )
    if not isinstance(data, dict):
        kind = (
            Words(N_("a list"))
            if isinstance(data, list)
            else Words(N_("a single value ({kind})"), {"kind": describe(data)})
        )
        builder.problems.append(
            Diagnostic(
                file,
                *source.position(()),
                "IOP005",
                Severity.ERROR,
                N_(
                    "the top level must be a mapping of keys such as `id:` and `title:`, "
                    "but this file holds {kind}"
                ),
                N_("an agreement file starts with `id: …` on the first line, no dash"),
                args={"kind": kind},
            )
        )
        return None, builder.problems
    return source, builder.problems
