"""What a figure measures, read from the parse (SCHEMA.md Quantity `estimand`).

`read_estimand` is pure. The counted noun and the words that govern the figure give the
measure ("killing at least five people" -> killed; "shot down 223 drones" -> intercepted;
"the toll stood at 24" -> killed); the noun's modifiers, a possessive or, for forces and
weapons, the verb's agent give whose figure it is ("Malian soldiers", "North Korea has sent
800 soldiers"); a month or year said in the figure's own clause gives its period ("in 2023",
"the 2004 tsunami killed 230,000"); "expects ... to reach", "by next year" make it a projection.
Estimate series (analyze/estimates.py) join figures whose estimands agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token

from assay.extract.counted_nouns import elided_noun, partitive_antecedent
from assay.extract.estimand_time import (
    clause_verb,
    comparison_words,
    open_since,
    own_clause,
    period_of,
    rate_of,
    since_clause,
    verb_rate,
)
from assay.extract.figures import CURRENCY
from assay.extract.lexicon import measure_cues, quantity_concepts
from assay.extract.times import MONTH_FORMS
from assay.records import Estimand, Time
from assay.resolve.countries import CountryTable

FORCE_NOUNS = {"troop", "soldier", "force", "fighter", "personnel", "militant", "rebel", "mercenary", "marine",
               "sailor", "pilot", "commando", "recruit", "reservist", "volunteer", "operative", "peacekeeper",
               "officer", "guard", "militiaman", "jihadist", "insurgent", "paramilitary"}
PERSON_NOUNS = {"people", "person", "man", "men", "woman", "women", "child", "children", "civilian", "resident",
                "villager", "worker", "member", "employee", "staff", "patient", "student", "passenger",
                "migrant", "girl", "boy", "other", "family", "individual", "citizen", "pilgrim", "inhabitant"}
# verbs that only carry a figure ("the toll rose to 24", "put the toll at 35"): look at their arguments
CARRIERS = {"be", "have", "rise", "reach", "stand", "bring", "put", "climb", "increase", "raise", "total",
            "number", "jump", "grow", "hit", "top", "exceed", "surpass", "pass", "double", "fall", "drop",
            "estimate", "confirm", "record", "count", "register", "report", "leave", "see", "say", "include"}
SAY_VERBS = {"say", "tell", "announce", "claim", "state", "add", "note", "write", "insist", "warn", "accuse"}
PROJECTION_VERBS = {"expect", "project", "forecast", "plan", "intend", "aim", "predict", "anticipate", "hope",
                    "target", "seek", "want", "set"}
PROJECTION_NOUNS = {"target", "goal", "projection", "forecast", "plan", "capacity", "aim"}
CLAUSES = ("xcomp", "ccomp", "advcl")
ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr", "oprd", "acomp", "pobj", "dative", "npadvmod"}
TALLY_NOUNS = {"number", "total", "figure", "count", "tally", "estimate"}
# currencies written as words; symbols and codes ("€", "EUR", "US$") are figures.CURRENCY's
CURRENCY_WORDS = {"euro": "€", "dollar": "$", "pound": "£", "sterling": "£", "yen": "¥", "rupee": "₹",
                  "yuan": "yuan", "rouble": "rouble", "ruble": "rouble"}
CURRENCY_SIGNS = set(CURRENCY.values()) | set(CURRENCY_WORDS.values())
FLOW_CONCEPTS = {"vehicles", "weapons", "attacks"}  # counted by the day they happen: a day is their period
HAPPENED_TO_PEOPLE = {"casualties", "displaced", "detained", "people"}
SUFFERED = {"casualties", "displaced", "detained"}  # what a verb says was done to those counted
PLAIN_VERB_CONCEPTS = {"money", "percentage", "other", "people", "vehicles"}
# "by next year", "by the end of October", "by 2025": a time ahead that a projection is for
BY_A_TIME = re.compile(r"\bby (?:the end of |early |late |mid-?)?(?:next|this coming|\d{4}\b|"
                       + "|".join(forms[0] for forms in MONTH_FORMS) + r"|spring|summer|autumn|fall|winter)")


PARTICLES = {"down", "up", "off", "out", "away", "back", "in"}


def _lemma(tok: Token) -> str:
    """A verb with its particle ("shoot down"), which the parser may give as an adverb right after it."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        prt = next((c for c in tok.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1
                                                                   and c.lower_ in PARTICLES)), None)
        if prt is not None:
            return f"{lemma} {prt.lower_}"
    return lemma


