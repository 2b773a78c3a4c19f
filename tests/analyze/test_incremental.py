"""The incremental corpus pass equals the whole pass: any order of ingests, batch splits and removals over
the example corpus and variants built from it (reprints, near copies, redated copies) leaves the store's
copy groups, sources, grades, relations, estimate series, events and places exactly as `analyze`,
`build_series`, `event_rows` and `place_table` compute them over the articles left."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from assay import service
from assay.analyze.corpus import analysis_rows, analyze
from assay.analyze.estimates import build_series, series_order
from assay.analyze.events import event_rows, list_events
from assay.analyze.places import combine_places, place_table
from assay.records import Article, Extraction
from assay.store import Store, open_store
from assay.store.schema import claim_grades, copies, relations, sources


def variants(base: dict[str, Extraction]) -> dict[str, Extraction]:
    """Articles that make the pass work across articles: a verbatim reprint in another outlet (a copy), a
    near copy with a sentence added, and the same report dated a week later (a new original)."""
    out = {}
    for n, ex in enumerate(sorted(base.values(), key=lambda e: e.article.id)[:4]):
        a = ex.article
        out[f"{a.id}-reprint"] = replace(ex, article=replace(a, id=f"{a.id}-reprint", outlet="Harbour Wire"))
        if n % 2 == 0:
            near = replace(a, id=f"{a.id}-near", outlet="Valley Post",
                           text=a.text + "\n\nThe agency did not respond to a request for comment.")
            out[near.id] = replace(ex, article=near)
        else:
            later = replace(a, id=f"{a.id}-later", outlet=None, published="2027-01-15")
            out[later.id] = replace(ex, article=later)
    return out


@pytest.fixture(scope="module")
def pool(example_extractions: dict[str, Extraction]) -> dict[str, Extraction]:
    return example_extractions | variants(example_extractions)


def _cached(pool: dict[str, Extraction]) -> Any:
    def extract(articles: Iterable[Article]) -> Iterator[Extraction]:
        for a in articles:
            yield pool[a.id]
    return extract


def stored_tables(store: Store) -> dict[str, Any]:
    """The corpus pass's results as the store holds them, in a form that does not depend on row order."""
    with store.engine.connect() as conn:
        copy_of = {r.article_id: r.original_id for r in conn.execute(select(copies))}
        srcs = sorted((r.id, r.name, r.type, r.country, r.kind, tuple(sorted(r.aliases)))
                      for r in conn.execute(select(sources)))
        grades = sorted(tuple(r._mapping.values()) for r in conn.execute(select(claim_grades)))
        rels = sorted((r.kind, r.a_article, r.a_claim, r.b_article, r.b_claim, r.reason)
                      for r in conn.execute(select(relations)))
    return {"copies": copy_of, "sources": srcs, "grades": grades, "relations": rels,
            "series": _plain(series_order(store.series())),
            "events": _plain(list_events(store.event_rows())), "places": _plain(combine_places(store.place_rows()))}


def _plain(value: Any) -> Any:
    """As JSON holds it (tuples become lists), so stored and computed series compare."""
    return json.loads(json.dumps(value, sort_keys=True))


def oracle_tables(exs: list[Extraction]) -> dict[str, Any]:
    """The same tables from the whole pass as one pure function."""
    exs = sorted(exs, key=lambda e: e.article.id)
    analysis = analyze(exs)
    srcs, grades, rels = analysis_rows(analysis, exs)
    cols = [c.name for c in claim_grades.columns]
    copy_of = {e.article.id: analysis.copy_of.get(e.article.id, e.article.id) for e in exs}
    by_claim = {(g["article_id"], g["claim_id"]): g for g in grades}
    return {"copies": copy_of,
            "sources": sorted((s["id"], s["name"], s["type"], s["country"], s["kind"], tuple(s["aliases"]))
                              for s in srcs),
            "grades": sorted(tuple(g[c] for c in cols) for g in grades),
            "relations": sorted((r["kind"], r["a_article"], r["a_claim"], r["b_article"], r["b_claim"], r["reason"])
                                for r in rels),
            "series": _plain(build_series(exs, grades=by_claim, copies=copy_of)),
            "events": _plain(event_rows(exs, copies=copy_of)), "places": _plain(place_table(exs))}


def apply(store: Store, pool: dict[str, Extraction], steps: list[tuple[str, list[str]]]) -> set[str]:
    """Run ingests and removals in turn; the ids left in the store."""
    present: set[str] = set()
    versions = next(iter(pool.values())).extractors
    for op, ids in steps:
        if op == "add":
            service.ingest(store, [pool[i].article for i in ids], _cached(pool), versions)
            present |= set(ids)
        else:
            service.remove(store, ids)
            present -= set(ids)
    return present


@st.composite
def histories(draw: Any, ids: list[str]) -> list[tuple[str, list[str]]]:
    """Every article added once in a random order and batch split, with random removals (and re-additions)
    between the batches."""
    order = draw(st.permutations(ids))
    cuts = sorted(draw(st.sets(st.integers(1, len(ids) - 1), max_size=5)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(ids)], strict=True)]
    steps: list[tuple[str, list[str]]] = []
    seen: list[str] = []
    for batch in batches:
        steps.append(("add", list(batch)))
        seen += batch
        if draw(st.booleans()):
            gone = draw(st.lists(st.sampled_from(seen), min_size=1, max_size=4, unique=True))
            steps.append(("remove", gone))
            if draw(st.booleans()):
                steps.append(("add", gone[:1]))
    return steps


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_any_history_of_ingests_and_removals_equals_one_whole_pass(pool: dict[str, Extraction], data: Any) -> None:
    steps = data.draw(histories(sorted(pool)))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{Path(tmp) / 'store.db'}")
        try:
            present = apply(store, pool, steps)
            assert stored_tables(store) == oracle_tables([pool[i] for i in present])
        finally:
            store.close()


def test_rebuild_equals_the_incremental_result(pool: dict[str, Extraction], tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    ids = sorted(pool)
    apply(store, pool, [("add", ids[: len(ids) // 2]), ("add", ids[len(ids) // 2:]), ("remove", ids[:3])])
    before = stored_tables(store)
    report = service.rebuild(store)
    assert report.added == len(ids) - 3
    assert stored_tables(store) == before == oracle_tables([pool[i] for i in ids[3:]])
    store.close()


def test_the_pool_exercises_copies_and_relations(pool: dict[str, Extraction]) -> None:
    """The property above means something only if the pool has copy groups and relations to keep."""
    tables = oracle_tables(list(pool.values()))
    assert sum(a != o for a, o in tables["copies"].items()) >= 4
    assert tables["relations"]
    assert any(s["summary"]["reports"] > 1 for s in tables["series"])
    reprinted = {p["article"] for s in tables["series"] for p in s["points"] if p["article"].endswith("-reprint")}
    assert reprinted, "no reprint adds a point: origin sharing would go untested"
    assert any(e["reports"] > 1 for e in tables["events"]), "no event is reported twice: clusters go untested"
