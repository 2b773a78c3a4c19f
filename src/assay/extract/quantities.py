"""Quantities: numbers with what they count, their bounds, and whether they are reported,
estimated or hypothetical (SCHEMA.md Quantity).

`extract_quantities(doc, claims)` is pure. Per sentence it takes the figures that
figures.py finds (with their ranges, bound words and units), names their concept and
subject, and links each to the innermost claim whose content holds it; the claim,
an if-clause or a what-if question decides whether it is an estimate or hypothetical.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from assay.extract.claims import SPEECH_CLASSES
from assay.extract.comparisons import compared_estimand
from assay.extract.estimands import SAY_VERBS, clause_owner, group_key, read_estimand
from assay.extract.figures import Figure, figures_in, read_bound, read_unit
from assay.extract.lexicon import quantity_concepts
from assay.extract.times import MONTHS
from assay.records import Claim, Estimand, Quantity, Span, Time
from assay.resolve.countries import CountryTable
from assay.resolve.reference import Reference

EXTRACTOR = "assay.quantities.v9"  # v9: numbers that name (911, address blocks, calibres)
ESTIMATE_CUES = {"estimate", "believe"}
SERIES_CONCEPTS = {"personnel", "casualties", "weapons"}
NOT_COUNTS = {"distance", "duration", "speed", "temperature", "age", "magnitude"}  # never form a series
NAME_TYPES = {"GPE", "ORG", "FAC", "LOC", "PERSON"}  # a number before one of these is part of a name
NUMBERED_WORDS = {"section", "article", "chapter", "no", "no.", "number", "route", "highway", "flight", "room",
                  "paragraph", "clause", "page", "resolution", "amendment", "gate", "platform", "line"}
EMERGENCY_LINES = {911, 999, 112}
LINE_AFTER = {"call", "calls", "operator", "dispatcher"}  # "a 999 call", "911 operator"
LINE_BEFORE = {"called", "dialed", "dialled", "dial", "call", "to"}  # "called 911"
SPEAKING_VERBS = SAY_VERBS | {"report", "confirm"}  # "One report said", "two officials confirmed"
CLOCK_WORDS = {"a.m.", "p.m.", "a.m", "p.m", "am", "pm", "gmt", "utc", "est", "edt", "bst", "cet", "ist", "hrs"}
NAMING_UNITS = {"block", "caliber", "calibre", "gauge"}  # "the 12000 block of", "a .38-caliber pistol"
QUAKE_NOUNS = {"quake", "earthquake", "temblor", "tremor", "quakes", "earthquakes"}
MODALS = {"could", "might", "may", "would"}
FORCE_NOUNS = {"troops", "soldiers", "forces", "fighters", "personnel", "volunteers", "troop", "soldier"}


def _pronoun_one(doc: Doc, num: Figure, unit: str | None) -> bool:
    """ "each one", "the same one", "this one": a pronoun, not a count ("one of the best" is a count)."""
    if unit is not None or doc[num.start].lower_ != "one" or num.end - num.start != 1 or num.start == 0:
        return False
    return doc[num.start - 1].lower_ in ("each", "same", "this", "that", "every", "any", "no", "the", "a",
                                         "which", "another", "new", "old", "last", "first", "only")


def _a_count(doc: Doc, num: Figure, noun_i: int | None, concept: str | None) -> bool:
    """Whether a figure counts something a series can follow. Not: an age after a name ("Zurana Horton,
    34, was killed"), a number in a name or address ("24 Independent Street", "section 293", "Two US
    officials" counts sources, not events), or a number glued to a word we do not know ("10News")."""
    if num.unit and concept == "other":
        return False
    before = doc[num.start - 1] if num.start > 0 else None
    after = doc[num.end] if num.end < len(doc) else None
    if before is not None and before.text == "," and after is not None and after.text == "," and num.start > 1 \
            and doc[num.start - 2].pos_ == "PROPN" and noun_i is None:
        return False  # "Guillermo Hernandez, 20, and ..."
    if before is not None and before.lower_ in NUMBERED_WORDS:
        return False
    if noun_i is not None and doc[noun_i].pos_ == "PROPN" and doc[noun_i].ent_type_ in NAME_TYPES:
        return False
    if noun_i is not None and _speaking(doc[noun_i]):
        return False
    if _one_of(doc, num) or _a_number_name(doc, num, noun_i):
        return False
    return not _in_clock_or_calendar(doc, num)


def _a_number_name(doc: Doc, num: Figure, noun_i: int | None) -> bool:
    """A number that names rather than counts: an emergency line ("called 911", "a 999 call"), an
    address block ("the 12000 block of Pioneer Boulevard"), a gun's calibre ("a .38-caliber revolver")."""
    noun = doc[noun_i].lower_ if noun_i is not None else ""
    after = doc[num.end].lower_ if num.end < len(doc) else ""
    before = doc[num.start - 1].lower_ if num.start > 0 else ""
    if num.value in EMERGENCY_LINES and (noun in LINE_AFTER or after in LINE_AFTER or before in LINE_BEFORE):
        return True
    return noun in NAMING_UNITS or after in NAMING_UNITS


def _one_of(doc: Doc, num: Figure) -> bool:
    """ "One of the fatalities was a child", "one of the bombs landed": a member picked out, not a count."""
    tok = doc[num.end - 1]
    return num.value == 1 and tok.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.tag_ in ("NNS", "NNPS") for g in c.children)
        for c in tok.children)


