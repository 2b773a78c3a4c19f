"""How figures, dates and actor lists read on every face (src/assay/formatting.py)."""

from __future__ import annotations

from datetime import date

import pytest

from assay.formatting import MAX_ACTORS, actor_list, between, day_of, figure, number, plural, short_day, sort_day


@pytest.mark.parametrize(("point", "text"), [
    ({"value": 2000.0, "bound": "exact"}, "2,000"),
    ({"value": 2000.0, "bound": "approx"}, "about 2,000"),
    ({"value": 6000.0, "bound": "at_least", "low": 6000.0}, "≥ 6,000"),
    ({"value": 50.0, "bound": "at_most", "high": 50.0}, "≤ 50"),
    ({"value": 2.5, "bound": None}, "2.5"),
    ({"value": 1234.56}, "1,234.56"),
    ({"value": 0.0}, "0"),
    ({"value": None, "low": 4000.0, "high": 5000.0, "bound": "range"}, "4,000–5,000"),
    ({"value": None, "low": 2.5, "high": 3.5, "bound": "range"}, "2.5–3.5"),  # never rounded to "2–4"
    ({"value": None, "low": 1000.0, "high": 9999.0, "bound": "vague"}, "1,000–9,999 (vague)"),
    ({"value": None, "low": 100.0, "high": None}, "≥ 100"),
    ({"value": None, "low": None, "high": 30.0}, "≤ 30"),
    ({"value": None, "low": None, "high": None}, "?"),
    ({}, "?"),
])
def test_a_figure_reads_as_a_reader_says_it(point, text):
    assert figure(point) == text


def test_numbers_keep_their_decimals_and_ranges_take_an_en_dash():
    assert number(1_000_000_000_000) == "1,000,000,000,000" and number(0.003) == "0.003"
    assert between(2000, 6000) == "2,000–6,000" and between(0.5, 0.75) == "0.5–0.75"


@pytest.mark.parametrize(("value", "year", "text"), [
    ("2026-03-10", 2026, "10 Mar"),
    ("2026-03-10", 2025, "10 Mar 2026"),
    ("2026-03-10", None, "10 Mar 2026"),
    ("2026-03-10T08:30:00+00:00", 2026, "10 Mar"),
    ("2025-10", 2025, "Oct 2025"),  # a month keeps its year: "Oct" alone reads as a day missing
    ("2026-W09", 2026, "week of 23 Feb"),
    ("2026", 2026, "2026"),  # a year alone is shown as stored
    ("P3D", None, "P3D"),
    (None, 2026, "undated"),
    ("", None, "undated"),
])
def test_dates_read_as_words(value, year, text):
    assert short_day(value, year) == text


def test_days_and_sort_keys_of_stored_dates():
    assert day_of("2026-03-10T08:00") == date(2026, 3, 10) and day_of("2026-03") == date(2026, 3, 1)
    assert day_of("2026-W09") == date(2026, 2, 23) and day_of("2026-W60") is None
    assert day_of("2026") is None and day_of(None) is None and day_of("soon") is None
    assert sort_day("2026-W09") == "2026-02-23" and sort_day("2026-03-10T08:00") == "2026-03-10"
    assert sort_day(None) == "" and sorted(["2026-03-01", "2026-W09"], key=sort_day) == ["2026-W09", "2026-03-01"]


def test_actor_lists_name_countries_and_stop_after_a_few():
    two = [{"name": "Norvala", "country": "XN"}, {"name": "the mayor of Ostel", "country": None}]
    assert actor_list(two) == "Norvala (XN); the mayor of Ostel"
    many = [{"name": f"Group {i}", "country": None} for i in range(MAX_ACTORS + 3)]
    text = actor_list(many)
    assert text.startswith("Group 0; Group 1;") and text.endswith(f"Group {MAX_ACTORS - 1} and 3 more")
    assert text.count(";") == MAX_ACTORS - 1
    assert actor_list(many, most=None).count(";") == MAX_ACTORS + 2  # every one, for a key
    assert actor_list(many, most=2) == "Group 0; Group 1 and 7 more"


def test_an_empty_actor_list_says_so_or_says_nothing():
    assert actor_list([]) == "—" and actor_list([], empty="") == ""


def test_plurals():
    assert plural(1, "claim") == "1 claim" and plural(2, "more country") == "2 more countries"
    assert plural(3, "smaller series") == "3 smaller series" and plural(1200, "event") == "1,200 events"
    assert plural(2, "day") == "2 days" and plural(0, "source") == "0 sources"
