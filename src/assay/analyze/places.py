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


def article_places(ex: Extraction) -> list[dict[str, Any]]:
    """What one article adds to the place table: each place it names, how often and in which forms."""
    rows: dict[str, dict[str, Any]] = {}
    for p in ex.places:
        row = rows.setdefault(_key(p), {
            "key": _key(p), "name": p.name, "geonames_id": p.geonames_id, "country": p.country, "lat": p.lat,
            "lon": p.lon, "feature": p.feature, "mentions": 0, "forms": set()})
        row["mentions"] += 1
        row["forms"].add(p.span.text)
    return [{**r, "forms": sorted(r["forms"])} for r in rows.values()]


def combine_places(per_article: Iterable[dict[str, Any]], country: str | None = None) -> list[dict[str, Any]]:
    """One row per place from the articles' rows, most mentioned first: name, country, point, feature,
    mentions, articles, forms. The first article (in the order given) to name a place describes it."""
    rows: dict[str, dict[str, Any]] = {}
    for a in per_article:
        row = rows.setdefault(a["key"], {**a, "mentions": 0, "articles": 0, "forms": set()})
        row["mentions"] += a["mentions"]
        row["articles"] += 1
        row["forms"] |= set(a["forms"])
    ordered = sorted(rows.values(), key=lambda r: (-r["mentions"], -r["articles"], r["name"], r["key"]))
    table = [{k: v for k, v in {**r, "forms": sorted(r["forms"])}.items() if k != "key"} for r in ordered]
    return filter_places(table, country)


def place_table(extractions: Iterable[Extraction], country: str | None = None) -> list[dict[str, Any]]:
    """One row per place across the articles (see `combine_places`)."""
    return combine_places((r for ex in extractions for r in article_places(ex)), country)
