"""The use cases both faces call: ingest (read -> extract -> store -> corpus pass), remove and rebuild.

`assay ingest`, `POST /api/articles` and anything later that brings articles (feeds, a watch loop, a Spark
run's results) go through `ingest`, so they share one order of work and one crash-safe hand-over: articles are
stored in batches marked pending, and the corpus pass that follows (or the next one, if this one is stopped)
takes them up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from assay.analyze.corpus import PassReport, rebuild_corpus, update_corpus
from assay.records import Article, Extraction, InputError
from assay.resolve.actors import ActorTable
from assay.settings import Settings
from assay.store import Store

Extract = Callable[[Iterable[Article]], Iterator["Extraction | InputError"]]


class Extractor(Protocol):
    """What ingest needs of the per-article side: extraction and the extractors' versions."""

    versions: dict[str, str]

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | InputError]: ...


def load_extractor(settings: Settings) -> Extractor:
    """The per-article pipeline (loads the spaCy model: seconds and memory), for faces that do not build one
    themselves: the dashboard's API imports this, not the pipeline."""
    from assay.pipeline import Pipeline
    return Pipeline(settings)


@dataclass
class IngestReport:
    """What one ingest did, article by article."""

    seen: int = 0
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    corpus: PassReport | None = None


def corpus_pass(store: Store, reliability_file: str = "", removed: Iterable[str] = (),
                actors: ActorTable | None = None) -> PassReport:
    """The incremental pass, or a full rebuild when the store was made by an older assay."""
    if store.stale:
        store.delete_articles(removed)
        return rebuild(store, reliability_file, actors)
    return update_corpus(store, removed, reliability_file, actors)


def ingest(store: Store, articles: Iterable[Article], extract: Extract, versions: dict[str, str],
           batch_size: int = 64, reliability_file: str = "", actors: ActorTable | None = None) -> IngestReport:
    """Extract and store the articles that are new or changed, then bring the corpus pass up to date (with the
    user's actor table when given, the shipped one otherwise)."""
    report = IngestReport()

    def todo() -> Iterator[Article]:
        for article in articles:
            report.seen += 1
            if store.needs_extraction(article, versions):
                yield article
            else:
                report.unchanged.append(article.id)

    batch: list[Extraction] = []
    for result in extract(todo()):
        if isinstance(result, InputError):
            report.skipped.append(result)
            continue
        batch.append(result)
        if len(batch) >= batch_size:
            report.stored += [e.article.id for e in batch]
            store.save_many(batch)
            batch = []
    report.stored += [e.article.id for e in batch]
    store.save_many(batch)
    report.corpus = corpus_pass(store, reliability_file, actors=actors)
    return report


def remove(store: Store, article_ids: Iterable[str], reliability_file: str = "",
           actors: ActorTable | None = None) -> tuple[list[str], list[str]]:
    """Take articles out of the store and the corpus pass; (removed, unknown) ids."""
    ids = list(dict.fromkeys(article_ids))
    known = store.known(ids)
    gone = [a for a in ids if a in known]
    if gone:
        corpus_pass(store, reliability_file, gone, actors)
    return gone, [a for a in ids if a not in known]


def rebuild(store: Store, reliability_file: str = "", actors: ActorTable | None = None) -> PassReport:
    """Run the whole corpus pass from scratch over every stored article."""
    report = rebuild_corpus(store, reliability_file, actors)
    store.mark_rebuilt()
    return report
