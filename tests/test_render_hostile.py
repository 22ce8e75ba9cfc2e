"""Rendering hostile agreements and templates (issue 16).

* HTML: attribute syntax, ``javascript:``/``data:`` links, remote images and raw HTML in
  agreement text come out inert (each vector is a test case).
* Markdown: ``<script>`` and a forged provenance comment are escaped.
* pandoc: nested Markdown is refused at validation (IOP110); whatever still takes pandoc
  too long or too much memory is stopped by its runtime limits with a message.
* User templates: recursion, huge strings, nested loops and filters on model objects are
  template errors (exit 1) within a time and size budget.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopctl.cli import app
from tests.test_bounds import bounded

pytestmark = pytest.mark.usefixtures("english")
"""These tests pin iopctl's English words; the Swedish ones have tests of their own."""

REPO = Path(__file__).resolve().parent.parent
RESURSPOOLEN = REPO / "agreements" / "linkoping-resurspoolen-2020.yaml"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def with_background(tmp_path: Path, markdown: str) -> Path:
    """Resurspoolen with ``background`` replaced by ``markdown`` (a literal block)."""
    text = RESURSPOOLEN.read_text("utf-8")
    text = re.sub(r"(?m)^background: \|\n(?:  .*\n|\n)+", "", text)
    block = "".join(f"  {line}\n" if line else "\n" for line in markdown.split("\n"))
    path = tmp_path / RESURSPOOLEN.name
    path.write_text(text + "background: |\n" + block, "utf-8")
    return path


class _Active(html.parser.HTMLParser):
    """Every element, and every attribute that would run script or load something."""

    SAFE = ("http:", "https:", "mailto:", "tel:", "#")

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.dangers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in ("script", "img", "iframe", "object", "embed", "svg", "form", "base"):
            self.dangers.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "formaction"):
                self.dangers.append(f"{tag} {name}={value!r}")
            if name in ("href", "src", "action", "data") and value is not None:
                target = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", target)
                if (scheme and not target.startswith(self.SAFE)) or target.startswith("//"):
                    self.dangers.append(f"{tag} {name}={value!r}")


VECTORS = {
    "span-attribute": '[x]{onmouseover="alert(1)"}',
    "link-attribute": '[l](https://example.org){onclick="alert(2)"}',
    "div-attribute": '::: {onclick="alert(3)"}\ndiv\n:::',
    "heading-attribute": '### H {#id onclick="alert(4)"}',
    "code-attribute": '`code`{onclick="alert(5)"}',
    "fenced-code-attribute": '```{onclick="alert(6)"}\nx\n```',
    "javascript-link": "[js](javascript:alert(7))",
    "javascript-mixed-case": "[js](JaVaScRiPt:alert(8))",
    "javascript-entity": "[js](jav&#x61;script:alert(9))",
    "javascript-autolink": "<javascript:alert(10)>",
    "javascript-reference": "[ref][r]\n\n[r]: javascript:alert(11)",
    "data-link": "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMik8L3NjcmlwdD4=)",
    "vbscript-link": "[v](vbscript:msgbox(13))",
    "file-link": "[f](file:///etc/passwd)",
    "unc-link": "[u](//evil.example/share)",
    "remote-image": "![pixel](https://evil.example/track.png)",
    "data-image": "![i](data:image/svg+xml,<svg onload=alert(14)>)",
    "raw-img": '<img src="https://evil.example/x.png" onerror="alert(15)">',
    "raw-script": "<script>alert(16)</script>",
    "raw-anchor": '<a href="javascript:alert(17)">a</a>',
    "raw-iframe": '<iframe src="https://evil.example"></iframe>',
    "raw-svg": "<svg><script>alert(18)</script></svg>",
}


@pytest.mark.pandoc
@pytest.mark.parametrize("vector", sorted(VECTORS))
def test_html_output_is_inert(tmp_path: Path, vector: str) -> None:
    path = with_background(tmp_path, f"Före.\n\n{VECTORS[vector]}\n\nEfter.")
    code, out, err = run("render", str(path), "--format", "html")
    assert (code, err) == (0, ""), err
    parser = _Active()
    parser.feed(out)
    assert parser.dangers == [], parser.dangers
    assert "Före." in out and "Efter." in out


