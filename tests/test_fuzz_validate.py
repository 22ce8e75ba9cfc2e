"""Generated agreements, valid and mutated: validate ends in success or diagnostics."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from iopctl.checks import check_repository, run_checks
from iopctl.model.load import load_agreement_bytes
from tests.strategies import agreement_data, mutated_agreement_data, to_yaml

# FUZZ_EXAMPLES=100000 runs the long campaign recorded in docs/reliability.md.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _validate(text: str) -> list[str]:
    loaded = load_agreement_bytes(text, "fuzz.yaml")
    found = loaded.diagnostics + run_checks(loaded) + check_repository([loaded])
    for d in found:
        assert d.code.startswith("IOP") and d.message
        assert d.line >= 0 and d.column >= 0
    return [d.code for d in found]


@SETTINGS
@given(agreement_data())
def test_generated_agreements_pass_the_schema(data: dict[str, object]) -> None:
    codes = _validate(to_yaml(data))
    schema_codes = [c for c in codes if c < "IOP200"]
    assert schema_codes == []


@SETTINGS
@given(mutated_agreement_data())
def test_mutated_agreements_never_raise(data: object) -> None:
    _validate(to_yaml(data))
