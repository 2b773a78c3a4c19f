"""Place names in an article, resolved to GeoNames entries (SCHEMA.md Place)."""

from __future__ import annotations

from spacy.tokens import Doc

from assay.records import Article, Place

EXTRACTOR = "assay.places.v1"


def extract_places(doc: Doc, article: Article) -> list[Place]:
    """Every place name in the article, resolved with the article's other places as context."""
    return []
