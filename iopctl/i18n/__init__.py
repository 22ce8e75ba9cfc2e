"""Every word a person reads, in Swedish (the default) or English: one gettext catalogue.

Message ids are English with ``{name}`` placeholders, filled by ``.format(...)`` *after*
translation. Domain code marks its messages with :func:`N_` (which returns them unchanged)
and hands them on as data; the presentation layer calls :func:`_` when it makes the words.
The compiled catalogue (``locale/<lang>/LC_MESSAGES/iopctl.mo``) is read the first time a
word is translated, not at import, so ``iopctl --help`` pays nothing for a language it does
not use (docs/performance.md). ``python -m iopctl.i18n.catalogue`` regenerates the
catalogue (extract → update → compile). This package imports nothing from iopctl.
"""

from __future__ import annotations

import gettext as _gettext
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import field
from pathlib import Path
from typing import Any, Literal, cast

from iopctl.frozen import frozen

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "NP_",
    "N_",
    "SETTINGS_FILE",
    "Bilingual",
    "Language",
    "Listed",
    "Plural",
    "SettingsError",
    "Words",
    "_",
    "choose_language",
    "language",
    "ngettext",
    "pgettext",
    "read_settings",
    "say",
    "say_english",
    "use_language",
]

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")
DEFAULT_LANGUAGE: Language = "sv"
DOMAIN = "iopctl"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SETTINGS_FILE = "iopctl.toml"
"""The repository's settings, at the root of an agreements repository (``language = "sv"``)."""

_state = threading.local()
_catalogues: dict[str, _gettext.NullTranslations] = {}
_lock = threading.Lock()


class SettingsError(ValueError):
    """The repository's settings file cannot be used; ``path`` and ``message`` say why
    (an English msgid with ``{placeholders}`` filled from ``args``)."""

    def __init__(self, path: str, message: str, **args: object) -> None:
        super().__init__(message.format(**args))
        self.path = path
        self.msgid = message
        self.args_ = args


def N_(msgid: str) -> str:
    """Mark ``msgid`` for the catalogue and return it unchanged (translated later by ``_``)."""
    return msgid


def NP_(context: str, msgid: str) -> tuple[str, str]:
    """Mark ``msgid`` in ``context`` for the catalogue: the same English words that need
    different Swedish ones ("Done" a deadline is, "Done" the day something was done).
    Returns ``(context, msgid)`` for :func:`pgettext`."""
    return context, msgid


def language() -> Language:
    """The language words are made in now (this thread's, else the process default)."""
    if not _overridden[0]:
        return _default[0]  # no thread is in an ``in_language`` block: the common case
    found: Language | None = getattr(_state, "language", None)
    return found or _default[0]


_default: list[Language] = [DEFAULT_LANGUAGE]
_overridden = [0]
"""How many ``in_language`` blocks are open, in any thread: while none is, no thread has a
language of its own and :func:`language` need not look (a thread-local lookup on every
word was a quarter of the time ``due`` spends making a row, issue #17)."""


def use_language(lang: str) -> None:
    """Make ``lang`` the language of this process (the CLI calls it once, early)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _default[0] = lang
    _state.language = None


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Words in ``lang`` inside the block, in this thread only (tests, bilingual output)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    before = getattr(_state, "language", None)
    with _lock:
        _overridden[0] += 1
    _state.language = lang
    try:
        yield
    finally:
        _state.language = before
        with _lock:
            _overridden[0] -= 1


def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``lang``, read once; without one, the ids themselves."""
    found = _catalogues.get(lang)
    if found is None:
        with _lock:
            found = _catalogues.get(lang)
            if found is None:
                path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
                try:
                    with path.open("rb") as handle:
                        found = _gettext.GNUTranslations(handle)
                except OSError:
                    found = _gettext.NullTranslations()
                _catalogues[lang] = found
    return found


def _(msgid: str) -> str:
    """``msgid`` in the current language (the id itself when it has no translation)."""
    if not msgid:
        return msgid
    lang = _default[0] if not _overridden[0] else language()
    table = _words.get(lang)
    if table is None:
        table = _words_of(lang)
    return table.get(msgid, msgid)


_words: dict[str, dict[str, str]] = {}


def _words_of(lang: str) -> dict[str, str]:
    """``msgid → text`` for :func:`_`, made once per language: what
    ``GNUTranslations.gettext`` answers (a plural's singular included) in one dictionary,
    without four calls for every word; empty without a catalogue (every id is its own
    text). :func:`translations` gives no catalogue a fallback, so none is consulted."""
    catalogue = translations(lang)
    entries: dict[Any, str] = getattr(catalogue, "_catalog", {})  # none: NullTranslations
    plural = getattr(catalogue, "plural", None)
    one = plural(1) if plural is not None else 0
    table = {key: text for key, text in entries.items() if isinstance(key, str)}
    for key, text in entries.items():
        if isinstance(key, tuple) and key[1] == one:
            table.setdefault(key[0], text)
    _words[lang] = table
    return table


