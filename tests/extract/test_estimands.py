"""Estimands on sentences we wrote: what a figure counts, whose it is, when, and how it is given."""

import pytest


def estimand_of(extract, text, figure, published="2026-03-02"):
    """The estimand of the quantity whose text starts with `figure`."""
    qs = [q for q in extract(text, published).quantities if q.span.text.startswith(figure)]
    assert qs, [q.span.text for q in extract(text, published).quantities]
    return qs[0]


@pytest.mark.parametrize("text,figure,concept,measure", [
    ("A car bomb tore through the market on Sunday, killing at least five people and injuring dozens.",
     "at least five", "casualties", "killed"),
    ("A car bomb tore through the market on Sunday, killing at least five people and injuring dozens.",
     "dozens", "casualties", "injured"),
    ("Hospital officials said the toll stood at 24 by Monday evening.", "24", "casualties", "killed"),
    ("The storm left 24 dead and over 200 injured along the coast.", "over 200", "casualties", "injured"),
    ("Police arrested 51 others after the clashes.", "51", "detained", "detained"),
    ("More than 40,000 people have fled the fighting since January.", "More than 40,000", "displaced",
     "displaced"),
    ("Coastal batteries shot down 31 drones overnight, the navy said.", "31", "weapons", "intercepted"),
    ("Organisers put the crowd at about 20,000.", "about 20,000", "people", "crowd"),
    ("The army said its forces had neutralised 40 fighters near the pass.", "40", "casualties", "killed"),
])
def test_the_measure_comes_from_the_words_that_govern_the_figure(extract, text, figure, concept, measure):
    e = estimand_of(extract, text, figure).estimand
    assert (e.concept, e.measure) == (concept, measure)


def test_troops_sent_stationed_or_fighting_are_one_count_of_the_force(extract):
    sent = estimand_of(extract, "North Korea has sent 800 soldiers to the front.", "800").estimand
    there = estimand_of(extract, "About 3,000 North Korean troops are now fighting in Kursk.", "About 3,000").estimand
    assert sent.key() == there.key() and sent.group == "KP"


def test_a_year_in_the_clause_keeps_an_old_toll_apart(extract):
    text = "The quake killed 12 people on Tuesday. In 2004 a tsunami killed 170,000 people in the province."
    now, then = (estimand_of(extract, text, f).estimand for f in ("12", "170,000"))
    assert now.period == "2026-02" and then.period == "2004" and now.key() != then.key()


@pytest.mark.parametrize("text,figure,period", [
    ("In 2004, a huge earthquake off the coast triggered a tsunami that killed 170,000 people.", "170,000", "2004"),
    ("The Dec. 26, 2004 quake set off a wave that killed some 170,000 people around the ocean.", "some 170,000",
     "2004-12"),
    ("The floods of August 2019, which left 40 people dead, were the worst in decades.", "40", "2019-08"),
])
def test_an_incident_takes_the_period_of_the_clause_it_hangs_on(extract, text, figure, period):
    assert estimand_of(extract, text, figure, published="2013-07-03").estimand.period == period


@pytest.mark.parametrize("text,figure,measure", [
    ("He shot three people at the depot, killing one.", "three", "shot"),
    ("He shot three people at the depot, killing one.", "one", "killed"),
    ("A gunman shot dead four people at the market.", "four", "killed"),
    ("Police shot and killed two men at the checkpoint.", "two", "killed"),
    ("Gunmen shot two guards outside the bank.", "two", "shot"),
])
def test_a_shooting_is_its_own_measure_unless_it_killed(extract, text, figure, measure):
    assert estimand_of(extract, text, figure).estimand.measure == measure


def test_a_particle_the_parser_reads_as_an_adverb_still_names_the_measure(extract):
    e = estimand_of(extract, "Soldiers shot down 12 drones near the border.", "12").estimand
    assert (e.concept, e.measure) == ("weapons", "intercepted")


def test_tokenised_digit_groups_are_one_figure(extract):
    q = estimand_of(extract, "A tsunami killed 170 , 000 people in the province .", "170 , 000")
    assert q.value == 170_000 and q.estimand.measure == "killed"


def test_projections_are_estimates_in_a_series_of_their_own(extract):
    text = "The agency expects the total to reach 9,000 by the end of the month."
    q = estimand_of(extract, text, "9,000")
    assert q.status == "estimate" and q.estimand.kind == "projection"


