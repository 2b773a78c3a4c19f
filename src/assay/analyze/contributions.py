"""What one article contributes to the corpus pass, computed once when it is stored.

The corpus pass keeps these per article (store/schema.py) so that an ingest compares a new article with
only the stored articles, entities and claims it can touch, instead of rereading every extraction.
"""

from __future__ import annotations

from dataclasses import dataclass

from assay.analyze.corroboration import MIN_WORDS, content_terms, is_negative
from assay.analyze.dedupe import Signature, day_number, signature
from assay.analyze.figure_facts import FigureFact, claim_figures, figure_blocks
from assay.analyze.grading import local_country, parties, probability_of, wording
from assay.analyze.store_entities import Member, members_of
from assay.records import Claim, Extraction
from assay.serial import Record


@dataclass(frozen=True)
class ClaimFacts(Record):
    """What origins, relations and grades read of one claim, apart from the store."""

    claim_id: str
    seq: int
    kind: str  # source kind
    source_name: str | None  # the local entity's name, else the source as written
    has_source: bool
    local_entity: str | None
    local_country: str | None
    negative: bool
    comparable: bool  # states something with names and enough words to compare (corroboration.claim_views)
    names: tuple[str, ...]
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    wording: str
    probability: str | None
    figures: tuple[FigureFact, ...] = ()  # its reported figures; their estimands are among `names` as blocks


@dataclass(frozen=True)
class ArticleFacts:
    article_id: str
    published: str | None
    outlet: str | None
    length: int
    signature: Signature
    day: int
    parties: tuple[str, ...]
    members: tuple[Member, ...]
    claims: tuple[ClaimFacts, ...]


def claim_facts(ex: Extraction, claim: Claim, seq: int, figures: tuple[FigureFact, ...] = ()) -> ClaimFacts:
    names, words = content_terms(claim)
    states = claim.modality not in ("hypothetical", "predicted")
    comparable = states and (bool(names) and len(words) >= MIN_WORDS or bool(figures))
    return ClaimFacts(claim.id, seq, claim.source_kind, ex.source_name(claim), claim.source is not None,
                      claim.source_entity, local_country(ex, claim), is_negative(claim), comparable,
                      tuple(sorted(names | figure_blocks(figures))), tuple(sorted(words)),
                      tuple((s.start, s.end) for s in claim.content), wording(claim), probability_of(claim), figures)


def article_facts(ex: Extraction) -> ArticleFacts:
    a = ex.article
    figures = claim_figures(ex)
    return ArticleFacts(a.id, a.published, a.outlet, len(a.text), signature(a.text), day_number(a.published),
                        tuple(sorted(parties(ex))), tuple(members_of(ex)),
                        tuple(claim_facts(ex, c, n, figures.get(c.id, ())) for n, c in enumerate(ex.claims)))
