"""Find reporting cues in a parsed sentence: verbs with clauses, "according to", noun cues,
documents ("in a poll"), sourceless passives and impressions, and "SPEAKER:" lines."""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from assay.extract.lexicon import cue_classes
from assay.extract.numbers import VAGUE
from assay.extract.parse import (
    IMPRESSION_VERBS,
    Found,
    agent_of,
    clause_range,
    cue_range,
    is_cue_verb,
    source_range,
    subject_of,
    subtree_range,
    trim,
    without,
)
from assay.extract.quotes import MARKS as QUOTE_MARK
from assay.extract.stance import stance_cue

# "PENCE: Well, look ..." in transcripts, "Analyst: Talks Will Fail" in headlines
SPEAKER_LINE = re.compile(r"(?m)^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)")
NOT_SPEAKERS = {"update", "note", "related", "photo", "video", "watch", "read", "see also", "editor's note",
                "correction", "source", "sources", "q", "a", "caption", "image", "credit"}
CLAUSES = ("ccomp",)
# cue classes whose verbs may take an infinitive ("pledged to reach", "urged them to leave")
INFINITIVE_CLASSES = ("other", "predict", "warn", "assert", "allege")
SOURCE_PREPS = ("from", "by", "of", "among")
DOCUMENT_NOUNS = {"poll", "survey", "study", "report", "interview", "statement", "letter", "memo", "filing",
                  "analysis", "assessment", "document", "tweet", "post", "column", "op-ed", "speech", "book",
                  "briefing", "communique", "communiqué", "testimony", "lawsuit", "complaint", "email"}
# what someone says things in ("in an interview, she called ..."): its author, not the venue, is the source
SPEECH_VENUES = {"interview", "statement", "letter", "tweet", "post", "column", "op-ed", "speech", "book",
                 "briefing", "testimony", "email"}
# figures given as "put X at N" (any of these) or "counted N attacks" (the counting ones)
FIGURE_VERBS = {"put", "estimate", "place", "count", "record", "tally", "register", "document", "log", "revise",
                "peg"}
COUNTING_VERBS = {"count", "record", "tally", "register", "document", "log"}
ADDRESSING = {"tell", "inform", "assure", "remind", "brief", "notify", "warn", "advise"}  # "told X that ..."
# reporting verbs that take a clause but no object: an object before their clause is the clause's subject
OBJECTLESS_SAY = {"say", "add", "note", "state", "announce", "claim", "estimate", "believe", "think", "insist",
                  "confirm", "report", "conclude", "predict"}
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
INVERTING = {",", '"', "”", "''", "’"}  # what ends a statement before an inverted "said the doctor"
# "by the agency's count", "the Pentagon's tally is lower": nouns whose possessor gives a figure
COUNT_NOUNS = {"count", "tally", "estimate", "reckoning", "calculation", "figure", "figures", "toll"}
PASSIVE_SAY = ("say", "report", "believe", "think", "expect", "predict", "estimate", "project",
               "forecast", "know", "rumor", "rumour", "understand", "suspect", "allege", "claim")


def _from_that(verb: Token, clause: tuple[int, int]) -> tuple[int, int]:
    """Start a right-hand clause at its "that" when the parser cut the clause's subject off it."""
    if clause[0] <= verb.i:
        return clause
    for tok in verb.doc[verb.i + 1:clause[0]]:
        if tok.lower_ == "that" and tok.dep_ == "mark":
            return tok.i, clause[1]
    return clause


def _with_cut_subject(verb: Token, clause: Token, span: tuple[int, int]) -> tuple[int, int]:
    """ "said conditions in the camp, home to 500,000 people, were likely to persist": the parser made the
    clause's subject the verb's object; a clause with no subject of its own starts at that object. Verbs
    that take an addressee ("told reporters") are left alone."""
    if verb.lemma_.lower() not in OBJECTLESS_SAY or any(c.dep_ in SUBJECTS for c in clause.children):
        return span
    objs = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
    return (min(span[0], objs[0].left_edge.i), span[1]) if objs else span


def _that_conj(tok: Token) -> bool:
    """A second that-clause the parser made a conjunct of the reporting verb: "said X, and that Y". A "that"
    before a singular noun is a determiner the parser took for a mark ("and that location is ...")."""
    doc = tok.doc
    mark = _that_mark(tok)
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and mark is not None \
        and (mark.i + 1 >= len(doc) or doc[mark.i + 1].tag_ != "NN")


