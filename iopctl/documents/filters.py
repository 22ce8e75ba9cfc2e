"""How templates print values: Swedish and English formatting (babel) and the filters.

``format_kr``, ``format_long_date``, ``genitive`` … are plain functions; :func:`make_filters`
turns them into the Jinja filters a render uses (``{{ x | kr }}``), where a missing value
prints as an error or a draft placeholder instead of being formatted. Every space inside
an amount or a unit is U+00A0, so Word never breaks ``4 785 000 kr`` across lines.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import jinja2

from iopctl.documents.sandbox import Missing
from iopctl.model.agreement import PartialAgreement
from iopctl.model.dates import PartialDate
from iopctl.model.types import Duration

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = [
    "FILTER_NAMES",
    "LOCALES",
    "NBSP",
    "format_duration",
    "format_kr",
    "format_long_date",
    "format_number",
    "format_on_day",
    "format_percent",
    "format_times",
    "genitive",
    "join_names",
    "make_filters",
    "make_finalize",
    "markdown_text",
    "month_name",
    "one_line",
    "table_cell",
]

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
NBSP = "\u00a0"


# --- formatting --------------------------------------------------------------------------------


def _group(text: str) -> str:
    """Digit groups and the space before a unit are non-breaking spaces (U+00A0)."""
    return text.replace("\u202f", NBSP).replace(" ", NBSP)


@functools.cache
def _babel_format(pattern: str, lang: str) -> tuple[NumberPattern, Locale]:
    """The parsed pattern and locale that :func:`babel.numbers.format_decimal` would parse
    on every call (two thirds of its time; a document formats dozens of amounts)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    return parse_pattern(pattern), Locale.parse(LOCALES[lang])


def _format_decimal(number: Decimal, pattern: str, lang: str) -> str:
    """``babel.numbers.format_decimal(number, format=pattern, locale=…)``, exactly."""
    parsed, locale = _babel_format(pattern, lang)
    return _group(parsed.apply(number, locale))


def format_number(value: Decimal | int, lang: str) -> str:
    number = Decimal(value)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.0##"
    return _format_decimal(number, pattern, lang)


def format_kr(amount: Decimal | int, lang: str) -> str:
    """``4 785 000 kr`` (sv) or ``SEK 4,785,000`` (en); öre only when there are any.

    Every space is U+00A0 (babel's Swedish group separator), so Word never breaks an
    amount across lines.
    """
    number = Decimal(amount)
    pattern = "#,##0" if number == number.to_integral_value() else "#,##0.00"
    text = _format_decimal(number, pattern, lang)
    return f"{text}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{text}"


def format_percent(value: Decimal | int, lang: str) -> str:
    text = format_number(value, lang)
    return f"{text}{NBSP}%" if lang == "sv" else f"{text}%"


_SEASONS: Final = {
    "sv": {"spring": "våren", "autumn": "hösten"},
    "en": {"spring": "spring", "autumn": "autumn"},
}


def format_long_date(day: dt.date | PartialDate, lang: str) -> str:
    """``11 december 2019`` / ``11 December 2019``; a date known in part says only what is
    known: ``maj 2015``, ``våren 2020``, ``2015`` (never an invented day)."""
    from babel.dates import format_date

    if isinstance(day, dt.date):
        return format_date(day, "d MMMM y", locale=LOCALES[lang])
    if day.month is not None:
        return f"{month_name(day.month, lang)} {day.year}"
    if day.season is not None:
        return f"{_SEASONS[lang][day.season]} {day.year}"
    return str(day.year)


def format_on_day(day: dt.date | PartialDate, lang: str) -> str:
    """A date in running text: ``den 11 december 2019`` (Swedish puts *den* before a day,
    not before a month or a year: ``från och med maj 2015``); English needs no article."""
    text = format_long_date(day, lang)
    return f"den {text}" if lang == "sv" and isinstance(day, dt.date) else text


def month_name(month: int, lang: str) -> str:
    from babel.dates import get_month_names

    name: str = get_month_names("wide", locale=LOCALES[lang])[month]
    return name


_SV_WORDS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio"]
_SV_WORDS += ["elva", "tolv"]
_EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_WORDS += ["ten", "eleven", "twelve"]
_SV_UNITS = {
    "days": ("dag", "dagar", "en"),
    "weeks": ("vecka", "veckor", "en"),
    "months": ("månad", "månader", "en"),
    "years": ("år", "år", "ett"),
}


