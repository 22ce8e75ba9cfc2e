"""`iopctl site` (iopctl.site): the pages as files — goldens, determinism, escaping, the
atomic swap and the command line. The pages in a real browser: tests/test_site_browser.py."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.checks.validate import validate_paths
from iopctl.cli import app
from iopctl.errors import IopctlError, UsageError
from iopctl.site import build
from iopctl.site.build import STATIC, build_site
from iopctl.site.staging import MARKER
from tests.goldens import assert_golden

runner = CliRunner()
AS_OF = dt.date(2022, 5, 15)
MONEY = ["tests/fixtures/money", "tests/fixtures/economy/linkoping-resurspoolen-2020.yaml"]


def pages(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def bundled(in_repo: Path, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    built = build_site(["agreements"], out, as_of=AS_OF)
    assert (built.agreements, built.pages, built.invalid, built.problems) == (5, 12, 0, ())
    return out


def test_bundled_site_golden(bundled: Path) -> None:
    found = pages(bundled)
    assert sorted(found) == [
        ".iopctl-site",
        "avtal/kalmar-stadsmission-2020.html",
        "avtal/linkoping-pingstforsamlingen-iogt-nto-2018.html",
        "avtal/linkoping-resurspoolen-2018.html",
        "avtal/linkoping-resurspoolen-2020.html",
        "avtal/timra-aldres-ensamhet-2020.html",
        "historik.html",
        "index.html",
        "pengar.html",
        "static/site.css",
        "static/site.js",
        "tidslinje.html",
        "tidslinje/2022-05.html",
        "tidslinje/2022-06.html",
        "tidslinje/2022-12.html",
    ]
    for name, data in found.items():
        if name.endswith(".html"):
            assert_golden(f"site/bundled/{name}", data.decode("utf-8"))
    for name in STATIC:
        packaged = resources.files("iopctl.site").joinpath("static", name).read_bytes()
        assert found[f"static/{name}"] == packaged


def test_money_site_golden(in_repo: Path, tmp_path: Path) -> None:
    """Estimates (--assume) and conditional money apart, in the chart and the tables."""
    out = tmp_path / "site"
    build_site(MONEY, out, as_of=dt.date(2024, 3, 1), assume=Decimal("2.0"))
    money = (out / "pengar.html").read_text(encoding="utf-8")
    assert_golden("site/money/pengar.html", money)
    assert_golden("site/money/index.html", (out / "index.html").read_text(encoding="utf-8"))
    assert 'class="bar bar-estimated"' in money and 'class="bar bar-conditional"' in money


ENGLISH_PAGES = (
    "index.html",
    "tidslinje.html",
    "historik.html",
    "pengar.html",
    "avtal/linkoping-resurspoolen-2020.html",
)
"""Pages in English: every section and word of the site (file names stay as they are, so
a link works in either language)."""


def test_english_site_golden(in_repo: Path, tmp_path: Path, english: None) -> None:
    """``--lang en`` (here the locale): the same pages in English words, numbers by
    English rules (``946,995\u00a0kr``, ``1.5%``), ``<html lang="en">``."""
    out = tmp_path / "site"
    build_site(["agreements"], out, as_of=AS_OF)
    for name in ENGLISH_PAGES:
        html = (out / name).read_text(encoding="utf-8")
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert_golden(f"site/en/{name}", html)


def test_cli_builds_english_pages_with_lang_en(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["site", "agreements", "--out", str(out), "--as-of", "2022-05-15", "--lang", "en"]
    assert runner.invoke(app, args).exit_code == 0
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Overview</h1>" in overview and "Översikt" not in overview
    swedish = tmp_path / "sv"
    assert runner.invoke(app, [*args[:3], str(swedish), *args[4:6], "--lang", "sv"]).exit_code == 0
    assert "<h1>Översikt</h1>" in (swedish / "index.html").read_text(encoding="utf-8")


def test_same_input_same_bytes(in_repo: Path, tmp_path: Path) -> None:
    build_site(["agreements", *MONEY], tmp_path / "a", as_of=AS_OF, assume=Decimal("2.0"))
    build_site(["agreements", *MONEY], tmp_path / "b", as_of=AS_OF, assume=Decimal("2.0"))
    assert pages(tmp_path / "a") == pages(tmp_path / "b")


def test_no_page_asks_for_anything_outside_the_site(bundled: Path) -> None:
    for name, data in pages(bundled).items():
        text = data.decode("utf-8")
        assert re.findall(r'(?:src|href)="(?:[a-z]+:)?//', text) == [], name
        assert re.findall(r"url\((?!#)", text) == [], name
        if name.endswith(".html"):
            assert '<html lang="sv">' in text
            scripts = re.findall(r"<script[^>]*>", text)
            assert len(scripts) == 1 and scripts[0].endswith('site.js" defer>')


HOSTILE = """\
id: elak-2024
title: "<script>alert('titel')</script> & <b>fet</b>"
status: draft
language: sv
parties:
  - id: kommun
    name: "Nämnden <img src=x onerror=alert(1)>"
    sector: public
  - id: forening
    name: "=HYPERLINK(\\"http://x\\")"
    sector: idea_based