def _cue(tok: Token) -> tuple[str, str] | None:
    """(measure, concept) when this word names what is counted."""
    cues = measure_cues()
    for key in (_lemma(tok), tok.lower_, tok.lemma_.lower()):
        if key in cues:
            return cues[key]
    return None


def _near_words(noun: Token) -> list[Token]:
    """The counted noun, then what modifies it ("249 people injured", "wounded civilians", "death toll");
    a compound names the measure only on a noun that counts nothing by itself ("attack drones" are drones)."""
    out = [noun]
    known = noun.lemma_.lower() in quantity_concepts() or noun.lower_ in quantity_concepts()
    for c in noun.children:
        if c.dep_ in ("acl", "relcl", "appos") or (c.dep_ == "amod" and c.tag_ in ("VBN", "JJ")):
            out.append(c)
        elif c.dep_ == "compound" and not known:
            out.append(c)
    out += [g for c in noun.children if c.dep_ == "relcl" for g in c.children if g.dep_ in ("acomp", "oprd")]
    return out


def _argument_words(verb: Token, skip: Token) -> list[Token]:
    """Words of the verb's arguments other than the figure's own ("the toll" in "the toll stood at 24");
    a clause that gives a figure of its own says what that figure counts ("shot three people, killing one")."""
    out = []
    for c in verb.children:
        if c.dep_ in CLAUSES and _holds_other_figure(c, skip):
            continue
        if c.dep_ in ARGUMENTS or c.dep_ in ("prep", *CLAUSES):
            out += [t for t in c.subtree if t.i != skip.i and abs(t.i - verb.i) < 12]
    return out


def _holds_other_figure(clause: Token, noun: Token) -> bool:
    own = {noun.i} | {t.i for t in noun.subtree}
    return any(t.like_num and t.i not in own for t in clause.subtree)


