"""Read-side queries over the store: the CLI's claim list and the dashboard's filtered pages.

Filtered in SQL, one page at a time, so the dashboard never loads a whole table.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select, tuple_

from assay.records import Extraction

from .pass_state import chunks
from .payloads import with_rows
from .schema import articles, claim_grades, claims, copies, entities, extractions, metadata, relations, sources

PARTS_CHUNK = 500  # extractions read at a time by extraction_parts
GRADE_COLUMNS = ("source_id", "origin", "grade", "reliability", "credibility", "reliability_reason",
                 "credibility_reason", "interested_party", "probability")


def claims_query(source: str | None, about: str | None, limit: int | None, grade: str | None = None) -> Any:
    ent = entities.alias("source_ent")
    source_name = func.coalesce(ent.c.name, claims.c.source_text).label("source_name")
    query = (
        select(claims, source_name, articles.c.outlet, articles.c.title, articles.c.published,
               *(claim_grades.c[c] for c in GRADE_COLUMNS))
        .join(articles, articles.c.id == claims.c.article_id)
        .outerjoin(ent, (ent.c.article_id == claims.c.article_id)
                   & (ent.c.entity_id == claims.c.source_entity))
        .outerjoin(claim_grades, (claim_grades.c.article_id == claims.c.article_id)
                   & (claim_grades.c.claim_id == claims.c.claim_id))
        .order_by(articles.c.published.asc().nulls_last(), claims.c.article_id, claims.c.cue_start)
    )
    if source:
        query = query.where(or_(ent.c.name.icontains(source, autoescape=True),
                                claims.c.source_text.icontains(source, autoescape=True),
                                claims.c.source_entity.icontains(source, autoescape=True)))
    if about:
        query = query.where(claims.c.content_text.icontains(about, autoescape=True))
    if grade:  # "B2" exactly, or a reliability letter ("B") or credibility digit ("2") alone
        g = grade.upper()
        query = query.where(claim_grades.c.grade == g if len(g) == 2 else
                            claim_grades.c.reliability == g if g.isalpha() else claim_grades.c.credibility == int(g))
    return query.limit(limit) if limit is not None else query


def _source_detail(rows: list[Any]) -> dict[str, Any]:
    """A source's reliability (as most of its claims have it), grades, outlets and independent origins."""
    grades: dict[str, int] = {}
    letters: dict[str, int] = {}
    for r in rows:
        grades[r.grade] = grades.get(r.grade, 0) + 1
        letters[r.reliability] = letters.get(r.reliability, 0) + 1
    usual = max(letters, key=lambda k: (letters[k], k))
    first = next(r for r in rows if r.reliability == usual)
    dates = [r.published for r in rows if r.published]
    return {"first_seen": min(dates, default=None), "last_seen": max(dates, default=None),
            "reliability": usual, "reliability_reason": first.reliability_reason,
            "grades": dict(sorted(grades.items())), "outlets": sorted({r.outlet for r in rows if r.outlet}),
            "origins": len({r.origin for r in rows}),
            "interested_party": next((r.interested_party for r in rows if r.interested_party), None)}


# ---- read-side queries for `assay serve` (report/serve.py): filtered in SQL, one page at a time

def _day_after(day: str) -> str:
    """The ISO day after `day`, so "published <= 2026-03-02" also keeps "2026-03-02T10:00"."""
    return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()


def _claims_filtered(q: str | None = None, source: str | None = None, grade: str | None = None,
                     outlet: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     source_id: str | None = None, article_id: str | None = None) -> Any:
    """The CLI's claim query plus the dashboard's filters, newest article first."""
    query = claims_query(source, q, None, grade).order_by(None).order_by(
        articles.c.published.desc().nulls_last(), claims.c.article_id, claims.c.cue_start)
    if outlet:
        query = query.where(articles.c.outlet == outlet)
    if date_from:
        query = query.where(articles.c.published >= date_from[:10])
    if date_to:
        query = query.where(articles.c.published < _day_after(date_to))
    if source_id:
        query = query.where(claim_grades.c.source_id == source_id)
    if article_id:
        query = query.where(claims.c.article_id == article_id)
    return query


def _page_count(conn: Connection, query: Any) -> int:
    return conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()