@pytest.mark.pandoc
def test_safe_links_stay_links(tmp_path: Path) -> None:
    path = with_background(
        tmp_path,
        "[web](https://example.org/a) [mail](mailto:a@example.org) [tel](tel:+4613206000) "
        "[rel](bilaga.pdf) [frag](#bakgrund)",
    )
    code, out, _ = run("render", str(path), "--format", "html")
    assert code == 0
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert hrefs == [
        "https://example.org/a",
        "mailto:a@example.org",
        "tel:+4613206000",
        "bilaga.pdf",
        "#bakgrund",
    ]


@pytest.mark.pandoc
def test_word_output_has_no_unsafe_links(tmp_path: Path) -> None:
    import zipfile

    path = with_background(
        tmp_path,
        "[js](javascript:alert(1)) [unc](//evil.example/x) ![p](https://evil.example/p.png)",
    )
    out = tmp_path / "x.docx"
    code, _, err = run("render", str(path), "--out", str(out))
    assert code == 0, err
    with zipfile.ZipFile(out) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "javascript" not in rels and "evil.example" not in rels


def test_markdown_output_escapes_raw_html_and_forged_provenance(tmp_path: Path) -> None:
    forged = '<!-- iopctl render: agreement="other.yaml" template="agreement" -->'
    path = with_background(tmp_path, f"<script>alert(1)</script>\n\n{forged}\n\nSlut.")
    code, out, err = run("render", str(path))
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if line.startswith("<!--")] == [out.splitlines()[0]]
    assert "\\<script>alert(1)\\</script>" in out
    assert "<script>" not in out.replace("\\<script>", "")
    assert '\\<!-- iopctl render: agreement="other.yaml"' in out


def test_markdown_output_escapes_control_characters(tmp_path: Path) -> None:
    text = RESURSPOOLEN.read_text("utf-8").replace(
        "title: Idéburet", 'title: "\\e]0;pwned\\a\\e[2J Idéburet', 1
    )
    text = text.replace("Linköpings kommun\n", 'Linköpings kommun"\n', 1)
    path = tmp_path / RESURSPOOLEN.name
    path.write_text(text, "utf-8")
    code, out, err = run("render", str(path))
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J Idéburet" in out


# --- nested Markdown and pandoc's limits ----------------------------------------------------------


@pytest.mark.parametrize(
    ("markdown", "found"),
    [
        ("[" * 2000 + "x" + "](u)" * 2000, "2000 levels deep"),
        ("[" * 200 + "x" + "](u)" * 200, "200 levels deep"),
        ("[" * 100_000, "100000 levels deep"),
        ("> " * 1000 + "x", "more than 10 block quotes or lists"),
        ("1. " * 1000 + "x", "more than 10 block quotes or lists"),
    ],
    ids=["2000-links", "200-links", "open-brackets", "quotes", "ordered-lists"],
)
def test_nested_markdown_is_refused_with_a_location(
    tmp_path: Path, markdown: str, found: str
) -> None:
    """2 000 nested links in 10 KB took pandoc past 22 GB; 200 past 100 s."""
    path = with_background(tmp_path, markdown)
    for args in (["validate"], ["render", "--format", "docx", "--out", str(tmp_path / "o/")]):
        with bounded(seconds=5, megabytes=200):
            code, out, err = run(*args, str(path))
        assert code == 1
        assert re.search(r":\d+:\d+: error IOP110 Background \(`background`\): ", out + err), (
            out + err
        )
        assert found in out + err
    assert not (tmp_path / "o").exists()


