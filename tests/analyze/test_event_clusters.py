"""Event clusters: reports of one happening in different articles share a cluster (articles we wrote)."""

from __future__ import annotations

from dataclasses import replace

from assay.analyze.events import event_rows


def _assaults(rows):
    return [r for r in rows if r["type"] == "ASSAULT"]


def test_two_outlets_reporting_one_attack_share_a_cluster_named_by_the_earliest(extract):
    a = extract("Rebels attacked an army base in Goma on Monday, the army said.", published="2026-03-04")
    b = extract("Gunmen attacked a military base in Goma on Monday, local officials said.", published="2026-03-05")
    a = replace(a, article=replace(a.article, id="a1"))
    b = replace(b, article=replace(b.article, id="b1"))
    rows = _assaults(event_rows([b, a]))
    assert len(rows) == 2 and {r["article"] for r in rows} == {"a1", "b1"}
    assert {r["cluster"] for r in rows} == {rows[0]["cluster"]} and rows[0]["reports"] == 2
    assert rows[0]["cluster"].startswith("a1/e")  # the same day: the first article's event names it


def test_an_attack_on_another_day_is_another_cluster(extract):
    a = extract("Rebels attacked an army base in Goma on Monday, the army said.", published="2026-03-04")
    c = extract("Rebels attacked an army base in Goma on Friday, the army said.", published="2026-03-08")
    c = replace(c, article=replace(c.article, id="c1"))
    rows = _assaults(event_rows([a, c]))
    assert len({r["cluster"] for r in rows}) == 2 and all(r["reports"] == 1 for r in rows)


def test_a_reprint_joins_its_originals_cluster_even_without_a_day_or_place(extract):
    a = extract("The militia attacked the convoy, a spokesman said.", published="2026-03-04")
    reprint = replace(a, article=replace(a.article, id="r1", outlet="Other Wire"))
    rows = _assaults(event_rows([a, reprint], copies={"r1": a.article.id}))
    assert len(rows) == 2 and len({r["cluster"] for r in rows}) == 1 and rows[0]["reports"] == 2
    assert _assaults(event_rows([a, reprint]))[0]["reports"] == 1  # not known as a copy: its own story
