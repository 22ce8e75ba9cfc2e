"""The floor: read and parse every ``*.yaml`` in a folder with PyYAML's C loader, nothing else.

No positions, no validation, no checks, no report: the least any YAML-based
validator has to do. ``python benchmarks/floor.py FOLDER``.
"""

from __future__ import annotations

import os
import sys

import yaml


def main(folder: str) -> int:
    loader = yaml.CSafeLoader
    count = 0
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, name), "rb") as fh:
            yaml.load(fh.read(), Loader=loader)
        count += 1
    sys.stdout.write(f"parsed {count} files\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
