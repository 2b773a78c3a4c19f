"""Entities across the store: every per-article entity mapped to one global entity.

Table rows keep their ids; other organisations join by (country, normalised name or description); people by
compatible names across articles ("Mr. Yang" joins "Yang Uk" when only one Yang is in the store; "Zelensky" ~
"Zelenskyy").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar

from assay.records import Extraction
from assay.resolve.actors import (
    HONORIFICS,
    LINKS,
    PRONOUNS,
    SUFFIXES,
    ActorRow,
    ActorTable,
    lookup_key,
    tokens,
)
from assay.serial import Record


@dataclass
class GlobalEntity(Record):
    """A source or actor across the store: the per-article entities it gathers."""

    json_omit: ClassVar[frozenset[str]] = frozenset({"articles"})  # the store keeps membership per member

    id: str
    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def row(self) -> dict[str, object]:
        """As a row of the store's sources and global_entities tables."""
        return self.to_dict()


def _translit(word: str) -> str:
    """A spelling-tolerant form of a name word: "Zelenskyy", "Zelenskiy", "Zelensky" -> "zelensk".

    Accents go, doubled letters collapse, and a final run of i/y/j (the usual transliteration wobble of
    Slavic endings) is dropped when at least three letters remain.
    """
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if c.isalnum())
    word = re.sub(r"(.)\1+", r"\1", word)
    stem = re.sub(r"[iyj]+$", "", word)
    return stem if len(stem) >= 3 else word


@lru_cache(maxsize=65536)  # pure; the corpus pass asks for each name many times
def name_key(name: str) -> frozenset[str]:
    """The name words of a person that identify them, transliteration-tolerant: "Mr. Yang Uk Jr." -> {yang, uk}."""
    words = [w for w in tokens(name) if w.lower().rstrip(".") not in HONORIFICS | SUFFIXES]
    words = [w for w in words if len(w.rstrip(".")) > 1]  # initials ("Lloyd J. Austin") do not identify
    return frozenset(_translit(w) for w in words if _translit(w))


@dataclass
class Member(Record):
    """What the store-wide resolution needs of one per-article entity; kept per article by the corpus pass."""

    json_omit: ClassVar[frozenset[str]] = frozenset({"key", "article"})  # the row's own columns

    key: str                 # article_id/entity_id
    article: str
    name: str
    type: str
    country: str | None
    aliases: set[str]
    kinds: Counter
    capitalised: bool = True  # written with a capital other than at a sentence start ("Police said" is not)

    @classmethod
    def from_row(cls, key: str, d: dict) -> Member:
        """From `to_dict` and the row's key (article_id/entity_id)."""
        return cls.from_dict(d, key=key, article=key.split("/", 1)[0])


def members_of(ex: Extraction) -> list[Member]:
    """One article's entities as resolution members, in the article's entity order."""
    kinds: dict[str, Counter] = {}
    for c in ex.claims:
        if c.source_entity:
            kinds.setdefault(c.source_entity, Counter())[c.source_kind] += 1
    out = []
    for e in ex.entities:
        seen = {e.name} | {m.text for m in e.mentions if _alias_like(m.text)}
        type_ = "person" if e.type == "org" and lookup_key(e.name).split()[:1] in (["mr"], ["mrs"], ["ms"]) \
            else e.type  # "Mr. Obama" the parser took for an organisation
        capitalised = len(tokens(e.name)) > 1 or any(
            m.text[:1].isupper() and not _sentence_start(ex.article.text, m.start) for m in e.mentions)
        out.append(Member(f"{ex.article.id}/{e.id}", ex.article.id, e.name, type_, e.country, seen,
                          kinds.get(e.id, Counter()), capitalised))
    return out


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _alias_like(text: str) -> bool:
    """A mention that names ("the NIS", "Mr. Yang"), not a pronoun or a clause ("Yang, who said ...")."""
    return text.lower() not in PRONOUNS and len(text.split()) <= 6 and "," not in text \
        and any(c.isupper() for c in text)


