from __future__ import annotations

from iopctl.cli import main

main()
