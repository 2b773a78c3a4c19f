"""Modality and hedge cues of a claim (SCHEMA.md Claim.modality, Claim.hedges).

Order of precedence: a denial or a negated content ("not", "never", "there were no
X", "no group has claimed") is `negated`; an if-clause or would/could on the
content's verb is `hypothetical`; a hedge word of the claim's own clauses (not one
inside a description: "two men, believed to be managers, had surgery") is `hedged`;
a prediction cue or will/going-to is `predicted`; otherwise `asserted`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from assay.extract.lexicon import hedge_phrases
from assay.extract.parse import Found

HYPOTHETICAL_AUX = {"would", "could", "might've", "would've", "could've"}
FUTURE_AUX = {"will", "'ll", "shall", "would"}
CONTRAST = {"but", "yet"}
BELIEF_HEDGES = {"believe", "think", "suspect", "assume", "suppose", "guess", "feel", "speculate"}


def _hedges_in(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of hedge phrases among tokens [start, end)."""
    words = [t.lower_ for t in doc[start:end]]
    found, i = [], 0
    while i < len(words):
        for phrase in hedge_phrases():
            if tuple(words[i:i + len(phrase)]) == phrase:
                span = doc[start + i:start + i + len(phrase)]
                found.append((span.start_char, span.end_char))
                i += len(phrase) - 1
                break
        i += 1
    return found


def _content_heads(doc: Doc, found: Found, content: list[tuple[int, int]], whole: bool = True) -> list[Token]:
    """The verbs of the content's main proposition: the token it hangs from (its first clause: "there was an
    explosion and I thought it was a car crash" is asserted), or a clause joined by "but", which is the point
    ("it's not for me to give a toll, but it appears there are none" is hedged); else the roots of the
    first content span."""
    if found.content_head is not None:
        head = doc[found.content_head]
        if not whole:
            return [head]
        contrast = [c for c in head.children if c.dep_ == "conj" and _after_but(head, c)]
        return contrast[-1:] or [head]
    span = doc.char_span(*content[0], alignment_mode="expand") if content else None
    if span is None:
        return []
    return [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]


def _after_but(head: Token, conj: Token) -> bool:
    """A clause joined by "but" or "yet", which the parser hangs on the clause or on its head."""
    return _has_child(conj, ("cc",), CONTRAST) or any(
        d.dep_ == "cc" and d.lower_ in CONTRAST and head.i < d.i < conj.i for d in head.children)


NOUN_MODIFIERS = ("acl", "relcl", "appos", "amod", "compound", "poss", "pobj")  # a figure's "perhaps" stays


def _on_spine(doc: Doc, hedge: tuple[int, int], found: Found, content: list[tuple[int, int]],
              heads: list[Token] = ()) -> bool:
    """A hedge of the claim's own clauses (or of its cue and source), not one inside a description: "two men,
    believed to be managers, had surgery" is asserted. The hedge governs the content part it stands in
    unless a noun's modifier, or a clause joined beside the main proposition (`heads`), lies between."""
    span = doc.char_span(*hedge, alignment_mode="expand")
    part = next((doc.char_span(s, e, alignment_mode="expand") for s, e in content if s <= hedge[0] < e), None)
    if span is None or part is None:
        return True  # in the cue or the source
    tok = span.root
    main = {h.i for h in heads}
    for _ in range(12):
        if tok.i in main or tok.head.i == tok.i or not (part.start <= tok.head.i < part.end):
            return True
        if tok.dep_ in NOUN_MODIFIERS or (main and tok.dep_ == "conj" and tok.head.i in main):
            return False
        tok = tok.head
    return False


def _main_hedges(doc: Doc, hedges: list[tuple[int, int]], found: Found, content: list[tuple[int, int]],
                 heads: list[Token]) -> list[tuple[int, int]]:
    """The hedges that qualify the main proposition (SCHEMA: the claim's modality is its main proposition's):
    in a quote of several sentences, those of the first ("'This will grind economies to a halt. Perhaps
    for days,' he said" is predicted), and those of the cue and source wherever they stand."""
    first_end = heads[0].sent.end_char if heads else None
    return [h for h in hedges if _on_spine(doc, h, found, content, heads)
            and (first_end is None or h[0] < first_end or not any(s <= h[0] < e for s, e in content))]