def format_duration(duration: Duration, lang: str) -> str:
    """``sex månader``, ``tre år``, ``ett år`` / ``six months``; numbers above 12 in digits."""
    count = duration.count
    if lang == "sv":
        singular, plural, one = _SV_UNITS[duration.unit]
        if count == 1:
            return f"{one} {singular}"
        number = _SV_WORDS[count] if count <= 12 else str(count)
        return f"{number} {plural}"
    unit = duration.unit[:-1] if count == 1 else duration.unit
    number = _EN_WORDS[count] if count <= 12 else str(count)
    return f"{number} {unit}"


def format_times(count: int, lang: str) -> str:
    """``en gång``, ``två gånger`` / ``once``, ``twice``, ``three times``."""
    if lang == "sv":
        if count == 1:
            return "en gång"
        return f"{_SV_WORDS[count] if 0 <= count <= 12 else count} gånger"
    if count == 1:
        return "once"
    if count == 2:
        return "twice"
    return f"{_EN_WORDS[count] if 0 <= count <= 12 else count} times"


def join_names(items: Sequence[object], lang: str) -> str:
    """``A, B och C`` / ``A, B and C``."""
    texts = [str(item) for item in items]
    if len(texts) <= 1:
        return "".join(texts)
    word = "och" if lang == "sv" else "and"
    return f"{', '.join(texts[:-1])} {word} {texts[-1]}"


def genitive(name: str, lang: str) -> str:
    """``Resurspoolens``, ``Linköpings kommuns``, ``IOGT-NTO:s``, ``Röda Korsets`` / ``X's``.

    Swedish: no extra s after s, x or z; a colon before the s after an abbreviation or a
    digit (Språkrådet's rules).
    """
    name = name.strip()
    if lang != "sv":
        return f"{name}'" if name.endswith("s") else f"{name}'s"
    if not name or name[-1] in "sxz":
        return name
    if name[-1].isupper() or name[-1].isdigit():
        return f"{name}:s"
    return f"{name}s"


_BODY = re.compile(
    r"[A-ZÅÄÖ][a-zåäö]*(?:-? och [a-zåäö]+)?"
    r"(?:nämnden|styrelsen|förvaltningen|utskottet|fullmäktige|nämnd|styrelse|förvaltning)"
)


def in_text(name: str, lang: str) -> str:
    """A party's name inside a sentence: a municipal body in lower case, as Swedish writes
    it (``mellan äldrenämnden och Resurspoolen``, ``social- och omsorgsnämnden``); every
    other name as it is. At the start of a sentence, in a heading or a table cell the
    name is printed as written (``Äldrenämnden bidrar …``)."""
    name = name.strip()
    if lang == "sv" and _BODY.fullmatch(name):
        return name[0].lower() + name[1:]
    return name


