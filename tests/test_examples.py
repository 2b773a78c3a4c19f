"""The example corpus (examples/corpus.jsonl, written for assay) and the claims a careful reader finds in it."""

import pytest
from helpers import claim_with, source_name

# article id, a distinctive piece of the content, the resolved source (substring), cue, modality
EXPECTED = [
    ("ex-01-first-reports", "About 2,000 Veldran troops have crossed", "Defence Intelligence Agency", "said",
     "asserted"),
    ("ex-01-first-reports", "regular units of the Veldran army", "Edvin Sallow", "said", "asserted"),
    ("ex-01-first-reports", "share radar data from the border area", None, "said", "asserted"),
    ("ex-01-first-reports", "Fighting around Brask intensified last week", "local officials", "according to",
     "asserted"),
    ("ex-02-veldra-denies", "any of its soldiers had crossed the border", "Ministry of Defence", "denied",
     "negated"),
    ("ex-02-veldra-denies", "Veldran units had entered the eastern province", "Defence Intelligence Agency",
     "claims", "asserted"),
    ("ex-02-veldra-denies", "The story was written in Kestrin", "Matvei Orlan", "told", "asserted"),
    ("ex-02-veldra-denies", "military trucks with Veldran number plates", "footage", "show", "hedged"),
    ("ex-02-veldra-denies", "We have nothing to hide", "Darya Kosk", "said", "asserted"),
    ("ex-03-drone-sites", "at least 14 launch ramps", "satellite images", "show", "asserted"),
    ("ex-03-drone-sites", "left about 80,000 people without electricity", "Ministry of Energy", "According to",
     "asserted"),
    ("ex-03-drone-sites", "consistent with an organised drone campaign", "Anders Kvist", "said", "asserted"),
    ("ex-04-analyst-estimate", "between 4,000 and 5,000 Veldran troops", "Ilse Marren", "said", "asserted"),
    ("ex-04-analyst-estimate", "The agency counted the soldiers it could see", "Ilse Marren", "said", "asserted"),
    ("ex-04-analyst-estimate", "rotated every three to four weeks", "Ilse Marren", "said", "asserted"),
    ("ex-04-analyst-estimate", "If 10,000 soldiers were sent", "Ilse Marren", "said", "hypothetical"),
    ("ex-04-analyst-estimate", "its troops were in Ostrevia", "Ministry of Defence", "denied", "negated"),
    ("ex-05-wire-estimate-raised", "about 3,000 Veldran troops were now operating", "Defence Intelligence Agency",
     "said", "asserted"),
    ("ex-05-wire-estimate-raised", "sent military engineers to repair a bridge", None, "said", "asserted"),
    ("ex-05-wire-estimate-raised", "running out of drinking water", "Jorun Aalt", "warned", "asserted"),
    ("ex-05-wire-estimate-raised", "Every hour the world waits", "Jorun Aalt", "said", "asserted"),
    ("ex-05-wire-estimate-raised", "any of its soldiers are in Ostrevia", "Ministry of Defence", "denied",
     "negated"),
    ("ex-08-president-six-thousand", "at least 6,000 Veldran troops were fighting", "Lenart Voss", "said",
     "asserted"),
    ("ex-08-president-six-thousand", "We are no longer talking about advisers", "Lenart Voss", "told",
     "asserted"),
    ("ex-08-president-six-thousand", "the figure combined the intelligence agency's count", "Lenart Voss", "said",
     "asserted"),
    ("ex-01-first-reports", "the soldiers had entered in small groups", "Defence Intelligence Agency", "said",
     "asserted"),
    ("ex-09-brask-siege", "shot down two Veldran drones", "Ostrevian officials", "said", "asserted"),
    ("ex-05-wire-estimate-raised", "is expected to meet in emergency session", "diplomats", "said", "asserted"),
    ("ex-08-president-six-thousand", "counts soldiers the way some people count sheep", "Darya Kosk", "said",
     "asserted"),
    ("ex-09-brask-siege", "The real toll may be higher", "Katrin Ebbe", "said", "hedged"),
    ("ex-09-brask-siege", "No drones came from Veldra", "Falk", "said", "asserted"),
    ("ex-10-veldra-admits-volunteers", "numbered no more than 500", "Veldra", "insisted", "asserted"),
    ("ex-10-veldra-admits-volunteers", "Calling them volunteers lets Marisk", "Ilse Marren", "said", "asserted"),
]


