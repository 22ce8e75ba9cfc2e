"""The catalogue: complete in Swedish and English, placeholders equal in both, and the
committed files exactly what ``python -m iopctl.i18n.catalogue`` makes of the source."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from iopctl import i18n
from iopctl.i18n import catalogue as regen

LOCALE = Path(i18n.__file__).parent / "locale"


def _po(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "iopctl.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_the_committed_catalogue_is_what_extraction_makes() -> None:
    stale = [
        str(path.relative_to(LOCALE))
        for path, data in regen.build().items()
        if not path.exists() or path.read_bytes() != data
    ]
    assert stale == [], "run: python -m iopctl.i18n.catalogue"


def test_the_catalogue_is_not_empty() -> None:
    assert len([m for m in _po("sv") if m.id]) >= 3


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_message_is_translated(lang: str) -> None:
    missing = [
        m.id
        for m in _po(lang)
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert missing == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_translation_is_fuzzy(lang: str) -> None:
    """A fuzzy translation is left out of the compiled catalogue: the reader gets English
    (a message id that became a plural was marked fuzzy once, and said "1 page")."""
    assert [m.id for m in _po(lang) if m.id and m.fuzzy] == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    differ = []
    for m in _po(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = _fields(ids[-1])
        differ += [(m.id, s) for s in strings if _fields(s) != wanted]
    assert differ == []


def _sentences(text: str) -> list[str]:
    """The sentences of a text, its example command lines left out."""
    prose = "\n".join(line for line in text.split("\n") if not line.strip().startswith("iopctl "))
    return [s.strip() for s in re.split(r"(?<=[.!?])\s*", prose) if len(s.strip()) > 12]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_translation_says_a_sentence_twice(lang: str) -> None:
    """A translation edited on top of an older one kept both: --jobs's help read
    "Processer att läsa filerna i. Standard: de kärnor som finns. Utdata blir desamma för
    varje N.Antal processer som läser filerna. Standard: …" in every command's help."""
    doubled = []
    for m in _po(lang):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for msgid, text in zip(ids, strings, strict=False):
            sentences = _sentences(text)
            if msgid and (len(sentences) != len(set(sentences)) or len(text) > 2 * len(msgid) + 20):
                doubled.append(text)
    assert doubled == []


def test_messages_are_ids_with_named_placeholders() -> None:
    # `{}` or `{0}` cannot be moved around by a translator; `%s` is not filled by .format.
    bad = [
        m.id
        for m in _po("en")
        if m.id
        for text in (m.id if isinstance(m.id, tuple) else (m.id,))
        if any(not name or name.isdigit() for name in _fields(text)) or re.search(r"%[sd]", text)
    ]
    assert bad == []


def test_translation_follows_the_language() -> None:
    msgid = "not valid TOML: {reason}"
    with i18n.in_language("sv"):
        assert i18n._(msgid).format(reason="x") == "är inte giltig TOML: x"
    with i18n.in_language("en"):
        assert i18n._(msgid) == msgid
    assert i18n.N_(msgid) is msgid
    assert i18n._("") == ""


def test_an_unknown_message_is_its_id() -> None:
    with i18n.in_language("sv"):
        assert i18n._("no such message in the catalogue") == "no such message in the catalogue"
        assert i18n.ngettext("one file", "{n} files", 2) == "{n} files"


def test_swedish_is_the_default() -> None:
    assert i18n.language() == "sv"


@pytest.mark.parametrize(
    ("flag", "settings", "environ", "expected"),
    [
        ("en", 'language = "sv"', {"LANG": "sv_SE.UTF-8"}, "en"),
        (None, 'language = "en"', {"LANG": "sv_SE.UTF-8"}, "en"),
        (None, 'language = "sv"', {"LC_ALL": "en_GB.UTF-8"}, "sv"),
        (None, None, {"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        (None, None, {"LC_MESSAGES": "en_US", "LANG": "sv_SE.UTF-8"}, "en"),
        (None, None, {"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
        (None, None, {"LANG": "sv_SE.UTF-8"}, "sv"),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        (None, None, {"LANG": "de_DE.UTF-8"}, "sv"),
        (None, "# no language here\nindex_dir = 'indices'", {}, "sv"),
        (None, None, {}, "sv"),
    ],
)
def test_choosing_the_language(
    tmp_path: Path, flag: str | None, settings: str | None, environ: dict[str, str], expected: str
) -> None:
    if settings is not None:
        (tmp_path / "iopctl.toml").write_text(settings, encoding="utf-8")
    assert i18n.choose_language(flag, tmp_path, environ) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('language = "de"', 'language = \'de\' is not a language iopctl speaks; use "sv" or "en"'),
        ("language = ", "not valid TOML: "),
    ],
)
def test_a_bad_settings_file_says_why(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "iopctl.toml").write_text(text, encoding="utf-8")
    with pytest.raises(i18n.SettingsError) as caught:
        i18n.choose_language(None, tmp_path, {})
    assert str(caught.value).startswith(message)
    assert caught.value.path == str(tmp_path / "iopctl.toml")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_words_are_what_gettext_gives(lang: str) -> None:
    """``_`` reads one dictionary made from the catalogue; it answers as gettext does for
    every id, a plural's singular and an id the catalogue lacks."""
    catalogue = i18n.translations(lang)
    ids = [k if isinstance(k, str) else k[0] for k in catalogue._catalog]  # type: ignore[attr-defined]
    with i18n.in_language(lang):
        for msgid in [*ids, "not in any catalogue {x}"]:
            assert i18n._(msgid) == (catalogue.gettext(msgid) if msgid else msgid)


def test_a_threads_language_is_its_own_only_inside_its_block() -> None:
    import threading

    seen: list[str] = []
    inside, done = threading.Event(), threading.Event()

    def other() -> None:
        with i18n.in_language("en"):
            inside.set()
            done.wait(5)
            seen.append(i18n.language())

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    assert i18n.language() == "sv"  # the other thread's block is not this thread's
    done.set()
    thread.join()
    assert seen == ["en"]
    assert i18n._overridden == [0] and i18n.language() == "sv"
