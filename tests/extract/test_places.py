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


def test_dateline_is_the_city_not_the_state(extract):
    ex = extract("NEW YORK — Stocks fell on Monday as traders weighed fresh data on prices.")
    p = ex.places[0]
    assert p.span.text == "NEW YORK" and p.feature == "city" and p.country == "US"
    ps = _places(extract, "New York (AP) — Stocks fell on Monday as traders weighed fresh data on prices.")
    assert ps["New York"].feature == "city"


def test_dateline_with_abbreviated_saint(extract):
    ex = extract("ST. LOUIS – Police said on Friday that two men had been arrested after a break-in.")
    first = ex.places[0]
    assert first.span.text == "ST. LOUIS" and first.feature == "city" and first.country == "US"


def test_leading_list_of_states_is_no_dateline(extract):
    ps = _places(extract, "Texas, Oklahoma and Kansas were hit by storms on Sunday night.")
    assert ps["Texas"].feature == "admin1"


def test_county_dateline_stays_a_county(extract):
    ps = _places(extract, "LAUREL COUNTY, Ky. (AP) — A man died on Sunday after a crash on a rural road.")
    assert ps["LAUREL COUNTY"].feature == "admin2" and ps["LAUREL COUNTY"].country == "US"


def test_county_without_a_namesake_town_goes_to_the_articles_town(extract):
    text = ("Suffolk County police said the crash happened near Riverhead, New York, on Sunday. "
            "Riverhead officials closed the road for six hours.")
    ps = _places(extract, text)
    county = ps["Suffolk County"]
    assert county.feature == "admin2" and county.country == "US"
    assert abs(county.lat - ps["Riverhead"].lat) < 0.01 and abs(county.lon - ps["Riverhead"].lon) < 0.01
