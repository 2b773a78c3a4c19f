"""Resolve claim sources inside one article: pronouns, short forms and descriptions.

"he said" goes to the nearest earlier person outside quotation marks whose
gender (from "Mr."/"Ms." or earlier pronouns) does not clash; "Mr. Yang" goes to
the person introduced as "Yang Uk"; "it"/"they" go to the nearest earlier
non-person source or organisation; "who" to the noun its clause modifies.
Cross-article resolution is a corpus-level job, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from assay.extract.lexicon import source_kinds
from assay.extract.parse import is_cue_verb
from assay.extract.quotes import Quotation
from assay.records import Entity, Span
from assay.resolve.reference import Reference

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
GROUP = {"they", "them", "it", "its", "their", "we", "us", "our"}
PLURAL = GROUP - {"it", "its"}
RELATIVE = {"who", "which", "that", "whom"}
# roles that say a person's gender ("Ilene Wolff, a spokeswoman for the hospital"), for pronouns
GENDERED_ROLES = {**dict.fromkeys(("spokeswoman", "chairwoman", "congresswoman", "businesswoman", "actress",
                                   "mother", "wife", "daughter", "sister", "woman", "girl", "queen", "princess",
                                   "grandmother", "policewoman"), "f"),
                  **dict.fromkeys(("spokesman", "chairman", "congressman", "businessman", "father", "husband",
                                   "son", "brother", "man", "boy", "king", "prince", "grandfather",
                                   "policeman"), "m")}
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}
ANONYMOUS = re.compile(r"anonymity|anonymously|unnamed|unidentified|not authori[sz]ed to|"
                       r"(?:declined|asked|requested|wished) not to be (?:named|identified)|"
                       r"declined to be (?:named|identified)|"
                       r"familiar with|on background", re.I)
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}
COLLECTIVE = {"police", "army", "military", "government", "family", "staff", "crew", "public"}
TITLES = {"colonel", "col.", "general", "gen.", "president", "minister", "mayor", "governor", "senator",
          "sen.", "rep.", "gov.", "commander", "captain", "capt.", "major", "maj.", "lieutenant", "lt.",
          "sergeant", "sgt.", "dr.", "dr", "prof.", "professor", "judge", "ambassador", "spokesman",
          "spokeswoman", "secretary", "chancellor", "premier", "admiral", "adm.", "envoy", "chief"}
# singular heads that name a body, not a person, so "he"/"she" cannot point at them
BODY_NOUNS = {"agency", "ministry", "government", "embassy", "office", "department", "administration",
              "council", "parliament", "committee", "state", "kremlin", "police", "authority", "army",
              "military", "command", "force", "navy", "newspaper", "institute", "university", "report",
              "outlet", "broadcaster", "television", "channel", "group", "party", "campaign", "company",
              "organization", "organisation", "service", "court", "board", "team", "union", "bank",
              "hospital", "firm", "movement", "coalition", "alliance", "regime", "country", "city", "town"}
DESCRIBING = ("det", "amod", "compound")  # what "the official who uses one name" keeps for matching
PLACE_PREPS = {"in", "into", "from", "to", "inside", "across", "near"}


def _phrase_name(tokens: list[Token]) -> str:
    """The phrase as written, without a leading determiner or edge punctuation."""
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


NAMING_WORDS = {"name", "call", "know", "identify", "nickname", "dub"}  # "gave his name as", "known as"


def _names_source(clause: Token) -> bool:
    """A clause that gives a name: "who gave only his field name, Falk" (not "who asked not to be named")."""
    words = list(clause.subtree)
    return any(w.lemma_.lower() in NAMING_WORDS for w in words) and any(w.pos_ == "PROPN" for w in words)


def _core(tokens: list[Token], head: Token) -> list[Token]:
    """The name without what describes it after a comma: "Doctors Without Borders, which runs a clinic" ->
    Doctors Without Borders, "the officer, who asked not to be named," -> the officer. A clause that names
    the source stays ("the commander, who gave only his field name, Falk")."""
    doc = head.doc
    cut = {i for t in tokens for c in t.children if c.dep_ in ("relcl", "acl", "appos") and c.i > t.i
           and any(p.text == "," for p in doc[t.i + 1:c.left_edge.i + 1])
           and not _names_source(c)
           and not (c.dep_ == "appos" and c.pos_ == "PROPN")  # "..., Falk": the name itself
           for i in range(c.left_edge.i, c.right_edge.i + 1)}
    return [t for t in tokens if t.i not in cut] if cut else tokens


def _titles_of(first: Token, root: Token) -> set[str]:
    """Title words just before a name ("Ostrevian President Lenart Voss") and the role its apposition
    gives ("Matvei Orlan, a spokesman for the ministry", "Ema Suryani, a doctor at the clinic")."""
    doc = first.doc
    before = {doc[i].lower_ for i in range(max(0, first.i - 3), first.i)}
    return (before & TITLES) | {role.lower_ for role in _person_roles(root)}


def _person_roles(name: Token) -> list[Token]:
    """Appositions that say a name is a person by its role ("Fauzi, an official from the agency"), not a
    body ("Gordon Advisors, an accounting firm") or a thing."""
    kinds = source_kinds()
    return [c for c in name.children if c.dep_ == "appos" and c.tag_ == "NN"
            and c.lemma_.lower() not in BODY_NOUNS and kinds.get(c.lemma_.lower()) not in ("artifact", "media")]


def _of_whom(tok: Token) -> bool:
    """ "all of whom", "most of which": a share of the noun a relative clause describes."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in c.children)
               for c in tok.children)


