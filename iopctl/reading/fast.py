"""The fast path: plain data built straight from the parser's events.

Almost every agreement is plain, untagged, anchor-free data. :func:`fast_data` builds
it without composing nodes or recording positions (:class:`~iopctl.reading.source.Source`
works those out by the careful path the first time a diagnostic needs one). Anything
else raises, and :func:`iopctl.reading.source.load` takes the careful path from the start,
so output is the same either way (``tests/test_bench_equivalence.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from sys import intern
from typing import Any, Final

import yaml

from iopctl.reading.rules import (
    BOOL_WORDS,
    DATE,
    MAX_DEPTH,
    TAG,
    Loader,
    parse_float,
    parse_int,
    timestamp_value,
)

__all__ = ["Tops", "fast_data", "fast_read", "locate"]

_EventParser: Any = getattr(yaml, "CParser", None) or Loader
_STR = TAG + "str"
_NULL = TAG + "null"
_BOOL = TAG + "bool"
_INT = TAG + "int"
_FLOAT = TAG + "float"
_TIMESTAMP = TAG + "timestamp"
_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


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
    table = Loader.yaml_implicit_resolvers
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


Tops = list[Any]
"""Where each top-level key of a block mapping starts (its event's mark: ``line`` and
``column``, 0-based), in file order as the data's keys are (see :func:`locate`). Kept as
the parser made them: most files never need their lines."""


def fast_data(text: str | bytes) -> Any:
    """Plain data built straight from parser events, or :class:`_Slow` (see :func:`fast_read`)."""
    return fast_read(text)[0]


def fast_read(text: str | bytes) -> tuple[Any, Tops | None]:
    """Plain data built straight from parser events, and where its top-level keys are;
    or :class:`_Slow`.

    Gives exactly what the careful path gives for the files it accepts: the same
    resolver table decides every plain scalar, and the same helpers convert it.
    Whatever the careful path would report (or cannot rule out) raises instead.
    """
    if Loader.yaml_path_resolvers:
        raise _Slow
    parser = _EventParser(text)
    try:
        reader = _Reader(parser.get_event)
        data = reader.document()
        return data, reader.tops
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


class _Reader:
    """One document's events turned into values, a collection per call (no node objects).

    Only a mapping at the top, plain scalars, mappings and sequences without anchors or
    tags, text keys each once, at most :data:`MAX_DEPTH` deep: anything else is
    :class:`_Slow`.
    """

    __slots__ = ("get", "remembered", "resolve", "tops")

    def __init__(self, get: Any) -> None:
        self.get = get
        self.resolve, memory = _resolver()
        self.remembered = memory.get
        self.tops: Tops | None = None

    def document(self) -> dict[str, Any]:
        get = self.get
        if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
            raise _Slow
        root = get()
        if type(root) is not _MAPPING_START:
            raise _Slow  # a scalar, a list or an alias at the top: the careful path explains
        if root.anchor is not None or root.tag is not None:
            raise _Slow
        self.tops = None if root.flow_style else []
        data = self.mapping(1, self.tops)
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Slow
        return data

    def collection(self, event: Any, depth: int) -> Any:
        """The mapping or sequence ``event`` starts (anything else is an alias)."""
        if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
            raise _Slow
        kind = type(event)
        if kind is _MAPPING_START:
            return self.mapping(depth + 1)
        if kind is _SEQUENCE_START:
            return self.sequence(depth + 1)
        raise _Slow

    def mapping(self, depth: int, marks: list[Any] | None = None) -> dict[str, Any]:
        """A mapping's items; at the top, where each key starts kept in ``marks``."""
        get, remembered, resolve = self.get, self.remembered, self.resolve
        result: dict[str, Any] = {}
        while True:
            key_event = get()
            if type(key_event) is not _SCALAR:
                if type(key_event) is _MAPPING_END:
                    return result
                raise _Slow
            key = intern(key_event.value)  # keys repeat: share one string
            if (
                key_event.anchor is not None
                or key_event.tag is not None
                or (key_event.implicit[0] and (remembered(key) or resolve(key)) is not _STR)
                or key in result
            ):
                raise _Slow
            if marks is not None:
                marks.append(key_event.start_mark)
            event = get()
            if type(event) is not _SCALAR:
                result[key] = self.collection(event, depth)
                continue
            if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
                raise _Slow
            value = event.value  # a plain scalar, as in ``plain`` (inline: most values)
            if event.implicit[0]:
                tag = (len(value) <= _SHORT and remembered(value)) or resolve(value)
                if tag is not _STR:
                    value = _fast_scalar(tag, value)
            result[key] = value

    def sequence(self, depth: int) -> list[Any]:
        get, plain = self.get, self.plain
        items: list[Any] = []
        append = items.append
        while True:
            event = get()
            kind = type(event)
            if kind is _SCALAR:
                append(plain(event, depth))
            elif kind is _SEQUENCE_END:
                return items
            else:
                append(self.collection(event, depth))

    def plain(self, event: Any, depth: int) -> Any:
        """A scalar's value, resolved and converted as the careful path does."""
        if depth > MAX_DEPTH or event.anchor is not None or event.tag is not None:
            raise _Slow
        value = event.value
        if event.implicit[0]:
            tag = (len(value) <= _SHORT and self.remembered(value)) or self.resolve(value)
            if tag is not _STR:
                return _fast_scalar(tag, value)
        return value


