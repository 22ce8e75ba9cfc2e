"""Excel workbooks (``--format xlsx``) of ``economy``, ``list`` and ``due``: :mod:`.book`
makes typed, inert, deterministic workbooks, :mod:`.views` fills them from the views."""

from __future__ import annotations

from iopctl.present.xlsx.views import due_workbook, economy_workbook, list_workbook

__all__ = ["due_workbook", "economy_workbook", "list_workbook"]
