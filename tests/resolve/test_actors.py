"""The actor table and entity resolution across articles (sentences and names written for these tests)."""

from __future__ import annotations

import pytest

from assay.analyze.store_entities import name_key, resolve_store
from assay.records import Article, Claim, Entity, Extraction, Span
from assay.resolve.actors import ActorTable, read_actors_file, shipped_actors
from assay.resolve.countries import shipped_countries

ACTORS = shipped_actors()
canonical, describe = ACTORS.canonical, ACTORS.describe


def _resolve(extractions: list[Extraction]) -> dict:
    return resolve_store(extractions, ACTORS)


def _id(name: str, type_: str = "org", country: str | None = None, table: ActorTable = ACTORS) -> str | None:
    row = table.canonical(name, type_, country)
    return row.id if row else None


# ------------------------------------------------------------------ the table


@pytest.mark.parametrize("name", ["NIS", "the NIS", "South Korea's spy agency", "Seoul's spy agency",
                                  "South Korea's lead spy agency", "the South Korean intelligence agency",
                                  "South Korea's National Intelligence Service"])
def test_names_and_descriptions_of_the_nis_are_one_entity(name):
    row = canonical(name, "org", None)
    assert row is not None and row.id == "org:kr-nis" and row.country == "KR" and row.kind == "intelligence"


def test_a_generic_full_name_needs_its_country():
    assert _id("National Intelligence Service") is None  # many countries have one
    assert _id("National Intelligence Service", country="KR") == "org:kr-nis"
    assert _id("the Ministry of Defence") is None
    assert _id("the Ministry of Defence", country="RU") == "org:ru-mod"


@pytest.mark.parametrize("name", ["Russia's defence ministry", "the Russian Defence Ministry",
                                  "Russia's Ministry of Defense", "Ministry of Defence of the Russian Federation",
                                  "Moscow's defence ministry"])
def test_defence_ministry_phrasings_are_one_entity(name):
    assert _id(name) == "org:ru-mod"


def test_description_reads_country_and_head_concept():
    assert describe("Seoul's main spy agency") == ("KR", "intelligence")
    assert describe("Ministry of Foreign Affairs of Ukraine") == ("UA", "foreign_ministry")
    assert describe("the defense ministry") == (None, "defence_ministry")
    assert describe("Russian-backed forces") is None
    assert describe("Edda Vinter") is None


def test_services_of_a_country_with_several_stay_apart():
    assert _id("Ukraine's military intelligence") == "org:ua-gur"
    assert _id("Ukrainian intelligence") == "org:ua-gur"
    assert _id("Ukraine's security service") == "org:ua-sbu"
    assert _id("HUR") == _id("GUR") == "org:ua-gur"
    assert _id("Russian military intelligence") == "org:ru-gru"
    assert _id("Russian intelligence") is None  # FSB, SVR or GRU: the table does not guess


def test_acronyms_match_only_in_capitals():
    assert _id("RAW") == "org:in-raw"
    assert _id("raw") is None


def test_a_bare_country_name_is_the_state_and_a_demonym_is_not():
    row = canonical("Russia", "org", None)
    assert row is not None and (row.id, row.type, row.country) == ("gpe:ru", "gpe", "RU")
    assert canonical("Russians", "org", None) is None


def test_another_country_never_matches():
    assert _id("the Kremlin", country="UA") is None
    assert _id("a spokesman", "person") is None


def test_a_parser_person_that_is_a_description_still_resolves():
    assert _id("Ukrainian intelligence", "person") == "org:ua-gur"


