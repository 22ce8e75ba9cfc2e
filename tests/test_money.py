"""Tests for iopctl.money.arithmetic: known answers from published figures, then properties.

Known answers are the Linköping–Resurspoolen IOP (seed 002, "Ekonomi"): 933 000 kr/år
from 2020, "Uppräkning sker årligen enligt OPI från och med 2021-01-01", with the OPI
values in iopctl/data/indices.yaml. Every figure below was worked out by hand:

    2021: 933 000   × 1.015 =   946 995.000      → 946 995
    2022: 946 995   × 1.019 =   964 987.905      → 964 988
    2023: 964 988   × 1.046 = 1 009 377.448      → 1 009 377   (definitive 4,6 %)
    2023: 964 988   × 1.035 =   998 762.580      →   998 763   (preliminary 3,5 %)
    revision 2023: 1 009 377 − 998 763 = 10 614
    exact chain: 946 995.000; 964 987.905; 1 009 377.34863
"""

from __future__ import annotations

from datetime import date
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from iopctl.money.arithmetic import (
    IndexedYear,
    MissingIndexError,
    Rounding,
    index_chain,
    index_chain_published,
    replacement_cost_rate,
    revisions,
    revisions_of,
    volunteer_value,
)
from iopctl.money.series import IndexSeries, IndexStatus, IndexValue

