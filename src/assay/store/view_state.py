"""The views step's reads and writes: per-article point, event and place rows and the stored series view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, select

from assay.store.pass_state import chunks
from assay.store.schema import claim_grades, event_rows, place_rows, series, series_points

Row = tuple[str, int, str, dict[str, Any], dict[str, Any]]  # article id, seq, key, head, point


class ViewState:
    """What the series step reads and writes, on the pass's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def keys_of(self, articles: Iterable[str]) -> set[str]:
        c = series_points.c
        out: set[str] = set()
        for part in chunks(sorted(set(articles))):
            out |= set(self.conn.execute(select(c.key).where(c.article_id.in_(part))).scalars())
        return out

    def points_of(self, articles: Iterable[str]) -> dict[str, list[Row]]:
        """Stored point rows by article, in text order."""
        c = series_points.c
        out: dict[str, list[Row]] = defaultdict(list)
        for part in chunks(sorted(set(articles))):
            query = select(c.article_id, c.seq, c.key, c.head, c.point).where(c.article_id.in_(part))
            for r in self.conn.execute(query.order_by(c.article_id, c.seq)):
                out[r.article_id].append(tuple(r))
        return out

    def points_with(self, keys: Iterable[str]) -> list[Row]:
        """Every stored point row of these keys, in (article id, text) order."""
        c = series_points.c
        rows: list[Row] = []
        for part in chunks(sorted(set(keys))):
            rows += [tuple(r) for r in self.conn.execute(
                select(c.article_id, c.seq, c.key, c.head, c.point).where(c.key.in_(part)))]
        return sorted(rows, key=lambda r: (r[0], r[1]))

    def grades_of(self, articles: Iterable[str]) -> dict[tuple[str, str], dict[str, Any]]:
        c = claim_grades.c
        out = {}
        for part in chunks(sorted(set(articles))):
            for r in self.conn.execute(select(claim_grades).where(c.article_id.in_(part))):
                out[(r.article_id, r.claim_id)] = dict(r._mapping)
        return out

    def put_points(self, rows: list[dict[str, Any]], gone: Iterable[str]) -> None:
        for part in chunks(sorted(set(gone))):
            self.conn.execute(delete(series_points).where(series_points.c.article_id.in_(part)))
        if rows:
            self.conn.execute(series_points.insert(), rows)

    def put_series(self, keys: Iterable[str], rows: list[dict[str, Any]]) -> None:
        for part in chunks(sorted(set(keys))):
            self.conn.execute(delete(series).where(series.c.key.in_(part)))
        if rows:
            self.conn.execute(series.insert(), rows)

    def put_listings(self, events: list[dict[str, Any]], places: list[dict[str, Any]], gone: Iterable[str]) -> None:
        """Replace the event and place rows of the `gone` articles with these."""
        for table in (event_rows, place_rows):
            for part in chunks(sorted(set(gone))):
                self.conn.execute(delete(table).where(table.c.article_id.in_(part)))
        for table, rows in ((event_rows, events), (place_rows, places)):
            if rows:
                self.conn.execute(table.insert(), rows)
