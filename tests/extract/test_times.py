"""Times normalised against the article date, on sentences we wrote. 2026-03-09 is a Monday."""

import pytest

MONDAY = "2026-03-09"


def times(extract, text, published=MONDAY):
    return [(t.span.text, t.value) for t in extract(text, published).times]


@pytest.mark.parametrize("text,expected", [
    ("The ministry said on Friday that the road was closed.", ("on Friday", "2026-03-06")),
    ("The council will meet on Thursday.", ("on Thursday", "2026-03-12")),
    ("Voters elect a new mayor on Sunday.", ("on Sunday", "2026-03-15")),
    ("The envoy spoke on Monday.", ("on Monday", MONDAY)),
    ("The governor spoke on Sunday evening.", ("on Sunday evening", "2026-03-08TEV")),
    ("Prices rose this month.", ("this month", "2026-03")),
    ("Shelling went on over the weekend.", ("over the weekend", "2026-W10-WE")),
    ("The siege began in June 2025.", ("June 2025", "2025-06")),
    ("The offensive started in August.", ("August", "2025-08")),
    ("The clinic has counted 40 dead since the start of March.", ("the start of March", "2026-03")),
    ("The vote is set for Nov. 5.", ("Nov. 5", "2026-11-05")),
    ("Every recruit serves 10 years.", ("10 years", "P10Y")),
    ("For months, the border stayed shut.", ("For months", "PXM")),
])
def test_normalisation(extract, text, expected):
    assert expected in times(extract, text)


def test_without_a_published_date_relative_times_stay_open(extract):
    assert times(extract, "The ministry said on Friday that the road was closed.", published=None) == [
        ("on Friday", None)]


def test_claims_get_the_day_they_were_made(extract):
    ex = extract("The agency said on Friday that 300 trucks had crossed. Officials now estimate that "
                 "2,000 troops are in the province.", MONDAY)
    by_cue = {c.cue.text.split()[-1]: c.stated_on for c in ex.claims}
    assert by_cue["said"] == "2026-03-06"
    assert by_cue["estimate"] == MONDAY  # present tense: as of the article's date


def test_a_date_in_a_verbless_sentence_does_not_hang(extract):
    # the time's head chain ends at a noun root: reading its tense must stop there
    assert times(extract, "Talks on Friday.") == [("on Friday", "2026-03-06")]


def test_recent_years_is_a_past_reference(extract):
    assert ("recent years", "PAST_REF") in times(extract, "Trade between the towns has grown in recent years.")


@pytest.mark.parametrize("text,expected", [
    ("The agency said on Friday that 300 trucks had crossed a day earlier.", ("a day earlier", "2026-03-05")),
    ("The convoy left on Thursday and reached the port two days later.", ("two days later", "2026-03-07")),
    ("The bridge was struck three days ago.", ("three days ago", "2026-03-06")),
    ("Officials said the strike came a day earlier.", ("a day earlier", "2026-03-08")),
])
def test_days_counted_from_another_day(extract, text, expected):
    assert expected in times(extract, text)
