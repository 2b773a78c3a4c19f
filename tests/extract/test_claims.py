"""Claims on sentences we wrote, one behaviour per test."""

from helpers import claim_with, source_name


def test_indirect_claim_with_source_and_cue(extract):
    ex = extract("The border police said that two trucks had crossed the river at night.")
    c = claim_with(ex, "two trucks had crossed")
    assert c.source.text == "The border police"
    assert c.cue.text == "said"
    assert c.kind == "indirect"
    assert c.modality == "asserted"


def test_direct_quote_split_around_cue_is_one_claim(extract):
    text = "“The dam is holding,” Mayor Petra Lindqvist said. “But the rain will not stop.”"
    ex = extract(text)
    c = claim_with(ex, "The dam is holding")
    assert [s.text for s in c.content] == ["“The dam is holding,”", "“But the rain will not stop.”"]
    assert c.kind == "direct"
    assert source_name(ex, c) == "Petra Lindqvist"


def test_quote_over_two_paragraphs(extract):
    text = ("Colonel Ivo Brant spoke to reporters on Monday.\n\n"
            "“We lost the ridge twice this week.\n\n"
            "“We will take it back before the snow comes,” he said.")
    ex = extract(text)
    c = claim_with(ex, "before the snow comes")
    assert any("lost the ridge" in s.text for s in c.content)
    assert source_name(ex, c) == "Ivo Brant"


def test_unbalanced_quote_keeps_document(extract):
    text = ("Talks resumed on Monday.\n\n"
            "The ceasefire lines will not move this winter,” Ms. Ona Fell said. “Both sides are tired.”")
    ex = extract(text)
    c = claim_with(ex, "ceasefire lines")
    assert source_name(ex, c) == "Ona Fell"


def test_pronoun_resolves_to_earlier_person(extract):
    text = ("Hanna Morvik, a researcher at the Lund Centre for Conflict Studies, spoke on Tuesday. "
            "She said the militia had doubled its patrols.")
    ex = extract(text)
    c = claim_with(ex, "doubled its patrols")
    assert c.source.text == "She"
    assert source_name(ex, c) == "Hanna Morvik"
    assert c.source_kind == "person"


def test_honorific_short_form_resolves_to_full_name(extract):
    text = ("Tomas Okafor, an analyst at the Baltic Defence Forum, said the drills were larger than usual. "
            "“They are rehearsing a crossing,” Mr. Okafor said.")
    ex = extract(text)
    first = claim_with(ex, "drills were larger")
    second = claim_with(ex, "rehearsing a crossing")
    assert first.source_entity == second.source_entity is not None
    assert source_name(ex, second) == "Tomas Okafor"


def test_according_to(extract):
    ex = extract("The storm destroyed 40 homes, according to the regional emergency office.")
    c = claim_with(ex, "The storm destroyed 40 homes")
    assert c.cue.text == "according to"
    assert c.source.text == "the regional emergency office"
    assert "according" not in c.content[0].text


def test_noun_cue_with_source(extract):
    ex = extract("The move followed claims from Danish officials that the vessel carried weapons.")
    c = claim_with(ex, "the vessel carried weapons")
    assert c.cue.text == "claims"
    assert "Danish officials" in c.source.text
    assert c.cue_class == "allege"


def test_evidential_artifact_source(extract):
    ex = extract("Satellite images show new trenches along the northern road.")
    c = claim_with(ex, "new trenches")
    assert c.source_kind == "artifact"
    assert c.cue_class == "evidence"


def test_passive_without_source(extract):
    ex = extract("The vote is expected to pass without debate.")
    c = claim_with(ex, "to pass without debate")
    assert c.source is None
    assert c.source_kind == "unattributed"
    assert c.modality == "predicted"


def test_denial_is_negated(extract):
    ex = extract("The interior ministry denied that its police had fired on the crowd.")
    c = claim_with(ex, "its police had fired")
    assert c.cue_class == "deny"
    assert c.modality == "negated"


def test_hypothetical_if_clause(extract):
    ex = extract("If the dam fails, the valley would flood within hours, the engineer warned.")
    c = claim_with(ex, "the valley would flood")
    assert c.modality == "hypothetical"
    assert c.cue_class == "warn"


def test_hedge_word_makes_hedged(extract):
    ex = extract("Local residents said the rebels may have withdrawn from the village.")
    c = claim_with(ex, "may have withdrawn")
    assert c.modality == "hedged"
    assert [h.text for h in c.hedges] == ["may"]


def test_anonymous_source(extract):
    ex = extract("A senior diplomat, who spoke on condition of anonymity, said the talks had collapsed.")
    c = claim_with(ex, "the talks had collapsed")
    assert c.source_kind == "anonymous"


def test_nested_claim_points_to_outer(extract):
    ex = extract("The minister said the general believed that the port would fall.")
    inner = [c for c in ex.claims if c.cue.text == "believed"]
    outer = [c for c in ex.claims if c.cue.text == "said"]
    assert inner and outer
    assert inner[0].nested_in == outer[0].id


