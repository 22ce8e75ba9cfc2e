"""The two versions ``iopctl diff`` compares: a file, or ``REV:path`` read through git."""

from __future__ import annotations

from iopctl.errors import UsageError
from iopctl.frozen import frozen
from iopctl.i18n import N_
from iopctl.model.load import Loaded, discover, load_agreement, load_agreement_bytes
from iopctl.views.diff import Change, diff_agreements

__all__ = ["Comparison", "compare_versions", "git_show", "load_version"]


@frozen(slots=True)
class Comparison:
    """Two versions and what changed in meaning between them.

    ``broken`` lists the versions with schema or domain errors; then nothing is
    compared (``changes`` is empty), since a diff of half-read agreements would
    report changes nobody made.
    """

    old: Loaded
    new: Loaded
    broken: tuple[Loaded, ...]
    changes: list[Change]


def compare_versions(old: str, new: str) -> Comparison:
    """``iopctl diff OLD NEW``: each a file or ``REV:path`` (:func:`load_version`)."""
    from iopctl.checks.validate import rare_full_collections

    # Two large files: no full garbage collection per thousand objects read or compared.
    with rare_full_collections():
        sides = (load_version(old), load_version(new))
    broken = tuple(s for s in sides if not s.valid_schema or any(d.is_error for d in s.diagnostics))
    if broken:
        return Comparison(*sides, broken=broken, changes=[])
    a, b = sides[0].valid, sides[1].valid
    assert a is not None and b is not None
    with rare_full_collections():
        changes = diff_agreements(a, b)
    return Comparison(*sides, broken=(), changes=changes)


def load_version(spec: str) -> Loaded:
    """A file, or ``REV:path`` read from git (``git show REV:path``).

    As in git, the path after ``REV:`` is relative to the repository root;
    ``REV:./path`` is relative to the current folder. A file that exists wins
    over a ``REV:path`` reading of the same text.
    """
    import os

    if os.path.exists(spec):
        if os.path.isdir(spec):
            raise UsageError(
                N_("{spec} is a folder"), hint=N_("give one agreement file"), spec=spec
            )
        # The same rule as for validate: a link out of the repository is not read (IOP009).
        files, refused = discover([spec])
        if refused:
            return Loaded(spec, None, None, frozenset(), refused)
        return load_agreement(files[0])
    rev, sep, path = spec.partition(":")
    if not sep or not rev or not path:
        raise UsageError(
            N_("path does not exist: {path}"),
            hint=N_("give a file, or REV:path to read it from git, e.g. HEAD:agreements/x.yaml"),
            path=spec,
        )
    return load_agreement_bytes(git_show(rev, path), spec)


def git_show(rev: str, path: str) -> bytes:
    """The bytes of ``path`` at revision ``rev``; usage errors that say what is wrong."""
    import shutil
    import subprocess

    from iopctl.reading.rules import MAX_BYTES

    spec = f"{rev}:{path}"
    git = shutil.which("git")
    if git is None:
        raise UsageError(
            N_("cannot read {spec}: git is not installed"), hint=N_("install git"), spec=spec
        )
    if rev.startswith("-"):
        raise UsageError(
            N_("{rev!r} is not a git revision"), hint=N_("write e.g. HEAD or main"), rev=rev
        )

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([git, *args], capture_output=True, check=False)

    if run("rev-parse", "--git-dir").returncode != 0:
        raise UsageError(
            N_("cannot read {spec}: this folder is not inside a git repository"),
            hint=N_("run iopctl diff inside the repository, or compare two files"),
            spec=spec,
        )
    if run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise UsageError(
            N_("cannot read {spec}: unknown git revision {rev!r}"),
            hint=N_(
                "check the revision, e.g. with `git log --oneline`; HEAD, main, HEAD~1 "
                "and tags work"
            ),
            spec=spec,
            rev=rev,
        )
    kind = run("cat-file", "-t", spec)
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        raise UsageError(
            N_("cannot read {spec}: revision {rev!r} has no file {path!r}"),
            hint=N_(
                "the path after ':' is relative to the repository root, as in `git show`; "
                "write REV:./path for a path relative to the current folder"
            ),
            spec=spec,
            rev=rev,
            path=path,
        )
    shown = run("show", spec)
    if shown.returncode != 0:  # pragma: no cover - cat-file just found the blob
        message = shown.stderr.decode("utf-8", "replace").strip()
        raise UsageError(N_("cannot read {spec}: {detail}"), spec=spec, detail=message)
    if len(shown.stdout) > MAX_BYTES:
        raise UsageError(
            N_("{spec} is larger than {limit} bytes (10 MiB)"), spec=spec, limit=f"{MAX_BYTES:,}"
        )
    return shown.stdout
