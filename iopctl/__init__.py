"""iopctl: IOP agreements as version-controlled, validated YAML.

Imports nothing at package level so that ``iopctl --help`` starts fast.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
