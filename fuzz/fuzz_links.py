"""Coverage-guided fuzzing of what iopctl reads from a repository full of links (issue 16).

Each input is read as a small repository: a sequence of entries, each a path of one to
three names, a kind (file, folder, link) and, for a link, a target (a secret file or
folder outside the repository, /etc/passwd, /proc/self/environ, a file or folder
inside, the repository itself, its parent, nothing, the link itself). The repository is
built in a fresh folder and validated as ``iopctl validate`` would (agreement folders and
files named as arguments, ``indices/*.yaml``), and then its text output is made. The
secret must never appear in any diagnostic, excerpt or output, and nothing may raise.

    pip install atheris
    python fuzz/fuzz_links.py -max_total_time=600 -rss_limit_mb=2048 -timeout=20 fuzz/corpus-links
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from iopctl.checks.validate import keep_whole, validate_each
    from iopctl.errors import UsageError
    from iopctl.problems.diagnostic import format_github, format_json, format_text

SECRET = "hunter2-secret-from-outside"
NAMES = ["agreements", "indices", "a.yaml", "b.yml", "sub", "x.yaml", "c"]
TARGETS = [
    "secret-file",
    "secret-dir",
    "passwd",
    "environ",
    "inside-file",
    "inside-dir",
    "repo",
    "parent",
    "dangling",
    "self",
]
MINIMAL = Path(__file__).resolve().parent.parent / "tests/fixtures/valid/minimal-active.yaml"
os.environ["IOPCTL_FUZZ_SECRET"] = SECRET  # so that /proc/self/environ holds it too


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    scratch = Path(tempfile.mkdtemp(prefix="iopctl-links-"))
    here = os.getcwd()
    try:
        root = scratch / "repo"
        (root / ".git").mkdir(parents=True)
        (root / "agreements").mkdir()
        shutil.copy(MINIMAL, root / "agreements" / "ok.yaml")
        (scratch / "secret.yaml").write_text(f"id: x\ntitle: {SECRET}\nstatus: draft\n")
        (scratch / "secret-dir").mkdir()
        (scratch / "secret-dir" / "s.yaml").write_text(f"{SECRET}: [\n")
        targets = {
            "secret-file": scratch / "secret.yaml",
            "secret-dir": scratch / "secret-dir",
            "passwd": Path("/etc/passwd"),
            "environ": Path("/proc/self/environ"),
            "inside-file": root / "agreements" / "ok.yaml",
            "inside-dir": root / "agreements",
            "repo": root,
            "parent": scratch,
            "dangling": root / "nowhere",
        }
        for _ in range(fdp.ConsumeIntInRange(0, 10)):
            parts = [fdp.PickValueInList(NAMES) for _ in range(fdp.ConsumeIntInRange(1, 3))]
            kind = fdp.ConsumeIntInRange(0, 2)
            target = fdp.PickValueInList(TARGETS)
            path = root.joinpath(*parts)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                if kind == 0:
                    path.write_text(fdp.ConsumeUnicodeNoSurrogates(40) + "\n")
                elif kind == 1:
                    path.mkdir(exist_ok=True)
                else:
                    path.symlink_to(path if target == "self" else targets[target])
            except OSError:
                continue
        args = [fdp.PickValueInList(NAMES) for _ in range(fdp.ConsumeIntInRange(0, 3))]
        os.chdir(root)
        paths = [a for a in args if os.path.lexists(a)] or ["agreements"]
        try:
            result, kept = validate_each(paths, keep_whole)
        except UsageError:
            return  # a path that does not exist (a dangling link named): exit 2
        text = format_text(result.diagnostics, line_text=result.line_text, files=len(result.files))
        text += format_json(result.diagnostics, files=len(result.files))
        text += format_github(result.diagnostics)
        for loaded in kept:
            if loaded is not None and loaded.source is not None:
                text += loaded.source.text
        if SECRET in text or "root:x:0:0" in text:
            raise AssertionError(f"read a file from outside the repository:\n{text}")
    finally:
        os.chdir(here)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    for corpus in [a for a in sys.argv[1:] if not a.startswith("-")][:1]:
        Path(corpus).mkdir(parents=True, exist_ok=True)  # libFuzzer will not create it
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
