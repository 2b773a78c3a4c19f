"""Find reporting cues in a parsed sentence and the raw parts of each attribution.

A `Found` holds token-level parts (cue, source, content) before quotation
snapping, source resolution and modality; `claims.py` turns them into Claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from assay.extract.lexicon import cue_classes, stance_frames

# "PENCE: Well, look ..." in transcripts, "Analyst: Talks Will Fail" in headlines
SPEAKER_LINE = re.compile(r"(?m)^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)")
NOT_SPEAKERS = {"update", "note", "related", "photo", "video", "watch", "read", "see also", "editor's note",
                "correction", "source", "sources", "q", "a", "caption", "image", "credit"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
CLAUSES = ("ccomp",)
# cue classes whose verbs may take an infinitive ("pledged to reach", "urged them to leave")
INFINITIVE_CLASSES = ("other", "predict", "warn", "assert", "allege")
SOURCE_PREPS = ("from", "by", "of", "among")
OBJECT_PREPS = ("to", "as", "for", "with", "against", "into", "about", "of")
AUX_DEPS = ("aux", "auxpass", "neg")
DOCUMENT_NOUNS = {"poll", "survey", "study", "report", "interview", "statement", "letter", "memo", "filing",
                  "analysis", "assessment", "document", "tweet", "post", "column", "op-ed", "speech", "book",
                  "briefing", "communique", "communiqué", "testimony", "lawsuit", "complaint", "email"}
NO_COMMENT_VERBS = {"comment", "respond", "discuss", "elaborate", "speak", "say", "answer", "confirm"}
IMPRESSION_VERBS = ("seem", "appear")  # "X seems to Y": an impression with no stated source
PASSIVE_SAY = ("say", "report", "believe", "think", "expect", "predict", "estimate", "project",
               "forecast", "know", "rumor", "rumour", "understand", "suspect", "allege", "claim")


@dataclass
class Found:
    cue: tuple[int, int]  # token index range [start, end)
    cue_class: str
    head: int  # the cue's verb or noun token
    content: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    source: tuple[int, int] | None = None
    source_head: int | None = None  # token index of the source's head word
    content_head: int | None = None  # the verb (or noun) the content hangs from, for modality


def _contiguous(tokens: list[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def _trim(doc, start: int, end: int) -> tuple[int, int] | None:
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


def _cue_range(verb: Token) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, particle, adverbs just before it and a colon just
    after it ("is saying", "pointed out", "also linked", "said:")."""
    parts = [verb] + [c for c in verb.children if abs(c.i - verb.i) <= 3 and (
        c.dep_ in AUX_DEPS + ("prt",) or (c.dep_ == "advmod" and c.pos_ == "ADV" and c.i < verb.i))]
    start, end = _contiguous(parts)
    if end < len(verb.doc) and verb.doc[end].text == ":":
        end += 1
    return start, end


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited along conj/xcomp chains ("said X and added Y")."""
    tok = verb
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _source_range(head: Token, avoid: list[tuple[int, int]]) -> tuple[int, int]:
    """The source's subtree, cut back to the head where it would run into content or cue."""
    start, end = subtree_range(head)
    for s, e in avoid:
        if s < end and start < e:
            if e <= head.i:
                start = max(start, e)
            elif s > head.i:
                end = min(end, s)
    doc = head.doc
    start, end = _trim(doc, start, end) or (head.i, head.i + 1)
    return start, _close_source(doc, start, end)


def _close_source(doc, start: int, end: int) -> int:
    """Balance a parenthesis ("Sen. X (R-S.C.)") and keep the comma that closes an appositive
    ("Phil Smith, a spokesman for the union,"), as the source is written."""
    words = [t.text for t in doc[start:end]]
    if end < len(doc) and doc[end].text == ")" and words.count("(") > words.count(")"):
        end += 1
    if end < len(doc) and doc[end].text == "," and "," in words:
        end += 1
    return end


def _without(outer: tuple[int, int], inner: tuple[int, int]) -> list[tuple[int, int]]:
    """outer minus inner, as up to two ranges."""
    parts = [(outer[0], min(outer[1], inner[0])), (max(outer[0], inner[1]), outer[1])]
    return [p for p in parts if p[1] > p[0]]


def _new_clause(tok: Token) -> bool:
    """A coordinated or trailing clause that says something else: it has its own subject, or it is
    itself a reporting verb ("..., and 22 percent said ...", "..., but added ...", "..., saying ...")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    return (lemma, "VERB") in cue_classes() or lemma in stance_frames()


def clause_range(head: Token) -> tuple[int, int]:
    """The clause's subtree, ending before a coordinated or trailing clause that is a new statement."""
    start, end = subtree_range(head)
    for child in head.children:
        if child.i > head.i and child.dep_ in ("conj", "advcl", "parataxis") and _new_clause(child):
            cut = child.left_edge.i
            while cut > head.i and head.doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            end = min(end, cut)
    return start, end


