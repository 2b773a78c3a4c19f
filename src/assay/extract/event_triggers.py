"""Find PLOVER event triggers on the parse: one lemma lookup per token, dependency walks only at hits.

A trigger is a verb ("condemned"), a verb with its particle or preposition ("called on", "pulled out"),
a verb with its object ("imposed a curfew", "restored ties"), or an event noun carried by a light verb
("staged a hunger strike") or naming its own actor ("Ukraine's incursion").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from assay.extract.event_lexicon import Sense, mode_words, triggers, verb_lemmas

# verbs that lend their clause to an event noun ("held talks", "launched an offensive")
LIGHT_VERBS = {"hold", "stage", "launch", "conduct", "begin", "start", "continue", "carry", "mount", "wage",
               "impose", "reimpose", "lodge", "file", "issue", "declare", "reach", "make", "take", "engage",
               "resort", "give", "extend", "complete", "renew", "resume", "initiate", "join", "organize",
               "organise", "lead", "have", "open", "order", "announce", "end", "pursue", "step",
               "intensify", "escalate", "sign", "seal", "conclude", "finalize", "enter", "put", "speed",
               "accelerate", "tighten", "host", "call"}
# nouns that stand for the event in their "of" phrase or compound ("a wave of arrests", "mediation effort")
GENERIC_HEADS = {"state", "wave", "series", "round", "campaign", "effort", "bid", "operation", "act", "mission",
                 "team", "group", "delegation", "process", "plan", "drive", "spate", "string", "number", "day",
                 "week", "hour", "month", "night", "kind", "form"}
# what a reporting or refusal verb takes when it only declines to speak ("declined to comment")
SPEECH_XCOMPS = {"comment", "say", "elaborate", "confirm", "speculate", "answer", "discuss",
                 "disclose", "specify", "identify", "name", "detail", "give", "provide", "reveal"}
# nouns for people and bodies that can be acted upon as persons ("released prisoners", "met officials")
HUMAN_NOUNS = {"prisoner", "hostage", "detainee", "captive", "civilian", "people", "person", "soldier", "troop",
               "activist", "journalist", "worker", "student", "refugee", "immigrant", "migrant", "protester",
               "demonstrator", "official", "leader", "member", "national", "citizen", "child", "woman", "man",
               "youth", "villager", "resident", "dissident", "opponent", "suspect", "ambassador", "envoy",
               "diplomat", "minister", "president", "delegation", "delegate", "counterpart", "representative",
               "government", "authority", "rebel", "militant", "guerrilla", "fighter", "police", "force",
               "army", "party", "group", "crew", "sailor", "fisherman", "inmate", "convict", "alien", "staff",
               "leadership", "administration", "regime", "opposition", "candidate", "politician", "chief",
               "wounded", "injured", "serviceman", "servicemen", "victim", "family", "survivor", "state",
               "country", "nation", "ally", "neighbour", "neighbor", "partner", "council", "ministry", "agency",
               "court", "committee", "coalition", "alliance", "union", "lawmaker", "commander", "general"}
FORCES = {"troop", "soldier", "force", "army", "reservist", "reserve", "unit", "police", "militia", "ship",
          "warship", "tank", "division", "brigade", "battalion", "fighter", "guard", "navy", "missile", "jet"}
DIPLOMATS = {"ambassador", "envoy", "diplomat", "attache", "consul", "chargé", "charge"}
OBSTRUCTED = {"road", "street", "bridge", "highway", "railway", "entrance", "route", "traffic", "port",
              "access", "crossing", "border", "motorway", "junction", "line"}
WEAPON_OBJECTS = {"shot", "shell", "rocket", "missile", "round", "bullet", "gun", "bomb", "mortar", "grenade",
                  "salvo", "volley", "artillery", "shell-bomb", "weapon", "gas"}
SPORTS = {"match", "tournament", "championship", "league", "cup", "goal", "coach", "olympic", "olympics",
          "medal", "scored", "score", "championships", "baseball", "football", "soccer", "golf", "tennis",
          "volleyball", "basketball", "cricket", "rugby", "semifinal", "final", "inning", "striker"}


REPORTING = {"say", "declare", "reiterate", "insist", "state", "tell", "stress", "add", "announce", "write"}
OBLIGATION = {"must", "should"}


@dataclass(frozen=True)
class Trigger:
    """An event's words on the parse: its head token, the token range to report, and what it means."""

    head: int  # the token whose clause the event lives in (the verb, or the noun when standalone)
    start: int
    end: int
    sense: Sense
    nominal: bool = False  # a standalone event noun ("Ukraine's incursion")
    noun: int | None = None  # the event noun a light verb carries


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def direct_object(verb: Token) -> Token | None:
    objs = _children(verb, "dobj", "obj")
    if not objs:
        objs = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return objs[0] if objs else None