def _that_mark(clause: Token) -> Token | None:
    """The clause's "that" when it opens with one."""
    return next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that"), None)


def _verb_content(verb: Token, cls: str) -> tuple[list[tuple[int, int]], Token | None]:
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ in CLAUSES or _that_conj(c)]
    if clauses:
        return [_with_cut_subject(verb, c, _from_that(verb, clause_range(c))) for c in clauses], clauses[0]
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
        return without(subtree_range(verb.head), subtree_range(verb)), verb.head
    if (hung := _clause_hung_on_noun(verb)) is not None:
        start, end = clause_range(hung)
        return [(start + (verb.doc[start].lower_ == "that"), end)], hung
    return [], None


def _clause_hung_on_noun(verb: Token) -> Token | None:
    """A "that" clause the parser hung on a noun after the verb: "said in a statement that ...", "said in the
    same update that the hospital had ...", "said the same day that ...", "told a meeting of his staff that
    Moscow had ..." (the addressee of "tell" takes no "that" clause of its own)."""
    nouns = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    nouns += [c for c in verb.children if c.dep_ == "npadvmod" and c.i > verb.i]
    if verb.lemma_.lower() in ADDRESSING:
        nouns += [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    for noun in nouns:
        for clause in noun.children:
            if clause.dep_ in ("acl", "relcl") and clause.pos_ in ("VERB", "AUX") and _opens_with_that(clause):
                return clause
    return None


def _opens_with_that(clause: Token) -> bool:
    """ "that the hospital had ...": a "that" and then the clause's own subject (the parser may call that
    "that" a mark, an object or an adverb)."""
    first = clause.left_edge
    subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "that" for c in clause.children)
    return _that_mark(clause) is not None or (first.lower_ == "that" and subject)


def _passive_no_source(verb: Token) -> tuple[list[tuple[int, int]], Token] | None:
    """"X is expected to Y" / "it is said that Y" / "X seems to Y": content of a cue with no source."""
    impression = verb.lemma_.lower() in IMPRESSION_VERBS
    if not impression and (verb.lemma_.lower() not in PASSIVE_SAY
                           or not any(c.dep_ == "auxpass" for c in verb.children)):
        return None
    subj = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj") and c.lower_ != "it"]
    rest = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") + (("acomp", "oprd") if impression else ())]
    if not rest or (impression and is_cue_verb(rest[0])):  # "appears to show": the inner cue speaks
        return None
    return [subtree_range(c) for c in subj + rest], rest[0]


def _inverted_speaker(verb: Token) -> Token | None:
    """ '"...," added the doctor' and '..., said Eva, a student': after the statement, the parser made the
    speaker that follows the verb its object. Only verbs that take no object, right after a comma or quote."""
    doc = verb.doc
    if verb.lemma_.lower() not in OBJECTLESS_SAY or verb.i == 0 or doc[verb.i - 1].text not in INVERTING:
        return None
    if any(c.dep_ in CLAUSES and c.i > verb.i for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ in ("NOUN", "PROPN")),
                None)


def _trailing_speaker(verb: Token) -> Token | None:
    """ "... a child who died when a wall fell, Ema Suryani, a doctor at the clinic, told AFP": the parser hung
    the speaker after a long clause on a noun of that clause. The speaker is the comma-set apposition that
    ends just before the verb."""
    clauses = [c for c in verb.children if c.dep_ in CLAUSES and c.i < verb.i]
    if not clauses:
        return None
    doc = verb.doc
    end = verb.i - 1 if doc[verb.i - 1].text == "," else verb.i
    found = [t for t in doc[clauses[0].left_edge.i:end]
             if t.dep_ == "appos" and t.pos_ in ("PROPN", "NOUN") and t.right_edge.i == end - 1
             and t.left_edge.i > clauses[0].left_edge.i and doc[t.left_edge.i - 1].text == ","]
    return min(found, key=lambda t: t.left_edge.i) if found else None


def _unparsed_speaker(verb: Token, content: list[tuple[int, int]]) -> tuple[Token | None, list[tuple[int, int]]]:
    """The speaker of a cue the parser gave no subject, with the content cut back before a trailing one."""
    if (inverted := _inverted_speaker(verb)) is not None:
        return inverted, content
    trailing = _trailing_speaker(verb)
    if trailing is None:
        return None, content
    cut = trailing.left_edge.i - 1  # the comma before the speaker
    return trailing, [(s, min(e, cut)) for s, e in content if s < cut]


