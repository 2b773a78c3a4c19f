"""Assertion helpers shared by the tests."""

from __future__ import annotations

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