def _speaking(noun: Token) -> bool:
    """ "One report said", "Two US officials told reporters": the figure counts who speaks, not what happened."""
    verb = noun.head
    return noun.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in SPEAKING_VERBS


def _in_clock_or_calendar(doc: Doc, num: Figure) -> bool:
    """A number that is part of a clock time or a date ("02 : 45 PM", "3 p . m .", "11 / 10 / 11",
    "11 November 2011", "Oct . 29"): it says when, not how many."""
    tok = doc[num.start]
    if tok.ent_type_ == "TIME":
        return True
    if _joined(doc, num.start - 2, num.start - 1) or _joined(doc, num.end + 1, num.end):
        return True
    if num.end < len(doc) and doc[num.end].lower_.replace(" ", "") in CLOCK_WORDS:
        return True  # "10 a . m .", "1200 GMT"
    beside = [doc[i] for i in (num.start - 1, num.end) if 0 <= i < len(doc)]  # "10 Nov", "Oct 29"
    if any(t.lower_.rstrip(".") in MONTHS and t.is_title for t in beside):
        return True
    near = doc[max(0, num.start - 2):min(len(doc), num.end + 2)]
    return tok.ent_type_ == "DATE" and any(t.lower_.rstrip(".") in MONTHS for t in near)


def _joined(doc: Doc, other: int, sep: int) -> bool:
    """A number on the other side of a colon or slash: "02 : 45", "11 / 10"."""
    return 0 <= other < len(doc) and 0 <= sep < len(doc) and doc[sep].text in (":", "/") and doc[other].like_num


def _unread(e: Estimand | None) -> bool:
    """An estimand that says nothing of what is counted ("We were 20 in one room"): no series can follow it."""
    return e is not None and e.concept == "other" and e.measure is None and e.counted is None


def _magnitude(doc: Doc, num: Figure, unit: str | None) -> bool:
    """ "a magnitude-6.1 quake", "6.1-magnitude", "a 5.9 temblor": a scale reading, not a count."""
    if num.value is None:
        return False
    near = {t.lower_ for t in doc[max(0, num.start - 4):min(len(doc), num.end + 2)]}
    if near & {"magnitude", "richter"}:
        return True
    last = (unit or "").lower().split()[-1:] or [""]
    return last[0] in QUAKE_NOUNS and not float(num.value).is_integer()


def _concept(unit: str | None, currency: str) -> str | None:
    if currency:
        return "money"
    if not unit:
        return None
    words = unit.lower().replace("-", " ").split()
    concepts = quantity_concepts()
    for word in reversed(words):
        for key in (word, word.rstrip("s"), word[:-2] if word.endswith("es") else word):
            if key in concepts:
                return concepts[key]
    return "other"


def _subject(doc: Doc, num: Figure, stop: int, sent: SpacySpan, claim: Claim | None) -> str | None:
    """Whose figure it is: the capitalised words of the counted noun ("North Korean troops",
    "Veldran troops"), else the last nationality named before the number ("North Korean leader Kim
    Jong-un sent 1,500 special forces")."""
    words = [t for t in doc[num.end:stop] if t.text[:1].isupper() and t.is_alpha]
    if words:
        return doc[words[0].i:words[-1].i + 1].text
    inside = [(s.start, s.end) for s in claim.content] if claim else [(sent.start_char, sent.end_char)]
    norps = [e for e in sent.ents if e.label_ == "NORP" and e.end <= num.start
             and any(a <= e.start_char and e.end_char <= b for a, b in inside)]  # not the source's own
    return norps[-1].text if norps else None


def _last_subject(earlier: list[Quantity], concept: str | None) -> str | None:
    """ "If 10,000 soldiers were sent" after "5,000 Veldran troops": the article's last such subject."""
    return next((q.subject for q in reversed(earlier) if q.concept == concept and q.subject), None)


