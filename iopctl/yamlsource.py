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
file is built straight from the parser's events (:func:`_fast_data`) without
composing nodes, and its position maps are only worked out, by the careful
path below, the first time a diagnostic needs one. Anything else (a tag, an
anchor, a duplicate key, a value that needs a problem reported, a syntax error,
a very large file) goes through the careful path from the start, so output is
the same either way (``tests/test_bench_equivalence.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from sys import intern
from typing import Any

import yaml

from iopctl.diagnostics import Diagnostic, Severity

__all__ = [
    "MAX_ALIAS_EXPANSIONS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Path",
    "Scalar",
    "Source",
    "decode",
    "load",
    "load_file",
    "split_lines",
]

Path = tuple[str | int, ...]

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000
MAX_ALIAS_EXPANSIONS = 1_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
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


@dataclass(frozen=True, slots=True)
class Scalar:
    """How a plain (unquoted) scalar was written, when YAML did not read it as text."""

    text: str
    kind: str  # "boolean", "number", "date", "timestamp", "null"
    surprising: bool  # a YAML 1.1 reading most people do not expect


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
        builder = _Builder(self.file)
        try:
            node = yaml.compose(self.text, Loader=_Loader)
            if node is not None:
                builder.build(node, (), 0)
        except (yaml.YAMLError, _Abort, RecursionError):  # pragma: no cover - read once already
            pass
        self._values, self._keys, self._scalars = builder.values, builder.keys, builder.scalars

    def position(self, path: Path) -> tuple[int, int]:
        """Position of the value at ``path``, or of the closest enclosing value that exists."""
        p = tuple(path)
        while p:
            pos = self.values.get(p)
            if pos is not None:
                return pos
            p = p[:-1]
        return self.values.get((), (1, 1))

    def key_position(self, path: Path) -> tuple[int, int]:
        """Position of the key that introduces ``path`` (falls back to :meth:`position`)."""
        pos = self.keys.get(tuple(path))
        return pos if pos is not None else self.position(path)

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = split_lines(self.text)
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""

    def diagnostic(
        self,
        path: Path,
        code: str,
        message: str,
        hint: str = "",
        *,
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Diagnostic:
        line, col = self.key_position(path) if at_key else self.position(path)
        return Diagnostic(self.file, line, col, code, severity, message, hint)


def split_lines(text: str) -> list[str]:
    """Lines as YAML counts them (LF, CRLF, CR, NEL, LS, PS)."""
    return _LINE_BREAK.split(text)


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    col = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(raw: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text: UTF-8 with or without BOM; anything else is a located error."""

    def fail(line: int, col: int, message: str, hint: str) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(file, line, col, "IOP003", Severity.ERROR, message, hint)]

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(
            1,
            1,
            "file is UTF-16 encoded (it starts with a UTF-16 byte order mark)",
            "save the file as UTF-8 (in Notepad: Save as → Encoding: UTF-8)",
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
                f"file looks like UTF-16 without a byte order mark (NUL byte at offset {nul})",
                "save the file as UTF-8",
            )
        return fail(
            line,
            col,
            f"file contains a NUL byte at byte offset {nul}; it is not a text file",
            "only YAML text files belong under agreements/; remove or rename binary files",
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
                f"invalid UTF-8 byte 0x{byte:02X} at byte offset {offset}; the file looks "
                f"like Windows-1252 (Latin-1) text, where this byte is {guess!r}",
                "save the file as UTF-8 (most editors: Save as → Encoding: UTF-8)",
            )
        return fail(
            line,
            col,
            f"invalid UTF-8 byte 0x{byte:02X} at byte offset {offset}",
            "save the file as UTF-8",
        )


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
                    f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes (10 MiB)",
                    "an agreement file is normally a few kilobytes; split it or remove "
                    "pasted attachments",
                )
            ]
        with open(path, "rb") as fh:
            # Read what stat promised (a 10 MiB buffer per file is slow), then the rest
            # up to the limit for files that grew or report no size (pipes, /proc).
            raw = fh.read(size + 1)
            if len(raw) > size:
                raw += fh.read(MAX_BYTES + 1 - len(raw))
    except OSError as exc:
        return None, [
            Diagnostic(
                name,
                0,
                0,
                "IOP001",
                Severity.ERROR,
                f"cannot read file: {exc.strerror or exc}",
                "check that the file exists and is readable",
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
                f"file is larger than the limit of {MAX_BYTES:,} bytes (10 MiB)",
                "an agreement file is normally a few kilobytes",
            )
        ]
    return load(raw, name)


def load(raw: bytes | str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Parse YAML text into a :class:`Source`; problems are returned, not raised."""
    utf8: bytes | None = None
    if isinstance(raw, bytes):
        text, problems = decode(raw, file)
        if text is None:
            return None, problems
        # The parser reads UTF-8 bytes either way (a str is encoded first); ``decode``
        # has vouched for these: valid UTF-8, no UTF-16 byte order mark, no NUL.
        utf8 = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    else:
        text = raw[1:] if raw.startswith("\ufeff") else raw
    if len(text) <= MAX_NODES:  # at least one character per value: the bound cannot trip
        try:
            data = _fast_data(text if utf8 is None else utf8)
        except Exception:  # anything unusual, including YAML errors: the careful path says it
            pass
        else:
            if isinstance(data, dict):
                if utf8 is None:
                    return Source(file=file, _text=text, data=data), []
                return Source(file=file, data=data, _utf8=utf8), []
    return _load_careful(text, file)


def _load_careful(text: str, file: str) -> tuple[Source | None, list[Diagnostic]]:
    """Compose nodes, then build values with every position and problem recorded."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_diagnostic(file, exc, text)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_diagnostic(file, exc, text)]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(file, 0, 0, "IOP002", Severity.ERROR, _clean(str(exc)), "")]
    except RecursionError:
        return None, [_too_deep(file, 1, 1)]
    if node is None:
        return None, [
            Diagnostic(
                file,
                1,
                1,
                "IOP005",
                Severity.ERROR,
                "file holds no YAML document (it is empty or only comments)",
                "start from an existing agreement or run `iopctl new`",
            )
        ]
    builder = _Builder(file)
    try:
        data = builder.build(node, (), 0)
    except _Abort as abort:
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
        kind = "a list" if isinstance(data, list) else f"a single value ({_describe(data)})"
        builder.problems.append(
            Diagnostic(
                file,
                *source.position(()),
                "IOP005",
                Severity.ERROR,
                f"the top level must be a mapping of keys such as `id:` and `title:`, "
                f"but this file holds {kind}",
                "an agreement file starts with `id: …` on the first line, no dash",
            )
        )
        return None, builder.problems
    return source, builder.problems


def _clean(message: str) -> str:
    return " ".join(message.split())


def _syntax_diagnostic(file: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    problem = exc.problem or "invalid YAML"
    context = f"{exc.context}, " if exc.context else ""
    hint = "check indentation and quoting near this position"
    at_mark = text[mark.index : mark.index + 1] if mark is not None else ""
    if at_mark == "\t" or "'\\t'" in problem:
        hint = "YAML does not allow tabs for indentation; indent with spaces"
    elif "exceeded maximum nesting depth" in problem:
        return _too_deep(file, line, col)
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted, e.g. title: \"Del 1: Bakgrund\""
    elif "control characters are not allowed" in problem or "special characters" in problem:
        hint = "remove the invisible control character (often pasted from Word or a PDF)"
    elif "found undefined alias" in problem:
        hint = "define the anchor (&name) before using the alias (*name)"
    elif "another document" in problem:
        hint = "keep one agreement per file; remove the second `---` document"
    message = _clean(f"YAML syntax error: {context}{problem}")
    return Diagnostic(file, line, col, "IOP002", Severity.ERROR, message, hint)


def _reader_diagnostic(file: str, exc: yaml.reader.ReaderError, text: str) -> Diagnostic:
    position = max(0, min(exc.position, len(text)))
    before = split_lines(text[:position])
    line, col = len(before), len(before[-1]) + 1
    character = exc.character
    code = ord(character) if isinstance(character, str) else int(character)
    return Diagnostic(
        file,
        line,
        col,
        "IOP002",
        Severity.ERROR,
        f"YAML does not allow the control character U+{code:04X} in a file",
        "remove the invisible character (often pasted from Word or a PDF)",
    )


def _too_deep(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        file,
        line,
        col,
        "IOP004",
        Severity.ERROR,
        f"values are nested deeper than {MAX_DEPTH} levels",
        "an agreement needs only a few levels of nesting; check for a runaway structure",
    )


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    return "text"


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_INT_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")
_BOOL_WORDS = {"yes": True, "no": False, "on": True, "off": False, "true": True, "false": False}
_SURPRISING_BOOLS = {"yes", "no", "on", "off"}


def _parse_int(text: str) -> tuple[int, bool]:
    """YAML 1.1 integer (as PyYAML resolves it) and whether the reading is surprising."""
    value = text.replace("_", "")
    sign = -1 if value.startswith("-") else 1
    if value[:1] in "+-":
        value = value[1:]
    if value == "0":
        return 0, False
    if value.startswith("0b"):
        return sign * int(value[2:], 2), True
    if value.startswith("0x"):
        return sign * int(value[2:], 16), True
    if value.startswith("0"):
        return sign * int(value, 8), True
    if ":" in value:
        total = 0
        for part in value.split(":"):
            total = total * 60 + int(part)
        return sign * total, True
    return sign * int(value), False


def _parse_float(text: str) -> tuple[Decimal, bool]:
    value = text.replace("_", "").lower()
    if value in (".inf", "+.inf"):
        return Decimal("Infinity"), False
    if value == "-.inf":
        return Decimal("-Infinity"), False
    if value == ".nan":
        return Decimal("NaN"), False
    if ":" in value:
        sign = -1 if value.startswith("-") else 1
        digits = value.lstrip("+-")
        total = Decimal(0)
        for part in digits.split(":"):
            total = total * 60 + Decimal(part)
        return sign * total, True
    return Decimal(value), False


class _Builder:
    """Turns composed nodes into plain values, recording positions and problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.scalars: dict[Path, Scalar] = {}
        self.reported: set[Path] = set()
        self.problems: list[Diagnostic] = []
        self.nodes = 0
        self.expansions = 0
        self.seen: set[int] = set()

    def _abort(self, node: yaml.Node, code: str, message: str, hint: str) -> _Abort:
        mark = node.start_mark
        return _Abort(
            Diagnostic(
                self.file,
                mark.line + 1,
                mark.column + 1,
                code,
                Severity.ERROR,
                message,
                hint,
            )
        )

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic(
                self.file,
                mark.line + 1,
                mark.column + 1,
                code,
                Severity.ERROR,
                message,
                hint,
            )
        )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise _Abort(_too_deep(self.file, mark.line + 1, mark.column + 1))
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._abort(
                node,
                "IOP004",
                f"the file expands to more than {MAX_NODES:,} values",
                "an alias/anchor structure or a generated file is far too large for an agreement",
            )
        if isinstance(node, yaml.CollectionNode):
            key = id(node)
            if key in self.seen:
                self.expansions += 1
                if self.expansions > MAX_ALIAS_EXPANSIONS:
                    raise self._abort(
                        node,
                        "IOP004",
                        f"more than {MAX_ALIAS_EXPANSIONS:,} alias expansions (an 'alias bomb')",
                        "write the values out instead of repeating aliases (*name)",
                    )
            else:
                self.seen.add(key)
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != _TAG + "map":
                raise self._unsupported_tag(node)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                raise self._unsupported_tag(node)
            return [
                self.build(child, (*path, index), depth + 1)
                for index, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _unsupported_tag(self, node: yaml.Node) -> _Abort:
        tag = node.tag
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        return self._abort(
            node,
            "IOP006",
            f"unsupported YAML tag {shown}; only plain text, numbers, dates, lists and "
            "mappings are allowed",
            "remove the tag; iopctl never constructs objects from YAML",
        )

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise self._abort(
                    key_node,
                    "IOP006",
                    "merge keys (<<) are not supported",
                    "write the keys out in full; merged values make a reviewed text ambiguous",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _TAG + "str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                self._problem(
                    key_node,
                    "IOP007",
                    f"key {shown!r} is not text (YAML read it as "
                    f"{_node_kind(key_node)}); keys must be names such as `title`",
                    f"quote the key: '{shown}':" if isinstance(key_node, yaml.ScalarNode) else "",
                )
                continue
            key = key_node.value
            kmark = key_node.start_mark
            if key in first_seen:
                self._problem(
                    key_node,
                    "IOP008",
                    f"duplicate key {key!r}; it was already given on line {first_seen[key]}",
                    "remove one of them (YAML would silently keep only the last)",
                )
                continue
            first_seen[key] = kmark.line + 1
            child = (*path, key)
            self.keys[child] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        tag = node.tag
        text = node.value
        if tag == _TAG + "str":
            return text
        plain = not node.style  # None (pure loader) or '' (C loader)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            lowered = text.lower()
            if lowered not in _BOOL_WORDS:
                self._invalid(node, path, f"{text!r} is not a boolean", "write true or false")
                return text
            if plain:
                self.scalars[path] = Scalar(text, "boolean", lowered in _SURPRISING_BOOLS)
            return _BOOL_WORDS[lowered]
        if tag == _TAG + "int":
            try:
                value, odd = _parse_int(text)
            except ValueError:
                self._invalid(node, path, f"{text!r} is not an integer", "write digits only")
                return text
            if plain:
                self.scalars[path] = Scalar(text, "number", odd)
            return value
        if tag == _TAG + "float":
            try:
                number, odd = _parse_float(text)
            except (InvalidOperation, ValueError):
                self._invalid(node, path, f"{text!r} is not a number", "write e.g. 933000.50")
                return text
            if plain:
                self.scalars[path] = Scalar(text, "number", odd)
            return number
        if tag == _TAG + "timestamp":
            return self._timestamp(node, path, text, plain)
        raise self._unsupported_tag(node)

    def _invalid(self, node: yaml.ScalarNode, path: Path, message: str, hint: str) -> None:
        self._problem(node, "IOP104", message, hint)
        self.reported.add(path)

    def _timestamp(self, node: yaml.ScalarNode, path: Path, text: str, plain: bool) -> Any:
        match = _DATE.match(text)
        try:
            if match and match.end() == len(text):
                value: dt.date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                if plain:
                    self.scalars[path] = Scalar(text, "date", False)
                return value
            parsed = _timestamp_value(text)
        except ValueError as exc:
            self._problem(
                node,
                "IOP105",
                f"{text!r} is not a valid date: {exc}",
                "write an existing date as YYYY-MM-DD, e.g. 2022-02-28",
            )
            self.reported.add(path)
            return text
        if plain:
            self.scalars[path] = Scalar(text, "timestamp", True)
        return parsed


_DATE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")


def _timestamp_value(text: str) -> dt.datetime:
    # Reuse PyYAML's own timestamp semantics for the rare full timestamps.
    from yaml.constructor import SafeConstructor

    if SafeConstructor.timestamp_regexp.match(text) is None:
        raise ValueError("not a date or timestamp")  # only an explicit !!timestamp gets here
    node = yaml.ScalarNode(_TAG + "timestamp", text)
    value = SafeConstructor().construct_yaml_timestamp(node)
    assert isinstance(value, dt.datetime)
    return value


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    tag = node.tag
    for suffix, kind in (
        ("bool", "a boolean"),
        ("int", "a number"),
        ("float", "a number"),
        ("null", "null"),
        ("timestamp", "a date"),
    ):
        if tag == _TAG + suffix:
            return kind
    return "a tagged value"


def walk(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every (path, value) pair in plain data, depth first (used by tests and fuzzers)."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))


# --- the fast path ---------------------------------------------------------------------

_EventParser: Any = getattr(yaml, "CParser", None) or _Loader
_STR = _TAG + "str"
_NULL = _TAG + "null"
_BOOL = _TAG + "bool"
_INT = _TAG + "int"
_FLOAT = _TAG + "float"
_TIMESTAMP = _TAG + "timestamp"


class _Slow(Exception):
    """The input needs the careful path: it is not plain, untagged, anchor-free data."""


_SHORT = 64  # plain scalars up to this length have their resolved tag remembered
_resolved: dict[str, str] = {}
_resolved_table: list[object] = [None]


def _resolver() -> Any:
    """``value -> tag`` exactly as PyYAML's resolver decides a plain scalar.

    Keys and short values repeat across files, so their tags are remembered
    (the table is static; the memory is dropped if someone changes it).
    """
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]]
    table = _Loader.yaml_implicit_resolvers
    if _resolved_table[0] is not table:
        _resolved.clear()
        _resolved_table[0] = table
    wildcard = table.get(None, [])
    memory = _resolved

    def resolve(value: str) -> str:
        short = len(value) <= _SHORT
        if short:
            tag = memory.get(value)
            if tag is not None:
                return tag
        tag = _STR
        for candidate, regexp in table.get(value[:1], []) + wildcard:
            if regexp.match(value):
                tag = candidate
                break
        if short:
            if len(memory) > 8192:
                memory.clear()
            memory[value] = tag
        return tag

    return resolve, memory


def _fast_data(text: str | bytes) -> Any:
    """Plain data built straight from parser events, or :class:`_Slow`.

    Gives exactly what the careful path gives for the files it accepts: the same
    resolver table decides every plain scalar, and the same helpers convert it.
    Whatever the careful path would report (or cannot rule out) raises instead.
    """
    if _Loader.yaml_path_resolvers:
        raise _Slow
    resolve, memory = _resolver()
    remembered = memory.get
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    mapping_end = yaml.MappingEndEvent
    sequence_start = yaml.SequenceStartEvent
    sequence_end = yaml.SequenceEndEvent
    str_tag = _STR
    convert = _fast_scalar

    def collection(event: Any, depth: int) -> Any:
        # ``event`` starts a mapping or a sequence (anything else is an alias).
        if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
            raise _Slow
        depth += 1
        kind = type(event)
        if kind is mapping_start:
            result: dict[str, Any] = {}
            while True:
                key_event = get()
                if type(key_event) is not scalar_event:
                    if type(key_event) is mapping_end:
                        return result
                    raise _Slow
                key = intern(key_event.value)  # keys repeat: share one string
                if (
                    key_event.anchor is not None
                    or key_event.tag is not None
                    or (key_event.implicit[0] and (remembered(key) or resolve(key)) is not str_tag)
                    or key in result
                ):
                    raise _Slow
                event = get()
                if type(event) is scalar_event:
                    if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
                        raise _Slow
                    value = event.value
                    if event.implicit[0]:
                        tag = (len(value) <= _SHORT and remembered(value)) or resolve(value)
                        if tag is not str_tag:
                            value = convert(tag, value)
                    result[key] = value
                else:
                    result[key] = collection(event, depth)
        if kind is sequence_start:
            items: list[Any] = []
            append = items.append
            while True:
                event = get()
                kind = type(event)
                if kind is scalar_event:
                    if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
                        raise _Slow
                    value = event.value
                    if event.implicit[0]:
                        tag = (len(value) <= _SHORT and remembered(value)) or resolve(value)
                        if tag is not str_tag:
                            value = convert(tag, value)
                    append(value)
                elif kind is sequence_end:
                    return items
                else:
                    append(collection(event, depth))
        raise _Slow  # an alias

    parser = _EventParser(text)
    try:
        get = parser.get_event
        if type(get()) is not yaml.StreamStartEvent:
            raise _Slow
        if type(get()) is not yaml.DocumentStartEvent:
            raise _Slow
        root = get()
        if type(root) is scalar_event:
            raise _Slow  # not a mapping: the careful path explains
        data = collection(root, 0)
        if type(get()) is not yaml.DocumentEndEvent:
            raise _Slow
        if type(get()) is not yaml.StreamEndEvent:
            raise _Slow
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()
        # ``collection`` refers to itself through its closure: break the cycle so that
        # the parser is freed now, not at the next garbage collection.
        collection = None  # type: ignore[assignment]
    return data


def _fast_scalar(tag: str, text: str) -> Any:
    """A plain scalar YAML resolved to ``tag``, as :meth:`_Builder._scalar` reads it."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return _BOOL_WORDS[text.lower()]  # KeyError: the careful path reports it
    if tag == _INT:
        return _parse_int(text)[0]
    if tag == _FLOAT:
        return _parse_float(text)[0]
    if tag == _TIMESTAMP:
        match = _DATE.match(text)
        if match and match.end() == len(text):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        return _timestamp_value(text)
    raise _Slow
