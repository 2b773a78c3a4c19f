"""The generic (de)serialiser on every record the pipeline and the corpus pass make of the example corpus,
and on stored JSON written before a field existed (tests/data/stored_payload_v1.json: an example article as
the store kept it when claims did not carry their extractor)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assay.analyze.contributions import ArticleFacts, ClaimFacts, article_facts
from assay.analyze.corpus import Analysis, analyze
from assay.analyze.corroboration import Relation
from assay.analyze.grading import Grade
from assay.analyze.store_entities import Member
from assay.extract.claims import EXTRACTOR as CLAIMS_EXTRACTOR
from assay.records import (
    Actor,
    Article,
    Claim,
    Entity,
    Estimand,
    Event,
    Extraction,
    Place,
    Quantity,
    Span,
    Time,
)
from assay.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus.jsonl"
STORED_V1 = Path(__file__).parent / "data" / "stored_payload_v1.json"

# The keys the hand-written serialisers wrote, per record; the generic one must write the same ones.
OLD_KEYS = {
    Span: {"text", "start", "end"},
    Article: {"id", "title", "published", "outlet", "url", "author", "language", "text", "sha256"},
    Claim: {"id", "source", "source_entity", "source_kind", "cue", "cue_class", "content", "kind", "modality",
            "hedges", "stated_on", "nested_in"},
    Estimand: {"concept", "measure", "counted", "group", "period", "kind", "event", "place"},
    Quantity: {"span", "value", "low", "high", "bound", "unit", "concept", "claim", "status", "subject",
               "estimand"},
    Time: {"span", "value", "type", "granularity"},
    Place: {"span", "name", "geonames_id", "country", "lat", "lon", "feature"},
    Actor: {"span", "entity", "country"},
    Event: {"type", "mode", "cameo", "trigger", "actors", "recipients", "place", "date", "date_from_article",
            "aux", "claim", "size"},
    Entity: {"id", "name", "type", "country", "mentions"},
    Extraction: {"schema", "article", "claims", "quantities", "times", "places", "events", "entities",
                 "extractors"},
}
NEW_KEYS = {Claim: {"extractor"}}  # dropped by the hand-written serialiser


def records(value: Any) -> Iterator[Any]:
    """Every record in a value, nested ones included."""
    if dataclasses.is_dataclass(value):
        yield value
        for f in dataclasses.fields(value):
            yield from records(getattr(value, f.name))
    elif isinstance(value, tuple):
        for v in value:
            yield from records(v)


@pytest.fixture(scope="module")
def corpus(pipeline) -> list[Extraction]:
    """The example corpus as the pipeline makes it in this process (nothing serialised on the way)."""
    with EXAMPLES.open(encoding="utf-8") as f:
        return [pipeline.extract_one(Article.from_dict(json.loads(line))) for line in f if line.strip()]


def test_the_corpus_has_every_record_type(corpus: list[Extraction]) -> None:
    seen = {type(r) for ex in corpus for r in records(ex)}
    assert seen == set(OLD_KEYS)


def test_every_record_round_trips(corpus: list[Extraction]) -> None:
    for ex in corpus:
        for r in records(ex):
            assert type(r).from_dict(r.to_dict()) == r
        assert Extraction.from_dict(json.loads(json.dumps(ex.to_dict()))) == ex


def test_every_record_writes_the_old_keys_and_the_dropped_ones(corpus: list[Extraction]) -> None:
    for ex in corpus:
        for r in records(ex):
            assert set(r.to_dict()) == OLD_KEYS[type(r)] | NEW_KEYS.get(type(r), set()), type(r).__name__


def test_claims_write_their_extractor(corpus: list[Extraction]) -> None:
    claims = [c.to_dict() for ex in corpus for c in ex.claims]
    assert claims and all(c["extractor"] == CLAIMS_EXTRACTOR for c in claims)


def _stored_v1() -> dict[str, Any]:
    """The old payload with its article's text put back, as the store reads it."""
    payload = json.loads(STORED_V1.read_text(encoding="utf-8"))
    with EXAMPLES.open(encoding="utf-8") as f:
        texts = {d["id"]: d["text"] for d in map(json.loads, f)}
    payload["article"]["text"] = texts[payload["article"]["id"]]
    return payload


def test_an_old_payload_writes_back_as_it_was_plus_the_extractor() -> None:
    old = _stored_v1()
    again = Extraction.from_dict(old).to_dict()
    default = next(f.default for f in dataclasses.fields(Claim) if f.name == "extractor")
    assert [c.pop("extractor") for c in again["claims"]] == [default] * len(old["claims"])
    assert again == old
    assert json.dumps(again, sort_keys=True) == json.dumps(old, sort_keys=True)  # 400 stays 400, not 400.0


def test_missing_keys_take_the_field_defaults() -> None:
    d = Claim("c1", cue=Span("said", 0, 4), content=(Span("x", 5, 6),), modality="hedged",
              hedges=(Span("may", 7, 10),), stated_on="2026-03-02").to_dict()
    for key in ("modality", "hedges", "stated_on", "source", "extractor"):
        del d[key]
    back = Claim.from_dict(d)
    assert (back.modality, back.hedges, back.stated_on, back.source) == ("asserted", (), None, None)
    ex = Extraction.from_dict({"article": {"id": "a", "text": "t"}})
    assert (ex.claims, ex.events, ex.extractors, ex.article.language) == ((), (), {}, "en")


