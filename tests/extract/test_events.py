"""PLOVER event coding on short invented news sentences (Norland, Estovia, Veldra are fictional)."""

from __future__ import annotations

import pytest

from assay.extract.event_lexicon import cameo_for, triggers


def _types(extraction) -> list[str]:
    return [e.type for e in extraction.events]


def _only(extraction, kind: str):
    hits = [e for e in extraction.events if e.type == kind]
    assert len(hits) == 1, [(e.type, e.trigger.text) for e in extraction.events]
    return hits[0]


def _texts(actors) -> list[str]:
    return [a.span.text for a in actors]


def test_lexicon_loads_every_frame_and_maps_cameo():
    t = triggers()
    assert t["verb"]["condemn"].type == "ACCUSE"
    assert t["prt"]["call on"].type == "REQUEST"
    assert t["obj"]["lift sanction"].type == "CONCEDE"
    assert t["noun"]["curfew"].type == "COERCE"
    assert cameo_for("AID", "military") == "072"
    assert cameo_for("ASSAULT", "no-such-mode") == "190"


def test_statement_and_sport_are_not_events(extract):
    assert _types(extract("The ministry said on Monday that it was reviewing the budget.")) == []
    assert _types(extract("Norland beat Estovia 3-1 in the cup final on Sunday.")) == []


def test_assault_with_actor_recipient_mode_and_date_from_text(extract):
    x = extract("Veldran artillery units shelled the border town of Ostrava on Tuesday.")
    e = _only(x, "ASSAULT")
    assert "Veldran artillery units" in _texts(e.actors)
    assert any("Ostrava" in r for r in _texts(e.recipients))
    assert e.mode == "heavy-weapons" and e.cameo == "194"
    assert e.date == "2026-02-24" and not e.date_from_article
    assert e.aux is None


def test_date_falls_back_to_article(extract):
    e = _only(extract("Norland condemned the decision by Estovia."), "ACCUSE")
    assert e.date == "2026-03-02" and e.date_from_article
    assert _texts(e.actors) == ["Norland"]
    assert _texts(e.recipients) == ["Estovia"]


def test_reciprocal_agreement_puts_both_sides_in_actors(extract):
    e = _only(extract("Norland and Estovia agreed on Friday to expand their border trade."), "AGREE")
    assert _texts(e.actors) == ["Norland", "Estovia"]
    assert e.recipients == ()


def test_summoned_ambassador_is_one_accuse_with_countries(extract):
    x = extract("The French government summoned the Russian ambassador to protest the arrests.")
    assert _types(x) == ["ACCUSE"]
    e = x.events[0]
    assert e.actors[0].country == "FR" and e.recipients[0].country == "RU"
    assert "ambassador" in e.recipients[0].span.text


def test_threat_governs_its_content(extract):
    x = extract("Norland threatened to cut off gas supplies to Estovia.")
    assert _types(x) == ["THREATEN"]


def test_aid_needs_and_finds_its_recipient(extract):
    e = _only(extract("Norland sent 2,000 troops to Estovia last week."), "AID")
    assert e.mode == "military" and e.cameo == "072"
    assert _texts(e.recipients) == ["Estovia"]


def test_arrest_with_size(extract):
    e = _only(extract("Police arrested 40 protesters in the capital on Saturday."), "COERCE")
    assert e.mode == "arrest" and e.cameo == "173"
    assert e.size is not None and e.size.value == 40


@pytest.mark.parametrize(("text", "aux", "kind"), [
    ("The rebels did not attack the convoy on Monday.", "negated", "ASSAULT"),
    ("The rebels could attack the convoy if talks fail.", "hypothetical", "THREATEN"),
    ("The president will visit Norland next month.", "future", "AGREE"),
    ("Norland's army attacked the port of Velm in 2019.", "historical", "ASSAULT"),
])
def test_auxiliary_modes(extract, text, aux, kind):
    x = extract(text)
    assert [(e.type, e.aux) for e in x.events] == [(kind, aux)]


def test_event_inside_a_claim_links_to_it(extract):
    x = extract("Estovian officials said Norland shelled the village of Dorn overnight.")
    e = _only(x, "ASSAULT")
    assert e.claim is not None
    claim = next(c for c in x.claims if c.id == e.claim)
    assert any(s.start <= e.trigger.start and e.trigger.end <= s.end for s in claim.content)


def test_request_with_call_on(extract):
    e = _only(extract("The union called on the government to raise wages."), "REQUEST")
    assert _texts(e.recipients) == ["the government"]


def test_protest_mode_from_hunger_strike(extract):
    e = _only(extract("Detained activists began a hunger strike on Monday to protest their treatment."), "PROTEST")
    assert e.mode == "hunger" and e.cameo == "142"


def test_taking_a_town_is_an_assault_but_seizing_goods_is_coercion(extract):
    town = _only(extract("Rebel fighters captured the city of Kharkiv on Sunday after a week of shelling."), "ASSAULT")
    assert (town.trigger.text, town.cameo) == ("captured", "190")
    goods = extract("Customs officers seized three lorries of cigarettes at the border on Sunday.")
    assert _types(goods) == ["COERCE"]


@pytest.mark.parametrize("text", [
    "The officer, who asked not to be named, said the convoy had turned back.",
    "A tribunal will ask exactly that question next month.",
    "Nobody outside the unit knows who is pressing the button.",
])
def test_asking_a_question_or_for_anonymity_is_not_a_request(extract, text):
    assert "REQUEST" not in _types(extract(text))


def test_a_call_after_a_reported_clause_is_the_speakers_request(extract):
    ex = extract("Norland's president said on Tuesday that Estovian troops were fighting in the north, "
                 "and called on neighbouring states to impose sanctions on Estovia.")
    request = _only(ex, "REQUEST")
    assert _texts(request.actors) == ["Norland's president"]
    assert _texts(request.recipients) == ["neighbouring states"]


@pytest.mark.parametrize("text, kind, recipient", [
    ("Norland's finance ministers agreed on Saturday to provide 20 million dollars of aid for Estovia.",
     "AGREE", "Estovia"),
    ("Estovia on Friday denounced Norland's treatment of the prisoners.", "ACCUSE", "Norland's"),
    ("Farmers in the north are demanding land reform from the Norland authorities.", "REQUEST",
     "the Norland authorities"),
])
def test_a_target_one_step_into_the_object_or_the_next_action(extract, text, kind, recipient):
    event = _only(extract(text), kind)
    assert _texts(event.recipients) == [recipient]


def test_a_raid_executed_is_no_killing(extract):
    ex = extract("During the raid on the ranch , executed after a tip , police removed 400 children .")
    assert "ASSAULT" not in _types(ex)
    assert "ASSAULT" in _types(extract("Two prisoners were executed at dawn ."))