class StoreQueries:
    """Paginated, filtered reads; mixed into Store so the dashboard never loads a whole table."""

    engine: Engine

    def claims_page(self, limit: int = 50, offset: int = 0, **filters: str | None) -> tuple[int, list[dict[str, Any]]]:
        """(how many claims match, one page of them); filters: q (content), source, grade, outlet,
        date_from, date_to (article dates, inclusive), source_id (store-wide), article_id."""
        query = _claims_filtered(**filters)
        key = (claims.c.article_id, claims.c.claim_id)
        with self.engine.connect() as conn:
            total = _page_count(conn, query)
            # sort narrow keys first, then read the page's full rows: wide rows never go through the sort
            keys = conn.execute(query.with_only_columns(*key).limit(limit).offset(offset)).all()
            rows = [dict(r._mapping) for r in conn.execute(query.where(tuple_(*key).in_(keys)))] if keys else []
        return total, rows

    def sources_page(self, name: str | None = None, limit: int | None = 50,
                     offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """(how many sources match, one page of them (all for limit=None), most claims first, with their
        dates and grade details)."""
        g = claim_grades
        # rank on the narrow grade rows by source id alone; dates and details are read for the page's rows only
        tally = select(g.c.source_id, func.count().label("claims")).group_by(g.c.source_id).subquery()
        query = (select(sources, tally.c.claims).join(tally, tally.c.source_id == sources.c.id)
                 .order_by(tally.c.claims.desc(), sources.c.name))
        counted = select(sources.c.id)
        if name:
            match = or_(sources.c.name.icontains(name, autoescape=True), sources.c.id.icontains(name, autoescape=True))
            query, counted = query.where(match), counted.where(match)
        with self.engine.connect() as conn:
            total = _page_count(conn, counted)
            rows = [dict(r._mapping) for r in conn.execute(query.limit(limit).offset(offset))]
            details = self._source_grades(conn, [r["id"] for r in rows])
            for row in rows:
                row.update(details.get(row["id"], {"first_seen": None, "last_seen": None}))
        return total, rows

    def source(self, source_id: str) -> dict[str, Any] | None:
        """One store-wide source with claims, first and last seen, outlets, grades and reasons."""
        g = claim_grades
        query = (select(sources, func.count(g.c.claim_id).label("claims"))
                 .outerjoin(g, g.c.source_id == sources.c.id).where(sources.c.id == source_id).group_by(*sources.c))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
            if row is None:
                return None
            out = dict(row._mapping) | {"first_seen": None, "last_seen": None}
            out.update(self._source_grades(conn, [source_id]).get(source_id, {}))
            return out

    @staticmethod
    def _source_grades(conn: Connection, source_ids: list[str]) -> dict[str, dict[str, Any]]:
        """source id -> its dates and grade details, a query per few hundred sources (SQLite caps parameters)."""
        g, a = claim_grades, articles
        found: dict[str, list[Any]] = {}
        for start in range(0, len(source_ids), 500):
            for r in conn.execute(select(g.c.source_id, g.c.grade, g.c.reliability, g.c.reliability_reason,
                                         g.c.interested_party, g.c.origin, a.c.outlet, a.c.published)
                                  .join(a, a.c.id == g.c.article_id)
                                  .where(g.c.source_id.in_(source_ids[start:start + 500]))):
                found.setdefault(r.source_id, []).append(r)
        return {sid: _source_detail(rows) for sid, rows in found.items()}

    def outlets(self) -> list[tuple[str, int]]:
        """Each outlet with its article count, most articles first (an indexed GROUP BY)."""
        query = (select(articles.c.outlet, func.count()).where(articles.c.outlet.is_not(None))
                 .group_by(articles.c.outlet).order_by(func.count().desc(), articles.c.outlet))
        with self.engine.connect() as conn:
            return [(o, n) for o, n in conn.execute(query)]

    def article_grades(self, article_id: str) -> dict[str, dict[str, Any]]:
        """claim id -> its grade row, for one article."""
        with self.engine.connect() as conn:
            return {r.claim_id: dict(r._mapping) for r in
                    conn.execute(select(claim_grades).where(claim_grades.c.article_id == article_id))}

    def original_of(self, article_id: str) -> str | None:
        """The first article of this one's copy group, or None when it has no copy group row."""
        with self.engine.connect() as conn:
            return conn.execute(select(copies.c.original_id).where(copies.c.article_id == article_id)).scalar()

    def copies_of(self, original_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(copies.c.article_id).where(copies.c.original_id == original_id)
                                     .order_by(copies.c.article_id)).scalars())

    def state(self) -> tuple[Any, ...]:
        """A cheap fingerprint of the store (articles, last ingest, grades): derived caches key on it."""
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(
                select(func.count()).select_from(articles).scalar_subquery(),
                select(func.max(articles.c.ingested_at)).scalar_subquery(),
                select(func.count()).select_from(claim_grades).scalar_subquery(),
                select(func.count()).select_from(relations).scalar_subquery())).one())

    def extraction_parts(self, *layers: str) -> Iterator[Extraction]:
        """Every extraction with only `layers` (e.g. "events", "entities") and the article's fields but not its
        text: the payload's subfields are picked in SQL, so long texts are never parsed; claims and entities
        come from their rows."""
        cols = [extractions.c.payload[layer].label(layer) for layer in layers]
        a = articles
        query = (select(a.c.id, a.c.title, a.c.published, a.c.outlet, a.c.url, *cols)
                 .join(extractions, extractions.c.article_id == a.c.id).order_by(a.c.id))
        with self.engine.connect() as conn:
            for part in chunks(conn.execute(query), PARTS_CHUNK):
                payloads = []
                for row in part:
                    m = row._mapping
                    article = {"id": m["id"], "text": "", "title": m["title"], "published": m["published"],
                               "outlet": m["outlet"], "url": m["url"]}
                    payloads.append({"article": article, **{k: m[k] for k in layers if m[k] is not None}})
                for payload in with_rows(conn, payloads, layers):
                    yield Extraction.from_dict(payload)

    def table_counts(self) -> dict[str, int]:
        """Rows per table, for the dashboard's home page."""
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, claims, sources, claim_grades, relations)}

    def ensure_indexes(self) -> None:
        """Create indexes added to schema.py since the store was made (create_all skips existing tables)."""
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(self.engine, checkfirst=True)


