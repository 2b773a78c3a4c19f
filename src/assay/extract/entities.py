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
from assay.extract.quotes import Quotation
from assay.records import Entity, Span

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
GROUP = {"they", "them", "it", "its", "their", "we", "us", "our"}
RELATIVE = {"who", "which", "that", "whom"}
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}
ANONYMOUS = re.compile(r"anonymity|anonymously|unnamed|unidentified|not authori[sz]ed to|"
                       r"declined to be (?:named|identified)|familiar with|on background", re.I)
ORG_LABELS = {"ORG", "GPE", "NORP", "FAC", "LOC"}


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
    mentions: set[tuple[int, int]] = field(default_factory=set)


def _surname(tokens: list[Token]) -> str | None:
    words = [t.lower_ for t in tokens if t.is_alpha and t.lower_ not in HONORIFICS]
    return words[-1] if words else None


class SourceResolver:
    """Per-article registry of source entities, built from named entities and claim sources."""

    def __init__(self, doc: Doc, quotes: list[Quotation]) -> None:
        self.doc = doc
        self.quotes = quotes
        self.ents: dict[str, _Ent] = {}
        self.by_surname: dict[str, _Ent] = {}
        self.persons: list[tuple[int, _Ent]] = []  # (token index of mention end, person), outside quotes
        self.groups: list[tuple[int, _Ent]] = []  # earlier non-person sources and organisations
        self._index_people()

    # ------------------------------------------------------------- registry

    def _quoted(self, start_char: int) -> bool:
        return any(q.start < start_char < q.end for q in self.quotes)

    def _entity(self, name: str, type_: str) -> _Ent:
        eid = f"{'person' if type_ == 'person' else 'org'}:{slug(name)}"
        return self.ents.setdefault(eid, _Ent(eid, name, type_))

    def _index_people(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                if ent.label_ in ORG_LABELS and not self._quoted(ent.start_char):
                    self.groups.append((ent.end, self._entity(ent.text, "org")))
                continue
            key = _surname(list(ent))
            if key is None:
                continue
            person = self.by_surname.get(key)
            if person is None:
                person = self._entity(ent.text, "person")
                self.by_surname[key] = person
            elif len(ent.text) > len(person.name):
                person.name = ent.text
            person.mentions.add((ent.start_char, ent.end_char))
            prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in HONORIFICS:
                person.gender = person.gender or HONORIFICS[prev]
            if not self._quoted(ent.start_char):
                self.persons.append((ent.end, person))

    # ------------------------------------------------------------- resolution

    def _nearest(self, items: list[tuple[int, _Ent]], before: int, gender: str | None) -> _Ent | None:
        for end, ent in reversed(items):
            if end <= before and (gender is None or ent.gender in (None, gender)):
                return ent
        return None

    def _pronoun(self, tok: Token) -> tuple[_Ent | None, str]:
        word = tok.lower_
        if word in MALE or word in FEMALE:
            gender = "m" if word in MALE else "f"
            person = self._nearest(self.persons, tok.i, gender)
            if person is not None and person.gender is None:
                person.gender = gender
            return person, "person"
        if word in ("i", "me", "we", "us"):
            return None, "person"
        group = self._nearest(self.groups, tok.i, None)
        return group, group.kind if group is not None else "unnamed_group"

    def _kind_of_tokens(self, tokens: list[Token]) -> str:
        kinds = source_kinds()
        order = {k: i for i, k in enumerate(kinds)}
        best = None
        for t in tokens:
            for key in (t.lower_, t.lemma_.lower()):
                if key in kinds and (best is None or order[key] < order[best]):
                    best = key
        return kinds[best] if best else "unnamed_group"

    def _named(self, tokens: list[Token], head: Token) -> tuple[_Ent | None, str]:
        ents = [e for e in self.doc.ents if e.start < tokens[-1].i + 1 and tokens[0].i < e.end]
        people = [e for e in ents if e.label_ == "PERSON"]
        if people:
            key = _surname(list(people[0]))
            person = self.by_surname.get(key) if key else None
            return person or self._entity(people[0].text, "person"), "person"
        kind = self._kind_of_tokens(tokens)
        orgs = [e for e in ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end]
        if orgs:
            if kind in ("unnamed_group", "anonymous"):
                kind = "media" if "times" in orgs[0].text.lower() else "official_body"
            ent = self._entity(orgs[0].text, "org")
            ent.kind = kind
            return ent, kind
        words = [t.text for t in tokens if t.dep_ not in ("det", "punct") and not t.is_space]
        name = " ".join(words) if words else head.text
        if kind == "anonymous":
            return None, kind
        ent = self._entity(name, "org")
        ent.kind = kind
        return ent, kind

    def resolve(self, head_i: int | None, source: tuple[int, int] | None) -> Resolved:
        """The entity and source kind for a source whose head token is head_i."""
        if head_i is None or source is None:
            return Resolved(None, "unattributed")
        head = self.doc[head_i]
        span = self.doc.char_span(source[0], source[1], alignment_mode="expand")
        tokens = list(span) if span is not None and len(span) else [head]
        if ANONYMOUS.search(head.sent.text):
            ent, kind = None, "anonymous"
        elif head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            noun = head.head.head
            ent, kind = self._named(list(self.doc[group_span(noun)]), noun)
        elif head.pos_ == "PRON" and len(tokens) <= 2:
            ent, kind = self._pronoun(head)
        else:
            ent, kind = self._named(tokens, head)
        if ent is None:
            return Resolved(None, kind)
        ent.mentions.add(source)
        if ent.type != "person":
            self.groups.append((head_i + 1, ent))
        return Resolved(ent.id, kind)

    def entities(self) -> list[Entity]:
        text = self.doc.text
        out = []
        for e in self.ents.values():
            if not e.mentions:
                continue
            mentions = tuple(Span.of(text, s, t) for s, t in sorted(e.mentions))
            out.append(Entity(id=e.id, name=e.name, type=e.type, mentions=mentions))
        return out


def group_span(tok: Token) -> slice:
    """The noun phrase of a token: its subtree."""
    return slice(tok.left_edge.i, tok.right_edge.i + 1)