@pytest.mark.parametrize("text,figure,status", [
    ("Officials said 12 people had died and the toll could rise.", "12", "reported"),
    ("Officials warned the toll could reach 40 by the weekend.", "40", "hypothetical"),
    ("Aid groups said more than 4,000 children would die without food.", "more than 4,000", "hypothetical"),
])
def test_a_figures_status_follows_its_own_clause(extract, text, figure, status):
    assert estimand_of(extract, text, figure).status == status


@pytest.mark.parametrize("text,figure", [
    ("Arlen Dobe, 34, was killed on Friday.", "34"),
    ("The shop at 24 Kessel Street was looted.", "24 Kessel Street"),
    ("A 6.1-magnitude quake struck the island.", "6.1"),
    ("The ruling rests on section 293 of the penal code.", "293"),
])
def test_numbers_that_count_nothing_get_no_estimand(extract, text, figure):
    assert estimand_of(extract, text, figure).estimand is None


def test_a_day_said_of_the_past_without_a_year_is_last_years_in_january(extract):
    ex = extract("The president said on December 26 that 30 people were killed.", "2025-01-20")
    assert ex.claims[0].stated_on == "2024-12-26"


def test_a_town_in_the_figures_clause_keeps_its_part_of_a_toll_apart(extract):
    text = ("Floods killed 40 people across Sudan on Monday, officials said. "
            "In Atbara, 12 people were killed when a dam gave way, the governor said.")
    whole, part = (estimand_of(extract, text, f).estimand for f in ("40", "12"))
    assert whole.place is None and part.place == "Atbara" and whole.key() != part.key()


def test_hundreds_of_thousands_is_one_vague_figure(extract):
    qs = extract("Hundreds of thousands of residents fled the city.").quantities
    assert [(q.low, q.high, q.bound) for q in qs] == [(100_000, 999_999, "vague")]
    assert qs[0].estimand.concept == "displaced"


def test_a_figure_in_a_stance_takes_the_source_that_reports_it(extract):
    ex = extract("Since May the group has attacked more than 100 ships, according to the Kestrel monitoring project.")
    q = next(q for q in ex.quantities if q.span.text.startswith("more than 100"))
    claim = next(c for c in ex.claims if c.id == q.claim)
    assert claim.source is not None and "Kestrel" in claim.source.text


def test_a_since_phrase_makes_a_running_total_of_its_own(extract):
    since_date = estimand_of(extract, "Since the first raids last September, gunners have shot down more than "
                             "900 of the drones.", "more than 900", published="2026-03-02").estimand
    assert since_date.period == "since:2025-09"
    since_clause = estimand_of(extract, "The agency said 6,500 trucks had entered the enclave since the "
                               "blockade ended.", "6,500").estimand
    assert since_clause.period == "since"
    plain = estimand_of(extract, "The agency said 6,500 trucks had entered the enclave.", "6,500").estimand
    assert plain.key() != since_clause.key()
    toll = estimand_of(extract, "At least 30 people have been killed since the fighting began.", "At least 30")
    assert toll.estimand.period is None  # a toll is one running series, said with "since" or not


def test_a_flow_counted_on_a_day_and_a_rate_on_the_verb_are_series_of_their_own(extract):
    day = estimand_of(extract, "The agency said 212 trucks crossed into the enclave on February 24.", "212").estimand
    assert day.period == "2026-02-24"
    rate = estimand_of(extract, "Before the siege, about 300 trucks crossed each working day.", "about 300")
    assert rate.estimand.kind == "per day"
    troops = estimand_of(extract, "About 2,000 soldiers arrived in the port on March 14.", "About 2,000")
    assert troops.estimand.period is None  # a force's size: the day is when it was said


def test_a_sum_has_one_key_however_its_currency_is_written(extract):
    keys = {estimand_of(extract, text, figure).estimand.key() for text, figure in (
        ("Thieves made off with jewels worth two million euros.", "two million"),
        ("Thieves made off with jewels worth €2 million.", "€2 million"),
        ("Thieves made off with a two-million-euro haul.", "two-million"))}
    assert len(keys) == 1 and "€" in keys.pop()


@pytest.mark.parametrize("text,figure,compared", [
    ("An average of 98 aid trucks a day crossed into the enclave in February, down from about 150 a day "
     "in January, the agency said.", "about 150", "98"),
    ("Just 21 trucks a day reached the south, compared with about 200 a day in April.", "about 200", "21"),
    ("The toll rose to 24 on Tuesday, up from 12 a day earlier.", "12", "24"),
])
def test_a_figure_given_for_comparison_counts_what_the_other_counts(extract, text, figure, compared):
    mine, theirs = (estimand_of(extract, text, f).estimand for f in (figure, compared))
    assert (mine.concept, mine.measure, mine.counted, mine.kind) == \
        (theirs.concept, theirs.measure, theirs.counted, theirs.kind)


