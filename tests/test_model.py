"""The model and its JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from iopctl.model import agreement as model
from iopctl.model.base import Model
from iopctl.model.types import Duration, parse_duration

REPO = Path(__file__).resolve().parent.parent


def _models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__.startswith("iopctl.model.")
        and obj is not Model
    ]


@pytest.mark.parametrize("cls", _models(), ids=lambda c: c.__name__)
def test_every_field_has_a_bilingual_description(cls: type[BaseModel]) -> None:
    for name, info in cls.model_fields.items():
        assert info.description and " / " in info.description, f"{cls.__name__}.{name}"


def test_schema_is_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    schema = model.json_schema()
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted((REPO / "agreements").glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_agreements_satisfy_the_json_schema(path: Path) -> None:
    """Editors check against the JSON Schema; it must agree with iopctl on valid files."""
    from jsonschema import Draft202012Validator, FormatChecker

    from iopctl.reading.source import load_file

    source, problems = load_file(str(path))
    assert source is not None and not problems
    data = json.loads(json.dumps(source.data, default=str))
    numbers = json.loads(json.dumps(source.data, default=_jsonable))
    validator = Draft202012Validator(model.json_schema(), format_checker=FormatChecker())
    errors = [e.message for e in validator.iter_errors(numbers)]
    assert errors == [], errors
    assert data["id"] == path.stem


def _jsonable(value: object) -> object:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)  # only for the schema check; iopctl itself never uses float
    return str(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", Duration(6, "months")),
        ("1 year", Duration(1, "years")),
        ("6 månader", Duration(6, "months")),
        ("3 år", Duration(3, "years")),
        (" 30 DAYS ", Duration(30, "days")),
        ("six months", None),
        ("6months", None),
        ("6 fortnights", None),
        ("-6 months", None),
    ],
)
def test_parse_duration(text: str, expected: Duration | None) -> None:
    assert parse_duration(text) == expected


def test_duration_month_end_clamping() -> None:
    import datetime as dt

    six = Duration(6, "months")
    assert six.subtract_from(dt.date(2022, 8, 31)) == dt.date(2022, 2, 28)
    assert six.subtract_from(dt.date(2024, 8, 31)) == dt.date(2024, 2, 29)
    assert six.subtract_from(dt.date(2022, 12, 31)) == dt.date(2022, 6, 30)
    assert six.add_to(dt.date(2022, 6, 30)) == dt.date(2022, 12, 30)
    assert str(six) == "6 months" and str(Duration(1, "years")) == "1 year"


# --- every bound the JSON Schema publishes, the model enforces (issue 16) ---------------------

ENFORCED_BY_CHECKS = {
    # The check digit needs more than a pattern: iopctl validate reports IOP201 (fixture
    # tests/fixtures/invalid/iop201-org-number.yaml), so a schema-valid number can still fail.
    ("Party", "org_number"),
}


def _field_schema(cls: type[BaseModel], name: str) -> dict[str, object]:
    schema = cls.model_json_schema(mode="validation")
    prop = schema["properties"][name]
    for option in prop.get("anyOf", [prop]):
        if option.get("type") != "null":
            return option
    return prop


def _violations(schema: dict[str, object]) -> list[tuple[object, object]]:
    """(a value the schema refuses, a value it accepts) for each bound it publishes."""
    from decimal import Decimal

    found: list[tuple[object, object]] = []
    kind = schema.get("type")
    step = 1 if kind == "integer" else Decimal("0.01")

    def num(value: object) -> object:
        return int(value) if kind == "integer" else Decimal(str(value))  # type: ignore[arg-type]

    if "minimum" in schema:
        low = num(schema["minimum"])
        found.append((low - step, low))  # type: ignore[operator]
    if "exclusiveMinimum" in schema:
        low = num(schema["exclusiveMinimum"])
        found.append((low, low + step))  # type: ignore[operator]
    if "maximum" in schema:
        high = num(schema["maximum"])
        found.append((high + step, high))  # type: ignore[operator]
    if "exclusiveMaximum" in schema:
        high = num(schema["exclusiveMaximum"])
        found.append((high, high - step))  # type: ignore[operator]
    if "maxItems" in schema:
        n = int(schema["maxItems"])  # type: ignore[call-overload]
        item: object = {}
        items = schema.get("items")
        if isinstance(items, dict) and items.get("type") == "integer":
            item = items.get("minimum", 1)
        found.append(([item] * (n + 1), [item] * n if item != {} else []))
    if "minItems" in schema:
        found.append(([], None))
    if "pattern" in schema:
        found.append(("not valid!", None))
    if "maxLength" in schema:
        found.append(("a" * (int(schema["maxLength"]) + 1), None))  # type: ignore[call-overload]
    not_ = schema.get("not")
    if isinstance(not_, dict):
        found += [(value, None) for value in not_.get("enum", [])]
    return found


def _bounded_fields() -> list[tuple[type[BaseModel], str]]:
    from iopctl.money.reference import IndexFile, _ContributionEntry, _IndexValueEntry

    found = []
    for cls in [*_models(), IndexFile, _IndexValueEntry, _ContributionEntry]:
        for name in cls.model_fields:
            if _violations(_field_schema(cls, name)):
                found.append((cls, name))
    return found


@pytest.mark.parametrize(
    ("cls", "name"), _bounded_fields(), ids=lambda x: x if isinstance(x, str) else x.__name__
)
def test_the_model_enforces_every_bound_its_schema_publishes(
    cls: type[BaseModel], name: str
) -> None:
    from typing import Annotated

    from pydantic import TypeAdapter, ValidationError

    if (cls.__name__, name) in ENFORCED_BY_CHECKS:
        pytest.skip("enforced by iopctl validate's checks, not the schema")
    info = cls.model_fields[name]
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    adapter: TypeAdapter[object] = TypeAdapter(annotation)
    for bad, good in _violations(_field_schema(cls, name)):
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)
        if good is not None:
            adapter.validate_python(good)


def test_dates_outside_the_published_years_are_refused() -> None:
    import datetime as dt

    from pydantic import TypeAdapter, ValidationError

    from iopctl.model.types import Date

    adapter: TypeAdapter[dt.date] = TypeAdapter(Date)
    for bad in (dt.date(1899, 12, 31), dt.date(2200, 1, 1), "9999-12-31", "0001-01-01"):
        with pytest.raises(ValidationError):
            adapter.validate_python(bad)
    assert adapter.validate_python(dt.date(1900, 1, 1)) == dt.date(1900, 1, 1)
    assert adapter.validate_python("2199-12-31") == dt.date(2199, 12, 31)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("100 years", True),
        ("1200 months", True),
        ("5217 weeks", True),
        ("9999 days", True),
        ("101 years", False),
        ("1201 months", False),
        ("5218 weeks", False),
        ("8000 years", False),
    ],
)
def test_lengths_of_time_are_at_most_a_century(text: str, ok: bool) -> None:
    from pydantic import TypeAdapter, ValidationError

    from iopctl.model.types import DurationText

    adapter: TypeAdapter[Duration] = TypeAdapter(DurationText)
    if ok:
        assert adapter.validate_python(text) == parse_duration(text)
    else:
        with pytest.raises(ValidationError, match="longer than 100 years"):
            adapter.validate_python(text)


_BLOCKS_ORACLE = re.compile(
    r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))){11}", re.MULTILINE
)
"""IOP110's rule as one regular expression over the whole text (what the model searched
before it looked only at the lines that start like a quote or a list)."""


@given(
    st.lists(
        st.sampled_from([">", "> ", "-", "- ", "* ", "+ ", "1. ", "12) ", " ", "\t", "\n", "a"]),
        max_size=40,
    ).map("".join)
)
def test_the_block_rule_reads_only_lines_that_open_blocks(text: str) -> None:
    from iopctl.model.types import _opens_too_many_blocks

    assert _opens_too_many_blocks(text) == (_BLOCKS_ORACLE.search(text) is not None)
