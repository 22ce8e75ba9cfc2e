"""The stored core schema (iopctl.model.compiled): current, faithful, and inert."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import ValidationError

from iopctl.model import compiled, types
from iopctl.model.agreement import Agreement
from iopctl.reading.source import load_file
from tests.strategies import mutated_agreement_data

ROOT = Path(__file__).resolve().parent.parent


def _stored() -> dict[str, Any]:
    stored: dict[str, Any] = json.loads(compiled.STORED.read_text(encoding="utf-8"))
    return stored


def _fresh() -> str:
    """:func:`compiled.encode` in a process of its own, as the file is written."""
    code = "import sys; from iopctl.model.compiled import encode; sys.stdout.write(encode())"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return out.stdout


def test_the_stored_schema_is_the_models_own() -> None:
    """Made by this Python and these libraries, the stored file is exactly what
    ``UPDATE_GOLDENS=1 pytest tests/test_compiled.py`` writes now: a change to the model
    without regenerating it fails here. Made by others, it is not used."""
    stored, now = _stored()["key"], compiled.key()
    if os.environ.get("UPDATE_GOLDENS"):
        compiled.STORED.write_text(_fresh(), encoding="utf-8")
        stored = _stored()["key"]
    libraries = ("python", "pydantic", "pydantic_core")
    if all(stored[k] == now[k] for k in libraries):
        assert stored["model"] == now["model"], "run: UPDATE_GOLDENS=1 pytest " + __file__
        assert compiled.STORED.read_text(encoding="utf-8") == _fresh()
        assert compiled.validator() != Agreement.model_validate
    else:
        assert compiled.validator.__wrapped__() == Agreement.model_validate


def test_reading_it_back_gives_the_same_tree_and_the_models_own_functions() -> None:
    text = compiled.encode()
    tree = compiled.stored_schema(text)
    assert tree is not None
    objects = compiled._objects()
    names = {id(obj): name for name, obj in objects.items()}
    assert compiled._encoded(tree, names) == json.loads(text)["schema"]
    assert tree["schema"]["cls"] is Agreement
    found = json.dumps(json.loads(text)["schema"])
    assert '"$object": "iopctl.model.types:_text"' in found
    assert '"$between": [1, 12, ' in found  # a month
    assert objects["iopctl.model.types:_text"] is types._text


def test_importing_the_agreement_imports_exactly_the_keyed_modules() -> None:
    """The key hashes the source of MODULES: every model module the classes come from."""
    code = "import sys, iopctl.model.agreement; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    imported = {m for m in out.stdout.split() if m.startswith("iopctl.model.")}
    assert imported == {f"iopctl.model.{name}" for name in compiled.MODULES}


def _outcome(validate: Any, data: Any) -> Any:
    try:
        return ("valid", validate(data).model_dump(mode="json"))
    except ValidationError as exc:
        return [
            (e["type"], e["loc"], e["msg"], repr(e["input"])) for e in exc.errors(include_url=False)
        ]


_FILES = sorted(
    [*(ROOT / "agreements").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")]
)


@pytest.mark.parametrize("path", _FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_stored_validator_judges_every_file_as_the_model_does(path: Path) -> None:
    source, _ = load_file(str(path))
    if source is None:
        pytest.skip("not YAML iopctl reads")
    assert _outcome(compiled.validator(), source.data) == _outcome(
        Agreement.model_validate, source.data
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_agreement_data())
def test_the_stored_validator_agrees_with_the_model_on_mutated_agreements(data: Any) -> None:
    assert _outcome(compiled.validator(), data) == _outcome(Agreement.model_validate, data)


# --- what the stored file cannot do -----------------------------------------------------------


def _with(schema: Any) -> str:
    return json.dumps({"key": compiled.key(), "schema": schema})


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "function-plain", "function": {"$object": "os:system"}},
        {"type": "function-plain", "function": {"$object": "builtins:eval"}},
        {"type": "function-plain", "function": {"$object": "iopctl.model.types:nothing"}},
        {"type": "function-plain", "function": {"$object": ["iopctl.model.types:_text"]}},
        {"type": "decimal", "ge": {"$decimal": "one"}},
        {"type": "int", "check": {"$between": [1, 2]}},
    ],
)
def test_a_stored_name_the_model_does_not_define_is_not_read(schema: Any) -> None:
    assert compiled.stored_schema(_with(schema)) is None


@pytest.mark.parametrize(
    "text", ["", "{", "[]", '{"key": {}, "schema": {}}', "null", "[" * 100_000 + "]" * 100_000]
)
def test_a_stored_file_that_is_not_for_this_model_is_not_read(text: str) -> None:
    assert compiled.stored_schema(text) is None


def test_a_tree_pydantic_core_refuses_means_the_model_builds_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "odd.json").write_text(_with({"type": "no such type"}), encoding="utf-8")
    monkeypatch.setattr(compiled, "STORED", tmp_path / "odd.json")
    assert compiled.validator.__wrapped__() == Agreement.model_validate


def test_a_stale_or_unreadable_file_or_a_plugin_means_the_model_builds_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = _stored()
    stale["key"]["model"] = "0" * 64
    (tmp_path / "stale.json").write_text(json.dumps(stale), encoding="utf-8")
    for name in ("stale.json", "missing.json"):
        monkeypatch.setattr(compiled, "STORED", tmp_path / name)
        assert compiled.validator.__wrapped__() == Agreement.model_validate
    monkeypatch.undo()
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "logfire")
    assert compiled.validator.__wrapped__() == Agreement.model_validate
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    assert compiled.validator.__wrapped__() != Agreement.model_validate
