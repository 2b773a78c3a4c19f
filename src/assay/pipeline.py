"""The per-article pipeline: Article -> Extraction, built from Settings; no stage logic here."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from assay.extract.claims import EXTRACTOR as CLAIMS_EXTRACTOR
from assay.extract.claims import extract_claims
from assay.extract.estimands import link_events
from assay.extract.events import EXTRACTOR as EVENTS_EXTRACTOR
from assay.extract.events import extract_events
from assay.extract.places import EXTRACTOR as PLACES_EXTRACTOR
from assay.extract.places import extract_places
from assay.extract.quantities import EXTRACTOR as QUANTITIES_EXTRACTOR
from assay.extract.quantities import extract_quantities
from assay.extract.times import EXTRACTOR as TIMES_EXTRACTOR
from assay.extract.times import date_claims, extract_times
from assay.nlp import load_nlp
from assay.records import Article, Extraction, InputError
from assay.resolve.actors import load_actors_file
from assay.resolve.local_places import use_places_file
from assay.runners.deadline import ExtractionTimeout, deadline
from assay.settings import Settings

EXTRACTORS = {"claims": CLAIMS_EXTRACTOR, "quantities": QUANTITIES_EXTRACTOR, "times": TIMES_EXTRACTOR,
              "places": PLACES_EXTRACTOR, "events": EVENTS_EXTRACTOR}


_USER_TABLES = {"places_file": ("places", "events"), "actors_file": ("claims", "events")}
_loaded: set[tuple[str, str]] = set()  # (setting, path) already read into this process's tables


def extractor_versions(settings: Settings) -> dict[str, str]:
    """Versions stored with each extraction; a user's places or actors file changes the layers that read it."""
    versions = dict(EXTRACTORS)
    for setting, layers in _USER_TABLES.items():
        path = getattr(settings, setting)
        if path:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]
            for name in layers:
                versions[name] += f"+{setting.split('_')[0]}:{digest}"
    return versions


def load_user_tables(settings: Settings) -> None:
    """Read the user's places and actors files into this process's tables, once per process."""
    for setting, load in (("places_file", use_places_file), ("actors_file", load_actors_file)):
        path = getattr(settings, setting)
        if path and (setting, path) not in _loaded:
            load(path)
            _loaded.add((setting, path))


def extract_doc(article: Article, doc: Doc, versions: dict[str, str] = EXTRACTORS) -> Extraction:
    """Run every extractor on one parsed article."""
    claims, entities = extract_claims(doc)
    times = extract_times(doc, article.published)
    claims = date_claims(doc, claims, times, article.published)
    quantities = extract_quantities(doc, claims, times)
    places = extract_places(doc, article)
    events = extract_events(doc, article, claims, entities, quantities, times, places)
    quantities = link_events(doc, quantities, events, places)
    return Extraction(article=article, claims=tuple(claims), entities=tuple(entities),
                      quantities=tuple(quantities), times=tuple(times), places=tuple(places),
                      events=tuple(events), extractors=dict(versions))


class Pipeline:
    """spaCy once per article, then the extractors; picklable settings in, plain records out."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.versions = extractor_versions(settings)
        load_user_tables(settings)

    def _parsable(self, articles: Iterable[Article]) -> Iterator[tuple[str, Article | InputError]]:
        """Articles spaCy can take; a longer one becomes an error instead of stopping the batch."""
        limit = min(self.settings.max_chars, self.nlp.max_length)
        for a in articles:
            if len(a.text) > limit:
                yield "", InputError(path=a.id, reason=f"article too long: {len(a.text)} characters > {limit}")
            else:
                yield a.text, a

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | InputError]:
        """Extractions in input order; an article an extractor fails on is reported, not fatal."""
        pairs = self._parsable(articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            if isinstance(article, InputError):
                yield article
                continue
            try:
                with deadline(self.settings.extract_timeout):
                    extraction = extract_doc(article, doc, self.versions)
                yield extraction
            except ExtractionTimeout:
                yield InputError(path=article.id, reason=f"extraction took longer than "
                                                         f"{self.settings.extract_timeout:g} s; skipped")
            except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
                yield InputError(path=article.id, reason=f"extraction failed: {type(e).__name__}: {e}")

    def extract_one(self, article: Article) -> Extraction:
        """One article; raises if an extractor fails (for tests and the library API)."""
        doc = self.nlp(article.text)
        return extract_doc(article, doc, self.versions)