class _Groups:
    """Union-find over member indices, keeping each group's country (None until one is known)."""

    def __init__(self, members: list[Member]) -> None:
        self.parent = list(range(len(members)))
        self.country = [m.country for m in members]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        """Join two groups unless their countries differ."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ca, cb = self.country[a], self.country[b]
        if ca and cb and ca != cb:
            return False
        self.parent[b] = a
        self.country[a] = ca or cb
        return True


@lru_cache(maxsize=65536)
def _proper(name: str) -> bool:
    """A proper name ("Yang Uk", "Veldran Border Guard"), not a description the parser made an entity
    ("a senior official", "police")."""
    words = [w for w in tokens(name) if w.lower().rstrip(".") not in HONORIFICS | SUFFIXES | LINKS]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _merge_people(members: list[Member], idx: list[int], groups: _Groups) -> None:
    """Same name key -> one person; a name whose words fall within exactly one fuller name joins it."""
    keys = {i: name_key(members[i].name) for i in idx if _proper(members[i].name)}
    by_key: dict[tuple[frozenset[str], str | None], int] = {}
    by_name: dict[frozenset[str], list[int]] = {}  # name key -> its by_key entries, whatever the country
    for i in sorted((i for i in keys if keys[i]), key=lambda i: members[i].country is None):  # countries first
        exact = by_key.get((keys[i], members[i].country))
        if exact is None and members[i].country is None:
            same = by_name.get(keys[i], [])
            exact = same[0] if len(same) == 1 else None
        if (exact is None or not groups.union(exact, i)) and (keys[i], members[i].country) not in by_key:
            by_key[(keys[i], members[i].country)] = i
            by_name.setdefault(keys[i], []).append(i)
    words: dict[str, list[tuple[frozenset[str], int]]] = {}
    for (key, _), i in by_key.items():
        for w in key:
            words.setdefault(w, []).append((key, i))
    for (key, _), i in sorted(by_key.items(), key=lambda kv: -len(kv[0][0])):
        # fuller names first, so "Lloyd Austin" joins "Lloyd James Austin" before "Austin" looks
        root = groups.find(i)
        pool = min((words[w] for w in key), key=len)
        cands = [(k, j) for k, j in pool if key < k and _countries_agree(groups.country[root],
                                                                         groups.country[groups.find(j)])]
        fullest = {groups.find(j) for k, j in cands if not any(k < k2 for k2, _ in cands)}
        if len(fullest) == 1:
            groups.union(fullest.pop(), i)


def _countries_agree(a: str | None, b: str | None) -> bool:
    return not (a and b and a != b)


def _row_of(m: Member, actors: ActorTable) -> ActorRow | None:
    """The table row a member stands for: by its own id, else by its name."""
    if m.type == "person":  # a "person" the parser made of "Ukrainian intelligence" is a table body
        return actors.canonical(m.name, "person", m.country)
    return actors.rows.get(m.key.split("/", 1)[1]) or actors.canonical(m.name, m.type, m.country)


def _org_key(m: Member, actors: ActorTable) -> tuple | None:
    """What a body without a row joins others on; None for a common noun ("police", "officials"), which
    names a different body in each article."""
    parsed = actors.describe(m.name)
    if parsed is not None and (parsed[0] or m.country):
        return ("desc", parsed[0] or m.country, parsed[1])
    if _proper(m.name) and m.capitalised:
        return ("name", m.type, m.country, lookup_key(m.name))
    return None


def _person_key(m: Member) -> frozenset[str]:
    """The name key people join on (empty for a description such as "a senior official")."""
    return name_key(m.name) if _proper(m.name) else frozenset()


def block_keys(m: Member, actors: ActorTable) -> tuple[set[str], frozenset[str]]:
    """(keys, person name key): members that can affect each other's resolution share a key, or one's person
    name key holds the other's. The corpus pass re-resolves only the members an ingest reaches this way."""
    row = _row_of(m, actors)
    if row is not None:
        return {f"row:{row.id}"}, frozenset()
    if m.type == "person":
        key = _person_key(m)
        return ({f"id:person:{_slug(m.name)}"} if key else set()), key
    key = _org_key(m, actors)
    if key is None:
        return set(), frozenset()
    ids = {f"id:{m.type}:{_slug(m.name)}"}
    parsed = actors.describe(m.name)
    if parsed is not None:
        ids |= {f"id:{m.type}:{c.lower()}-{parsed[1].replace('_', '-')}" for c in (parsed[0], m.country) if c}
    return {"org:" + "|".join(str(x) for x in key), *ids}, frozenset()


def _merge_orgs(members: list[Member], idx: list[int], groups: _Groups, actors: ActorTable
                ) -> tuple[dict[int, ActorRow], set[int]]:
    """(table rows by member, members with no key); other bodies join by (type, country, description or
    normalised name)."""
    rows: dict[int, ActorRow] = {}
    keyless: set[int] = set()
    first: dict[tuple, int] = {}
    for i in idx:
        row = _row_of(members[i], actors)
        if row is not None:
            rows[i] = row
            key: tuple | None = ("row", row.id)
        else:
            key = _org_key(members[i], actors)
        if key is None:
            keyless.add(i)
        elif key in first:
            groups.union(first[key], i)
        else:
            first[key] = i
    return rows, keyless


