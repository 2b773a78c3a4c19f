"""Two origins giving the same figure for one estimand confirm each other (articles we wrote)."""

from __future__ import annotations

from dataclasses import replace

from assay.analyze.corpus import analyze


def _article(extract, aid, outlet, text, published="2026-04-07"):
    ex = extract(text, published=published)
    return replace(ex, article=replace(ex.article, id=aid, outlet=outlet))


def _credibility(result, ex):
    claim = next(c for c in ex.claims if any(q.claim == c.id for q in ex.quantities))
    return result.grading.grades[(ex.article.id, claim.id)].credibility


def test_the_same_toll_from_two_independent_origins_raises_both_grades(extract):
    a = _article(extract, "a1", "Lakeside Daily", "Police said 14 people were killed in the blast in Verano.")
    b = _article(extract, "b1", "Hill Courier",
                 "Doctors said 14 people were killed in the blast in Verano.", "2026-04-08")
    result = analyze([a, b])
    kinds = {r.kind for r in result.grading.relations}
    assert kinds == {"corroborates"}
    assert "agree" in result.grading.relations[0].reason
    assert _credibility(result, a) == _credibility(result, b) == 2


def test_a_bound_and_a_count_or_a_figure_weeks_later_confirm_nothing(extract):
    a = _article(extract, "a1", "Lakeside Daily", "Police said 14 people were killed in the blast in Verano.")
    bound = _article(extract, "b1", "Hill Courier",
                     "Doctors said at least five people were killed in the blast in Verano.")
    later = _article(extract, "c1", "Valley Post",
                     "Doctors said 14 people were killed in the blast in Verano.", "2026-05-20")
    for other in (bound, later):
        result = analyze([a, other])
        assert not any("agree" in r.reason for r in result.grading.relations)  # no figure confirms the other
