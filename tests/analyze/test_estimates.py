"""Estimate series over the example corpus (examples/corpus.jsonl), as we wrote the story."""

from assay.analyze.corpus import analysis_rows, analyze
from assay.analyze.estimates import build_series, subject_key


def veldran_personnel(example_extractions):
    exs = list(example_extractions.values())
    result = analyze(exs)
    grades = {(g["article_id"], g["claim_id"]): g for g in analysis_rows(result, exs)[1]}
    series = build_series(exs, about="Veldran personnel", grades=grades, copies=result.copy_of)
    assert len(series) == 1
    return series[0]


def test_the_troop_figures_form_one_series_in_date_order(example_extractions):
    s = veldran_personnel(example_extractions)
    got = [(p["date"], p["value"], p["low"], p["high"], p["source"]) for p in s["points"]]
    assert got == [
        ("2026-03-01", 2000, None, None, "Defence Intelligence Agency"),  # "said on Sunday"
        ("2026-03-06", None, 4000, 5000, "Ilse Marren"),  # no day given: the article's date
        ("2026-03-08", 3000, None, None, "Defence Intelligence Agency"),  # the wire story ...
        ("2026-03-08", 3000, None, None, "Defence Intelligence Agency"),  # ... and its two reprints
        ("2026-03-08", 3000, None, None, "Defence Intelligence Agency"),
        ("2026-03-10", 6000, 6000, None, "Lenart Voss"),  # "at least 6,000", said on Tuesday
    ]


def test_reprints_share_one_origin_and_count_once(example_extractions):
    s = veldran_personnel(example_extractions)
    wire = [p for p in s["points"] if p["value"] == 3000]
    assert len({p["outlet"] for p in wire}) == 3 and len({p["origin"] for p in wire}) == 1
    assert s["summary"]["reports"] == 4 and s["summary"]["articles"] == 6
    assert s["summary"]["sources"] == 3 and s["summary"]["independent_sources"] == 3
    agency = {p["origin"] for p in s["points"] if p["source"] == "Defence Intelligence Agency"}
    assert len(agency) == 1  # the agency's two figures are two reports from one origin


def test_every_point_is_graded_and_diverging_figures_are_conflicts(example_extractions):
    s = veldran_personnel(example_extractions)
    assert all(p["grade"] and p["grade"][0] in "ABCDEF" and p["grade"][1] in "123456" for p in s["points"])
    pairs = {(s["points"][c["a"]]["source"], s["points"][c["b"]]["source"]) for c in s["conflicts"]}
    assert ("Defence Intelligence Agency", "Ilse Marren") in pairs  # 2,000 against 4,000-5,000 five days later
    assert all(s["points"][c["a"]]["origin"] != s["points"][c["b"]]["origin"] for c in s["conflicts"])
    assert s["points"][0]["interested_party"] == "XO"  # Ostrevia's own agency, on a war fought in Ostrevia


def test_summary_and_hypothetical_kept_apart(example_extractions):
    s = veldran_personnel(example_extractions)
    assert (s["summary"]["latest"], s["summary"]["low"], s["summary"]["high"]) == (6000, 2000, 6000)
    assert [p["value"] for p in s["hypotheticals"]] == [10000]
    assert all(p["status"] != "hypothetical" for p in s["points"])


def test_other_figures_stay_out_of_the_troop_series(example_extractions):
    s = veldran_personnel(example_extractions)
    assert not any(p["text"].endswith("people") or "drones" in p["text"] for p in s["points"])


def test_subject_key_joins_plural_and_singular():
    assert subject_key("North Koreans") == subject_key("North Korean")
