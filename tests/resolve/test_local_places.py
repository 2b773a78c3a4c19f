"""A user's places file: parsed strictly, and once registered it wins over the gazetteer."""

from __future__ import annotations

import pytest

from assay.extract.places import extract_places
from assay.records import Article
from assay.resolve.local_places import parse_line, read_places_file
from assay.resolve.reference import build_reference, shipped_reference


def test_a_row_parses_with_its_aliases_and_demonyms():
    p = parse_line("Quessland|the Quess Republic\tcountry\txq\t-10.5\t20\tQuesslander|Quesslanders", "f:1")
    assert p.names == ("Quessland", "the Quess Republic")
    assert (p.feature, p.country, p.lat, p.lon) == ("country", "XQ", -10.5, 20.0)
    assert p.demonyms == ("Quesslander", "Quesslanders")


@pytest.mark.parametrize("line, problem", [
    ("Quessland\tcountry\tXQ\t1", "5 or 6"),
    ("Quessland\tnation\tXQ\t1\t2", "feature"),
    ("Quessland\tcountry\tXQR\t1\t2", "two-letter"),
    ("Quessland\tcountry\tXQ\tnorth\t2", "not numbers"),
    ("Quessland\tcountry\tXQ\t95\t2", "out of range"),
    (" | \tcity\tXQ\t1\t2", "no name"),
])
def test_a_malformed_row_names_the_line_and_the_problem(line, problem):
    with pytest.raises(ValueError, match=problem) as err:
        parse_line(line, "places.tsv:7")
    assert "places.tsv:7" in str(err.value)


def test_comments_and_blank_lines_are_skipped(tmp_path):
    f = tmp_path / "places.tsv"
    f.write_text("# my places\n\nHollin\tcity\tXQ\t-10.1\t20.3\n", encoding="utf-8")
    assert [p.names for p in read_places_file(f)] == [("Hollin",)]


def test_a_places_file_resolves_and_names_countries_in_its_own_reference(pipeline, tmp_path):
    f = tmp_path / "places.tsv"
    f.write_text("Quessland\tcountry\tXQ\t-10.5\t20\tQuesslander|Quesslanders\nHollin\tcity\tXQ\t-10.1\t20.3\n",
                 encoding="utf-8")
    ref = build_reference(places_file=f)
    assert ref.countries.country_in("Quesslander troops") == "XQ"
    text = "Quesslander troops were fighting in Hollin on Monday, officials in Quessland said."
    doc = pipeline.nlp(text)
    places = {p.span.text: p for p in extract_places(doc, Article(id="q", text=text), ref)}
    assert (places["Hollin"].country, places["Hollin"].feature, places["Hollin"].lat) == ("XQ", "city", -10.1)
    assert places["Quessland"].country == "XQ" and places["Quessland"].geonames_id is None
    # the shipped tables are left as they were: another Reference in the same process does not see the file
    shipped = shipped_reference()
    assert shipped.countries.country_in("Quesslander troops") is None
    assert not shipped.gazetteer.lookup("Hollin") or shipped.gazetteer.lookup("Hollin")[0].country != "XQ"
    plain = {p.span.text: p for p in extract_places(doc, Article(id="q", text=text), shipped)}
    assert plain.get("Quessland") is None or plain["Quessland"].country != "XQ"
