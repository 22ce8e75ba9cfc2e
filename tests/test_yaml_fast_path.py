"""The fast YAML path gives exactly what the careful path gives, or steps aside.

:func:`iopctl.reading.source.load` builds plain files straight from parser events and
works out positions only when asked; :func:`iopctl.reading.source._load_careful` is
the original composer-based reader. For every input both must agree on the
data (values *and* types), the problems, and every position map.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iopctl.reading.build import Path as DataPath
from iopctl.reading.fast import _lines, _section, _Slow, fast_read, locate
from iopctl.reading.fast import fast_data as _fast_data
from iopctl.reading.rules import MAX_DEPTH
from iopctl.reading.source import Source, _load_careful, load

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "agreements").glob("*.yaml"))


def walk(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """Every (path, value) pair in plain data, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, (*path, index))


def typed(data: Any) -> list[tuple[Any, str, str]]:
    """Every value with its exact type (True == 1 and Decimal('1.0') == 1 otherwise)."""
    return [(path, type(value).__name__, repr(value)) for path, value in walk(data)]


def snapshot(source: Source | None) -> Any:
    if source is None:
        return None
    return (
        typed(source.data),
        source.values,
        source.keys,
        source.scalars,
        source.reported,
        source.text,
    )


def assert_same(text: str, *, every_path: bool = True) -> None:
    """Text and its UTF-8 bytes (the way files are read) both agree with the careful path."""
    careful_source, careful_problems = _load_careful(
        text[1:] if text.startswith("\ufeff") else text, "f.yaml"
    )
    for raw in (text, text.encode("utf-8")):
        fast_source, fast_problems = load(raw, "f.yaml")
        assert fast_problems == careful_problems
        assert snapshot(fast_source) == snapshot(careful_source)
    assert_located(text, careful_source, every_path=every_path)


def probes(source: Source) -> list[DataPath]:
    """Every path of ``source``, and paths below each that do not exist."""
    found: list[DataPath] = []
    for path in source.values:
        found += [path, (*path, "missing"), (*path, 0), (*path, 99), (*path, True)]
    return [*found, ("missing", "deeper")]


def assert_located(text: str, careful: Source | None, *, every_path: bool = True) -> None:
    """:func:`locate` finds in a fast-read file the positions the careful maps hold, for
    every path and for paths that do not exist (the closest enclosing value); or, for
    the many mutated files, for every seventh."""
    if careful is None or not used_fast_path(text):
        return
    stripped = text[1:] if text.startswith("\ufeff") else text
    paths = probes(careful)
    for raw in (stripped, stripped.encode("utf-8")):
        for path in paths if every_path else paths[::7]:
            assert locate(raw, path) == (careful.position(path), careful.keys.get(path))
            fresh, _ = load(raw, "f.yaml")
            assert fresh is not None
            assert fresh.position(path) == careful.position(path)
            assert fresh.key_position(path) == careful.key_position(path)


def used_fast_path(text: str) -> bool:
    try:
        return isinstance(_fast_data(text), dict)
    except Exception:
        return False


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_agreements_take_the_fast_path_and_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert used_fast_path(text)
    assert_same(text)


SCALARS = [
    "yes",
    "No",
    "on",
    "OFF",
    "true",
    "~",
    "null",
    "",
    "012",
    "0x1F",
    "0b101",
    "1_000",
    "-0",
    "+12",
    "12:30",
    "1:2:3.5",
    "1.5",
    "1e3",
    "-.inf",
    ".NaN",
    "3.852",
    "2020-01-01",
    "2020-1-1",
    "2020-02-30",
    "2020-01-01 10:30:00",
    "2020-01-01T10:30:00Z",
    "2020-01-01t10:30:00.5+02:00",
    "=",
    "<<",
    "'quoted'",
    '"double"',
    "plain text",
    "Äldrenämnden",
    "a: b",
    "[1, 2]",
    "{a: 1}",
    "!!str 12",
    "!!int 12",
    "!custom x",
    "&a x",
    "*a",
    "|\n  literal\n",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_every_kind_of_scalar(scalar: str) -> None:
    for text in (
        f"key: {scalar}\n",
        f"key:\n  - {scalar}\n  - other\n",
        f"{scalar}: value\n",
        f"a: &x [1]\nkey: {scalar}\n",
        f"key: {{inner: {scalar}}}\n",
    ):
        assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "- a\n- b\n",
        "just text\n",
        "a: 1\na: 2\n",
        "a: 1\n---\nb: 2\n",
        "a: [1\n",
        "a:\n\t- b\n",
        "? [a, b]\n: c\n",
        "? complex\n: value\n",
        "<<: {a: 1}\nb: 2\n",
        "a: &x {b: 1}\nc: *x\n",
        "a: *undefined\n",
        "%YAML 1.1\n---\na: 1\n",
        "%TAG ! tag:example.com,2000:\n---\na: !foo 1\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "!!map\na: 1\n",
        "--- !!map\na: 1\n",
        "a: " + "[" * 64 + "1" + "]" * 64 + "\n",
        "a: " + "[" * 65 + "1" + "]" * 65 + "\n",
        "a: " + "[" * 70 + "1" + "]" * 70 + "\n",
        "a: b\r\nc: d\r\n",
        "a: b\rc: d\r",
        "a: 'multi\n  line'\nb: >\n  folded\n  text\n",
        "\ufeffa: 1\n",
        "a: 1\n...\n",
    ],
)
def test_edge_documents(text: str) -> None:
    assert_same(text)


