"""The stored views kept current by the corpus pass: series, event rows and place rows.

Event and place rows are each article's own (an event's cluster key names its copy group's original, so a
re-grouped article is redone); the listings combine them when read. A figure's point depends on its own
article (its words, grade, origin and copy group) and, for a reprint, on its original's points; a series
depends only on the points that share its key. So the step recomputes the rows of the articles whose rows may
differ, then assembles again the series of every key their points had or have. The result equals
`estimates.build_series`, `events.event_rows` and `places.place_table` over the whole store (the property
test checks it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from assay.analyze.estimates import PointRow, article_points, assemble_series, share_copy_origins
from assay.analyze.events import article_events
from assay.analyze.places import article_places
from assay.records import Estimand, Extraction
from assay.resolve.countries import CountryTable
from assay.store.pass_state import PassState, chunks
from assay.store.payloads import series_row_data
from assay.store.view_state import Row, ViewState

ARTICLE_CHUNK = 500  # articles read and turned into points at a time
KEY_CHUNK = 2000  # series keys assembled at a time


def _as_row(article: str, seq: int, row: PointRow) -> dict[str, Any]:
    key, (e, subject, place, unit), point = row
    return {"article_id": article, "seq": seq, "key": key, "point": point,
            "head": {"estimand": e.to_dict(), "subject": subject, "place": place, "unit": unit}}


def _point_row(stored: Row) -> PointRow:
    _, _, key, head, point = stored
    return key, (Estimand.from_dict(head["estimand"]), head["subject"], head["place"], head["unit"]), point


def update_views(state: PassState, redo: set[str], removed: set[str], countries: CountryTable,
                 load: Callable[[list[str]], Iterable[Extraction]]) -> int:
    """Recompute the points and listing rows of the `redo` articles (read with `load`) and every series their
    old or new points reach; how many series were written. Originals go first, so a reprint finds its
    original's points stored; articles and keys go in chunks, so a rebuild holds one chunk at a time."""
    view_state = ViewState(state.conn)
    copies = state.originals(redo)
    keys = view_state.keys_of(redo | removed)
    view_state.put_points([], gone=redo | removed)
    view_state.put_listings([], [], gone=redo | removed)
    for part in chunks(sorted(redo, key=lambda a: (copies.get(a, a) != a, a)), ARTICLE_CHUNK):
        exs = list(load(part))
        rows = _points(view_state, exs, copies)
        keys |= {r[0] for own in rows.values() for r in own}
        view_state.put_points([_as_row(a, n, r) for a, own in rows.items() for n, r in enumerate(own)], gone=())
        view_state.put_listings(*_listing_rows(exs, copies), gone=())
    written = 0
    for part in chunks(sorted(keys), KEY_CHUNK):
        by_key: dict[str, list[tuple[str, PointRow]]] = defaultdict(list)
        for r in view_state.points_with(part):
            by_key[r[2]].append((r[0], _point_row(r)))
        made = [{"id": s["id"], "key": key, "data": series_row_data(s)} for key, members in by_key.items()
                for s in assemble_series(members, countries)]
        view_state.put_series(part, made)
        written += len(made)
    return written


def _listing_rows(exs: list[Extraction], copies: dict[str, str]
                  ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    events = [{"article_id": ex.article.id, "seq": n, "cluster_key": r["cluster_key"], "data": r}
              for ex in exs for n, r in enumerate(article_events(ex, copies.get(ex.article.id)))]
    places = [{"article_id": ex.article.id, "key": r["key"], "data": r} for ex in exs for r in article_places(ex)]
    return events, places


def _points(view_state: ViewState, extractions: Iterable[Extraction], copies: dict[str, str]
            ) -> dict[str, list[PointRow]]:
    exs = list(extractions)
    grades = view_state.grades_of(ex.article.id for ex in exs)
    rows = {ex.article.id: article_points(ex, grades, copies) for ex in exs}
    originals = {o for a in rows if (o := copies.get(a, a)) != a}
    stored = view_state.points_of(originals - set(rows))
    for a, own in rows.items():
        original = copies.get(a, a)
        if original != a:
            share_copy_origins(own, rows[original] if original in rows else [_point_row(r) for r in stored[original]])
    return rows


def articles_to_redo(state: PassState, changed: set[str], removed: set[str]) -> set[str]:
    """The articles whose points may differ: those changed and the reprints of those (their origins follow
    their original's)."""
    groups = state.group_members(changed)
    return (changed | {m for members in groups.values() for m in members}) - removed
