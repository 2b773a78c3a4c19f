"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assay.pipeline import Pipeline
from assay.records import Article, Extraction
from assay.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus.jsonl"


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
def example_extractions(pipeline) -> dict[str, Extraction]:
    articles = [Article.from_dict(json.loads(line)) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    return {e.article.id: e for e in pipeline.extract(articles)}
