"""Places across the store: each resolved place once, with how often and where it is named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assay.records import Extraction, Place


def _key(place: Place) -> str:
    """A GeoNames place is its id; any other (a user's own, an unresolved name) is its name and country."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    return f"name:{place.name.lower()}:{place.country or ''}"


def filter_places(rows: list[dict[str, Any]], country: str | None = None,
                  name: str | None = None) -> list[dict[str, Any]]:
    """Place rows in a country (ISO alpha-2, any case) whose name holds `name`."""
    return [r for r in rows if (not country or (r["country"] or "").upper() == country.upper())
            and (not name or name.lower() in r["name"].lower())]


def place_table(extractions: Iterable[Extraction], country: str | None = None) -> list[dict[str, Any]]:
    """One row per place, most mentioned first: name, country, point, feature, mentions, articles, forms."""
    rows: dict[str, dict[str, Any]] = {}
    for ex in extractions:
        for p in ex.places:
            row = rows.setdefault(_key(p), {
                "name": p.name, "geonames_id": p.geonames_id, "country": p.country, "lat": p.lat, "lon": p.lon,
                "feature": p.feature, "mentions": 0, "articles": set(), "forms": set()})
            row["mentions"] += 1
            row["articles"].add(ex.article.id)
            row["forms"].add(p.span.text)
    table = [{**r, "articles": len(r["articles"]), "forms": sorted(r["forms"])} for r in rows.values()]
    return filter_places(sorted(table, key=lambda r: (-r["mentions"], -r["articles"], r["name"])), country)
