"""Who acts and who is acted upon: the token heads and phrase ranges of an event's actors and recipients."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from assay.extract.event_lexicon import triggers
from assay.extract.event_triggers import Trigger, direct_object, is_agentive
from assay.extract.parse import agent_of, reporter_of_misattached

PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "them", "him", "our"}
RELATIVES = {"who", "which", "that", "whom"}
# nouns that are a proposal or demand of someone: the someone is the recipient ("rejected Iraq's proposal")
PROPOSALS = {"proposal", "demand", "appeal", "call", "request", "offer", "plan", "effort", "policy", "decision",
             "resolution", "bid", "initiative", "suggestion", "ultimatum", "invitation", "claim", "charge",
             "accusation", "allegation", "wish", "refusal", "action", "criticism", "move", "attempt", "right",
             "suppression", "commitment", "program", "programme", "presence", "support", "role"}
RECIPIENT_PREPS = ("with", "against", "to", "on", "upon", "into", "at", "toward", "towards", "from", "of")
# which prepositions name the recipient, by PLOVER type (first match wins)
PREPS_BY_TYPE = {
    "AID": ("to", "for", "into"), "AGREE": ("with", "to", "for"), "CONSULT": ("with", "to"),
    "COOPERATE": ("with", "to"), "SUPPORT": ("to", "for", "with"), "RETREAT": ("from", "to"),
    "CONCEDE": ("to",), "REQUEST": ("on", "upon", "to", "from"), "ACCUSE": ("against", "with", "to", "of"),
    "REJECT": ("from", "to"), "THREATEN": ("against", "to", "with"), "PROTEST": ("against", "outside"),
    "SANCTION": ("on", "against", "to", "from"), "MOBILIZE": ("against", "to", "into", "near"),
    "COERCE": ("on", "against", "in"), "ASSAULT": ("on", "against", "at", "into", "in"),
}
CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "cc", "punct", "parataxis")
NOT_ROLES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")
FORCEFUL = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "PROTEST"}
# things force is used on, whose phrase is the recipient even without a name
TARGETS = {"town", "city", "village", "camp", "base", "position", "convoy", "port", "home", "house", "building",
           "office", "embassy", "headquarters", "school", "hospital", "vessel", "ship", "plane", "target", "post",
           "checkpoint", "border", "area", "territory", "settlement", "district", "region", "province"}
HELP_VERBS = {"arm", "fund", "finance", "rescue", "evacuate", "help", "assist", "supply", "equip", "train", "feed"}
MOTION_VERBS = {"travel", "fly", "go", "come", "arrive", "head", "journey", "return"}


def phrase_range(tok: Token) -> tuple[int, int]:
    """The noun phrase of one conjunct: its subtree without coordinated, relative or clausal parts."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in CLAUSE_DEPS and not _dated(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "parataxis"))
    start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
    doc = tok.doc
    while start < end and (doc[start].is_punct and doc[start].text != "(" or doc[start].dep_ == "cc"):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    return start, end


def _dated(tok: Token) -> bool:
    """A "on Thursday" phrase the parser hung on a noun: not part of who acts."""
    return tok.dep_ in ("prep", "npadvmod") and any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def conjuncts(tok: Token) -> list[Token]:
    """The token and every token coordinated with it ("The United States and Jordan")."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _adjective_conjuncts(tok: Token) -> list[tuple[int, int]] | None:
    """ "Hungarian and Romanian officials": two actors, named by their adjectives."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.i < tok.i:
            conj = [x for x in conjuncts(c) if x.ent_type_ in ("NORP", "GPE") or x.pos_ == "PROPN"]
            if len(conj) >= 2:
                ranges = [(x.i, x.i + 1) for x in conj[:-1]]
                return ranges + [(conj[-1].i, tok.i + 1)]
    return None


