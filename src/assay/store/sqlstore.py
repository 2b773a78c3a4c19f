"""The store: articles, claims, entities and full extraction payloads behind one small interface.

SQLAlchemy Core only, and only portable SQL, so `postgresql://...` can replace the default
`sqlite:///assay.db` later. SQLite gets WAL journal mode and foreign keys on every connection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, or_, select, tuple_, update
from sqlalchemy.engine import make_url

from assay.records import Article, Claim, Entity, Extraction

from .schema import articles, claim_grades, claims, copies, entities, extractions, metadata, relations, sources

DEFAULT_URL = "sqlite:///assay.db"
CONTENT_JOIN = " … "


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _check_sqlite_path(database: str | None) -> None:
    """A file database needs an existing directory; say which one is missing."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    parent = Path(database).expanduser().resolve().parent
    if not parent.is_dir():
        raise ValueError(f"store directory does not exist: {parent} (for database {database})")


def _make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url)
    _check_sqlite_path(parsed.database)
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _span_cols(prefix: str, span: Any) -> dict[str, Any]:
    return {f"{prefix}_text": span.text if span else None,
            f"{prefix}_start": span.start if span else None,
            f"{prefix}_end": span.end if span else None}


def _article_row(article: Article, extractors: dict[str, str]) -> dict[str, Any]:
    row = article.to_dict()
    row.update(language=article.language or "en", extractors=dict(extractors),
               ingested_at=datetime.now(UTC))
    return row


def _claim_row(article_id: str, claim: Claim) -> dict[str, Any]:
    return {
        "article_id": article_id, "claim_id": claim.id,
        **_span_cols("source", claim.source), **_span_cols("cue", claim.cue),
        "source_entity": claim.source_entity, "source_kind": claim.source_kind,
        "cue_class": claim.cue_class,
        "content_text": CONTENT_JOIN.join(s.text for s in claim.content),
        "content": [s.to_dict() for s in claim.content],
        "kind": claim.kind, "modality": claim.modality,
        "hedges": [s.to_dict() for s in claim.hedges],
        "stated_on": claim.stated_on, "nested_in": claim.nested_in,
    }


def _entity_row(article_id: str, entity: Entity) -> dict[str, Any]:
    return {"article_id": article_id, "entity_id": entity.id, "name": entity.name, "type": entity.type,
            "country": entity.country, "mentions": [m.to_dict() for m in entity.mentions]}


def _write(conn: Connection, extraction: Extraction) -> None:
    """Upsert the article row; replace its claims, entities and payload (delete, then insert)."""
    aid = extraction.article.id
    row = _article_row(extraction.article, extraction.extractors)
    if conn.execute(update(articles).where(articles.c.id == aid).values(row)).rowcount == 0:
        conn.execute(insert(articles).values(row))
    for table in (claims, entities, extractions):
        conn.execute(delete(table).where(table.c.article_id == aid))
    if extraction.claims:
        conn.execute(insert(claims), [_claim_row(aid, c) for c in extraction.claims])
    if extraction.entities:
        conn.execute(insert(entities), [_entity_row(aid, e) for e in extraction.entities])
    conn.execute(insert(extractions).values(article_id=aid, payload=extraction.to_dict()))


GRADE_COLUMNS = ("source_id", "origin", "grade", "reliability", "credibility", "reliability_reason",
                 "credibility_reason", "interested_party", "probability")