def test_deep_nesting_limit_is_the_careful_paths() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    too_deep = "a: " + "[" * (MAX_DEPTH) + "1" + "]" * (MAX_DEPTH) + "\n"
    assert used_fast_path(ok)
    assert not used_fast_path(too_deep)
    assert_same(ok)
    assert_same(too_deep)


def test_unusual_input_steps_aside() -> None:
    for text in ("a: &x 1\n", "a: !!str 1\n", "a: 1\na: 2\n", "1: a\n", "a: !!bool maybe\n"):
        with pytest.raises(_Slow):
            _fast_data(text)


def test_positions_and_text_are_worked_out_lazily() -> None:
    raw = SEEDS[0].read_bytes()
    source, _ = load(raw, "f.yaml")
    assert source is not None
    assert source._values is None
    assert source._text is None
    # The first few positions are read off the events as far as their path goes...
    assert [source.position(("id",)), source.key_position(("title",))] == [(5, 5), (6, 1)]
    assert source.position(("parties", 0, "name")) == (31, 11)
    assert source._values is None
    # ...and a file with more problems than that gets the full maps once.
    assert source.position(("id",)) == source.values[("id",)] == (5, 5)
    assert source._values is not None
    assert source.text == raw.decode("utf-8")
    assert source.line_text(1) == raw.decode("utf-8").splitlines()[0]


SECTIONED = [
    "a:\n- 1\n- x: 2\nb: 3\n",  # a sequence at the margin, under its key
    "a: [1,\n2]\nb: {c: 1,\nd: 2}\ne: 4\n",  # flow text carried onto the margin
    "# c\n\na: 1\n# x\n\nb:\n  c: 1\n# end\n",  # comments and blank lines between
    "%YAML 1.1\n---\na: 1\nb:\n  c: 2\n...\n# after\n",  # document markers
    'a: "x\nb: y"\nb:\n  c: 1\n',  # a key-like line inside quoted text
    "a: |\n  text\n  b: no\nb:\n  c: 1\n",  # and inside a block scalar
    "a: åäö\nb:\n  c: ö\n  d: [å,\n    ä]\n",  # characters of two bytes in UTF-8
    "a: 1\nb:\n  c: 2",  # no line break at the end
    "a: 1\nb:\n  c:\n  - d: 1\n    e: [1, 2]\nf: 3\n",
]
"""Files whose diagnostics are located in the lines of one top-level key
(:func:`iopctl.reading.fast._section`)."""
WHOLE = [
    "? a\n: 1\nb:\n  c: 2\n",  # a key that does not start its line
    "{a: 1,\nb: {c: 2}}\n",  # a flow mapping at the top
    "a: 1\r\nb:\r\n  c: 2\r\n",  # line breaks other than \\n
    'a: "x\u2028y"\nb:\n  c: 1\n',
    'a: "x\x85y"\nb:\n  c: 1\n',
]
"""Files that are read whole to locate a diagnostic."""


@pytest.mark.parametrize("text", SECTIONED + WHOLE)
def test_positions_in_one_section_are_the_files(text: str) -> None:
    """Every position located in the lines of one top-level key is the careful path's,
    for every path and for paths that do not exist; the files of :data:`WHOLE` are read
    whole (their sections could not be told from their lines for certain)."""
    assert used_fast_path(text)
    assert_same(text)
    for raw in (text, text.encode("utf-8")):
        data, tops = fast_read(raw)
        lines = _lines(data, tops) if tops is not None else None
        section = _section(raw, ("b", "c"), lines)
        if text in WHOLE:
            assert section is None
        else:
            assert section is not None
            assert section[0].startswith(b"b:" if isinstance(raw, bytes) else "b:")


