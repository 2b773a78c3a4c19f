"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from assay.ingest import read_inputs
from assay.pipeline import Pipeline
from assay.records import Article, Extraction
from assay.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus.jsonl"
EXAMPLE_PLACES = ROOT / "examples" / "places.tsv"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def extract(pipeline):
    """Extract one article from text (and optional published date)."""
    def run(text: str, published: str | None = "2026-03-02") -> Extraction:
        return pipeline.extract_one(Article(id="t", text=text, published=published))
    return run


@pytest.fixture(scope="session")
def example_extractions() -> dict[str, Extraction]:
    """The example corpus as `make run` extracts it, with its places file (its own Reference: the session's
    other pipeline keeps the shipped tables)."""
    examples = Pipeline(Settings(places_file=str(EXAMPLE_PLACES)))
    articles = [a for a in read_inputs([EXAMPLES]) if isinstance(a, Article)]
    extractions = [e for e in examples.extract(articles) if isinstance(e, Extraction)]
    assert len(extractions) == len(articles)
    return {e.article.id: e for e in extractions}