def _statement_before(verb: Token, subj: Token) -> tuple[int, int] | None:
    """ "The quake struck at a depth of 10 km and its epicentre was 55 km west of the town, the survey said":
    the parser hung the statement on the closing "SOURCE said" by no clause relation. The statement is the
    sentence up to the comma before the source, when the source and its verb close the sentence ("said on
    Tuesday" at most) and what comes before holds a main clause ("If the jury agrees, they may find" does not)."""
    doc, sent = verb.doc, verb.sent
    comma = subj.left_edge.i - 1
    if verb.dep_ != "ROOT" or comma <= sent.start + 3 or doc[comma].text != "," or verb.i < subj.i:
        return None
    after = [t for t in doc[verb.i + 1:sent.end] if not t.is_punct]
    if len(after) > 5 or any(t.head.i == verb.i and t.dep_ not in ("npadvmod", "advmod", "prep") for t in after):
        return None
    before = doc[sent.start:comma]
    if any(QUOTE_MARK.fullmatch(t.text) for t in before):
        return None  # a quote before the cue is found as a quote
    if not any(_main_clause(t) for t in before):
        return None
    return sent.start, comma


def _main_clause(tok: Token) -> bool:
    """A finite verb with its own subject, not opened by "if", "when", "as" or the like."""
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") and tok.dep_ not in ("advcl", "csubj") \
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children) \
        and not any(c.dep_ == "mark" for c in tok.children)


def verb_cue(verb: Token) -> Found | None:
    """An attribution headed by a reporting verb, or None."""
    lemma = verb.lemma_.lower()
    cls = cue_classes().get((lemma, "VERB"))
    if cls is None or verb.pos_ not in ("VERB", "AUX"):
        return stance_cue(verb)
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return None
    if _imperative(verb):
        return None  # "Read more: ...", "Tell me who you are": an order, not a report
    cue = cue_range(verb)
    passive = _passive_no_source(verb)
    if passive is not None:
        agent = agent_of(verb)
        found = Found(cue, cls, verb.i, passive[0], content_head=passive[1].i)
        if agent is not None:
            found.source_head = agent.i
        return found
    content, content_head = _verb_content(verb, cls)
    if not content and (stance := stance_cue(verb)) is not None:
        return stance
    subj = subject_of(verb) or agent_of(verb)
    if subj is None:
        subj, content = _unparsed_speaker(verb, content)
    elif not content and (before := _statement_before(verb, subj)) is not None:
        content, content_head = [before], verb.doc[before[0]:before[1]].root
    found = Found(cue, cls, verb.i, content, content_head=content_head.i if content_head is not None else None)
    if subj is not None:
        found.source_head = subj.i
    return found


def _imperative(verb: Token) -> bool:
    """A bare verb opening its sentence with no subject ("Read more:", "Tell me who you are")."""
    first = next((t for t in verb.sent if not t.is_punct and not t.is_space), None)
    return verb.tag_ == "VB" and first is not None and first.i == verb.i \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)


def _has_figure(tok: Token) -> bool:
    return any(t.like_num or t.lower_ in VAGUE for t in tok.subtree)


