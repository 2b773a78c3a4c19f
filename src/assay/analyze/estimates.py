"""Estimate series: every figure given for the same thing, by whom and when (SCHEMA.md section 3).

Quantities of the same concept about the same subject ("Veldran" personnel) form one
series across all stored articles. A point's date is its claim's `stated_on`, else
the article's date. Copies of one report (a reprinted wire story) say the same
thing in the same words: they share an `origin`, so they count once among sources.
Hypothetical figures are kept apart, never as points.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from assay.extract.quantities import SERIES_CONCEPTS
from assay.records import Claim, Extraction, Quantity


def subject_key(subject: str) -> str:
    """ "North Koreans" and "North Korean" are one subject."""
    words = subject.lower().split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def _origin(source: str | None, q: Quantity, claim: Claim | None) -> str:
    """The same source, figure and wording is one report, however many outlets carry it."""
    wording = " ".join(" ".join(s.text.split()) for s in claim.content) if claim else q.span.text
    key = "\x1f".join([source or "", str(q.value), str(q.low), str(q.high), wording])
    return "o" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def _point(ex: Extraction, q: Quantity) -> dict[str, Any]:
    claim = next((c for c in ex.claims if c.id == q.claim), None)
    source = ex.source_name(claim) if claim is not None else None
    return {
        "value": q.value, "low": q.low, "high": q.high, "bound": q.bound,
        "date": (claim.stated_on if claim and claim.stated_on else None) or ex.article.published,
        "source": source, "source_entity": claim.source_entity if claim else None,
        "outlet": ex.article.outlet, "article": ex.article.id, "claim": q.claim, "status": q.status,
        "text": q.span.text, "origin": _origin(source, q, claim), "grade": None,
    }


def _summary(points: list[dict[str, Any]]) -> dict[str, Any]:
    def lo(p: dict[str, Any]) -> float:
        return p["value"] if p["value"] is not None else p["low"] if p["low"] is not None else p["high"]

    def hi(p: dict[str, Any]) -> float:
        return p["value"] if p["value"] is not None else p["high"] if p["high"] is not None else p["low"]
    latest = points[-1]
    sources = {p["source"] for p in points if p["source"]}
    independent = {(p["origin"], p["source"]) for p in points if p["source"]}
    return {"latest": latest["value"] if latest["value"] is not None else [latest["low"], latest["high"]],
            "latest_date": latest["date"], "low": min(lo(p) for p in points), "high": max(hi(p) for p in points),
            "sources": len(sources), "independent_sources": len({s for _, s in independent}),
            "reports": len({p["origin"] for p in points}), "articles": len({p["article"] for p in points})}


def build_series(extractions: Iterable[Extraction], about: str | None = None) -> list[dict[str, Any]]:
    """Estimate series across the corpus, largest first; `about` keeps series whose name holds it."""
    points: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for ex in extractions:
        for q in ex.quantities:
            if q.concept in SERIES_CONCEPTS and q.subject:
                key = (q.concept, subject_key(q.subject))
                names.setdefault(key, f"{q.subject} {q.concept}")
                points[key].append(_point(ex, q))
    out = []
    for key, pts in points.items():
        real = sorted((p for p in pts if p["status"] != "hypothetical"), key=lambda p: (p["date"] or "", p["article"]))
        if not real or (about and about.lower() not in names[key].lower()):
            continue
        out.append({"estimand": names[key], "concept": key[0], "points": real,
                    "hypotheticals": [p for p in pts if p["status"] == "hypothetical"],
                    "summary": _summary(real)})
    return sorted(out, key=lambda s: (-s["summary"]["reports"], s["estimand"]))
