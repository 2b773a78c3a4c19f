"""Plain, frozen records that cross process boundaries (no spaCy objects).

Every record serialises to the shapes in SCHEMA.md section 2 through `to_dict` and reads them back with
`from_dict` (serial.py, from the fields and their types).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import ClassVar

from assay.serial import Record

SCHEMA_VERSION = "assay/1"


@dataclass(frozen=True)
class Span(Record):
    """A character span; `text` always equals `article.text[start:end]`."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(text[start:end], start, end)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def derive_article_id(text: str, outlet: str | None, url: str | None) -> str:
    """SCHEMA.md section 1: a hash of text, outlet and url, so a reprint elsewhere is its own article."""
    key = "\x1f".join([text, outlet or "", url or ""])
    return "a-" + _sha256(key)[:16]


@dataclass(frozen=True)
class Article(Record):
    json_derived: ClassVar[dict[str, str]] = {"sha256": "sha256"}  # the store tells a changed text by it

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


@dataclass(frozen=True)
class Claim(Record):
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


@dataclass(frozen=True)
class Estimand(Record):
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


@dataclass(frozen=True)
class Quantity(Record):
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


@dataclass(frozen=True)
class Time(Record):
    """A date, time or duration expression with its TIMEX3-style value (SCHEMA.md Time)."""

    span: Span
    value: str | None
    type: str = "date"
    granularity: str = "day"


PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Place(Record):
    """A place name resolved to the gazetteer (SCHEMA.md Place); unresolved names keep null ids and points."""

    span: Span
    name: str
    geonames_id: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str = "other"


@dataclass(frozen=True)
class Actor(Record):
    """Who acts or is acted upon in an event: the words, the resolved entity id and its country."""

    span: Span
    entity: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Event(Record):
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


@dataclass(frozen=True)
class Entity(Record):
    """A source or actor resolved inside one article (pronouns and short forms included)."""

    id: str
    name: str
    type: str
    country: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Extraction(Record):
    """Everything extracted from one article."""

    article: Article
    claims: tuple[Claim, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[Time, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    extractors: dict[str, str] = field(default_factory=dict)

    json_derived: ClassVar[dict[str, str]] = {"schema": "schema"}

    @property
    def schema(self) -> str:
        """The version of the data contract these records follow."""
        return SCHEMA_VERSION

    def source_name(self, claim: Claim) -> str | None:
        """The claim's source as resolved (the entity's name), else as written, else None."""
        for e in self.entities:
            if e.id == claim.source_entity:
                return e.name
        return claim.source.text if claim.source else None


@dataclass(frozen=True)
class InputError:
    """An input that could not be read or parsed: reported, skipped, never fatal to a batch."""

    path: str
    reason: str
    line: int | None = None

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
