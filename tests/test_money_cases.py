"""The shapes of money real agreements use, each through every command (issue "Money as
agreed"): goldens for ``economy``, ``due``, ``list``, ``show`` and the rendered economy
section, and a check that they give the same figures.

The fixtures are in ``tests/fixtures/money/``; the first line of each says what the
agreement says and what iopctl must make of it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from iopctl.cli import app
from tests.goldens import assert_golden
from tests.test_commands_agree import due_money, economy_money, list_money, show_money

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p.stem for p in (ROOT / "tests" / "fixtures" / "money").glob("*.yaml"))
AS_OF = "2026-12-01"
NO_INDEX = ROOT / "tests" / "fixtures" / "agree" / "testpi.yaml"  # any index file


def path_of(case: str) -> str:
    return f"tests/fixtures/money/{case}.yaml"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def start_of(case: str) -> dt.date:
    data = yaml.safe_load((ROOT / path_of(case)).read_text(encoding="utf-8"))
    start: dt.date = data["period"]["start"]
    return start


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("case", CASES)
def test_goldens(case: str) -> None:
    before = (start_of(case) - dt.timedelta(days=1)).isoformat()
    middle = (start_of(case) + dt.timedelta(days=200)).isoformat()
    path = path_of(case)
    assert_golden(f"money/{case}.economy.txt", run("economy", path, "--as-of", AS_OF))
    due = run("due", path, "--as-of", before, "--within", "30d", "--kind", "payment")
    assert_golden(f"money/{case}.due.txt", due)
    assert_golden(f"money/{case}.list.txt", run("list", path, "--as-of", middle))
    assert_golden(f"money/{case}.show.txt", run("show", case, path, "--as-of", middle))
    text = run("render", path, "--given-on", AS_OF)
    section = text[text.index("## Ekonomi") : text.index("## Period för överenskommelsen")]
    appendix = text[text.index("## Bilaga") :]
    assert_golden(f"money/{case}.render.md", section + appendix)


@pytest.mark.parametrize("case", CASES)
def test_the_same_figures_in_every_command(case: str) -> None:
    path = ROOT / path_of(case)
    before = start_of(case) - dt.timedelta(days=1)
    economy, last = economy_money(path, before, NO_INDEX)
    assert show_money(path, before, NO_INDEX) == (economy, last)
    paid, due_last = due_money(path, before, NO_INDEX)
    assert due_last == last
    for year, amount in economy.items():
        on = max(start_of(case), dt.date(year, 1, 1))
        assert list_money(path, on, NO_INDEX) == (amount, last)
    # The rendered appendix lists the same amount for each year.
    text = run("render", str(path), "--given-on", AS_OF)
    rows = re.findall(r"^\| (\d{4}) \| [^|]+ \| ([^|]+) \|", text, flags=re.M)
    rendered: dict[int, Decimal | None] = {}
    for year, cell in rows:
        digits = re.sub(r"\D", "", cell)
        value = Decimal(digits) if digits else None
        rendered[int(year)] = value if rendered.get(int(year)) is None else rendered[int(year)]
    if case != "money-conditional":  # two contributions: the appendix lists both
        assert {y: rendered.get(y) for y in economy} == economy
    # Payments follow the years' amounts, except where they pay agreement years.
    # (The conditional money is paid too, when its decision is taken: due lists it, marked.)
    if case not in ("money-october-to-september", "money-conditional"):
        for year, amount in economy.items():
            assert paid.get(year, Decimal(0) if amount is not None else None) in (amount, None)


def test_agreement_years_are_paid_in_october_and_add_up_to_the_whole() -> None:
    path = ROOT / path_of("money-october-to-september")
    economy, _ = economy_money(path, dt.date(2016, 9, 30), NO_INDEX)
    paid, _ = due_money(path, dt.date(2016, 9, 30), NO_INDEX)
    assert economy == {
        2016: Decimal(3500000),
        2017: Decimal(14000000),
        2018: Decimal(14000000),
        2019: Decimal(10500000),
    }
    assert paid == {2016: Decimal(14000000), 2017: Decimal(14000000), 2018: Decimal(14000000)}
    assert sum(paid.values()) == sum(economy.values())  # type: ignore[arg-type]
