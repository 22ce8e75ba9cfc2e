"""The file `iopctl new` writes, for every combination of known and unknown answers.

Pinned byte for byte (``tests/golden/workflow/new-variants/``) so that the way the file is
made can change without the file changing: each branch of the template (parties or not,
money with and without a start, period with one end only, notice, follow-ups, the payer
not first) has a variant.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iopctl.model.types import Duration
from iopctl.scaffold.answers import NewAgreement, PartySpec
from iopctl.scaffold.new import agreement_yaml
from tests.goldens import assert_golden

PUBLIC = PartySpec("namnden", "Äldrenämnden", "public", "212000-0449")
IDEA = PartySpec("grannstod", "Föreningen Grannstöd", "idea_based")

VARIANTS: dict[str, NewAgreement] = {
    "bare": NewAgreement(id="x", title="no"),
    "idea-based-only": NewAgreement(id="x", title="Del 1: x", parties=(IDEA,)),
    "money-without-start": NewAgreement(
        id="x", title="x", parties=(PUBLIC, IDEA), amount=Decimal("933000.50")
    ),
    "money-and-start": NewAgreement(
        id="x",
        title="x",
        parties=(PUBLIC, IDEA),
        start=dt.date(2027, 2, 1),
        amount=Decimal(1000),
    ),
    "end-notice-follow-ups": NewAgreement(
        id="x",
        title="x",
        parties=(PUBLIC, IDEA),
        end=dt.date(2027, 2, 1),
        notice=Duration(90, "days"),
        follow_ups_per_year=3,
    ),
    "payer-second-of-three": NewAgreement(
        id="tre-parter-2027",
        title="'citat' #1",
        parties=(
            IDEA,
            PartySpec("kommun", "Kommun", "public", organisation="Org: AB, Kalmar"),
            PartySpec("annan", "yes", "idea_based", "822003-0913"),
        ),
        start=dt.date(2027, 1, 1),
        end=dt.date(2028, 12, 31),
        notice=Duration(1, "years"),
        follow_ups_per_year=1,
        amount=Decimal("12.5"),
    ),
    "money-without-payer": NewAgreement(id="x", title="x", parties=(IDEA,), amount=Decimal(5)),
    # Party ids are written as typed outside `parties:` (in `economy` and in comments),
    # as they always were: an id YAML reads as a number makes `iopctl new` refuse the file.
    "odd-party-id": NewAgreement(
        id="x",
        title="x",
        parties=(PartySpec("123", "A", "public"), IDEA),
        start=dt.date(2027, 1, 1),
        amount=Decimal(5),
    ),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant(name: str) -> None:
    text = agreement_yaml(VARIANTS[name])
    assert_golden(f"workflow/new-variants/{name}.yaml", text)


def test_schema_reference_is_written_as_given() -> None:
    text = agreement_yaml(VARIANTS["bare"], schema_ref="../my schemas/a #1.json")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../my schemas/a #1.json"


@given(
    count=st.integers(min_value=0, max_value=10**6),
    unit=st.sampled_from(["days", "weeks", "months", "years"]),
)
def test_any_notice_period_is_written_plain(count: int, unit: str) -> None:
    notice = Duration(count, unit)  # type: ignore[arg-type]
    spec = NewAgreement(id="x", title="x", notice=notice)
    assert f"\n  notice_period: {notice}\n" in agreement_yaml(spec)
