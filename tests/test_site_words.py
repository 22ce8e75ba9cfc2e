"""iopctl.site.words and iopctl.site.phrases: every word the site shows, in one place."""

from __future__ import annotations

import datetime as dt
import re
import string
from decimal import Decimal as D
from pathlib import Path
from typing import get_args

import pytest

from iopctl.facts import Sum
from iopctl.facts.events import KINDS
from iopctl.facts.status import DERIVED
from iopctl.site import phrases
from iopctl.site.words import WORDS
from iopctl.views.due import STATUSES
from iopctl.views.site import AgreementData, AgreementStream

SITE = Path(__file__).resolve().parent.parent / "iopctl" / "site"
DYNAMIC = (
    "status_",
    "stated_",
    "due_",
    "kind_",
    "sector_",
    "contribution_",
    "category_",
    "severity_",
    "unknown_",
    "note_",
    "duration_",
    "unit_",
    "amount_",
    "chart_legend_",
    "money_",
    "col_",
    "no_",
    "group_",
    "figure_",
    "season_",
    "met_",
)
"""Prefixes of keys the code builds from a value (``WORDS[f"status_{status}"]``)."""


def _sources() -> str:
    texts = [p.read_text(encoding="utf-8") for p in SITE.rglob("*.py")]
    texts += [p.read_text(encoding="utf-8") for p in (SITE / "templates").glob("*.j2")]
    return "\n".join(texts)


def test_every_word_named_in_the_code_and_templates_exists() -> None:
    source = _sources()
    named = set(re.findall(r"\bw\.([a-z_0-9]+)", source))
    named |= set(re.findall(r"""(?:WORDS\[|\bt\()\s*["']([a-z_0-9]+)["']""", source))
    assert {name for name in named if not name.endswith("_")} - set(WORDS) == set()


def test_every_word_is_used() -> None:
    source = _sources().replace("words.py", "")
    words_module = (SITE / "words.py").read_text(encoding="utf-8")
    code = source.replace(words_module, "")
    unused = [
        key for key in WORDS if not re.search(rf"\b{key}\b", code) and not key.startswith(DYNAMIC)
    ]
    assert unused == []


def test_keys_read_as_attributes_in_templates() -> None:
    assert [key for key in WORDS if hasattr(dict, key) or hasattr(WORDS, key)] == []


def test_patterns_are_well_formed() -> None:
    for key, pattern in WORDS.items():
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name]
        assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), key


@pytest.mark.parametrize(
    "key",
    [f"status_{s}" for s in DERIVED]
    + [f"due_{s}" for s in STATUSES]
    + [f"kind_{k}" for k in KINDS]
    + [f"stated_{s}" for s in ("draft", "active", "ended", "terminated", "unknown")]
    + [
        f"category_{c}"
        for c in ("premises", "staff", "training", "marketing", "equipment", "other")
    ]
    + [
        f"unknown_{u}"
        for u in get_args(__import__("iopctl.facts.rows", fromlist=["Unknown"]).Unknown)
    ]
    + [
        f"note_{n}"
        for n in get_args(__import__("iopctl.views.economy", fromlist=["NoteKind"]).NoteKind)
    ],
)
def test_every_value_has_its_word(key: str) -> None:
    assert key in WORDS


def test_numbers_and_money_in_swedish() -> None:
    assert phrases.kronor(D("946995")) == "946\u00a0995\u00a0kr"
    assert phrases.kronor(D("77750.5")) == "77\u00a0750,50\u00a0kr"
    assert phrases.kronor(D("964987.905")) == "964\u00a0987,905\u00a0kr"
    assert phrases.kronor(D("-1200")) == "-1\u00a0200\u00a0kr"
    assert phrases.number(D("1.5")) == "1,5"
    assert phrases.day(dt.date(2022, 5, 15)) == "2022-05-15"
    assert phrases.month_name(2022, 5) == "maj 2022"


def test_sums_say_what_is_known() -> None:
    assert phrases.sum_text(Sum()) == "–"
    assert phrases.sum_text(Sum(unknown=1)) == "okänt"
    assert phrases.sum_text(Sum(amount=D(100), approximate=True)) == "ca 100\u00a0kr"
    assert phrases.sum_text(Sum(amount=D(100), unknown=2)) == "100\u00a0kr + 2 okända belopp"
    assert phrases.sum_text(Sum(amount=D(100), estimated=D(5))) == "100\u00a0kr"


def test_validation_in_words() -> None:
    assert [phrases.validation_text(e, w) for e, w in ((0, 0), (0, 1), (0, 3), (2, 5))] == [
        "Godkänd",
        "Godkänd, 1 varning",
        "Godkänd, 3 varningar",
        "2 fel",
    ]


def test_every_event_has_a_swedish_title(in_repo: Path) -> None:
    paths = ["agreements", "tests/fixtures/money", "tests/fixtures/valid"]
    seen = set()
    for item in AgreementStream(paths, as_of=dt.date(2021, 6, 1)):
        if not isinstance(item, AgreementData):
            continue
        for event in item.facts.events:
            title = phrases.event_title(event)
            seen.add(event.kind)
            assert title and "{" not in title and "None" not in title, title
            assert not re.search(r"\b(the|and|of|from|payment)\b", title), title
    assert seen >= {"follow_up", "payment", "expiry", "notice_deadline", "incomplete"}
