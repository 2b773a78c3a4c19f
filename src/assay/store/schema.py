"""Table definitions for the store (SQLAlchemy Core, portable across SQLite and PostgreSQL).

Lists of spans and other nested values use the generic `JSON` type: TEXT on SQLite, `json` on
PostgreSQL. `extractions.payload` keeps the whole `Extraction.to_dict()` so that layers without
tables of their own yet (quantities, times, places, events) are never lost.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("title", Text),
    Column("published", String),  # ISO 8601 date or datetime, as given
    Column("outlet", String),
    Column("url", Text),
    Column("author", Text),
    Column("language", String, nullable=False, default="en"),
    Column("text", Text, nullable=False),
    Column("extractors", JSON, nullable=False),  # {"claims": "assay.claims.v1", ...}
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_outlet", "outlet"),
    Index("ix_articles_ingested_at", "ingested_at"),  # Store.state(): the dashboard's cache key
)

claims = Table(
    "claims", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String, primary_key=True),
    Column("source_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_entity", String),
    Column("source_kind", String, nullable=False),
    Column("cue_text", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("cue_class", String, nullable=False),
    Column("content_text", Text, nullable=False),  # content spans' texts joined with " … "
    Column("content", JSON, nullable=False),  # [Span]
    Column("kind", String, nullable=False),
    Column("modality", String, nullable=False),
    Column("hedges", JSON, nullable=False),  # [Span]
    Column("stated_on", String),
    Column("nested_in", String),
    Index("ix_claims_article_id", "article_id"),
    Index("ix_claims_source_entity", "source_entity"),
)

entities = Table(
    "entities", metadata,
    Column("article_id", String, primary_key=True),
    Column("entity_id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("country", String),
    Column("mentions", JSON, nullable=False),  # [Span]
    ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
    Index("ix_entities_entity_id", "entity_id"),
)

extractions = Table(
    "extractions", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("payload", JSON, nullable=False),  # Extraction.to_dict()
)

# ---- the corpus pass (analyze/corpus.py): rewritten whole after each ingest, never edited by hand

copies = Table(
    "copies", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String, nullable=False),  # the first article of its copy group (itself if none)
    Index("ix_copies_original_id", "original_id"),
)

sources = Table(
    "sources", metadata,
    Column("id", String, primary_key=True),  # store-wide entity id ("org:kr-nis", "person:yang-uk")
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("country", String),
    Column("kind", String),
    Column("aliases", JSON, nullable=False),
)

claim_grades = Table(
    "claim_grades", metadata,
    Column("article_id", String, primary_key=True),
    Column("claim_id", String, primary_key=True),
    Column("source_id", String),  # sources.id
    Column("origin", String, nullable=False),
    Column("grade", String(2), nullable=False),  # Admiralty code, e.g. "B2"
    Column("reliability", String(1), nullable=False),
    Column("credibility", Integer, nullable=False),
    Column("reliability_reason", Text, nullable=False),
    Column("credibility_reason", Text, nullable=False),
    Column("interested_party", String),
    Column("probability", String),
    ForeignKeyConstraint(["article_id", "claim_id"], ["claims.article_id", "claims.claim_id"], ondelete="CASCADE"),
    Index("ix_claim_grades_source_id", "source_id"),
    Index("ix_claim_grades_grade", "grade"),
)

relations = Table(
    "relations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String, nullable=False),  # corroborates | contradicts
    Column("a_article", String, nullable=False),
    Column("a_claim", String, nullable=False),
    Column("b_article", String, nullable=False),
    Column("b_claim", String, nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_relations_a", "a_article", "a_claim"),
    Index("ix_relations_b", "b_article", "b_claim"),
)