DATA = Path(__file__).resolve().parent.parent / "iopctl" / "data"
D = Decimal
EXACT = Rounding("exact")
EXACT_CTX = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def load_yaml(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    assert isinstance(loaded, dict)
    return loaded


def load_series(code: str) -> IndexSeries:
    """Stand-in for the project loader: YAML floats → Decimal via str()."""
    entry = load_yaml("indices.yaml")["indices"][code]
    return IndexSeries(
        name=code,
        title=entry["name"],
        publisher=entry["publisher"],
        values=tuple(
            IndexValue(
                index=code,
                year=v["year"],
                percent=D(str(v["percent"])),
                status=v["status"],
                published=v.get("published"),
                source=v["source"],
                note=v.get("note", ""),
            )
            for v in entry["values"]
        ),
    )


@pytest.fixture(scope="module")
def opi() -> IndexSeries:
    return load_series("OPI")


def linkoping(series: IndexSeries, **kwargs: Any) -> list[IndexedYear]:
    """The Resurspoolen grant: 933 000 kr in 2020, OPI from 2021-01-01."""
    kwargs.setdefault("last_year", 2023)
    return index_chain(
        base_amount=D(933000),
        base_year=2020,
        first_indexed_year=2021,
        series=series,
        **kwargs,
    )


def by_year(rows: list[IndexedYear]) -> dict[int, IndexedYear]:
    return {row.year: row for row in rows}


def value(
    year: int, percent: str, status: IndexStatus = "definitive", published: date | None = None
) -> IndexValue:
    return IndexValue("OPI", year, D(percent), status, published, "test")


# --- Known answers: Linköping–Resurspoolen ------------------------------------------


def test_linkoping_whole_krona_chain(opi: IndexSeries) -> None:
    rows = by_year(linkoping(opi))
    assert [rows[y].amount for y in (2020, 2021, 2022, 2023)] == [
        D(933000),
        D(946995),
        D(964988),
        D(1009377),
    ]
    assert rows[2022].unrounded == D("964987.905")
    assert rows[2023].previous == D(964988)  # next year starts from the rounded amount
    assert rows[2023].unrounded == D("1009377.448")
    assert rows[2023].index is not None
    assert rows[2023].index.status == "definitive"
    assert rows[2023].index.percent == D("4.6")
    assert rows[2020].index is None
    assert not any(row.estimate for row in rows.values())


def test_linkoping_exact_chain(opi: IndexSeries) -> None:
    rows = by_year(linkoping(opi, rounding=EXACT))
    assert rows[2021].amount == D("946995.000")
    assert rows[2022].amount == D("964987.905")
    assert rows[2023].amount == D("1009377.34863")


def test_linkoping_january_2023_uses_preliminary(opi: IndexSeries) -> None:
    rows = by_year(linkoping(opi, known_on=date(2023, 1, 15)))
    assert rows[2023].index is not None
    assert rows[2023].index.status == "preliminary"
    assert rows[2023].index.percent == D("3.5")
    assert rows[2023].unrounded == D("998762.58")
    assert rows[2023].amount == D(998763)
    assert rows[2022].amount == D(964988)


def test_linkoping_revision_2023(opi: IndexSeries) -> None:
    (revision,) = revisions(
        base_amount=D(933000), base_year=2020, first_indexed_year=2021, last_year=2023, series=opi
    )
    assert revision.year == 2023
    assert revision.previous == D(964988)
    assert revision.preliminary.percent == D("3.5")
    assert revision.definitive.percent == D("4.6")
    assert revision.paid == D(998763)
    assert revision.final == D(1009377)
    assert revision.difference == D(10614)


def test_linkoping_revision_2023_exact(opi: IndexSeries) -> None:
    (revision,) = revisions(
        base_amount=D(933000),
        base_year=2020,
        first_indexed_year=2021,
        last_year=2023,
        series=opi,
        rounding=EXACT,
    )
    # 964 987.905 × 1.035 = 998 762.481675; × 1.046 = 1 009 377.34863
    assert revision.paid == D("998762.481675")
    assert revision.final == D("1009377.34863")
    assert revision.difference == D("10614.866955")


def test_revisions_chain_earlier_years_on_definitive_figures() -> None:
    series = IndexSeries(
        "OPI",
        (
            value(2021, "1.0", "preliminary"),
            value(2021, "2.0"),
            value(2022, "1.0", "preliminary"),
            value(2022, "3.0"),
        ),
    )
    result = revisions(
        base_amount=D(1000), base_year=2020, first_indexed_year=2021, last_year=2022, series=series
    )
    assert [(r.year, r.previous, r.paid, r.final, r.difference) for r in result] == [
        (2021, D(1000), D(1010), D(1020), D(10)),
        (2022, D(1020), D("1030"), D("1051"), D(21)),  # 1030.2 → 1030; 1050.6 → 1051
    ]


def test_index_known_before_preliminary_was_published(opi: IndexSeries) -> None:
    with pytest.raises(MissingIndexError) as raised:
        linkoping(opi, known_on=date(2022, 12, 1))
    assert raised.value.index == "OPI"
    assert raised.value.year == 2023
    assert "2022-12-01" in str(raised.value)


def test_years_before_first_indexed_year_carry_base(opi: IndexSeries) -> None:
    rows = by_year(
        index_chain(
            base_amount=D(933000),
            base_year=2020,
            first_indexed_year=2022,
            last_year=2022,
            series=opi,
        )
    )
    assert rows[2021].amount == D(933000)
    assert rows[2021].index is None
    assert rows[2021].factor == 1
    assert rows[2022].amount == D(950727)  # 933 000 × 1.019 = 950 727.000


# --- Missing years and --assume -------------------------------------------------------


def test_missing_year_raises_with_index_year_and_remedy(opi: IndexSeries) -> None:
    with pytest.raises(MissingIndexError) as raised:
        linkoping(opi, last_year=2024)
    error = raised.value
    assert (error.index, error.year) == ("OPI", 2024)
    message = str(error)
    assert "OPI" in message
    assert "2024" in message
    assert "indices:" in message
    assert "--assume" in message


def test_assume_marks_that_year_and_later_as_estimates(opi: IndexSeries) -> None:
    rows = by_year(linkoping(opi, last_year=2026, assume=D("2.0")))
    assert [rows[y].estimate for y in range(2020, 2027)] == [False] * 4 + [True] * 3
    for year in (2024, 2025, 2026):
        index = rows[year].index
        assert index is not None
        assert index.status == "assumed"
        assert index.percent == D("2.0")
        assert index.published is None
    # 1 009 377 × 1.02 = 1 029 564.54 → 1 029 565; × 1.02 = 1 050 156.30 → 1 050 156;
    # × 1.02 = 1 071 159.12 → 1 071 159
    assert [rows[y].amount for y in (2024, 2025, 2026)] == [
        D(1029565),
        D(1050156),
        D(1071159),
    ]


def test_assumed_gap_makes_later_real_years_estimates_too() -> None:
    series = IndexSeries("OPI", (value(2021, "1.0"), value(2023, "3.0")))
    rows = by_year(
        index_chain(
            base_amount=D(1000),
            base_year=2020,
            first_indexed_year=2021,
            last_year=2023,
            series=series,
            assume=D("2.0"),
        )
    )
    assert [rows[y].estimate for y in (2021, 2022, 2023)] == [False, True, True]
    assert rows[2023].index is not None
    assert rows[2023].index.status == "definitive"  # real value, but built on an estimate
    assert rows[2023].amount == D(1061)  # 1010 × 1.02 = 1030.2 → 1030; × 1.03 = 1060.9


# --- IndexSeries.lookup ---------------------------------------------------------------


def test_lookup_prefers_definitive(opi: IndexSeries) -> None:
    found = opi.lookup(2023)
    assert found is not None
    assert (found.percent, found.status) == (D("4.6"), "definitive")


def test_lookup_known_on_takes_newest_published(opi: IndexSeries) -> None:
    before = opi.lookup(2023, known_on=date(2023, 4, 18))
    on_day = opi.lookup(2023, known_on=date(2023, 4, 19))
    assert before is not None
    assert on_day is not None
    assert before.percent == D("3.5")
    assert on_day.percent == D("4.6")
    assert opi.lookup(2023, known_on=date(2022, 12, 8)) is None


def test_lookup_values_without_date_count_as_known(opi: IndexSeries) -> None:
    found = opi.lookup(2015, known_on=date(2000, 1, 1))
    assert found is not None
    assert found.percent == D("2.2")
    assert opi.lookup(2014) is None


def test_series_rejects_duplicate_status_and_foreign_values() -> None:
    with pytest.raises(ValueError, match="more than one definitive"):
        IndexSeries("OPI", (value(2021, "1.0"), value(2021, "1.1")))
    with pytest.raises(ValueError, match="PKV"):
        IndexSeries("PKV", (value(2021, "1.0"),))


# --- Rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "amount", "expected"),
    [
        (Rounding(), "2.5", "3"),  # half-up, not banker's rounding (which gives 2)
        (Rounding(), "2.4999", "2"),
        (Rounding(), "-2.5", "-3"),  # away from zero, as ROUND_HALF_UP
        (Rounding(unit=D("0.01")), "998762.481675", "998762.48"),
        (Rounding(unit=D("0.01")), "0.125", "0.13"),
        (Rounding(unit=D(100)), "964950", "965000"),
        (Rounding(unit=D("0.5")), "10.24", "10.0"),
        (Rounding(unit=D("0.5")), "10.25", "10.5"),
        (EXACT, "1009377.34863", "1009377.34863"),
    ],
)
def test_rounding(rounding: Rounding, amount: str, expected: str) -> None:
    assert rounding.apply(D(amount)) == D(expected)


