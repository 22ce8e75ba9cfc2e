"""``python -m iopctl``: the same command line as the ``iopctl`` script."""

from __future__ import annotations

from iopctl.cli import main

main()
