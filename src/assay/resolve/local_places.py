"""A user's own place table: scenario countries and local names the gazetteer lacks or gets wrong.

Exercise scenarios, training material and local beats name places GeoNames does not know (or knows as
somewhere else). A places file lists them, one per line, tab-separated:

    names (| separated, the first is canonical)  feature  country  lat  lon  [demonyms, | separated]

`feature` is one of country, admin1, admin2, city, region; for a country, `country` is its code (ISO
alpha-2, or a user-assigned code such as XA-XZ) and demonyms make "Veldran troops" that country's.
Lines starting with # are comments. For the names it lists, the file wins over the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assay.resolve.gazetteer import FEATURES, LocalEntry
from assay.tsv import numbered_rows


@dataclass(frozen=True)
class LocalPlace:
    names: tuple[str, ...]
    feature: str
    country: str
    lat: float
    lon: float
    demonyms: tuple[str, ...] = ()


def _split(field: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in field.split("|") if n.strip())


def parse_line(line: str, where: str) -> LocalPlace:
    """One row; a ValueError names the file and line when it is malformed."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) not in (5, 6):
        raise ValueError(f"{where}: expected 5 or 6 tab-separated columns, found {len(cols)}")
    names, feature, country, lat, lon = (c.strip() for c in cols[:5])
    if not _split(names):
        raise ValueError(f"{where}: no name")
    if feature not in FEATURES:
        raise ValueError(f"{where}: feature {feature!r} is not one of {', '.join(FEATURES)}")
    if len(country) != 2 or not country.isalpha():
        raise ValueError(f"{where}: country {country!r} is not a two-letter code")
    try:
        point = float(lat), float(lon)
    except ValueError:
        raise ValueError(f"{where}: lat/lon {lat!r}, {lon!r} are not numbers") from None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise ValueError(f"{where}: lat/lon {lat}, {lon} out of range")
    demonyms = _split(cols[5]) if len(cols) == 6 else ()
    return LocalPlace(_split(names), feature, country.upper(), point[0], point[1], demonyms)


def read_places_file(path: str | Path) -> list[LocalPlace]:
    """Every row of a places file; OSError or ValueError (with the line) when it cannot be used."""
    text = Path(path).read_text(encoding="utf-8")
    return [parse_line("\t".join(cols), f"{path}:{n}") for n, cols in numbered_rows(text)]


def country_rows(places: list[LocalPlace]) -> list[str]:
    """The file's countries as countries.tsv rows (no GeoNames id, no population, no seats)."""
    return ["\t".join([p.country, p.names[0], "0", str(p.lat), str(p.lon), "0", "|".join(p.names[1:]),
                       "|".join(p.demonyms), ""]) for p in places if p.feature == "country"]


def gazetteer_entries(places: list[LocalPlace]) -> list[LocalEntry]:
    """The file's places as entries laid over the gazetteer."""
    return [(p.names, p.feature, p.country, p.lat, p.lon) for p in places]