def role_ranges(tok: Token) -> list[tuple[int, int]]:
    """Token ranges of a role filler and its coordinated partners."""
    out: list[tuple[int, int]] = []
    for c in conjuncts(tok):
        if c.ent_type_ in NOT_ROLES or (c.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM")):
            continue
        out.extend(_adjective_conjuncts(c) or [phrase_range(c)])
    return out


def _subject(verb: Token) -> tuple[Token, Token] | None:
    """The verb's subject and the verb it belongs to, inherited from the clause it completes or is
    coordinated with."""
    tok = verb
    for _ in range(5):
        if tok.i == verb.i and (reporter := reporter_of_misattached(tok)) is not None:
            tok = reporter
            continue
        for c in tok.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c, tok
        if tok.dep_ in ("relcl", "acl") and tok.head.i != tok.i:
            return (tok.head, tok) if is_agentive(tok.head) else None
        if tok.dep_ in ("conj", "xcomp", "advcl", "acomp") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ == "pcomp" and tok.head.head.i != tok.head.i:
            tok = tok.head.head
        else:
            return None
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _reporter(verb: Token) -> Token | None:
    """For a pronoun subject inside reported speech ("Iraq said it would ..."), the reporting subject."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "ccomp" or tok.head.i == tok.i:
            return None
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj
    return None


def _resolve_pronoun(subj: Token, verb: Token) -> Token:
    if subj.lower_ in RELATIVES and subj.head.dep_ == "relcl":
        return subj.head.head
    if subj.lower_ in PRONOUNS:
        return _reporter(verb) or subj
    return subj


def _nominal_actor(noun: Token) -> Token | None:
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") and c.i < noun.i:
            return c
    return None


def actor_heads(doc: Doc, trig: Trigger) -> Token | None:
    head = doc[trig.head]
    if trig.nominal:
        return _nominal_actor(head)
    if _passive(head):
        return agent_of(head)
    found = _subject(head)
    if found is None:
        return None
    return _resolve_pronoun(*found)


def _owner(noun: Token) -> Token | None:
    """Whose proposal or demand a noun is: its possessor, "by"/"from" phrase or nationality adjective."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            p = next((p for p in c.children if p.dep_ == "pobj"), None)
            if p is not None and is_agentive(p):
                return p
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.i < noun.i and (c.ent_type_ in ("NORP", "GPE", "ORG")
                                                                 or c.pos_ == "PROPN"):
            return c
    return None


def _names_place(tok: Token) -> bool:
    """ "Russia's Kursk oblast", "the Bosnian town of Gorazde": a phrase that names a place or people."""
    return any(t.ent_type_ in ("GPE", "LOC", "NORP", "ORG", "FAC") for t in tok.subtree)


def _prep_objects(head: Token, preps: tuple[str, ...]) -> Token | None:
    for word in preps:
        for c in head.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == word:
                for p in c.children:
                    if p.dep_ == "pobj" and p.ent_type_ not in NOT_ROLES and (is_agentive(p) or _names_place(p)):
                        return p
    return None


def _clausal_target(verb: Token) -> Token | None:
    """ "demanded that Iraq withdraw", "urged X to": the subject of the complement clause."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if subj is not None and is_agentive(subj) and subj.lower_ not in PRONOUNS:
                return subj
    return None


def recipient_head(doc: Doc, trig: Trigger, actor: Token | None) -> Token | None:
    head = doc[trig.head]
    kind = trig.sense.type
    if trig.nominal:
        return _prep_objects(head, ("into", "against", "on", "at", "of", "with", "to"))
    if _passive(head):
        subj = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if subj is not None and is_agentive(subj):
            return subj
    dative = next((c for c in head.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
    if dative is not None:
        return dative
    obj = direct_object(head) if not _passive(head) else None
    if trig.noun is not None:
        noun = doc[trig.noun]
        found = _prep_objects(noun, ("against", "with", "on", "into", "to", "between", "of"))
        if found is not None:
            return found
    if obj is not None and kind == "AID" and (obj.pos_ == "PROPN" or obj.ent_type_ in ("GPE", "ORG", "NORP") or (
            head.lemma_.lower() in HELP_VERBS and is_agentive(obj))):
        return obj  # "arming Russia", "evacuated the wounded"
    if obj is not None and obj.i != trig.noun and kind not in ("AID",):
        if is_agentive(obj) and obj.lemma_.lower() not in PROPOSALS:
            return obj
        if kind in FORCEFUL and (_names_place(obj) or obj.lemma_.lower() in TARGETS):
            return obj  # "shelled the border town of Ostrava"
        if obj.lemma_.lower() in PROPOSALS or obj.lemma_.lower() in triggers()["noun"]:
            owner = _owner(obj)
            if owner is not None:
                return owner
        found = _prep_objects(obj, ("to", "for", "with", "against", "on"))
        if found is not None:
            return found
    found = _prep_objects(head, PREPS_BY_TYPE.get(kind, RECIPIENT_PREPS))
    if found is not None:
        return found
    if obj is not None and kind == "AID":
        found = _prep_objects(obj, ("to", "for"))
        if found is not None:
            return found
    if kind in ("REQUEST", "ACCUSE", "THREATEN", "REJECT"):
        found = _clausal_target(head)
        if found is not None:
            return found
    return _deeper_target(head)


MOTION = {"leave", "enter", "reach", "cross", "flee", "exit", "return"}  # their object is a place passed


def _deeper_target(head: Token) -> Token | None:
    """A target one step further in: the owner of the object ("denounced Serbia's crackdown"), the object's
    "from"/"for" phrase ("demanded autonomy from the authorities"), or the object or prepositional phrase of
    the action it leads to ("agreed to provide aid for Romania", "willing to help defend Saudi Arabia")."""
    obj = direct_object(head)
    if obj is not None:
        owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON" and is_agentive(c)), None)
        found = owner or _prep_objects(obj, ("from", "for", "to", "against"))
        if found is not None:
            return found
    verb = head
    for _ in range(3):  # willing -> send -> help -> defend
        verb = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if verb is None:
            return None
        obj = direct_object(verb)
        if obj is not None and verb.lemma_.lower() not in MOTION and (is_agentive(obj) or _names_place(obj)):
            return obj
        found = _prep_objects(verb, ("to", "for", "from", "against", "with"))
        if found is None and obj is not None:
            found = _prep_objects(obj, ("to", "for", "from"))
        if found is not None:
            return found
    return None


def motion_head(doc: Doc, trig: Trigger) -> Token | None:
    """ "traveled to Kyiv to meet X": the journey verb carries the meeting."""
    head = doc[trig.head]
    if trig.sense.type == "CONSULT" and head.dep_ in ("advcl", "xcomp") and head.head.lemma_.lower() in MOTION_VERBS:
        return head.head
    return None
