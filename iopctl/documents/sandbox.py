"""The sandbox templates run in, and what a field without a value reads as.

* **Missing data is an error, never a blank.** A field that is ``None`` (or absent) reads
  as :class:`Missing` (:mod:`iopctl.documents.missing`): false in ``{% if %}``, an error
  naming the field when printed, looped over or formatted (:class:`MissingFieldError`), a
  marked placeholder in draft mode, or the words for "not known" where the sources of an
  ended agreement leave it so.
* **Data is not code.** :class:`Sandbox` is Jinja's
  :class:`~jinja2.sandbox.SandboxedEnvironment` that also hides everything on a model
  except its fields and derived facts (:func:`model_members`), so
  ``agreement.model_dump`` or ``__class__`` stop with an error.
* **A template cannot build without bound.** Everything a template can make large goes
  through a check first (:class:`TemplateLimit`, a template error): ``*`` and ``**``,
  ``%`` and ``format`` widths, ``~`` and ``+``, ``namespace`` values, list growth,
  ``replace``/``indent``/``join``/``sum`` and any integer argument above
  :data:`MAX_ARGUMENT`. Strings stay under :data:`MAX_SIZE` characters, lists under
  :data:`MAX_ITEMS`; the output of one document under :data:`MAX_SIZE`
  (:func:`render_bounded`), and its time is limited by :mod:`iopctl.documents.budget`.
"""

from __future__ import annotations

import functools
import re
import string
import types
from collections.abc import Callable, Sized
from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateRuntimeError
from jinja2.nodes import Concat
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from pydantic import BaseModel

from iopctl.documents.missing import Missing as Missing
from iopctl.documents.missing import MissingFieldError as MissingFieldError

__all__ = [
    "MAX_ARGUMENT",
    "MAX_ITEMS",
    "MAX_SIZE",
    "Missing",
    "MissingFieldError",
    "Sandbox",
    "TemplateLimit",
    "model_members",
    "render_bounded",
]


# --- the sandbox -------------------------------------------------------------------------------


@cache
def model_members(cls: type[BaseModel]) -> frozenset[str]:
    """What a template may read on a model: its fields and the facts its class derives."""
    names = set(cls.model_fields)
    for klass in cls.__mro__:
        if klass is BaseModel:
            break
        names.update(
            name
            for name in vars(klass)
            if not name.startswith("_") and not name.startswith("model_")
        )
    return frozenset(names)


@cache
def _plain_members(cls: type) -> frozenset[str]:
    """The attributes of ``cls`` that Jinja's sandbox would find safe to read, known from
    the class alone: a model's :func:`model_members`, a dataclass's fields (not ``_``).
    Jinja's checks ask of the object, not the name, only whether it is a function, type,
    frame or the like, which a model or a dataclass of the context never is."""
    if issubclass(cls, BaseModel):
        return model_members(cls)
    fields = getattr(cls, "__dataclass_fields__", None)
    if isinstance(fields, dict):
        return frozenset(name for name in fields if not name.startswith("_"))
    return frozenset()


MAX_SIZE = 32 * 1024 * 1024
"""Characters of a string a template builds, or of one document's Markdown."""

MAX_ITEMS = 1_000_000
"""Items of a list a template builds."""

MAX_ARGUMENT = 100_000
"""An integer a template passes to a filter or method (a width, a count, a repetition):
as large as Jinja's own ``range`` limit."""

_MAX_POWER_BITS = 100_000


class TemplateLimit(TemplateRuntimeError):
    """A template tried to build something larger than the limits allow."""


def _size_of(value: object) -> int | None:
    return len(value) if isinstance(value, str | list | tuple | bytes | Sized) else None


def _check_size(size: int, what: str, limit: int = MAX_SIZE) -> None:
    if size > limit:
        raise TemplateLimit(f"{what} would be {size:,} long; a template may build {limit:,}")


