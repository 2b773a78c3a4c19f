"""What a figure without a noun of its own counts: "350 of them", "seven bullets, three to the back".

Pure readers over the parse, used by extract/estimands.py.
"""

from __future__ import annotations

from spacy.tokens import Token

from assay.extract.estimand_time import RATE_UNITS, clause_verb, own_clause
from assay.extract.lexicon import quantity_concepts

PLURAL_PRONOUNS = {"them", "those", "these"}
NOT_COUNTED = {"duration", "distance", "money", "percentage", "weight", "area", "magnitude"}


def partitive_antecedent(num: Token) -> Token | None:
    """What "2,000 of them" counts: the last plural noun before the figure, in its sentence or the one
    before, that counts something ("shipping its own Shaheds ... sent a total of about 2,000 of them")."""
    of = next((c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pron = next((g for g in of.children if g.dep_ == "pobj" and g.lower_ in PLURAL_PRONOUNS), None) if of else None
    if pron is None:
        return None
    sent = num.sent
    start = sent.start if sent.start == 0 else num.doc[sent.start - 1].sent.start
    verb = clause_verb(num)
    agents = {t.idx for t in num.subtree}  # the figure's own words and its clause's subject, not what describes it
    for c in verb.children if verb is not None else ():
        agents |= own_clause(c, c) if c.dep_ in ("nsubj", "nsubjpass") else set()
    nouns = [t for t in reversed(num.doc[start:num.i]) if t.tag_ in ("NNS", "NNPS") and t.idx not in agents
             and _counts_something(t)]
    counted = [t for t in nouns if any(c.dep_ == "nummod" for c in t.children)]  # "400 drones": a count
    return (counted or nouns or [None])[0]


def elided_noun(num: Token) -> Token | None:
    """The noun a bare figure leaves out: the last one counted by a figure before it in its sentence."""
    nouns = [t for t in reversed(num.doc[num.sent.start:num.i]) if t.pos_ == "NOUN"
             and any(c.dep_ == "nummod" and c.i != num.i for c in t.children)]
    return nouns[0] if nouns else None


def _counts_something(noun: Token) -> bool:
    """A noun a figure can count: not a span of time or a unit of measure ("in recent years")."""
    return noun.lemma_.lower() not in RATE_UNITS and quantity_concepts().get(noun.lemma_.lower()) \
        not in NOT_COUNTED and noun.lemma_.lower() not in ("percent", "time")
