"""What incident a figure belongs to: its event and the town or district its clause names.

`link_events` runs after events and places are read (pipeline stage "figure events"): "killed 12 in
the bombing of the market" is the bombing's toll; "ten people were killed in Central Aceh" is that
district's part of the region's toll.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from assay.extract.estimand_time import clause_verb, own_clause
from assay.records import Event, Place, Quantity

REGION_FEATURES = {"country", "admin1", "region", "continent"}
EVENT_CONCEPTS = {"casualties", "displaced", "detained", "people", "attacks", "other"}
POSITION_WORDS = {"Central", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                  "Upper", "Lower", "Greater"}
DISTRICT_WORDS = {"district", "regency", "county", "municipality", "subdistrict", "sub-district", "village"}


def link_events(doc: Doc, quantities: list[Quantity], events: list[Event], places: list[Place] = ()) -> list[Quantity]:
    """Each incident figure's event: the event whose trigger is nearest it in its own sentence
    ("killed 12 in the bombing of the market"), so a series can say which attack its toll is of; and the
    town or district its own clause names ("ten people were killed in Central Aceh"), which keeps a part
    of a region's toll apart from the whole. A country or province named there is the incident's region."""
    out = []
    for q in quantities:
        e = q.estimand
        tok = doc.char_span(q.span.start, q.span.end, alignment_mode="expand")
        if e is None or e.concept not in EVENT_CONCEPTS or tok is None:
            out.append(q)
            continue
        sent = tok.sent
        near = [(abs(ev.trigger.start - q.span.start), i) for i, ev in enumerate(events)
                if sent.start_char <= ev.trigger.start < sent.end_char]
        if near:
            e = replace(e, event=min(near)[1])
        num = tok[-1]
        clause = clause_verb(num) or num
        local = _local_place(doc, places, own_clause(clause, num) | _opening_phrase(num))
        if local is None and clause.dep_ == "conj":  # "12 were killed in Bener Meriah and 70 were injured"
            local = _local_place(doc, places, own_clause(clause.head, clause))
        out.append(replace(q, estimand=replace(e, place=local)) if local else replace(q, estimand=e))
    return out


def _opening_phrase(tok: Token) -> set[int]:
    """A place phrase that opens the sentence is said of each of its clauses: "In Central Aceh district,
    10 people were killed, 140 were injured and 1,500 houses were damaged"."""
    first = tok.sent[0]
    if first.dep_ != "prep" or first.lower_ not in ("in", "at", "across"):
        return set()
    return {t.idx for t in first.subtree}


def _local_place(doc: Doc, places: Sequence[Place], words: set[int]) -> str | None:
    """The town or district among the places a clause names. A region's name with a position word before it
    or a district word after it is a district of its own the gazetteer may lack ("Central Aceh district")."""
    for p in places:
        if p.span.start not in words:
            continue
        if p.feature not in REGION_FEATURES:
            return p.name
        span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.text in POSITION_WORDS:
            return f"{before.text} {p.name}"
        if after is not None and after.lower_ in DISTRICT_WORDS and p.feature != "country":
            return p.name
    return None
