"""A reworded text in words: a word-level summary and ``-``/``+`` excerpts
(:func:`text_summary`), for ``iopctl diff``."""

from __future__ import annotations

import difflib

from iopctl.i18n import _, ngettext
from iopctl.present.words import quote

__all__ = ["text_summary", "word_chunks"]


_CONTEXT_WORDS = 4
_MAX_CHUNKS = 5
_REWRITTEN = 0.5
_EXCERPT = 200


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[: _EXCERPT - 1].rstrip() + "…"


_MAX_PAIRS = 4_000_000
"""Word pairs difflib may compare. Its matching is quadratic: two texts of 40 000 words
took 84 s. Longer texts are compared by their common start and end (linear), and only
a middle of at most 2 000 × 2 000 words goes to difflib; a longer middle is one change."""


Opcode = tuple[str, int, int, int, int]


def _opcodes(a: list[str], b: list[str]) -> tuple[list[Opcode], int]:
    """difflib's opcodes for two word lists, and the number of matching words."""
    if len(a) * len(b) <= _MAX_PAIRS:
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        matching = sum(size for _, _, size in matcher.get_matching_blocks())
        return list(matcher.get_opcodes()), matching
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    codes: list[Opcode] = []
    if start:
        codes.append(("equal", 0, start, 0, start))
    matching = start + end
    if len(mid_a) * len(mid_b) <= _MAX_PAIRS:
        matcher = difflib.SequenceMatcher(a=mid_a, b=mid_b, autojunk=False)
        matching += sum(size for _, _, size in matcher.get_matching_blocks())
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            codes.append((tag, i1 + start, i2 + start, j1 + start, j2 + start))
    elif mid_a or mid_b:
        tag = "replace" if mid_a and mid_b else ("delete" if mid_a else "insert")
        codes.append((tag, start, len(a) - end, start, len(b) - end))
    if end:
        codes.append(("equal", len(a) - end, len(a), len(b) - end, len(b)))
    return codes, matching


def word_chunks(old: str, new: str) -> list[tuple[str, str, str, str]]:
    """(before, removed, added, after) word runs for each change, with a little context."""
    a, b = old.split(), new.split()
    chunks = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b)[0]:
        if tag == "equal":
            continue
        before = a[max(0, i1 - _CONTEXT_WORDS) : i1]
        after = a[i2 : i2 + _CONTEXT_WORDS]
        prefix = ("…" if i1 - _CONTEXT_WORDS > 0 else "") + " ".join(before)
        suffix = " ".join(after) + ("…" if i2 + _CONTEXT_WORDS < len(a) else "")
        chunks.append((prefix, _words(a[i1:i2]), _words(b[j1:j2]), suffix))
    return chunks


def _words(words: list[str]) -> str:
    """A run of words; a long one (a rewritten chapter) by its start."""
    if len(words) > 50:
        more = _("({n} more words)").format(n=len(words) - 50)
        return " ".join(words[:50]) + f" … {more}"
    return " ".join(words)


def text_summary(old: str, new: str) -> tuple[str, tuple[str, ...]]:
    """A short word-level summary and ``-``/``+`` excerpt lines.

    A text that shares less than half its words with the old one is shown as
    rewritten, with the start of each version, rather than as a list of chunks.
    """
    a, b = old.split(), new.split()
    matching = _opcodes(a, b)[1]
    ratio = 2.0 * matching / (len(a) + len(b)) if a or b else 1.0
    if ratio < _REWRITTEN:
        summary = _("rewritten ({old} → {new} words)").format(old=len(a), new=len(b))
        return summary, ("- " + _excerpt(old), "+ " + _excerpt(new))
    chunks = word_chunks(old, new)
    parts = []
    for _before, removed, added, _after in chunks[:2]:
        if removed and added:
            parts.append(f"{quote(removed, 40)} → {quote(added, 40)}")
        elif removed:
            parts.append(_("removed {text}").format(text=quote(removed, 40)))
        else:
            parts.append(_("added {text}").format(text=quote(added, 40)))
    more = len(chunks) - 2
    summary = "; ".join(parts)
    if more > 0:
        summary += "; " + ngettext("{n} more change", "{n} more changes", more).format(n=more)
    detail: list[str] = []
    for prefix, removed, added, suffix in chunks[:_MAX_CHUNKS]:
        detail.append(
            "- " + " ".join(filter(None, (prefix, f"[{removed}]" if removed else "", suffix)))
        )
        detail.append(
            "+ " + " ".join(filter(None, (prefix, f"[{added}]" if added else "", suffix)))
        )
    if len(chunks) > _MAX_CHUNKS:
        detail.append("  " + _("… {n} more").format(n=len(chunks) - _MAX_CHUNKS))
    return summary, tuple(detail)