def _claims_query(source: str | None, about: str | None, limit: int | None, grade: str | None = None) -> Any:
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
    query = _claims_query(source, q, None, grade).order_by(None).order_by(
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
        """Every extraction with only `layers` of its payload (e.g. "events", "entities") and the article's
        fields but not its text: the JSON subfields are picked in SQL, so long texts are never parsed."""
        cols = [extractions.c.payload[layer].label(layer) for layer in layers]
        a = articles
        query = (select(a.c.id, a.c.title, a.c.published, a.c.outlet, a.c.url, *cols)
                 .join(extractions, extractions.c.article_id == a.c.id).order_by(a.c.id))
        with self.engine.connect() as conn:
            for row in conn.execution_options(stream_results=True).execute(query):
                m = row._mapping
                article = {"id": m["id"], "text": "", "title": m["title"], "published": m["published"],
                           "outlet": m["outlet"], "url": m["url"]}
                yield Extraction.from_dict({"article": article, **{k: m[k] or [] for k in layers}})

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


class Store(StoreQueries):
    """Per-article results on disk (or in a server), read back for the corpus-wide layers and the CLI."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def needs_extraction(self, article: Article, extractors: dict[str, str]) -> bool:
        """True if the article is unknown, its text changed, or a current extractor's version differs.

        An extractor stored earlier but no longer run does not force a re-extraction.
        """
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.sha256, articles.c.extractors)
                               .where(articles.c.id == article.id)).first()
        if row is None or row.sha256 != article.sha256:
            return True
        stored = row.extractors or {}
        return any(stored.get(name) != version for name, version in extractors.items())

    def save(self, extraction: Extraction) -> None:
        """Store one extraction in one transaction; saving it again changes nothing."""
        with self.engine.begin() as conn:
            _write(conn, extraction)

    def save_many(self, extractions: Iterable[Extraction]) -> int:
        """Store many extractions in one transaction; return how many were stored."""
        n = 0
        with self.engine.begin() as conn:
            for extraction in extractions:
                _write(conn, extraction)
                n += 1
        return n

    def claims(self, source: str | None = None, about: str | None = None,
               limit: int | None = None, grade: str | None = None) -> list[dict[str, Any]]:
        """Claims with their resolved source name and article fields, oldest article first.

        `source` matches (case-insensitively, as a substring) the resolved entity name, the source as
        written, or the entity id; `about` matches the claim's content text.
        """
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(_claims_query(source, about, limit, grade))]

    def extraction(self, article_id: str) -> Extraction | None:
        """The full extraction stored for an article, or None if there is none."""
        with self.engine.connect() as conn:
            payload = conn.execute(select(extractions.c.payload)
                                   .where(extractions.c.article_id == article_id)).scalar()
        return Extraction.from_dict(payload) if payload is not None else None

    def extractions(self) -> Iterator[Extraction]:
        """Every stored extraction, streamed in article-id order (for corpus-wide analysis)."""
        with self.engine.connect() as conn:
            rows = conn.execution_options(stream_results=True).execute(
                select(extractions.c.payload).order_by(extractions.c.article_id))
            for (payload,) in rows:
                yield Extraction.from_dict(payload)

    def save_analysis(self, copy_of: dict[str, str], source_rows: list[dict[str, Any]],
                      grade_rows: list[dict[str, Any]], relation_rows: list[dict[str, Any]]) -> None:
        """Replace the corpus pass's tables in one transaction (they are derived, never edited)."""
        with self.engine.begin() as conn:
            for table in (relations, claim_grades, sources, copies):
                conn.execute(delete(table))
            known = set(conn.execute(select(articles.c.id)).scalars())
            rows = [{"article_id": a, "original_id": o} for a, o in copy_of.items() if a in known]
            for table, data in ((copies, rows), (sources, source_rows), (claim_grades, grade_rows),
                                (relations, relation_rows)):
                if data:
                    conn.execute(insert(table), data)

    def grades(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(article id, claim id) -> the claim's grade row."""
        with self.engine.connect() as conn:
            return {(r.article_id, r.claim_id): dict(r._mapping) for r in conn.execute(select(claim_grades))}

    def copies(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return {r.article_id: r.original_id for r in conn.execute(select(copies))}

    def relations(self, kind: str | None = None) -> list[dict[str, Any]]:
        query = select(relations).order_by(relations.c.id)
        if kind:
            query = query.where(relations.c.kind == kind)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(articles.c.id).order_by(articles.c.id)).scalars())

    def count(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, claims, entities)}

    def graded(self) -> int:
        """How many claims carry a grade (fewer than the claims: the corpus pass has not run since)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(claim_grades)).scalar_one()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_store(url: str = DEFAULT_URL) -> Store:
    """Open (and create the tables of) the store at a SQLAlchemy URL, e.g. `sqlite:///assay.db`."""
    return Store(_make_engine(url))