def pgettext(context: str, msgid: str) -> str:
    """``msgid`` in ``context`` (a ``msgctxt``), in the current language."""
    return translations(language()).pgettext(context, msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language (Swedish and English: one, other)."""
    return translations(language()).ngettext(singular, plural, n)


def read_settings(root: Path) -> dict[str, object]:
    """The repository's settings (``iopctl.toml`` at ``root``); none when there is no file.

    Raises :class:`SettingsError` when the file is not TOML or says something unusable.
    """
    path = root / SETTINGS_FILE
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise SettingsError(
            str(path), N_("cannot read it: {reason}"), reason=exc.strerror
        ) from None
    import tomllib

    try:
        settings = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(str(path), N_("not valid TOML: {reason}"), reason=str(exc)) from None
    lang = settings.get("language")
    if lang is not None and lang not in LANGUAGES:
        raise SettingsError(
            str(path),
            N_('language = {value} is not a language iopctl speaks; use "sv" or "en"'),
            value=repr(lang),
        )
    folder = settings.get("indices")
    if folder is not None and not _inside(folder):
        raise SettingsError(
            str(path),
            N_(
                "indices = {value} is not a folder inside the repository; write a relative "
                'path such as "indices"'
            ),
            value=repr(folder),
        )
    return settings


def _inside(folder: object) -> bool:
    """A relative folder path that stays in the repository (``indices``, ``data/opi``)."""
    if not isinstance(folder, str) or not folder.strip() or "\x00" in folder:
        return False
    parts = folder.replace("\\", "/").split("/")
    return not folder.startswith(("/", "\\")) and ":" not in folder and ".." not in parts


def _from_locale(environ: Mapping[str, str]) -> Language | None:
    # POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is set decides.
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def choose_language(
    flag: str | None, root: Path | None, environ: Mapping[str, str] | None = None
) -> Language:
    """``--lang``, else the repository's ``iopctl.toml``, else the locale, else Swedish.

    A locale that is neither Swedish nor English (``C.UTF-8``, ``de_DE``) gives Swedish:
    iopctl's users are Swedish municipal staff, and English is asked for by name.
    """
    if flag is not None:
        if flag not in LANGUAGES:
            raise ValueError(f"unknown language {flag!r}; use one of {', '.join(LANGUAGES)}")
        return flag
    if root is not None:
        lang = read_settings(root).get("language")
        if lang is not None:
            return cast(Language, lang)
    return _from_locale(os.environ if environ is None else environ) or DEFAULT_LANGUAGE


@frozen(slots=True)
class Words:
    """A message id and what fills it, said in the chosen language only when shown:
    the parts of a message that are words, not data ("a number", "did you mean 'x'?").
    A :class:`Words` among the arguments of another message is said in turn."""

    msgid: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return say_english(self.msgid, self.args)

    def __str__(self) -> str:
        return say(self.msgid, self.args)


@frozen(slots=True)
class Plural:
    """Words whose form follows a count ("1 document", "3 documents"), said when shown,
    like :class:`Words`: ``Plural(N_one, N_other, n, args)``; ``{n}`` is the count."""

    singular: str
    plural: str
    n: int
    args: Mapping[str, Any] = field(default_factory=dict)

    def english(self) -> str:
        return say_english(self.singular if self.n == 1 else self.plural, self._args())

    def _args(self) -> dict[str, Any]:
        return {"n": self.n, **self.args}

    def __str__(self) -> str:
        words = {
            k: str(v) if isinstance(v, Words | Bilingual | Plural | Listed) else v
            for k, v in self._args().items()
        }
        try:
            return ngettext(self.singular, self.plural, self.n).format(**words)
        except (KeyError, IndexError, ValueError):
            return self.english()


@frozen(slots=True)
class Listed:
    """Several words in a row, each said when shown ("a is a folder; b is a folder")."""

    items: tuple[Words, ...]
    separator: str = "; "

    def english(self) -> str:
        return self.separator.join(item.english() for item in self.items)

    def __str__(self) -> str:
        return self.separator.join(str(item) for item in self.items)


@frozen(slots=True)
class Bilingual:
    """Words that are not in the catalogue but come in both languages already (the
    model's own Swedish and English field descriptions)."""

    sv: str
    en: str

    def english(self) -> str:
        return self.en

    def __str__(self) -> str:
        return self.sv if language() == "sv" else self.en


def say_english(msgid: str, args: Mapping[str, Any]) -> str:
    """``msgid`` filled from ``args``, in English (the id's own language)."""
    if not msgid:
        return msgid
    plain = {
        k: v.english() if isinstance(v, Words | Bilingual | Plural | Listed) else v
        for k, v in args.items()
    }
    try:
        return msgid.format(**plain)
    except (KeyError, IndexError, ValueError):  # a placeholder left unfilled: show the id
        return msgid


def say(msgid: str, args: Mapping[str, Any]) -> str:
    """``msgid`` translated into the current language and filled from ``args``."""
    if not msgid:
        return msgid
    words = {
        k: str(v) if isinstance(v, Words | Bilingual | Plural | Listed) else v
        for k, v in args.items()
    }
    try:
        return _(msgid).format(**words)
    except (KeyError, IndexError, ValueError):
        return say_english(msgid, args)
