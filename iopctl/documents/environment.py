"""The Jinja environment agreements render in: its sandbox, filters and missing fields.

A run keeps one sandbox per language (:class:`RunTemplates`), and each template is found,
checked and compiled once per run, not once per agreement (issue #17: 500 documents a
second). Before each agreement renders, :meth:`RunTemplates.bind` gives the sandbox that
agreement's filters and :class:`Missing` class (they know the agreement and the data path
of every object in it): Jinja's compiled code looks up ``environment.filters``,
``environment.undefined`` and ``environment.finalize`` each time a template runs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from iopctl.documents.filters import make_filters, make_finalize
from iopctl.documents.lint import lint_template
from iopctl.documents.lint_types import annotation_type
from iopctl.documents.sandbox import Missing, Sandbox
from iopctl.documents.templates import (
    ContainedLoader,
    TemplateSource,
    display_path,
    resolve_template,
    template_search_path,
)
from iopctl.errors import IopctlError
from iopctl.i18n import N_
from iopctl.model.agreement import PartialAgreement, Party

__all__ = [
    "PLACEHOLDER_LABEL",
    "UNKNOWN",
    "Paths",
    "RunTemplates",
    "describe_field",
    "fits_the_model",
    "walk_paths",
]

PLACEHOLDER_LABEL = {"sv": "SAKNAS", "en": "MISSING"}
UNKNOWN = {"sv": "uppgift saknas", "en": "not known"}
"""What an ended agreement's document prints where its sources leave a field unknown."""
_OF = {"sv": "för", "en": "for"}
_FIELD = re.compile(r"([A-Za-z_]\w*)((?:\[\d+\])*)")


def describe_field(agreement: PartialAgreement, path: str, lang: str) -> str:
    """A field's path in words, for a draft's placeholder: ``parties[0].org_number`` →
    "organisationsnummer för Socialnämnden".

    The words are the first phrase of the model's field description in ``lang`` (every
    field has a Swedish and an English one), and the party the field belongs to when it
    belongs to one. A path the model does not know (``notice``, ``record``) stays as it is.
    """
    parts = _FIELD.findall(path)
    if not parts or "".join(name + index for name, index in parts) != path.replace(".", ""):
        return path
    cls: Any = type(agreement)
    obj: Any = agreement
    owner: Any = None
    for position, (name, index) in enumerate(parts):
        info = cls.model_fields.get(name) if _is_model(cls) else None
        if info is None or not info.description:
            return path
        if position == len(parts) - 1:
            return _phrase(info.description, lang) + _belongs_to(agreement, owner, lang)
        owner = obj = _step(obj, name, index)
        cls = type(obj) if obj is not None else _model_of(info.annotation)
    return path


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, BaseModel)


def _step(obj: Any, name: str, index: str) -> Any:
    value = getattr(obj, name, None) if obj is not None else None
    for i in re.findall(r"\d+", index):
        value = value[int(i)] if isinstance(value, list) and int(i) < len(value) else None
    return value if isinstance(value, BaseModel) else None


def _model_of(annotation: Any) -> Any:
    kind = annotation_type(annotation)
    models = [c for c in kind.classes if _is_model(c)] if kind is not None else []
    return models[0] if len(models) == 1 else None


def _phrase(description: str, lang: str) -> str:
    """The first phrase of one language's half of a ``d(sv, en)`` description."""
    sv, _, en = description.partition(" / ")
    text = (en if lang == "en" and en else sv).strip()
    text = re.split(r",\s|\.\s|\s\(|\.$", text, maxsplit=1)[0].strip()
    if text[:1].isupper() and text[1:2].islower() and not text.startswith("Swedish"):
        text = text[0].lower() + text[1:]
    return text


def _belongs_to(agreement: PartialAgreement, owner: Any, lang: str) -> str:
    """`` för Socialnämnden`` when the field is a party's, or belongs to one (``party:``)."""
    name = None
    if isinstance(owner, Party):
        name = owner.name
    elif isinstance(getattr(owner, "party", None), str):
        found = [p for p in agreement.parties if p.id == owner.party]
        name = found[0].name if found else None
    return f" {_OF[lang]} {name}" if name else ""


class Paths(Mapping[int, str]):
    """The data path of every object a template reaches (``id(obj) → "parties[1]"``), to
    name a missing field; the objects are walked when a path is first asked for, and
    most documents never ask (a field that is merely tested is never named), where
    walking every one was a twentieth of ``render`` (issue #17).

    Walked in the order added, so an object reachable from two of them is named by the
    first, as if each had been walked when added.
    """

    def __init__(self) -> None:
        self._found: dict[int, str] = {}
        self._pending: list[tuple[Any, str]] = []

    def add(self, obj: Any, path: str) -> None:
        self._pending.append((obj, path))

    def _walked(self) -> dict[int, str]:
        pending, self._pending = self._pending, []
        for obj, path in pending:
            walk_paths(obj, path, self._found)
        return self._found

    def __getitem__(self, key: int) -> str:
        return self._walked()[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._walked())

    def __len__(self) -> int:
        return len(self._walked())


