"""Quantities on sentences we wrote, including the traps (dates, ordinals, questions, if-clauses)."""

import pytest


def quantities(extract, text):
    return extract(text).quantities


def only(extract, text):
    qs = quantities(extract, text)
    assert len(qs) == 1, [q.span.text for q in qs]
    return qs[0]


@pytest.mark.parametrize("text,value,unit", [
    ("The army moved 1,500 special forces to the coast.", 1500, "special forces"),
    ("The fund lost 1.5 million dollars last year.", 1_500_000, "dollars"),
    ("They counted twenty-five tanks near the bridge.", 25, "tanks"),
    ("A dozen drones hit the depot.", 12, "drones"),
    ("The convoy drove 600 miles of front line.", 600, "miles"),
    ("Turnout reached 47.6% in the capital.", 47.6, "%"),
    ("The ministry paid $5m for the radar.", 5_000_000, "$"),
    ("The new phone ships with 256GB of storage.", 256, "GB"),
])
def test_values_and_units(extract, text, value, unit):
    q = only(extract, text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize("text,bound,low,high", [
    ("At least 37 civilians were killed.", "at_least", 37, None),
    ("The plant will hire up to 400 people.", "at_most", None, 400),
    ("About 2,000 troops crossed the border.", "approx", None, None),
    ("Between 4,000 and 5,000 troops are in the province.", "range", 4000, 5000),
    ("The column stretched 10-12 kilometres.", "range", 10, 12),
    ("Thousands of families have fled.", "vague", 1000, 9999),
    ("Tens of thousands of people marched.", "vague", 10_000, 99_999),
])
def test_bounds(extract, text, bound, low, high):
    q = only(extract, text)
    assert q.bound == bound
    assert q.low == low and q.high == high
    if bound in ("range", "vague"):
        assert q.value is None


@pytest.mark.parametrize("text", [
    "The talks began on March 3, 2026 in the capital.",
    "The vote is set for Nov. 5.",
    "The 22nd brigade left at 3 p.m.",
    "The treaty was signed in 2009.",
])
def test_dates_times_ordinals_years_are_not_quantities(extract, text):
    assert quantities(extract, text) == ()


def test_hypotheticals(extract):
    ex = extract("“If 10,000 soldiers fail, is the general going to send 10,000 more?” the analyst asked.")
    assert [q.status for q in ex.quantities] == ["hypothetical", "hypothetical"]


def test_linked_to_the_claim_and_estimate_status(extract):
    ex = extract("The intelligence service estimates that 12,000 troops are being sent. "
                 "The ministry said 300 trucks had crossed.")
    by_value = {q.value: q for q in ex.quantities}
    estimate, reported = by_value[12000], by_value[300]
    claims = {c.id: c for c in ex.claims}
    assert estimate.status == "estimate" and claims[estimate.claim].cue.text == "estimates"
    assert reported.status == "reported" and claims[reported.claim].cue.text == "said"
    assert estimate.concept == "personnel"


def test_durations_are_quantities(extract):
    q = only(extract, "Every recruit serves 10 years in the army.")
    assert q.value == 10 and q.concept == "duration"


def test_author_voice_has_no_claim(extract):
    q = only(extract, "The town had 25,000 residents before the war.")
    assert q.claim is None and q.status == "reported"


@pytest.mark.parametrize("text,value", [
    ("A third of the wells ran dry.", 1 / 3),
    ("One out of four shelters closed.", 0.25),
    ("Exports fell -1.3% in March.", -1.3),
    ("The firm now ships 1.2m tons of grain.", 1_200_000),
    ("The tower is 37m tall.", 37),
])
def test_fractions_signs_and_scales(extract, text, value):
    q = only(extract, text)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "The Harbour 100 index closed higher.",
    "The curfew starts at 9 pm.",
    "They bought a four-door car.",
    "Each one was checked twice.",
])
def test_names_clock_times_adjectives_and_pronouns_are_not_quantities(extract, text):
    assert quantities(extract, text) == ()


def test_range_shares_the_written_scale(extract):
    q = only(extract, "The repairs will cost $10 to $15 billion.")
    assert (q.low, q.high, q.bound) == (10e9, 15e9, "range")


def test_change_then_level_is_two_figures(extract):
    qs = quantities(extract, "The deficit grew by $43 billion to $419 billion.")
    assert [q.value for q in qs] == [43e9, 419e9]


def test_change_in_percent_then_level_is_two_figures(extract):
    qs = quantities(extract, "Shares of the shipyard rose 8.15% to 3.65 on Monday.")
    assert [(q.value, q.unit) for q in qs] == [(8.15, "%"), (3.65, None)]


def test_from_x_words_to_y_is_a_range(extract):
    q = only(extract, "The mayor lost weight, dropping from 208 pounds to 193 by walking.")
    assert (q.low, q.high, q.bound) == (193, 208, "range")


def test_currency_codes(extract):
    q = only(extract, "The council approved a package of INR1 trillion for roads.")
    assert q.value == 1e12 and q.concept == "money"


def test_phone_numbers_are_not_quantities(extract):
    assert quantities(extract, "Families can call the hotline on 020 7946 0958 or (202) 555-0134.") == ()


def test_no_more_than_is_an_upper_bound(extract):
    q = only(extract, "The ministry said the volunteers numbered no more than 500.")
    assert (q.bound, q.low, q.high) == ("at_most", None, 500)


@pytest.mark.parametrize("text", ["Thieves made off with a two-million-euro haul.",
                                  "Thieves made off with a two - million - euro haul ."])
def test_a_scale_inside_a_hyphenated_compound_multiplies(extract, text):
    q = only(extract, text)
    assert q.value == 2_000_000
    assert not (q.unit or "").startswith("-")
