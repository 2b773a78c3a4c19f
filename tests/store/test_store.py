"""The store, on SQLite files in tmp_path. Articles are invented for these tests (fictional places)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from assay.records import Article, Claim, Entity, Extraction, Quantity, Span, derive_article_id
from assay.store import Store, open_store

TEXT_A = (
    "KERVANI, Ostrelia (Harbor Wire) - The Ostrelian Defence Ministry said on Tuesday that at least 400 "
    "border guards had been moved to the northern province of Valdis. \"We are ready for any "
    "provocation,\" Colonel Mira Dashenko told reporters in Kervani. She said the deployment could "
    "grow if tensions along the river persist.\n"
)
TEXT_B = (
    "Officials in Port Ambry said fishing boats had been turned back from the disputed shoals for a "
    "third day. Reports that a patrol vessel ran aground could not be confirmed.\n"
)
EXTRACTORS = {"claims": "assay.claims.v1", "entities": "assay.entities.v1"}


def sp(text_: str, phrase: str, nth: int = 1) -> Span:
    """The span of the nth occurrence of phrase in text_."""
    start = -1
    for _ in range(nth):
        start = text_.index(phrase, start + 1)
    return Span.of(text_, start, start + len(phrase))


def extraction_a(outlet: str = "Harbor Wire", published: str | None = "2031-03-04",
                 article_text: str = TEXT_A, extractors: dict[str, str] | None = None) -> Extraction:
    t = article_text
    article = Article(id=derive_article_id(t, outlet, None), text=t, title="Guards moved north",
                      published=published, outlet=outlet, author="Desk staff")
    ministry = Entity("org:ost-mod", "Ostrelian Defence Ministry", "org", "XO",
                      (sp(t, "The Ostrelian Defence Ministry"),))
    colonel = Entity("person:mira-dashenko", "Mira Dashenko", "person", "XO",
                     (sp(t, "Colonel Mira Dashenko"), sp(t, "She")))
    claims = (
        Claim("c1", cue=sp(t, "said"), source=sp(t, "The Ostrelian Defence Ministry"),
              source_entity="org:ost-mod", source_kind="official_body", cue_class="neutral",
              content=(sp(t, "that at least 400 border guards had been moved to the northern province "
                             "of Valdis"),),
              stated_on="2031-03-04"),
        Claim("c2", cue=sp(t, "told"), source=sp(t, "Colonel Mira Dashenko"),
              source_entity="person:mira-dashenko", source_kind="military", kind="direct",
              content=(sp(t, "\"We are ready for any provocation,\""),)),
        Claim("c3", cue=sp(t, "said", 2), source=sp(t, "She"), source_entity="person:mira-dashenko",
              source_kind="military", cue_class="predict", modality="hypothetical",
              content=(sp(t, "the deployment could grow"), sp(t, "if tensions along the river persist")),
              hedges=(sp(t, "could"),)),
    )
    quantity = Quantity(span=sp(t, "at least 400 border guards"), value=400, low=400, bound="at_least",
                        unit="border guards", concept="personnel", claim="c1", status="reported")
    return Extraction(article=article, claims=claims, entities=(ministry, colonel), quantities=(quantity,),
                      extractors=dict(EXTRACTORS if extractors is None else extractors))


def extraction_b(published: str | None = None) -> Extraction:
    t = TEXT_B
    article = Article(id="b-1", text=t, title="Boats turned back", published=published,
                      outlet="Ambry Courier")
    claims = (
        Claim("c1", cue=sp(t, "said"), source=sp(t, "Officials in Port Ambry"), source_kind="unnamed_group",
              content=(sp(t, "fishing boats had been turned back from the disputed shoals for a third "
                             "day"),)),
        Claim("c2", cue=sp(t, "Reports that"), source_kind="unattributed", cue_class="allege",
              modality="hedged", content=(sp(t, "a patrol vessel ran aground"),),
              hedges=(sp(t, "could not be confirmed"),)),
    )
    return Extraction(article=article, claims=claims, extractors=dict(EXTRACTORS))


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'assay.db'}"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s


def test_claims_read_back_with_resolved_source_name(store: Store) -> None:
    ex = extraction_a()
    store.save(ex)
    store.save(extraction_b())
    rows = {(r["article_id"], r["claim_id"]): r for r in store.claims()}
    she = rows[(ex.article.id, "c3")]
    assert she["source_name"] == "Mira Dashenko"  # resolved through the entities table
    assert she["source_text"] == "She"
    assert she["content_text"] == "the deployment could grow … if tensions along the river persist"
    assert she["content"] == [s.to_dict() for s in ex.claims[2].content]
    assert she["hedges"] == [sp(TEXT_A, "could").to_dict()]
    assert TEXT_A[she["cue_start"]:she["cue_end"]] == she["cue_text"] == "said"
    assert (she["modality"], she["cue_class"], she["outlet"], she["published"]) == (
        "hypothetical", "predict", "Harbor Wire", "2031-03-04")
    assert rows[("b-1", "c1")]["source_name"] == "Officials in Port Ambry"  # no entity: as written
    assert rows[("b-1", "c2")]["source_name"] is None  # no source at all


def test_resaving_is_idempotent_and_replaces_children(store: Store) -> None:
    ex = extraction_a()
    store.save(ex)
    first = store.count()
    store.save(ex)
    assert store.save_many([ex, extraction_b(), ex]) == 3
    assert first == {"articles": 1, "claims": 3, "entities": 2}
    assert store.count() == {"articles": 2, "claims": 5, "entities": 2}
    store.save(dataclasses.replace(ex, claims=ex.claims[:1], entities=()))
    assert store.count() == {"articles": 2, "claims": 3, "entities": 0}


def test_needs_extraction_tracks_text_and_versions(store: Store) -> None:
    ex = extraction_a()
    assert store.needs_extraction(ex.article, EXTRACTORS)
    store.save(ex)
    assert not store.needs_extraction(ex.article, EXTRACTORS)
    assert store.needs_extraction(ex.article, {**EXTRACTORS, "claims": "assay.claims.v2"})
    assert store.needs_extraction(ex.article, {**EXTRACTORS, "quantities": "assay.quantities.v1"})
    assert not store.needs_extraction(ex.article, {"claims": "assay.claims.v1"})
    edited = dataclasses.replace(ex.article, text=TEXT_A.replace("400", "500"))
    assert edited.id == ex.article.id
    assert store.needs_extraction(edited, EXTRACTORS)


def test_same_text_in_another_outlet_is_a_separate_article(store: Store) -> None:
    wire, reprint = extraction_a(), extraction_a(outlet="Valdis Evening Post", published="2031-03-05")
    assert wire.article.id != reprint.article.id
    store.save_many([wire, reprint])
    assert sorted(store.article_ids()) == sorted([wire.article.id, reprint.article.id])
    assert store.count() == {"articles": 2, "claims": 6, "entities": 4}
    outlets = [r["outlet"] for r in store.claims(source="dashenko")]
    assert outlets == ["Harbor Wire", "Harbor Wire", "Valdis Evening Post", "Valdis Evening Post"]


def ids(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["article_id"][:2], r["claim_id"]) for r in rows]


def test_claims_filter_by_source_and_about(store: Store) -> None:
    store.save_many([extraction_a(), extraction_b()])
    assert ids(store.claims(source="DASHENKO")) == [("a-", "c2"), ("a-", "c3")]  # "She" too
    assert ids(store.claims(source="ministry")) == [("a-", "c1")]
    assert ids(store.claims(source="org:ost")) == [("a-", "c1")]  # entity id
    assert ids(store.claims(source="port ambry")) == [("b-", "c1")]
    assert ids(store.claims(about="Provocation")) == [("a-", "c2")]
    assert ids(store.claims(source="dashenko", about="river")) == [("a-", "c3")]
    assert store.claims(source="%") == []  # wildcards are matched literally
    assert len(store.claims(limit=2)) == 2


def test_claims_ordered_by_published_with_nulls_last(store: Store) -> None:
    store.save_many([extraction_b(published=None), extraction_a(published="2031-03-04"),
                     extraction_a(outlet="Early Bulletin", published="2031-03-01")])
    rows = store.claims()
    assert [r["published"] for r in rows] == ["2031-03-01"] * 3 + ["2031-03-04"] * 3 + [None] * 2
    assert [r["claim_id"] for r in rows[:3]] == ["c1", "c2", "c3"]  # by cue position in the article
    assert [r["cue_start"] for r in rows[:3]] == sorted(r["cue_start"] for r in rows[:3])


def test_payload_round_trips(store: Store) -> None:
    ex = extraction_a()
    store.save(ex)
    back = store.extraction(ex.article.id)
    assert back is not None
    assert back.to_dict() == ex.to_dict()
    assert back.quantities[0].low == 400  # a layer without its own table survives
    assert store.extraction("no-such-article") is None


def test_text_claims_and_entities_are_stored_once(store: Store, db_url: str) -> None:
    ex = extraction_a()
    store.save(ex)
    payload = json.loads(store.engine.connect().execute(text("select payload from extractions")).scalar_one())
    assert "claims" not in payload and "entities" not in payload and payload["article"]["text"] == ""
    assert payload["quantities"]  # what has no table of its own stays
    back = store.extraction(ex.article.id)
    assert back is not None and [c.id for c in back.claims] == ["c1", "c2", "c3"]
    assert [e.id for e in back.entities] == ["org:ost-mod", "person:mira-dashenko"]  # in the article's order
    assert [c.id for c in next(store.extraction_parts("claims")).claims] == ["c1", "c2", "c3"]


def test_a_store_in_the_older_layout_still_reads_and_gains_the_new_columns(db_url: str) -> None:
    ex = extraction_a()
    with open_store(db_url) as s:
        s.save(ex)
    conn = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    old = json.dumps({**ex.to_dict(), "article": {**ex.article.to_dict(), "text": ""}})
    conn.execute("update extractions set payload = ?", (old,))  # claims and entities in the payload, as before
    conn.execute("delete from claims")
    for table, column in (("claims", "seq"), ("claims", "extractor"), ("entities", "seq")):
        conn.execute(f"alter table {table} drop column {column}")
    conn.commit()
    conn.close()
    with open_store(db_url) as s:
        back = s.extraction(ex.article.id)
        assert back is not None and back.to_dict() == ex.to_dict()
        s.save(ex)  # written again in this layout, into the columns the open added
        assert s.extraction(ex.article.id).to_dict() == ex.to_dict()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db_url: str, tmp_path: Path) -> None:
    with open_store(db_url) as store:
        store.save(extraction_b())
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    raw = sqlite3.connect(tmp_path / "assay.db")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # persisted in the file
    finally:
        raw.close()


def test_data_survives_close_and_reopen(db_url: str) -> None:
    ex = extraction_a()
    with open_store(db_url) as store:
        store.save_many([ex, extraction_b()])
        before = store.claims()
    with open_store(db_url) as store:
        assert store.count() == {"articles": 2, "claims": 5, "entities": 2}
        assert store.claims() == before
        assert not store.needs_extraction(ex.article, EXTRACTORS)


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(ValueError, match="nowhere"):
        open_store(f"sqlite:///{missing / 'assay.db'}")
    assert not missing.exists()


def test_failed_save_many_rolls_back_the_whole_call(store: Store) -> None:
    good = extraction_b()
    bad = dataclasses.replace(extraction_a(), claims=extraction_a().claims[:1] * 2)  # duplicate claim id
    with pytest.raises(IntegrityError):
        store.save_many([good, bad])
    assert store.count() == {"articles": 0, "claims": 0, "entities": 0}
    assert store.needs_extraction(good.article, EXTRACTORS)