def figure_cue(verb: Token) -> Found | None:
    """A source giving a figure without a clause: "officials put the toll at 35", "the Pentagon has
    counted 27 attacks", "estimated the crowd at 20,000". The content is the object and its figure."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in FIGURE_VERBS:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    at = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "to") and _has_figure(c)]
    if objs and at:
        parts = objs + at
    elif objs and lemma in COUNTING_VERBS and _has_figure(objs[0]):
        parts = objs
    else:
        return None
    subj = subject_of(verb)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("it", "they", "this", "i", "we", "you"):
        return None
    lo, hi = min(subtree_range(c)[0] for c in parts), max(subtree_range(c)[1] for c in parts)
    found = Found(cue_range(verb), "estimate", verb.i, [(lo, hi)], content_head=parts[0].i)
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
    local = _local_clause(tok, sent)
    if local is not None:  # "X said forces, which number about 5,000, according to the ministry": the clause's
        lo, hi = subtree_range(local)
        lo += tok.doc[lo].tag_ in ("WDT", "WP")  # "which number about 5,000": the clause after its "which"
        content, head = without((lo, hi), phrase), local.i
    else:  # the parser often hangs "according to" on a subordinate verb; the attribution covers the sentence
        content, head = _rest_of(sent, phrase), sent.root.i
    found = Found((tok.i, to[0].i + 1), "neutral", tok.i, content, content_head=head)
    found.source_head = objs[0].i
    return found


def _local_clause(tok: Token, sent: SpacySpan) -> Token | None:
    """The relative clause "according to" closes, when the sentence's main verb already reports someone
    else's statement ("Le Drian has said that ... forces, which number about 5,000, according to X")."""
    doc, root, start = tok.doc, sent.root, tok.left_edge.i
    if start < sent.start + 2 or doc[start - 1].text != "," or not is_cue_verb(root) or subject_of(root) is None:
        return None
    last = doc[start - 2]
    for anc in (last, *last.ancestors):
        if anc.dep_ == "relcl" and anc.right_edge.i == last.i and anc.i != root.i \
                and doc[anc.left_edge.i - 1].text == ",":  # a comma-set ", which ...," clause
            return anc
        if anc.right_edge.i != last.i:
            return None
    return None


def _rest_of(sent: SpacySpan, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentence without the attribution phrase (and the conjunctions and commas before it)."""
    start = sent.start
    while start < phrase[0] and sent.doc[start].dep_ in ("cc", "punct"):
        start += 1
    return without((start, sent.end), phrase)


def by_count(tok: Token, sent: SpacySpan) -> Found | None:
    """"By the agency's count, Iran shipped 2,000" and "The Pentagon's count is lower: 70 attacks": a figure
    given as someone's count or estimate; the source is the possessor (a noun: "by his count" is left to the
    verbs around it), and the sentence must give a number."""
    noun, phrase = None, None
    if tok.lower_ == "by" and tok.dep_ == "prep":
        noun = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in COUNT_NOUNS), None)
        phrase = subtree_range(tok) if noun is not None else None
    elif tok.lemma_.lower() in COUNT_NOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
        noun, phrase = tok, subtree_range(tok)
    if noun is None or phrase is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")
                  and c.ent_type_ not in ("DATE", "TIME")), None)  # "Monday's toll" is a day's, not a source's
    content = _rest_of(sent, phrase)
    if owner is None or not any(sent.doc[i].like_num for s, e in content for i in range(s, e)):
        return None
    found = Found((phrase[0], noun.i + 1), "neutral", noun.i, content, content_head=sent.root.i)
    found.source_head = owner.i
    return found


def in_document(tok: Token, sent: SpacySpan) -> Found | None:
    """"In a CNN poll released Monday, X leads": a document or statement as the source of its sentence."""
    if tok.lower_ != "in" or tok.dep_ != "prep":
        return None
    objs = [c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in DOCUMENT_NOUNS]
    head = tok.head
    if not objs or (head.lemma_.lower(), "VERB") in cue_classes():  # "in a statement, X said": the verb is the cue
        return None
    found = Found((tok.i, tok.i + 1), "evidence", tok.i, _rest_of(sent, subtree_range(tok)),
                  content_head=sent.root.i)
    found.source_head = objs[0].i
    speaker = subject_of(head) if objs[0].lemma_.lower() in SPEECH_VENUES else None
    if speaker is not None and speaker.pos_ in ("NOUN", "PROPN", "PRON"):
        if not is_cue_verb(head):
            return None  # "In an interview, he invoked the teaching": where he spoke, not a source of its own
        found.source_head = speaker.i  # "In a statement it accused the investigators of bias": it says so
    return found


def find_in_sentence(sent: SpacySpan) -> list[Found]:
    """Every raw attribution in one sentence, with content and source token ranges."""
    out: list[Found] = []
    for tok in sent:
        found = according_to(tok, sent) or by_count(tok, sent) or in_document(tok, sent) or figure_cue(tok) \
            or verb_cue(tok) or noun_cue(tok)
        if found is None:
            continue
        doc = sent.doc
        found.content = [r for r in (trim(doc, s, e) for s, e in found.content) if r]
        if found.source_head is not None:
            found.source = source_range(doc[found.source_head], found.content + [found.cue])
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
        found.content = [r for r in (trim(doc, body.start, body.end),) if r]
        out.append(found)
    return out
