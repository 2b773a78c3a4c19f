"""The corpus-wide pass over the store: copies, entities across articles, grades and relations.

`update_corpus` runs after every ingest or removal and costs what the change touches: each article's
contribution (signature, entities, claim facts; analyze/contributions.py) is kept in the store, and the
copy, entity and claim steps (copy_pass.py, entity_pass.py, claim_pass.py) look up only the stored rows the
new or removed articles can reach. `rebuild_corpus` empties those tables and runs the same steps over every
article. `analyze` is the whole pass as one pure function over a list of extractions: the tests check that
any sequence of updates leaves the store with exactly its result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assay.analyze.claim_pass import update_claims
from assay.analyze.contributions import ArticleFacts, article_facts
from assay.analyze.copy_pass import update_copies
from assay.analyze.dedupe import copy_groups
from assay.analyze.entity_pass import update_entities
from assay.analyze.grading import Grading, grade_claims, local_country, reliability_priors
from assay.analyze.store_entities import GlobalEntity, resolve_store
from assay.analyze.views_pass import articles_to_redo, update_views
from assay.records import Claim, Extraction
from assay.resolve.actors import ActorTable, shipped_actors
from assay.store import Store
from assay.store.pass_state import PassState


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
        return local_country(ex, claim)

    def source_id(self, ex: Extraction, claim: Claim) -> str | None:
        """The store-wide id of a claim's source ("org:kr-nis"), else its id within the article."""
        entity = self.source_entity(ex, claim)
        return entity.id if entity is not None else claim.source_entity


def analyze(extractions: Iterable[Extraction], reliability_file: str = "", actors: ActorTable | None = None
            ) -> Analysis:
    """Group copies, resolve entities across articles (with the shipped actor table unless given one), then
    grade every claim."""
    exs = list(extractions)
    result = Analysis(copy_of=copy_groups(ex.article for ex in exs),
                      entities=resolve_store(exs, actors or shipped_actors()))
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
                           **g.to_dict()})
    sources = [e.row() for e in used.values()]
    relations = [r.row() for r in analysis.grading.relations]
    return sources, grades, relations


@dataclass(frozen=True)
class PassReport:
    """What one pass looked at."""

    added: int
    removed: int
    claims_graded: int


def _update(store: Store, state: PassState, new: dict[str, ArticleFacts], removed: set[str],
            reliability_file: str, actors: ActorTable | None) -> int:
    actors = actors or shipped_actors()
    copies = update_copies(state, new, removed)
    entities = update_entities(state, new, removed, actors)
    refresh, regraded, graded = update_claims(state, new, removed, copies.moved | entities.moved,
                                              copies.regrouped, reliability_priors(reliability_file))
    redo = articles_to_redo(state, set(new) | copies.moved | entities.moved | regraded, removed)
    update_views(state, redo, removed, actors.countries, lambda ids: store.extractions_of(ids, state.conn))
    ids = refresh | entities.entities
    found = state.global_entities(state.graded_sources(ids))  # sources and global_entities share their columns
    state.replace_sources(ids, [dict(r._mapping) for r in found.values()])
    state.clear_pending(set(new) | removed)
    return graded


def update_corpus(store: Store, removed: Iterable[str] = (), reliability_file: str = "",
                  actors: ActorTable | None = None) -> PassReport:
    """Bring the pass's tables up to date, in one transaction, with the articles stored since the last pass
    (marked pending: an ingest that stopped before its pass is taken up too) and removed article ids."""
    gone = set(removed)
    with store.engine.begin() as conn:
        state = PassState(conn)
        new = {ex.article.id: article_facts(ex) for ex in store.extractions_of(state.pending() - gone, conn)}
        graded = _update(store, state, new, gone, reliability_file, actors)
        store.delete_articles(gone, conn)
    return PassReport(len(new), len(gone), graded)


def rebuild_corpus(store: Store, reliability_file: str = "", actors: ActorTable | None = None) -> PassReport:
    """Empty the pass's tables and run it over every stored article."""
    with store.engine.begin() as conn:
        state = PassState(conn)
        state.clear()
        new = {ex.article.id: article_facts(ex) for ex in store.extractions(conn)}
        graded = _update(store, state, new, set(), reliability_file, actors)
    return PassReport(len(new), 0, graded)
