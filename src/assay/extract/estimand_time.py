"""When a figure holds and how often: the period its clause names and the rate it is given at.

Pure readers over the parse, used by extract/estimands.py: "in 2023" and "since August" are periods,
"300 a month" and "entered each day" are rates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from assay.records import Time

NESTED = {"relcl", "acl", "advcl", "ccomp", "parataxis", "appos"}
RATE_UNITS = {"day": "day", "daily": "day", "week": "week", "month": "month", "year": "year", "night": "day"}
RELATIVE_AFTER = ("earlier", "later", "before", "after", "ago")  # "12 a day earlier" is a time
TYPICAL = {"average", "typical", "normal", "ordinary", "given", "usual"}
YEAR = re.compile(r"^(\d{4})(?:-(\d{2}))?")


def own_clause(verb: Token, keep: Token) -> set[int]:
    """Character offsets of the clause's own words: its subtree without clauses nested in it
    ("Iran, which began shipping in 2022, had sent 2,000" keeps "in 2022" out), except the figure's."""
    inside = {t.i for t in keep.ancestors} | {keep.i}
    out: set[int] = set()
    todo = [verb]
    while todo:
        tok = todo.pop()
        out.add(tok.idx)
        todo += [c for c in tok.children if c.i in inside or c.dep_ not in NESTED]
    return out


def period_of(doc: Doc, times: Sequence[Time], words: set[int], day_as: str | None = None) -> str | None:
    """A month or year said in the figure's own clause: "in 2023", "in October"; a time inside a "since"
    phrase gives a running total ("since:2024-04", "since the first strikes last September"). A day counts
    as itself for flows (`day_as="day"`: "419 trucks entered on April 10"), as its month for incidents
    (`day_as="month"`: "the Dec. 26, 2004 tsunami killed"); for the rest it is when it was said."""
    for t in times:
        if t.span.start not in words or not t.value or t.type != "date":
            continue
        if t.granularity == "day" and day_as is None:
            continue
        m = YEAR.match(t.value)
        if m is None:
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is None:
            continue
        lead = doc[span.start - 1].lower_ if span.start > 0 else ""
        if lead in ("since", "from") or _in_since_phrase(span):
            return "since:" + m.group(0)
        if lead in ("by", "until", "before", "after"):
            continue
        return t.value if t.granularity == "day" and day_as == "day" else m.group(0)
    return None


def _opened_by_since(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children)


def _in_since_phrase(span: SpacySpan) -> bool:
    return any(tok.lower_ == "since" or _opened_by_since(tok) for tok in (span.root, *list(span.root.ancestors)[:4]))


def since_clause(verb: Token) -> set[int]:
    """The words of a "since" clause on the figure's verb ("destroyed 223 since the first was downed on
    September 13"): nested, but it says the figure's period."""
    return {t.idx for c in verb.children if c.dep_ == "advcl" and _opened_by_since(c) for t in c.subtree}


def open_since(clause: Token, words: set[int]) -> bool:
    """ "13,000 trucks have entered since the war began": a running total from an undated start."""
    return any(t.lower_ == "since" and t.idx in words for t in clause.subtree)


def rate_of(doc: Doc, end: int) -> str | None:
    """ "300 a month", "150 trucks per day", "13 children each day": a rate, its own series ("12 a day
    earlier" is a time, not a rate)."""
    toks = list(doc[end:min(len(doc), end + 5)])
    words = [t.lower_ for t in toks]
    for i, w in enumerate(words[:2]):
        if w not in ("a", "per", "each", "every"):
            continue
        unit, following = ([t.lower_ for t in toks[i + 1:] if t.pos_ != "ADJ"] + [None, None])[:2]
        if unit in RATE_UNITS and following not in RELATIVE_AFTER:  # "500 trucks a working day"
            return RATE_UNITS[unit]
    return "day" if words[:1] == ["daily"] else None


def verb_rate(verb: Token) -> str | None:
    """ "500 trucks entered each day", "crossed at a rate of 40 per day": the rate hangs on the verb."""
    for c in verb.children:
        unit = RATE_UNITS.get(c.lemma_.lower())
        if unit and c.dep_ in ("npadvmod", "advmod", "obl") \
                and (c.lower_ == "daily" or any(d.lower_ in ("a", "each", "every", "per") for d in c.children)):
            return unit
        if c.dep_ == "prep" and c.lower_ == "per":
            unit = next((RATE_UNITS.get(g.lemma_.lower()) for g in c.children if g.dep_ == "pobj"), None)
            if unit:
                return unit
        if c.dep_ == "prep" and c.lower_ == "on" and (unit := _any_given(c)) is not None:
            return unit
    return None


def _any_given(prep: Token) -> str | None:
    """ "on an average working day", "on a typical day", "on any given night": a day like any other."""
    for g in prep.children:
        unit = RATE_UNITS.get(g.lemma_.lower()) if g.dep_ == "pobj" else None
        if unit and any(d.lower_ in ("an", "any", "each", "every") or d.lower_ in TYPICAL for d in g.children):
            return unit
    return None


COMPARING = {"down", "up", "compared", "compare", "comparison", "against", "versus", "vs", "vs."}
COMPARING_PREPS = {"against", "versus", "vs", "vs."}  # "against 40 last year": a comparison by itself


def comparison_phrase(tok: Token) -> Token | None:
    """The preposition that makes the figure at `tok` a comparison: "down from 150", "compared with 200",
    "up from 12", "against 40 last year"."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    if prep.lower_ in ("from", "with", "to") and prep.head.lower_ in COMPARING:
        return prep
    return prep if prep.lower_ in COMPARING_PREPS else None


def comparison_words(verb: Token, figure: Token) -> set[int]:
    """Character offsets of the comparison phrases on a verb ("compared with about 200 a day in April"),
    unless the figure is in one: their times are the compared figure's, not this one's."""
    out: set[int] = set()
    for c in verb.children:
        preps = [c] if c.dep_ == "prep" and c.lower_ in COMPARING_PREPS else \
            [g for g in c.children if g.dep_ == "prep"] if c.lower_ in COMPARING else []
        for prep in preps:
            if not prep.left_edge.i <= figure.i <= prep.right_edge.i:
                out |= {t.idx for t in prep.subtree}
    return out


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb above the figure (its own clause); for a noun the parser joined to the phrase
    before it, the verb it is the subject of ("killed in Bener Meriah and 70 others were injured")."""
    if (own := _verb_after_joined_noun(tok)) is not None:
        return own
    for anc in tok.ancestors:
        if anc.pos_ in ("VERB", "AUX") or anc.dep_ == "ROOT":
            return anc
    return None


def _verb_after_joined_noun(tok: Token) -> Token | None:
    noun = tok if tok.pos_ in ("NOUN", "PROPN", "PRON") or tok.like_num else None
    if noun is None or noun.dep_ != "conj":
        return None
    k = noun.right_edge.i + 1
    while k < len(tok.doc) and tok.doc[k].dep_ in ("aux", "auxpass", "neg", "advmod"):
        k += 1
    verb = tok.doc[k] if k < len(tok.doc) else None
    if verb is None or verb.pos_ != "VERB" or verb.dep_ != "conj":
        return None
    return verb if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) else None
