"""A per-article time limit for the extractors, so one pathological article cannot hang a batch.

Uses SIGALRM, which exists on POSIX and works only in a process's main thread; elsewhere the
limit is off and extraction simply runs.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ExtractionTimeout(Exception):
    pass


def _raise(signum: int, frame: object) -> None:
    raise ExtractionTimeout


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout in the block after `seconds` (0 or less: no limit)."""
    usable = seconds > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
