"""Where things are in an agreement file's text, from the nodes PyYAML composes.

A migration edits the text line by line: it takes out the lines of each older place
(with the comment lines just above it) and puts the new entries' lines where they go
in ``history``. Every other line is kept as it was, byte for byte, line ending
included. Comments in the lines taken out go with the entries: a comment after a value
stays after the same value (``decision: … # x`` becomes ``note: … # x``); any other
comment goes above the entry it was written in or above.

What is a comment is decided from the nodes' positions, never from the look of a line:
a ``#`` inside a block scalar is text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from iopctl.frozen import frozen
from iopctl.reading.rules import Loader

__all__ = [
    "Comment",
    "Layout",
    "LayoutError",
    "Text",
    "compose",
]

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_INDICATOR = re.compile(r"[|>][-+0-9]*")


class LayoutError(Exception):
    """The file is written in a way the line-by-line edit cannot keep (flow style)."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def split_keep(text: str) -> list[str]:
    """Lines as YAML counts them, each with its own line break (the last may have none)."""
    lines: list[str] = []
    pos = 0
    for match in _BREAK.finditer(text):
        lines.append(text[pos : match.end()])
        pos = match.end()
    if pos < len(text):
        lines.append(text[pos:])
    return lines


def body(line: str) -> str:
    """A line without its line break."""
    match = _BREAK.search(line)
    return line[: match.start()] if match else line


