"""Plain, frozen records that cross process boundaries (no spaCy objects).

Every record serialises to the shapes in SCHEMA.md section 2 through `to_dict`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "assay/1"


@dataclass(frozen=True)
class Span:
    """A character span; `text` always equals `article.text[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(text[start:end], start, end)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["text"], d["start"], d["end"])


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derive_article_id(text: str, outlet: str | None, url: str | None) -> str:
    """SCHEMA.md section 1: a hash of text, outlet and url, so a reprint elsewhere is its own article."""
    key = "\x1f".join([text, outlet or "", url or ""])
    return "a-" + _sha256(key)[:16]


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str = "en"

    @property
    def sha256(self) -> str:
        return _sha256(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "published": self.published,
            "outlet": self.outlet, "url": self.url, "author": self.author,
            "language": self.language, "text": self.text, "sha256": self.sha256,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(**{k: d.get(k) for k in ("id", "text", "title", "published", "outlet", "url", "author")},
                   language=d.get("language") or "en")


@dataclass(frozen=True)
class Claim:
    """An attribution: who (source) says (cue) what (content)."""

    id: str
    cue: Span
    content: tuple[Span, ...]
    source: Span | None = None
    source_entity: str | None = None
    source_kind: str = "unattributed"
    cue_class: str = "neutral"
    kind: str = "indirect"
    modality: str = "asserted"
    hedges: tuple[Span, ...] = ()
    stated_on: str | None = None
    nested_in: str | None = None
    extractor: str = "assay.claims.v3"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "source_entity": self.source_entity,
            "source_kind": self.source_kind,
            "cue": self.cue.to_dict(),
            "cue_class": self.cue_class,
            "content": [s.to_dict() for s in self.content],
            "kind": self.kind,
            "modality": self.modality,
            "hedges": [s.to_dict() for s in self.hedges],
            "stated_on": self.stated_on,
            "nested_in": self.nested_in,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"], cue=Span.from_dict(d["cue"]),
            content=tuple(Span.from_dict(s) for s in d["content"]),
            source=Span.from_dict(d["source"]) if d.get("source") else None,
            source_entity=d.get("source_entity"), source_kind=d.get("source_kind", "unattributed"),
            cue_class=d.get("cue_class", "neutral"), kind=d.get("kind", "indirect"),
            modality=d.get("modality", "asserted"),
            hedges=tuple(Span.from_dict(s) for s in d.get("hedges") or []),
            stated_on=d.get("stated_on"), nested_in=d.get("nested_in"),
        )


@dataclass(frozen=True)
class Estimand:
    """What a figure measures: the concept and measure ("casualties", "killed"), the counted class
    ("drone"), whose figure it is (a country code or group), the period its clause names, and
    whether it is a count or a projection. Series join figures whose estimands agree."""

    concept: str
    measure: str | None = None
    counted: str | None = None
    group: str | None = None
    period: str | None = None
    kind: str = "count"
    event: int | None = None  # index in the article's events of the event the figure belongs to
    place: str | None = None  # a town or district named in the figure's own clause ("in Bener Meriah")

    def key(self) -> str:
        """A stable text key ("casualties:killed:-:ML:-:count"); `-` for what the figure does not say."""
        return ":".join(v or "-" for v in (self.concept, self.measure, self.counted, self.group, self.period,
                                           self.kind)) + (f"@{self.place}" if self.place else "")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Estimand | None:
        """From to_dict's shape; a missing or null field takes its default."""
        if not d:
            return None
        given = {f.name: d[f.name] for f in fields(cls) if d.get(f.name) is not None}
        return cls(**{"concept": "other", **given})


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts, its bounds and how it is given (SCHEMA.md Quantity)."""

    span: Span
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    unit: str | None = None
    concept: str | None = None
    claim: str | None = None
    status: str = "reported"
    subject: str | None = None  # whose figure it is ("North Korean", "Veldran"), as written
    estimand: Estimand | None = None  # what it measures: groups estimate series

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "value": self.value, "low": self.low, "high": self.high,
                "bound": self.bound, "unit": self.unit, "concept": self.concept, "claim": self.claim,
                "status": self.status, "subject": self.subject,
                "estimand": self.estimand.to_dict() if self.estimand else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(span=Span.from_dict(d["span"]), **{k: d.get(k) for k in (
            "value", "low", "high", "unit", "concept", "claim", "subject")},
            bound=d.get("bound") or "exact", status=d.get("status") or "reported",
            estimand=Estimand.from_dict(d.get("estimand")))


@dataclass(frozen=True)
class Time:
    """A date, time or duration expression with its TIMEX3-style value (SCHEMA.md Time)."""

    span: Span
    value: str | None
    type: str = "date"
    granularity: str = "day"

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "value": self.value, "type": self.type,
                "granularity": self.granularity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Time:
        return cls(span=Span.from_dict(d["span"]), value=d.get("value"), type=d.get("type") or "date",
                   granularity=d.get("granularity") or "day")


PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Place:
    """A place name resolved to the gazetteer (SCHEMA.md Place); unresolved names keep null ids and points."""

    span: Span
    name: str
    geonames_id: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str = "other"

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "name": self.name, "geonames_id": self.geonames_id,
                "country": self.country, "lat": self.lat, "lon": self.lon, "feature": self.feature}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(span=Span.from_dict(d["span"]), name=d.get("name") or d["span"]["text"],
                   geonames_id=d.get("geonames_id"), country=d.get("country"), lat=d.get("lat"),
                   lon=d.get("lon"), feature=d.get("feature") or "other")


@dataclass(frozen=True)
class Actor:
    """Who acts or is acted upon in an event: the words, the resolved entity id and its country."""

    span: Span
    entity: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "entity": self.entity, "country": self.country}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(span=Span.from_dict(d["span"]), entity=d.get("entity"), country=d.get("country"))


@dataclass(frozen=True)
class Event:
    """A PLOVER event: who did what to whom, where and when (SCHEMA.md Event)."""

    type: str
    trigger: Span
    actors: tuple[Actor, ...] = ()
    recipients: tuple[Actor, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    place: Place | None = None
    date: str | None = None
    date_from_article: bool = False  # no date in the text: the article's date stands in
    aux: str | None = None
    claim: str | None = None
    size: Quantity | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "cameo": self.cameo, "trigger": self.trigger.to_dict(),
                "actors": [a.to_dict() for a in self.actors],
                "recipients": [a.to_dict() for a in self.recipients],
                "place": self.place.to_dict() if self.place else None, "date": self.date,
                "date_from_article": self.date_from_article, "aux": self.aux, "claim": self.claim,
                "size": self.size.to_dict() if self.size else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(type=d["type"], trigger=Span.from_dict(d["trigger"]),
                   actors=tuple(Actor.from_dict(a) for a in d.get("actors") or []),
                   recipients=tuple(Actor.from_dict(a) for a in d.get("recipients") or []),
                   mode=d.get("mode"), cameo=d.get("cameo"),
                   place=Place.from_dict(d["place"]) if d.get("place") else None, date=d.get("date"),
                   date_from_article=bool(d.get("date_from_article")), aux=d.get("aux"), claim=d.get("claim"),
                   size=Quantity.from_dict(d["size"]) if d.get("size") else None)


@dataclass(frozen=True)
class Entity:
    """A source or actor resolved inside one article (pronouns and short forms included)."""

    id: str
    name: str
    type: str
    country: str | None = None
    mentions: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country,
                "mentions": [m.to_dict() for m in self.mentions]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(id=d["id"], name=d["name"], type=d["type"], country=d.get("country"),
                   mentions=tuple(Span.from_dict(m) for m in d.get("mentions") or []))


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[Time, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)

    def source_name(self, claim: Claim) -> str | None:
        """The claim's source as resolved (the entity's name), else as written, else None."""
        for e in self.entities:
            if e.id == claim.source_entity:
                return e.name
        return claim.source.text if claim.source else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "article": self.article.to_dict(),
            "claims": [c.to_dict() for c in self.claims],
            "quantities": [q.to_dict() for q in self.quantities],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
            "entities": [e.to_dict() for e in self.entities],
            "extractors": dict(self.extractors),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        return cls(
            article=Article.from_dict(d["article"]),
            claims=tuple(Claim.from_dict(c) for c in d.get("claims") or []),
            entities=tuple(Entity.from_dict(e) for e in d.get("entities") or []),
            quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities") or []),
            times=tuple(Time.from_dict(t) for t in d.get("times") or []),
            places=tuple(Place.from_dict(p) for p in d.get("places") or []),
            events=tuple(Event.from_dict(e) for e in d.get("events") or []),
            extractors=dict(d.get("extractors") or {}),
        )


@dataclass(frozen=True)
class InputError:
    """An input that could not be read or parsed: reported, skipped, never fatal to a batch."""

    path: str
    reason: str
    line: int | None = None

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
