"""PLOVER events: who did what to whom, where and when (SCHEMA.md Event)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from assay.records import Article, Claim, Entity, Event, Place, Quantity, Time

EXTRACTOR = "assay.events.v1"


def extract_events(doc: Doc, article: Article, claims: Sequence[Claim], entities: Sequence[Entity],
                   quantities: Sequence[Quantity], times: Sequence[Time], places: Sequence[Place]) -> list[Event]:
    """The events the article reports, each tied to its claim, place, date and size where the text gives them."""
    return []
