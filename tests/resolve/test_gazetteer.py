"""Gazetteer look-ups and context ranking."""

from __future__ import annotations

from assay.resolve.gazetteer import normalize, shipped_gazetteer
from assay.resolve.gazetteer import resolve as resolve_with


def resolve(names, hints=()):
    return resolve_with(shipped_gazetteer(), names, hints)


def candidates(text):
    return shipped_gazetteer().candidates(text)


def test_normalize():
    assert normalize("St. Louis") == "saint louis"
    assert normalize("Seoul’s") == "seoul"
    assert normalize("the Hague") == "hague"
    assert normalize("Zürich") == "zurich"


def test_kiev_and_kyiv_are_one_place():
    kiev, kyiv = resolve(["Kiev"])[0], resolve(["Kyiv"])[0]
    assert kiev is not None and kiev.geonames_id == kyiv.geonames_id and kiev.country == "UA"


def test_state_context_picks_springfield():
    springfield, illinois = resolve(["Springfield", "Illinois"])
    assert illinois.feature == "admin1" and springfield.admin1 == "US.IL"
    assert resolve(["Springfield", "Massachusetts"])[0].admin1 == "US.MA"


def test_country_beats_same_named_town():
    mexico = resolve(["Mexico"])[0]
    assert mexico.feature == "country" and mexico.country == "MX"


def test_region_word_prefers_the_region():
    cands, generic = candidates("Kursk oblast")
    assert generic == "oblast" and any(c.feature == "admin1" for c in cands)
    assert resolve(["Kursk oblast"])[0].feature == "admin1"


def test_hints_and_unknown_names():
    assert resolve(["Xqzvvv"]) == [None]
    assert resolve([]) == []
    assert resolve(["Georgia"], hints=["US"])[0].country in ("US", "GE")


def test_acronym_is_not_a_town_spelt_the_same():
    eu = resolve(["EU"])[0]
    assert eu is not None and eu.feature == "region" and eu.name == "Europe"
    assert all(c.feature != "city" for c in candidates("EU")[0])
    assert resolve(["European Union"])[0].name == "Europe"


def test_country_name_is_not_a_city_by_an_alternate_name():
    cands, _ = candidates("Mexico")
    assert not any(c.alt for c in cands)
    assert resolve(["Mexico City", "Mexico"])[1].feature == "country"


def test_county_point_is_its_namesake_town():
    orange = [c for c in candidates("Orange County")[0] if c.admin1 == "US.CA"][0]
    assert orange.feature == "admin2"
    assert 33.3 < orange.lat < 34.3 and -118.3 < orange.lon < -117.3  # Orange, not the middle of California


def test_formal_style_names_the_short_place():
    armenia = resolve(["Republic of Armenia"])[0]
    assert armenia.feature == "country" and armenia.country == "AM"
    assert resolve(["Kingdom of Saudi Arabia"])[0].country == "SA"
    assert candidates("Bank of America")[0] == []