def walk_paths(obj: Any, path: str, into: dict[int, str]) -> None:
    if isinstance(obj, BaseModel):
        if id(obj) in into:
            return
        into[id(obj)] = path
        for name in type(obj).model_fields:
            value = getattr(obj, name, None)
            if isinstance(value, BaseModel | list):
                walk_paths(value, f"{path}.{name}" if path else name, into)
    elif isinstance(obj, list):
        into.setdefault(id(obj), path)
        for i, item in enumerate(obj):
            if isinstance(item, BaseModel | list):
                walk_paths(item, f"{path}[{i}]", into)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if id(obj) in into:
            return
        into[id(obj)] = path
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, list) or (
                dataclasses.is_dataclass(value) and not isinstance(value, type)
            ):
                walk_paths(value, f"{path}.{f.name}", into)


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the run: a folder of agreements compiles each once.

    A run has one environment per language (:class:`RunTemplates`), and a language-neutral
    template serves both: the bytecode cache is shared, keyed by template name and source
    checksum.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def fits_the_model(template: TemplateSource) -> None:
    """A template that reads fields the model does not have stops the run (lint)."""
    problems = lint_template(template.source, str(template.path))
    if problems:
        lines = "\n".join(str(p) for p in problems)
        raise IopctlError(
            N_("template {path} does not fit the agreement model:\n{lines}"),
            hint=N_("`iopctl render --lint` checks every template"),
            path=display_path(template.path),
            lines=lines,
        )


def _sandbox(search: Sequence[Path], lang: str) -> Sandbox:
    return Sandbox(
        loader=ContainedLoader(search),
        bytecode_cache=_BYTECODE,
        auto_reload=False,  # a run reads each template once: no stat of it per document
        undefined=Missing,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=make_finalize(lang, Missing),
    )


def _bind(
    env: Sandbox,
    base: dict[str, Any],
    lang: str,
    agreement: PartialAgreement,
    draft: bool,
    paths: Mapping[int, str],
    unknown: bool,
    missing: type[Missing],
) -> type[Missing]:
    """Give ``env`` one agreement's missing-field class, finalize and filters.

    ``missing``: the run's class for the language, whose attributes are set for this
    agreement; a class made for each agreement is cyclic garbage holding the whole
    agreement until the collector runs (tens of megabytes over a folder, issue #17).
    """
    settings: dict[str, Any] = {
        "_draft": draft,
        "_unknown": UNKNOWN[lang] if unknown else None,
        "_label": PLACEHOLDER_LABEL[lang],
        "_words": classmethod(lambda cls, path: describe_field(agreement, path, lang)),
        "_paths": paths,
        "_placeholders": [],
    }
    for name, value in settings.items():
        setattr(missing, name, value)
    env.undefined = missing
    env.finalize = make_finalize(lang, missing)
    env.filters = {**base, **make_filters(lang, agreement, missing)}
    return missing


class RunTemplates:
    """The templates of one run: the search path, each template found and linted once, one
    sandbox per language with its compiled templates (Jinja's cache), bound to each
    agreement in turn (:meth:`bind`). A failure (a folder or template that does not exist)
    is kept and raised again for every agreement, as a fresh search would."""

    def __init__(self, template_dirs: Sequence[str]) -> None:
        self._dirs = template_dirs
        self._found: dict[tuple[str, str], TemplateSource | Exception] = {}
        self._sandboxes: dict[str, tuple[Sandbox, dict[str, Any], type[Missing]]] = {}
        self._search: list[Path] | Exception | None = None

    def search(self) -> list[Path]:
        if self._search is None:
            try:
                self._search = template_search_path(self._dirs)
            except Exception as exc:  # raised again for every agreement
                self._search = exc
        if isinstance(self._search, Exception):
            raise self._search.with_traceback(None)
        return self._search

    def source(
        self, name: str, lang: str, check: Callable[[TemplateSource], None]
    ) -> TemplateSource:
        """The template ``name`` in ``lang``, passed through ``check`` (the lint) once."""
        key = (name, lang)
        if key not in self._found:
            try:
                template = resolve_template(name, lang, self.search())
                check(template)
                self._found[key] = template
            except Exception as exc:
                self._found[key] = exc
        found = self._found[key]
        if isinstance(found, Exception):
            raise found.with_traceback(None)
        return found

    def bind(
        self,
        *,
        lang: str,
        agreement: PartialAgreement,
        draft: bool,
        paths: Mapping[int, str],
        unknown: bool = False,
    ) -> tuple[Sandbox, type[Missing]]:
        """The language's sandbox and its missing-field class, made ready for this
        agreement: ``draft`` prints a missing field as a placeholder in words, ``unknown``
        (an ended agreement whose sources leave fields unknown) as :data:`UNKNOWN`,
        neither raises an error."""
        if lang not in self._sandboxes:
            env = _sandbox(self.search(), lang)
            missing = type("Missing", (Missing,), {"__slots__": ()})
            self._sandboxes[lang] = (env, dict(env.filters), missing)
        env, base, missing = self._sandboxes[lang]
        return env, _bind(env, base, lang, agreement, draft, paths, unknown, missing)
