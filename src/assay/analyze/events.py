"""Events across the store, flattened to rows a person can filter: who did what to whom, where, when."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from assay.records import Actor, Event, Extraction


def _actor_name(ex: Extraction, actor: Actor) -> str:
    """The resolved entity's name when there is one, else the words as written."""
    for e in ex.entities:
        if e.id == actor.entity:
            return e.name
    return actor.span.text


def _row(ex: Extraction, n: int, event: Event) -> dict[str, Any]:
    claim = next((c for c in ex.claims if c.id == event.claim), None)
    return {
        "id": f"{ex.article.id}/e{n}",
        "type": event.type, "mode": event.mode, "cameo": event.cameo,
        "actors": [{"name": _actor_name(ex, a), "country": a.country} for a in event.actors],
        "recipients": [{"name": _actor_name(ex, a), "country": a.country} for a in event.recipients],
        "trigger": event.trigger.text, "date": event.date, "date_from_article": event.date_from_article,
        "aux": event.aux, "place": event.place.name if event.place else None,
        "place_country": event.place.country if event.place else None,
        "size": event.size.span.text if event.size else None,
        "reported_by": ex.source_name(claim) if claim else None,
        "outlet": ex.article.outlet, "published": ex.article.published, "article": ex.article.id,
    }


def _day_key(value: str | None) -> str:
    """A sortable day for TIMEX values: "2026-W09" becomes that week's Monday, "2026-03-11TEV" its day."""
    if not value:
        return ""
    if len(value) >= 8 and value[5] == "W" and value[6:8].isdigit():
        return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()
    return value[:10]


def _mentions(actors: list[dict[str, Any]], text: str) -> bool:
    needle = text.lower()
    return any(needle in a["name"].lower() or needle == (a["country"] or "").lower() for a in actors)


def filter_events(rows: list[dict[str, Any]], type_: str | None = None, actor: str | None = None,
                  recipient: str | None = None, article: str | None = None) -> list[dict[str, Any]]:
    """Event rows of a PLOVER type, whose actor/recipient matches a name part or an ISO code, of one article."""
    return [r for r in rows if (not type_ or r["type"] == type_.upper())
            and (not actor or _mentions(r["actors"], actor))
            and (not recipient or _mentions(r["recipients"], recipient))
            and (not article or r["article"] == article)]


def article_events(ex: Extraction, original: str | None = None) -> list[dict[str, Any]]:
    """The article's events as rows, each with the key of the cluster it joins (see `cluster_key`)."""
    rows = [_row(ex, n, ev) for n, ev in enumerate(ex.events)]
    for r in rows:
        r["cluster_key"] = cluster_key(r, original or ex.article.id)
    return rows


def cluster_key(row: dict[str, Any], original: str) -> str:
    """Reports of one happening share a key: the same PLOVER type on the same day at the same resolved place;
    an event the text gives no day or place for is one with the same words in copies of its story."""
    day = _day_key(row["date"]) if row["date"] and not row["date_from_article"] else ""
    if day and row["place"]:
        return "|".join((row["type"], day[:10], (row["place_country"] or "").upper(), row["place"].lower()))
    return "|".join(("story", original, row["type"], row["trigger"].lower()))


def with_clusters(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's `cluster`: the id of its cluster's earliest event (by day, article, order), and how many
    articles report it (`reports`). An id stays while that earliest event stays."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["cluster_key"], []).append(r)
    for members in groups.values():
        first = min(members, key=event_order)
        articles = len({m["article"] for m in members})
        for m in members:
            m["cluster"], m["reports"] = first["id"], articles
    return rows


def event_order(row: dict[str, Any]) -> tuple:
    """Date order: the event's day (else its article's), then article and the event's place in it."""
    return _day_key(row["date"] or row["published"]), row["article"], int(row["id"].rsplit("/e", 1)[1])


def event_rows(extractions: Iterable[Extraction], type_: str | None = None, actor: str | None = None,
               recipient: str | None = None, copies: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Events in date order, with their clusters, filtered as `filter_events` does."""
    copies = copies or {}
    return list_events([r for ex in extractions for r in article_events(ex, copies.get(ex.article.id))],
                       type_, actor, recipient)


def list_events(rows: list[dict[str, Any]], type_: str | None = None, actor: str | None = None,
                recipient: str | None = None) -> list[dict[str, Any]]:
    """Articles' event rows (stored or just made) as the listing shows them: clustered, filtered, in date order."""
    return sorted(filter_events(with_clusters(rows), type_, actor, recipient), key=event_order)
