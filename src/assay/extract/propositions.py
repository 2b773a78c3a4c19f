"""One claim per proposition: "said X, and that Y could follow" is two statements when X and Y differ
in modality (SCHEMA.md Claim.modality is the main proposition's, and a claim has one).

`propositions(doc, found)` is pure: the found attribution, or one per coordinated content clause, each
with the same cue and source, when the clauses' modalities differ. When they agree the attribution stays
whole, as PolNeAR marks it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from assay.extract.hedges import modality_and_hedges
from assay.extract.parse import Found, trim

JOINERS = {"and", "but", "yet", ",", ";"}


def _clause_conjuncts(head: Token, lo: int, hi: int) -> list[Token]:
    """Verbs coordinated with the content's head inside the content range: "that X, and that Y",
    "had taken delivery and would use them"."""
    return [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and lo <= c.i < hi
            and c.i > head.i and lo <= c.left_edge.i and c.right_edge.i < hi]


def _first_end(doc: Doc, start: int, conj: Token) -> int:
    """Where the first clause ends: before the joining words ("and", "but", a comma) of the next."""
    end = conj.left_edge.i
    while end > start and doc[end - 1].lower_ in JOINERS:
        end -= 1
    return end


def _parts(doc: Doc, found: Found) -> list[Found]:
    lo, hi = found.content[0]
    head = doc[found.content_head]
    conjs = _clause_conjuncts(head, lo, hi)
    if not conjs:
        return []
    bounds = [lo] + [c.left_edge.i for c in conjs] + [hi]
    parts = []
    for k, top in enumerate([head, *conjs]):
        end = _first_end(doc, bounds[k], conjs[k]) if k < len(conjs) else bounds[k + 1]
        rng = trim(doc, bounds[k], end)
        if rng is None:
            return []
        parts.append(replace(found, content=[rng], content_head=top.i, one_clause=True))
    return parts


def _modality(doc: Doc, found: Found) -> str:
    span = doc[found.content[0][0]:found.content[0][1]]
    return modality_and_hedges(doc, found, [(span.start_char, span.end_char)])[0]


def propositions(doc: Doc, found: Found) -> list[Found]:
    """The attribution, or its coordinated content clauses as attributions of their own when their
    modalities differ."""
    if found.content_head is None or len(found.content) != 1:
        return [found]
    parts = _parts(doc, found)
    if len({_modality(doc, p) for p in parts}) < 2:
        return [found]
    return parts
