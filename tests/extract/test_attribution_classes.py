"""Attribution classes that carry over to unseen reporting (sentences we wrote)."""

from __future__ import annotations

import pytest


def _contents(ex):
    return {c.id: " … ".join(s.text for s in c.content) for c in ex.claims}


def test_a_second_that_clause_joined_by_and_is_part_of_the_statement(extract):
    # the parser reads "the October tally" as the verb's object and hangs the second clause on the verb
    ex = extract("A spokesman said the October tally compared with 30 in September, and that 40 families had "
                 "left the valley.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.source is not None and said.source.text == "A spokesman"
    assert any("40 families had left the valley" in s.text for s in said.content)
    figure = next(q for q in ex.quantities if q.span.text.startswith("40"))
    assert figure.claim == said.id


def test_a_determiner_that_after_and_starts_no_statement(extract):
    ex = extract("A second body was also found near the river, and that location is being treated as a crime scene.")
    assert not any("crime scene" in text for text in _contents(ex).values())


def test_a_figure_in_an_unsourced_claim_inside_a_sourced_one_is_the_sources(extract):
    ex = extract("Harbour master Ilse Brandt said the new quay was expected to handle as many as 90 ships a week.")
    figure = next(q for q in ex.quantities if "90" in q.span.text)
    claim = next(c for c in ex.claims if c.id == figure.claim)
    assert claim.source is not None and "Brandt" in claim.source.text


def test_a_date_inside_another_claims_content_dates_no_statement(extract):
    ex = extract("The navy said on Tuesday that the first convoy had docked on Friday, but acknowledged that "
                 "most of the cargo was still on the pier.", published="2026-05-22")
    acknowledged = next(c for c in ex.claims if c.cue.text == "acknowledged")
    assert acknowledged.stated_on == "2026-05-19"  # Tuesday, the statement's day; not Friday, the docking's


def test_a_count_of_someone_gives_its_figure_to_them(extract):
    ex = extract("By the monitor's count, the militia has shelled 41 villages since March.")
    figure = next(q for q in ex.quantities if q.span.text.startswith("41"))
    claim = next(c for c in ex.claims if c.id == figure.claim)
    assert "monitor" in claim.source.text and "count" in claim.cue.text
    ex = extract("The coast guard's tally, published on Friday, is higher: 212 people rescued at sea.")
    figure = next(q for q in ex.quantities if q.span.text.startswith("212"))
    assert figure.claim is not None
    assert "coast guard" in next(c for c in ex.claims if c.id == figure.claim).source.text


def test_a_days_toll_or_a_count_without_a_number_is_no_attribution(extract):
    assert not extract("Monday's toll was the highest since the floods of 2019, when 80 people died.").claims
    assert not extract("The ministry's count is expected on Friday.").claims


def test_a_source_is_named_without_the_clause_that_describes_it(extract):
    ex = extract("Doctors Without Borders, which runs a clinic in the camp, said 13 children were dying every day.")
    assert [e.name for e in ex.entities if "Doctors" in e.name] == ["Doctors Without Borders"]
    ex = extract("The officer, who asked not to be named, said the shelling had destroyed the water plant.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.source_entity == "person:officer"


def test_a_clause_that_gives_the_sources_name_stays_in_it(extract):
    ex = extract("“The bridge is ours,” said the commander, who gave only his field name, Orsk.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert "Orsk" in ex.source_name(said)


def test_the_same_briefing_with_words_between_dates_a_statement_like_the_one_before(extract):
    ex = extract("The air force said on Sunday that 90 drones had been shot down in December. In the same "
                 "year-end briefing, its spokesman said about 3,000 had been downed in the year.",
                 published="2026-01-02")
    spokesman = next(c for c in ex.claims if c.source is not None and "spokesman" in c.source.text)
    assert spokesman.stated_on == "2025-12-28"


def test_a_clause_subject_the_parser_made_an_object_stays_in_the_content(extract):
    ex = extract("The committee said conditions in the camp, home to an estimated 500,000 people, were likely "
                 "to persist until October.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.content[0].text.startswith("conditions in the camp")
    figure = next(q for q in ex.quantities if "500,000" in q.span.text)
    assert figure.claim == said.id
    told = extract("She told reporters the town was quiet.").claims[0]
    assert told.content[0].text == "the town was quiet"  # an addressee is no subject


def _source_name(ex, claim):
    names = {e.id: e.name for e in ex.entities}
    return names.get(claim.source_entity)


def test_a_speaker_after_a_long_clause_is_the_source_not_the_content(extract):
    # the parser hangs "Mira Holt, a nurse ..." on "a boy", the last noun of the statement
    ex = extract("Among the dead was a boy who was hit when the roof of the school fell in, Mira Holt, a nurse at "
                 "the district hospital in Orvath, told reporters.")
    told = next(c for c in ex.claims if c.cue.text == "told")
    assert told.source is not None and told.source.text.startswith("Mira Holt")
    assert not any("Holt" in s.text for s in told.content)
    assert _source_name(ex, told) == "Mira Holt"


def test_a_speaker_after_the_verb_is_the_source_and_the_role_finds_the_person(extract):
    ex = extract("Tomas Vey, a doctor at the field clinic, said the wards were full. "
                 '"We are treating about 40 people with burns," added the doctor.')
    added = next(c for c in ex.claims if c.cue.text == "added")
    assert added.source is not None and added.source.text == "the doctor"
    assert _source_name(ex, added) == "Tomas Vey"


def test_a_name_given_with_a_role_is_a_person_that_a_pronoun_finds(extract):
    ex = extract("Three houses collapsed, Sakti, an official from the district rescue office, told the agency. "
                 "A bridge was also washed away, said the official who uses one name. "
                 '"The road is closed," he said.')
    people = {_source_name(ex, c) for c in ex.claims if c.cue.text in ("told", "said")}
    assert people == {"Sakti"}
    assert next(e for e in ex.entities if e.name == "Sakti").type == "person"


def test_an_impression_the_reported_clause_goes_on_to_stays_in_its_content(extract):
    ex = extract("The depot had two gates and appeared to have no guard on either, the chief inspector said.")
    said = [c for c in ex.claims if c.cue.text == "said"]  # two propositions of the inspector's
    assert any("appeared to have no guard" in s.text for c in said for s in c.content)
    assert said and all("inspector" in c.source.text for c in said)


def test_an_unnamed_source_is_the_one_its_role_names_later(extract):
    ex = extract("A harbour official in Sarn, who asked not to be named, said the berths were full. "
                 '"Unless the cranes are fixed, ships will wait for weeks," the official said.')
    first, later = (c for c in ex.claims if c.cue.text == "said")
    assert later.source_entity == first.source_entity is not None
    assert later.source_kind == "anonymous"


def test_a_denial_of_a_thing_is_a_claim_and_a_refused_motion_is_not(extract):
    ex = extract("The ministry denied any role in the raid. It also denied shelling the market. "
                 "The court denied the motion on Friday.")
    denials = {" ".join(s.text for s in c.content): c for c in ex.claims if "denied" in c.cue.text}
    assert set(denials) == {"any role in the raid", "shelling the market"}
    assert all(c.modality == "negated" for c in denials.values())
    assert denials["shelling the market"].source_entity == denials["any role in the raid"].source_entity


def test_a_that_clause_after_an_addressee_or_a_day_is_the_content(extract):
    ex = extract("Governor Ana Pell told a meeting of her cabinet that the dam had held through the night. "
                 "Her deputy, Ruth Omar, said the same day that 300 homes had lost power.")
    told = next(c for c in ex.claims if c.cue.text == "told")
    assert told.content[0].text == "the dam had held through the night"
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.content[0].text == "300 homes had lost power"


def test_a_statement_the_parser_hung_on_a_closing_source_is_its_content(extract):
    ex = extract("The ferry left the port at dawn and its engine failed two hours later off the cape of Vell, "
                 "the coast guard said.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.source.text == "the coast guard"
    assert said.content[0].text.startswith("The ferry left the port at dawn")
    assert not said.content[0].text.endswith(",")


def test_a_spaced_abbreviation_does_not_end_the_sentence(extract):
    # tokenised text, as some archives hold it: "10 a . m . and" is one sentence with its source
    ex = extract("The gunman entered the office at about 10 a . m . and opened fire , the police said .")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert said.source.text == "the police"
    assert said.content[0].text.startswith("The gunman entered")


def test_a_quote_glued_to_the_sentence_before_starts_its_own(extract, pipeline):
    # text pasted without spaces, as scraped pages hold it
    ex = extract('The parcel was left outside the bakery at about 5.30 p.m. (1530 UTC)."There was a bang and '
                 'then smoke," said Mira, a student who saw it.')
    quoted = next(c for c in ex.claims if c.source is not None and c.source.text.startswith("Mira"))
    assert quoted.content[0].text == '"There was a bang and then smoke,"'
    closing = pipeline.nlp('He said "no."The mayor spoke later.')
    assert [s.text for s in closing.sents] == ['He said "no."', "The mayor spoke later."]


def test_coordinated_statements_of_different_modality_are_two_claims(extract):
    ex = extract("The ministry said 40 trucks had crossed on Monday, and that the crossing could close "
                 "again within days. The army said the convoy had arrived and had been unloaded.")
    ministry = [c for c in ex.claims if c.source is not None and c.source.text == "The ministry"]
    assert [(c.content[0].text.split()[:2], c.modality) for c in ministry] == [
        (["40", "trucks"], "asserted"), (["the", "crossing"], "hypothetical")]
    army = [c for c in ex.claims if c.source is not None and c.source.text == "The army"]
    assert len(army) == 1 and army[0].content[0].text.endswith("unloaded")  # one modality: one claim


def test_the_main_proposition_gives_the_modality(extract):
    ex = extract('"There was a loud bang and I thought it was a gas leak," said Oren Dask, a baker.')
    baker = next(c for c in ex.claims if c.source is not None and c.source.text.startswith("Oren Dask"))
    assert baker.modality == "asserted"  # "I thought" hedges the second clause, not the bang


def test_a_clause_saying_none_exist_is_negated(extract):
    ex = extract("The defence ministry said there were no foreign fighters in the province. "
                 "A police spokesman said no group had claimed the bombing.")
    assert [c.modality for c in ex.claims if c.cue.text == "said"] == ["negated", "negated"]


def test_a_hedge_inside_a_description_leaves_the_claim_asserted(extract):
    ex = extract("The hospital said two men who are believed to be guards at the depot had surgery for burns. "
                 '"It costs them perhaps $20,000. We pay far more," said Ilse Varga, an analyst.')
    said, quoted = (c for c in ex.claims if c.cue.text == "said")
    assert said.modality == "asserted"
    assert quoted.modality == "hedged"  # "perhaps" hedges the quoted sentence's own figure


def test_a_pronoun_inside_what_a_source_says_is_that_source(extract):
    ex = extract("Aid workers said the convoy had been stopped by the Ostrevian Border Guard, and that they expected "
                 "the road to reopen by Friday.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    expected = next(c for c in ex.claims if c.cue.text == "expected")
    assert expected.source_entity == said.source_entity is not None


def test_according_to_after_a_relative_clause_in_someone_elses_statement_gives_that_clause(extract):
    ex = extract("The governor has said the dam is safe for the towns below it, which hold about 40,000 people, "
                 "according to the census office.")
    figure = next(q for q in ex.quantities if "40,000" in q.span.text)
    claim = next(c for c in ex.claims if c.id == figure.claim)
    assert "census office" in claim.source.text
    assert claim.content[0].text.startswith("hold about 40,000")
    said = next(c for c in ex.claims if "said" in c.cue.text)
    assert "Governor" in (said.source.text if said.source else "").title()


def test_a_surname_of_a_named_person_is_that_person_and_his_pronoun(extract):
    ex = extract("The caller alerted deputies , according to Genesee County Sheriff Robert Pickell . Deputies "
                 "tried to stop the car , but Dalton Creed would not pull over , Pickell said . Creed drove on "
                 "for an hour . He gave up quietly , Pickell said . Upon arrest , deputies seized a rifle , he said .")
    said = [c for c in ex.claims if c.cue.text == "said"]
    assert [c.source_entity for c in said] == ["person:robert-pickell"] * 3


@pytest.mark.parametrize("text,modality", [
    ("Deputies tried to stop the car, but the driver would not pull over, the sheriff said.", "asserted"),
    ("A spokesman said the army would not withdraw.", "negated"),  # a reported "will not"
    ("The minister said he would not resign if the report cleared him.", "hypothetical"),
])
def test_would_not_in_a_narrative_is_a_refusal(extract, text, modality):
    said = next(c for c in extract(text).claims if c.cue.text == "said")
    assert said.modality == modality


def test_a_name_with_a_spaced_initial_is_one_person(extract, pipeline):
    # tokenised text, as some archives hold it
    ex = extract('"We are searching the rubble , " said Rusli M . Saleh , the deputy district chief . '
                 "He said at least 25 people were in intensive care .")
    assert {c.source_entity for c in ex.claims if c.cue.text == "said"} == {"person:rusli-m-saleh"}
    assert [e.text for e in pipeline.nlp("President George W . Bush spoke .").ents] == ["George W . Bush"]


def test_a_scenario_a_statement_opens_is_no_refusal(extract):
    ex = extract("The president has said he would not send troops but would first review the request.")
    said = [c for c in ex.claims if c.cue.text == "has said"]
    assert [c.modality for c in said] == ["hypothetical"]  # both clauses a scenario: one claim


def test_they_is_the_group_a_plural_subject_named(extract):
    ex = extract("The blast shattered a window, Mayor Ines Harl said. Police issued an appeal for witnesses "
                 "on Saturday. They described the man as dangerous.")
    described = next(c for c in ex.claims if c.cue.text == "described")
    assert described.source_entity == "org:police"


def test_a_spaced_acronym_is_one_word(extract, pipeline):
    # tokenised text, as some archives hold it
    ex = extract("The quake struck at 2 : 09 a . m . , according to the U . S . Geological Survey .")
    according = next(c for c in ex.claims if c.cue.text.startswith("according"))
    assert "Geological Survey" in according.source.text
    assert [t.text for t in pipeline.nlp("at 10 a . m . in the U . S . capital")] == \
        ["at", "10", "a . m .", "in", "the", "U . S .", "capital"]


def test_a_name_modifying_a_noun_is_no_antecedent(extract):
    ex = extract("Mira Holt, director of the programme, said the rule was one of the ways the Dorn administration "
                 'weakened the act. "Several changes have undermined the act," she said.')
    quoted = next(c for c in ex.claims if c.source is not None and c.source.text == "she")
    assert quoted.source_entity == "person:mira-holt"


def test_a_body_named_after_a_person_is_not_that_person(extract):
    ex = extract("President Lenart Voss spoke on Monday. The Voss administration has said it remains confident.")
    body = next(c for c in ex.claims if c.cue.text == "has said")
    assert body.source_entity == "org:voss-administration"


def test_a_gendered_role_keeps_a_pronoun_from_the_wrong_person(extract):
    ex = extract('Tom Hale, a spokesman for the firm, spoke first. Ilene Wolff, a spokeswoman for the hospital, '
                 'arrived later. "It was calm," he said.')
    he = next(c for c in ex.claims if c.source is not None and c.source.text == "he")
    assert he.source_entity == "person:tom-hale"


@pytest.mark.parametrize("text,cue", [
    ("Artillery attacked the school on Tuesday, killing 12.", "attacked"),
    ("Some 400 people sought shelter at the clinic.", "sought"),
])
def test_an_assault_or_a_search_for_shelter_is_no_claim(extract, text, cue):
    assert not [c for c in extract(text).claims if c.cue.text == cue]


def test_an_attack_in_words_stays_a_claim(extract):
    ex = extract("The senator attacked the plan as reckless.")
    assert [c.cue.text for c in ex.claims] == ["attacked"]


def test_all_of_whom_is_the_group_the_clause_describes(extract):
    ex = extract("Boyette spoke to five aid workers in the camp, all of whom said four bombs were dropped.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert "aid-workers" in said.source_entity


def test_a_heading_glued_to_the_next_sentence_is_cut_off(extract, pipeline):
    # scraped pages glue a heading to the sentence after it
    ex = extract("Emergency DeclaredThe head of the clinic, Mara Lind, said the outbreak was grave.")
    said = next(c for c in ex.claims if c.cue.text == "said")
    assert not said.source.text.startswith("Emergency") and "Mara Lind" in said.source.text
    assert [t.text for t in pipeline.nlp("She uses JavaScript at the Theatre.")][:3] == ["She", "uses", "JavaScript"]
    assert [t.text for t in pipeline.nlp("used in the bombsFebruary 2013Tarn visits")][3:7] == \
        ["bombs", "February", "2013", "Tarn"]


def test_an_imperative_is_no_report(extract):
    ex = extract('"There is no danger," the mayor said.Read more: Why officers quit the forcePolice have '
                 "sealed the area.")
    assert [c.cue.text for c in ex.claims] == ["said"]


@pytest.mark.parametrize("text,modality", [
    ("The prosecutor said the two men would appear in court on Wednesday.", "predicted"),
    ("The prosecutor said the suspect appeared in court on Monday.", "asserted"),
    ("Police said the group appeared to be poorly equipped.", "hedged"),
])
def test_appearing_in_court_is_no_hedge(extract, text, modality):
    said = next(c for c in extract(text).claims if c.cue.text == "said")
    assert said.modality == modality


def test_a_speakers_own_thinking_inside_a_quote_is_no_claim_of_its_own(extract):
    ex = extract('"If I had to pick someone, it would be Varga. I think she is great," he says. '
                 '"I told them to leave," she said.')
    assert [c.cue.text for c in ex.claims] == ["says", "said"]


def test_where_someone_spoke_is_not_a_source_of_its_own(extract):
    ex = extract("In that interview, he invoked the teaching of subsidiarity. In a statement on Friday the "
                 "ministry accused the investigators of bias. In a poll released Monday, Voss leads by four points.")
    assert [c.cue.text for c in ex.claims if c.cue.text == "In"] == ["In", "In"]
    accused = next(c for c in ex.claims if "investigators" in " ".join(s.text for s in c.content))
    assert accused.source.text == "the ministry"
    poll = [c for c in ex.claims if c.source is not None and "poll" in c.source.text]
    assert len(poll) == 1


def test_a_document_that_speaks_is_an_artifact_not_a_person(extract):
    ex = extract("The lawsuit alleges the company passed over women for promotion.")
    assert ex.claims[0].source_kind == "artifact" and ex.claims[0].source_entity == "org:lawsuit"


def test_a_title_with_a_spaced_stop_stays_with_its_name(extract):
    ex = extract("Ortiz was searching for the suspect , Sheriff's Capt . Ray Peavy said .")
    assert ex.claims[0].source_entity == "person:ray-peavy"


def test_a_quotes_first_sentence_gives_its_modality(extract):
    ex = extract('"This will grind trade to a halt. Perhaps for days," he said. "Perhaps it will rain. It is '
                 'cold," she said.')
    assert [c.modality for c in ex.claims] == ["predicted", "hedged"]