def _innermost_claim(claims: list[Claim], start: int, end: int) -> Claim | None:
    """The claim with the shortest content holding the span; a reported statement wins over a stance
    ("the group has attacked 100 vessels, according to the monitor": the monitor gives the figure), and a
    claim with a source over one without ("Ryder said the pier was expected to handle 150 trucks": the
    unattributed "was expected" inside his statement is his)."""
    best = None
    for c in claims:
        for s in c.content:
            rank = (c.cue_class not in SPEECH_CLASSES, c.source is None, s.end - s.start)
            if s.start <= start and end <= s.end and (best is None or rank < best[1]):
                best = (c, rank)
    return best[0] if best else None


def _conditional(tok: Token) -> bool:
    """Inside an if-clause, or a question about what would happen ("is Kim going to send 10,000 more?")."""
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in anc.children):
            return True
    sent = tok.sent
    stop = next((t for t in tok.doc[tok.i:sent.end] if t.text in (".", "?", "!")), None)
    words = {t.lower_ for t in tok.doc[sent.start:stop.i if stop is not None else sent.end]}
    return stop is not None and stop.text == "?" and bool(words & {"would", "could", "going", "will", "might"})


def _own_verb(tok: Token) -> Token | None:
    """The verb of the figure's own clause (the token itself when it is one)."""
    return next((anc for anc in (tok, *tok.ancestors) if anc.pos_ in ("VERB", "AUX")), None)


def _possible(tok: Token) -> bool:
    """The figure's own clause says it could happen ("could reach 40,000"), not that it did."""
    verb = _own_verb(tok)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _reported_clause(tok: Token) -> bool:
    """The figure's own clause is in the past ("[N] people had died and the toll could rise")."""
    verb = _own_verb(tok)
    return verb is not None and verb.tag_ in ("VBD", "VBN") and not any(c.lower_ in MODALS for c in verb.children)


def _status(tok: Token, claim: Claim | None, lead_words: str, estimand: Estimand | None) -> str:
    if _conditional(tok) or _possible(tok):
        return "hypothetical"
    if claim is not None and claim.modality == "hypothetical" and not _reported_clause(tok):
        return "hypothetical"
    if "estimated" in lead_words or (claim is not None and claim.cue_class in ESTIMATE_CUES):
        return "estimate"
    if estimand is not None and estimand.kind == "projection":
        return "estimate"
    return "reported"


def _noun_index(unit: str | None, stop: int, num: Figure) -> int | None:
    """The counted noun's token: the last word of the unit read after the number."""
    return stop - 1 if unit is not None and not num.currency and stop > num.end else None


def extract_quantities(doc: Doc, claims: list[Claim], times: Sequence[Time], ref: Reference) -> list[Quantity]:
    """Every quantity in the article, linked to the innermost claim that reports it, with its estimand."""
    text = doc.text
    out: list[Quantity] = []
    for sent in doc.sents:
        for num in figures_in(sent):
            read_bound(doc, num)
            unit, stop = read_unit(doc, num, sent.end)
            if _pronoun_one(doc, num, unit):
                continue
            start = num.lead if num.lead is not None else num.start
            span = doc[start:max(stop, num.end)]
            claim = _innermost_claim(claims, span.start_char, span.end_char)
            lead = doc[start:num.start].text.lower()
            concept = "magnitude" if _magnitude(doc, num, unit) else _concept(unit, num.currency)
            noun_i = _noun_index(unit, stop, num)
            estimand = None if concept in NOT_COUNTS or not _a_count(doc, num, noun_i, concept) else read_estimand(
                doc, num.start, num.end, noun_i, unit, concept, times, ref.countries)
            if estimand is not None:
                at = doc[noun_i] if noun_i is not None else doc[num.end - 1]
                estimand = compared_estimand(doc, at, estimand, out, times)
            if _unread(estimand):
                estimand = None
            out.append(Quantity(
                span=Span.of(text, span.start_char, span.end_char), value=num.value, low=num.low,
                high=num.high, bound=num.bound, unit=unit, concept=concept, estimand=estimand,
                claim=claim.id if claim else None, status=_status(doc[num.start], claim, lead, estimand),
                subject=_subject(doc, num, stop, sent, claim) if concept in SERIES_CONCEPTS else None,
            ))
            if out[-1].subject is None and unit and unit.split()[-1].lower() in FORCE_NOUNS \
                    and clause_owner(doc[noun_i if noun_i is not None else num.end - 1]) is None:
                out[-1] = replace(out[-1], subject=_last_subject(out[:-1], concept))
            out[-1] = _with_group(out[-1], ref.countries)
    return out


def _with_group(q: Quantity, countries: CountryTable) -> Quantity:
    """A force's figure with no group on its own words takes the subject read around it
    ("North Korean leader Kim Jong-un sent 1,500 special forces")."""
    e = q.estimand
    if e is None or e.group or e.concept != "personnel" or not q.subject:
        return q
    return replace(q, estimand=replace(e, group=group_key(q.subject, countries)))
