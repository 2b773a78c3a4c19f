"""The views step's reads and writes: per-article point, event and place rows and the stored series view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from assay.store.pass_state import PassState
from assay.store.schema import claim_grades, event_rows, place_rows, series, series_points

Row = tuple[str, int, str, dict[str, Any], dict[str, Any]]  # article id, seq, key, head, point
_POINT = select(series_points.c.article_id, series_points.c.seq, series_points.c.key, series_points.c.head,
                series_points.c.point)


class ViewState(PassState):
    """What the views step reads and writes, on the pass's connection (chunked as the pass's other reads)."""

    def keys_of(self, articles: Iterable[str]) -> set[str]:
        c = series_points.c
        return {r.key for r in self._rows(select(c.key), c.article_id, articles)}

    def points_of(self, articles: Iterable[str]) -> dict[str, list[Row]]:
        """Stored point rows by article, in text order."""
        out: dict[str, list[Row]] = defaultdict(list)
        for r in sorted(self._rows(_POINT, series_points.c.article_id, articles), key=lambda r: (r[0], r[1])):
            out[r.article_id].append(tuple(r))
        return out

    def points_with(self, keys: Iterable[str]) -> list[Row]:
        """Every stored point row of these keys, in (article id, text) order."""
        return sorted((tuple(r) for r in self._rows(_POINT, series_points.c.key, keys)), key=lambda r: (r[0], r[1]))

    def grades_of(self, articles: Iterable[str]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(r.article_id, r.claim_id): dict(r._mapping)
                for r in self._rows(select(claim_grades), claim_grades.c.article_id, articles)}

    def put_points(self, rows: list[dict[str, Any]], gone: Iterable[str]) -> None:
        self._delete(series_points, series_points.c.article_id, gone)
        self._insert(series_points, rows)

    def put_series(self, keys: Iterable[str], rows: list[dict[str, Any]]) -> None:
        self._delete(series, series.c.key, keys)
        self._insert(series, rows)

    def put_listings(self, events: list[dict[str, Any]], places: list[dict[str, Any]], gone: Iterable[str]) -> None:
        """Replace the event and place rows of the `gone` articles with these."""
        for table, rows in ((event_rows, events), (place_rows, places)):
            self._delete(table, table.c.article_id, gone)
            self._insert(table, rows)
