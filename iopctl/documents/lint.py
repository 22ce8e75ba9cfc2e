"""The static check of a template against the agreement model, before anything renders.

:func:`lint_source` walks the template's syntax tree and checks every ``agreement.x.y``
chain (and loop variables bound to lists of models, narrowed by ``{% if c.kind == … %}``)
against the types of :data:`~iopctl.documents.context.ROOT_TYPES`: unknown variables, fields,
filters and tests are problems with their line, with a "did you mean" where one is close.
It also returns the model fields the template reads, for the agreement template's field
coverage (:func:`iopctl.documents.coverage.coverage_problems`); the types it reasons with
are in :mod:`iopctl.documents.lint_types`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from iopctl.documents.context import ROOT_TYPES
from iopctl.documents.filters import FILTER_NAMES
from iopctl.documents.lint_types import (
    NOT_FOUND,
    LintProblem,
    Ty,
    annotation_type,
    field_names,
    is_record,
    member_type,
    narrow,
)
from iopctl.documents.sandbox import Sandbox
from iopctl.documents.templates import display_path
from iopctl.model.agreement import Party
from iopctl.present.suggest import did_you_mean

__all__ = ["LintProblem", "annotation_type", "lint_source", "lint_template"]


_JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace"})
_LIST_KEEPING = frozenset(
    {"selectattr", "rejectattr", "sort", "unique", "reverse", "list", "batch"}
)
_ELEMENT = frozenset({"first", "last", "min", "max", "random"})


class _Linter:
    def __init__(self, file: str, filters: Mapping[str, Any], tests: Mapping[str, Any]) -> None:
        self.file = file
        self.filters = filters
        self.tests = tests
        self.problems: list[LintProblem] = []
        self.used: set[tuple[type, str]] = set()

    def problem(self, node: nodes.Node, message: str) -> None:
        self.problems.append(LintProblem(self.file, getattr(node, "lineno", 0) or 0, message))

    # expressions

    def expr(self, node: nodes.Node, scope: dict[str, Ty | None]) -> Ty | None:
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return None
            if node.name in scope:
                return scope[node.name]
            if node.name in _JINJA_GLOBALS:
                return None
            suggestion = did_you_mean(node.name, scope)
            hint = f" ({suggestion})" if suggestion else ""
            self.problem(node, f"unknown variable {node.name!r}{hint}")
            return None
        if isinstance(node, nodes.Const):
            return Ty((type(node.value),)) if node.value is not None else None
        if isinstance(node, nodes.Getattr):
            owner = self.expr(node.node, scope)
            return self.attribute(node, owner, node.attr)
        if isinstance(node, nodes.Getitem):
            owner = self.expr(node.node, scope)
            self.expr(node.arg, scope)
            if owner is None:
                return None
            if owner.is_list:
                return Ty(owner.classes) if not isinstance(node.arg, nodes.Slice) else owner
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.attribute(node, owner, node.arg.value)
            return None
        if isinstance(node, nodes.Filter):
            return self.filter(node, scope)
        if isinstance(node, nodes.Test):
            self.expr(node.node, scope)
            for arg in node.args:
                self.expr(arg, scope)
            if node.name not in self.tests:
                self.problem(node, f"unknown test {node.name!r}")
            return Ty((bool,))
        if isinstance(node, nodes.Call):
            for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
                self.expr(arg, scope)
            for extra in (node.dyn_args, node.dyn_kwargs):
                if extra is not None:
                    self.expr(extra, scope)
            return self.expr(node.node, scope)
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return None

    def attribute(self, node: nodes.Node, owner: Ty | None, attr: str) -> Ty | None:
        if owner is None:
            return None
        if owner.is_list:
            self.problem(node, f"{attr!r} asked of a list ({owner.describe()}): loop over it")
            return None
        results: list[Ty | None] = []
        found = False
        for cls in owner.classes:
            kind, is_field = member_type(cls, attr)
            if kind is NOT_FOUND:
                continue
            found = True
            if is_field:
                self.used.add((cls, attr))
            results.append(kind if isinstance(kind, Ty) else None)
        if not found:
            if not any(is_record(c) for c in owner.classes):
                self.problem(node, f"{owner.describe()} has no attribute {attr!r}")
                return None
            known = sorted({n for c in owner.classes for n in field_names(c)})
            suggestion = did_you_mean(attr, known)
            hint = f" ({suggestion})" if suggestion else ""
            self.problem(node, f"{owner.describe()} has no field {attr!r}{hint}")
            return None
        if any(r is None for r in results) or not results:
            return None
        known_results = [r for r in results if r is not None]
        if len({r.is_list for r in known_results}) != 1:
            return None
        classes = tuple(dict.fromkeys(c for r in known_results for c in r.classes))
        return Ty(classes, known_results[0].is_list)

    def filter(self, node: nodes.Filter, scope: dict[str, Ty | None]) -> Ty | None:
        value = self.expr(node.node, scope) if node.node is not None else None
        for arg in [*node.args, *(kw.value for kw in node.kwargs)]:
            self.expr(arg, scope)
        name = node.name
        if name not in self.filters:
            self.problem(node, f"unknown filter {name!r}")
            return None
        element = Ty(value.classes) if value is not None and value.is_list else None
        attribute_arg: str | None = None
        for kw in node.kwargs:
            if kw.key == "attribute" and isinstance(kw.value, nodes.Const):
                attribute_arg = str(kw.value.value)
        if name in ("selectattr", "rejectattr") and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                attribute_arg = first.value
        if attribute_arg is not None and element is not None:
            for part in attribute_arg.split("."):
                element = self.attribute(node, element, part) if element is not None else None
        if name == "party":
            return Ty((Party,))
        if name in FILTER_NAMES:
            return Ty((str,))
        if name == "selectattr" and value is not None and value.is_list:
            return self.narrow_selected(node, value)
        if name in _LIST_KEEPING:
            return value
        if name in _ELEMENT:
            return Ty(value.classes) if value is not None and value.is_list else None
        if name == "map" and attribute_arg is not None and element is not None:
            return Ty(element.classes, True) if not element.is_list else None
        if name in ("length", "count"):
            return Ty((int,))
        if name == "default":
            return value
        return None

    def narrow_selected(self, node: nodes.Filter, value: Ty) -> Ty:
        args = node.args
        if len(args) >= 3 and all(isinstance(a, nodes.Const) for a in args[:3]):
            attr, test, wanted = (a.value for a in args[:3])  # type: ignore[attr-defined]
            if test in ("eq", "equalto", "=="):
                narrowed = narrow(value.classes, attr, wanted)
                if narrowed:
                    return Ty(narrowed, True)
        return value

    # statements

    def body(self, body: Sequence[nodes.Node], scope: dict[str, Ty | None]) -> None:
        for node in body:
            self.stmt(node, scope)

    def bind(self, target: nodes.Node, kind: Ty | None, scope: dict[str, Ty | None]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, None, scope)
        elif isinstance(target, nodes.NSRef):
            self.expr(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    def stmt(self, node: nodes.Node, scope: dict[str, Ty | None]) -> None:
        if isinstance(node, nodes.Output):
            for item in node.nodes:
                if not isinstance(item, nodes.TemplateData):
                    self.expr(item, scope)
        elif isinstance(node, nodes.For):
            iterated = self.expr(node.iter, scope)
            inner = dict(scope)
            element = Ty(iterated.classes) if iterated is not None and iterated.is_list else None
            self.bind(node.target, element, inner)
            inner["loop"] = None
            if node.test is not None:
                self.expr(node.test, inner)
            self.body(node.body, inner)
            self.body(node.else_, dict(scope))
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, self.narrowed(node.test, scope))
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            kind = self.expr(node.node, scope)
            self.bind(node.target, kind, scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, scope)
            self.bind(node.target, Ty((str,)), scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.CallBlock):
                self.expr(node.call, scope)
            inner = dict(scope)
            for arg in node.args:
                self.bind(arg, None, inner)
            for default in node.defaults:
                self.expr(default, scope)
            for name in ("caller", "varargs", "kwargs"):
                inner[name] = None
            self.body(node.body, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = None
        elif isinstance(node, nodes.Import):
            self.expr(node.template, scope)
            scope[node.target] = None
        elif isinstance(node, nodes.FromImport):
            self.expr(node.template, scope)
            for imported in node.names:
                scope[imported if isinstance(imported, str) else imported[1]] = None
        elif isinstance(node, nodes.Include | nodes.Extends):
            self.expr(node.template, scope)
        elif isinstance(node, nodes.ExprStmt):
            self.expr(node.node, scope)
        elif isinstance(node, nodes.FilterBlock):
            self.filter_block(node, scope)
        else:
            for child in node.iter_child_nodes():
                if isinstance(child, nodes.Expr):
                    self.expr(child, scope)
                else:
                    self.stmt(child, scope)

    def filter_block(self, node: nodes.FilterBlock, scope: dict[str, Ty | None]) -> None:
        filters = node.filter
        while isinstance(filters, nodes.Filter):
            if filters.name not in self.filters:
                self.problem(filters, f"unknown filter {filters.name!r}")
            for arg in filters.args:
                self.expr(arg, scope)
            filters = filters.node  # type: ignore[assignment]
        self.body(node.body, scope)

    def narrowed(self, test: nodes.Node, scope: dict[str, Ty | None]) -> dict[str, Ty | None]:
        """``{% if c.kind == "money" %}`` narrows ``c`` to the classes with that literal."""
        if (
            isinstance(test, nodes.Compare)
            and isinstance(test.expr, nodes.Getattr)
            and isinstance(test.expr.node, nodes.Name)
            and len(test.ops) == 1
            and test.ops[0].op == "eq"
            and isinstance(test.ops[0].expr, nodes.Const)
        ):
            name = test.expr.node.name
            current = scope.get(name)
            if current is not None and not current.is_list:
                narrowed = narrow(current.classes, test.expr.attr, test.ops[0].expr.value)
                if narrowed:
                    return _ScopeView(scope, name, Ty(narrowed))
        return scope


class _ScopeView(dict[str, "Ty | None"]):
    """A scope with one name narrowed; other assignments still reach the outer scope."""

    def __init__(self, outer: dict[str, Ty | None], name: str, kind: Ty) -> None:
        super().__init__(outer)
        self[name] = kind
        self._outer = outer
        self._name = name

    def __setitem__(self, key: str, value: Ty | None) -> None:
        super().__setitem__(key, value)
        if key != getattr(self, "_name", None) and hasattr(self, "_outer"):
            self._outer[key] = value


def _lint_environment() -> SandboxedEnvironment:
    env = Sandbox(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    for name in FILTER_NAMES:
        env.filters[name] = lambda value, *args: value
    return env


def lint_source(source: str, file: str) -> tuple[list[LintProblem], set[tuple[type, str]]]:
    """Problems in one template, and the model fields it reads."""
    env = _lint_environment()
    try:
        ast = env.parse(source, filename=file)
    except TemplateSyntaxError as exc:
        return [LintProblem(file, exc.lineno, f"syntax error: {exc.message}")], set()
    linter = _Linter(file, env.filters, env.tests)
    scope: dict[str, Ty | None] = {name: Ty((kind,)) for name, kind in ROOT_TYPES.items()}
    linter.body(ast.body, scope)
    return sorted(set(linter.problems)), linter.used


@lru_cache(maxsize=64)
def _lint_cached(source: str, file: str) -> tuple[LintProblem, ...]:
    return tuple(lint_source(source, display_path(file))[0])


def lint_template(source: str, file: str) -> list[LintProblem]:
    """Problems of one template; parsed once per run, however many agreements use it."""
    return list(_lint_cached(source, file))