def _fast_scalar(tag: str, text: str) -> Any:
    """A plain scalar YAML resolved to ``tag``, as :meth:`_Builder._scalar` reads it."""
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return BOOL_WORDS[text.lower()]  # KeyError: the careful path reports it
    if tag == _INT:
        return parse_int(text)[0]
    if tag == _FLOAT:
        return parse_float(text)[0]
    if tag == _TIMESTAMP:
        match = DATE.match(text)
        if match and match.end() == len(text):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        return timestamp_value(text)
    raise _Slow


def locate(
    text: str | bytes,
    path: tuple[str | int, ...],
    keys: Collection[str] = (),
    tops: Tops | None = None,
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """Where ``path`` is in a file :func:`fast_data` read, without building every position.

    Gives the line and column (1-based) of the value at ``path`` or, when ``path`` does
    not exist, of the closest enclosing value that does; and of the key that introduces
    ``path`` when it exists and ends in a key. These are the positions the careful path
    records (a node starts where its event starts), found by reading events only as far
    as ``path`` and skipping every other value unrecorded: a diagnostic on a file the
    fast path read needs one position, and the careful path's full maps cost more than
    reading the file did (issue #17). ``None`` when the events are not those of a file
    the fast path reads (the caller then takes the careful path).

    With the data's top-level ``keys`` and :func:`fast_read`'s ``tops``, only the lines of
    the top-level key ``path`` starts with are read (:func:`_section`): a diagnostic deep
    in the last section no longer costs most of a second reading of the file.
    """
    section = _section(text, path, _lines(keys, tops)) if tops else None
    if section is not None:
        part, offset = section
        found = _events_locate(part, path)
        if found is not None:
            (line, column), key = found
            return (line + offset, column), None if key is None else (key[0] + offset, key[1])
    return _events_locate(text, path)


_BREAKS: Final = ("\r", "\x85", "\u2028", "\u2029")
"""The line breaks YAML knows besides ``\\n``: a file with any of them is read whole."""
_BYTE_BREAKS: Final = tuple(b.encode("utf-8") for b in _BREAKS)


def _lines(keys: Collection[str], tops: Tops) -> list[tuple[str, int]] | None:
    """Each top-level key with its line (0-based), when every one starts its line."""
    if len(keys) != len(tops) or any(mark.column for mark in tops):
        return None  # "? key" starts after its line does
    return [(key, mark.line) for key, mark in zip(keys, tops, strict=True)]


def _section(
    text: str | bytes, path: tuple[str | int, ...], tops: list[tuple[str, int]] | None
) -> tuple[str | bytes, int] | None:
    """The lines of the top-level key ``path`` begins with, up to the next top-level key,
    and the number of lines before them; ``None`` when the whole file must be read.

    Those lines, read alone, are a mapping of that one key with every value where it is
    in the file, ``offset`` lines up: every top-level key starts a line (``tops``), so
    nothing of another key's value is on them, and a value that spills onto a line of
    its own at the margin (a sequence, flow text) is before the next key. Only ``\\n``
    may break lines (what the parser counts as one is then certain).
    """
    if tops is None or not path or not isinstance(path[0], str):
        return None
    at = next((i for i, (key, _) in enumerate(tops) if key == path[0]), None)
    if at is None:
        return None
    line = tops[at][1]
    end = tops[at + 1][1] if at + 1 < len(tops) else None
    if isinstance(text, bytes):
        if any(b in text for b in _BYTE_BREAKS):
            return None
        newline: str | bytes = b"\n"
    else:
        if any(b in text for b in _BREAKS):
            return None
        newline = "\n"
    rest = text.split(newline, line)  # type: ignore[arg-type]  # bytes with bytes
    if len(rest) <= line:
        return None
    section = rest[-1]  # from the key's line on
    if end is not None:
        below = section.split(newline, end - line)  # type: ignore[arg-type]
        if len(below) <= end - line:
            return None
        section = section[: len(section) - len(below[-1])]
    return section, line


def _events_locate(
    text: str | bytes, path: tuple[str | int, ...]
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    parser = _EventParser(text)
    try:
        return _locate(parser.get_event, path)
    except Exception:  # anything unexpected: the careful path answers and reports
        return None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def _locate(
    get: Any, path: tuple[str | int, ...]
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        return None
    event = get()
    key_at: tuple[int, int] | None = None
    for step in path:
        found = _child(get, type(event), step)
        if found is None:
            return _at(event), None
        key_at, event = found
    return _at(event), key_at


def _child(get: Any, kind: type, step: str | int) -> tuple[tuple[int, int] | None, Any] | None:
    """The (key position, value event) of ``step`` in the collection just started."""
    if kind is _MAPPING_START and isinstance(step, str):
        while True:
            key = get()
            if type(key) is _MAPPING_END:
                return None
            if key.value == step:
                return _at(key), get()
            _skip(get, get())
    if kind is _SEQUENCE_START and isinstance(step, int):
        index = 0
        while True:
            item = get()
            if type(item) is _SEQUENCE_END:
                return None
            if index == step:
                return None, item
            _skip(get, item)
            index += 1
    return None


def _skip(get: Any, event: Any) -> None:
    """Read past the value ``event`` starts."""
    kind = type(event)
    if kind is _SCALAR:
        return
    if kind is not _MAPPING_START and kind is not _SEQUENCE_START:
        raise _Slow  # an alias: not a file the fast path read
    depth = 1
    while depth:
        kind = type(get())
        if kind is _MAPPING_START or kind is _SEQUENCE_START:
            depth += 1
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            depth -= 1


def _at(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1
