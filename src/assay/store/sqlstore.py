"""The store: articles, claims, entities and extraction payloads behind one small interface.

SQLAlchemy Core only, and only portable SQL, so `postgresql://...` can replace the default
`sqlite:///assay.db`. SQLite gets WAL journal mode and foreign keys on every connection. An article's text is
stored once, in `articles`; the payload holds the rest of its extraction. The store's version is kept in
`meta`: a store made by an older assay gets its new tables and asks for `assay rebuild` once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, inspect, select, update
from sqlalchemy.engine import make_url

from assay.records import Article, Extraction

from .pass_state import chunks
from .payloads import add_new_columns, claim_row, entity_row, payload_of, point_ref, series_from_row, with_rows
from .queries import StoreQueries, claims_query
from .schema import (
    STORE_VERSION,
    articles,
    claim_grades,
    claims,
    copies,
    entities,
    extractions,
    meta,
    metadata,
    pending,
    relations,
    series_points,
)
from .schema import event_rows as event_rows_table
from .schema import place_rows as place_rows_table
from .schema import series as series_table

DEFAULT_URL = "sqlite:///assay.db"
READ_CHUNK = 500  # extractions read at a time: their claims and entities come in one query per chunk


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


def _article_row(article: Article, extractors: dict[str, str]) -> dict[str, Any]:
    row = article.to_dict()
    row.update(language=article.language or "en", extractors=dict(extractors),
               ingested_at=datetime.now(UTC))
    return row


def _write(conn: Connection, extraction: Extraction) -> None:
    """Upsert the article row; replace its claims, entities and payload (delete, then insert)."""
    aid = extraction.article.id
    row = _article_row(extraction.article, extraction.extractors)
    if conn.execute(update(articles).where(articles.c.id == aid).values(row)).rowcount == 0:
        conn.execute(insert(articles).values(row))
    for table in (claims, entities, extractions):
        conn.execute(delete(table).where(table.c.article_id == aid))
    if extraction.claims:
        conn.execute(insert(claims), [claim_row(aid, n, c) for n, c in enumerate(extraction.claims)])
    if extraction.entities:
        conn.execute(insert(entities), [entity_row(aid, n, e) for n, e in enumerate(extraction.entities)])
    conn.execute(insert(extractions).values(article_id=aid, payload=payload_of(extraction)))
    if conn.execute(select(pending.c.article_id).where(pending.c.article_id == aid)).first() is None:
        conn.execute(insert(pending).values(article_id=aid))


class StoreTooNew(ValueError):
    """The store was made by a newer assay."""


class Store(StoreQueries):
    """Per-article results on disk (or in a server), read back for the corpus-wide layers and the CLI."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        with engine.begin() as conn:
            had_articles = inspect(conn).has_table("articles")
            metadata.create_all(conn)
            add_new_columns(conn)
            version = conn.execute(select(meta.c.value).where(meta.c.key == "store_version")).scalar()
            if version is not None and int(version) > STORE_VERSION:
                raise StoreTooNew(f"this store was made by a newer assay (store version {version}; this assay "
                                  f"reads {STORE_VERSION}): upgrade assay to use it")
            # an older store has its new tables now, empty: the corpus pass must run over it once
            older = version is None or int(version) < STORE_VERSION
            self.stale = older and had_articles and _any(conn, articles)
            if older and not self.stale:
                _stamp(conn)

    def mark_rebuilt(self) -> None:
        """Record that the corpus pass's tables are complete for this version (after a rebuild)."""
        with self.engine.begin() as conn:
            _stamp(conn)
        self.stale = False

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
        self.save_many([extraction])

    def save_many(self, extractions: Iterable[Extraction]) -> int:
        """Store many extractions in one transaction, marked for the next corpus pass; how many were stored."""
        n = 0
        with self.engine.begin() as conn:
            for extraction in extractions:
                _write(conn, extraction)
                n += 1
        return n

    def delete_articles(self, ids: Iterable[str], conn: Connection | None = None) -> int:
        """Take articles out with everything stored for them (the corpus pass's rows go by cascade)."""
        ids = sorted(set(ids))
        with _connection(self.engine, conn) as c:
            for part in chunks(ids):
                r = relations.c
                c.execute(delete(relations).where(r.a_article.in_(part) | r.b_article.in_(part)))
                for table in (claim_grades, pending):
                    c.execute(delete(table).where(table.c.article_id.in_(part)))
                c.execute(delete(articles).where(articles.c.id.in_(part)))
        return len(ids)

    def known(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` that are stored."""
        with self.engine.connect() as conn:
            return {i for part in chunks(sorted(set(ids)))
                    for i in conn.execute(select(articles.c.id).where(articles.c.id.in_(part))).scalars()}

    def claims(self, source: str | None = None, about: str | None = None,
               limit: int | None = None, grade: str | None = None) -> list[dict[str, Any]]:
        """Claims with their resolved source name and article fields, oldest article first.

        `source` matches (case-insensitively, as a substring) the resolved entity name, the source as
        written, or the entity id; `about` matches the claim's content text. Each row's `id` is the claim's
        stable id, "ARTICLE_ID/CLAIM_ID": it survives re-ingests, removals of other articles and rebuilds.
        """
        with self.engine.connect() as conn:
            rows = conn.execute(claims_query(source, about, limit, grade))
            return [{"id": f"{r.article_id}/{r.claim_id}", **r._mapping} for r in rows]

    def extraction(self, article_id: str) -> Extraction | None:
        """The full extraction stored for an article, or None if there is none."""
        return next(iter(self.extractions_of([article_id])), None)

    def extractions(self, conn: Connection | None = None) -> Iterator[Extraction]:
        """Every stored extraction, in article-id order, read a chunk at a time (for corpus-wide analysis)."""
        with _connection(self.engine, conn) as c:
            ids = list(c.execute(select(extractions.c.article_id).order_by(extractions.c.article_id)).scalars())
            yield from self.extractions_of(ids, c)

    def extractions_of(self, ids: Iterable[str], conn: Connection | None = None) -> Iterator[Extraction]:
        """The stored extractions of these articles, in article-id order."""
        ids = sorted(set(ids))
        with _connection(self.engine, conn) as c:
            for part in chunks(ids, READ_CHUNK):
                query = _payloads().where(articles.c.id.in_(part)).order_by(articles.c.id)
                payloads = [{**payload, "article": {**payload["article"], "text": text}}
                            for payload, text in c.execute(query).all()]
                for payload in with_rows(c, payloads):
                    yield Extraction.from_dict(payload)

    def grades(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(article id, claim id) -> the claim's grade row."""
        with self.engine.connect() as conn:
            return {(r.article_id, r.claim_id): dict(r._mapping) for r in conn.execute(select(claim_grades))}

    def layer_versions(self, layer: str) -> Counter[str | None]:
        """How many stored articles each version of an extractor layer made ("quantities" -> versions)."""
        with self.engine.connect() as conn:
            return Counter((r or {}).get(layer) for r in conn.execute(select(articles.c.extractors)).scalars())

    def event_rows(self) -> list[dict[str, Any]]:
        """Every article's stored event rows, in (article id, event) order."""
        c = event_rows_table.c
        with self.engine.connect() as conn:
            return [r.data for r in conn.execute(select(c.data).order_by(c.article_id, c.seq))]

    def place_rows(self) -> list[dict[str, Any]]:
        """Every article's stored place rows, in article-id order."""
        c = place_rows_table.c
        with self.engine.connect() as conn:
            return [r.data for r in conn.execute(select(c.data).order_by(c.article_id, c.key))]

    def series(self) -> list[dict[str, Any]]:
        """The stored series view (SCHEMA section 3), in no particular order."""
        with self.engine.connect() as conn:
            points = {tuple(point_ref(p)): p for p in conn.execute(select(series_points.c.point)).scalars()}
            return [series_from_row(data, points) for data in conn.execute(select(series_table.c.data)).scalars()]

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

    def pending(self) -> int:
        """How many stored articles wait for the corpus pass (an ingest stopped before it ran)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(pending)).scalar_one()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _any(conn: Connection, table: Any) -> bool:
    return conn.execute(select(table.c[next(iter(table.c.keys()))]).limit(1)).first() is not None


def _stamp(conn: Connection) -> None:
    conn.execute(delete(meta).where(meta.c.key == "store_version"))
    conn.execute(insert(meta).values(key="store_version", value=str(STORE_VERSION)))


@contextmanager
def _connection(engine: Engine, conn: Connection | None) -> Iterator[Connection]:
    """The caller's connection (inside its transaction), else a new one for reading."""
    if conn is not None:
        yield conn
        return
    with engine.connect() as own:
        yield own


def _payloads() -> Any:
    return select(extractions.c.payload, articles.c.text).join(articles, articles.c.id == extractions.c.article_id)


def open_store(url: str = DEFAULT_URL) -> Store:
    """Open (and create the tables of) the store at a SQLAlchemy URL, e.g. `sqlite:///assay.db`."""
    return Store(_make_engine(url))
