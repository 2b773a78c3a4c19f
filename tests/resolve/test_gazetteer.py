"""Gazetteer look-ups and context ranking."""

from __future__ import annotations

from assay.resolve.gazetteer import candidates, normalize, resolve


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