def is_agentive(tok: Token) -> bool:
    """A person, body or place that can act or be acted upon ("officials", "Russia", "the ambassador")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON" and tok.lower_ not in ("it", "this", "that", "what", "which"):
        return True
    return tok.lemma_.lower() in HUMAN_NOUNS or tok.lower_ in HUMAN_NOUNS


def _noun_keys(noun: Token) -> list[str]:
    """Lexicon keys for an object noun: "hunger strike", "strike", then a compound or "of" phrase it stands for."""
    lemma = noun.lemma_.lower()
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    keys = [f"{m.lemma_.lower()} {lemma}" for m in mods] + [lemma]
    if lemma in GENERIC_HEADS:
        keys += [m.lemma_.lower() for m in mods if m.pos_ in ("NOUN", "PROPN")]
        for prep in _children(noun, "prep"):
            if prep.lower_ == "of":
                keys += [w for p in _children(prep, "pobj") for w in _noun_keys(p)]
    return keys


def _noun_sense(noun: Token) -> tuple[str, Sense] | None:
    nouns = triggers()["noun"]
    for key in _noun_keys(noun):
        if key in nouns:
            return key, nouns[key]
    return None


def _span_to(verb: Token, other: Token) -> tuple[int, int]:
    return min(verb.i, other.i), max(verb.i, other.i) + 1


def _object_trigger(verb: Token, lemma: str) -> Trigger | None:
    """Verb + object combinations ("imposed a curfew", "restored ties") and light verbs with event nouns."""
    obj = direct_object(verb)
    if obj is None:
        return None
    combos = triggers()["obj"]
    for key in _noun_keys(obj):
        sense = combos.get(f"{lemma} {key.split()[-1]}")
        if sense:
            return Trigger(verb.i, *_span_to(verb, obj), sense)
    if lemma in LIGHT_VERBS and obj.dep_ != "nsubjpass":
        found = _noun_sense(obj)
        if found:
            return Trigger(verb.i, *_span_to(verb, obj), found[1], noun=obj.i)
    return None


def _particle_trigger(verb: Token, lemma: str) -> Trigger | None:
    """Phrasal verbs: "called off", "called on X", "went on strike", "put on alert"."""
    phrasal = triggers()["prt"]
    for c in verb.children:
        if c.dep_ not in ("prt", "prep", "advmod", "compound") or abs(c.i - verb.i) > 3:
            continue
        objs = _children(c, "pobj")
        for key in [f"{lemma} {c.lower_} {o.lemma_.lower()}" for o in objs] + [f"{lemma} {c.lower_}"]:
            if key in phrasal:
                end = max(verb.i, c.i, *(o.i for o in objs if key.count(" ") == 2)) + 1
                return Trigger(verb.i, min(verb.i, c.i), end, phrasal[key])
    # a light verb whose event noun sits in a prepositional phrase ("resorted to violence", "went on strike")
    if lemma in LIGHT_VERBS and not _children(verb, "dobj"):
        for prep in _children(verb, "prep"):
            for obj in _children(prep, "pobj"):
                found = _noun_sense(obj)
                if found and found[1].type in ("PROTEST", "ASSAULT", "COOPERATE", "ACCUSE"):
                    return Trigger(verb.i, *_span_to(verb, obj), found[1], noun=obj.i)
    return None


ASKING = {"ask", "press", "urge", "pressure", "request"}
ANONYMITY = {"name", "identify", "quote"}  # "asked not to be named" is how a source stays anonymous, not a request


def _asks_someone(verb: Token, obj: Token | None, xcomps: list[Token]) -> bool:
    """A request is made of someone or for something: not "asked a question", "pressed the button"."""
    if xcomps and xcomps[0].lemma_.lower() in ANONYMITY:
        return False
    if obj is None or obj.dep_ != "dobj" or is_agentive(obj) or xcomps:
        return True
    return any(p.lower_ == "for" for p in _children(verb, "prep"))


def _refine(verb: Token, lemma: str, sense: Sense) -> Sense | None:
    """Readings a bare verb lemma needs its frame for; None when this use is not an event."""
    obj = direct_object(verb)
    obj_lemma = obj.lemma_.lower() if obj is not None else ""
    xcomps = _children(verb, "xcomp")
    if xcomps and xcomps[0].lemma_.lower() in SPEECH_XCOMPS and sense.type == "REJECT":
        return None  # "declined to comment" says nothing
    if lemma in ("decline", "refuse", "dismiss", "oppose", "allow", "permit", "ask", "urge", "demand"):
        if obj is None and not xcomps and not _children(verb, "ccomp") and lemma not in ("refuse", "demand"):
            return None
        if lemma in ("allow", "permit") and obj is None and not xcomps and not any(
                "to" in {a.lower_ for a in _children(c, "aux")} for c in _children(verb, "ccomp")):
            return None  # "allowed that ..." concedes a point in speech only
    if lemma in ASKING and not _asks_someone(verb, obj, xcomps):
        return None
    if lemma == "warn" and not _warning_is_threat(verb):
        return None
    if lemma == "welcome" and obj is not None and not is_agentive(obj):
        return Sense("SUPPORT", None, "051")  # "welcomed the decision" approves of it
    if lemma in ("mobilize", "mobilise") and obj is not None and obj_lemma not in FORCES:
        return Sense("SUPPORT", None, "053")  # "mobilized support"
    if lemma in ("release", "free", "execute", "recall", "receive", "host") and obj is not None:
        if obj.dep_ == "dobj" and not is_agentive(obj) and obj_lemma not in HUMAN_NOUNS:
            return None
    if lemma in ("release", "free", "recall", "return", "execute") and obj is None:
        return None
    if lemma == "meet" and obj is not None and obj.dep_ == "dobj" and not is_agentive(obj):
        return None  # "meet demand", "meet the deadline"
    if lemma in ("demonstrate", "show") and (obj is not None or _children(verb, "ccomp")):
        return None  # "demonstrating that ..." shows, it does not protest
    if lemma in ("seize", "capture", "occupy") and obj is not None and _is_place(obj):
        return Sense("ASSAULT", None, "190")  # taking a town by force
    if lemma == "shoot" and not (obj is not None and is_agentive(obj)) and not any(
            p.lower_ in ("at", "on", "into", "upon") for p in _children(verb, "prep")):
        return None  # "clips shot in the Far East"
    if lemma == "fire" and obj_lemma not in WEAPON_OBJECTS and not any(
            p.lower_ in ("at", "on", "into", "upon") for p in _children(verb, "prep")):
        return None  # "fired the minister"
    if lemma in ("block", "blockade", "barricade"):
        if obj is not None and obj_lemma not in OBSTRUCTED and not is_agentive(obj):
            return Sense("REJECT", None, "120")  # "blocked the resolution"
    if lemma in ("demonstrate", "rally", "march") and obj is not None and obj.dep_ == "dobj":
        return Sense("SUPPORT", None, "053") if lemma == "rally" else None
    if lemma == "protest" and _diplomatic_subject(verb):
        return Sense("ACCUSE", "disapprove", "114")
    if lemma == "expel" and obj is not None and obj_lemma in HUMAN_NOUNS - DIPLOMATS - {"government"}:
        return Sense("COERCE", "deport", "174")
    return sense


PLACE_NOUNS = {"town", "city", "village", "territory", "region", "province", "district", "area", "base", "airport",
               "port", "border", "capital", "island", "hill", "height", "outpost", "position", "stronghold"}


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in PLACE_NOUNS


def _diplomatic_subject(verb: Token) -> bool:
    subj = _children(verb, "nsubj")
    if not subj:
        return False
    s = subj[0]
    return s.ent_type_ == "GPE" or s.lemma_.lower() in ("government", "ministry", "embassy", "minister")


def _warning_is_threat(verb: Token) -> bool:
    """ "warned X to...", "warned of/against X", "warned it would ..." threaten; "warned that a blockade would
    harm the region" is a statement about consequences."""
    if _children(verb, "xcomp", "dobj") or any(p.lower_ in ("of", "against") for p in _children(verb, "prep")):
        return True
    for comp in _children(verb, "ccomp"):
        modal = any(a.lower_ in ("will", "would", "could", "can", "'ll", "might", "shall")
                    for a in _children(comp, "aux"))
        subj = _children(comp, "nsubj")
        if modal and subj and (is_agentive(subj[0]) or subj[0].lower_ == "it"):
            return True
    return False