def test_rounding_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="positive"):
        Rounding(unit=D(0))
    with pytest.raises(ValueError, match="mode"):
        Rounding(mode="banker")  # type: ignore[arg-type]


# --- Volunteer valuation ------------------------------------------------------------------


def test_resurspoolen_volunteer_value() -> None:
    # Seed 002: "ca 18 000 timmar per år till ett värde av 3 852 000 kr" → 214 kr/h
    assert volunteer_value(hours=D(18000), rate=D(214)) == D(3852000)
    assert D(3852000) / D(18000) == D(214)


def test_volunteer_value_rounding() -> None:
    assert volunteer_value(hours=D("10.5"), rate=D("262.84")) == D(2760)  # 2 759.82
    assert volunteer_value(hours=D("10.5"), rate=D("262.84"), rounding=EXACT) == D("2759.82")


@pytest.mark.parametrize(
    ("wage", "percent", "expected"),
    [
        ("200", "31.42", "262.84"),  # 200 × 1.3142 = 262.84 exactly
        ("200", "32.42", "264.84"),  # 2008 rate
        ("75", "31.42", "98.57"),  # 98.565 → 98.57 half-up (half-even would give 98.56)
        ("187.50", "31.42", "246.41"),  # 246.4125
        ("200", "0", "200.00"),
    ],
)
def test_replacement_cost_rate(wage: str, percent: str, expected: str) -> None:
    rate = replacement_cost_rate(hourly_wage=D(wage), employer_contribution_percent=D(percent))
    assert rate == D(expected)
    assert rate.as_tuple().exponent == -2  # always öre


