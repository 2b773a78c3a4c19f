"""Store-wide views the store has no tables for (events, places, estimate series), cached per store state.

Events, places and quantities live only in each extraction's JSON payload. Building these views reads
every payload once (only the layers needed, never the article texts), so the result is kept in memory
and rebuilt only when the store's fingerprint (`Store.state()`: articles, last ingest, grades) changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from assay.analyze.estimates import build_series
from assay.analyze.events import event_rows
from assay.analyze.places import place_table
from assay.dates import iso_day
from assay.store import Store


def _events(store: Store) -> list[dict[str, Any]]:
    return event_rows(store.extraction_parts("events", "entities", "claims"))


def _places(store: Store) -> list[dict[str, Any]]:
    return place_table(store.extraction_parts("places"))


def _series(store: Store) -> list[dict[str, Any]]:
    exs = store.extraction_parts("quantities", "claims", "entities", "places")
    return build_series(exs, grades=store.grades(), copies=store.copies())


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


# ---- a small hand-drawn chart for a series: points (or ranges) over time, no chart library

CHART_W, CHART_H, PAD = 560, 170, 34


def _ordinal(value: str | None) -> int | None:
    d = iso_day(value)
    return d.toordinal() if d else None


def _span(p: dict[str, Any]) -> tuple[float, float] | None:
    lo = p["value"] if p["value"] is not None else p["low"]
    hi = p["value"] if p["value"] is not None else p["high"]
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else hi), (hi if hi is not None else lo)


def series_chart(series: dict[str, Any]) -> dict[str, Any] | None:
    """Coordinates for an SVG: one mark per dated point, a bar for a range, an arrow cap for "at least".
    None when fewer than two dated points (a table says it better)."""
    pts = [(d, s, p) for p in series["points"] if (d := _ordinal(p["date"])) is not None and (s := _span(p))]
    if len(pts) < 2:
        return None
    d0, d1 = min(d for d, _, _ in pts), max(d for d, _, _ in pts)
    top = max(s[1] for _, s, _ in pts) * 1.1 or 1.0

    def x(d: int) -> float:
        return PAD + (d - d0) / max(1, d1 - d0) * (CHART_W - 2 * PAD)

    def y(v: float) -> float:
        return CHART_H - PAD + 10 - v / top * (CHART_H - PAD - 10)

    marks = [{"x": round(x(d), 1), "y1": round(y(lo), 1), "y2": round(y(hi), 1), "open": p["bound"] == "at_least",
              "label": f"{p['date']}: {p['text']} ({p['source'] or 'author'})"} for d, (lo, hi), p in pts]
    ticks = [{"y": round(y(v), 1), "label": f"{v:,.0f}"} for v in (0, top / 2, top / 1.1)]
    return {"w": CHART_W, "h": CHART_H, "marks": marks, "ticks": ticks, "x0": PAD, "x1": CHART_W - PAD,
            "base": round(y(0), 1), "first": date.fromordinal(d0).isoformat(), "last": date.fromordinal(d1).isoformat()}
