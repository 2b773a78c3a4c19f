"""Per-article extractors: pure functions from a spaCy Doc to plain records."""
