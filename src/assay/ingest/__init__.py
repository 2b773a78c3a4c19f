"""Reading articles from .txt, .html, JSON Lines and CSV files (SCHEMA.md section 1)."""

from assay.ingest.files import read_inputs

__all__ = ["read_inputs"]