def _anchored(base: str, member: Member) -> str:
    """The id of an entity only one article knows ("police" there): its name and a hash of where it is, so it
    never depends on what else the store holds."""
    return f"{base}.{hashlib.blake2b(member.key.encode(), digest_size=4).hexdigest()}"


def _global(members: list[Member], group: list[int], rows: dict[int, ActorRow], country: str | None,
            taken: dict[str, GlobalEntity], suffixes: dict[str, int], keyless: bool,
            actors: ActorTable) -> GlobalEntity:
    row = next((rows[i] for i in group if i in rows), None)
    kinds = sum((members[i].kinds for i in group), Counter())
    if row is not None:
        ent = GlobalEntity(row.id, row.name, row.type, row.country, row.kind)
    else:
        type_ = members[group[0]].type
        name = _best_name([members[i].name for i in group], type_)
        parsed = actors.describe(name) if type_ != "person" else None
        base = f"{type_}:" + (f"{country.lower()}-{parsed[1].replace('_', '-')}" if parsed and country
                              else _slug(name))
        if keyless:
            eid = _anchored(base, members[group[0]])
        else:
            eid = f"{base}-{country.lower()}" if base in taken and country else base
            n = suffixes.get(base, 2)  # where the last "-n" for this base stopped: no rescans of the same ids
            while eid in taken:
                eid, n = f"{base}-{n}", n + 1
            suffixes[base] = n
        kind = kinds.most_common(1)[0][0] if kinds else ("person" if type_ == "person" else None)
        ent = GlobalEntity(eid, name, type_, country, kind)
    for i in group:
        ent.aliases |= members[i].aliases
        ent.articles.add(members[i].article)
    return ent


def _best_name(names: list[str], type_: str) -> str:
    """The most frequent full name ("Donald Trump" over a one-off "Rip Donald Trump"), then the longest."""
    counts = Counter(names)
    full = [n for n in counts if type_ != "person" or len(name_key(n)) >= 2] or list(counts)
    return max(full, key=lambda n: (counts[n], len(name_key(n)), len(n)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def resolve_store(extractions: Iterable[Extraction], actors: ActorTable) -> dict[str, GlobalEntity]:
    """Every per-article entity, keyed `"{article_id}/{entity_id}"`, mapped to its entity across the store."""
    return resolve_members([m for ex in extractions for m in members_of(ex)], actors)


def resolve_members(members: list[Member], actors: ActorTable) -> dict[str, GlobalEntity]:
    """Each member's global entity; members in store order (article id, then the article's entity order).

    Entities of different countries never merge. Table rows keep their ids; others get `person:<slug>`,
    `org:<iso>-<concept>` for a described body, or `<type>:<slug>`, made unique with the country; a common
    noun one article names gets an id anchored on that article.
    """
    groups = _Groups(members)
    people = [i for i, m in enumerate(members) if m.type == "person"]
    others = [i for i, m in enumerate(members) if m.type != "person"]
    rows, keyless = _merge_orgs(members, others, groups, actors)
    for i in people:
        row = _row_of(members[i], actors)
        if row is not None:
            rows[i] = row
    unrowed = [i for i in people if i not in rows]
    keyless |= {i for i in unrowed if not _person_key(members[i])}
    _merge_people(members, unrowed, groups)
    for i, row in rows.items():
        groups.country[groups.find(i)] = row.country or groups.country[groups.find(i)]
    by_root: dict[int, list[int]] = {}
    for i in range(len(members)):
        by_root.setdefault(groups.find(i), []).append(i)
    # the same row reached by person-typed and org-typed members is one entity
    out: dict[str, GlobalEntity] = {}
    made: dict[str, GlobalEntity] = {}
    suffixes: dict[str, int] = {}
    for root, group in sorted(by_root.items(), key=lambda kv: kv[1][0]):
        alone = len(group) == 1 and group[0] in keyless
        ent = _absorb(made, _global(members, group, rows, groups.country[root], made, suffixes, alone,
                                           actors))
        for i in group:
            out[members[i].key] = ent
    return out


def _absorb(made: dict[str, GlobalEntity], ent: GlobalEntity) -> GlobalEntity:
    if ent.id in made:
        kept = made[ent.id]
        kept.aliases |= ent.aliases
        kept.articles |= ent.articles
        return kept
    made[ent.id] = ent
    return ent