def test_spans_index_article_text_exactly(extract):
    text = "Intro line.\r\n\r\n“Shells fell on the market,” the governor said on Friday.\n"
    ex = extract(text)
    assert ex.claims
    for c in ex.claims:
        for span in (c.cue, *c.content, *( [c.source] if c.source else [])):
            assert text[span.start:span.end] == span.text


def test_dateline_is_not_a_source_or_content(extract):
    ex = extract("VARNA, Eastland — The coast guard said it had rescued 12 fishermen.")
    c = claim_with(ex, "rescued 12 fishermen")
    assert "VARNA" not in c.content[0].text
    assert c.source.text == "The coast guard"


def test_no_claims_in_plain_narrative(extract):
    ex = extract("The convoy reached the town at noon. Trucks unloaded flour and water.")
    assert ex.claims == ()


def test_stance_verb_with_object_content(extract):
    ex = extract("The opposition leader called for an independent inquiry into the shelling.")
    c = claim_with(ex, "an independent inquiry")
    assert c.cue.text == "called for"
    assert "opposition leader" in c.source.text


def test_speaker_lines_in_a_transcript(extract):
    ex = extract("HOST: Will the ceasefire hold?\nKARSTEN: It will hold if both sides pull back their guns.")
    c = claim_with(ex, "It will hold if both sides")
    assert c.source.text == "KARSTEN" and c.cue.text == ":"


def test_quote_continues_past_another_cue_inside_it(extract):
    text = "“The river is rising,” she said. “I swear the levee will not last the night.”"
    ex = extract(text)
    c = claim_with(ex, "The river is rising")
    assert len(c.content) == 2


def test_bare_cue_takes_the_quote_before_it(extract):
    text = "Officials met on Monday.\n\n“How long can the hospital run on diesel?” Dr. Lena Varga asked reporters."
    ex = extract(text)
    c = claim_with(ex, "How long can the hospital")
    assert source_name(ex, c) == "Lena Varga"


def test_reported_would_is_a_prediction_not_a_scenario(extract):
    ex = extract("The governor said the army would reopen the road on Thursday.")
    assert claim_with(ex, "the army would reopen").modality == "predicted"
    ex = extract("“The road would flood again,” the governor said.")
    assert claim_with(ex, "The road would flood").modality == "hypothetical"


def test_colon_introduces_a_block_quote(extract):
    text = "The Harbour Gazette reports:\n\n“Three ships were turned back at the strait overnight.”"
    ex = extract(text)
    c = claim_with(ex, "Three ships were turned back")
    assert c.source.text == "The Harbour Gazette"


def test_no_comment_is_not_a_claim(extract):
    ex = extract("The ministry did not respond to a request for comment. Its spokesman declined to comment.")
    assert ex.claims == ()


def test_document_as_source(extract):
    ex = extract("In a survey released on Monday, most residents supported the curfew.")
    c = claim_with(ex, "most residents supported the curfew")
    assert c.cue.text == "In" and "survey" in c.source.text


def test_impression_without_source(extract):
    ex = extract("The rebels seemed ready to sign the truce.")
    c = claim_with(ex, "ready to sign")
    assert c.source is None and c.modality == "hedged"


def test_title_description_resolves_to_the_titled_person(extract):
    text = ("Eastland's President Mira Kallas said on Monday that the border would stay closed. "
            "The president said the decision would be reviewed in a month.")
    ex = extract(text)
    c = claim_with(ex, "decision would be reviewed")
    assert source_name(ex, c) == "Mira Kallas"


def test_short_quote_inside_a_paraphrase_stays_mixed(extract):
    ex = extract('The envoy said there remains a "deep mistrust between the two capitals," when asked about talks.')
    c = claim_with(ex, "deep mistrust")
    assert c.kind == "mixed"
    assert c.content[0].text.startswith("there remains")


def test_quote_after_a_paraphrase_goes_on_with_it(extract):
    text = 'The envoy said the talks had stalled. "Nobody wants to move first."'
    ex = extract(text)
    c = claim_with(ex, "the talks had stalled")
    assert [s.text for s in c.content][-1] == '"Nobody wants to move first."'
    assert c.kind == "mixed"


def test_spokesman_for_a_named_person_is_not_that_person(extract):
    ex = extract("A spokesman for Governor Anna Berg said the curfew would end on Friday.")
    c = claim_with(ex, "the curfew would end")
    assert source_name(ex, c) != "Anna Berg"
    ex = extract("Her spokesman, Tomas Reed, said the curfew would end on Friday.")
    assert source_name(ex, claim_with(ex, "the curfew would end")) == "Tomas Reed"


def test_source_entities_carry_the_country_their_words_name(extract):
    ex = extract("Ukraine's military intelligence agency said on Monday that the convoy had turned back. "
                 "A spokesman for the agency added that it was watching the border.")
    claim = claim_with(ex, "the convoy had turned back")
    entity = next(e for e in ex.entities if e.id == claim.source_entity)
    assert entity.country == "UA"


def test_a_trailing_participle_belongs_to_the_reporting_subject(extract):
    ex = extract("Norland's foreign ministry on Tuesday denied that its warships had entered the strait, "
                 "calling the reports “baseless.”")
    claim = claim_with(ex, "the reports")
    assert claim.cue.text == "calling"
    assert source_name(ex, claim) == "Norland's foreign ministry"