def _verb_cue(verb: Token) -> tuple[str, str] | None:
    """What a verb says happened, its complement first ("shot dead", "shot to death" are killed); a
    shooting joined to a killing of the same people ("shot and killed three") is the killing."""
    for c in verb.children:
        words = [c] if c.dep_ in ("acomp", "oprd") else \
            [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "to" else []
        if words and (cue := _cue(words[0])) is not None and cue[1] == "casualties":
            return cue
    cue = _cue(verb)
    if cue is not None and cue[0] == "shot":
        joined = [_cue(c) for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                  and not any(g.dep_ == "dobj" for g in c.children)]
        return next((j for j in joined if j is not None and j[0] == "killed"), cue)
    return cue


def measure_of(noun: Token, num: Token) -> tuple[str | None, str | None, Token | None]:
    """(measure, concept, clause verb) of a figure: the word right after it ("24 dead and over 200
    injured"), the noun's own words, then the verbs above."""
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.tag_ in ("VBN", "JJ") and (cue := _cue(after)) is not None:
        return cue[0], cue[1], clause_verb(noun)
    for tok in _near_words(noun):
        if (cue := _cue(tok)) is not None:
            if tok is noun and cue[1] != "casualties" and (done := _suffered(noun)) is not None:
                return done[0], done[1], clause_verb(noun)  # "police arrested 40 protesters": detained
            return cue[0], cue[1], clause_verb(noun)
    verb = clause_verb(noun)
    first = verb
    for _ in range(3):
        if verb is None:
            break
        lemma = _lemma(verb)
        if lemma in SAY_VERBS:
            break
        if (cue := _verb_cue(verb)) is not None and lemma not in CARRIERS:
            return cue[0], cue[1], first
        for tok in _argument_words(verb, noun):
            if tok.pos_ in ("NOUN", "ADJ", "VERB") and (cue := _cue(tok)) is not None:
                return cue[0], cue[1], first
        if verb.dep_ not in ("xcomp", "conj", "acomp", "advcl", "pcomp", "auxpass", "aux"):
            break
        verb = verb.head
    return None, None, first


def _suffered(noun: Token) -> tuple[str, str] | None:
    """What the clause's verb says happened to the people a noun counts ("killed 12 protesters")."""
    verb = clause_verb(noun)
    if verb is None or _lemma(verb) in CARRIERS:
        return None
    cue = _verb_cue(verb)
    return cue if cue is not None and cue[1] in SUFFERED else None


def _plain_measure(verb: Token | None, noun: Token) -> str | None:
    """No word names a measure: the clause's own verb ("funded", "faces"), or for a verb that only
    carries the figure, the noun it is said of ("put the first consignment at 200", "revenue was $6bn")."""
    if verb is None or verb.lemma_.lower() in SAY_VERBS:
        return None
    if verb.lemma_.lower() not in CARRIERS and verb.pos_ == "VERB":
        return _lemma(verb)
    args = sorted((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != noun.i
                   and c.pos_ == "NOUN"), key=lambda c: c.dep_ != "dobj")  # "put the toll at": the object
    return args[0].lemma_.lower() if args else None


def _noun_concept(noun: Token | None, concept: str | None) -> tuple[str, str | None]:
    """(concept, counted class) from the counted noun when no word names a measure."""
    if noun is None:
        return concept or "other", None
    lemma = noun.lemma_.lower()
    if lemma in FORCE_NOUNS or noun.lower_ in FORCE_NOUNS:
        return "personnel", "person"
    if lemma in PERSON_NOUNS or noun.lower_ in PERSON_NOUNS:
        return "people", "person"
    table = quantity_concepts()
    found = table.get(lemma) or table.get(noun.lower_) or concept
    return found or "other", lemma


def _country(tok: Token, countries: CountryTable) -> str | None:
    """The country a noun phrase names: "North Korean", "Malian", "North Korean leader Kim Jong-un"."""
    left = [t for t in tok.subtree if t.i <= tok.i]
    for words in (left, [tok], *([t for t in c.subtree] for c in tok.children
                                 if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i)):
        if words and (code := countries.code(" ".join(t.text for t in words))) is not None:
            return code
    for ent in tok.doc.ents:  # "North Korean leader Kim Jong-un": the nationality of a title
        if ent.label_ in ("NORP", "GPE") and left and left[0].i <= ent.start and ent.end <= tok.i + 1 \
                and (code := countries.code(ent.text)) is not None:
            return code
    return None


def group_key(subject: str, countries: CountryTable) -> str:
    """A group as a key: its country code, else its name in lower case ("Wagner" -> "wagner")."""
    return countries.code(subject) or subject.lower()


def group_of(noun: Token, verb: Token | None, concept: str, num: Token, countries: CountryTable) -> str | None:
    """Whose figure it is: a nationality or group on the noun, a possessive, or the agent of a deployment.
    Weapons have none: "Iranian-made drones" names the maker, not whose count it is."""
    if concept == "weapons":
        return None
    mods = [c for c in noun.children if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i != num.i
            and (c.text[:1].isupper() or c.dep_ == "poss")]
    for mod in mods:
        if mod.dep_ == "poss" and mod.pos_ == "PRON":
            continue
        if (code := _country(mod, countries)) is not None:
            return code
        if mod.pos_ == "PROPN":
            return mod.text.lower()
    if concept == "personnel" and verb is not None:
        return _agent_group(verb, countries)
    return None


def _agent_group(verb: Token, countries: CountryTable) -> str | None:
    """The force's owner as the verb's subject: "North Korea has sent", "MINUSMA, which has 13,000 troops"."""
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        if c.tag_ == "WDT" and verb.dep_ == "relcl":
            c = verb.head
        if (code := _country(c, countries)) is not None:
            return code
        if c.pos_ == "PROPN":
            return c.text.lower()
        named = [d for d in c.children if d.dep_ == "appos" and d.pos_ == "PROPN" and d.ent_type_ in ("ORG", "")]
        if named:  # "the UN peacekeeping mission, MINUSMA, which has 13,000 troops"
            return named[0].text.lower()
    return None


def clause_owner(tok: Token) -> Token | None:
    """The noun subject of the clause a figure stands in ("MINUSMA, which has 13,000 troops"), when it is
    not the figure's own noun: that clause says whose figure it is."""
    verb = clause_verb(tok)
    own = {t.i for t in tok.subtree}
    for c in verb.children if verb is not None else ():
        if c.dep_ == "nsubj" and c.tag_ == "WDT" and verb.dep_ == "relcl":
            c = verb.head
        if c.dep_ in ("nsubj", "appos") and c.pos_ in ("NOUN", "PROPN") and c.i not in own:
            return c
    return None


def currency_sign(unit: str | None) -> str:
    """One name per currency, however it is written: "euros", "euro", "EUR" and "€" are "€"."""
    word = (unit or "").lower().strip("- ")
    return CURRENCY.get(word) or CURRENCY_WORDS.get(word) or CURRENCY_WORDS.get(word.rstrip("s"), word)


def _money_thing(num: Token, verb: Token | None) -> str | None:
    """What a sum is for: "a $320 million pier", "the pier cost $320 million", "the cost of one drone"."""
    if num.head.pos_ == "NOUN" and num.dep_ in ("nummod", "compound", "amod", "nmod") \
            and currency_sign(num.head.lemma_) not in CURRENCY_SIGNS:  # "two million euros": no thing
        return num.head.lemma_.lower()
    if verb is not None:
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and c.i != num.i:
                of = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
                return (of[0] if of and c.lemma_.lower() in ("cost", "price", "value") else c).lemma_.lower()
    return None


def projected(verb: Token | None, noun: Token, text: str) -> bool:
    """ "expects the total to reach 9,000", "about 1,000 by early next year", "a target of 6,000"."""
    head = noun.head
    if head.dep_ == "prep" and head.head.lemma_.lower() in PROJECTION_NOUNS:
        return True
    tok = verb
    for _ in range(3):
        if tok is None:
            break
        if tok.lemma_.lower() in PROJECTION_VERBS:
            return True
        if any(c.lower_ == "will" for c in tok.children if c.dep_ == "aux"):
            return True
        tok = tok.head if tok.dep_ in ("xcomp", "ccomp", "conj") else None
    return bool(BY_A_TIME.search(text.lower()))


def said_of(num: Token) -> Token | None:
    """The noun a bare figure is given for: "put the force at 2,500", "the toll stood at 24",
    "the number of refugees reached 40,000", "forces, which number about 5,000", "a population of 120,000"."""
    head = num.head
    if num.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() not in TALLY_NOUNS:
        return head.head
    if head.dep_ == "prep" or head.lower_ in ("at", "to"):
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in CARRIERS:
        return None
    args = {c.dep_: c for c in head.children if c.i != num.i}
    noun = args.get("dobj") if num.dep_ != "dobj" else None
    noun = noun or args.get("nsubj") or args.get("nsubjpass")
    if noun is None:
        return None
    if noun.tag_ == "WDT" or noun.lower_ in ("which", "who", "that"):
        noun = head.head if head.dep_ == "relcl" else None
    elif noun.lemma_.lower() in TALLY_NOUNS:
        noun = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), noun)
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None