_SV_ORDINALS = ["", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde"]
_SV_ORDINALS += ["åttonde", "nionde", "tionde"]
_EN_ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh"]
_EN_ORDINALS += ["eighth", "ninth", "tenth"]


def ordinal(count: int, lang: str) -> str:
    """``första``, ``andra`` … ``11:e`` / ``first``, ``second`` … ``11th``."""
    words = _SV_ORDINALS if lang == "sv" else _EN_ORDINALS
    if 1 <= count < len(words):
        return words[count]
    if lang == "sv":
        return f"{count}:{'a' if count % 10 in (1, 2) and count % 100 not in (11, 12) else 'e'}"
    return f"{count}th"


def count_words(count: int, lang: str) -> str:
    """``en``, ``två`` … ``13`` / ``one``, ``two`` … ``13``: a small count in words."""
    words = _SV_WORDS if lang == "sv" else _EN_WORDS
    return words[count] if 0 <= count < len(words) else str(count)


def lower_start(text: str, agreement: PartialAgreement) -> str:
    """A quoted clause continuing a sentence ("Av överenskommelsen framgår att parterna …"):
    its first letter in lower case, unless it starts a name (a party's, or an
    abbreviation such as ``IOP``) or a number."""
    text = text.strip()
    first = text.split(maxsplit=1)[0] if text else ""
    names = {p.name.split()[0] for p in agreement.parties if p.name.split()}
    if not first[:1].isupper() or first[1:2].isupper() or first in names:
        return text
    return text[0].lower() + text[1:]


def table_cell(text: object) -> str:
    """Text that stays in one pipe-table cell: one line, ``|`` escaped."""
    return re.sub(r"\s+", " ", str(text)).strip().replace("|", "\\|")


def one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


# --- the filters a template uses -----------------------------------------------------------


def make_filters(lang: str, agreement: PartialAgreement, missing: type[Missing]) -> dict[str, Any]:
    def present(value: Any) -> Any:
        if value is None:
            value = missing(path="(a value)")
        if isinstance(value, jinja2.Undefined):
            return str(value)  # raises, or the draft placeholder, or "uppgift saknas"
        return value

    placeholder = f"[{missing._label}: "

    def guarded(fn: Callable[..., str]) -> Callable[..., str]:
        def filter_(value: Any, *args: Any) -> str:
            value = present(value)
            if isinstance(value, str) and (
                value.startswith(placeholder) or value == missing._unknown
            ):
                return value  # a placeholder, or "uppgift saknas": printed as it is
            return fn(value, *args)

        filter_.__name__ = fn.__name__
        return filter_

    def _decimal(value: Any, what: str) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise TypeError(f"{what} needs a number, got {type(value).__name__}")
        return Decimal(value)

    def _date(value: Any, what: str) -> dt.date:
        if not isinstance(value, dt.date):
            raise TypeError(f"{what} needs a date, got {type(value).__name__}")
        return value

    def _when(value: Any, what: str) -> dt.date | PartialDate:
        if not isinstance(value, dt.date | PartialDate):
            raise TypeError(f"{what} needs a date, got {type(value).__name__}")
        return value

    def party(slug: Any) -> Any:
        slug = present(slug)
        found = agreement.party(str(slug))
        if found is None:
            return missing(path=f"party {slug}", hint="the id is not among parties[].id")
        return found

    def names(items: Any) -> str:
        if isinstance(items, jinja2.Undefined):
            return str(items)
        return join_names([present(i) for i in items], lang)

    return {
        "kr": guarded(lambda v: format_kr(_decimal(v, "kr"), lang)),
        "number": guarded(lambda v: format_number(_decimal(v, "number"), lang)),
        "percent": guarded(lambda v: format_percent(_decimal(v, "percent"), lang)),
        "long_date": guarded(lambda v: format_long_date(_when(v, "long_date"), lang)),
        "on_day": guarded(lambda v: format_on_day(_when(v, "on_day"), lang)),
        "iso": guarded(lambda v: _date(v, "iso").isoformat()),
        "month": guarded(lambda v: month_name(int(v), lang)),
        "duration": guarded(lambda v: format_duration(v, lang)),
        "times": guarded(lambda v: format_times(int(v), lang)),
        "genitive": guarded(lambda v: genitive(str(v), lang)),
        "in_text": guarded(lambda v: in_text(str(v), lang)),
        "ordinal": guarded(lambda v: ordinal(int(v), lang)),
        "count": guarded(lambda v: count_words(int(v), lang)),
        "lower_start": guarded(lambda v: lower_start(str(v), agreement)),
        "cell": guarded(table_cell),
        "oneline": guarded(one_line),
        "party": party,
        "names": names,
    }


FILTER_NAMES = (
    "kr",
    "number",
    "percent",
    "long_date",
    "on_day",
    "iso",
    "month",
    "duration",
    "times",
    "genitive",
    "in_text",
    "ordinal",
    "count",
    "lower_start",
    "cell",
    "oneline",
    "party",
    "names",
)


_UNSAFE_IN_MARKDOWN = re.compile("[<\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _markdown_text(match: re.Match[str]) -> str:
    char = match.group(0)
    return (
        "\\<"
        if char == "<"
        else f"\\x{ord(char):02x}"
        if ord(char) < 0x100
        else (f"\\u{ord(char):04x}")
    )


def markdown_text(text: str) -> str:
    """Data as Markdown that cannot be HTML: ``<`` is escaped (``\\<``), so ``<script>`` or a
    forged ``<!-- iopctl render: … -->`` comment in an agreement prints as text in the
    Markdown file as in every format made from it; control characters are shown escaped.
    Markdown itself (emphasis, lists, links) stays: agreement texts are Markdown."""
    if _UNSAFE_IN_MARKDOWN.search(text) is None:
        return text  # nearly every text: a search is cheaper than a substitution
    return _UNSAFE_IN_MARKDOWN.sub(_markdown_text, text)


def make_finalize(lang: str, missing: type[Missing]) -> Callable[[Any], Any]:
    """What every ``{{ … }}`` prints: formatted numbers and lengths, and text through
    :func:`markdown_text` (the Markdown escapes what the template did not write)."""

    def finalize(value: Any) -> Any:
        if type(value) is str:  # most of what a document prints: one test, not four
            return markdown_text(value)
        if value is None:
            return missing(path="(a value that is None)")
        if isinstance(value, bool):
            return value
        if isinstance(value, Decimal):
            return format_number(value, lang)
        if isinstance(value, Duration):
            return format_duration(value, lang)
        if isinstance(value, str):
            return markdown_text(value)
        return value

    return finalize