def test_replacement_cost_rate_from_bundled_contributions() -> None:
    rates = {
        e["year"]: D(str(e["percent"]))
        for e in load_yaml("employer_contributions.yaml")["employer_contributions"]
    }
    rate = replacement_cost_rate(hourly_wage=D(200), employer_contribution_percent=rates[2020])
    assert rate == D("262.84")


# --- Input validation ----------------------------------------------------------------------


def test_negative_inputs_are_rejected(opi: IndexSeries) -> None:
    with pytest.raises(ValueError, match="base amount must not be negative"):
        index_chain(
            base_amount=D(-1), base_year=2020, first_indexed_year=2021, last_year=2021, series=opi
        )
    with pytest.raises(ValueError, match="hours must not be negative"):
        volunteer_value(hours=D(-1), rate=D(214))
    with pytest.raises(ValueError, match="rate per hour must not be negative"):
        volunteer_value(hours=D(1), rate=D("-0.01"))
    with pytest.raises(ValueError, match="hourly wage must not be negative"):
        replacement_cost_rate(hourly_wage=D(-200), employer_contribution_percent=D("31.42"))
    with pytest.raises(ValueError, match="employer contribution percent"):
        replacement_cost_rate(hourly_wage=D(200), employer_contribution_percent=D(-1))


def test_percent_of_minus_100_or_less_is_rejected(opi: IndexSeries) -> None:
    with pytest.raises(ValueError, match="greater than -100"):
        value(2021, "-100")
    with pytest.raises(ValueError, match="greater than -100"):
        linkoping(opi, last_year=2024, assume=D(-100))


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        volunteer_value(hours=18000.0, rate=D(214))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Decimal"):
        IndexValue("OPI", 2021, 1.5, "definitive", None, "x")  # type: ignore[arg-type]


def test_year_order_is_checked(opi: IndexSeries) -> None:
    with pytest.raises(ValueError, match="after the base year"):
        index_chain(
            base_amount=D(1), base_year=2021, first_indexed_year=2021, last_year=2022, series=opi
        )
    with pytest.raises(ValueError, match="before the base year"):
        index_chain(
            base_amount=D(1), base_year=2021, first_indexed_year=2022, last_year=2020, series=opi
        )


# --- Properties ------------------------------------------------------------------------------

# Percents as SKR publishes them (one decimal), strictly above −100 %.
percents = st.integers(min_value=-999, max_value=1000).map(lambda n: D(n).scaleb(-1))
non_positive_percents = st.integers(min_value=-999, max_value=0).map(lambda n: D(n).scaleb(-1))
amounts = st.integers(min_value=0, max_value=10**10).map(lambda n: D(n).scaleb(-2))
whole_kronor = st.integers(min_value=0, max_value=10**8).map(D)


def series_of(percent_list: list[Decimal], first_year: int = 2001) -> IndexSeries:
    return IndexSeries(
        "OPI",
        tuple(
            IndexValue("OPI", first_year + i, p, "definitive", None, "generated")
            for i, p in enumerate(percent_list)
        ),
    )


def chain(base: Decimal, percent_list: list[Decimal], rounding: Rounding) -> list[IndexedYear]:
    return index_chain(
        base_amount=base,
        base_year=2000,
        first_indexed_year=2001,
        last_year=2000 + len(percent_list),
        series=series_of(percent_list),
        rounding=rounding,
    )


def factor(percent: Decimal) -> Decimal:
    return EXACT_CTX.add(D(1), percent.scaleb(-2))