@pytest.mark.parametrize("article,content,source,cue,modality", EXPECTED,
                         ids=[f"{a[:5]}:{c[:28]}" for a, c, *_ in EXPECTED])
def test_expected_claim(example_extractions, article, content, source, cue, modality):
    ex = example_extractions[article]
    claim = claim_with(ex, content)
    assert cue in claim.cue.text
    assert claim.modality == modality
    if source is None:
        assert claim.source_kind == "anonymous"
    else:
        assert source in (source_name(ex, claim) or "")


def test_split_quote_is_one_claim_with_two_parts(example_extractions):
    claim = claim_with(example_extractions["ex-01-first-reports"], "regular units of the Veldran army")
    assert claim.kind == "direct" and len(claim.content) == 2


def test_quote_over_two_paragraphs(example_extractions):
    claim = claim_with(example_extractions["ex-04-analyst-estimate"], "We see the launch sites")
    assert len(claim.content) >= 2
    assert "\n\n" in example_extractions["ex-04-analyst-estimate"].article.text[
        claim.content[0].start:claim.content[-1].end]


def test_straight_quotes_are_direct(example_extractions):
    claim = claim_with(example_extractions["ex-08-president-six-thousand"], "no longer talking about advisers")
    assert claim.kind == "direct"
    assert claim.content[0].text.startswith('"')


def test_reprints_extract_the_same_claims(example_extractions):
    original = example_extractions["ex-05-wire-estimate-raised"]
    reprint = example_extractions["ex-06-wire-reprint-northgate"]
    assert [c.content[0].text for c in original.claims] == [c.content[0].text for c in reprint.claims]
    assert original.article.id != reprint.article.id


def test_every_article_has_claims_and_exact_spans(example_extractions):
    assert len(example_extractions) == 10
    for ex in example_extractions.values():
        assert ex.claims, ex.article.id
        text = ex.article.text
        for c in ex.claims:
            for span in (c.cue, *c.content):
                assert text[span.start:span.end] == span.text


def test_no_comment_sentences_make_no_claims(example_extractions):
    for ex in example_extractions.values():
        for c in ex.claims:
            assert "request for comment" not in " ".join(s.text for s in c.content), ex.article.id


def test_the_denial_and_the_anonymous_sources_are_marked(example_extractions):
    kinds = {c.source_kind for ex in example_extractions.values() for c in ex.claims}
    assert {"anonymous", "artifact", "intelligence", "official_body", "person", "unattributed"} <= kinds
    denials = [c for ex in example_extractions.values() for c in ex.claims if c.cue_class == "deny"]
    assert denials and all(c.modality == "negated" for c in denials)


def test_places_resolve_through_the_examples_places_file(example_extractions):
    ex = example_extractions["ex-09-brask-siege"]
    by_text = {p.span.text: p for p in ex.places}
    assert by_text["BRASK"].name == "Brask" and by_text["BRASK"].country == "XO"
    assert by_text["Ostrevia"].feature == "country"
    every = [p for e in example_extractions.values() for p in e.places]
    assert all(e.article.text[p.span.start:p.span.end] == p.span.text
               for e in example_extractions.values() for p in e.places)
    assert {p.country for p in every if p.span.text.startswith("Veldra")} == {"XV"}
    assert {p.country for p in every if p.span.text in ("Kestrin", "Dunmere")} == {"XO"}


def _events(extraction, kind):
    return [e for e in extraction.events if e.type == kind]


def test_events_of_the_example_corpus(example_extractions):
    summons = _events(example_extractions["ex-02-veldra-denies"], "ACCUSE")
    assert any(e.trigger.text == "summoned" and [a.country for a in e.actors] == ["XO"]
               and [a.country for a in e.recipients] == ["XV"] for e in summons)
    calls = _events(example_extractions["ex-08-president-six-thousand"], "REQUEST")
    assert any("Lenart Voss" in a.span.text for e in calls for a in e.actors)
    seizures = [e for ex in example_extractions.values() for e in _events(ex, "ASSAULT") if e.trigger.text == "seized"]
    assert seizures and all(e.aux == "historical" and e.date.startswith("2025-") for e in seizures)
    statements = [e for ex in example_extractions.values() for e in ex.events if e.trigger.text in ("said", "told")]
    assert statements == []  # statements are claims, not events
