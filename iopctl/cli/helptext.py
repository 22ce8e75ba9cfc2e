"""Every command's and option's help in the chosen language, examples line for line.

Typer reads the help (docstrings, ``help="…"``) when it builds the app, before the
language is chosen, so the texts are English message ids — extracted for the catalogue
by ``iopctl.i18n.extract_help`` — and :func:`localise` swaps in their translations
once the language is chosen, before Click prints anything: a hundred lookups in the
catalogue, which the run loads anyway. The English originals are kept on each command,
so localising again (tests build the app once and run it in both languages) never
translates a translation. Click's own words ("Usage:", "Options") are
``iopctl.cli.click_words``'s.

Examples in a help text are kept line for line (:func:`keep_examples`): rewrapped to
the terminal's width, a long example breaks a quoted argument across lines and a shell
line pasted from it fails.
"""

from __future__ import annotations

from typing import Any

from iopctl.i18n import N_, _

__all__ = ["keep_examples", "localise"]

# Typer's own options' help, which is not in iopctl's source.
TYPER_WORDS = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
_ORIGINAL = "_iopctl_original_help"


def keep_examples(text: str) -> str:
    """``text`` with each indented paragraph of ``iopctl …`` lines marked ``\\b``, click's
    "do not rewrap"."""
    paragraphs = text.split("\n\n")
    for i, paragraph in enumerate(paragraphs):
        if paragraph.startswith(" ") and paragraph.strip().startswith("iopctl "):
            paragraphs[i] = "\b\n" + paragraph
    return "\n\n".join(paragraphs)


def localise(command: Any) -> None:
    """Put the help of ``command`` (a Click command; typer vendors Click), of its
    parameters and of its subcommands in the current language."""
    original = command.__dict__.get(_ORIGINAL)
    if original is None:
        original = (command.help, [getattr(p, "help", None) for p in command.params])
        setattr(command, _ORIGINAL, original)
    help_text, params = original
    if help_text:
        command.help = keep_examples(_(help_text))
    for param, text in zip(command.params, params, strict=True):
        if text:
            param.help = _(text)
    for sub in getattr(command, "commands", {}).values():
        localise(sub)
