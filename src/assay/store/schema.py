"""Table definitions for the store (SQLAlchemy Core, portable across SQLite and PostgreSQL).

Lists of spans and other nested values use the generic `JSON` type: TEXT on SQLite, `json` on
PostgreSQL. `extractions.payload` keeps what has no table of its own (quantities, times, places, events,
versions): the text is in `articles`, claims and entities are rows (store/payloads.py puts them together).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()
STORE_VERSION = 3  # bump when a table changes; an older store is migrated or rebuilt (store/sqlstore.py)

meta = Table(
    "meta", metadata,
    Column("key", String, primary_key=True),  # "store_version"
    Column("value", Text, nullable=False),
)

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
    Column("seq", Integer),  # the claim's place in its article
    Column("extractor", String),
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
    Column("seq", Integer),  # the entity's place in its article
    ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
    Index("ix_entities_entity_id", "entity_id"),
)

extractions = Table(
    "extractions", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("payload", JSON, nullable=False),  # Extraction.to_dict() less its text, claims and entities
)

# ---- the corpus pass (analyze/corpus.py): kept current by each ingest, rewritten by `assay rebuild`,
# ---- never edited by hand

copies = Table(
    "copies", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("original_id", String, nullable=False),  # the first article of its copy group (itself if none)
    Index("ix_copies_original_id", "original_id"),
)

def _store_entity_columns() -> list[Column]:
    """A store-wide entity: its id ("org:kr-nis", "person:yang-uk"), name, type, country, kind, aliases."""
    return [Column("id", String, primary_key=True), Column("name", Text, nullable=False),
            Column("type", String, nullable=False), Column("country", String), Column("kind", String),
            Column("aliases", JSON, nullable=False)]


sources = Table("sources", metadata, *_store_entity_columns())  # the entities graded claims cite

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


# ---- what each article contributes to the corpus pass, kept so an ingest touches only what is new

pending = Table(  # articles stored since the last corpus pass (a pass interrupted is finished by the next)
    "pending", metadata,
    Column("article_id", String, primary_key=True),
)

article_facts = Table(
    "article_facts", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("published", String),
    Column("outlet", String),
    Column("length", Integer, nullable=False),
    Column("minhash", LargeBinary),  # 128 x uint32; null for a text too short to compare
    Column("size", Integer, nullable=False),  # distinct shingles
    Column("terms", LargeBinary, nullable=False),  # uint32 hashes of names and figures
    Column("exact", LargeBinary),  # hash of the normalised words
    Column("day", Integer, nullable=False),
    Column("parties", JSON, nullable=False),  # countries party to the article's conflict events
    Index("ix_article_facts_exact", "exact"),
)

copy_bands = Table(  # LSH band keys: a new article's candidates are the stored articles sharing one
    "copy_bands", metadata,
    Column("key", BigInteger, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_copy_bands_article_id", "article_id"),
    sqlite_with_rowid=False,
)

entity_members = Table(
    "entity_members", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),  # the entity's place in its article: resolution runs in store order
    Column("facts", JSON, nullable=False),  # Member.to_dict()
    Column("person_key", JSON, nullable=False),  # sorted name words of a person, [] otherwise
    Column("global_id", String),
    Index("ix_entity_members_global_id", "global_id"),
)

entity_keys = Table(  # block keys: members sharing one can change each other's resolution
    "entity_keys", metadata,
    Column("key", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String, primary_key=True),
    Index("ix_entity_keys_article_id", "article_id"),
    sqlite_with_rowid=False,
)

global_entities = Table("global_entities", metadata, *_store_entity_columns())  # every resolved entity

claim_facts = Table(
    "claim_facts", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("facts", JSON, nullable=False),  # ClaimFacts: what grading reads of the claim itself
    Column("wording", Text, nullable=False),  # its words: a track record counts each wording once
    Column("origin", String, nullable=False),
    Column("grp", String, nullable=False),  # the original article of its copy group
    Column("source_id", String),
    Column("country", String),
    Column("agree", JSON, nullable=False),  # origins of the claims that corroborate it
    Column("contra", JSON, nullable=False),  # ... and that contradict it
    Index("ix_claim_facts_origin", "origin"),
)

claim_names = Table(  # names in comparable claims: who might corroborate or contradict whom
    "claim_names", metadata,
    Column("name", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String, primary_key=True),
    Index("ix_claim_names_article_id", "article_id"),
    sqlite_with_rowid=False,
)

series_points = Table(  # what each article adds to the estimate series: a figure's key, estimand head, point
    "series_points", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("key", String, nullable=False),
    Column("head", JSON, nullable=False),  # the figure's estimand, subject, main country and unit
    Column("point", JSON, nullable=False),  # SCHEMA section 3 point, with its grade and origin
    Index("ix_series_points_key", "key"),
)

series = Table(  # the stored series view: SCHEMA section 3 series, kept by the corpus pass
    "series", metadata,
    Column("id", String, primary_key=True),
    Column("key", String, nullable=False),  # the estimand key of the points it was assembled from
    Column("data", JSON, nullable=False),
    Index("ix_series_key", "key"),
)

event_rows = Table(  # each article's events as the listing shows them, with the key of the cluster each joins
    "event_rows", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("cluster_key", String, nullable=False),
    Column("data", JSON, nullable=False),
)

place_rows = Table(  # each article's places: how often it names each and in which forms
    "place_rows", metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String, primary_key=True),
    Column("data", JSON, nullable=False),
)
