"""What a field without a value reads as in a template: :class:`Missing`.

False in ``{% if %}``, chainable (``missing.x`` is missing too); printed, looped over or
formatted it is an error naming the field (:class:`MissingFieldError`), a marked draft
placeholder, or the words for "not known" (:mod:`iopctl.documents.environment` makes one
subclass per render that knows which).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, NoReturn, cast

import jinja2
from jinja2.exceptions import TemplateRuntimeError, UndefinedError
from jinja2.utils import missing as _jinja_missing

from iopctl.i18n import Words
from iopctl.model.agreement import PartialAgreement

__all__ = ["Missing", "MissingFieldError"]


class MissingFieldError(UndefinedError):
    """A template printed, looped over or formatted a field that has no value; ``hint`` is
    why it has none (words said when the error is shown)."""

    def __init__(self, path: str, hint: str | Words | None = None) -> None:
        super().__init__(f"missing field {path}")
        self.path = path
        self.hint = hint


class Missing(jinja2.Undefined):
    """A field without a value. Falsy, chainable (``missing.x`` is missing too); printing
    it raises :class:`MissingFieldError`, or gives a placeholder in draft mode
    (``[SAKNAS: organisationsnummer för Socialnämnden]``), or ``_unknown`` ("uppgift
    saknas") for an ended agreement whose sources do not say.

    Each render makes a subclass that knows the mode, the placeholder label, the words for
    a field (``_words``) and the data path of every object (``id(obj) → "parties[1]"``),
    so the error can say which field. Every field printed in place of a value is listed in
    ``_placeholders`` by its path.
    """

    __slots__ = ("_known_path",)
    _draft: ClassVar[bool] = False
    _unknown: ClassVar[str | None] = None
    _label: ClassVar[str] = "SAKNAS"
    _paths: ClassVar[Mapping[int, str]] = {}
    _placeholders: ClassVar[list[str]] = []

    def __init__(
        self,
        hint: str | Words | None = None,
        obj: Any = _jinja_missing,
        name: str | None = None,
        exc: type[TemplateRuntimeError] = UndefinedError,
        *,
        path: str | None = None,
    ) -> None:
        # Jinja keeps the hint as it is; a Words is said when an error shows it.
        super().__init__(cast("str | None", hint), obj, name, exc)
        self._known_path = path

    @property
    def _path(self) -> str:
        """The field's data path (``parties[1].name``), worked out when first needed: most
        missing fields are only tested (``{% if … %}``) and never named."""
        path = self._known_path
        if path is None:
            path = self._known_path = self._path_of(self._undefined_obj, self._undefined_name)
        return path

    @classmethod
    def _path_of(cls, obj: Any, name: Any) -> str:
        if obj is _jinja_missing or obj is None:
            return str(name)
        if isinstance(obj, Missing):
            base = obj._path
        else:
            base = cls._paths.get(id(obj), "")
            if not base and not isinstance(obj, PartialAgreement):
                base = type(obj).__name__
        if isinstance(name, int):
            return f"{base}[{name}]"
        return f"{base}.{name}" if base else str(name)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_exception is not UndefinedError and self._undefined_hint:
            return str(self._undefined_hint)
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

    @classmethod
    def _words(cls, path: str) -> str:
        """The field at ``path`` in words; each render's subclass knows the agreement."""
        return path

    def _placeholder(self) -> str | None:
        if self._undefined_exception is not UndefinedError:
            return None
        if self._draft:
            shown = f"[{self._label}: {self._words(self._path)}]"
        elif self._unknown is not None:
            shown = self._unknown
        else:
            return None
        if self._path not in self._placeholders:
            self._placeholders.append(self._path)
        return shown

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
