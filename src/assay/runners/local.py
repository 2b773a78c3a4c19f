"""Local runner: the per-article pipeline in this process or in a pool of N processes.

Workers load the spaCy model once each (in the pool initializer); articles go
out and plain records come back in chunks, so a Doc never crosses processes.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from assay.pipeline import Pipeline
from assay.records import Article, Extraction, InputError
from assay.settings import Settings

_worker_pipeline: Pipeline | None = None  # one per worker process, set by _init_worker


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _extract_chunk(chunk: list[Article]) -> list[Extraction | InputError]:
    assert _worker_pipeline is not None, "worker not initialised"
    return list(_worker_pipeline.extract(chunk))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_extraction(articles: Iterable[Article], settings: Settings) -> Iterator[Extraction | InputError]:
    """Extractions (or per-article errors) for articles, in input order."""
    if settings.workers <= 1:
        yield from Pipeline(settings).extract(articles)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(settings.workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for result in pool.imap(_extract_chunk, _chunks(articles, settings.batch_size)):
            yield from result
