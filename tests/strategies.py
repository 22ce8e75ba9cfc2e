"""Hypothesis strategies: valid agreements as YAML text, and mutations of them.

Shared by the fuzz tests of every command (validate, due, economy, render).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from iopctl.checks.parties import _luhn_digit

SLUG = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")


@st.composite
def org_numbers(draw: st.DrawFn) -> str:
    first9 = draw(st.from_regex(r"[0-9]{9}", fullmatch=True))
    digits = first9 + str(_luhn_digit(first9))
    return f"{digits[:6]}-{digits[6:]}"


DURATION = st.builds(
    lambda n, unit: f"{n} {unit}",
    st.integers(1, 24),
    st.sampled_from(["months", "years", "days", "weeks", "månader", "år"]),
)
KRONOR = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False)


@st.composite
def agreement_data(draw: st.DrawFn) -> dict[str, Any]:
    """A plain-data agreement that passes the schema (it may still fail domain checks)."""
    party_ids = draw(st.lists(SLUG, min_size=2, max_size=5, unique=True))
    extra = draw(
        st.lists(
            st.sampled_from(["public", "idea_based"]),
            min_size=len(party_ids) - 2,
            max_size=len(party_ids) - 2,
        )
    )
    sectors = ["public", "idea_based", *extra]
    parties = []
    for pid, sector in zip(party_ids, sectors, strict=True):
        party: dict[str, Any] = {"id": pid, "name": draw(TEXT), "sector": sector}
        if draw(st.booleans()):
            party["org_number"] = draw(org_numbers())
        parties.append(party)
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
    end = start + dt.timedelta(days=draw(st.integers(0, 3650)))
    data: dict[str, Any] = {
        "id": draw(SLUG),
        "title": draw(TEXT),
        "status": draw(st.sampled_from(["draft", "active", "ended", "terminated"])),
        "parties": parties,
        "period": {"start": start, "end": end},
    }
    if draw(st.booleans()):
        data["termination"] = {"notice_period": draw(DURATION), "form": "written"}
    if draw(st.booleans()):
        data["follow_up"] = {
            "per_year": draw(st.integers(1, 4)),
            "on_request": draw(st.booleans()),
        }
        if draw(st.booleans()):
            data["follow_up"]["interval"] = draw(DURATION)
    contributions = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["money", "volunteer_hours", "in_kind"]))
        contribution: dict[str, Any] = {"kind": kind, "party": draw(st.sampled_from(party_ids))}
        if kind == "money":
            contribution["amount_per_year"] = draw(KRONOR)
            contribution["base_year"] = start.year
            if draw(st.booleans()):
                contribution["payment"] = {
                    "schedule": "yearly",
                    "months": [draw(st.integers(1, 12))],
                }
            if draw(st.booleans()):
                contribution["indexation"] = {
                    "index": draw(st.sampled_from(["OPI", "PKV"])),
                    "from_date": dt.date(start.year + 1, 1, 1),
                }
        elif kind == "volunteer_hours":
            contribution["hours_per_year"] = draw(st.integers(0, 50_000))
            if draw(st.booleans()):
                contribution["hourly_rate"] = draw(st.integers(100, 400))
        else:
            contribution["category"] = draw(
                st.sampled_from(["premises", "staff", "training", "marketing", "other"])
            )
            contribution["description"] = draw(TEXT)
        contributions.append(contribution)
    if contributions:
        data["economy"] = {"contributions": contributions}
    records = draw(st.lists(st.dates(start, end), max_size=3))
    if records:
        data["follow_ups"] = [{"date": d} for d in sorted(records)]
    if draw(st.booleans()):
        data["signatures"] = [
            {"party": pid, "date": start - dt.timedelta(days=draw(st.integers(0, 60)))}
            for pid in party_ids
        ]
    if data["status"] == "terminated" and draw(st.booleans()):
        data.setdefault("termination", {})["record"] = {
            "given_by": party_ids[0],
            "given_on": start,
        }
    return data


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", f"{value:f}")


_Dumper.add_representer(Decimal, _decimal)


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


ANY_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(
        [
            "no",
            "yes",
            "012",
            "12:30",
            "933 000 kr",
            "933.000",
            "{{ x }}",
            "../..",
            "2022-02-30",
            "6 months",
            "OPI",
            "",
            " ",
        ]
    ),
)
ANY_VALUE = st.recursive(
    ANY_SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@st.composite
def mutated_agreement_data(draw: st.DrawFn) -> Any:
    """A valid agreement with a few values replaced, deleted or added."""
    data = draw(agreement_data())
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent: Any = data
        for item in path[:-1]:
            parent = parent[item]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(ANY_VALUE)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(ANY_VALUE)
        else:
            parent.append(draw(ANY_VALUE))
    return data


# --- issue 16: hostile shapes ----------------------------------------------------------------
# Long numbers, aliased scalars, nested Markdown and control characters, written into the
# YAML text of a generated agreement (aliases and escapes exist only in the text).

LONG_NUMBER = st.one_of(
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(-(10**9), 10**9).map(lambda e: f"1.0e{e:+d}"),
    st.integers(1, 5000).map(lambda n: "0x" + "f" * n),
    st.integers(2, 50_000).map(lambda n: ":".join(["1"] * n)),
    st.from_regex(r"-?[0-9]{1,40}(\.[0-9]{1,40})?", fullmatch=True),
    st.sampled_from([".inf", "-.inf", ".nan", "1_000_000_000_000_000", "0b" + "1" * 200]),
)

_WRAPPERS = ["[{}](u)", "[{}]", "^[{}]", "![{}](u)", "*{}*", "> {}", "1. {}", "- {}", "`{}`"]


def _nested(core: str, wrappers: list[str], times: int, separator: str) -> str:
    for wrapper in wrappers:
        core = wrapper.format(core)
    return separator.join([core] * times)


NESTED_MARKDOWN = st.builds(
    _nested,
    st.text(alphabet="ab &<", min_size=1, max_size=4),
    st.lists(st.sampled_from(_WRAPPERS), max_size=40),
    st.integers(1, 300),
    st.sampled_from([" ", "\n", "\n\n"]),
)
"""Markdown constructs nested up to 40 deep, repeated up to 300 times."""

HOSTILE_CHARS = st.characters(
    codec="utf-8",
    categories=("Cc", "Cf", "Zl", "Zp", "Lu", "Ll", "Po", "Sm", "Zs"),
)
HOSTILE_TEXT = st.one_of(
    st.text(alphabet=HOSTILE_CHARS, min_size=1, max_size=40),
    st.sampled_from(
        [
            "X\n::error file=x::forged",
            "\x1b]0;pwned\x07\x1b[2J",
            '=HYPERLINK("http://evil.example","x")',
            "@SUM(1+1)",
            "\u202egnp.exe",
            "<script>alert(1)</script>",
            '<!-- iopctl render: agreement="x" -->',
            '[x]{onclick="alert(1)"} [j](javascript:alert(2))',
            "##[error]forged",
        ]
    ),
).filter(lambda s: s.strip() != "")


_YAML_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff]')


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in '"\\':
        return "\\" + char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every control character escaped."""
    return '"' + _YAML_ESCAPE.sub(_yaml_escape, text) + '"'


