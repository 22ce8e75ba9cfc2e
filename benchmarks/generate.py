"""Synthetic agreements shaped like ``agreements/linkoping-resurspoolen-2020.yaml``.

Every generated file is the Resurspoolen agreement with its identity varied:
agreement id (= file name), party ids, organisation numbers (valid Luhn check
digits), amounts (the declared total stays the sum of the contributions),
years, municipality and organisation names, status. Statuses cycle through
``ended``, ``active`` and ``draft``; active ones get the ``organisation`` and
``disputes`` clauses an active agreement should state, so every file is clean
(``iopctl validate`` exits 0 with no warnings) and every check runs.

The output is deterministic for a given count, so a run can be repeated and
compared. ``python benchmarks/generate.py DIR N`` writes N files into DIR.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

__all__ = ["TEMPLATE", "generate", "luhn_digit", "org_number"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "agreements" / "linkoping-resurspoolen-2020.yaml"
SEED = 20200101

MUNICIPALITIES = [
    "Linköping",
    "Norrköping",
    "Kalmar",
    "Timrå",
    "Umeå",
    "Växjö",
    "Örebro",
    "Gävle",
    "Luleå",
    "Malmö",
    "Lund",
    "Skövde",
    "Borås",
    "Härnösand",
    "Östersund",
    "Ystad",
]
ORGANISATIONS = [
    "Resurspoolen",
    "Stadsmissionen",
    "Frivilligcentralen",
    "Röda Korset lokalavdelning",
    "Föreningen Äldrekraft",
    "Träffpunkt Gemenskap",
    "Ideell Samverkan",
    "Väntjänsten",
]
STATUSES = ("ended", "active", "draft")

ACTIVE_EXTRA = """
organisation:
  description: >-
    Parterna möts i en styrgrupp två gånger per år; Social- och omsorgsförvaltningen
    kallar.

disputes: >-
  Tvister om överenskommelsen ska i första hand lösas genom dialog mellan parterna.
"""


def luhn_digit(first9: str) -> int:
    """The check digit that makes ``first9`` + digit pass the Luhn (mod 10) test."""
    total = 0
    for i, ch in enumerate(first9):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


def org_number(first9: str) -> str:
    """``NNNNNN-NNNN`` with a valid check digit."""
    return f"{first9[:6]}-{first9[6:]}{luhn_digit(first9)}"


def _slug(text: str) -> str:
    folded = text.translate(str.maketrans("åäöéÅÄÖÉ", "aaoeaaoe")).lower()
    return "-".join(re.findall(r"[a-z0-9]+", folded))


def _variant(template: str, i: int, rng: random.Random) -> tuple[str, str]:
    kommun = MUNICIPALITIES[i % len(MUNICIPALITIES)]
    org = ORGANISATIONS[(i // len(MUNICIPALITIES)) % len(ORGANISATIONS)]
    status = STATUSES[i % len(STATUSES)]
    # Each status true of its dates on any day from 2025 on (validate checks it): ended
    # agreements end by 2024, active ones run in the future, drafts are not signed.
    year = {"ended": 2010, "active": 2090}.get(status, 2012) + i % 13
    agreement_id = f"{_slug(kommun)}-{_slug(org)}-{year}-{i:05d}"
    previous_id = f"{_slug(kommun)}-{_slug(org)}-{year - 2}-{i:05d}"
    public_id = f"namnd-{i % 97}"
    idea_id = f"{_slug(org)}-{i % 89}"
    public_org = org_number(f"2120{rng.randrange(0, 100000):05d}")
    idea_org = org_number(f"8{rng.randrange(0, 100000000):08d}")
    amount = 100_000 + rng.randrange(0, 2_000) * 1_000
    hours = 1_000 * rng.randrange(5, 30)
    value = hours * rng.choice((200, 214, 250))

    dates = {
        "2020-01-01": f"{year}-01-01",
        "2021-01-01": f"{year + 1}-01-01",
        "2022-12-31": f"{year + 2}-12-31",
        "2019-12-11": f"{year - 1}-12-11",
        "2019-12-18": f"{year - 1}-12-18",
    }
    # The signed text of Resurspoolen (original, the last key, with its comment) is not
    # the text of these variants: they are generated from the structured fields only.
    text = re.sub(r"(\n#[^\n]*)*\noriginal:\n.*\Z", "\n", template, flags=re.S)
    # Agreement ids first, through placeholders: they contain a party id.
    text = text.replace("linkoping-resurspoolen-2020", "\x00id\x00")
    text = text.replace("linkoping-resurspoolen-2018", "\x00previous\x00")
    text = re.sub(r"\baldrenamnden\b", public_id, text)
    text = re.sub(r"\bresurspoolen\b", idea_id, text)
    text = text.replace("\x00id\x00", agreement_id).replace("\x00previous\x00", previous_id)
    text = text.replace("212000-0449", public_org).replace("822003-0913", idea_org)
    text = re.sub("|".join(map(re.escape, dates)), lambda m: dates[m[0]], text)
    text = text.replace("base_year: 2020", f"base_year: {year}")
    text = text.replace("amount_per_year: 933000", f"amount_per_year: {amount}")
    text = text.replace("hours_per_year: 18000", f"hours_per_year: {hours}")
    text = text.replace("value_per_year: 3852000", f"value_per_year: {value}")
    text = text.replace(
        "declared_total_per_year: 4785000", f"declared_total_per_year: {amount + value}"
    )
    text = text.replace("volunteers: 100", f"volunteers: {rng.randrange(10, 400)}")
    text = text.replace("status: ended", f"status: {status}")
    genitive = kommun if kommun.endswith(("s", "x", "z")) else kommun + "s"
    text = text.replace("Linköpings kommun", f"{genitive} kommun")
    text = text.replace("Resurspoolen", org)
    if status == "active":
        text = text.rstrip("\n") + "\n" + ACTIVE_EXTRA
    if status == "draft":
        text = text[: text.index("\nsignatures:")] + "\n"
    return agreement_id, text


# What the variation edits; a template without them would give copies, not variants.
ANCHORS = (
    "linkoping-resurspoolen-2020",
    "aldrenamnden",
    "resurspoolen",
    "212000-0449",
    "822003-0913",
    "amount_per_year: 933000",
    "hours_per_year: 18000",
    "value_per_year: 3852000",
    "declared_total_per_year: 4785000",
    "status: ended",
    "2020-01-01",
)


def fingerprint() -> str:
    """Changes when the template or this generator changes (so cached sets are redone)."""
    digest = hashlib.sha256(TEMPLATE.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def generate(folder: Path, count: int) -> list[Path]:
    """Write ``count`` agreements into ``folder`` (created; existing *.yaml removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    template = TEMPLATE.read_text(encoding="utf-8")
    missing = [anchor for anchor in ANCHORS if anchor not in template]
    if missing:
        raise ValueError(f"{TEMPLATE} no longer contains {missing}; update benchmarks/generate.py")
    rng = random.Random(SEED)
    written = []
    for i in range(count):
        agreement_id, text = _variant(template, i, rng)
        path = folder / f"{agreement_id}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py DIR COUNT")
    files = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(f"wrote {len(files)} agreements to {sys.argv[1]}")