def _from_that(verb: Token, clause: tuple[int, int]) -> tuple[int, int]:
    """Start a right-hand clause at its "that" when the parser cut the clause's subject off it."""
    if clause[0] <= verb.i:
        return clause
    for tok in verb.doc[verb.i + 1:clause[0]]:
        if tok.lower_ == "that" and tok.dep_ == "mark":
            return tok.i, clause[1]
    return clause


def _verb_content(verb: Token, cls: str) -> tuple[list[tuple[int, int]], Token | None]:
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ in CLAUSES]
    if clauses:
        return [_from_that(verb, clause_range(c)) for c in clauses], clauses[0]
    if cls in ("characterize", "evidence"):
        objs = [c for c in children if c.dep_ in ("dobj", "oprd", "attr")]
        preds = [c for c in children if c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ == "as")]
        if objs and (cls == "evidence" or preds):
            lo = min(subtree_range(c)[0] for c in objs + preds)
            hi = max(subtree_range(c)[1] for c in objs + preds)
            return [(lo, hi)], (preds or objs)[0]
    if cls in INFINITIVE_CLASSES:
        xcomps = [c for c in children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
        objs = [c for c in children if c.dep_ == "dobj"]
        if xcomps and (objs or cls != "other"):
            lo = min(subtree_range(c)[0] for c in objs + xcomps)
            return [(lo, subtree_range(xcomps[0])[1])], xcomps[0]
    if verb.dep_ == "parataxis" and verb.head.i != verb.i:  # "Kyiv, he noted, has ..." / "“...,” he said"
        return _without(subtree_range(verb.head), subtree_range(verb)), verb.head
    return [], None


def _passive_no_source(verb: Token) -> tuple[list[tuple[int, int]], Token] | None:
    """"X is expected to Y" / "it is said that Y" / "X seems to Y": content of a cue with no source."""
    impression = verb.lemma_.lower() in IMPRESSION_VERBS
    if not impression and (verb.lemma_.lower() not in PASSIVE_SAY
                           or not any(c.dep_ == "auxpass" for c in verb.children)):
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ != "it"]
    rest = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") + (("acomp", "oprd") if impression else ())]
    if not rest or (impression and _is_cue_verb(rest[0])):  # "appears to show": the inner cue speaks
        return None
    return [subtree_range(c) for c in subj + rest], rest[0]


def _frame_content(verb: Token, frames: tuple[str, ...]) -> tuple[tuple[int, int], Token, int] | None:
    """(content range, content head, cue end) for the first frame the verb's children fill."""
    children = list(verb.children)
    for frame in frames:
        if frame in ("obj", "obj_as"):
            objs = [c for c in children if c.dep_ == "dobj"]
            if not objs or (frame == "obj_as" and not any(c.lower_ == "as" for c in children)):
                continue
            # "linked X to Y", "cited X as Z": prepositions after the object belong to the content
            parts = objs + [c for c in children if c.i > objs[0].i and (
                c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPS))]
            return (min(subtree_range(c)[0] for c in parts), max(subtree_range(c)[1] for c in parts)), \
                objs[0], verb.i + 1
        if frame == "inf":
            xcomps = [c for c in children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)]
            if xcomps:
                objs = [c for c in children if c.dep_ == "dobj" and c.i < xcomps[0].i]
                lo = min(subtree_range(c)[0] for c in objs + xcomps)
                return (lo, subtree_range(xcomps[0])[1]), xcomps[0], verb.i + 1
        if frame.startswith("prep:"):
            preps = [c for c in children if c.dep_ in ("prep", "prt") and c.lower_ == frame[5:]]
            objs = [p for c in preps for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_range(objs[0]), objs[0], preps[0].i + 1
    return None


def _is_cue_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return (lemma, "VERB") in cue_classes() or lemma in stance_frames()


def _no_comment(verb: Token) -> bool:
    """"did not respond to a request for comment", "declined to comment": no claim is made."""
    lemma = verb.lemma_.lower()
    if lemma in ("respond", "reply") and any(c.dep_ == "neg" for c in verb.children):
        return True
    return lemma in ("decline", "refuse") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_VERBS for c in verb.children)


