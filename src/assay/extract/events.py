"""PLOVER events: who did what to whom, where and when (SCHEMA.md Event).

One pass over the tokens finds triggers (event_triggers.py); at each hit a few dependency walks find the
actors and recipients (event_roles.py), the auxiliary mode (future, negated, ...), and the claim, time,
place and size from the other layers. A trigger inside the clause governed by another trigger is that
event's topic ("threatened to cut off electricity" is one THREATEN), not an event of its own. Statements
(say, announce, tell) are claims, never events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from assay.dates import iso_day
from assay.extract.event_lexicon import INTENT_TO_AGREE, INTENT_TO_THREATEN, Sense, cameo_for
from assay.extract.event_roles import actor_heads, motion_head, recipient_head, role_ranges
from assay.extract.event_triggers import Trigger, find_triggers
from assay.records import Actor, Article, Claim, Entity, Event, Place, Quantity, Span, Time
from assay.resolve.countries import CountryTable
from assay.resolve.reference import Reference

EXTRACTOR = "assay.events.v2"  # v2: "execute" with nothing executed is no killing

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
MODAL_AUX = {"could", "might", "may", "would", "should", "can"}
# words that put what they govern in the future ("plans to meet", "is ready to send", "is to visit")
FUTURE_GOVERNORS = {"plan", "intend", "expect", "prepare", "aim", "hope", "want", "wish", "ready", "willing",
                    "prepared", "about", "set", "due", "poised", "going", "schedule", "slate", "be", "propose",
                    "offer", "pledge", "promise", "vow", "agree"}
CONDITIONS = {"if", "unless", "should"}
# a CAMEO "express intent to ..." code for each cooperative type that AGREE absorbs
INTENT_CODES = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "RETREAT": "035",
                "CONCEDE": "035"}
THREAT_MODES = {"ASSAULT": ("violence", "138"), "COERCE": ("restrict", "132"), "MOBILIZE": ("violence", "138"),
                "SANCTION": ("relations", "1313")}
SIZE_CONCEPTS = {"personnel", "casualties"}
HISTORICAL_GAP = timedelta(days=30)
NEEDS_RECIPIENT = {"AID", "SANCTION"}


@dataclass
class Draft:
    trigger: Trigger
    anchor: Token  # the token whose clause holds the event (a journey verb can stand for a meeting)


def _parse_day(value: str | None) -> date | None:
    return iso_day(value)


def _period_end(value: str) -> date | None:
    """The last day a TIMEX value covers: "2023" -> 2023-12-31, "2024-08" -> 2024-08-31."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(year, 12, 31)
        month = int(parts[1][:2])
        if len(parts) == 2:
            return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, month, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None


def _nested(doc: Doc, trig: Trigger, heads: dict[int, Trigger]) -> bool:
    """Inside the clause of another trigger (not merely coordinated with it): that event's topic. A verb
    coordinated with a trigger of its own type is the same event told twice ("killed one and wounded two")."""
    tok = doc[trig.head]
    coordinated = True
    for _ in range(12):
        if tok.head.i == tok.i:
            return False
        coordinated = coordinated and tok.dep_ == "conj"
        tok = tok.head
        if tok.i in heads and tok.i != trig.head:
            if not coordinated or heads[tok.i].sense.type == trig.sense.type:
                return True
    return False


def _obliged(tok: Token) -> bool:
    """ "Iraq must cooperate": an obligation laid on someone, not something done."""
    auxes = _aux_words(tok)
    return bool(auxes & {"must", "should"}) or any(
        c.lower_ == "have" and c.dep_ == "aux" for c in tok.children) and "to" in auxes


def _promised_force(doc: Doc, trig: Trigger, heads: dict[int, Trigger]) -> bool:
    """ "vowed to fight", "pledged to strike back": a promise of force is a threat."""
    return trig.sense.type == "AGREE" and any(
        c.dep_ in ("xcomp", "advcl") and c.i in heads and heads[c.i].sense.type in INTENT_TO_THREATEN
        for c in doc[trig.head].children)


def _aux_words(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("neg", "advmod", "det")
               for c in tok.children)


