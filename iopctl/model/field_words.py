"""Fields named in words a coordinator reads, from the model's own Swedish and English
descriptions: "Ekonomi › Insatser nr 2 (Resurspoolen) › Värde per timme i kronor
(`economy.contributions[1].hourly_rate`)", and the field meant by a key typed in Swedish
("uppsägningstid" → ``termination.notice_period``) or a value typed in Swedish
(``status: aktiv`` → ``active``)."""

from __future__ import annotations

import typing
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from iopctl.i18n import Bilingual
from iopctl.present.suggest import closest

__all__ = [
    "SWEDISH_VALUES",
    "Step",
    "field_in_words",
    "is_model",
    "label",
    "model_of",
    "swedish_key",
    "walk",
]

SWEDISH_VALUES = {
    "aktiv": "active",
    "pågående": "active",
    "gällande": "active",
    "utkast": "draft",
    "avslutad": "ended",
    "upphörd": "ended",
    "uppsagd": "terminated",
    "hävd": "terminated",
    "offentlig": "public",
    "ideell": "idea_based",
    "idéburen": "idea_based",
    "ideburen": "idea_based",
    "svenska": "sv",
    "engelska": "en",
    "årlig": "yearly",
    "årligen": "yearly",
    "halvårsvis": "half_yearly",
    "kvartalsvis": "quarterly",
    "månadsvis": "monthly",
    "engångs": "once",
    "pengar": "money",
    "ideella timmar": "volunteer_hours",
    "lokaler": "premises",
    "personal": "staff",
    "utbildning": "training",
    "marknadsföring": "marketing",
    "utrustning": "equipment",
    "övrigt": "other",
    "skriftlig": "written",
    "kalenderår": "calendar_year",
}
"""Values a Swedish writer may type for the model's English choices."""


def label(description: str | None) -> Bilingual | None:
    """A field's name in words: the first phrase of each half of its ``d(sv, en)``
    description ("Uppsägningstid, t.ex. '6 months'." → "Uppsägningstid")."""
    if not description or " / " not in description:
        return None
    sv, en = (_phrase(half) for half in description.split(" / ", 1))
    if not sv or not en or "=" in sv or "=" in en:
        return None  # a list of values ("draft = utkast, …"), not a name
    return Bilingual(sv, en)


def _phrase(text: str) -> str:
    for stop in (". ", ", ", " (", ": ", "; "):
        text = text.split(stop, 1)[0]
    return text.strip().rstrip(".").strip()


