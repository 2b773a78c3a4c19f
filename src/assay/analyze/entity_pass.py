"""Entities across the store kept current: only the members an ingest can reach are resolved again.

Members reach each other through a shared block key (a table row, an organisation's name or description, a
candidate id) or when one person's name words hold the other's ("Yang" and "Yang Uk"), and resolution only
ever joins or numbers members that reach each other. So resolving the members reachable from the changed
articles, in store order, gives what `store_entities.resolve_store` gives over the whole store. Members that
stand for a table row ("the NIS", "the U.S.") always resolve to the row and reach no one: the row's entity only
gathers their aliases, so they are not resolved again, only their aliases added (or, when some leave, gathered
again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from assay.analyze.contributions import ArticleFacts
from assay.analyze.store_entities import GlobalEntity, Member, block_keys, resolve_members
from assay.resolve.actors import ActorTable
from assay.store.pass_state import ClaimKey, PassState

MAX_SUBSET_WORDS = 8  # a longer person name looks up its single words and its whole key only


@dataclass
class EntityChange:
    moved: set[str] = field(default_factory=set)  # articles whose members' global id or country changed
    entities: set[str] = field(default_factory=set)  # global ids written or dropped


def person_lookups(key: frozenset[str]) -> list[str]:
    """Keys of the members whose person name key is held in this one (subsets, itself included)."""
    words = sorted(key)
    sizes = range(1, len(words) + 1) if len(words) <= MAX_SUBSET_WORDS else (1, len(words))
    return ["pk:" + "|".join(sub) for n in sizes for sub in combinations(words, n)]


def key_rows(member: Member, actors: ActorTable) -> tuple[list[str], frozenset[str]]:
    """The keys a member is found by, and its person name key."""
    keys, person = block_keys(member, actors)
    extra = ["pk:" + "|".join(sorted(person)), *(f"pw:{w}" for w in person)] if person else []
    return sorted(keys) + extra, person


class _Reach:
    """Members reachable from a seed, found through the key index."""

    def __init__(self, state: PassState, skip: set[str], actors: ActorTable) -> None:
        self.state, self.skip, self.actors = state, skip, actors
        self.found: dict[ClaimKey, Any] = {}
        self.keys: set[str] = set()
        self.people: set[frozenset[str]] = set()

    def grow(self, keys: set[str], people: set[frozenset[str]]) -> None:
        while keys or people:
            people = people - self.people
            lookups = (keys - self.keys) | {k for person in people for k in person_lookups(person)}
            hits = self.state.member_keys_with(lookups) | self.state.members_holding(people)
            self.keys |= keys
            self.people |= people
            keys, people = set(), set()
            fresh = [k for k in hits if k not in self.found and k[0] not in self.skip]
            for row in self.state.members(fresh):
                self.found[(row.article_id, row.entity_id)] = row
                more, person = _reach_keys(_member(row), self.actors)
                keys |= more - self.keys
                if person and person not in self.people:
                    people.add(person)


def _grow_from(reach: _Reach, seeds: list[Member]) -> None:
    keys: set[str] = set()
    people: set[frozenset[str]] = set()
    for m in seeds:
        more, person = _reach_keys(m, reach.actors)
        keys |= more
        if person:
            people.add(person)
    reach.grow(keys, people)


def _member_key(row: Any) -> str:
    return f"{row.article_id}/{row.entity_id}"


def _member(row: Any) -> Member:
    """A stored entity_members row as a resolution member."""
    return Member.from_row(_member_key(row), row.facts)


def _reach_keys(member: Member, actors: ActorTable) -> tuple[set[str], frozenset[str]]:
    """The block keys to follow from a member (none for a table row's) and its person name key."""
    keys, person = block_keys(member, actors)
    return {k for k in keys if not k.startswith("row:")}, person


def _row_id(member: Member, actors: ActorTable) -> str | None:
    return next((k[4:] for k in block_keys(member, actors)[0] if k.startswith("row:")), None)


def _row_aliases(state: PassState, made: dict[str, GlobalEntity], rows_left: set[str], actors: ActorTable) -> None:
    """A table row's entity gathers the aliases of every member: add the stored ones; gather them again
    for a row some member left. Other entities were resolved from all their members and keep what they got."""
    rows = actors.rows
    stored = state.global_entities({gid for gid in made if gid in rows} - rows_left)
    for gid, ent in made.items():
        if gid in stored:
            ent.aliases |= set(stored[gid].aliases)
    for gid, aliases in state.aliases_of(rows_left).items():
        if gid in made:
            made[gid].aliases |= aliases


def update_entities(state: PassState, new: dict[str, ArticleFacts], removed: set[str], actors: ActorTable
                    ) -> EntityChange:
    """Resolve the members the change reaches again and store their global entities."""
    touched = set(new) | removed
    old_rows = state.members_of_articles(touched)
    old_members = [_member(r) for r in old_rows]
    reach = _Reach(state, touched, actors)
    if not state.emptied:  # after a clear every member is new: there is no one stored to reach
        _grow_from(reach, [*old_members, *(m for f in new.values() for m in f.members)])
    stored = sorted(reach.found.values(), key=lambda r: (r.article_id, r.seq))
    members = [(r.article_id, r.seq, _member(r)) for r in stored]
    members += [(f.article_id, n, m) for f in new.values() for n, m in enumerate(f.members)]
    members.sort(key=lambda t: (t[0], t[1]))
    resolved = resolve_members([m for _, _, m in members], actors)
    rows_left = {gid for m in old_members if (gid := _row_id(m, actors))}
    old_ids = {r.global_id for r in (*old_rows, *stored) if r.global_id}
    old_country = {gid: row.country for gid, row in state.global_entities(old_ids).items()}
    made = {e.id: e for e in resolved.values()}
    state.put_members(*_member_rows(new, resolved, actors), gone=removed)
    now = [(r, resolved[_member_key(r)]) for r in stored]
    state.set_global_ids({(r.article_id, r.entity_id): e.id for r, e in now if e.id != r.global_id})
    _row_aliases(state, made, rows_left, actors)
    made |= _left_rows(state, rows_left - set(made))
    state.put_global_entities([e.row() for e in made.values()], gone=old_ids | rows_left)
    moved = {r.article_id for r, e in now if (r.global_id, old_country.get(r.global_id)) != (e.id, e.country)}
    return EntityChange(moved=moved | set(new), entities=old_ids | set(made) | rows_left)


def _left_rows(state: PassState, row_ids: set[str]) -> dict[str, GlobalEntity]:
    """Table rows that only lost members: their entities from the members still stored, if any."""
    out: dict[str, GlobalEntity] = {}
    stored = state.global_entities(row_ids)
    for gid, aliases in state.aliases_of(row_ids).items():
        if (kept := stored.get(gid)) is not None:
            out[gid] = GlobalEntity(gid, kept.name, kept.type, kept.country, kept.kind, aliases)
    return out


def _member_rows(new: dict[str, ArticleFacts], resolved: dict[str, GlobalEntity], actors: ActorTable
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, index = [], []
    for f in new.values():
        for n, m in enumerate(f.members):
            entity_id = m.key.split("/", 1)[1]
            found, person = key_rows(m, actors)
            rows.append({"article_id": f.article_id, "entity_id": entity_id, "seq": n, "facts": m.to_dict(),
                         "person_key": sorted(person), "global_id": resolved[m.key].id})
            index.extend({"key": k, "article_id": f.article_id, "entity_id": entity_id} for k in set(found))
    return rows, index
