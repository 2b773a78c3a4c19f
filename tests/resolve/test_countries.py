"""Country names, aliases, demonyms and seats of government to ISO codes."""

from __future__ import annotations

import pytest

from assay.resolve.countries import shipped_countries

TABLE = shipped_countries()
country_code, country_in, country_info = TABLE.code, TABLE.country_in, TABLE.info


@pytest.mark.parametrize("text, iso", [
    ("U.S.", "US"), ("the United States", "US"), ("America", "US"), ("Britons", "GB"), ("UK", "GB"),
    ("South Korea's", "KR"), ("Republic of Korea", "KR"), ("DPRK", "KP"), ("North Koreans", "KP"),
    ("Palestinians", "PS"), ("Holland", "NL"), ("Russian Federation", "RU"), ("Ukrainian", "UA"),
    ("Hungarians", "HU"), ("Israeli", "IL"),
])
def test_country_code(text, iso):
    assert country_code(text) == iso


@pytest.mark.parametrize("text", ["Korean", "us", "Washington", "", "the"])
def test_country_code_none(text):
    assert country_code(text) is None


@pytest.mark.parametrize("text, context, iso", [
    ("South Korea's spy agency", (), "KR"),
    ("Ukrainian analysts", (), "UA"),
    ("the Kremlin", (), "RU"),
    ("Seoul's foreign ministry", (), "KR"),
    ("North Korean troops", (), "KP"),
    ("White House officials", (), "US"),
    ("Korean officials", ("KR", "RU"), "KR"),
    ("Korean officials", ("KP",), "KP"),
    ("Korean officials", ("South Korea",), "KR"),
])
def test_country_in(text, context, iso):
    assert country_in(text, context) == iso


def test_country_in_unknown_or_ambiguous():
    assert country_in("Korean officials") is None
    assert country_in("Korean officials", ("KR", "KP")) is None
    assert country_in("they told us") is None
    assert country_in("polish workers") is None


def test_longest_match_wins():
    assert country_in("South Korean diplomats", ("KP",)) == "KR"


def test_country_info():
    c = country_info("UA")
    assert c is not None and c.geonameid == 690791 and c.name == "Ukraine"
    assert country_info("ZZ") is None


def test_acronyms_count_only_in_capitals():
    assert country_in("UK officials") == "GB" and country_in("U.K. officials") == "GB"
    assert country_in("Defence Minister Yang Uk") is None  # a given name, not the United Kingdom
