"""iopctl.site.chart: the bars' geometry, and the SVG the templates draw from it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from iopctl.site.build import environment
from iopctl.site.chart import matrix_chart, nice_max, year_chart
from iopctl.site.words import WORDS


@pytest.mark.parametrize(
    ("value", "top"),
    [
        ("0", "1"),
        ("1", "1"),
        ("964988", "1000000"),
        ("1000001", "2000000"),
        ("2100000", "2500000"),
        ("2600000", "5000000"),
        ("14975205", "20000000"),
        ("0.3", "0.5"),
    ],
)
def test_nice_max(value: str, top: str) -> None:
    assert nice_max(D(value)) == D(top)


def test_year_chart_draws_each_kind_of_money_apart() -> None:
    chart = year_chart(
        [
            (2021, {"committed": D(946995)}),
            (2022, {"committed": D(964988), "estimated": D(100000), "conditional": D(400000)}),
        ]
    )
    assert chart.series == ("committed", "estimated", "conditional")
    assert [(b.series, b.label) for b in chart.bars] == [
        ("committed", "946\u00a0995\u00a0kr"),
        ("committed", "964\u00a0988\u00a0kr"),
        ("estimated", "100\u00a0000\u00a0kr"),
        ("conditional", "400\u00a0000\u00a0kr"),
    ]
    assert [t.label for t in chart.ticks][-1] == "1\u00a0000\u00a0000\u00a0kr"
    assert chart.bars[1].height == pytest.approx((chart.bottom - chart.top) * 0.964988, abs=0.1)
    for bar in chart.bars:
        assert bar.y + bar.height == pytest.approx(chart.bottom, abs=0.1)
        assert 0 < bar.width <= 72
    assert [x for x, _ in chart.years] == sorted(x for x, _ in chart.years)
    assert chart.labelled


def test_an_unknown_year_is_a_question_mark_not_an_empty_slot() -> None:
    """A year whose money is not known at all has a "?" where its bar would stand (an
    empty slot reads as 0); a year known in part says "+ ?" after its amount."""
    chart = year_chart(
        [(2018, {}), (2019, {}), (2020, {"committed": D(933000)})], unknown={2018, 2020}
    )
    assert [b.label for b in chart.bars] == ["933\u00a0000\u00a0kr + ?"]
    (mark,) = chart.unknown
    assert mark == (chart.years[0][0], chart.bottom - 6)  # 2019 has no money: nothing


def test_an_unknown_cell_of_the_matrix_is_a_question_mark() -> None:
    chart = matrix_chart(
        ["A", "B"],
        [2018, 2019],
        {("B", 2019): D(10)},
        unknown={("A", 2018), ("B", 2019)},
    )
    assert chart.rows[0].unknown == (230 + 32,)
    assert chart.rows[0].cells == ()
    assert chart.rows[1].unknown == ()
    assert [c.label for c in chart.rows[1].cells] == ["10\u00a0kr + ?"]


def test_year_chart_of_nothing() -> None:
    chart = year_chart([])
    assert (chart.bars, chart.series, chart.years) == ((), (), ())


def test_matrix_scales_every_bar_against_the_largest() -> None:
    chart = matrix_chart(
        ["Nämnd A", "Nämnd B med ett mycket långt namn som inte får plats"],
        [2020, 2021],
        {
            ("Nämnd A", 2020): D(100),
            ("Nämnd A", 2021): D(50),
            ("Nämnd B med ett mycket långt namn som inte får plats", 2021): D(25),
        },
    )
    widths = [[c.width for c in row.cells] for row in chart.rows]
    assert widths == [[56.0, 28.0], [14.0]]
    assert chart.rows[1].short == "Nämnd B med ett mycket långt…"
    assert chart.width == 230 + 2 * 64


def test_svg_is_escaped_and_labelled() -> None:
    chart = matrix_chart(["<b>A & B</b>"], [2020], {("<b>A & B</b>", 2020): D(5)})
    svg = (
        environment()
        .get_template("chart-matrix.svg.j2")
        .render(w=WORDS, chart=chart, label="Diagram <x>", chart_id="c")
    )
    assert '<svg class="chart-svg" role="img" aria-labelledby="c-title"' in svg
    assert '<title id="c-title">Diagram &lt;x&gt;</title>' in svg
    assert "<title>&lt;b&gt;A &amp; B&lt;/b&gt;: 5\u00a0kr</title>" in svg
    assert "<b>" not in svg
