"""The file ``iopctl new`` writes, and what the checks say about it before it is written.

The file is ``iopctl/data/new/agreement.yaml.j2``, rendered by Jinja with autoescaping
off (it is YAML, not HTML) and YAML quoting in its place: every ``{{ value }}`` goes
through :func:`yaml_scalar`, PyYAML's own rules, so a title such as ``no``, ``Del 1: …``
or ``#1`` stays text. Only what the template marks ``bare`` (words inside comments, an
amount already formatted) is written as it is.

What a new agreement still lacks for ``status: active`` is computed by running
:func:`iopctl.checks.run_checks` on a copy with that status; the rules live in
:mod:`iopctl.checks` only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import jinja2
import yaml

from iopctl.errors import UsageError
from iopctl.i18n import N_, Listed, Words
from iopctl.model.load import Loaded, load_agreement_bytes
from iopctl.problems.diagnostic import HINT, Diagnostic
from iopctl.scaffold.answers import NewAgreement
from iopctl.scaffold.files import SCHEMA_PATH, schema_reference, write_new_file

__all__ = [
    "Checked",
    "agreement_yaml",
    "check_new",
    "create_agreement",
    "missing_for_active",
    "yaml_scalar",
]

TEMPLATE = Path(__file__).parent.parent / "data" / "new" / "agreement.yaml.j2"


class Bare(str):
    """Text the template writes as it is: words inside a comment, a formatted amount."""

    __slots__ = ()


def yaml_scalar(value: object) -> str:
    """One YAML scalar as PyYAML would write it: quoted only when it must be."""
    if isinstance(value, Bare):
        return value
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000_000, default_style=None)
    return text.removesuffix("\n").removesuffix("\n...").rstrip("\n")


def _kronor(amount: Decimal) -> Bare:
    """Whole kronor without decimals, else two (``450000``, ``933000.50``)."""
    if amount == amount.to_integral_value():
        return Bare(int(amount))
    return Bare(f"{amount:.2f}")


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        autoescape=False,  # YAML, not HTML: finalize quotes every value instead
        finalize=yaml_scalar,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["bare"] = Bare
    environment.filters["kronor"] = _kronor
    return environment.from_string(TEMPLATE.read_text(encoding="utf-8"))


def agreement_yaml(new: NewAgreement, *, schema_ref: str = "../" + SCHEMA_PATH) -> str:
    """The new agreement as a commented YAML file (Swedish and English comments)."""
    ids = [p.id for p in new.parties] or ["kommunen", "foreningen"]
    payer = new.paying_party
    first_id = payer.id if payer is not None else ids[0]
    base_year = new.start.year if new.start is not None else None
    return _template().render(
        new=new,
        schema_ref=schema_ref,
        ids=ids,
        payer=payer,
        first_id=first_id,
        other_id=next((p.id for p in new.parties if p.id != first_id), ids[-1]),
        base_year=base_year,
        index_year=base_year + 1 if base_year is not None else "YYYY",
    )


@dataclass(slots=True)
class Checked:
    """A new file as the loader and the checks see it."""

    loaded: Loaded
    problems: list[Diagnostic] = field(default_factory=list)
    missing: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.problems if d.is_error]


def missing_for_active(loaded: Loaded) -> list[Diagnostic]:
    """What the checks report for a copy with ``status: active`` and not for the file itself."""
    from iopctl.checks import run_checks

    agreement = loaded.agreement
    if agreement is None or loaded.source is None or "status" in loaded.failed:
        return []
    now = {(d.code, d.message) for d in run_checks(loaded)}
    copy = Loaded(
        loaded.file,
        loaded.source,
        agreement.model_copy(update={"status": "active"}),
        loaded.failed,
    )
    return [d for d in run_checks(copy) if (d.code, d.message) not in now]


def check_new(text: str, file: str) -> Checked:
    """Load ``text`` as the file ``file`` would be loaded, and run the checks."""
    from iopctl.checks import run_checks

    loaded = load_agreement_bytes(text, file)
    problems = list(loaded.diagnostics)
    problems += run_checks(loaded)
    return Checked(loaded, problems, missing_for_active(loaded))


def create_agreement(
    new: NewAgreement, folder: Path, *, force: bool = False
) -> tuple[Path, Checked]:
    """Write ``<folder>/<id>.yaml`` if it validates; the file and what the checks said.

    A file that would not validate is not written: the answers were checked one by one,
    but only the whole agreement shows e.g. two public parties or a notice period
    longer than the agreement.
    """
    path = folder / f"{new.id}.yaml"
    text = agreement_yaml(new, schema_ref=schema_reference(folder))
    checked = check_new(text, str(path))
    if checked.errors:
        listing = Listed(
            tuple(
                Words("{code} {message}", {"code": d.code, "message": Words(d.message_id, d.args)})
                for d in checked.errors
            )
        )
        first = checked.errors[0]
        raise UsageError(
            N_("the new agreement would not validate, so nothing was written: {listing}"),
            hint=HINT if first.hint_id else "",
            listing=listing,
            hint_words=Words(first.hint_id, first.args),
        )
    write_new_file(path, text, force=force)
    return path, checked