def test_an_optional_field_without_default_reads_a_missing_key_as_none() -> None:
    assert Time.from_dict({"span": {"text": "x", "start": 0, "end": 1}}).value is None


def test_null_where_a_field_cannot_be_none_takes_its_default() -> None:
    d = {"span": {"text": "x", "start": 0, "end": 1}, "value": 3, "bound": None, "status": None}
    q = Quantity.from_dict(d)
    assert (q.bound, q.status, q.value) == ("exact", "reported", 3)
    assert Article.from_dict({"id": "a", "text": "t", "language": None}).language == "en"


def test_unknown_keys_are_ignored() -> None:
    claim = Claim("c1", cue=Span("said", 0, 4), content=(Span("x", 5, 6),))
    assert Claim.from_dict({**claim.to_dict(), "confidence": 0.9}) == claim
    ex = Extraction(article=Article("a", "t"), claims=(claim,))
    assert Extraction.from_dict({**ex.to_dict(), "layer_from_the_future": [1]}) == ex


def test_derived_keys_are_written_but_never_read() -> None:
    article = Article.from_dict({"id": "a", "text": "words", "sha256": "not the hash"})
    assert article.sha256 == Article("a", "words").sha256
    assert article.to_dict()["sha256"] == article.sha256
    assert Extraction(article=article).to_dict()["schema"] == "assay/1"


def test_a_missing_required_key_is_an_error() -> None:
    with pytest.raises(TypeError):
        Span.from_dict({"text": "x", "start": 0})


def test_nested_optional_records_read_back() -> None:
    span = Span("6,000 troops", 0, 12)
    with_estimand = Quantity(span, 6000, estimand=Estimand("personnel", group="XV"))
    event = Event("MOBILIZE", Span("sent", 13, 17), actors=(Actor(span, "org:x", "XV"),),
                  place=Place(span, "Brask"), size=with_estimand)
    back = Event.from_dict(json.loads(json.dumps(event.to_dict())))
    assert back == event
    assert back.size is not None and back.size.estimand == Estimand("personnel", group="XV")
    assert Quantity.from_dict(Quantity(span, 1).to_dict()).estimand is None


def test_claim_extractor_survives_the_store(tmp_path: Path, corpus: list[Extraction]) -> None:
    ex = corpus[0]
    marked = dataclasses.replace(ex, claims=tuple(dataclasses.replace(c, extractor="assay.claims.v0")
                                                  for c in ex.claims))
    with open_store(f"sqlite:///{tmp_path / 'assay.db'}") as store:
        store.save(marked)
        back = store.extraction(ex.article.id)
    assert back is not None and back.claims
    assert [c.extractor for c in back.claims] == ["assay.claims.v0"] * len(ex.claims)
    assert back == marked


@pytest.fixture(scope="module")
def passed(corpus: list[Extraction]) -> tuple[list[ArticleFacts], Analysis]:
    """What the corpus pass keeps of the example corpus: each article's facts, and the whole analysis."""
    return [article_facts(ex) for ex in corpus], analyze(corpus)


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value))


def test_member_and_claim_facts_rows_are_as_before_and_read_back(passed) -> None:
    facts, _ = passed
    members = [m for f in facts for m in f.members]
    claims = [c for f in facts for c in f.claims]
    assert members and claims
    for m in members:
        old = {"name": m.name, "type": m.type, "country": m.country, "aliases": sorted(m.aliases),
               "kinds": dict(sorted(m.kinds.items())), "capitalised": m.capitalised}
        assert m.to_dict() == old
        assert Member.from_row(m.key, _json(m.to_dict())) == m
    assert any(c.figures for c in claims)
    for c in claims:
        old = {f.name: getattr(c, f.name) for f in dataclasses.fields(c)}  # the JSON column lists its tuples
        old["figures"] = [dataclasses.asdict(f) for f in c.figures]  # records nest as objects
        assert _json(c.to_dict()) == _json(old)
        assert ClaimFacts.from_dict(_json(c.to_dict())) == c


def test_grades_relations_and_sources_write_as_before(passed) -> None:
    _, analysis = passed
    grades, relations = list(analysis.grading.grades.values()), analysis.grading.relations
    assert grades and relations and analysis.entities
    for g in grades:
        assert g.to_dict() == {"grade": g.code, **{f.name: getattr(g, f.name) for f in dataclasses.fields(g)}}
        assert Grade.from_dict(_json(g.to_dict())) == g
    for r in relations:
        assert r.to_dict() == {"kind": r.kind, "a": list(r.a), "b": list(r.b), "reason": r.reason}
        assert Relation.from_dict(_json(r.to_dict())) == r
    for e in analysis.entities.values():
        assert e.row() == {"id": e.id, "name": e.name, "type": e.type, "country": e.country, "kind": e.kind,
                           "aliases": sorted(e.aliases)}
