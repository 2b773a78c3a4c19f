"""HTML pages (`.html`, `.htm`): trafilatura finds the article body and fills missing metadata."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import trafilatura

from assay.ingest.common import Options, Problem, read_whole_text
from assay.ingest.meta import build_article, load_sidecar, merge, missing
from assay.records import Article


def read_html(path: Path, opts: Options) -> Iterator[Article]:
    """One article: the cleaned body text (offsets index it); metadata sidecar > flags > page."""
    sidecar = load_sidecar(path)
    markup = read_whole_text(path, opts.max_file_bytes)
    text = extract_text(markup)
    meta = merge(sidecar, opts.flags())
    if missing(meta):
        meta = merge(meta, page_metadata(markup))
    yield build_article(text, meta, opts.max_chars)


def extract_text(markup: str) -> str:
    try:
        text = trafilatura.extract(markup, include_comments=False, include_tables=False, with_metadata=False)
    except Exception as e:  # the parser can fail in many ways on odd markup; it is one bad file
        raise Problem(f"HTML extraction failed: {type(e).__name__}: {e}") from None
    if not text or not text.strip():
        raise Problem("no article text found in HTML")
    return text


def page_metadata(markup: str) -> dict[str, Any]:
    """What the page says about itself, under SCHEMA field names; {} when nothing can be read."""
    try:
        doc = trafilatura.extract_metadata(markup)
    except Exception:  # metadata is optional: a parse failure must not cost the article
        return {}
    if doc is None:
        return {}
    return {"title": doc.title, "published": doc.date, "outlet": doc.sitename,
            "url": doc.url, "author": doc.author}
