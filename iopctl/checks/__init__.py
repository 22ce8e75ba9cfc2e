"""Domain checks beyond the schema, each with a stable code (``docs/diagnostics.md``).

A check declares the top-level fields it reads and runs only when all of them
validated, so a broken field never causes a cascade of follow-on errors; checks yield
diagnostics and never raise. By subject:

* :mod:`.parties` — organisationsnummer, the parties, references to them (IOP2xx);
* :mod:`.dates` — the period, the notice period, dates of records (IOP2xx);
* :mod:`.money` — sums, indexation, the base year (IOP2xx);
* :mod:`.completeness` — what an active agreement must and should state (IOP3xx);
* :mod:`.repository` — across files (IOP4xx).

:mod:`.context` says what a check is; :mod:`.run` lists every check in run order
(:data:`CHECKS`) and runs them (:func:`run_checks`); :mod:`.validate` is the entry of
every command that reads agreements.
"""

from __future__ import annotations

from iopctl.checks.repository import check_repository
from iopctl.checks.run import CHECKS, DEFAULT_INDICES, run_checks

__all__ = ["CHECKS", "DEFAULT_INDICES", "check_repository", "run_checks"]
