"""Place names in articles, resolved with the article as context."""

from __future__ import annotations


def _places(extract, text):
    return {p.span.text: p for p in extract(text).places}


def test_empty_text(extract):
    assert extract("").places == ()


def test_qualifier_picks_paris_texas(extract):
    ps = _places(extract, "A storm knocked out power in Paris, Texas, on Sunday, officials said.")
    assert ps["Paris"].country == "US"
    assert ps["Texas"].feature == "admin1"


def test_paris_alone_is_france(extract):
    ps = _places(extract, "The minister flew to Paris on Monday for talks.")
    assert ps["Paris"].country == "FR"


def test_state_in_article_picks_springfield(extract):
    text = ("Illinois lawmakers met on Tuesday. The governor said the budget would be settled in Springfield "
            "before the end of the month.")
    ps = _places(extract, text)
    assert ps["Springfield"].country == "US"
    assert 39 < ps["Springfield"].lat < 40.5 and -90.5 < ps["Springfield"].lon < -89


def test_possessive_and_spans(extract):
    text = "Seoul's foreign ministry summoned the ambassador, and troops gathered in Russia's Kursk oblast."
    ex = extract(text)
    for p in ex.places:
        assert text[p.span.start:p.span.end] == p.span.text
    ps = {p.span.text: p for p in ex.places}
    assert ps["Seoul"].country == "KR" and ps["Seoul"].feature == "city"
    assert ps["Kursk oblast"].country == "RU" and ps["Kursk oblast"].feature == "admin1"


def test_demonyms_and_countries(extract):
    ps = _places(extract, "Ukrainian officials said Germany would send more aid to Ukraine.")
    assert ps["Ukrainian"].country == "UA" and ps["Ukrainian"].feature == "country"
    assert ps["Germany"].geonames_id == 2921044


def test_unresolved_name_kept_without_point(extract):
    ps = _places(extract, "Flooding closed Xyloquartz Valley Road near Frankfurt on Friday.")
    assert ps["Frankfurt"].country == "DE"
    for p in ps.values():
        if p.lat is None:
            assert p.geonames_id is None and p.feature == "other"


def test_a_capitalised_dateline_is_a_place(extract):
    ex = extract("KYIV, Ukraine — Officials said on Monday that the bridge had reopened to traffic.")
    by_text = {p.span.text: p for p in ex.places}
    assert by_text["KYIV"].country == "UA" and by_text["KYIV"].feature == "city"
