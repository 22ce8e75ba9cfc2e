"""Where iopctl is installed from: a source that exists on the day ``iopctl init`` runs.

A new repository's README and CI must install the iopctl its author uses, from
somewhere that exists. The installed package says where it came from (PEP 610's
``direct_url.json``): a git commit or an archive address is pinned as it is, an install
from a package index is pinned by version, and an install from a folder on this
computer is named by its path — which a person on this computer can install from, but
a CI runner cannot reach, so ``init`` writes no CI files for it rather than files that
fail.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlparse

from iopctl.frozen import frozen

__all__ = ["Source", "ci_source", "installed_source", "plain_requirement"]

# A pip requirement as it goes, quoted, into YAML and a shell line: no quotes,
# backslashes, dollar signs or newlines that would change what the files mean.
_SAFE = re.compile(r"[A-Za-z0-9 _.,:;/@+=<>!~%#?&\[\]()-]+")


@frozen
class Source:
    """What ``pip install`` is given to get this iopctl, and whether CI can reach it."""

    requirement: str
    reachable: bool


def ci_source(direct_url: str | None, version: str) -> Source | None:
    """The source of what was installed, described by ``direct_url`` (the text of
    ``direct_url.json``, ``None`` for an install from an index); ``None`` when unknown."""
    if direct_url is None:
        return Source(f"iopctl=={version}", reachable=True)
    try:
        data = json.loads(direct_url)
    except ValueError:
        return None
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str):
        return None
    if url.startswith("file://"):
        return Source(unquote(urlparse(url).path), reachable=False)
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id")
        if vcs.get("vcs") != "git" or not isinstance(commit, str):
            return None
        return Source(f"iopctl @ git+{url}@{commit}", reachable=True)
    return Source(f"iopctl @ {url}", reachable=url.startswith(("https://", "http://")))


def installed_source() -> Source | None:
    """:func:`ci_source` of the running iopctl."""
    from importlib import metadata

    from iopctl import __version__

    try:
        direct_url = metadata.distribution("iopctl").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return ci_source(direct_url, __version__)


def plain_requirement(spec: str) -> bool:
    """Whether ``spec`` can go, quoted, into the written files as one pip requirement."""
    return bool(_SAFE.fullmatch(spec))