class Text:
    """The file's lines and what PyYAML's nodes occupy of them."""

    def __init__(self, text: str, root: yaml.Node) -> None:
        self.lines = split_keep(text)
        self.break_ = next(
            (line[len(body(line)) :] for line in self.lines if body(line) != line), "\n"
        )
        self._ends: dict[int, int] = {}  # line → column where the last node on it ends
        self._inside: set[int] = set()  # lines inside a scalar: no comment there
        self._visit(root, set())

    def __len__(self) -> int:
        return len(self.lines)

    def content(self, i: int) -> str:
        return body(self.lines[i]) if 0 <= i < len(self.lines) else ""

    def blank(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and self.content(i).strip() == ""

    def _visit(self, node: yaml.Node, seen: set[int]) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            self._occupy(node)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._visit(key, seen)
                self._visit(value, seen)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self._visit(item, seen)

    def _occupy(self, node: yaml.Node) -> None:
        start = node.start_mark
        if start.index == node.end_mark.index:
            return  # an empty value (null): nothing written
        last = self.last_line(node)
        first = start.line
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            match = _INDICATOR.match(self.content(first), start.column)
            self._end(first, match.end() if match else len(self.content(first)))
            self._inside.update(range(first + 1, last + 1))
            return
        self._inside.update(range(first, last))
        end = node.end_mark
        self._end(last, end.column if end.line == last else len(self.content(last)))

    def _end(self, line: int, column: int) -> None:
        self._ends[line] = max(self._ends.get(line, 0), column)

    def last_line(self, node: yaml.Node) -> int:
        """The last line with anything of ``node`` on it (not the blank lines after it)."""
        block = isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style
        if block and node.value:
            last = node.value[-1]
            if isinstance(last, tuple):
                key, value = last
                empty = value.start_mark.index == value.end_mark.index
                return self.last_line(key if empty else value)
            return self.last_line(last)
        end = node.end_mark
        line = end.line
        if line >= len(self.lines) or self.content(line)[: end.column].strip() == "":
            line -= 1
        while line > node.start_mark.line and self.blank(line):
            line -= 1
        return max(line, node.start_mark.line)

    def comment(self, i: int) -> Comment | None:
        """The comment on line ``i``, if it has one."""
        if i in self._inside:
            return None
        text = self.content(i)
        start = self._ends.get(i, 0)
        for j in range(start, len(text)):
            if text[j] == "#" and (j == 0 or text[j - 1] in " \t"):
                before = text[:j]
                return Comment(i, text[j:].rstrip(), before[start:], before.strip() == "")
        return None


@frozen(slots=True)
class Comment:
    """A comment: its line, its text (``# …``), the space before it and whether it is
    alone on its line."""

    line: int
    text: str
    gap: str
    alone: bool


def compose(text: str) -> yaml.Node | None:
    """The document's nodes (the file has been read by iopctl's loader already)."""
    node: yaml.Node | None = yaml.compose(text, Loader=Loader)
    return node


def _pairs(node: yaml.Node) -> list[tuple[yaml.Node, yaml.Node]]:
    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def key_index(mapping: yaml.Node, name: str) -> int | None:
    for i, (key, _) in enumerate(_pairs(mapping)):
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return i
    return None


def node_at(root: yaml.Node, place: Sequence[str | int]) -> yaml.Node:
    node = root
    for step in place:
        if isinstance(step, int):
            node = node.value[step]
        else:
            index = key_index(node, step)
            assert index is not None
            node = node.value[index][1]
    return node


def _block_mapping(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode) and not node.flow_style


@dataclass(slots=True)
class Cut:
    """Lines taken out for one older place, and the comments in them."""

    first: int
    last: int
    key_line: int
    comments: list[Comment] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    """What a migration needs to know of the text: the lines to take out, the comments
    each moved record carries, and where the entries go."""

    text: Text
    root: yaml.Node
    cuts: list[Cut] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, root: yaml.Node) -> Layout:
        if not _block_mapping(root):
            raise LayoutError("the file")
        return cls(Text(text, root), root)

    # --- taking out ---------------------------------------------------------------

    def cut(self, place: Sequence[str]) -> Cut:
        """Take out ``place`` (``("amendments",)``, ``("period", "extensions_taken")``); a
        ``period`` or ``termination`` with nothing else in it goes too."""
        parent, chain, parent_key = self.root, list(place), None
        if len(chain) == 2:
            outer = key_index(self.root, chain[0])
            assert outer is not None
            parent_key, parent = self.root.value[outer]
            if not _block_mapping(parent):
                raise LayoutError(chain[0])
            if len(_pairs(parent)) == 1:
                parent, chain, parent_key = self.root, chain[:1], None
        index = key_index(parent, chain[-1])
        assert index is not None
        key, value = parent.value[index]
        text = self.text
        key_line = key.start_mark.line
        if index > 0:
            previous_key, previous = parent.value[index - 1]
            empty = previous.start_mark.index == previous.end_mark.index
            lower = text.last_line(previous_key if empty else previous) + 1
        elif parent_key is not None:
            lower = parent_key.start_mark.line + 1  # the first key: comments under the parent
        else:
            lower = key_line  # the file's opening comments stay where they are
        first = key_line
        while first - 1 >= lower and _alone(text.comment(first - 1)):
            first -= 1
        empty = value.start_mark.index == value.end_mark.index
        last = text.last_line(key if empty else value)
        found = [c for i in range(first, last + 1) if (c := text.comment(i)) is not None]
        cut = Cut(first, last, key_line, found)
        self.cuts.append(cut)
        return cut

    def dropped(self) -> set[int]:
        """Every line taken out, and a blank line that would otherwise double up."""
        lines: set[int] = set()
        text = self.text
        for cut in self.cuts:
            lines.update(range(cut.first, cut.last + 1))
        for cut in self.cuts:
            before = cut.first - 1
            while before in lines:
                before -= 1
            after = cut.last + 1
            while after in lines:
                after += 1
            if text.blank(before) and text.blank(after):
                lines.add(after)
        return lines

    def comments_of(self, cut: Cut, items: Sequence[yaml.Node]) -> list[list[Comment]]:
        """The cut's comments, each with the first item that ends on or after its line."""
        ends = [self.text.last_line(item) for item in items]
        out: list[list[Comment]] = [[] for _ in items]
        for comment in cut.comments:
            for i, end in enumerate(ends):
                if comment.line <= end or i == len(ends) - 1:
                    out[i].append(comment)
                    break
        return out

    def value_lines(self, item: yaml.Node) -> dict[int, str]:
        """Line → key, for each line on which one of the item's values ends (a block
        scalar: its first line, which holds the comment)."""
        found: dict[int, str] = {}
        for key, value in _pairs(item):
            if value.start_mark.index == value.end_mark.index:
                continue
            if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
                found[value.start_mark.line] = str(key.value)
            else:
                found[self.text.last_line(value)] = str(key.value)
        return found

    # --- putting in ---------------------------------------------------------------

    def history(self) -> History:
        """Where the entries go: into ``history`` if there is one, else after the last
        key of the file."""
        text, root = self.text, self.root
        index = key_index(root, "history")
        if index is None:
            key, value = root.value[-1]
            empty = value.start_mark.index == value.end_mark.index
            after = text.last_line(key if empty else value) + 1
            return History(None, [after], *self._indents(), blank=self._spaced())
        key, value = root.value[index]
        column = key.start_mark.column
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            items = value.value
            positions = [key.start_mark.line + 1]
            positions += [text.last_line(item) + 1 for item in items]
            dash = value.start_mark.column - column
            first = items[0]
            indent = first.start_mark.column - column if _block_mapping(first) else dash + 2
            return History(key.start_mark.line, positions, dash, indent, existing=True)
        if (
            isinstance(value, yaml.SequenceNode)
            and not value.value
            and value.start_mark.line == value.end_mark.line == key.start_mark.line
        ):
            return History(
                key.start_mark.line, [key.start_mark.line + 1], *self._indents(), empty=value
            )
        raise LayoutError("history")

    def _indents(self) -> tuple[int, int]:
        """The dash and key columns of the file's first list of mappings (``parties``),
        relative to its key; else 2 and 4 (``  - id: …``)."""
        for key, value in _pairs(self.root):
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                first = value.value[0]
                if _block_mapping(first):
                    base = key.start_mark.column
                    return value.start_mark.column - base, first.start_mark.column - base
        return 2, 4

    def _spaced(self) -> bool:
        """Whether the file's top-level keys are mostly set apart by a blank line."""
        text, pairs = self.text, _pairs(self.root)
        spaced = 0
        for key, _ in pairs[1:]:
            line = key.start_mark.line - 1
            while _alone(text.comment(line)):
                line -= 1
            spaced += text.blank(line)
        return spaced * 2 > len(pairs) - 1


def _alone(comment: Comment | None) -> bool:
    return comment is not None and comment.alone


@dataclass(slots=True)
class History:
    """Where new entries go: ``positions[k]`` is the line before which entries placed
    after ``k`` existing entries are written; ``dash`` and ``indent`` are the columns of
    an entry's dash and keys, relative to the ``history`` key."""

    key_line: int | None
    positions: list[int]
    dash: int
    indent: int
    existing: bool = False
    blank: bool = False
    empty: Any = None  # the ``[]`` of ``history: []``, when that is what the file says


def assemble(
    text: Text,
    dropped: set[int],
    inserted: dict[int, list[tuple[str, int]]],
) -> list[tuple[str, int]]:
    """The new lines, each with the line of the original it comes from (0-based)."""
    out: list[tuple[str, int]] = []

    def put(line: str, origin: int) -> None:
        if out and body(out[-1][0]) == out[-1][0]:  # the last line had no line break
            out[-1] = (out[-1][0] + text.break_, out[-1][1])
        out.append((line, origin))

    for i in range(len(text) + 1):
        for line, origin in inserted.get(i, ()):
            put(line, origin)
        if i < len(text) and i not in dropped:
            put(text.lines[i], i)
    return out