def _conditional(tok: Token) -> bool:
    """The clause is an "if" condition, or the event is conditioned on one ("will strike if ...")."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in CONDITIONS:
                return True
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
               for c in tok.children)


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _in_reported_past(tok: Token) -> bool:
    """ "said it would ...": "would" is the future of a past statement, not a hypothesis."""
    t = _first_conjunct(tok)
    for _ in range(3):
        if t.dep_ != "ccomp" or t.head.i == t.i:
            return False
        t = t.head
        if t.tag_ in ("VBD", "VBN"):
            return True
    return False


def _governor_future(tok: Token) -> bool:
    t = tok
    for _ in range(2):
        if t.dep_ not in ("xcomp", "ccomp") or t.head.i == t.i:
            return False
        gov = t.head
        if gov.lemma_.lower() in FUTURE_GOVERNORS or _aux_words(gov) & FUTURE_AUX:
            return True
        t = gov
    return False


def aux_mode(tok: Token) -> str | None:
    """negated, hypothetical or future as the clause says it (historical comes from the date)."""
    auxes = _aux_words(tok)
    if _negated(tok):
        return "negated"
    if _conditional(tok) or auxes & {"could", "might", "may"}:
        return "hypothetical"
    if "would" in auxes and not _in_reported_past(tok):
        return "hypothetical"
    if auxes & FUTURE_AUX or "would" in auxes or _governor_future(tok):
        return "future"
    return None


def _recast(sense: Sense, aux: str | None, anchor: Token) -> tuple[Sense, str | None]:
    """PLOVER folds intentions into single categories: promised cooperation is AGREE, a promised or
    conditional use of force is THREATEN, and cooperation flatly ruled out is REJECT."""
    kind = sense.type
    if kind in INTENT_TO_AGREE and aux == "negated" and (_aux_words(anchor) & (FUTURE_AUX | MODAL_AUX)):
        return Sense("REJECT", None, "120"), None
    if kind in INTENT_TO_AGREE and aux in ("future", "hypothetical"):
        return Sense("AGREE", sense.mode, INTENT_CODES[kind]), aux
    if kind in INTENT_TO_THREATEN and aux in ("future", "hypothetical") or kind == "SANCTION" and _conditional(anchor):
        mode, code = THREAT_MODES.get(kind, (None, "130"))
        return Sense("THREATEN", mode, code), aux
    return sense, aux


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc[start:end]
    return span.start_char, span.end_char


def _entity_for(entities: Sequence[Entity], start: int, end: int) -> Entity | None:
    for e in entities:
        for m in e.mentions:
            if m.start < end and start < m.end:
                return e
    return None


class _Context:
    """The article-level layers an event draws on, looked up by character offsets."""

    def __init__(self, doc: Doc, article: Article, claims: Sequence[Claim], entities: Sequence[Entity],
                 quantities: Sequence[Quantity], times: Sequence[Time], places: Sequence[Place],
                 countries: CountryTable) -> None:
        self.table = countries
        self.doc, self.article, self.claims, self.entities = doc, article, claims, entities
        self.text = doc.text  # Doc.text rebuilds the string on every call
        self.quantities, self.times, self.places = quantities, times, places
        self.published = _parse_day(article.published)
        self.countries = tuple({p.country for p in places if p.country} | {e.country for e in entities if e.country})

    def actor(self, start: int, end: int) -> Actor:
        doc = self.doc
        cs, ce = _char_range(doc, start, end)
        text = self.text
        entity = _entity_for(self.entities, cs, ce)
        country = entity.country if entity and entity.country else self.table.country_in(text[cs:ce], self.countries)
        if country is None:
            country = next((p.country for p in self.places if p.span.start < ce and cs < p.span.end and p.country),
                           None)
        return Actor(span=Span.of(text, cs, ce), entity=entity.id if entity else None, country=country)

    def claim_of(self, cs: int, ce: int) -> str | None:
        holding = [(sum(s.end - s.start for s in c.content), c.id) for c in self.claims
                   if any(s.start <= cs and ce <= s.end for s in c.content)]
        return min(holding)[1] if holding else None

    def date_of(self, anchor: Token) -> tuple[str | None, bool]:
        sent = anchor.sent
        lo, hi = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
        dated = [t for t in self.times if t.type == "date" and t.value and t.value[:1].isdigit()
                 and sent.start_char <= t.span.start < sent.end_char]
        if dated:
            inside = [t for t in dated if lo <= t.span.start < hi]
            best = min(inside or dated, key=lambda t: abs(t.span.start - anchor.idx))
            return best.value, False
        if self.article.published:
            return self.article.published[:10], True
        return None, False

    def historical(self, value: str | None, from_article: bool) -> bool:
        if not value or from_article or self.published is None:
            return False
        end = _period_end(value)
        return end is not None and end < self.published - HISTORICAL_GAP

    def place_of(self, anchor: Token, avoid: list[tuple[int, int]]) -> Place | None:
        sent = anchor.sent
        lo, hi = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
        found = [p for p in self.places if sent.start_char <= p.span.start < sent.end_char
                 and not any(p.span.start < e and s < p.span.end for s, e in avoid)]
        if not found:
            return None

        def rank(p: Place) -> tuple[int, int]:
            tok = self.doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
            governed = tok is not None and tok.root.head.lower_ in ("in", "at", "near", "outside", "inside")
            return (0 if governed and lo <= p.span.start < hi else 1 if lo <= p.span.start < hi else 2,
                    abs(p.span.start - anchor.idx))
        return min(found, key=rank)

    def size_of(self, anchor: Token) -> Quantity | None:
        sent = anchor.sent
        found = [q for q in self.quantities if q.concept in SIZE_CONCEPTS
                 and sent.start_char <= q.span.start < sent.end_char]
        return min(found, key=lambda q: abs(q.span.start - anchor.idx)) if found else None


def _roles(doc: Doc, trig: Trigger, anchor: Token) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    actor_trig = Trigger(anchor.i, trig.start, trig.end, trig.sense, trig.nominal, trig.noun)
    actor = actor_heads(doc, actor_trig)
    recipient = recipient_head(doc, trig, actor)
    actors = role_ranges(actor) if actor is not None else []
    recipients = role_ranges(recipient) if recipient is not None else []
    if actor is not None and recipient is not None and recipient.i == actor.i:
        recipients = []
    return actors, recipients


TAKING = {"seize", "capture", "take", "overrun", "retake", "recapture"}
TOWNS = {"city", "admin1", "admin2", "region"}


def _conquest(ctx: _Context, anchor: Token, recipients: list[tuple[int, int]]) -> bool:
    """Taking a town or region is fighting for it (ASSAULT), not the seizure of property PLOVER codes as COERCE."""
    if anchor.lemma_ not in TAKING or not recipients:
        return False
    cs, ce = _char_range(ctx.doc, *recipients[0])
    return any(p.feature in TOWNS and cs <= p.span.start and p.span.end <= ce for p in ctx.places)


def _keep(kind: str, actors: list, recipients: list) -> bool:
    """PLOVER codes an event only with an actor (killings by unnamed hands keep their victims)."""
    if not actors and not (kind == "ASSAULT" and recipients):
        return False
    if kind in NEEDS_RECIPIENT and not recipients:
        return False
    return kind != "COOPERATE" or bool(recipients) or len(actors) > 1


def _event(ctx: _Context, draft: Draft, heads: dict[int, Trigger]) -> Event | None:
    doc, trig, anchor = ctx.doc, draft.trigger, draft.anchor
    if _obliged(doc[trig.head]):
        return None
    actors, recipients = _roles(doc, trig, anchor)
    aux = aux_mode(doc[trig.head]) or (aux_mode(anchor) if anchor.i != trig.head else None)
    sense, aux = _recast(trig.sense, aux, doc[trig.head])
    if _promised_force(doc, trig, heads):
        sense = Sense("THREATEN", "violence", "138")
    elif sense.type in ("COERCE", "ASSAULT") and _conquest(ctx, doc[trig.head], recipients):
        sense = Sense("ASSAULT", None, "190")
    if not _keep(sense.type, actors, recipients):
        return None
    start, end = (anchor.i, anchor.i + 1) if anchor.i != trig.head else (trig.start, trig.end)
    cs, ce = _char_range(doc, start, end)
    day, from_article = ctx.date_of(anchor)
    if aux is None and ctx.historical(day, from_article):
        aux = "historical"
    actor_spans = [_char_range(doc, s, e) for s, e in actors]
    return Event(
        type=sense.type, mode=sense.mode, cameo=sense.cameo or cameo_for(sense.type, sense.mode),
        trigger=Span.of(ctx.text, cs, ce),
        actors=tuple(ctx.actor(s, e) for s, e in actors),
        recipients=tuple(ctx.actor(s, e) for s, e in recipients),
        place=ctx.place_of(anchor, actor_spans), date=day, date_from_article=from_article, aux=aux,
        claim=ctx.claim_of(cs, ce), size=ctx.size_of(anchor))


def extract_events(doc: Doc, article: Article, claims: Sequence[Claim], entities: Sequence[Entity],
                   quantities: Sequence[Quantity], times: Sequence[Time], places: Sequence[Place],
                   ref: Reference) -> list[Event]:
    """The events the article reports, each tied to its claim, place, date and size where the text gives them."""
    found = find_triggers(doc)
    if not found:
        return []
    heads = {t.head: t for t in found}
    ctx = _Context(doc, article, claims, entities, quantities, times, places, ref.countries)
    events = []
    for trig in found:
        if _nested(doc, trig, heads):
            continue
        anchor = motion_head(doc, trig) or doc[trig.head]
        event = _event(ctx, Draft(trig, anchor), heads)
        if event is not None:
            events.append(event)
    return events
