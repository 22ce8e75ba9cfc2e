"""The sandbox templates run in, and what a field without a value reads as.

* **Missing data is an error, never a blank.** A field that is ``None`` (or absent) reads
  as :class:`Missing`: false in ``{% if %}``, an error naming the field when printed,
  looped over or formatted (:class:`MissingFieldError`), or a marked placeholder in draft
  mode.
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
from collections.abc import Callable, Iterator, Sized
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, NoReturn

import jinja2
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError, TemplateRuntimeError, UndefinedError
from jinja2.nodes import Concat
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Namespace
from jinja2.utils import missing as _jinja_missing
from pydantic import BaseModel

from iopctl.model.agreement import Agreement

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


# --- missing values ----------------------------------------------------------------------------


class MissingFieldError(UndefinedError):
    """A template printed, looped over or formatted a field that has no value."""

    def __init__(self, path: str, hint: str | None = None) -> None:
        super().__init__(f"missing field {path}")
        self.path = path
        self.hint = hint


class Missing(jinja2.Undefined):
    """A field without a value. Falsy, chainable (``missing.x`` is missing too); printing
    it raises :class:`MissingFieldError`, or gives a placeholder in draft mode.

    Each render makes a subclass that knows the draft flag, the placeholder label and the
    data path of every object (``id(obj) → "parties[1]"``), so the error can say which field.
    """

    __slots__ = ("_path",)
    _draft: ClassVar[bool] = False
    _label: ClassVar[str] = "SAKNAS"
    _paths: ClassVar[dict[int, str]] = {}
    _placeholders: ClassVar[list[str]] = []

    def __init__(
        self,
        hint: str | None = None,
        obj: Any = _jinja_missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
        *,
        path: str | None = None,
    ) -> None:
        super().__init__(hint, obj, name, exc)
        if path is None:
            path = self._path_of(obj, name)
        self._path = path

    @classmethod
    def _path_of(cls, obj: Any, name: Any) -> str:
        if obj is _jinja_missing or obj is None:
            return str(name)
        if isinstance(obj, Missing):
            base = obj._path
        else:
            base = cls._paths.get(id(obj), "")
            if not base and not isinstance(obj, Agreement):
                base = type(obj).__name__
        if isinstance(name, int):
            return f"{base}[{name}]"
        return f"{base}.{name}" if base else str(name)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is not UndefinedError and self._undefined_hint:
            return self._undefined_hint
        return f"missing field {self._path}"

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        if self._undefined_exception is not UndefinedError:
            raise self._undefined_exception(self._undefined_message)
        raise MissingFieldError(self._path, self._undefined_hint)

    def __getattr__(self, name: str) -> Any:
        if name[:2] == "__":
            raise AttributeError(name)
        return type(self)(
            hint=self._undefined_hint,
            exc=self._undefined_exception,
            path=f"{self._path}.{name}",
        )

    def _placeholder(self) -> str | None:
        if self._draft and self._undefined_exception is UndefinedError:
            if self._path not in self._placeholders:
                self._placeholders.append(self._path)
            return f"[{self._label}: {self._path}]"
        return None

    def __str__(self) -> str:
        shown = self._placeholder()
        if shown is None:
            self._fail_with_undefined_error()
        return shown

    def __iter__(self) -> Iterator[Any]:
        if self._placeholder() is None:
            self._fail_with_undefined_error()
        return iter(())

    def __len__(self) -> int:
        if self._placeholder() is None:
            self._fail_with_undefined_error()
        return 0

    def __repr__(self) -> str:
        return f"Missing({self._path})"


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

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        values = args[skip - 1 :]
        _check_arguments(f"filter {name}", values[1:], kwargs)
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
                args = (*args[: skip - 1], items, *values[1:])
        result = fn(*args, **kwargs)
        if isinstance(result, str):
            _check_size(len(result), f"filter {name}")
        elif isinstance(result, list):
            _check_size(len(result), f"filter {name}", MAX_ITEMS)
        return result

    return guarded


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
    """The template's output, stopped once it passes :data:`MAX_SIZE` characters."""
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        _check_size(size, "the document")
        chunks.append(chunk)
    return "".join(chunks)
