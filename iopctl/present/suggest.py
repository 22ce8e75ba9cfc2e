""" "Did you mean …?": the one helper every message with a suggestion uses."""

from __future__ import annotations

from collections.abc import Iterable

from iopctl.i18n import N_, Words

__all__ = ["closest", "did_you_mean", "maybe_meant"]


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate closest to ``word`` (difflib's ratio ≥ ``cutoff``), or None."""
    import difflib  # only when something was misspelt: not at every start

    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``did you mean 'x'?`` for the closest candidate, or '' when none is close."""
    # English, like the command-line errors and template messages that use it; a
    # diagnostic's hint uses maybe_meant, said in the chosen language.
    match = closest(word, candidates, cutoff=cutoff)
    return f"did you mean {match!r}?" if match is not None else ""


def maybe_meant(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> Words | None:
    """``did you mean 'x'?`` as words said when shown (a diagnostic's hint), or None."""
    match = closest(word, candidates, cutoff=cutoff)
    return Words(N_("did you mean {match!r}?"), {"match": match}) if match is not None else None