def test_the_compared_figures_month_is_its_own(extract):
    text = "Just 21 trucks a day reached the south in May, compared with about 200 a day in April."
    now, then = (estimand_of(extract, text, f, published="2024-06-02").estimand for f in ("21", "about 200"))
    assert (now.period, then.period) == ("2024-05", "2024-04")


@pytest.mark.parametrize("text,figure,concept,measure", [
    ("Security forces killed 12 protesters in the capital.", "12", "casualties", "killed"),
    ("Police arrested 40 protesters outside the ministry.", "40", "detained", "detained"),
    ("Gunmen killed 30 refugees at the camp.", "30", "casualties", "killed"),
    ("Some 5,000 refugees fled across the border.", "Some 5,000", "displaced", "displaced"),
])
def test_what_the_verb_did_to_the_people_counted_names_the_count(extract, text, figure, concept, measure):
    e = estimand_of(extract, text, figure).estimand
    assert (e.concept, e.measure) == (concept, measure)


def test_a_force_named_in_its_own_clause_is_not_the_last_nations(extract):
    text = ("About 5,000 Veldran troops are in the region. The UN mission, ORVAM, which has about 9,000 troops "
            "there, said it had asked for access.")
    veldran, mission = (estimand_of(extract, text, f).estimand for f in ("About 5,000", "about 9,000"))
    assert mission.group != veldran.group and mission.group == "orvam"


def test_the_nationality_of_a_leader_is_whose_force_he_sends(extract):
    e = estimand_of(extract, "North Korean leader Kim Jong-un sent 1,500 special forces.", "1,500").estimand
    assert e.group == "KP"


def test_a_partitive_pronoun_counts_what_it_stands_for(extract):
    text = "Russia launched 400 drones overnight; air defences shot down 350 of them."
    e = estimand_of(extract, text, "350").estimand
    assert (e.concept, e.measure, e.counted) == ("weapons", "intercepted", "drone")


@pytest.mark.parametrize("text,figure", [
    ("Thu , 10 Nov 2011 02 : 45 PM A refugee camp was hit by an air strike .", "02"),
    ("Witnesses heard three more blasts at 3 p . m . local time .", "3"),
    ("The attack began at 10 a . m . on Monday .", "10"),
    ("The camp received a ration on Oct . 29 and another later .", "29"),
    ("The rivals have accused one another of arming rebels.", "one"),
    ("We were 20 in one room, with no blankets.", "20"),
])
def test_a_clock_a_date_or_a_figure_of_nothing_read_forms_no_series(extract, text, figure):
    assert estimand_of(extract, text, figure).estimand is None


def test_a_figure_after_of_counts_its_noun(extract):
    e = estimand_of(extract, "The quake shook a port with a population of 120,000.", "120,000").estimand
    assert e is not None and e.counted == "population"


def test_a_district_named_in_the_opening_phrase_is_each_figures_place(extract):
    text = ("In neighbouring Central Aceh district, 10 people were killed, 140 were injured and about 1,500 "
            "houses were damaged, the agency said.")
    places = {estimand_of(extract, text, f, published="2013-07-03").estimand.place
              for f in ("10", "140", "about 1,500")}
    assert places == {"Central Aceh"}


def test_a_figure_joined_to_the_clause_before_takes_its_own_verb_and_place(extract):
    e = estimand_of(extract, "Twelve people were killed in Bener Meriah and 70 others were injured.", "70",
                    published="2013-07-03").estimand
    assert (e.measure, e.place) == ("injured", "Bener Meriah")


@pytest.mark.parametrize("text,figure", [
    ("One report said six children were killed.", "One report"),
    ("Two officials told reporters that 300 troops had left.", "Two officials"),
    ("One of the fatalities was a child, the doctor said.", "One of the fatalities"),
])
def test_a_figure_that_counts_the_speakers_or_picks_one_forms_no_series(extract, text, figure):
    assert estimand_of(extract, text, figure).estimand is None


@pytest.mark.parametrize("text,figure", [
    ("A passer-by called 911 shortly after the shots.", "911"),
    ("The shooting happened in the 12000 block of Pioneer Boulevard.", "12000"),
    ("Police found a .38-caliber revolver in the car.", ".38"),
])
def test_a_number_that_names_forms_no_series(extract, text, figure):
    assert estimand_of(extract, text, figure).estimand is None
