"""What incident a figure belongs to: its event and the town or district its clause names.

`link_events` runs after events and places are read (pipeline stage "figure events"): "killed 12 in
the bombing of the market" is the bombing's toll; "ten people were killed in Central Aceh" is that
district's part of the region's toll.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from assay.extract.estimand_time import clause_verb, own_clause
from assay.records import Event, Place, Quantity

REGION_FEATURES = {"country", "admin1", "region", "continent"}
EVENT_CONCEPTS = {"casualties", "displaced", "detained", "people", "attacks"}


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
        words = own_clause(clause, num)
        local = [p for p in places if p.span.start in words and p.feature not in REGION_FEATURES]
        out.append(replace(q, estimand=replace(e, place=local[0].name)) if local else replace(q, estimand=e))
    return out
