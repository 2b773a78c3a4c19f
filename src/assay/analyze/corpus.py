"""The corpus-wide pass over the store: copies, entities across articles, grades and relations.

Run after every ingest (corroboration changes as articles arrive); `analyze` is pure over the extractions
it is given, `refresh_store` reads them from the store and writes the results back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assay.analyze.dedupe import copy_groups
from assay.analyze.grading import Grading, grade_claims, reliability_priors
from assay.records import Claim, Extraction
from assay.resolve.entities import GlobalEntity, resolve_store
from assay.store import Store


@dataclass
class Analysis:
    """What the corpus pass knows: each article's original, each source's global entity, the grades."""

    copy_of: dict[str, str] = field(default_factory=dict)
    entities: dict[str, GlobalEntity] = field(default_factory=dict)  # "<article id>/<entity id>" -> entity
    grading: Grading = field(default_factory=Grading)

    def source_entity(self, ex: Extraction, claim: Claim) -> GlobalEntity | None:
        if claim.source_entity is None:
            return None
        return self.entities.get(f"{ex.article.id}/{claim.source_entity}")

    def source_country(self, ex: Extraction, claim: Claim) -> str | None:
        """The source's country as the store knows it, else as its article does."""
        entity = self.source_entity(ex, claim)
        if entity is not None and entity.country:
            return entity.country
        return next((e.country for e in ex.entities if e.id == claim.source_entity), None)

    def source_id(self, ex: Extraction, claim: Claim) -> str | None:
        """The store-wide id of a claim's source ("org:kr-nis"), else its id within the article."""
        entity = self.source_entity(ex, claim)
        return entity.id if entity is not None else claim.source_entity


def analyze(extractions: Iterable[Extraction], reliability_file: str = "") -> Analysis:
    """Group copies, resolve entities across articles, then grade every claim."""
    exs = list(extractions)
    result = Analysis(copy_of=copy_groups(ex.article for ex in exs), entities=resolve_store(exs))
    result.grading = grade_claims(exs, result.copy_of, result.source_id, reliability_priors(reliability_file),
                                  result.source_country)
    return result


def analysis_rows(analysis: Analysis, extractions: Iterable[Extraction]) -> tuple[list[dict], list[dict], list[dict]]:
    """(sources, claim grades, relations) as store rows."""
    used: dict[str, GlobalEntity] = {}
    grades = []
    for ex in extractions:
        for c in ex.claims:
            g = analysis.grading.grades.get((ex.article.id, c.id))
            if g is None:
                continue
            entity = analysis.source_entity(ex, c)
            if entity is not None:
                used[entity.id] = entity
            grades.append({"article_id": ex.article.id, "claim_id": c.id, "source_id": analysis.source_id(ex, c),
                           **{k: v for k, v in g.to_dict().items()}})
    sources = [{"id": e.id, "name": e.name, "type": e.type, "country": e.country, "kind": e.kind,
                "aliases": sorted(e.aliases)} for e in used.values()]
    relations = [{"kind": r.kind, "a_article": r.a[0], "a_claim": r.a[1], "b_article": r.b[0], "b_claim": r.b[1],
                  "reason": r.reason} for r in analysis.grading.relations]
    return sources, grades, relations


def refresh_store(store: Store, reliability_file: str = "") -> Analysis:
    """Rerun the pass over everything stored and replace its tables (after an ingest, from the CLI or the API)."""
    exs = list(store.extractions())
    result = analyze(exs, reliability_file)
    store.save_analysis(result.copy_of, *analysis_rows(result, exs))
    return result
