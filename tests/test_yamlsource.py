"""The YAML reader: positions, Decimal, YAML 1.1 surprises, hostile inputs, bounds."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iopctl.problems.diagnostic import Diagnostic
from iopctl.reading.rules import MAX_BYTES
from iopctl.reading.source import Scalar, load, load_file


def problems(raw: bytes | str) -> list[tuple[int, int, str, str]]:
    _, found = load(raw, "f.yaml")
    return [(d.line, d.column, d.code, d.message) for d in found]


def test_positions_of_keys_and_values() -> None:
    source, found = load(b"id: a\nparty:\n  name: X\n  list:\n    - one\n    - two\n", "f.yaml")
    assert found == []
    assert source is not None
    assert source.position(("id",)) == (1, 5)
    assert source.key_position(("party", "name")) == (3, 3)
    assert source.position(("party", "name")) == (3, 9)
    assert source.position(("party", "list", 1)) == (6, 7)
    # a path that does not exist points at the closest enclosing value
    assert source.position(("party", "missing")) == (3, 3)


def test_floats_are_decimal_and_keep_their_digits() -> None:
    source, _ = load("a: 933000.50\nb: 0.1\nc: 1_000\n", "f.yaml")
    assert source is not None
    assert source.data == {"a": Decimal("933000.50"), "b": Decimal("0.1"), "c": 1000}
    assert type(source.data["b"]) is Decimal


def test_yaml11_surprises_are_remembered() -> None:
    source, _ = load("a: no\nb: 012\nc: 12:30\nd: 'no'\ne: 2020-01-01\n", "f.yaml")
    assert source is not None
    assert source.data == {"a": False, "b": 10, "c": 750, "d": "no", "e": dt.date(2020, 1, 1)}
    assert source.scalars[("a",)] == Scalar("no", "boolean", True)
    assert source.scalars[("b",)] == Scalar("012", "number", True)
    assert source.scalars[("c",)] == Scalar("12:30", "number", True)
    assert ("d",) not in source.scalars
    assert source.scalars[("e",)] == Scalar("2020-01-01", "date", False)


def test_crlf_and_bom_are_read() -> None:
    source, found = load(b"\xef\xbb\xbfid: a\r\ntitle: \xc3\xa5\r\n", "f.yaml")
    assert found == []
    assert source is not None
    assert source.data == {"id": "a", "title": "å"}
    assert source.position(("title",)) == (2, 8)


def test_windows_1252_is_reported_with_offset_and_cause() -> None:
    raw = "id: a\ntitle: Linköping\n".encode("cp1252")
    assert problems(raw) == [
        (
            2,
            12,
            "IOP003",
            "invalid UTF-8 byte 0xF6 at byte offset 17; the file looks like Windows-1252 "
            "(Latin-1) text, where this byte is 'ö'",
        )
    ]


def test_utf16_with_bom() -> None:
    raw = "id: å\n".encode("utf-16")
    assert problems(raw) == [
        (1, 1, "IOP003", "file is UTF-16 encoded (it starts with a UTF-16 byte order mark)")
    ]


def test_utf16_without_bom_and_binary_nul() -> None:
    raw = ("id: a\ntitle: b\n" * 20).encode("utf-16-le")
    assert problems(raw)[0][2:] == (
        "IOP003",
        "file looks like UTF-16 without a byte order mark (NUL byte at offset 1)",
    )
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert problems(png) == [
        (
            3,
            1,
            "IOP003",
            "file contains a NUL byte at byte offset 8; it is not a text file",
        )
    ]


def test_nul_inside_text() -> None:
    assert problems(b"id: a\x00b\n")[0][2] == "IOP003"


def test_control_character_is_a_syntax_error() -> None:
    found = problems("id: a\x07b\n")
    assert [(line, col, code) for line, col, code, _ in found] == [(1, 6, "IOP002")]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
        "a: !custom 1\n",
        "!!python/object:object {}\n",
    ],
)
def test_only_plain_data_tags(text: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert found[0][2] == "IOP006"


def test_alias_bomb_is_bounded_in_time() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i, name in enumerate("bcdefghi"):
        prev = "a" if i == 0 else "bcdefghi"[i - 1]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert [code for _, _, code, _ in found] == ["IOP004"]


def test_modest_aliases_are_allowed() -> None:
    source, found = load("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert found == []
    assert source is not None and source.data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_bounded() -> None:
    assert [code for _, _, code, _ in problems("a: &a [*a]\n")] == ["IOP004"]


@pytest.mark.parametrize("depth", [100, 999, 10_000])
def test_deep_nesting(depth: int) -> None:
    found = problems("a: " + "[" * depth + "]" * depth + "\n")
    assert [code for _, _, code, _ in found] == ["IOP004"]


def test_deep_block_nesting() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(2000))
    assert [code for _, _, code, _ in problems(text)] == ["IOP004"]


def test_keys_must_be_text_and_unique() -> None:
    assert [(line, code) for line, _, code, _ in problems("1: a\nyes: b\nx: 1\nx: 2\n")] == [
        (1, "IOP007"),
        (2, "IOP007"),
        (4, "IOP008"),
    ]


def test_complex_key() -> None:
    assert [code for _, _, code, _ in problems("? [a, b]\n: c\n")] == ["IOP007"]


def test_invalid_dates_are_reported_once_with_position() -> None:
    source, found = load("a: 2022-02-30\nb: 2022-13-01\nc: 2021-02-29\n", "f.yaml")
    assert [(d.line, d.column, d.code) for d in found] == [
        (1, 4, "IOP105"),
        (2, 4, "IOP105"),
        (3, 4, "IOP105"),
    ]
    assert source is not None and source.reported == {("a",), ("b",), ("c",)}


def test_leap_day_is_a_date() -> None:
    source, _ = load("a: 2024-02-29\n", "f.yaml")
    assert source is not None and source.data == {"a": dt.date(2024, 2, 29)}


def test_empty_and_comment_only_and_scalar_top_level() -> None:
    assert [c for _, _, c, _ in problems(b"")] == ["IOP005"]
    assert [c for _, _, c, _ in problems("# hello\n")] == ["IOP005"]
    assert problems("just text\n") == [
        (
            1,
            1,
            "IOP005",
            "the top level must be a mapping of keys such as `id:` and `title:`, but this "
            "file holds a single value (text)",
        )
    ]


def test_very_long_line() -> None:
    source, found = load("title: " + "å" * 200_000 + "\n", "f.yaml")
    assert found == []
    assert source is not None and len(source.data["title"]) == 200_000


def test_file_over_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"notes: '")
        fh.write(b"x" * (MAX_BYTES + 10))
        fh.write(b"'\n")
    start = time.perf_counter()
    source, found = load_file(str(big))
    assert time.perf_counter() - start < 1.0
    assert source is None
    assert found == [
        Diagnostic(
            str(big),
            0,
            0,
            "IOP001",
            found[0].severity,
            f"file is {MAX_BYTES + 20:,} bytes; the limit is {MAX_BYTES:,} bytes (10 MiB)",
            "an agreement file is normally a few kilobytes; split it or remove pasted attachments",
        )
    ]


def test_unreadable_path_is_a_diagnostic(tmp_path: Path) -> None:
    source, found = load_file(str(tmp_path / "missing.yaml"))
    assert source is None
    assert [(d.code, d.message) for d in found] == [
        ("IOP001", "cannot read file: No such file or directory")
    ]


def test_directory_named_yaml(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    source, found = load_file(str(folder))
    assert source is None and found[0].code == "IOP001"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    source, found = load(raw, "fuzz.yaml")
    assert source is not None or found


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!#'\"\n\t ,.0129?|>%@`")), max_size=200))
def test_yaml_like_text_never_raises(text: str) -> None:
    source, found = load(text, "fuzz.yaml")
    assert source is not None or found
    for d in found:
        assert d.line >= 0 and d.column >= 0


def test_explicit_timestamp_tag_on_text() -> None:
    """Found while optimising: `!!timestamp nope` was an internal error (exit 3)."""
    assert problems("a: !!timestamp nope\n") == [
        (1, 4, "IOP105", "'nope' is not a valid date: not a date or timestamp")
    ]
