"""Run the commands a document shows, exactly as printed, in a copy of the repository.

README.md and the guides show ``iopctl …`` commands in ```` ```console ```` blocks
(``$ iopctl …``, followed by the output) and in ```` ```sh ```` blocks (one command a
line). Each is run in-process (``CliRunner``) in a sandbox: a fresh git repository
holding copies of what the commands read (``agreements/``, ``docs/examples/``,
``tests/fixtures/``), so a command that writes files (``render --out``, ``init``,
``new``, ``> file``) writes them there and never into the checkout. A trailing
``# comment`` is shell syntax and ignored, except ``# exit N``, which states the exit
code where the output alone does not say it; ``> FILE`` sends the output to a file.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from typer.testing import CliRunner

from iopctl.cli import app

REPO = Path(__file__).resolve().parent.parent
ELISION = "…"
COPIED = ("agreements", "docs/examples", "templates", "tests/fixtures")
STATED_EXIT = re.compile(r"\s#\s*exit (\d+)\s*$")
FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```[ \t]*$", re.M | re.S)


@dataclass
class Shown:
    """One command as a document prints it, with the output it shows (maybe none)."""

    line: str
    output: list[str] = field(default_factory=list)

    @property
    def argv(self) -> list[str]:
        return shlex.split(self.line, comments=True)

    @property
    def stated_exit(self) -> int | None:
        """The exit code a trailing ``# exit N`` states, if the line has one."""
        found = STATED_EXIT.search(self.line)
        return int(found.group(1)) if found else None


def fenced(text: str, language: str) -> list[str]:
    found = []
    for indent, lang, body in FENCE.findall(text):
        if lang == language:
            found.append(textwrap.dedent(body) if indent else body)
    return found


def shown_commands(text: str) -> list[Shown]:
    """Every ``iopctl`` command in the console and sh blocks of ``text``, in order."""
    found: list[Shown] = []
    for indent, lang, body in FENCE.findall(text):
        body = textwrap.dedent(body) if indent else body
        if lang == "console":
            current: Shown | None = None
            lines = iter(body.splitlines())
            for line in lines:
                if line.startswith("$ "):
                    while line.endswith("\\"):  # a command continued on the next line
                        line = line[:-1].rstrip() + " " + next(lines, "").strip()
                    current = Shown(line[2:]) if line.startswith("$ iopctl ") else None
                    if current is not None:
                        found.append(current)
                elif current is not None:
                    current.output.append(line.rstrip())
        elif lang == "sh":
            found += [
                Shown(line.strip()) for line in body.splitlines() if line.startswith("iopctl ")
            ]
    return found


def make_sandbox(root: Path) -> Path:
    """A git repository under ``root`` with copies of what documented commands read."""
    for name in COPIED:
        shutil.copytree(REPO / name, root / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for argv in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "copy"]):
        subprocess.run(["git", *argv], cwd=root, env=env, check=True, capture_output=True)
    return root


LOCALES = {"sv": "sv_SE.UTF-8", "en": "en_GB.UTF-8"}


def run_shown(shown: Shown, cwd: Path, language: str = "sv") -> tuple[int, list[str]]:
    """Run ``shown`` in ``cwd`` as a reader of a document in ``language`` would, on a
    computer whose locale is that language: its exit code and output lines (trailing
    spaces dropped). With ``> FILE`` the output goes to the file and no lines return.
    """
    argv = shown.argv
    assert argv[0] == "iopctl", shown.line
    target = None
    if ">" in argv:
        at = argv.index(">")
        argv, target = argv[:at], argv[at + 1]
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        env = {"NO_COLOR": "1", "LC_ALL": LOCALES[language]}
        result = CliRunner().invoke(app, argv[1:], env=env)
        if target is not None:
            Path(target).write_text(result.stdout, encoding="utf-8")
            return result.exit_code, []
    finally:
        os.chdir(previous)
    lines = [line.rstrip() for line in result.output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return result.exit_code, lines


def matches(expected: list[str], actual: list[str]) -> str | None:
    """``None`` when ``actual`` is what ``expected`` shows (``…`` lines mark left-out
    output: the pieces between them appear in order); else the first piece missing."""
    while expected and not expected[-1]:
        expected = expected[:-1]
    if ELISION not in expected:
        return None if expected == actual else "\n".join(expected)
    at = 0
    chunks: list[list[str]] = [[]]
    for line in expected:
        if line == ELISION:
            chunks.append([])
        else:
            chunks[-1].append(line)
    for chunk in (c for c in chunks if c):
        for i in range(at, len(actual) - len(chunk) + 1):
            if actual[i : i + len(chunk)] == chunk:
                at = i + len(chunk)
                break
        else:
            return "\n".join(chunk)
    return None


def rewrite_transcript(path: Path, line: str, old: list[str], new: list[str]) -> None:
    """``UPDATE_GOLDENS=1``: put the real output under the command in the document
    (review the diff, as with every golden)."""
    text = path.read_text(encoding="utf-8")
    before = "\n".join([f"$ {line}", *old]) + "\n"
    assert text.count(before) == 1, f"cannot find the transcript of {line!r} in {path}"
    path.write_text(text.replace(before, "\n".join([f"$ {line}", *new]) + "\n"), "utf-8")


def check_transcript(shown: Shown, cwd: Path, document: Path, language: str = "sv") -> None:
    """``shown`` runs in ``cwd`` and prints what ``document`` shows under it: the exit code
    its line states (``# exit N``) or else its output implies (:func:`expected_exit`), the
    output itself where one is shown (``…`` for output left out). ``UPDATE_GOLDENS=1``
    writes the real output into the document."""
    code, actual = run_shown(shown, cwd, language)
    where = f"{document.name}: {shown.line}"
    wanted = shown.stated_exit
    wanted = expected_exit(shown.output) if wanted is None else wanted
    assert code == wanted, f"{where}\n" + "\n".join(actual)
    if not shown.output:
        return
    missing = matches(shown.output, actual)
    if missing is not None and os.environ.get("UPDATE_GOLDENS") and ELISION not in shown.output:
        rewrite_transcript(document, shown.line, shown.output, actual)
        return
    assert missing is None, f"{document.name}: not in the output of {shown.line!r}:\n{missing}"


def expected_exit(output: list[str]) -> int:
    """What the output a document shows says the exit code is: 2 after a usage error
    (``iopctl: fel: …``), 1 after a file's error (``… fel IOP…``), else 0."""
    if any(line.startswith(("iopctl: error:", "iopctl: fel:")) for line in output):
        return 2
    return 1 if any(" error IOP" in line or " fel IOP" in line for line in output) else 0