def _mutations(text: str, rng: random.Random, count: int) -> list[str]:
    lines = text.split("\n")
    pieces = [
        "yes",
        "012",
        "2020-02-30",
        "~",
        "&a x",
        "*a",
        "!!str",
        "12:30",
        "'",
        '"',
        "[",
        "}",
        ": ",
        "\t",
        "- ",
        "#",
        "? ",
        "<<: ",
        "1.5",
        "2021-01-01 10:00:00",
    ]
    out = []
    for _ in range(count):
        mutated = list(lines)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(mutated))
            action = rng.randrange(5)
            if action == 0:
                del mutated[i]
            elif action == 1:
                mutated.insert(i, mutated[rng.randrange(len(mutated))])
            elif action == 2:
                line = mutated[i]
                j = rng.randint(0, len(line))
                mutated[i] = line[:j] + rng.choice(pieces) + line[j:]
            elif action == 3 and ":" in mutated[i]:
                key, _, _value = mutated[i].partition(":")
                mutated[i] = f"{key}: {rng.choice(pieces)}"
            else:
                mutated[i] = " " + mutated[i]
        out.append("\n".join(mutated))
    return out


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_mutated_agreements_agree(path: Path) -> None:
    rng = random.Random(path.name)
    text = path.read_text(encoding="utf-8")
    for mutated in _mutations(text, rng, 60):
        assert_same(mutated, every_path=False)


yaml_scalars = st.one_of(
    st.sampled_from(SCALARS[:30]),
    st.text(alphabet="abcxyz019:-. '\"#&*!?[]{},~", max_size=8),
)


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    indent = "  " * depth
    n = draw(st.integers(1, 4))
    lines = []
    for _ in range(n):
        key = draw(st.sampled_from(["a", "b", "c", "yes", "1", "'q'", "<<"]))
        if depth < 3 and draw(st.booleans()):
            if draw(st.booleans()):
                lines.append(f"{indent}{key}:")
                lines.append(draw(documents(depth + 1)))
            else:
                lines.append(f"{indent}{key}:")
                for _ in range(draw(st.integers(0, 3))):
                    lines.append(f"{indent}  - {draw(yaml_scalars)}")
        else:
            lines.append(f"{indent}{key}: {draw(yaml_scalars)}")
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_agree(text: str) -> None:
    assert_same(text + "\n")


def test_value_types_survive() -> None:
    source, problems = load(
        "a: 1.50\nb: 2020-01-01\nc: no\nd: 0o7\ne: 7\nf: ~\ng: 2020-01-01 10:00:00\n", "f"
    )
    assert problems == []
    assert source is not None
    data = source.data
    assert data["a"] == Decimal("1.50") and type(data["a"]) is Decimal
    assert data["b"] == dt.date(2020, 1, 1) and type(data["b"]) is dt.date
    assert data["c"] is False
    assert data["d"] == "0o7"
    assert data["e"] == 7 and type(data["e"]) is int
    assert data["f"] is None
    assert data["g"] == dt.datetime(2020, 1, 1, 10, 0)


def careful_bytes(raw: bytes) -> Any:
    """What the careful path makes of bytes: decoded (IOP003 if they cannot be), then read,
    with the lines shown under problems attached as :func:`load` attaches them."""
    from iopctl.reading.encoding import decode
    from iopctl.reading.source import attach_excerpts

    text, problems = decode(raw, "f.yaml")
    if text is None:
        shown = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        return None, attach_excerpts(problems, shown)
    source, problems = _load_careful(text, "f.yaml")
    if source is None:
        problems = attach_excerpts(problems, text)
    return snapshot(source), problems


BAD_BYTES = [b"\x00", b"\x85", b"\xe5", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\x1b", b"\x7f"]
"""A NUL, a lone continuation byte, Latin-1 å, a truncated sequence, a UTF-16 surrogate
in UTF-8, a byte order mark, an escape and a DEL: bytes the fast path must not accept
where the careful path (``decode``, then the reader) refuses them."""


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_bytes_the_fast_path_reads_are_bytes_the_careful_path_reads(data: st.DataObject) -> None:
    """The fast path reads bytes without decoding them first; it must accept exactly
    what decoding and the careful path accept, and read the same."""
    text = SEEDS[0].read_text(encoding="utf-8")[:600]
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    inserted = data.draw(st.sampled_from([*BAD_BYTES, b"\xff\xfe", b"\xfe\xff"]))
    mutated = (
        inserted + raw if inserted in (b"\xff\xfe", b"\xfe\xff") else raw[:at] + inserted + raw[at:]
    )
    fast_source, fast_problems = load(mutated, "f.yaml")
    assert (snapshot(fast_source), fast_problems) == careful_bytes(mutated)