@st.composite
def hostile_agreement_text(draw: st.DrawFn) -> str:
    """A generated agreement's YAML with one to four hostile shapes written into it."""
    data = draw(agreement_data())
    lines = to_yaml(data).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["number", "aliases", "markdown", "control"]))
        if shape == "number":
            candidates = [i for i, line in enumerate(lines) if ": " in line]
            i = draw(st.sampled_from(candidates))
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(LONG_NUMBER)}"
        elif shape == "aliases" and not any(x.startswith("case_numbers:") for x in lines):
            size = draw(st.integers(1, 200_000))
            count = draw(st.integers(0, 3000))
            lines += ["case_numbers:", f"  - &text {yaml_quoted('x' * size)}"]
            lines += ["  - *text"] * count
        elif shape == "markdown" and not any(x.startswith("background:") for x in lines):
            text = draw(NESTED_MARKDOWN)
            lines += ["background: |", *(f"  {line}" for line in text.split("\n"))]
        elif shape == "control":
            field = draw(st.sampled_from(["title", "name"]))
            candidates = [i for i, line in enumerate(lines) if line.strip().startswith(field + ":")]
            if candidates:
                i = draw(st.sampled_from(candidates))
                key = lines[i].split(": ", 1)[0]
                lines[i] = f"{key}: {yaml_quoted(draw(HOSTILE_TEXT))}"
    return "\n".join(lines) + "\n"