def drift_bound(percent_list: list[Decimal]) -> Decimal:
    """Proven bound on |rounded chain − exact chain| after n whole-krona-rounded years.

    With d_k the drift after year k and δ_k (|δ_k| ≤ unit/2) the rounding error of year
    k: d_k = f_k·d_{k-1} + δ_k, d_0 = 0, so |d_n| ≤ unit/2 · Σ_k Π_{j>k} f_j. When every
    factor f_j ≤ 1 this is at most unit/2 · n; with growth it is slightly more.
    """
    total = D(0)
    for k in range(len(percent_list)):
        product = D(1)
        for p in percent_list[k + 1 :]:
            product = EXACT_CTX.multiply(product, factor(p))
        total = EXACT_CTX.add(total, product)
    return EXACT_CTX.multiply(total, D("0.5"))  # unit/2 with unit = 1 kr


@given(base=amounts, years=st.integers(min_value=1, max_value=15))
def test_zero_percent_is_identity_exact(base: Decimal, years: int) -> None:
    rows = chain(base, [D("0.0")] * years, EXACT)
    assert all(row.amount == base for row in rows)


@given(base=whole_kronor, years=st.integers(min_value=1, max_value=15))
def test_zero_percent_is_identity_whole_kronor(base: Decimal, years: int) -> None:
    rows = chain(base, [D("0.0")] * years, Rounding())
    assert all(row.amount == base for row in rows)


@given(base=amounts, percent_list=st.lists(percents, min_size=1, max_size=15))
def test_exact_chain_is_base_times_product_of_factors(
    base: Decimal, percent_list: list[Decimal]
) -> None:
    expected = base
    for p in percent_list:
        expected = EXACT_CTX.multiply(expected, factor(p))
    assert chain(base, percent_list, EXACT)[-1].amount == expected


@settings(max_examples=300)
@given(base=amounts, percent_list=st.lists(percents, min_size=1, max_size=15))
def test_rounding_drift_within_proven_bound(base: Decimal, percent_list: list[Decimal]) -> None:
    rounded = chain(base, percent_list, Rounding())
    exact = chain(base, percent_list, EXACT)
    for n in range(1, len(percent_list) + 1):
        drift = abs(EXACT_CTX.subtract(rounded[n].amount, exact[n].amount))
        assert drift <= drift_bound(percent_list[:n])


@given(base=amounts, percent_list=st.lists(non_positive_percents, min_size=1, max_size=15))
def test_drift_at_most_half_krona_per_year_without_growth(
    base: Decimal, percent_list: list[Decimal]
) -> None:
    rounded = chain(base, percent_list, Rounding())[-1].amount
    exact = chain(base, percent_list, EXACT)[-1].amount
    assert abs(EXACT_CTX.subtract(rounded, exact)) <= D("0.5") * len(percent_list)


def test_half_krona_per_year_is_not_a_bound_when_amounts_grow() -> None:
    # Found by random search with OPI-sized percents: two rounded years, drift > 1.0 kr.
    # 2 765 699 × 1.005 = 2 779 527.495 → 2 779 527; × 1.037 = 2 882 369.499 → 2 882 369
    # exact: 2 779 527.495 × 1.037 = 2 882 370.012315; drift 1.012315 ≤ 0.5 × (1.037 + 1)
    percent_list = [D("0.5"), D("3.7")]
    rounded = chain(D(2765699), percent_list, Rounding())[-1].amount
    exact = chain(D(2765699), percent_list, EXACT)[-1].amount
    assert (rounded, exact) == (D(2882369), D("2882370.012315"))
    drift = exact - rounded
    assert drift == D("1.012315")
    assert drift > D("0.5") * 2
    assert drift <= drift_bound(percent_list) == D("1.0185")


@given(
    base=amounts,
    percent_list=st.lists(percents, min_size=1, max_size=15),
    exact=st.booleans(),
)
def test_amounts_never_negative(base: Decimal, percent_list: list[Decimal], exact: bool) -> None:
    rows = chain(base, percent_list, EXACT if exact else Rounding())
    assert all(row.amount >= 0 and row.unrounded >= 0 for row in rows)


# --- Bundled data ------------------------------------------------------------------------------


