"""One difference in meaning between two versions of an agreement (:class:`Change`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Change", "Kind"]

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference in meaning."""

    path: str
    kind: Kind
    old: Any
    new: Any
    summary: str
    section: str
    detail: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` record; keys and order are a documented contract."""
        return {
            "path": self.path,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "summary": self.summary,
        }
