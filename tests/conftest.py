"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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
    """The example corpus as `make run` extracts it, with its places file (in a child process, because the
    places file changes that process's country and place tables)."""
    cmd = [str(Path(sys.executable).parent / "assay"), "--places", str(EXAMPLE_PLACES), "extract", str(EXAMPLES),
           "--jsonl"]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    extractions = [Extraction.from_dict(json.loads(line)) for line in proc.stdout.splitlines()]
    return {e.article.id: e for e in extractions}