def model_of(annotation: Any, value: Any) -> Any:
    """The model class an annotation stands for (the variant a ``kind:`` selects)."""
    candidates: list[Any] = []
    pending = [annotation]
    while pending:
        current = pending.pop(0)
        candidates.append(current)
        pending.extend(typing.get_args(current))
    sample = value[0] if isinstance(value, list) and value else value
    kind = sample.get("kind") if isinstance(sample, dict) else None
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            kind_field = candidate.model_fields.get("kind")
            if kind is not None and kind_field is not None:
                if kind in typing.get_args(kind_field.annotation):
                    return candidate
                continue
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a path through the data: the value there, the model class it is read
    with (``None`` when it is not a model), and for a key the field it names (``None``
    when no model has that field: the walk ends there)."""

    item: str | int
    current: Any
    cls: Any
    info: Any


def walk(path: tuple[str | int, ...], data: Any, root: type[BaseModel]) -> Iterator[Step]:
    """Follow ``path`` through ``data`` and the models that read it, step by step; list
    items choose their model by their own ``kind``. One walker for the field's words and
    for the fields a schema error may suggest."""
    cls: Any = root
    annotation: Any = None
    current = data
    for item in path:
        if isinstance(item, int):
            current = current[item] if isinstance(current, list) and item < len(current) else None
            cls = model_of(annotation, current) if annotation is not None else None
            yield Step(item, current, cls, None)
            continue
        current = current.get(item) if isinstance(current, dict) else None
        info = cls.model_fields.get(item) if is_model(cls) else None
        if info is None:
            yield Step(item, current, None, None)
            return
        annotation = info.annotation
        cls = model_of(annotation, current)
        yield Step(item, current, cls, info)


TOP_LEVEL = Bilingual("(översta nivån)", "(top level)")
"""The file as a whole, where a problem has no field."""


def field_in_words(path: tuple[str | int, ...], data: Any, root: type[BaseModel]) -> Bilingual:
    """``path`` in words in both languages, each followed by the path as written."""
    if not path:
        return TOP_LEVEL
    dotted = _dotted(path)
    parts_sv: list[str] = []
    parts_en: list[str] = []
    for step in walk(path, data, root):
        if isinstance(step.item, int):
            name = _item_name(step.current)
            if parts_sv:
                parts_sv[-1] += f" nr {step.item + 1}{name}"
                parts_en[-1] += f" no. {step.item + 1}{name}"
            continue
        words = label(step.info.description) if step.info is not None else None
        if words is None:
            break
        parts_sv.append(words.sv)
        parts_en.append(words.en)
    if not parts_sv:
        return Bilingual(dotted, dotted)
    return Bilingual(
        " › ".join(parts_sv) + f" (`{dotted}`)", " › ".join(parts_en) + f" (`{dotted}`)"
    )


def _item_name(item: Any) -> str:
    if not isinstance(item, dict):
        return ""
    for key in ("name", "title", "id"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            shown = value if len(value) <= 40 else value[:39] + "…"
            return f" ({shown})"
    return ""


def _dotted(path: tuple[str | int, ...]) -> str:
    text = ""
    for item in path:
        if isinstance(item, str) and len(item) > 40:
            item = item[:39] + "…"  # a key of 80 000 characters is shown by its start
        text += f"[{item}]" if isinstance(item, int) else (f".{item}" if text else item)
    return text


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "")


@cache
def _all_fields(root: type[BaseModel]) -> tuple[tuple[str, str, Bilingual], ...]:
    """(dotted path, field name, words) of every field of ``root``, lists as ``[]``."""
    found: list[tuple[str, str, Bilingual]] = []
    seen: set[type] = set()

    def walk(cls: type[BaseModel], prefix: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            dotted = f"{prefix}.{name}" if prefix else name
            words = label(info.description)
            if words is not None:
                found.append((dotted, name, words))
            for arg in _models_in(info.annotation):
                walk(arg, dotted + ("[]" if _is_list(info.annotation) else ""))
        seen.discard(cls)

    walk(root, "")
    return tuple(found)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    out: list[type[BaseModel]] = []
    pending = [annotation]
    while pending:
        current = pending.pop()
        if isinstance(current, type) and issubclass(current, BaseModel):
            out.append(current)
        else:
            pending.extend(typing.get_args(current))
    return out


def _is_list(annotation: Any) -> bool:
    pending = [annotation]
    while pending:
        current = pending.pop()
        if typing.get_origin(current) is list:
            return True
        pending.extend(typing.get_args(current))
    return False


def swedish_key(
    key: str, allowed: list[str], root: type[BaseModel]
) -> tuple[str, Bilingual] | None:
    """The field a key typed in Swedish means: (its name or dotted path, its words).

    A field allowed where the key is comes first ("organisationsnummer" under a party is
    ``org_number``); else any field of the model whose Swedish words match
    ("uppsägningstid" at the top level is ``termination.notice_period``).
    """
    wanted = _folded(key)
    fields = _all_fields(root)
    here = [f for f in fields if f[1] in allowed]
    for pool in (here, fields):
        for dotted, name, words in pool:
            if _folded(words.sv) == wanted:
                return (name if pool is here else dotted), words
    for pool in (here, fields):
        match = closest(wanted, [_folded(f[2].sv) for f in pool], cutoff=0.8)
        if match is not None:
            dotted, name, words = next(f for f in pool if _folded(f[2].sv) == match)
            return (name if pool is here else dotted), words
    return None


def is_model(cls: Any) -> bool:
    """Whether a walk can read fields at ``cls`` (a Pydantic model class)."""
    return isinstance(cls, type) and issubclass(cls, BaseModel)