def test_indices_yaml_values_are_complete_and_unique() -> None:
    indices = load_yaml("indices.yaml")["indices"]
    assert set(indices) == {"OPI", "PKV"}
    for code, entry in indices.items():
        assert entry["name"]
        assert entry["publisher"]
        seen: set[tuple[int, str]] = set()
        for item in entry["values"]:
            assert isinstance(item["year"], int), item
            assert isinstance(item["percent"], (int, float)), item
            assert item["status"] in {"preliminary", "definitive"}, item
            assert isinstance(item["source"], str) and item["source"].strip(), item
            if "published" in item:
                assert isinstance(item["published"], date), item
            key = (item["year"], item["status"])
            assert key not in seen, f"{code} {key} duplicated"
            seen.add(key)
        load_series(code)  # the dataclasses accept every value


def test_indices_yaml_has_exactly_the_reference_years() -> None:
    opi = load_series("OPI")
    pkv = load_series("PKV")
    assert sorted({v.year for v in opi.values}) == list(range(2015, 2024))
    assert {v.status for v in opi.values if v.year == 2023} == {"preliminary", "definitive"}
    assert [(v.year, v.percent, v.status) for v in pkv.values] == [
        (2015, D("2.4"), "definitive"),
        (2016, D("2.7"), "definitive"),
        (2017, D("2.8"), "preliminary"),
    ]
    opi_2021 = opi.lookup(2021)
    assert opi_2021 is not None
    assert "uncertain" in opi_2021.note.lower()


def test_employer_contributions_yaml() -> None:
    entries = load_yaml("employer_contributions.yaml")["employer_contributions"]
    rates = {e["year"]: D(str(e["percent"])) for e in entries}
    assert len(rates) == len(entries)
    assert rates == {2008: D("32.42"), **{y: D("31.42") for y in range(2009, 2027)}}
    assert all(isinstance(e["source"], str) and e["source"].strip() for e in entries)


def test_index_chain_published_stops_at_the_first_missing_year(opi: IndexSeries) -> None:
    rows, missing = index_chain_published(
        base_amount=D(933000),
        base_year=2020,
        first_indexed_year=2021,
        last_year=2025,
        series=opi,
    )
    assert [(r.year, r.amount) for r in rows] == [
        (2020, D(933000)),
        (2021, D(946995)),
        (2022, D(964988)),
        (2023, D(1009377)),
    ]
    assert missing == 2024
    complete, none_missing = index_chain_published(
        base_amount=D(933000), base_year=2020, first_indexed_year=2021, last_year=2022, series=opi
    )
    assert none_missing is None and complete[-1].amount == D(964988)


@settings(max_examples=150, deadline=None)
@given(
    base=st.integers(0, 5_000_000),
    base_year=st.integers(2008, 2026),
    span=st.integers(1, 8),
    after=st.integers(1, 3),
    known_on=st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2027, 12, 31))),
    assume=st.one_of(st.none(), st.sampled_from(["0", "1.5", "2.0", "-0.4"])),
    whole=st.booleans(),
)
def test_published_chain_is_the_chain_as_far_as_the_figures_reach(
    opi: IndexSeries,
    base: int,
    base_year: int,
    span: int,
    after: int,
    known_on: date | None,
    assume: str | None,
    whole: bool,
) -> None:
    """One pass gives what the chain to the last year gives, or, when a figure is missing,
    the chain to the year before it; revisions of its published part are those of the
    chain of published figures alone (which the facts no longer compute a second time)."""
    rounding = Rounding() if whole else Rounding(mode="exact")
    given_ = {
        "base_amount": Decimal(base),
        "base_year": base_year,
        "first_indexed_year": base_year + after,
        "series": opi,
        "rounding": rounding,
        "known_on": known_on,
    }
    assumed = Decimal(assume) if assume is not None else None
    last = base_year + after + span
    chain, missing = index_chain_published(**given_, last_year=last, assume=assumed)
    try:
        assert (chain, missing) == (index_chain(**given_, last_year=last, assume=assumed), None)
    except MissingIndexError as exc:
        assert missing == exc.year
        assert chain == index_chain(**given_, last_year=exc.year - 1, assume=assumed)
    published_to = max(step.year for step in chain if not step.estimate)
    published = [step for step in chain if step.year <= published_to]
    found = revisions_of(published, series=opi, rounding=rounding, known_on=known_on)
    assert found == revisions(**given_, last_year=published_to)
