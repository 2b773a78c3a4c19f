"""The per-article pipeline: Article -> Extraction, as declared stages built from Settings; no stage logic here."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from assay.extract.claims import EXTRACTOR as CLAIMS_EXTRACTOR
from assay.extract.claims import extract_claims
from assay.extract.events import EXTRACTOR as EVENTS_EXTRACTOR
from assay.extract.events import extract_events
from assay.extract.figure_links import link_events
from assay.extract.places import EXTRACTOR as PLACES_EXTRACTOR
from assay.extract.places import extract_places
from assay.extract.quantities import EXTRACTOR as QUANTITIES_EXTRACTOR
from assay.extract.quantities import extract_quantities
from assay.extract.times import EXTRACTOR as TIMES_EXTRACTOR
from assay.extract.times import date_claims, extract_times
from assay.nlp import load_nlp
from assay.records import Article, Extraction, InputError
from assay.resolve.reference import Reference, file_digest, reference_from
from assay.runners.deadline import ExtractionTimeout, deadline
from assay.settings import Settings

_USER_TABLES = {"places_file": ("places", "events"), "actors_file": ("claims", "events")}
EXTRACTORS = {"claims": CLAIMS_EXTRACTOR, "quantities": QUANTITIES_EXTRACTOR, "times": TIMES_EXTRACTOR,
              "places": PLACES_EXTRACTOR, "events": EVENTS_EXTRACTOR}
INPUTS = ("article", "published", "doc", "ref")  # what every article's run starts with


@dataclass(frozen=True)
class Stage:
    """One step of the per-article run: `run` takes the layers it requires (by name) and returns what it
    provides, in order. A later stage may provide a layer again to refine it (dated claims, figures with
    their events); the Extraction holds each layer's last value."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[..., Any]


STAGES = (
    Stage("claims", ("doc", "ref"), ("claims", "entities"), extract_claims),
    Stage("times", ("doc", "published"), ("times",), extract_times),
    Stage("claim dates", ("doc", "claims", "times", "published"), ("claims",), date_claims),
    Stage("quantities", ("doc", "claims", "times", "ref"), ("quantities",), extract_quantities),
    Stage("places", ("doc", "article", "ref"), ("places",), extract_places),
    Stage("events", ("doc", "article", "claims", "entities", "quantities", "times", "places", "ref"), ("events",),
          extract_events),
    Stage("figure events", ("doc", "quantities", "events", "places"), ("quantities",), link_events),
)
LAYERS = ("claims", "entities", "quantities", "times", "places", "events")  # what an Extraction holds


def check_order(stages: Sequence[Stage], inputs: Iterable[str] = INPUTS) -> None:
    """Raise ValueError when a stage requires a layer no earlier stage provides (or its function takes other
    arguments than it declares), or a layer is never made."""
    have = set(inputs)
    for stage in stages:
        params = tuple(inspect.signature(stage.run).parameters)[:len(stage.requires)]
        if params != stage.requires:
            raise ValueError(f"stage {stage.name!r} declares {stage.requires} but its function takes {params}")
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage provides")
        have.update(stage.provides)
    never = [layer for layer in LAYERS if layer not in have]
    if never:
        raise ValueError(f"no stage provides {', '.join(never)}")


check_order(STAGES)


def extractor_versions(settings: Settings) -> dict[str, str]:
    """Versions stored with each extraction; a user's places or actors file changes the layers that read it."""
    versions = dict(EXTRACTORS)
    for setting, layers in _USER_TABLES.items():
        path = getattr(settings, setting)
        if path:
            digest = file_digest(path)[:8]
            for name in layers:
                versions[name] += f"+{setting.split('_')[0]}:{digest}"
    return versions


def run_stages(article: Article, doc: Doc, ref: Reference, stages: Sequence[Stage] = STAGES) -> dict[str, Any]:
    """Every layer the stages make for one parsed article."""
    state: dict[str, Any] = {"article": article, "published": article.published, "doc": doc, "ref": ref}
    for stage in stages:
        out = stage.run(*(state[name] for name in stage.requires))
        state.update(zip(stage.provides, out if len(stage.provides) > 1 else (out,), strict=True))
    return state


def extract_doc(article: Article, doc: Doc, ref: Reference, versions: dict[str, str] = EXTRACTORS) -> Extraction:
    """Run every stage on one parsed article."""
    state = run_stages(article, doc, ref)
    return Extraction(article=article, extractors=dict(versions), **{k: tuple(state[k]) for k in LAYERS})


class Pipeline:
    """spaCy once per article, then the extractors; picklable settings in, plain records out."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        self.versions = extractor_versions(settings)
        self.ref = reference_from(settings)

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
                    extraction = extract_doc(article, doc, self.ref, self.versions)
                yield extraction
            except ExtractionTimeout:
                yield InputError(path=article.id, reason=f"extraction took longer than "
                                                         f"{self.settings.extract_timeout:g} s; skipped")
            except Exception as e:  # noqa: BLE001 - one bad article must not stop a batch
                yield InputError(path=article.id, reason=f"extraction failed: {type(e).__name__}: {e}")

    def extract_one(self, article: Article) -> Extraction:
        """One article; raises if an extractor fails (for tests and the library API)."""
        doc = self.nlp(article.text)
        return extract_doc(article, doc, self.ref, self.versions)