def _an_appearance(doc: Doc, hedge: tuple[int, int]) -> bool:
    """ "appeared in court", "will appear on television": showing up, not seeming (which takes a
    complement: "appeared to be", "seems unlikely", "appears that")."""
    span = doc.char_span(*hedge, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].lemma_.lower() not in ("appear", "seem"):
        return False
    verb = span[0]
    return not any(c.dep_ in ("xcomp", "acomp", "ccomp", "attr", "oprd") or (c.dep_ == "prep" and c.lower_
                                                                              in ("as", "like"))
                   for c in verb.children)


def _none_of(verb: Token) -> bool:
    """ "there were no foreign fighters in the country", "no group has claimed the attack": the clause says
    that none exist or none did."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and _has_child(c, ("det",), {"no"}) for c in verb.children) \
        or (any(c.dep_ == "expl" for c in verb.children)
            and any(c.dep_ == "attr" and _has_child(c, ("det",), {"no"}) for c in verb.children))


def _has_child(tok: Token, deps: tuple[str, ...], words: set[str]) -> bool:
    return any(c.dep_ in deps and c.lower_ in words for c in tok.children)


def _refused(verb: Token) -> bool:
    """ "He would not pull over", "she wouldn't say": a refusal, which happened (no if-clause makes it one
    that would). In a statement the cue opens, "would" is a reported "will" or a scenario instead ("said it
    would not withdraw", "has said he would not come to their defence")."""
    return _has_child(verb, ("aux",), {"would"}) and _has_child(verb, ("neg",), {"not", "n't"}) \
        and not _is_conditional(verb)


def _is_conditional(tok: Token) -> bool:
    return any(c.dep_ == "advcl" and _has_child(c, ("mark",), {"if", "unless"}) for c in tok.children)


def _hypothetical_aux(cue: Token, found: Found) -> set[str]:
    """would/could mark a scenario, except "would" reported after a past-tense cue ("said it would"),
    which is a backshifted "will": a prediction."""
    backshifted = cue.tag_ == "VBD" and found.content_head is not None and cue.doc[found.content_head].i > cue.i
    return HYPOTHETICAL_AUX - {"would"} if backshifted else HYPOTHETICAL_AUX


def modality_and_hedges(doc: Doc, found: Found, content: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """(modality, hedge character spans) for one claim; of one clause of a coordination when the claim is one
    (`found.one_clause`, extract/propositions.py)."""
    cue = doc[found.head]
    lo = min([found.cue[0]] + ([found.source[0]] if found.source else []))
    hi = max([found.cue[1]] + ([found.source[1]] if found.source else []))
    hedges = _hedges_in(doc, lo, hi)
    for s, e in content:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            hedges.extend(_hedges_in(doc, span.start, span.end))
    heads = _content_heads(doc, found, content, whole=not found.one_clause)
    hedges = [h for h in hedges if _on_spine(doc, h, found, content) and not _an_appearance(doc, h)]
    main_hedges = _main_hedges(doc, hedges, found, content, heads)
    if found.cue_class == "deny" or any(c.dep_ == "neg" for c in cue.children):
        return "negated", hedges
    if heads and all(_refused(h) and h.i < cue.i for h in heads):  # "... would not pull over, the sheriff said"
        return ("hedged" if main_hedges else "asserted"), hedges
    if any(_is_conditional(h) or _has_child(h, ("aux",), _hypothetical_aux(cue, found)) for h in heads):
        return "hypothetical", hedges
    if any(c.dep_ == "neg" for h in heads for c in h.children) or any(_none_of(h) for h in heads):
        return "negated", hedges
    if main_hedges or cue.lemma_.lower() in BELIEF_HEDGES:
        return "hedged", hedges
    if found.cue_class == "predict" or any(_has_child(h, ("aux",), FUTURE_AUX) for h in heads):
        return "predicted", hedges
    return "asserted", hedges
