"""How much time and memory rendering may take: per document and per run.

Templates (``--template-dir``) and agreement texts come from pull requests, and both can
be written to take for ever: nested loops, recursion, ``'x' * 2000000000``, Markdown that
sends pandoc past 22 GB. Every render therefore has

* a **time limit per document** for the template (:data:`TEMPLATE_SECONDS`) and for
  pandoc (:data:`PANDOC_SECONDS`),
* a **time limit per run** for all of it together (:data:`RUN_SECONDS`, and
  :data:`STEP_SECONDS` more for each step), so that a thousand documents just under the
  per-document limit cannot take hours either,
* a **memory limit for pandoc** (:data:`PANDOC_MEMORY`, given to its runtime as
  ``+RTS -M…``) and **size limits** on what a template builds
  (:mod:`iopctl.documents.sandbox`).

Exceeding a limit is an error that names the document (exit 1), never a hang.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from iopctl.errors import IopctlError
from iopctl.i18n import N_, Words

__all__ = [
    "PANDOC_MEMORY",
    "PANDOC_SECONDS",
    "RUN_SECONDS",
    "STEP_SECONDS",
    "TEMPLATE_SECONDS",
    "Budget",
    "TimeUp",
    "time_limit",
]

TEMPLATE_SECONDS = 10.0
"""Wall-clock seconds one template may run for one document (the bundled ones take 10 ms)."""

PANDOC_SECONDS = 30.0
"""Seconds pandoc may take for one document (the bundled agreements take 0.2 s)."""

PANDOC_MEMORY = "512m"
"""pandoc's heap limit (``+RTS -M512m``): a document of 4 MB of Markdown fits."""

RUN_SECONDS = 600.0
"""Seconds one ``iopctl render`` may spend in templates and pandoc together, and more
for many documents (:data:`STEP_SECONDS`)."""

STEP_SECONDS = 0.25
"""What each step (a template, a pandoc conversion) adds to :data:`RUN_SECONDS`: a
folder of 100 000 agreements (a few milliseconds each) fits, with reading and writing
(issue #17), while a thousand documents just under the per-document limit still stop
after a quarter of an hour, not hours."""


class TimeUp(Exception):
    """A time limit ran out (raised inside the code that ran over)."""


@dataclass
class Budget:
    """The time one run has left; every document's limit is capped by it."""

    seconds: float = field(default_factory=lambda: RUN_SECONDS)
    started: float = field(default_factory=time.monotonic)

    granted: float = 0.0
    """What the steps so far added to :attr:`seconds` (:data:`STEP_SECONDS` each)."""

    def allow(self, per_document: float, what: Words) -> float:
        """Seconds the next step may take; an error when the run has none left. Each step
        then adds :data:`STEP_SECONDS` to the run's time."""
        total = self.seconds + self.granted
        left = total - (time.monotonic() - self.started)
        self.granted += STEP_SECONDS
        if left <= 0:
            raise IopctlError(
                N_("rendering stopped: this run has used its {seconds} s (before {what})"),
                hint=N_(
                    "render fewer agreements at a time, or look for a template or text that "
                    "takes unusually long"
                ),
                seconds=f"{total:.0f}",
                what=what,
            )
        return min(per_document, left)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeUp` inside the block when it runs longer than ``seconds``.

    On POSIX, in the main thread, a ``SIGALRM`` timer interrupts Python code wherever it
    is; elsewhere a watchdog thread interrupts the main thread (as Ctrl-C would). A block
    that is not in the main thread runs without a limit.
    """
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return
    if hasattr(signal, "setitimer"):

        def alarm(signum: int, frame: object) -> None:
            raise TimeUp(f"took more than {seconds:g} s")

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    import _thread  # pragma: no cover - Windows

    fired = threading.Event()  # pragma: no cover

    def interrupt() -> None:  # pragma: no cover
        fired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)  # pragma: no cover
    timer.start()  # pragma: no cover
    try:  # pragma: no cover
        yield
    except KeyboardInterrupt:  # pragma: no cover
        if fired.is_set():
            raise TimeUp(f"took more than {seconds:g} s") from None
        raise
    finally:  # pragma: no cover
        timer.cancel()