def _names_a_thing(tok: Token) -> bool:
    """ "the Bush administration", "the Obama era": a name modifying a common noun is no one a pronoun
    can stand for."""
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN"


def _is_subject(tok: Token) -> bool:
    """A name in subject position, directly or as part of the subject ("X, a spokesman, said")."""
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.dep_ not in ("appos", "compound", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass
class Resolved:
    entity_id: str | None
    kind: str


@dataclass
class _Ent:
    id: str
    name: str
    type: str
    kind: str = "official_body"
    gender: str | None = None
    titles: set[str] = field(default_factory=set)  # "president", "spokesman": for "the president said"
    mentions: set[tuple[int, int]] = field(default_factory=set)
    written: set[str] = field(default_factory=set)  # names as written: "the agency" finds "NIS" via "spy agency"
    country: str | None = None
    listed: bool = False  # an actor-table row: its id, name, type and country are the table's
    table_kind: str = "official_body"


class SourceResolver:
    """Per-article registry of source entities, built from named entities and claim sources."""

    def __init__(self, doc: Doc, quotes: list[Quotation], ref: Reference) -> None:
        self.doc = doc
        self.ref = ref
        self.quotes = quotes
        self.ents: dict[str, _Ent] = {}
        self.by_surname: dict[str, _Ent] = {}
        # (token index of mention end, entity, preferred) for mentions outside quotes; a person is
        # preferred as subject or source, a group when singular (for "it")
        self.persons: list[tuple[int, _Ent, bool]] = []
        self.groups: list[tuple[int, _Ent, bool]] = []
        self._index_people()

    # ------------------------------------------------------------- registry

    def _quoted(self, start_char: int) -> bool:
        return any(q.start < start_char < q.end for q in self.quotes)

    def _entity(self, name: str, type_: str, country: str | None = None) -> _Ent:
        # "the NIS", "Seoul's spy agency" -> org:kr-nis (resolve/actors.py, data/actors.tsv)
        row = self.ref.actors.canonical(name, type_, country or self.ref.countries.country_in(name))
        eid = row.id if row else f"{type_}:{slug(name)}"
        ent = self.ents.get(eid)
        if ent is None:
            ent = self.ents[eid] = _Ent(eid, row.name, row.type, country=row.country, listed=True,
                                        table_kind=row.kind) if row else _Ent(eid, name, type_)
        ent.written.add(name)
        return ent

    def _place_words(self) -> set[str]:
        """Words used as places or groups somewhere in the article ("in Veldra", "Veldra's army"); not a word
        of a full personal name the article gives ("Pickell said" after "Robert Pickell", tagged ORG)."""
        named = {t.lower_ for e in self.doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        words = {e.text.lower() for e in self.doc.ents if e.label_ in ORG_LABELS}
        words |= {t.lower_ for t in self.doc if t.pos_ == "PROPN" and t.head.lower_ in PLACE_PREPS
                  and t.dep_ == "pobj"}
        return words - named

    def _looks_like_person(self, ent) -> bool:
        """Named-entity PERSON labels on unknown country names and demonyms are common; drop those."""
        if len(ent) > 1:
            return True
        tok = ent.root
        if tok.dep_ == "amod" or (tok.dep_ == "compound" and tok.head.tag_ == "NNS"):
            return False
        return tok.lower_ not in self.place_words

    def _titled_names(self) -> list[list[Token]]:
        """Names the tagger missed but a title announces ("Colonel Ivo Brant")."""
        covered = {t.i for e in self.doc.ents for t in e}
        names, run = [], []
        for tok in self.doc:
            if tok.pos_ == "PROPN" and tok.i not in covered and tok.lower_ not in TITLES and tok.is_title:
                run.append(tok)
                continue
            if run and run[0].i > 0 and self.doc[run[0].i - 1].lower_ in TITLES | set(HONORIFICS):
                names.append(run)
            run = []
        return names

    def _index_people(self) -> None:
        self.place_words = self._place_words()
        for name in self._titled_names():
            person = self._person(name)
            if person is not None:
                person.titles |= _titles_of(name[0], name[-1])
            if person is not None and not self._quoted(name[0].idx):
                person.mentions.add((name[0].idx, name[-1].idx + len(name[-1])))
                self.persons.append((name[-1].i + 1, person, _is_subject(name[-1])))
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and not self._looks_like_person(ent):
                continue
            if ent.label_ != "PERSON":
                if ent.label_ in ORG_LABELS and not self._quoted(ent.start_char):
                    self.groups.append((ent.end, self._entity(ent.text, "org"), ent.root.tag_ != "NNPS"))
                continue
            person = self._person(list(ent))
            if person is None:
                continue
            person.mentions.add((ent.start_char, ent.end_char))
            person.titles |= _titles_of(ent[0], ent.root)
            prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in HONORIFICS:
                person.gender = person.gender or HONORIFICS[prev]
            person.gender = person.gender or next((GENDERED_ROLES[t] for t in sorted(person.titles)
                                                   if t in GENDERED_ROLES), None)
            if not self._quoted(ent.start_char) and not _names_a_thing(ent.root):
                self.persons.append((ent.end, person, _is_subject(ent.root)))
        self._index_plural_subjects()

    def _index_plural_subjects(self) -> None:
        """Groups named by a plural subject ("Police issued an appeal ... They described the man as
        dangerous"): candidates for a later "they", after the named organisations of the same place."""
        for tok in self.doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and not self._quoted(tok.idx) \
                    and (tok.tag_ == "NNS" or tok.lemma_.lower() in COLLECTIVE):
                tokens = _core(list(self.doc[group_span(tok)]), tok)
                ent = self._entity(_phrase_name(tokens) or tok.text, "org")
                ent.kind = self._kind_of_tokens(tokens)
                self.groups.append((tok.i + 1, ent, False))

    def _person(self, tokens: list[Token]) -> _Ent | None:
        """The person a name refers to: "Mr. Yang" and "Yang" find "Yang Uk" by any name word."""
        words = [t.lower_ for t in tokens if t.is_alpha and t.lower_ not in HONORIFICS]
        if not words:
            return None
        person = next((self.by_surname[w] for w in reversed(words) if w in self.by_surname), None)
        name = " ".join(t.text for t in tokens if t.lower_ not in HONORIFICS)
        if person is None:
            person = self._entity(name, "person")
            person.kind = "person"
        elif len(name) > len(person.name) and not person.listed:
            person.name = name
        for w in words:
            self.by_surname.setdefault(w, person)
        return person

    # ------------------------------------------------------------- resolution

    @staticmethod
    def _nearest(items: list[tuple[int, _Ent, bool]], before: int, gender: str | None = None,
                 preferred_only: bool = False) -> _Ent | None:
        """The nearest earlier entity; preferred mentions first, then any."""
        for only_preferred in (True, False) if not preferred_only else (True,):
            for end, ent, preferred in sorted(items, key=lambda x: x[0], reverse=True):
                if end <= before and (preferred or not only_preferred) \
                        and (gender is None or ent.gender in (None, gender)):
                    return ent
        return None

    def _reporter(self, tok: Token) -> _Ent | None:
        """ "French officials said ... and that they expected ...": a pronoun inside what a source says is
        that source, when the number agrees (a singular "it" is not "officials")."""
        word = tok.lower_
        for verb in list(tok.ancestors)[1:6]:
            if not is_cue_verb(verb):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < tok.i), None)
            if subj is None or subj.pos_ == "PRON":
                return None
            plural = subj.tag_ in ("NNS", "NNPS")
            if (word in PLURAL) != plural:
                return None
            return next((ent for end, ent, _ in self.groups if end == subj.i + 1), None)
        return None

    def _pronoun(self, tok: Token) -> tuple[_Ent | None, str]:
        word = tok.lower_
        if word in GROUP and (reporter := self._reporter(tok)) is not None:
            return reporter, reporter.kind
        if word in MALE or word in FEMALE:
            gender = "m" if word in MALE else "f"
            person = self._nearest(self.persons, tok.i, gender)
            if person is not None and person.gender is None:
                person.gender = gender
            return person, person.kind if person is not None else "person"
        if word in ("i", "me", "we", "us"):
            return None, "person"
        if word in PLURAL:  # "they": the nearest plural group, else any
            plural = [(end, ent, not preferred) for end, ent, preferred in self.groups]
            group = self._nearest(plural, tok.i)
            return group, group.kind if group is not None else "unnamed_group"
        group = self._nearest(self.groups, tok.i, preferred_only=word in ("it", "its"))
        return group, group.kind if group is not None else "unnamed_group"

    def _kind_of_tokens(self, tokens: list[Token]) -> str:
        kinds = source_kinds()
        order = {k: i for i, k in enumerate(kinds)}
        best = None
        for t in tokens:
            for key in (t.lower_, t.lemma_.lower()):
                if key in kinds and (best is None or order[key] < order[best]):
                    best = key
        if best:
            return kinds[best]
        return "official_body" if tokens and tokens[-1].pos_ == "PROPN" else "unnamed_group"

    def _named(self, tokens: list[Token], head: Token) -> tuple[_Ent | None, str]:
        ents = [e for e in self.doc.ents if e.start < tokens[-1].i + 1 and tokens[0].i < e.end]
        appositions = {c.i for c in head.children if c.dep_ == "appos"}
        people = [e for e in ents if e.label_ == "PERSON" and self._looks_like_person(e)
                  and (e.start <= head.i < e.end or e.root.i in appositions)]
        if people:  # "Matvei Orlan, a spokesman", "a spokesman, Matvei Orlan"; not "a spokesman for Orlan"
            return self._person(list(people[0])), "person"
        name_words = [t for t in tokens if t.i == head.i or (t.head.i == head.i and t.dep_ == "compound")]
        known = self._known_person(name_words) if head.pos_ == "PROPN" else None  # not "the Obama administration"
        if known is not None:
            return known, "person"
        if head.pos_ == "PROPN" and _person_roles(head):  # a name the tagger missed, with its role
            name = [t for t in tokens if t.i <= head.i and t.dep_ != "det"]
            person = self._person(name)
            if person is not None:
                person.titles |= _titles_of(name[0], head)
                return person, "person"
        kind = self._kind_of_tokens(tokens)
        orgs = [e for e in ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end]
        if orgs:
            if kind in ("unnamed_group", "anonymous"):
                kind = "media" if "times" in orgs[0].text.lower() else "official_body"
            # the phrase's country qualifies a generic name: "Russia's Defence Ministry" -> org:ru-mod
            ent = self._entity(orgs[0].text, "org", self.ref.countries.country_in(_phrase_name(tokens)))
            if ent.listed and kind == "official_body":  # "the NIS said": the table knows it is intelligence
                kind = ent.table_kind
            ent.kind = kind
            return ent, kind
        name = _phrase_name(_core(tokens, head)) or head.text
        earlier = self._described(tokens, head)
        if earlier is not None and kind != "anonymous":
            return earlier, earlier.kind
        is_person = head.tag_ == "NN" and head.lemma_.lower() not in BODY_NOUNS and kind not in ("artifact", "media")
        ent = self._entity(name, "person" if is_person else "org")
        ent.kind = kind
        if is_person:  # "a US official involved in the talks" is "the official" later on
            ent.titles.add(head.lower_)
        return ent, kind

    def _known_person(self, tokens: list[Token]) -> _Ent | None:
        """A capitalised word naming a person met earlier ("Voss told" after "Lenart Voss")."""
        for t in tokens:
            if t.pos_ == "PROPN" and t.lower_ in self.by_surname and t.lower_ not in self.place_words:
                return self.by_surname[t.lower_]
        return None

    def _described(self, tokens: list[Token], head: Token) -> _Ent | None:
        """"the agency" after "the Defence Intelligence Agency": the latest group named with that word;
        "the president" after "President Lenart Voss" and "the official who uses one name" after "Fauzi, an
        official": the latest person with that title or role."""
        if not any(t.lower_ == "the" for t in tokens) or head.pos_ not in ("NOUN", "PROPN"):
            return None
        described = [t for t in tokens if t.i == head.i or (t.head.i == head.i and t.dep_ in DESCRIBING)]
        person = self._titled(head) if len(described) <= 3 else None
        if person is not None or len(tokens) > 3:
            return person
        words = {t.lower_ for t in tokens if t.dep_ != "det" and not t.is_punct}
        for end, ent, _ in sorted(self.groups, key=lambda x: x[0], reverse=True):
            if end <= head.i and ent.type != "person" \
                    and any(words <= set(n.lower().split()) for n in ent.written | {ent.name}):
                return ent
        return None

    def _titled(self, head: Token) -> _Ent | None:
        for end, person, _ in sorted(self.persons, key=lambda x: x[0], reverse=True):
            if end <= head.i and head.lower_ in person.titles:
                return person
        return None

    def resolve(self, head_i: int | None, source: tuple[int, int] | None) -> Resolved:
        """The entity and source kind for a source whose head token is head_i."""
        if head_i is None or source is None:
            return Resolved(None, "unattributed")
        head = self.doc[head_i]
        span = self.doc.char_span(source[0], source[1], alignment_mode="expand")
        tokens = list(span) if span is not None and len(span) else [head]
        if (head.lower_ in RELATIVE or _of_whom(head)) and head.head.dep_ == "relcl":
            noun = head.head.head  # "aid workers, all of whom said": the workers
            ent, kind = self._named(list(self.doc[group_span(noun)]), noun)
        elif head.pos_ == "PRON" and len(tokens) <= 2:
            ent, kind = self._pronoun(head)
        else:
            ent, kind = self._named(tokens, head)
        if ANONYMOUS.search(head.sent.text) and kind != "person":
            kind = "anonymous"
        if ent is None:
            return Resolved(None, kind)
        if kind == "anonymous":  # "the official" later is still the one who asked not to be named
            ent.kind = kind
        ent.mentions.add(source)
        if ent.type == "person":
            self.persons.append((head_i + 1, ent, True))
        else:
            self.groups.append((head_i + 1, ent, head.tag_ not in ("NNS", "NNPS")))
        return Resolved(ent.id, kind)

    def entities(self) -> list[Entity]:
        text = self.doc.text
        out = []
        for e in self.ents.values():
            if not e.mentions:
                continue
            mentions = tuple(Span.of(text, s, t) for s, t in sorted(e.mentions))
            country = e.country if e.listed else _affiliation(self.ref, e.name, mentions)
            out.append(Entity(id=e.id, name=e.name, type=e.type, country=country, mentions=mentions))
        return out


def _affiliation(ref: Reference, name: str, mentions: tuple[Span, ...]) -> str | None:
    """The country the name or a mention names ("South Korea's spy agency" -> KR), else None."""
    for words in (name, *(m.text for m in mentions)):
        if (iso := ref.countries.country_in(words)) is not None:
            return iso
    return None


def group_span(tok: Token) -> slice:
    """The noun phrase of a token: its subtree."""
    return slice(tok.left_edge.i, tok.right_edge.i + 1)
