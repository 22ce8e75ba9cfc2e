"""The sandbox templates run in, and what a field without a value reads as.

* **Missing data is an error, never a blank.** A field that is ``None`` (or absent) reads
  as :class:`Missing`: false in ``{% if %}``, an error naming the field when printed,
  looped over or formatted (:class:`MissingFieldError`), or a marked placeholder in draft
  mode.
* **Data is not code.** :class:`Sandbox` is Jinja's
  :class:`~jinja2.sandbox.SandboxedEnvironment` that also hides everything on a model
  except its fields and derived facts (:func:`model_members`), so
  ``agreement.model_dump`` or ``__class__`` stop with an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, ClassVar, NoReturn

import jinja2
from jinja2.exceptions import SecurityError, TemplateRuntimeError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import missing as _jinja_missing
from pydantic import BaseModel

from iopctl.model.agreement import Agreement

__all__ = ["Missing", "MissingFieldError", "Sandbox", "model_members"]


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


class Sandbox(SandboxedEnvironment):
    """A sandbox where ``None`` reads as :class:`Missing` and models show only their data."""

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
