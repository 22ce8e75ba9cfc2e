"""The disk's floor for ``render --out``: one new file per agreement, nothing else.

Each ``*.yaml`` in FOLDER is read and its bytes written to ``OUT/<name>.md`` the way
iopctl writes a document (``iopctl.atomic``: a temporary file beside the target, made
by ``tempfile.mkstemp`` and given a new file's mode, renamed into place; no fsync).
No parsing, no template: what any tool that writes one document per agreement pays
the file system.
``python benchmarks/disk.py FOLDER OUT``.
"""

from __future__ import annotations

import os
import sys
import tempfile


def main(folder: str, out: str) -> int:
    os.makedirs(out, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask
    count = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, name), "rb") as fh:
            data = fh.read()
        target = os.path.join(out, os.path.splitext(name)[0] + ".md")
        fd, temporary = tempfile.mkstemp(dir=out, prefix=f".{os.path.basename(target)}.")
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        count += 1
    sys.stdout.write(f"wrote {count} files\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