def stance_cue(verb: Token) -> Found | None:
    """"X called for Y", "X criticized Y as Z", "X refuses to Y": a stance with an object as content."""
    entry = stance_frames().get(verb.lemma_.lower())
    if entry is None or verb.pos_ != "VERB" or _no_comment(verb):
        return None
    subj = _subject(verb)
    if subj is None or subj.lower_ in ("it", "this", "that", "which"):
        return None
    framed = _frame_content(verb, entry[1])
    if framed is None:
        return None
    content, head, cue_end = framed
    cue = _cue_range(verb)
    found = Found((cue[0], max(cue[1], cue_end)), entry[0], verb.i, [content], content_head=head.i)
    found.source_head = subj.i
    return found


def verb_cue(verb: Token) -> Found | None:
    """An attribution headed by a reporting verb, or None."""
    lemma = verb.lemma_.lower()
    cls = cue_classes().get((lemma, "VERB"))
    if cls is None or verb.pos_ not in ("VERB", "AUX"):
        return stance_cue(verb)
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None
    cue = _cue_range(verb)
    passive = _passive_no_source(verb)
    if passive is not None:
        agent = _agent(verb)
        found = Found(cue, cls, verb.i, passive[0], content_head=passive[1].i)
        if agent is not None:
            found.source_head = agent.i
        return found
    content, content_head = _verb_content(verb, cls)
    if not content and (stance := stance_cue(verb)) is not None:
        return stance
    subj = _subject(verb) or _agent(verb)
    found = Found(cue, cls, verb.i, content, content_head=content_head.i if content_head is not None else None)
    if subj is not None:
        found.source_head = subj.i
    return found


def noun_cue(noun: Token) -> Found | None:
    """"claims from X that Y", "X's assessment that Y"."""
    cls = cue_classes().get((noun.lemma_.lower(), "NOUN"))
    if cls is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clauses:
        return None
    found = Found((noun.i, noun.i + 1), cls, noun.i, [subtree_range(clauses[0])], content_head=clauses[0].i)
    for c in noun.children:
        if c.dep_ == "poss":
            found.source_head = c.i
        elif c.dep_ == "prep" and c.lower_ in SOURCE_PREPS:
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if objs:
                found.source_head = objs[0].i
    return found


def according_to(tok: Token, sent: SpacySpan) -> Found | None:
    """"..., according to X": the source is X; the content is the clause it modifies."""
    if tok.lower_ != "according":
        return None
    to = [c for c in tok.children if c.lower_ == "to"]
    if not to:
        return None
    objs = [c for c in to[0].children if c.dep_ == "pobj"]
    if not objs:
        return None
    phrase = subtree_range(tok)
    # the parser often hangs "according to" on a subordinate verb; the attribution covers the sentence
    start = sent.start
    while start < phrase[0] and sent.doc[start].dep_ in ("cc", "punct"):
        start += 1
    found = Found((tok.i, to[0].i + 1), "neutral", tok.i, _without((start, sent.end), phrase),
                  content_head=sent.root.i)
    found.source_head = objs[0].i
    return found


def in_document(tok: Token, sent: SpacySpan) -> Found | None:
    """"In a CNN poll released Monday, X leads": a document or statement as the source of its sentence."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    objs = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in DOCUMENT_NOUNS]
    head = tok.head
    if not objs or (head.lemma_.lower(), "VERB") in cue_classes():  # "in a statement, X said": the verb is the cue
        return None
    phrase = subtree_range(tok)
    start = sent.start
    while start < phrase[0] and sent.doc[start].dep_ in ("cc", "punct"):
        start += 1
    content = _without((start, sent.end), phrase)
    found = Found((tok.i, tok.i + 1), "evidence", tok.i, content, content_head=sent.root.i)
    found.source_head = objs[0].i
    return found


def find_in_sentence(sent: SpacySpan) -> list[Found]:
    """Every raw attribution in one sentence, with content and source token ranges."""
    out: list[Found] = []
    for tok in sent:
        found = according_to(tok, sent) or in_document(tok, sent) or verb_cue(tok) or noun_cue(tok)
        if found is None:
            continue
        doc = sent.doc
        found.content = [r for r in (_trim(doc, s, e) for s, e in found.content) if r]
        if found.source_head is not None:
            found.source = _source_range(doc[found.source_head], found.content + [found.cue])
        out.append(found)
    return out


def speaker_lines(doc) -> list[Found]:
    """Attributions written as "SPEAKER: words" at the start of a line."""
    out = []
    for m in SPEAKER_LINE.finditer(doc.text):
        if m.group(1).lower() in NOT_SPEAKERS:
            continue
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
        body = doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if name is None or colon is None or body is None or len(body) < 3:
            continue
        found = Found((colon.start, colon.end), "neutral", colon.start, [(body.start, body.end)],
                      source=(name.start, name.end), source_head=name.end - 1)
        found.content = [r for r in (_trim(doc, body.start, body.end),) if r]
        out.append(found)
    return out
