"""Composed YAML nodes turned into plain values, with every position and problem kept.

This is the careful half of :mod:`iopctl.reading.source`: it runs when a file
needs positions (a diagnostic must point at a line) or holds something the fast
path does not take (tags, anchors, duplicate keys, odd scalars). It is kept apart
so that each half reads on its own; both share the rules in
:mod:`iopctl.reading.rules`, so they agree on every value
(``tests/test_bench_equivalence.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.problems.diagnostic import Diagnostic, Severity, Words
from iopctl.reading.rules import (
    BOOL_WORDS,
    DATE,
    MAX_ALIAS_EXPANSIONS,
    MAX_DEPTH,
    MAX_EXPANDED_CHARS,
    MAX_NODES,
    SURPRISING_BOOLS,
    TAG,
    NumberOutOfBounds,
    check_number,
    impossible_date,
    parse_float,
    parse_int,
    timestamp_value,
)

__all__ = ["Abort", "Builder", "Path", "Scalar", "describe", "too_deep"]

Path = tuple[str | int, ...]


@frozen(slots=True)
class Scalar:
    """How a plain (unquoted) scalar was written, when YAML did not read it as text."""

    text: str
    kind: str  # "boolean", "number", "date", "timestamp", "null"
    surprising: bool  # a YAML 1.1 reading most people do not expect


def too_deep(file: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        file,
        line,
        col,
        "IOP004",
        Severity.ERROR,
        N_("values are nested deeper than {MAX_DEPTH} levels"),
        N_("an agreement needs only a few levels of nesting; check for a runaway structure"),
        args={"MAX_DEPTH": MAX_DEPTH},
    )


def describe(value: object) -> Words:
    """What kind of value YAML read, in words ("a number")."""
    if value is None:
        return Words(N_("null"))
    if isinstance(value, bool):
        return Words(N_("a boolean"))
    if isinstance(value, int | Decimal):
        return Words(N_("a number"))
    if isinstance(value, dt.date):
        return Words(N_("a date"))
    return Words(N_("text"))


class Abort(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class Builder:
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
        self.chars = 0  # text in scalars as built: aliases count every time they are used
        self.seen: set[int] = set()

    def _error(
        self, node: yaml.Node, code: str, message: str, hint: str, **args: Any
    ) -> Diagnostic:
        """An error at ``node``'s first character."""
        mark = node.start_mark
        return Diagnostic(
            self.file,
            mark.line + 1,
            mark.column + 1,
            code,
            Severity.ERROR,
            message,
            hint,
            args=args,
        )

    def _abort(self, node: yaml.Node, code: str, message: str, hint: str, **args: Any) -> Abort:
        return Abort(self._error(node, code, message, hint, **args))

    def _problem(self, node: yaml.Node, code: str, message: str, hint: str, **args: Any) -> None:
        self.problems.append(self._error(node, code, message, hint, **args))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise Abort(too_deep(self.file, mark.line + 1, mark.column + 1))
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._abort(
                node,
                "IOP004",
                N_("the file expands to more than {MAX_NODES:,} values"),
                N_(
                    "an alias/anchor structure or a generated file is far too large for an "
                    "agreement"
                ),
                MAX_NODES=MAX_NODES,
            )
        if isinstance(node, yaml.CollectionNode):
            key = id(node)
            if key in self.seen:
                self.expansions += 1
                if self.expansions > MAX_ALIAS_EXPANSIONS:
                    raise self._abort(
                        node,
                        "IOP004",
                        N_("more than {MAX_ALIAS_EXPANSIONS:,} alias expansions (an 'alias bomb')"),
                        N_("write the values out instead of repeating aliases (*name)"),
                        MAX_ALIAS_EXPANSIONS=MAX_ALIAS_EXPANSIONS,
                    )
            else:
                self.seen.add(key)
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
            if self.chars > MAX_EXPANDED_CHARS:
                raise self._abort(
                    node,
                    "IOP004",
                    N_(
                        "the values expand to more than {MAX_EXPANDED_CHARS:,} characters of "
                        "text (aliases repeat text without making the file larger)"
                    ),
                    N_("write the text out once instead of repeating an alias (*name)"),
                    MAX_EXPANDED_CHARS=MAX_EXPANDED_CHARS,
                )
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != TAG + "map":
                raise self._unsupported_tag(node)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if tag != TAG + "seq":
                raise self._unsupported_tag(node)
            return [
                self.build(child, (*path, index), depth + 1)
                for index, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _unsupported_tag(self, node: yaml.Node) -> Abort:
        tag = node.tag
        shown = "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag
        return self._abort(
            node,
            "IOP006",
            N_(
                "unsupported YAML tag {shown}; only plain text, numbers, dates, lists and "
                "mappings are allowed"
            ),
            N_("remove the tag; iopctl never constructs objects from YAML"),
            shown=shown,
        )

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == TAG + "merge":
                raise self._abort(
                    key_node,
                    "IOP006",
                    N_("merge keys (<<) are not supported"),
                    N_("write the keys out in full; merged values make a reviewed text ambiguous"),
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != TAG + "str":
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "…"
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                self._problem(
                    key_node,
                    "IOP007",
                    N_(
                        "key {shown!r} is not text (YAML read it as {node_kind}); keys must "
                        "be names such as `title`"
                    ),
                    N_("quote the key: '{shown}':")
                    if isinstance(key_node, yaml.ScalarNode)
                    else "",
                    shown=shown,
                    node_kind=_node_kind(key_node),
                )
                continue
            key = key_node.value
            self.chars += len(key)  # keys too: an aliased key repeats its text
            kmark = key_node.start_mark
            if key in first_seen:
                shown = key if len(key) <= 40 else key[:39] + "…"
                self._problem(
                    key_node,
                    "IOP008",
                    N_("duplicate key {shown!r}; it was already given on line {first_seen}"),
                    N_("remove one of them (YAML would silently keep only the last)"),
                    shown=shown,
                    first_seen=first_seen[key],
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
        if tag == TAG + "str":
            return text
        plain = not node.style  # None (pure loader) or '' (C loader)
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            lowered = text.lower()
            if lowered not in BOOL_WORDS:
                self._invalid(
                    node, path, N_("{text!r} is not a boolean"), N_("write true or false"), text
                )
                return text
            if plain:
                self.scalars[path] = Scalar(text, "boolean", lowered in SURPRISING_BOOLS)
            return BOOL_WORDS[lowered]
        if tag in (TAG + "int", TAG + "float"):
            try:
                check_number(text)
            except NumberOutOfBounds as exc:
                return self._too_long(node, path, exc)
        if tag == TAG + "int":
            try:
                value, odd = parse_int(text)
            except NumberOutOfBounds as exc:
                return self._too_long(node, path, exc)
            except ValueError:
                self._invalid(
                    node, path, N_("{text!r} is not an integer"), N_("write digits only"), text
                )
                return text
            if plain:
                self.scalars[path] = Scalar(text, "number", odd)
            return value
        if tag == TAG + "float":
            try:
                number, odd = parse_float(text)
            except NumberOutOfBounds as exc:
                return self._too_long(node, path, exc)
            except (InvalidOperation, ValueError):
                self._invalid(
                    node, path, N_("{text!r} is not a number"), N_("write e.g. 933000.50"), text
                )
                return text
            if plain:
                self.scalars[path] = Scalar(text, "number", odd)
            return number
        if tag == TAG + "timestamp":
            return self._timestamp(node, path, text, plain)
        raise self._unsupported_tag(node)

    def _too_long(self, node: yaml.ScalarNode, path: Path, exc: NumberOutOfBounds) -> str:
        self._problem(
            node,
            "IOP010",
            exc.msgid,
            N_(
                "write the number as it is in the agreement (kronor with at most two "
                "decimals, e.g. 933000.50); put text in quotes"
            ),
            **exc.args_,
        )
        self.reported.add(path)
        return "…"  # never used: the path is reported, so the schema skips it

    def _invalid(
        self, node: yaml.ScalarNode, path: Path, message: str, hint: str, text: str
    ) -> None:
        self._problem(node, "IOP104", message, hint, text=text)
        self.reported.add(path)

    def _timestamp(self, node: yaml.ScalarNode, path: Path, text: str, plain: bool) -> Any:
        match = DATE.match(text)
        try:
            if match and match.end() == len(text):
                value: dt.date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
                if plain:
                    self.scalars[path] = Scalar(text, "date", False)
                return value
            parsed = timestamp_value(text)
        except ValueError as exc:
            wrong = impossible_date(text)
            self._problem(
                node,
                "IOP105",
                N_("{text!r} is not a date: {wrong}")
                if wrong
                else N_("{text!r} is not a valid date: {exc}"),
                N_("write an existing date as YYYY-MM-DD, e.g. 2022-02-28"),
                text=text,
                exc=str(exc),
                wrong=wrong,
            )
            self.reported.add(path)
            return text
        if plain:
            self.scalars[path] = Scalar(text, "timestamp", True)
        return parsed


def _node_kind(node: yaml.Node) -> Words:
    if isinstance(node, yaml.MappingNode):
        return Words(N_("a mapping"))
    if isinstance(node, yaml.SequenceNode):
        return Words(N_("a list"))
    tag = node.tag
    for suffix, kind in (
        ("bool", N_("a boolean")),
        ("int", N_("a number")),
        ("float", N_("a number")),
        ("null", N_("null")),
        ("timestamp", N_("a date")),
    ):
        if tag == TAG + suffix:
            return Words(kind)
    return Words(N_("a tagged value"))
