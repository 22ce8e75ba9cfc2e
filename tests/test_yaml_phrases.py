"""PyYAML's descriptions of a syntax error said in the chosen language (IOP002):
iopctl.reading.yaml_phrases. The validate goldens show them in context
(tests/golden/validate/iop002-*.txt and sv/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from iopctl.i18n import Words, in_language, say
from iopctl.reading.yaml_phrases import phrase

PREFIXES = ("while ", "expected ", "found ", "could not ", "did not ", "but found ", "second ")
PREFIXES += ("mapping ", "sequence ", "special ", "block ", "control ", "duplicate ", "invalid ")
LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


def _pyyaml_phrases() -> set[str]:
    """Every phrase PyYAML's Python scanner, parser and composer can say, with a value put
    in for each ``%r``/``%s``/``%d``."""
    folder = Path(yaml.__file__).parent
    found: set[str] = set()
    for name in ("scanner", "parser", "composer"):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and text.startswith(PREFIXES):
                found.add(text.replace("%r", "'x'").replace("%s", "x").replace("%d", "4"))
    return found


def test_every_phrase_of_pyyaml_is_a_message() -> None:
    phrases = _pyyaml_phrases()
    assert len(phrases) > 50
    unknown = sorted(p for p in phrases if not isinstance(phrase(p), Words))
    assert unknown == []


SAMPLES = [
    "a: b: c",
    "a:\n\t- b",
    "---\na: 1\n---\nb: 2",
    "a: *x",
    "a: &x 1\nb: &x 2",
    "a: 'unclosed",
    'a: "bad \\q"',
    "a: [1, 2",
    "a: {b: 1",
    "- a\nb: c",
    "a:\n  - b\n c: d",
    "%YAML 2.0\n---\na: 1",
    "a: |0\n x",
    "? a\n? b\n: c\nd",
    "a: @b",
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("text", SAMPLES)
def test_what_pyyaml_says_is_known_and_english_is_unchanged(loader: type, text: str) -> None:
    """The C parser (libyaml's fixed phrases) and the Python one (phrases with values)."""
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.compose(text, Loader=loader)
    for said in (caught.value.context, caught.value.problem):
        if said:
            words = phrase(said)
            assert isinstance(words, Words), said
            assert words.english() == said
            with in_language("sv"):
                swedish = str(words)
            assert swedish != said and not re.search(r"\b(while|found|expected)\b", swedish)


def test_a_phrase_with_a_value_keeps_the_value() -> None:
    words = phrase("found character '\\t' that cannot start any token")
    with in_language("sv"):
        assert str(words) == "hittade tecknet '\\t', som inte kan inleda något element"
    words = phrase("expected ',' or '}', but got '<stream end>'")
    assert words.english() == "expected ',' or '}', but got '<stream end>'"  # type: ignore[union-attr]
    with in_language("sv"):
        assert str(words) == "förväntade ',' eller '}', men hittade '<stream end>'"


def test_an_unknown_phrase_is_quoted_as_pyyaml_wrote_it() -> None:
    assert phrase("a phrase of a newer PyYAML {x}") == "a phrase of a newer PyYAML {x}"
    with in_language("sv"):
        assert say("YAML syntax error: {detail}", {"detail": phrase("new words")}) == (
            "Syntaxfel i YAML: new words"
        )
