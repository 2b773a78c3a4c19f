"""Assertion helpers shared by the tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from assay.cli import cli
from assay.records import Claim, Extraction


def source_name(extraction: Extraction, claim: Claim) -> str | None:
    """The resolved entity name of a claim's source, else its text as written."""
    return extraction.source_name(claim)



def claim_with(extraction: Extraction, content: str) -> Claim:
    """The claim whose content contains `content` (outermost first)."""
    hits = [c for c in extraction.claims if any(content in s.text for s in c.content)]
    assert hits, f"no claim holds {content!r}; claims: {[[s.text for s in c.content] for c in extraction.claims]}"
    hits.sort(key=lambda c: c.nested_in is not None)
    return hits[0]


def ingest_articles(folder: Path, articles: list[dict], db: str = "store.db") -> str:
    """Ingest article records through the CLI into a new SQLite store in `folder`; its URL."""
    path = write_jsonl(folder / "in.jsonl", articles)
    url = f"sqlite:///{folder / db}"
    result = CliRunner().invoke(cli, ["--store", url, "ingest", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return url


def two_reports(folder: Path) -> Path:
    """A JSONL file of two articles we wrote: a border crossing reported, and denied by the other side."""
    rows = [{"id": "g1", "published": "2026-05-04", "outlet": "Gazette",
             "text": "Estovia's border agency said on Monday that Norvan troops had crossed the Lake river."},
            {"id": "g2", "published": "2026-05-05", "outlet": "Courier",
             "text": "Norva's defence ministry denied that Norvan troops had crossed the Lake river."}]
    return write_jsonl(folder / "g.jsonl", rows)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Article records as a JSON Lines file at `path`."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
