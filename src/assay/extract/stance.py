"""Stance and speech-act verbs whose content is an object, an infinitive or a prepositional object:
"X called for Y", "X criticized Y as Z", "X refuses to Y". Their frames are data (stance.tsv).
"""

from __future__ import annotations

from spacy.tokens import Token

from assay.extract.lexicon import stance_frames
from assay.extract.parse import Found, cue_range, subject_of, subtree_range

OBJECT_PREPS = ("to", "as", "for", "with", "against", "into", "about", "of")
# what a court or an office grants: "denied the motion", "rejected the appeal" are acts, not denials
ASSAULT_VERBS = {"attack", "blast", "slam", "strike", "hit", "target"}
# what an assault verb acts on when it is an act ("attacked the school"), not criticism
TARGETS = {"school", "hospital", "camp", "village", "town", "city", "base", "convoy", "position", "troop",
           "soldier", "force", "building", "station", "checkpoint", "vehicle", "ship", "vessel", "plane",
           "aircraft", "post", "compound", "home", "house", "mosque", "church", "market", "crossing", "area",
           "border", "bridge", "port", "airport", "depot", "facility", "infrastructure", "tanker", "patrol"}
REFUGE = {"shelter", "refuge", "sanctuary", "cover", "asylum", "safety", "treatment", "care"}
GRANTED = {"motion", "request", "bail", "access", "entry", "permission", "visa", "appeal", "application",
           "petition", "parole", "asylum", "case", "lawsuit", "suit", "bid", "licence", "license", "passage"}
NO_COMMENT_VERBS = {"comment", "respond", "discuss", "elaborate", "speak", "say", "answer", "confirm"}


def _physical(verb: Token, obj: Token) -> bool:
    """ "attacked the school", "sought shelter": an act on a place or a thing, not words about it
    ("attacked the plan", "slammed the minister" stay claims)."""
    lemma = verb.lemma_.lower()
    return (lemma in ASSAULT_VERBS and (obj.lemma_.lower() in TARGETS or obj.ent_type_ in ("FAC", "LOC"))) \
        or (lemma == "seek" and obj.lemma_.lower() in REFUGE)


def frame_content(verb: Token, cls: str, frames: tuple[str, ...]) -> tuple[tuple[int, int], Token, int] | None:
    """(content range, content head, cue end) for the first frame the verb's children fill."""
    children = list(verb.children)
    for frame in frames:
        if frame in ("obj", "obj_as"):
            has_as = any(c.lower_ == "as" for c in children)  # "what he hails as X" says X; "what it disputed" nothing
            objs = [c for c in children if c.dep_ == "dobj" and (has_as or c.tag_ not in ("WP", "WDT"))]
            if objs and objs[0].lemma_.lower() in GRANTED and cls == "deny":
                return None
            if objs and _physical(verb, objs[0]):
                return None
            if not objs or (frame == "obj_as" and not has_as):
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
        if frame == "ger":  # "denied targeting civilians"
            gerunds = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.i > verb.i]
            if gerunds:
                return subtree_range(gerunds[0]), gerunds[0], verb.i + 1
        if frame.startswith("prep:"):
            preps = [c for c in children if c.dep_ in ("prep", "prt") and c.lower_ == frame[5:]]
            objs = [p for c in preps for p in c.children if p.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree_range(objs[0]), objs[0], preps[0].i + 1
    return None


def no_comment(verb: Token) -> bool:
    """"did not respond to a request for comment", "declined to comment": no claim is made."""
    lemma = verb.lemma_.lower()
    if lemma in ("respond", "reply") and any(c.dep_ == "neg" for c in verb.children):
        return True
    return lemma in ("decline", "refuse") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in NO_COMMENT_VERBS for c in verb.children)


def stance_cue(verb: Token) -> Found | None:
    """"X called for Y", "X criticized Y as Z", "X refuses to Y": a stance with an object as content."""
    entry = stance_frames().get(verb.lemma_.lower())
    if entry is None or verb.pos_ != "VERB" or no_comment(verb):
        return None
    subj = subject_of(verb)
    if subj is None or subj.lower_ in ("this", "that", "which") or (subj.lower_ == "it" and entry[0] != "deny"):
        return None  # an "it" that denies, rejects or dismisses is an actor; one that "calls for" may be a text
    framed = frame_content(verb, entry[0], entry[1])
    if framed is None:
        return None
    content, head, cue_end = framed
    cue = cue_range(verb)
    found = Found((cue[0], max(cue[1], cue_end)), entry[0], verb.i, [content], content_head=head.i)
    found.source_head = subj.i
    return found