def _combine(measure: str | None, m_concept: str | None, n_concept: str) -> tuple[str, str | None]:
    """(concept, measure) from the governing words and the counted noun. What happened to people
    (killed, displaced, detained) names the count ("500 soldiers killed" are casualties); an action on
    things (launched, entered) keeps the noun's concept and is its measure only on a matching noun."""
    if m_concept is None or n_concept in ("money", "percentage"):
        return n_concept, measure if m_concept else None
    if m_concept in HAPPENED_TO_PEOPLE and not (measure == "crowd" and n_concept == "personnel"):
        return m_concept, measure
    if n_concept == "other":
        return m_concept, measure
    if m_concept == n_concept:
        return n_concept, measure
    if measure == "deployed" and n_concept == "weapons":
        return n_concept, "supplied"  # "sent 2,000 drones"
    return n_concept, None


def day_as_for(concept: str) -> str | None:
    """How a day said in a figure's clause reads as its period (estimand_time.period_of)."""
    return "day" if concept in FLOW_CONCEPTS else "month" if concept in HAPPENED_TO_PEOPLE else None


def _outer_clauses(clause: Token) -> Iterator[set[int]]:
    """The words of the clauses a nested figure's clause hangs on, nearest first: "the disaster in December
    2003, in which 31,000 were killed"; "hit in February, killing 600"; "In 2004 a quake triggered a
    tsunami that killed 230,000" (the noun's own verb). A statement's verb says when it was said, not when."""
    tok = clause
    for _ in range(3):
        if tok.dep_ not in ("relcl", "advcl", "acl") or tok.head.i == tok.i:
            return
        head = tok.head
        yield own_clause(head, tok)
        if head.pos_ not in ("VERB", "AUX"):
            verb = clause_verb(head)
            if verb is None or verb.lemma_.lower() in SAY_VERBS:
                return
            yield own_clause(verb, head)
            head = verb
        tok = head


