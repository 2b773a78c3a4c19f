"""The corpus pass on the example corpus against examples/gold.json (written by hand from our story)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assay.analyze.corpus import analysis_rows, analyze
from assay.analyze.estimates import build_series

GOLD = json.loads((Path(__file__).resolve().parents[2] / "examples" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_pass(example_extractions):
    exs = list(example_extractions.values())
    result = analyze(exs)
    return exs, result, {(g["article_id"], g["claim_id"]): g for g in analysis_rows(result, exs)[1]}


def _claim_key(example_extractions, article: str, content: str) -> tuple[str, str]:
    ex = example_extractions[article]
    hits = [c.id for c in ex.claims if any(content in s.text for s in c.content)]
    assert hits, f"{article} has no claim holding {content!r}"
    return article, hits[0]


def test_the_wire_story_and_its_reprints_are_one_copy_group(corpus_pass):
    _, result, _ = corpus_pass
    assert {a: result.copy_of[a] for a in GOLD["copies"]} == GOLD["copies"]
    assert all(result.copy_of[a] == a for a in GOLD["not_copies"])


def test_series_count_sources_and_independent_sources(corpus_pass):
    exs, result, grades = corpus_pass
    series = {s["estimand"]: s for s in build_series(exs, grades=grades, copies=result.copy_of)}
    for name, expected in GOLD["series"].items():
        assert {k: series[name]["summary"][k] for k in expected} == expected


def test_the_denial_is_stored_as_a_contradiction(corpus_pass, example_extractions):
    _, result, _ = corpus_pass
    found = {(r.a, r.b) for r in result.grading.relations if r.kind == "contradicts"}
    for c in GOLD["contradictions"]:
        said, denied = _claim_key(example_extractions, *c["said"]), _claim_key(example_extractions, *c["denied"])
        assert (said, denied) in found


def test_every_claim_has_a_grade_with_reasons(corpus_pass, example_extractions):
    _, _, grades = corpus_pass
    claims = [(ex.article.id, c.id) for ex in example_extractions.values() for c in ex.claims]
    assert claims and set(grades) == set(claims)
    assert all(g["grade"][0] in "ABCDEF" and g["grade"][1] in "123456" and g["reliability_reason"]
               and g["credibility_reason"] for g in grades.values())


def test_interested_parties_are_flagged(corpus_pass, example_extractions):
    _, _, grades = corpus_pass
    for p in GOLD["interested_parties"]:
        assert grades[_claim_key(example_extractions, p["article"], p["content"])]["interested_party"] == p["party"]
