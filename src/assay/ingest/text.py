"""Plain-text articles (`.txt`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assay.ingest.common import Options, read_whole_text
from assay.ingest.meta import build_article, load_sidecar, merge
from assay.records import Article


def read_txt(path: Path, opts: Options) -> Iterator[Article]:
    """One article: the file's text unchanged; metadata from the sidecar, then the flags."""
    sidecar = load_sidecar(path)
    text = read_whole_text(path, opts.max_file_bytes)
    yield build_article(text, merge(sidecar, opts.flags()), opts.max_chars)