def read_estimand(doc: Doc, num_start: int, num_end: int, noun_i: int | None, unit: str | None,
                  concept: str | None, times: Sequence[Time], countries: CountryTable) -> Estimand:
    """The estimand of the figure at tokens [num_start, num_end) counting the noun at `noun_i`."""
    num = doc[num_end - 1]
    if noun_i is None and concept not in ("money", "percentage") and (given := said_of(num)) is not None:
        noun_i = given.i
    noun = doc[noun_i] if noun_i is not None else num
    measure, m_concept, verb = measure_of(noun, num)
    if concept == "money":
        thing = _money_thing(num, clause_verb(num))
        n_concept, counted = concept, ":".join(w for w in (currency_sign(unit), thing) if w) or None
    elif concept == "percentage":
        n_concept, counted = concept, (unit or "").lower() or None
    else:
        counted_noun = doc[noun_i] if noun_i is not None else partitive_antecedent(num)
        n_concept, counted = _noun_concept(counted_noun, concept)
    final, measure = _combine(measure, m_concept, n_concept)
    if final == "personnel" and measure in (None, "deployed"):
        measure = None  # troops sent, stationed or fighting there: one count of the force
    elif measure is None and final in PLAIN_VERB_CONCEPTS:
        measure = _plain_measure(verb, noun)
    if (final, measure, counted) == ("other", None, None) and (elided := elided_noun(num)) is not None:
        final, counted = _noun_concept(elided, concept)  # "hit by seven bullets, three to the back"
    clause = verb if verb is not None else noun
    words = (own_clause(clause, noun) | since_clause(clause)) - comparison_words(clause, noun)
    day_as = day_as_for(final)
    period = period_of(doc, times, words, day_as)
    for outer in _outer_clauses(clause) if period is None else ():
        if (period := period_of(doc, times, outer, day_as)) is not None:
            break
    if period is None and final not in HAPPENED_TO_PEOPLE | {"other"} and open_since(clause, words):
        period = "since"
    end = noun.i + 1
    tail = doc[num_start:min(len(doc), end + 6, num.sent.end)].text
    rate = rate_of(doc, end) or (verb_rate(verb) if verb is not None else None)
    kind = "projection" if projected(verb, noun, tail) else f"per {rate}" if rate else "count"
    return Estimand(concept=final, measure=measure, counted=counted if final not in ("casualties",) else None,
                    group=group_of(noun, verb, final, num, countries), period=period,
                    kind=kind)
