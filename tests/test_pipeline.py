"""The per-article pipeline as declared stages: the order of dependencies is checked, not hidden."""

from __future__ import annotations

import pytest

from assay.pipeline import STAGES, Stage, check_order, run_stages
from assay.records import Article
from assay.resolve.reference import shipped_reference


def test_the_shipped_stages_are_in_an_order_that_works():
    check_order(STAGES)
    made = [p for s in STAGES for p in s.provides]
    assert {"claims", "entities", "quantities", "times", "places", "events"} <= set(made)


def test_a_stage_before_what_it_requires_is_refused_with_the_missing_layer():
    events = next(s for s in STAGES if s.name == "events")
    early = (events, *(s for s in STAGES if s is not events))
    with pytest.raises(ValueError, match=r"'events' requires .*claims"):
        check_order(early)


def test_a_stage_whose_function_takes_other_arguments_is_refused():
    def read(doc, times):
        return []

    with pytest.raises(ValueError, match="declares"):
        check_order((Stage("odd", ("doc", "ref"), ("claims",), read),))


def test_a_missing_layer_is_refused():
    def claims(doc):
        return [], []

    with pytest.raises(ValueError, match="no stage provides quantities"):
        check_order((Stage("claims", ("doc",), ("claims", "entities"), claims),))


def test_run_stages_passes_each_stage_what_it_requires_and_keeps_the_last_value():
    seen = []

    def first(doc, published):
        seen.append((doc, published))
        return ["raw"]

    def refine(claims, ref):
        return [*claims, "dated" if ref is shipped_reference() else "wrong reference"]

    stages = (Stage("first", ("doc", "published"), ("claims",), first),
              Stage("refine", ("claims", "ref"), ("claims",), refine))
    state = run_stages(Article(id="a", text="x", published="2026-03-02"), "a doc", shipped_reference(), stages)
    assert seen == [("a doc", "2026-03-02")]
    assert state["claims"] == ["raw", "dated"]
