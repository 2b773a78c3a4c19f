"""How an extraction is laid out in the store, and read back: each part in one place only.

The article's text is in `articles`, its claims and entities are rows of `claims` and `entities` (which the
listings query), and the payload holds the rest (figures, times, places, events, versions). Reading puts the
three back together. A store written before this layout has claims and entities in the payload too; such a
payload is read as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, inspect, select, text

from assay.records import Claim, Entity, Extraction, Span

from .pass_state import PassState
from .schema import claims, entities

CONTENT_JOIN = " … "
IN_ROWS = ("claims", "entities")  # the layers kept as rows, not in the payload
# columns later versions added to the row tables: (table, column, SQL type), added to an older store on open
ADDED_COLUMNS = (("claims", "seq", "INTEGER"), ("claims", "extractor", "VARCHAR"), ("entities", "seq", "INTEGER"))


def _span_cols(prefix: str, span: Span | None) -> dict[str, Any]:
    return {f"{prefix}_text": span.text if span else None,
            f"{prefix}_start": span.start if span else None,
            f"{prefix}_end": span.end if span else None}


def claim_row(article_id: str, seq: int, claim: Claim) -> dict[str, Any]:
    return {
        "article_id": article_id, "claim_id": claim.id, "seq": seq,
        **_span_cols("source", claim.source), **_span_cols("cue", claim.cue),
        "source_entity": claim.source_entity, "source_kind": claim.source_kind,
        "cue_class": claim.cue_class,
        "content_text": CONTENT_JOIN.join(s.text for s in claim.content),
        "content": [s.to_dict() for s in claim.content],
        "kind": claim.kind, "modality": claim.modality,
        "hedges": [s.to_dict() for s in claim.hedges],
        "stated_on": claim.stated_on, "nested_in": claim.nested_in, "extractor": claim.extractor,
    }


def entity_row(article_id: str, seq: int, entity: Entity) -> dict[str, Any]:
    return {"article_id": article_id, "entity_id": entity.id, "seq": seq, "name": entity.name,
            "type": entity.type, "country": entity.country, "mentions": [m.to_dict() for m in entity.mentions]}


def payload_of(extraction: Extraction) -> dict[str, Any]:
    """The extraction less what is stored elsewhere: its text, claims and entities."""
    payload = extraction.to_dict()
    payload["article"]["text"] = ""
    for layer in IN_ROWS:
        del payload[layer]
    return payload


def _claim(r: Any) -> dict[str, Any]:
    source = None if r.source_start is None else {"text": r.source_text, "start": r.source_start,
                                                  "end": r.source_end}
    out = {"id": r.claim_id, "cue": {"text": r.cue_text, "start": r.cue_start, "end": r.cue_end},
           "content": r.content, "source": source, "source_entity": r.source_entity, "source_kind": r.source_kind,
           "cue_class": r.cue_class, "kind": r.kind, "modality": r.modality, "hedges": r.hedges,
           "stated_on": r.stated_on, "nested_in": r.nested_in}
    return out | ({"extractor": r.extractor} if r.extractor else {})


def _entity(r: Any) -> dict[str, Any]:
    return {"id": r.entity_id, "name": r.name, "type": r.type, "country": r.country, "mentions": r.mentions}


def _rows_of(conn: Connection, table: Any, ids: list[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for r in PassState(conn)._rows(select(table), table.c.article_id, ids):  # chunked IN, as the pass reads
        out[r.article_id].append(r)
    return out


def _seq(r: Any) -> tuple:
    return (r.seq if r.seq is not None else -1, r[1])


ROW_TABLES = {"claims": (claims, _claim), "entities": (entities, _entity)}  # layer -> its table, row reader


def with_rows(conn: Connection, payloads: list[dict[str, Any]], layers: Iterable[str] = IN_ROWS
              ) -> list[dict[str, Any]]:
    """Payloads (each with its article) with the `layers` of IN_ROWS put back from their rows, where the
    payload does not hold them itself."""
    wanted = [layer for layer in IN_ROWS if layer in layers]
    ids = [p["article"]["id"] for p in payloads if any(layer not in p for layer in wanted)]
    if not ids:
        return payloads
    fetched = {layer: _rows_of(conn, ROW_TABLES[layer][0], ids) for layer in wanted}
    out = []
    for p in payloads:
        aid = p["article"]["id"]
        out.append(p | {layer: [ROW_TABLES[layer][1](r) for r in sorted(fetched[layer].get(aid, []), key=_seq)]
                        for layer in wanted if layer not in p})
    return out


POINT_LISTS = ("points", "hypotheticals")  # a stored series names its points; series_points holds them


def point_ref(point: dict[str, Any]) -> list[Any]:
    """A point's place in the store: its article and the figure's offset there (one figure per offset)."""
    return [point["article"], point["offset"]]


def series_row_data(series: dict[str, Any]) -> dict[str, Any]:
    """A series as the series table keeps it: its points by reference, each stored once in series_points."""
    return {**series, **{k: [point_ref(p) for p in series[k]] for k in POINT_LISTS}}


def series_from_row(data: dict[str, Any], points: dict[tuple[str, int], dict[str, Any]]) -> dict[str, Any]:
    """A stored series with its points put back."""
    return {**data, **{k: [points[(a, o)] for a, o in data[k]] for k in POINT_LISTS}}


def add_new_columns(conn: Connection) -> None:
    """Give an older store's row tables the columns this layout writes (NULL in the old rows)."""
    insp = inspect(conn)
    for table, column, kind in ADDED_COLUMNS:
        if column not in {c["name"] for c in insp.get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {kind}"))
