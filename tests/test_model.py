"""The model and its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from iopctl.model import agreement as model
from iopctl.model.types import Duration, parse_duration

REPO = Path(__file__).resolve().parent.parent


def _models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(model).values()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__
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
