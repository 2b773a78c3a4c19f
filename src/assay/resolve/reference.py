"""The reference tables the extractors and the corpus pass look things up in, built once from Settings.

A Reference holds the country table, the actor table and the gazetteer, each the shipped table with the user's
places and actors files laid over it. It is immutable and passed to whatever reads it, so two References (two
projects, or a test's own file) live side by side in one process. The shipped tables are shared and never
changed; the gazetteer's index is loaded on first use.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from assay.resolve.actors import ActorTable, read_actors_file, shipped_actors
from assay.resolve.countries import CountryTable, shipped_countries
from assay.resolve.gazetteer import Gazetteer, LocalEntry, shipped_gazetteer
from assay.resolve.local_places import country_rows, gazetteer_entries, read_places_file
from assay.settings import Settings


@dataclass(frozen=True, eq=False)
class Reference:
    """Countries, actors and places, shipped plus the user's own."""

    countries: CountryTable
    actors: ActorTable
    local_places: tuple[LocalEntry, ...] = field(default=())

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return shipped_gazetteer(self.local_places)


@lru_cache(maxsize=1)
def shipped_reference() -> Reference:
    """The shipped tables alone."""
    return Reference(shipped_countries(), shipped_actors())


def build_reference(places_file: str | Path = "", actors_file: str | Path = "") -> Reference:
    """The shipped tables with a user's places and actors files; OSError or ValueError (with the file and
    line) when a file cannot be used."""
    if not places_file and not actors_file:
        return shipped_reference()
    places = read_places_file(places_file) if places_file else []
    countries = shipped_countries().with_rows(country_rows(places)) if places else shipped_countries()
    actors = ActorTable(countries, read_actors_file(actors_file) if actors_file else ())
    return Reference(countries, actors, tuple(gazetteer_entries(places)))


def file_digest(path: str) -> str:
    """The SHA-256 of a user's file ("" for none): what a Reference and the extractor versions are keyed on."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else ""


@lru_cache(maxsize=8)
def _cached(places_file: str, places_digest: str, actors_file: str, actors_digest: str) -> Reference:
    return build_reference(places_file, actors_file)


def reference_from(settings: Settings) -> Reference:
    """The Reference for these settings' places and actors files, built once per file content."""
    return _cached(settings.places_file, file_digest(settings.places_file),
                   settings.actors_file, file_digest(settings.actors_file))