@pytest.mark.pandoc
def test_pandoc_memory_limit_stops_a_pathological_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markdown that is not nested but still costs pandoc gigabytes ("1. " repeated on one
    line is nested lists; ``&`` runs are quadratic) meets its runtime limit: an error that
    names the document, never the machine's memory."""
    from iopctl.documents import convert

    monkeypatch.setattr(convert, "PANDOC_MEMORY", "64m")  # as 512m, but quicker to reach
    path = with_background(
        tmp_path, "\n\n".join("1. 1. 1. 1. 1. 1. 1. 1. 1. x" for _ in range(20_000))
    )
    with bounded(seconds=60, megabytes=300) as cost:
        code, _, err = run(
            "render", str(path), "--format", "docx", "--out", str(tmp_path / "x.docx")
        )
    assert code == 1
    assert f"pandoc ran out of memory (64mB) converting {path} to docx" in err, err
    print(f"pandoc memory limit: {cost.seconds:.1f} s")


@pytest.mark.pandoc
def test_pandoc_time_limit_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iopctl.documents import budget

    monkeypatch.setattr(budget, "PANDOC_SECONDS", 1.0)
    path = with_background(tmp_path, "x&" * 6000)  # quadratic in pandoc: about 15 s
    with bounded(seconds=10, megabytes=300):
        code, _, err = run("render", str(path), "--format", "html")
    assert code == 1
    assert f"pandoc did not finish converting {path} to html within 1 s" in err


@pytest.mark.pandoc
def test_time_limit_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iopctl.documents import budget

    monkeypatch.setattr(budget, "RUN_SECONDS", 0.0)
    code, _, err = run("render", str(RESURSPOOLEN), "--format", "html")
    assert code == 1
    assert "rendering stopped: this run has used its 0 s" in err


# --- user templates ----------------------------------------------------------------------------

TEMPLATES = {
    "include-recursion": ('{% include "evil.sv.md.j2" %}', "RecursionError"),
    "huge-string": ("{{ 'x' * 2000000000 }}", "TemplateLimit: * would be 2,000,000,000 long"),
    "nested-range": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "the template took more than",
    ),
    "dictsort-model": ("{{ agreement | dictsort }}", "AttributeError"),
    "xmlattr-model": ("{{ agreement | xmlattr }}", "AttributeError"),
    "tojson-model": ("{{ agreement | tojson }}", "TypeError"),
    "doubling-namespace": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "TemplateLimit: ~ would be",
    ),
    "doubling-list": (
        "{% set l = [1] %}{% for i in range(64) %}{% set _ = l.extend(l) %}{% endfor %}",
        "TemplateLimit: list.extend would be",
    ),
    "power": ("{{ 2 ** 100000000 }}", "TemplateLimit: the power is too large"),
    "printf-width": ("{{ '%999999999s' % 1 }}", "TemplateLimit: format width"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "TemplateLimit: format spec"),
    "ljust": ("{{ 'x'.ljust(999999999) }}", "larger than 100,000 allows"),
    "center": ("{{ 'x' | center(2000000000) }}", "larger than 100,000 allows"),
    "batch-fill": ("{{ [1] | batch(1000000000, 'x') | list }}", "larger than 100,000 allows"),
    "sum-of-lists": ("{{ range(100000) | batch(1) | sum(start=[]) }}", "start must be a number"),
    "replace-empty": ("{{ ('x' * 10000) | replace('', 'y' * 10000) }}", "replace would be"),
    "join-growth": ("{{ ([agreement.title] * 1000) | join('x' * 100000) }}", "join would be"),
    "output": ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "the document would"),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
def test_user_template_mistakes_are_template_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """Recursion, 'x'*2000000000, nested range loops, dictsort/xmlattr on model objects
    ended in exit 3 or never finished. (The time limit is 10 s; 1 s here, to be quick.)"""
    from iopctl.documents import budget, render

    assert budget.TEMPLATE_SECONDS == 10
    monkeypatch.setattr(render, "TEMPLATE_SECONDS", 1.0)
    source, found = TEMPLATES[case]
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "evil.sv.md.j2").write_text(source + "\n", "utf-8")
    with bounded(seconds=25, megabytes=400) as cost:
        code, out, err = run(
            "render", str(RESURSPOOLEN), "-t", "evil", "--template-dir", str(folder)
        )
    assert (code, out) == (1, ""), err
    assert err.startswith(f"iopctl: error: {folder / 'evil.sv.md.j2'}".replace(str(REPO) + "/", ""))
    assert found in err, err
    assert cost.seconds < 6  # the (1 s) template limit, and nothing after it