background: |
  Se [sidan](javascript:alert(1)) och ![bild](http://example.invalid/spårning.png).

  <script>alert("text")</script> <iframe src="http://example.invalid"></iframe>
"""


def test_agreement_data_is_escaped_and_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "elak-2024.yaml").write_text(HOSTILE, encoding="utf-8")
    build_site(["agreements"], tmp_path / "site", as_of=AS_OF)
    for name, data in pages(tmp_path / "site").items():
        text = data.decode("utf-8")
        if not name.endswith(".html"):
            continue
        assert "<script>alert" not in text and "<img" not in text and "<iframe" not in text
        assert "javascript:" not in text.replace("[sidan](javascript:", "")
        assert 'example.invalid/spårning.png"' not in text
    page = (tmp_path / "site" / "avtal" / "elak-2024.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt;" in page
    )
    assert '<span class="image-alt">[bild: bild]</span>' in page


def test_a_failed_build_keeps_the_old_site(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = pages(bundled)

    def broken(*args: object, **kwargs: object) -> None:
        raise IopctlError("disk full (simulated)")

    monkeypatch.setattr(build, "_portfolio_pages", broken)
    with pytest.raises(IopctlError, match="simulated"):
        build_site(["agreements"], bundled, as_of=dt.date(2023, 1, 1))
    assert pages(bundled) == before
    assert sorted(p.name for p in bundled.parent.iterdir()) == ["site"]


def test_a_site_is_replaced_whole(bundled: Path) -> None:
    (bundled / "avtal" / "gammal.html").write_text("old", encoding="utf-8")
    build_site(["agreements"], bundled, as_of=dt.date(2023, 1, 1))
    assert not (bundled / "avtal" / "gammal.html").exists()
    assert "2023-01-01" in (bundled / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in bundled.parent.iterdir()) == ["site"]


def test_a_folder_iopctl_did_not_make_is_kept(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(IopctlError, match="not made by iopctl site"):
        build_site(["agreements"], out, as_of=AS_OF)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    build_site(["agreements"], out, as_of=AS_OF, force=True)
    assert (out / MARKER).is_file() and not (out / "notes.txt").exists()


@pytest.mark.parametrize("out", [".", "tests/fixtures", "tests"])
def test_never_replaces_a_folder_holding_the_input(in_repo: Path, out: str) -> None:
    with pytest.raises(UsageError, match="which replacing the site would delete"):
        build_site(["tests/fixtures/money"], Path(out), as_of=AS_OF, force=True)


def test_cli_writes_the_site(in_repo: Path, tmp_path: Path, english: None) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", "agreements", "--out", str(out), "--as-of", "2022-05-15"])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"iopctl: wrote 12 pages for 5 agreements to {out}\n"


def test_cli_exits_1_when_files_have_errors_and_still_writes(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    args = ["site", "tests/fixtures/invalid", "--out", str(out), "--as-of", "2022-05-15"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "fel IOP006" in result.stderr  # a file without an id: only here and on the overview
    # as many files as `iopctl validate` finds with errors:
    invalid = validate_paths(["tests/fixtures/invalid"], as_of=dt.date(2022, 5, 15)).invalid_files
    assert result.stderr.endswith(
        f"iopctl: {len(invalid)} filer med fel, visade på webbplatsen (iopctl validate listar "
        "dem)\n"
    )
    overview = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="unreadable"' in overview and "iop006-python-tag.yaml" in overview


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--out DIR is required"),
        (["--out", "x", "--months", "0"], "--months 0: give 1 to 60"),
        (["--out", "x", "--assume", "many"], "--assume"),
    ],
)
def test_cli_usage_errors(in_repo: Path, args: list[str], message: str, english: None) -> None:
    result = runner.invoke(app, ["site", "agreements", *args])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("IOPCTL_SLOW_TESTS"), reason="IOPCTL_SLOW_TESTS=1 builds a wheel"
)
def test_the_wheel_carries_the_templates_and_static_files(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(repo)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("iopctl-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    folder = repo / "iopctl" / "site"
    wanted = {
        p.relative_to(repo).as_posix()
        for sub in ("templates", "static")
        for p in (folder / sub).iterdir()
    }
    assert wanted and wanted <= names


def test_a_page_written_again_counts_once(in_repo: Path, tmp_path: Path) -> None:
    """Cross-file problems (a duplicate id) rewrite a page after the pass."""
    built = build_site(
        ["tests/fixtures/invalid/iop401-duplicate-id"], tmp_path / "site", as_of=AS_OF
    )
    names = sorted(p.name for p in (tmp_path / "site" / "avtal").iterdir())
    assert names == ["first--2.html", "first.html"]
    assert (built.agreements, built.invalid) == (2, 1)
    assert built.pages == len(list((tmp_path / "site").rglob("*.html")))
    second = (tmp_path / "site" / "avtal" / "first--2.html").read_text(encoding="utf-8")
    assert "IOP401" in second and "second.yaml" in second
