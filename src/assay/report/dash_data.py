"""Store-wide views the store has no tables for (events, places, estimate series), cached per store state.

Events, places and quantities live only in each extraction's JSON payload. Building these views reads
every payload once (only the layers needed, never the article texts), so the result is kept in memory
and rebuilt only when the store's fingerprint (`Store.state()`: articles, last ingest, grades) changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assay.analyze.estimates import series_order
from assay.analyze.events import list_events
from assay.analyze.places import combine_places
from assay.store import Store


def _events(store: Store) -> list[dict[str, Any]]:
    return list_events(store.event_rows())  # the stored view the corpus pass keeps


def _places(store: Store) -> list[dict[str, Any]]:
    return combine_places(store.place_rows())


def _series(store: Store) -> list[dict[str, Any]]:
    return series_order(store.series())  # the stored view the corpus pass keeps


BUILDERS: dict[str, Callable[[Store], list[dict[str, Any]]]] = {
    "events": _events, "places": _places, "series": _series}


@dataclass
class Cached:
    state: tuple[Any, ...]
    rows: list[dict[str, Any]]


class DerivedViews:
    """events / places / series for the current store state; one build at a time per view."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, Cached] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> list[dict[str, Any]]:
        state = self.store.state()
        hit = self._cache.get(name)
        if hit is not None and hit.state == state:
            return hit.rows
        with self._lock:  # a second request waits for the first build instead of repeating it
            hit = self._cache.get(name)
            if hit is None or hit.state != state:
                hit = Cached(state, BUILDERS[name](self.store))
                self._cache[name] = hit
            return hit.rows

    def build_all(self) -> None:
        """Build every view now (in a background thread at startup) so the first visit is fast."""
        for name in BUILDERS:
            self.get(name)

    def warm(self, name: str) -> bool:
        """Whether a view is built for the current state (the home page shows its count only then)."""
        hit = self._cache.get(name)
        return hit is not None and hit.state == self.store.state()