def _reported_demand(verb: Token) -> Trigger | None:
    """ "X said Y must ...": a demand reported as an obligation on someone else (REQUEST)."""
    for comp in _children(verb, "ccomp"):
        auxes = {a.lower_ for a in _children(comp, "aux")}
        subj = _children(comp, "nsubj")
        if auxes & OBLIGATION and not _children(comp, "neg") and subj and subj[0].lower_ not in ("we", "i", "it"):
            if is_agentive(subj[0]):
                return Trigger(verb.i, verb.i, verb.i + 1, Sense("REQUEST", None, "100"))
    return None


def verb_lemma(verb: Token) -> str | None:
    """The lexicon's lemma for a verb; the tagger's lemma, or the word less its -d/-ed/-s ("staged" once came
    back as "stag")."""
    known = verb_lemmas()
    lemma = verb.lemma_.lower()
    if lemma in known or lemma in LIGHT_VERBS or lemma in REPORTING:
        return lemma
    word = verb.lower_
    for cut in (1, 2):
        if word[-cut:] in ("d", "ed", "s") and (word[:-cut] in known or word[:-cut] in LIGHT_VERBS):
            return word[:-cut]
    return None


def _verb_trigger(verb: Token) -> Trigger | None:
    lemma = verb_lemma(verb)
    if lemma is None:
        return None
    if lemma in REPORTING:
        demand = _reported_demand(verb)
        if demand or lemma not in LIGHT_VERBS:
            return demand
    found = _particle_trigger(verb, lemma) if _children(verb, "prt") else None
    found = found or _object_trigger(verb, lemma) or _particle_trigger(verb, lemma)
    if found:
        return found
    sense = triggers()["verb"].get(lemma)
    if sense is None:
        return None
    sense = _refine(verb, lemma, sense)
    if sense is None:
        return None
    return Trigger(verb.i, verb.i, verb.i + 1, sense)


