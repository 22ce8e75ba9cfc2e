"""The Jinja environment one agreement renders in: its sandbox, filters and missing fields.

Every agreement gets its own environment (its filters and its :class:`Missing` class know
the agreement and the data path of every object in it); compiled templates are shared
through a bytecode cache kept for the run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from iopctl.documents.filters import make_filters, make_finalize
from iopctl.documents.sandbox import Missing, Sandbox
from iopctl.documents.templates import ContainedLoader
from iopctl.model.agreement import PartialAgreement

__all__ = ["PLACEHOLDER_LABEL", "make_environment", "walk_paths"]

PLACEHOLDER_LABEL = {"sv": "SAKNAS", "en": "MISSING"}


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

    Every agreement gets its own environment (its filters and missing-field class know
    the agreement), so Jinja's per-environment template cache does not help; the
    bytecode cache is shared, keyed by template name and source checksum.
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


def make_environment(
    search: Sequence[Path],
    *,
    lang: str,
    agreement: PartialAgreement,
    draft: bool,
    paths: dict[int, str],
) -> tuple[Sandbox, type[Missing]]:
    missing = type(
        "Missing",
        (Missing,),
        {
            "_draft": draft,
            "_label": PLACEHOLDER_LABEL[lang],
            "_paths": paths,
            "_placeholders": [],
            "__slots__": (),
        },
    )
    env = Sandbox(
        loader=ContainedLoader(search),
        bytecode_cache=_BYTECODE,
        undefined=missing,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=make_finalize(lang, missing),
    )
    env.filters.update(make_filters(lang, agreement, missing))
    return env, missing
