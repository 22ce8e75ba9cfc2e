"""``iopctl.frozen``: frozen to mypy, a plain dataclass's speed at run time, otherwise the
same as ``dataclass(frozen=True)``."""

from __future__ import annotations

import dataclasses
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from iopctl.frozen import frozen

ROOT = Path(__file__).resolve().parent.parent


@frozen
class _Plain:
    name: str
    amount: int = 0
    tags: tuple[str, ...] = ()


@frozen(slots=True)
class _Slotted:
    name: str
    amount: int = 0
    tags: tuple[str, ...] = ()


@frozen(order=True)
class _Ordered:
    year: int
    name: str


@dataclasses.dataclass(frozen=True)
class _Reference:
    name: str
    amount: int = 0
    tags: tuple[str, ...] = ()


@pytest.mark.parametrize("cls", [_Plain, _Slotted])
def test_a_value_compares_hashes_replaces_and_pickles_as_a_frozen_dataclass(cls: type) -> None:
    a, b, c = cls("a", 1, ("x",)), cls("a", 1, ("x",)), cls("a", 2)
    ref = _Reference("a", 1, ("x",))
    assert a == b and a != c and hash(a) == hash(b) == hash(ref)
    assert {a, b, c} == {a, c}
    assert dataclasses.replace(a, amount=2, tags=()) == c
    assert pickle.loads(pickle.dumps(a)) == a
    assert [f.name for f in dataclasses.fields(a)] == ["name", "amount", "tags"]
    assert repr(a) == f"{cls.__qualname__}(name='a', amount=1, tags=('x',))"
    assert a != ref  # another class, as between two frozen dataclasses


@pytest.mark.parametrize("cls", [_Plain, _Slotted])
def test_a_value_pickles_as_its_class_and_fields_made_again_by_init(cls: type) -> None:
    """Pickled as ``(class, fields)`` and made again by ``__init__``: smaller and faster
    than a generic object's state, and the same value."""
    a = cls("a", 1, ("x",))
    assert a.__reduce__() == (cls, ("a", 1, ("x",)))
    data = pickle.dumps(a, pickle.HIGHEST_PROTOCOL)
    assert pickle.loads(data) == a
    generic = pickle.dumps(_Reference("a", 1, ("x",)), pickle.HIGHEST_PROTOCOL)
    assert len(data) < len(generic)


@frozen(slots=True)
class _Derived:
    name: str
    length: int = dataclasses.field(init=False, default=0)


@frozen
class _OwnState:
    name: str

    def __getstate__(self) -> dict[str, str]:
        return {"name": self.name.upper()}


def test_a_class_that_init_cannot_remake_pickles_as_before() -> None:
    """A field ``__init__`` does not take, or the class's own pickling, keeps Python's."""
    assert "__reduce__" not in vars(_Derived) and "__reduce__" not in vars(_OwnState)
    derived = _Derived("a")
    assert pickle.loads(pickle.dumps(derived)) == derived
    assert pickle.loads(pickle.dumps(_OwnState("a"))) == _OwnState("A")


@frozen(slots=True)
class _Partly:
    name: str
    note: str = dataclasses.field(default="", compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@dataclasses.dataclass(frozen=True)
class _PartlyReference:
    name: str
    note: str = dataclasses.field(default="", compare=False)
    secret: str = dataclasses.field(default="", repr=False)


@frozen
class _One:
    year: int


@frozen
class _None:
    pass


@frozen
class _Own:
    code: str

    def __repr__(self) -> str:
        return f"<{self.code}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Own) and other.code.lower() == self.code.lower()


def test_equality_hash_and_repr_read_the_fields_as_dataclass_does() -> None:
    """The three shared methods (no code compiled per class) follow each field's
    ``compare`` and ``repr``, hash as ``dataclass`` hashes, and leave a class's own."""
    a, b = _Partly("x", "one", "s"), _Partly("x", "two", "t")
    ref = _PartlyReference("x", "one", "s")
    assert a != b and _Partly("x", "one", "s") == _Partly("x", "other", "s")
    assert hash(a) == hash(ref) and repr(a).replace("_Partly", "_PartlyReference") == repr(ref)
    assert repr(a) == "_Partly(name='x', note='one')"
    assert hash(_One(2024)) == hash((2024,)) and _One(2024) == _One(2024) != _One(2025)
    assert hash(_None()) == hash(()) and _None() == _None() and repr(_None()) == "_None()"
    assert repr(_Own("A")) == "<A>" and _Own("A") == _Own("a")
    assert hash(_Own("A")) == hash(("A",))  # unsafe_hash: hashed though it defines __eq__
    assert (_One(1) == 1) is False and _One(1).__eq__(1) is NotImplemented


def test_slots_and_order_are_passed_on() -> None:
    assert not hasattr(_Slotted("a"), "__dict__")
    assert sorted([_Ordered(2025, "b"), _Ordered(2024, "c")])[0] == _Ordered(2024, "c")


def test_mypy_refuses_an_assignment_to_a_field(tmp_path: Path) -> None:
    """The guarantee ``frozen=True`` gave at run time is mypy's now, in every module it
    checks (the whole package, strict, in CI)."""
    code = tmp_path / "assign.py"
    code.write_text(
        textwrap.dedent(
            """
            from iopctl.frozen import frozen

            @frozen
            class Plain:
                x: int

            @frozen(slots=True)
            class Slotted:
                y: int

            Plain(1).x = 2
            Slotted(1).y = 3
            """
        )
    )
    # In a process of its own: mypy raises the interpreter's recursion limit and keeps it.
    cache = str(tmp_path / "cache")
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            cache,
            str(code),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert checked.returncode == 1, checked.stderr
    lines = checked.stdout.splitlines()
    errors = [line.split(": error: ", 1)[1] for line in lines if ": error: " in line]
    assert errors == [
        'Property "x" defined in "Plain" is read-only  [misc]',
        'Property "y" defined in "Slotted" is read-only  [misc]',
    ]