def test_a_user_file_extends_the_table(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("# my own bodies\n"
                    "org:ee-isb\tEstonian Internal Security Service\torg\tintelligence\tEE\t"
                    "KAPO|Estonian security service\n", encoding="utf-8")
    mine = ActorTable(shipped_countries(), read_actors_file(path))
    assert _id("KAPO", table=mine) == "org:ee-isb"
    assert _id("Estonia's security service", table=mine) == "org:ee-isb"  # by (country, concept), not verbatim
    assert _id("KAPO") is None  # the shipped table is left as it was


def test_a_bad_row_names_the_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("# header\norg:xo-ok\tOk Body\torg\tofficial_body\tXO\t\norg:xo-bad\tBad Body\torg\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3: expected 6"):
        read_actors_file(path)
    path.write_text("org:xo-bad\tBad Body\torg\tsoothsayer\tXO\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:1: kind 'soothsayer'"):
        read_actors_file(path)


# ------------------------------------------------------------------ across the store


def _article(aid: str, *entities: tuple[str, str, str, str | None]) -> Extraction:
    """An extraction holding entities (id, name, type, country), each mentioned once, and a claim for each."""
    text = " ".join(name for _, name, _, _ in entities) + " said so."
    ents, claims, pos = [], [], 0
    for n, (eid, name, type_, country) in enumerate(entities, 1):
        span = Span(name, pos, pos + len(name))
        pos += len(name) + 1
        ents.append(Entity(eid, name, type_, country, (span,)))
        claims.append(Claim(f"c{n}", cue=Span("said", len(text) - 8, len(text) - 4), content=(),
                            source=span, source_entity=eid, source_kind="person" if type_ == "person" else
                            "official_body"))
    return Extraction(Article(aid, text), claims=tuple(claims), entities=tuple(ents))


def test_a_partial_name_joins_the_only_matching_person_in_the_store():
    store = _resolve([_article("a1", ("person:orsa-vell", "Orsa Vell", "person", None)),
                           _article("a2", ("person:vell", "Vell", "person", None))])
    assert store["a1/person:orsa-vell"] is store["a2/person:vell"]
    assert store["a2/person:vell"].name == "Orsa Vell"
    assert store["a2/person:vell"].articles == {"a1", "a2"}


def test_a_surname_two_people_share_stays_apart():
    store = _resolve([_article("a1", ("person:anna-berg", "Anna Berg", "person", None)),
                           _article("a2", ("person:lars-berg", "Lars Berg", "person", None)),
                           _article("a3", ("person:berg", "Berg", "person", None))])
    anna, lars, berg = (store[k] for k in ("a1/person:anna-berg", "a2/person:lars-berg", "a3/person:berg"))
    assert len({anna.id, lars.id, berg.id}) == 3


def test_transliterations_of_a_name_merge():
    assert name_key("Zelensky") == name_key("Zelenskyy") == name_key("Zelenskiy")
    store = _resolve([_article("a1", ("person:kiril-zelensky", "Kiril Zelensky", "person", None)),
                           _article("a2", ("person:kirill-zelenskyy", "Kirill Zelenskyy", "person", None)),
                           _article("a3", ("person:zelenskiy", "Mr. Zelenskiy", "person", None))])
    assert len({id(store[k]) for k in store}) == 1


def test_people_of_different_countries_never_merge():
    store = _resolve([_article("a1", ("person:edda-vinter", "Edda Vinter", "person", "SE")),
                           _article("a2", ("person:edda-vinter", "Edda Vinter", "person", "NO")),
                           _article("a3", ("org:defence-ministry", "defence ministry", "org", "SE")),
                           _article("a4", ("org:defence-ministry", "defence ministry", "org", "NO"))])
    assert store["a1/person:edda-vinter"].id != store["a2/person:edda-vinter"].id
    assert store["a3/org:defence-ministry"].id != store["a4/org:defence-ministry"].id


def test_common_nouns_name_a_different_body_in_each_article():
    store = _resolve([_article("a1", ("org:police", "police", "org", None)),
                           _article("a2", ("org:police", "police", "org", None))])
    assert store["a1/org:police"].id != store["a2/org:police"].id


def test_bodies_merge_by_table_id_and_by_description():
    store = _resolve([_article("a1", ("org:kr-nis", "National Intelligence Service (South Korea)", "org", "KR"),
                                    ("org:cypriot-government", "Cypriot government", "org", "CY")),
                           _article("a2", ("org:national-intelligence-service", "National Intelligence Service",
                                           "org", "KR"),
                                    ("org:cyprus-s-government", "Cyprus's government", "org", "CY"))])
    nis = store["a1/org:kr-nis"]
    assert nis is store["a2/org:national-intelligence-service"]
    assert (nis.id, nis.country, nis.kind, nis.articles) == ("org:kr-nis", "KR", "intelligence", {"a1", "a2"})
    assert store["a1/org:cypriot-government"] is store["a2/org:cyprus-s-government"]
    assert store["a1/org:cypriot-government"].id == "org:cy-government"


# ------------------------------------------------------------------ in extraction


def test_a_described_spy_agency_resolves_to_the_table_entity(extract):
    ex = extract("South Korea's spy agency said on Friday that the convoy had turned back at the border. "
                 "The agency added that it was still watching the crossing.")
    claim = next(c for c in ex.claims if any("convoy" in s.text for s in c.content))
    assert claim.source_entity == "org:kr-nis"
    assert claim.source_kind == "intelligence"
    entity = next(e for e in ex.entities if e.id == claim.source_entity)
    assert entity.country == "KR"
    later = next(c for c in ex.claims if any("watching" in s.text for s in c.content))
    assert later.source_entity == "org:kr-nis"


def test_a_qualified_generic_name_takes_the_countrys_row(extract):
    ex = extract("Russia's Defence Ministry said on Tuesday that the bridge had been repaired.")
    assert ex.claims[0].source_entity == "org:ru-mod"


def test_unqualified_institutional_names_stay_local(extract):
    ex = extract("The Ministry of Defence said on Tuesday that the exercise had ended early.")
    assert ex.claims[0].source_entity not in ("org:gb-mod", "org:ru-mod")