def _check_arguments(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise TemplateLimit(
                f"{name}: the argument {value} is larger than {MAX_ARGUMENT:,} allows"
            )


_PRINTF_WIDTH = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format(text: str) -> None:
    """Widths and precisions in a ``%`` or ``{}`` format string stay small."""
    for width, precision in _PRINTF_WIDTH.findall(text):
        for number in (width, precision):
            if number == "*" or (number and int(number) > 10_000):
                raise TemplateLimit(f"format width {number!r} is too large (at most 10000)")
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format reports it
    for _, _, spec, _ in fields:
        if spec and ("{" in spec or any(int(n) > 10_000 for n in re.findall(r"\d+", spec))):
            raise TemplateLimit(f"format spec {spec!r} is too wide (at most 10000)")


def _guard_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    skip = 2 if getattr(fn, "jinja_pass_arg", None) is not None else 1
    label = f"filter {name}"
    special = name in _MAY_GROW

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        values = args[skip - 1 :]
        if len(values) > 1 or kwargs:
            _check_arguments(label, values[1:], kwargs)
        if special:
            args = _check_growth(name, args, values, kwargs, skip)
        result = fn(*args, **kwargs)
        if isinstance(result, str):
            _check_size(len(result), label)
        elif isinstance(result, list):
            _check_size(len(result), label, MAX_ITEMS)
        return result

    return guarded


_MAY_GROW = frozenset({"replace", "indent", "format", "sum", "join"})
"""The filters whose own arguments :func:`_check_growth` checks before they run."""


def _check_growth(
    name: str, args: tuple[Any, ...], values: tuple[Any, ...], kwargs: dict[str, Any], skip: int
) -> tuple[Any, ...]:
    """What one of :data:`_MAY_GROW` would build stays under the limits; the arguments
    to call it with (``join`` gets its items as a list, read once)."""
    value = values[0] if values else None
    if name == "replace" and len(values) >= 3:
        text, old, new = str(value), str(values[1]), str(values[2])
        count = text.count(old) if old else len(text) + 1
        _check_size(len(text) + count * max(0, len(new) - len(old)), "replace")
    elif name == "indent":
        width = values[1] if len(values) > 1 else kwargs.get("width", 4)
        per_line = len(width) if isinstance(width, str) else int(width)
        text = str(value)
        _check_size(len(text) + (text.count("\n") + 1) * per_line, "indent")
    elif name == "format":
        _check_format(str(value))
    elif name == "sum":
        start = values[2] if len(values) > 2 else kwargs.get("start", 0)
        if not isinstance(start, int | float | Decimal):
            raise TemplateLimit("filter sum: start must be a number")
    elif name == "join":
        items = list(value) if value is not None and not isinstance(value, str) else value
        if isinstance(items, list):
            sep = values[1] if len(values) > 1 else kwargs.get("d", "")
            total = len(str(sep)) * len(items) + sum(len(str(item)) for item in items)
            _check_size(total, "join")
            return (*args[: skip - 1], items, *values[1:])
    return args


class _BoundedNamespace(Namespace):
    """``namespace()`` whose values stay under :data:`MAX_SIZE`."""

    def __setitem__(self, name: str, value: Any) -> None:
        if isinstance(value, str):
            _check_size(len(value), f"namespace value {name}")
        elif isinstance(value, list):
            _check_size(len(value), f"namespace value {name}", MAX_ITEMS)
        super().__setitem__(name, value)


class _Compiler(CodeGenerator):
    """Jinja's code generator, with ``~`` through :meth:`Sandbox.concat_checked`."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.concat_checked((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


_SLOW_PATH = (types.MethodType, types.BuiltinMethodType, jinja2.Undefined)

_LIST_GROWS = {"append", "extend", "insert", "__iadd__"}


class Sandbox(SandboxedEnvironment):
    """A sandbox where ``None`` reads as :class:`Missing`, models show only their data,
    and nothing a template builds outgrows :data:`MAX_SIZE`."""

    code_generator_class = _Compiler
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: _guard_filter(name, fn) for name, fn in self.filters.items()}
        self.globals["namespace"] = _BoundedNamespace

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(obj, BaseModel):
            return attr in model_members(type(obj))
        return True

    def getattr(self, obj: Any, attribute: str) -> Any:
        kind: type = type(obj)
        if attribute in _plain_members(kind):
            # The common case, a field or fact of a model or of the context's dataclasses,
            # decided in one set lookup (Jinja's checks would find it safe: no ``_``, and
            # neither is a function, type or frame); a quarter of a document's time went
            # to the general path (issue #17).
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if value is None:
                    return self.undefined(obj=obj, name=attribute)
                if not isinstance(value, _SLOW_PATH):  # e.g. str.format, a method
                    return value
        return self._checked(obj, attribute, super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return self._checked(obj, argument, super().getitem(obj, argument))

    def _checked(self, obj: Any, name: Any, value: Any) -> Any:
        if isinstance(value, jinja2.Undefined):
            exc = value._undefined_exception
            if isinstance(exc, type) and issubclass(exc, SecurityError):
                raise SecurityError(value._undefined_message)
            return value
        if value is None and not isinstance(obj, jinja2.Undefined):
            return self.undefined(obj=obj, name=name)
        return value

    # --- what a template can make large --------------------------------------------------

    def concat_checked(self, parts: tuple[Any, ...]) -> str:
        texts = [str(part) for part in parts]
        _check_size(sum(len(text) for text in texts), "~")
        return "".join(texts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                size = _size_of(seq)
                if size is not None and isinstance(times, int):
                    limit = MAX_SIZE if isinstance(seq, str | bytes) else MAX_ITEMS
                    _check_size(size * times, "*", limit)
            ints = isinstance(left, int) and isinstance(right, int)
            if ints and left.bit_length() + right.bit_length() > _MAX_POWER_BITS:
                raise TemplateLimit("the product is too large a number")
        elif operator == "**":
            ints = isinstance(left, int) and isinstance(right, int)
            if ints and right > 0 and max(left.bit_length(), 1) * right > _MAX_POWER_BITS:
                raise TemplateLimit("the power is too large a number")
        elif operator == "%":
            if isinstance(left, str):
                _check_format(left)
        elif operator == "+":
            a, b = _size_of(left), _size_of(right)
            if a is not None and b is not None:
                _check_size(a + b, "+")
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__)
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(__obj, "__name__", "a function")
        _check_arguments(name, args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, list) and name in _LIST_GROWS:
            added = sum(_size_of(a) or 1 for a in args) if name != "append" else 1
            _check_size(len(owner) + added, f"list.{name}", MAX_ITEMS)
        elif isinstance(owner, str) and name in ("replace", "join", "expandtabs"):
            if name == "replace" and len(args) >= 2:
                old, new = str(args[0]), str(args[1])
                count = owner.count(old) if old else len(owner) + 1
                _check_size(len(owner) + count * max(0, len(new) - len(old)), "replace")
            elif name == "join" and args:
                items = list(args[0])
                total = len(owner) * len(items) + sum(len(str(i)) for i in items)
                _check_size(total, "join")
                args = (items, *args[1:])
            elif name == "expandtabs":
                _check_size(len(owner) * 8, "expandtabs")
        return super().call(__context, __obj, *args, **kwargs)


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """The template's output, stopped once it passes :data:`MAX_SIZE` characters.

    What :meth:`jinja2.Template.generate` does, without its generator around each of a
    document's few hundred pieces: Jinja's own error handling (the template's line in the
    traceback) on any exception."""
    chunks: list[str] = []
    add = chunks.append
    size = 0
    try:
        for chunk in template.root_render_func(template.new_context(dict(context))):
            size += len(chunk)
            if size > MAX_SIZE:
                break
            add(chunk)
    except Exception:
        template.environment.handle_exception()
    _check_size(size, "the document")
    return "".join(chunks)
