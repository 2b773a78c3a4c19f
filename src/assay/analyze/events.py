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


def _row(ex: Extraction, event: Event) -> dict[str, Any]:
    claim = next((c for c in ex.claims if c.id == event.claim), None)
    return {
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


def event_rows(extractions: Iterable[Extraction], type_: str | None = None, actor: str | None = None,
               recipient: str | None = None) -> list[dict[str, Any]]:
    """Events in date order, filtered as `filter_events` does."""
    rows = [_row(ex, ev) for ex in extractions for ev in ex.events if type_ is None or ev.type == type_.upper()]
    rows = filter_events(rows, actor=actor, recipient=recipient)
    return sorted(rows, key=lambda r: (_day_key(r["date"] or r["published"]), r["article"]))