def _own_actor(noun: Token) -> bool:
    """An event noun that names who did it: "Ukraine's incursion", "an attack by rebels", "Israeli raids"."""
    for c in noun.children:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return True
        if c.dep_ == "prep" and c.lower_ == "by" and _children(c, "pobj"):
            return True
        if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE") and c.i < noun.i:
            return True
    return False


def _noun_trigger(noun: Token) -> Trigger | None:
    found = _noun_sense(noun)
    if found is None or not _own_actor(noun):
        return None
    key, sense = found
    start = noun.i - (len(key.split()) - 1) if noun.lemma_.lower() == key.split()[-1] else noun.i
    return Trigger(noun.i, max(start, 0), noun.i + 1, sense, nominal=True)


def with_mode(doc: Doc, trig: Trigger) -> Trigger:
    """A mode the words around the trigger give ("drone strike" -> drone, "sent weapons" -> military)."""
    if trig.sense.mode and trig.sense.type not in ("ASSAULT", "AID", "MOBILIZE"):
        return trig  # the lexicon already names how ("hunger strike"); instruments refine only force and aid
    table = mode_words()
    head = doc[trig.head]
    words = [doc[i] for i in range(trig.start, trig.end)]
    for c in head.children:
        if c.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "compound", "amod", "dative", "pobj", "xcomp", "agent"):
            words += list(c.subtree)[:12]
    for w in words:
        mode = table.get((trig.sense.type, w.lemma_.lower())) or table.get((trig.sense.type, w.lower_))
        if mode and mode != trig.sense.mode:
            return replace(trig, sense=Sense(trig.sense.type, mode, None))
    return trig


def _sporting(sent) -> bool:
    return any(t.lower_ in SPORTS for t in sent)


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger in the document, in order; a noun a light verb already carries is not coded twice."""
    nouns, carried = triggers()["noun"], set()
    out: list[Trigger] = []
    for tok in doc:
        if tok.pos_ == "VERB":
            trig = _verb_trigger(tok)
            if trig:
                out.append(trig)
                carried.update(range(trig.start, trig.end))
                if trig.noun is not None:
                    carried.add(trig.noun)
    for tok in doc:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in carried and tok.lemma_.lower() in nouns:
            trig = _noun_trigger(tok)
            if trig:
                out.append(trig)
    sporty: dict[int, bool] = {}
    kept = []
    for trig in sorted(out, key=lambda t: t.start):
        sent = doc[trig.head].sent
        if sent.start not in sporty:
            sporty[sent.start] = _sporting(sent)
        if sporty[sent.start] and trig.sense.type in ("ASSAULT", "REJECT", "COERCE", "THREATEN"):
            continue
        kept.append(with_mode(doc, trig))
    return kept
