"""A figure given for comparison takes the estimand of the figure it is compared with.

"98 trucks a day entered in February, down from about 150 a day in January": the 150 counts what the
98 counts, in its own period. `compared_estimand` is pure; extract/quantities.py calls it per figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from assay.extract.estimand_time import comparison_phrase, period_of
from assay.extract.estimands import day_as_for
from assay.records import Estimand, Quantity, Time


def compared_estimand(doc: Doc, tok: Token, own: Estimand, earlier: Sequence[Quantity],
                      times: Sequence[Time]) -> Estimand:
    """The estimand of the figure at `tok`: the compared figure's (the last one before it in its sentence),
    with the period its own phrase names; its own when it is no comparison or has nothing to compare."""
    prep = comparison_phrase(tok)
    if prep is None:
        return own
    sent = tok.sent
    before = [q for q in earlier if q.estimand is not None and sent.start_char <= q.span.start < tok.idx]
    if not before:
        return own
    base = before[-1].estimand
    period = period_of(doc, times, {t.idx for t in prep.subtree}, day_as_for(base.concept))
    return replace(base, period=period, kind=own.kind if own.kind != "count" else base.kind)
