"""Corpus listings of places and events, built from hand-made records (no model needed)."""

from __future__ import annotations

from assay.analyze.events import event_rows
from assay.analyze.places import place_table
from assay.records import Actor, Article, Claim, Entity, Event, Extraction, Place, Span


def _article(aid: str, published: str) -> Article:
    return Article(id=aid, text="x", outlet="The Test Gazette", published=published)


def _place(text: str, gid: int | None, country: str | None = "UA") -> Place:
    return Place(span=Span(text, 0, len(text)), name=text.rstrip("'s"), geonames_id=gid, country=country,
                 lat=50.45 if gid else None, lon=30.52 if gid else None, feature="city" if gid else "other")


def test_places_are_counted_by_geonames_id_across_articles_and_spellings():
    a = Extraction(article=_article("a", "2026-01-02"), places=(_place("Kyiv", 703448), _place("Kyiv's", 703448)))
    b = Extraction(article=_article("b", "2026-01-03"), places=(_place("Kiev", 703448), _place("Brask", None, None)))
    rows = place_table([a, b])
    assert rows[0]["geonames_id"] == 703448
    assert (rows[0]["mentions"], rows[0]["articles"]) == (3, 2)
    assert rows[0]["forms"] == ["Kiev", "Kyiv", "Kyiv's"]
    assert rows[1]["name"] == "Brask" and rows[1]["geonames_id"] is None
    assert [r["name"] for r in place_table([a, b], country="ua")] == ["Kyiv"]


def _event(type_: str, actor: str, country: str | None, date: str | None, claim: str | None = None,
           entity: str | None = None) -> Event:
    return Event(type=type_, trigger=Span("hit", 0, 3), actors=(Actor(Span(actor, 0, len(actor)), entity, country),),
                 recipients=(Actor(Span("Ostrevia", 0, 8), None, "XO"),), date=date, claim=claim)


def test_events_filter_by_type_actor_and_recipient_and_sort_by_date():
    claim = Claim(id="c1", cue=Span("said", 0, 4), content=(Span("x", 0, 1),), source=Span("the agency", 0, 10),
                  source_entity="org:agency")
    agency = Entity(id="org:agency", name="Defence Intelligence Agency", type="org")
    late = Extraction(article=_article("late", "2026-03-09"), claims=(claim,), entities=(agency,),
                      events=(_event("ASSAULT", "Veldran drones", "XV", "2026-03-08", claim="c1"),))
    early = Extraction(article=_article("early", "2026-03-02"),
                       events=(_event("MOBILIZE", "Veldra", "XV", None), _event("ACCUSE", "Voss", None, "2026-03-01")))
    rows = event_rows([late, early])
    assert [r["type"] for r in rows] == ["ACCUSE", "MOBILIZE", "ASSAULT"]  # undated sorts by its article's date
    assert rows[2]["reported_by"] == "Defence Intelligence Agency"
    assert [r["type"] for r in event_rows([late, early], type_="assault")] == ["ASSAULT"]
    assert [r["type"] for r in event_rows([late, early], actor="xv")] == ["MOBILIZE", "ASSAULT"]
    assert [r["type"] for r in event_rows([late, early], actor="voss")] == ["ACCUSE"]
    assert event_rows([late, early], recipient="Veldra") == []


def test_event_actor_shows_the_resolved_entity_name():
    ent = Entity(id="person:voss", name="Lenart Voss", type="person")
    ex = Extraction(article=_article("a", "2026-03-11"), entities=(ent,),
                    events=(_event("REQUEST", "he", None, None, entity="person:voss"),))
    assert event_rows([ex])[0]["actors"] == [{"name": "Lenart Voss", "country": None}]


def test_places_and_events_survive_the_json_round_trip():
    ex = Extraction(article=_article("a", "2026-03-11"), places=(_place("Kyiv", 703448),),
                    events=(_event("ASSAULT", "Veldra", "XV", "2026-03-08"),))
    back = Extraction.from_dict(ex.to_dict())
    assert back == ex


def test_week_dates_sort_among_day_dates():
    ex = Extraction(article=_article("a", "2026-03-11"),
                    events=(_event("ACCUSE", "Voss", None, "2026-W09"), _event("ASSAULT", "Veldra", None, "2026-03-01"),
                            _event("PROTEST", "Crowd", None, "2026-02-20TEV")))
    assert [r["date"] for r in event_rows([ex])] == ["2026-02-20TEV", "2026-W09", "2026-03-01"]  # W09 starts on 23 Feb