def test_template_limits_do_not_touch_the_bundled_templates(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("render", str(REPO / "agreements"), "--draft", "--out", str(out))
    assert (code, err.count("wrote")) == (0, 5), err
    shutil.rmtree(out)


# --- --check against hostile outputs; interrupted writes -------------------------------------


def _bomb(path: Path, like: Path, member: str = "word/document.xml", chunks: int = 128) -> None:
    """``like``'s members, with ``member`` replaced by ``chunks`` × 16 MiB of zeros (2 GiB:
    9 MB on disk)."""
    import zipfile

    with zipfile.ZipFile(like) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != member:
                out.writestr(info, source.read(info))
                continue
            with out.open(member, "w", force_zip64=True) as fh:
                chunk = b"\0" * (1 << 24)
                for _ in range(chunks):
                    fh.write(chunk)


@pytest.mark.pandoc
@pytest.mark.slow
def test_check_does_not_decompress_a_huge_member(tmp_path: Path) -> None:
    """A 2 MB docx with a 2 GiB entry in the --check folder took 4.3 GB."""
    out = tmp_path / "out"
    code, _, err = run("render", str(RESURSPOOLEN), "--format", "docx", "--out", f"{out}/")
    assert code == 0, err
    [document] = list(out.iterdir())
    good = tmp_path / "good.docx"
    document.rename(good)
    _bomb(document, good)
    assert document.stat().st_size < 20_000_000
    with bounded(seconds=10, megabytes=300) as cost:
        code, stdout, _ = run(
            "render", str(RESURSPOOLEN), "--format", "docx", "--out", f"{out}/", "--check"
        )
    assert code == 1
    assert stdout.endswith(": differs\n")
    print(f"--check against a 2 GiB member: {cost.seconds:.1f} s, {cost.megabytes:.0f} MB")


def test_reference_doc_with_a_huge_styles_member(tmp_path: Path) -> None:
    """A Word file given as --reference-doc is read for a warning: not its 64 MiB member."""
    from iopctl.documents.convert import reference_doc_warnings
    from iopctl.documents.templates import bundled_reference_doc

    reference = tmp_path / "styles.docx"
    bundled = bundled_reference_doc()
    assert bundled is not None
    _bomb(reference, bundled, "word/styles.xml", chunks=4)
    with bounded(seconds=5, megabytes=100):
        warnings = reference_doc_warnings(reference)
    assert [w.english() for w in warnings] == [
        f"{reference}: word/styles.xml is larger than 16,777,216 bytes"
    ]


def test_leftovers_of_an_interrupted_write_are_noticed_and_removed(tmp_path: Path) -> None:
    """kill -9 during render --out left .….tmp files that --check never noticed."""
    import tempfile

    out = tmp_path / "out"
    code, _, err = run("render", str(RESURSPOOLEN), "--out", f"{out}/")
    assert code == 0
    [document] = list(out.iterdir())
    # What a write killed between writing and renaming leaves (as atomic.write_atomic names it).
    fd, name = tempfile.mkstemp(dir=out, prefix=f".{document.name}.", suffix=".tmp")
    os.write(fd, b"half a document")
    os.close(fd)
    code, stdout, err = run("render", str(RESURSPOOLEN), "--out", f"{out}/", "--check")
    assert code == 1
    assert f"{Path(name).name}: left behind by an interrupted write" in stdout
    code, _, err = run("render", str(RESURSPOOLEN), "--out", f"{out}/")
    assert code == 0
    assert f"{Path(name).name} (left by an interrupted write)" in err
    assert sorted(p.name for p in out.iterdir()) == [document.name]
    code, _, _ = run("render", str(RESURSPOOLEN), "--out", f"{out}/", "--check")
    assert code == 0
