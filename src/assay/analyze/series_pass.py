"""The estimate series kept current by the corpus pass: only the series a change reaches are assembled again.

A figure's point depends on its own article (its words, grade, origin and copy group) and, for a reprint, on
its original's points; a series depends only on the points that share its key. So the step recomputes the
point rows of the articles whose points may differ, then assembles again the series of every key those rows
had or have. The result equals `estimates.build_series` over the whole store (the property test checks it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from assay.analyze.estimates import PointRow, article_points, assemble_series, share_copy_origins
from assay.records import Estimand, Extraction
from assay.resolve.countries import CountryTable
from assay.store.pass_state import PassState, chunks
from assay.store.series_state import Row, SeriesState

ARTICLE_CHUNK = 500  # articles read and turned into points at a time
KEY_CHUNK = 2000  # series keys assembled at a time


def _as_row(article: str, seq: int, row: PointRow) -> dict[str, Any]:
    key, (e, subject, place, unit), point = row
    return {"article_id": article, "seq": seq, "key": key, "point": point,
            "head": {"estimand": e.to_dict(), "subject": subject, "place": place, "unit": unit}}


def _point_row(stored: Row) -> PointRow:
    _, _, key, head, point = stored
    return key, (Estimand.from_dict(head["estimand"]), head["subject"], head["place"], head["unit"]), point


def update_series(state: PassState, redo: set[str], removed: set[str], countries: CountryTable,
                  load: Callable[[list[str]], Iterable[Extraction]]) -> int:
    """Recompute the points of the `redo` articles (read with `load`) and every series their old or new
    points reach; how many series were written. Originals go first, so a reprint finds its original's points
    stored; articles and keys go in chunks, so a rebuild holds one chunk at a time."""
    series_state = SeriesState(state.conn)
    copies = state.originals(redo)
    keys = series_state.keys_of(redo | removed)
    series_state.put_points([], gone=redo | removed)
    for part in chunks(sorted(redo, key=lambda a: (copies.get(a, a) != a, a)), ARTICLE_CHUNK):
        rows = _points(series_state, load(part), copies)
        keys |= {r[0] for own in rows.values() for r in own}
        series_state.put_points([_as_row(a, n, r) for a, own in rows.items() for n, r in enumerate(own)], gone=())
    written = 0
    for part in chunks(sorted(keys), KEY_CHUNK):
        by_key: dict[str, list[tuple[str, PointRow]]] = defaultdict(list)
        for r in series_state.points_with(part):
            by_key[r[2]].append((r[0], _point_row(r)))
        made = [{"id": s["id"], "key": key, "data": s} for key, members in by_key.items()
                for s in assemble_series(members, countries)]
        series_state.put_series(part, made)
        written += len(made)
    return written


def _points(series_state: SeriesState, extractions: Iterable[Extraction], copies: dict[str, str]
            ) -> dict[str, list[PointRow]]:
    exs = list(extractions)
    grades = series_state.grades_of(ex.article.id for ex in exs)
    rows = {ex.article.id: article_points(ex, grades, copies) for ex in exs}
    originals = {o for a in rows if (o := copies.get(a, a)) != a}
    stored = series_state.points_of(originals - set(rows))
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
