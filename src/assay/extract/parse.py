"""The parts of an attribution on the spaCy parse: token ranges, subjects, cue spans, clauses.

A `Found` holds token-level parts (cue, source, content) before quotation
snapping, source resolution and modality; `claims.py` turns them into Claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from assay.extract.lexicon import cue_classes, stance_frames

AUX_DEPS = ("aux", "auxpass", "neg")


@dataclass
class Found:
    cue: tuple[int, int]  # token index range [start, end)
    cue_class: str
    head: int  # the cue's verb or noun token
    content: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    source: tuple[int, int] | None = None
    source_head: int | None = None  # token index of the source's head word
    content_head: int | None = None  # the verb (or noun) the content hangs from, for modality
    one_clause: bool = False  # the content is one clause of a coordination (extract/propositions.py)


def contiguous(tokens: list[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def trim(doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading "that"/punctuation and trailing punctuation (quotation marks are kept)."""
    while start < end and (doc[start].is_punct and doc[start].text not in "“\"«"
                           or doc[start].lower_ in ("that", "whether") and doc[start].dep_ == "mark"
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in "”\"»"
                           or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def cue_range(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, particle, adverbs just before it and a colon just
    after it ("is saying", "pointed out", "also linked", "said:")."""
    parts = [verb] + [c for c in verb.children if abs(c.i - verb.i) <= 3 and (
        c.dep_ in AUX_DEPS + ("prt",) or (c.dep_ == "advmod" and c.pos_ == "ADV" and c.i < verb.i))]
    start, end = contiguous(parts)
    if end < len(verb.doc) and verb.doc[end].text == ":":
        end += 1
    return start, end


def reporter_of_misattached(tok: Token) -> Token | None:
    """The reporting verb a speech-act verb really belongs to when the parser hung it on the reported clause:
    "denied that X had crossed, calling the reports false" and "said that troops were fighting, and called on
    states to act" (in the reporter's tense, not the reported clause's). None otherwise."""
    head = tok.head
    if head.dep_ != "ccomp" or head.head.i == head.i or not is_cue_verb(head.head):
        return None
    reporter = head.head
    if not is_cue_verb(tok) or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None  # only speech acts: "launched fire, killing 50, sources said" keeps its own subject
    after_comma = tok.i > 0 and tok.doc[tok.i - 1].text == ","
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and after_comma:
        return reporter
    if tok.dep_ == "conj" and tok.tag_ == reporter.tag_ != head.tag_:
        return reporter
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited along conj/xcomp chains ("said X and added Y")."""
    tok = verb
    for _ in range(4):
        if tok.i == verb.i and (reporter := reporter_of_misattached(tok)) is not None:
            tok = reporter
            continue
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
        else:
            return None
    return None


def agent_of(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def source_range(head: Token, avoid: list[tuple[int, int]]) -> tuple[int, int]:
    """The source's subtree, cut back to the head where it would run into content or cue."""
    start, end = subtree_range(head)
    for s, e in avoid:
        if s < end and start < e:
            if e <= head.i:
                start = max(start, e)
            elif s > head.i:
                end = min(end, s)
    doc = head.doc
    start, end = trim(doc, start, end) or (head.i, head.i + 1)
    return start, close_source(doc, start, end)


def close_source(doc, start: int, end: int) -> int:
    """Balance a parenthesis ("Sen. X (R-S.C.)") and keep the comma that closes an appositive
    ("Phil Smith, a spokesman for the union,"), as the source is written."""
    words = [t.text for t in doc[start:end]]
    if end < len(doc) and doc[end].text == ")" and words.count("(") > words.count(")"):
        end += 1
    if end < len(doc) and doc[end].text == "," and "," in words:
        end += 1
    return end


def without(outer: tuple[int, int], inner: tuple[int, int]) -> list[tuple[int, int]]:
    """outer minus inner, as up to two ranges."""
    parts = [(outer[0], min(outer[1], inner[0])), (max(outer[0], inner[1]), outer[1])]
    return [p for p in parts if p[1] > p[0]]


IMPRESSION_VERBS = ("seem", "appear")  # "X seems to Y": an impression with no stated source


def new_clause(tok: Token) -> bool:
    """A coordinated or trailing clause that is a statement of its own: a reporting verb ("..., and 22
    percent said ...", "..., but added ...", "..., saying ..."). An impression the reported clause goes on
    to ("the building had no guard and appeared to have no alarm, the chief said") stays in the clause."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.lemma_.lower() in IMPRESSION_VERBS and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return is_cue_verb(tok)


def clause_range(head: Token) -> tuple[int, int]:
    """The clause's subtree, ending before a coordinated or trailing clause that is a new statement."""
    start, end = subtree_range(head)
    for child in head.children:
        if child.i > head.i and child.dep_ in ("conj", "advcl", "parataxis") and new_clause(child):
            cut = child.left_edge.i
            while cut > head.i and head.doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    return start, end


def is_cue_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return (lemma, "VERB") in cue_classes() or lemma in stance_frames()
