"""Origins, relations and grades kept current: only the claims an ingest can change are graded again.

A claim is looked at again when its article changed, its copy group's original or its source's store-wide
entity moved (its origin may change), it shares a name with such a claim (a new corroboration or
contradiction), a name it is compared on became too common to compare on or common enough again, its
origin's track record changed, or its copy group changed (the parties of a report). The rest keep their rows,
and the result equals `grading.grade_claims` over the whole store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from assay.analyze.contributions import ArticleFacts, ClaimFacts
from assay.analyze.corroboration import MAX_BUCKET, ClaimView, origin_of, relate
from assay.analyze.figure_facts import FIGURE_BLOCK
from assay.analyze.grading import OriginRecord, grade_of, origin_record
from assay.store.pass_state import ClaimKey, PassState


@dataclass
class ClaimState:
    """One claim as the pass holds it."""

    article: str
    facts: ClaimFacts
    origin: str
    grp: str
    source_id: str | None
    country: str | None
    agree: set[str] = field(default_factory=set)
    contra: set[str] = field(default_factory=set)

    @property
    def key(self) -> ClaimKey:
        return self.article, self.facts.claim_id

    @property
    def order(self) -> tuple[str, int]:
        return self.article, self.facts.seq

    def view(self) -> ClaimView:
        f = self.facts
        names = frozenset(n for n in f.names if not n.startswith(FIGURE_BLOCK))
        return ClaimView(self.key, self.origin, f.negative, names, frozenset(f.words), f.spans, self.grp, f.figures)

    def row(self) -> dict[str, Any]:
        return {"article_id": self.article, "claim_id": self.facts.claim_id, "seq": self.facts.seq,
                "facts": self.facts.to_dict(), "wording": self.facts.wording, "origin": self.origin,
                "grp": self.grp, "source_id": self.source_id, "country": self.country,
                "agree": sorted(self.agree), "contra": sorted(self.contra)}

    @classmethod
    def of_row(cls, r: Any) -> ClaimState:
        return cls(r.article_id, ClaimFacts.from_dict(r.facts), r.origin, r.grp, r.source_id, r.country,
                   set(r.agree), set(r.contra))


def _active(count: int) -> bool:
    return count <= MAX_BUCKET


def _derive(state: PassState, bases: dict[str, tuple[ClaimFacts, ...]]) -> dict[ClaimKey, ClaimState]:
    """Each claim's origin, group, store-wide source and country, from the copies and entities stored now."""
    original = state.originals(bases)
    outlets = state.outlets(set(original.values()))
    globals_ = state.member_globals(bases)
    out = {}
    for aid, claims in bases.items():
        grp = original.get(aid, aid)
        for f in claims:
            gid, gcountry = globals_.get((aid, f.local_entity), (None, None)) if f.local_entity else (None, None)
            source_id = gid or f.local_entity
            origin = origin_of(f.kind, f.has_source, f.source_name, grp, outlets.get(grp), source_id)
            out[(aid, f.claim_id)] = ClaimState(aid, f, origin, grp, source_id, gcountry or f.local_country)
    return out


def _names(claims: Any) -> Counter:
    return Counter(n for c in claims if c.facts.comparable for n in c.facts.names)


def _pairs(dirty: set[ClaimKey], views: list[ClaimState], active: set[str]) -> list[tuple[int, int]]:
    """Index pairs (earlier, later in store order) sharing an active name, of different origins, with at least
    one dirty member: `corroboration.find_relations` restricted to what changed."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for name in v.facts.names:
            if name in active:
                buckets[name].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i in members:
            if views[i].key in dirty:
                pairs.update((min(i, j), max(i, j)) for j in members
                             if j != i and views[i].origin != views[j].origin)
    return sorted(pairs)


@dataclass
class _Step:
    """The claims in play: `now` holds the current state of every claim loaded (new or stored)."""

    state: PassState
    now: dict[ClaimKey, ClaimState] = field(default_factory=dict)

    def load(self, keys: set[ClaimKey]) -> None:
        missing = keys - set(self.now)
        for r in self.state.claims(missing):
            self.now[(r.article_id, r.claim_id)] = ClaimState.of_row(r)


def update_claims(state: PassState, new: dict[str, ArticleFacts], removed: set[str], moved: set[str],
                  regrouped: set[str], priors: dict[str, tuple[str, str]]) -> tuple[set[str], set[str], int]:
    """Rewrite the claim facts, relations and grades an ingest can change; (the source ids to refresh, the
    articles whose grades changed, how many claims were graded)."""
    v_articles = set(new) | removed | moved
    old = {(r.article_id, r.claim_id): ClaimState.of_row(r) for r in state.claims_of_articles(v_articles)}
    kept: dict[str, list[ClaimFacts]] = defaultdict(list)  # stored claims of articles that stay, to derive again
    for c in old.values():
        if c.article not in new and c.article not in removed:
            kept[c.article].append(c.facts)
    bases = {aid: f.claims for aid, f in new.items()}
    bases |= {aid: tuple(sorted(facts, key=lambda f: f.seq)) for aid, facts in kept.items()}
    fresh = _derive(state, bases)
    step = _Step(state, dict(fresh))

    names_old, names_new = _names(old.values()), _names(fresh.values())
    counts_before = state.name_counts(set(names_old) | set(names_new))
    counts_after = Counter(counts_before)
    counts_after.subtract(names_old)
    counts_after.update(names_new)
    crossing = {n for n in counts_after if _active(counts_before.get(n, 0)) != _active(counts_after[n])}
    dirty = set(old) | set(fresh) | (state.claims_named(crossing) - set(old))

    old_relations = state.relations_touching(dirty)
    partners = {k for r in old_relations for k in ((r.a_article, r.a_claim), (r.b_article, r.b_claim))}
    step.load({k for k in dirty if k not in old})
    active = {n for k in dirty if k in step.now for n in step.now[k].facts.names if _active(counts_after[n])}
    step.load(state.claims_named(active) - set(old))
    views = sorted((c for c in step.now.values() if c.facts.comparable), key=lambda c: c.order)
    compared = [v.view() for v in views]
    found = [r for i, j in _pairs(dirty, views, active) if (r := relate(compared[i], compared[j]))]

    touched = (dirty | partners | {k for r in found for k in (r.a, r.b)}) - (set(old) - set(fresh))
    step.load(touched)
    kept = [r for r in state.relations_touching(touched) if r.id not in {o.id for o in old_relations}]
    links = [(r.kind, (r.a_article, r.a_claim), (r.b_article, r.b_claim)) for r in kept]
    links += [(r.kind, r.a, r.b) for r in found]
    step.load({k for _, a, b in links for k in (a, b)})
    for k in touched:
        step.now[k].agree, step.now[k].contra = set(), set()
    for kind, a, b in links:
        for mine, other in ((a, b), (b, a)):
            if mine in touched:
                (step.now[mine].agree if kind == "corroborates" else step.now[mine].contra).add(
                    step.now[other].origin)

    origins = {c.origin for c in old.values()} | {step.now[k].origin for k in touched}
    before: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)
    after: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)
    members: dict[str, dict[ClaimKey, str]] = defaultdict(dict)  # origin -> its claims now -> their wording
    for r in state.claims_of_origins(origins):
        key = (r.article_id, r.claim_id)
        before[r.origin].append((r.wording, bool(r.agree), bool(r.contra)))
        if key not in old:
            c = step.now.get(key)
            after[r.origin].append((r.wording, bool(c.agree if c else r.agree), bool(c.contra if c else r.contra)))
            members[r.origin][key] = r.wording
    for key, c in fresh.items():
        if c.origin in origins:
            after[c.origin].append((c.facts.wording, bool(c.agree), bool(c.contra)))
            members[c.origin][key] = c.facts.wording
    records = {o: origin_record(after[o]) for o in origins}
    regrade = set(fresh) | touched
    for o in origins:
        regrade |= _record_readers(origin_record(before[o]), records[o], members[o])
    regrade |= {(r.article_id, r.claim_id) for r in state.claims_of_articles(regrouped - v_articles)}
    step.load(regrade)
    grade_rows = _grades(state, step, regrade, records, priors)

    state.put_claims([c.row() for c in fresh.values()],
                     [{"name": n, "article_id": c.article, "claim_id": c.facts.claim_id}
                      for c in fresh.values() if c.facts.comparable for n in set(c.facts.names)], gone=v_articles)
    state.set_relation_origins({k: (sorted(step.now[k].agree), sorted(step.now[k].contra))
                                for k in touched if k not in fresh})
    state.replace_relations([r.id for r in old_relations], [r.row() for r in found])
    refresh = state.grade_sources(regrade | set(old))
    changed = state.replace_grades(regrade | set(old), grade_rows)
    sources = refresh | {c.source_id for c in step.now.values() if c.key in regrade and c.source_id}
    return sources, changed, len(grade_rows)


def _record_readers(old: OriginRecord, new: OriginRecord, members: dict[ClaimKey, str]) -> set[ClaimKey]:
    """The claims whose grade reads what changed in their origin's record: all of them when its totals
    changed, else those whose own wording's entry did (a grade reads the totals less its own entry)."""
    if old.totals != new.totals:
        return set(members)
    return {k for k, text in members.items() if old.claims.get(text) != new.claims.get(text)}


def _grades(state: PassState, step: _Step, keys: set[ClaimKey], records: dict[str, OriginRecord],
            priors: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    claims = [step.now[k] for k in sorted(keys)]
    missing = {c.origin for c in claims} - set(records)
    by_origin: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)
    for r in state.claims_of_origins(missing):
        c = step.now.get((r.article_id, r.claim_id))
        by_origin[r.origin].append((r.wording, bool(c.agree if c else r.agree), bool(c.contra if c else r.contra)))
    records = records | {o: origin_record(by_origin[o]) for o in missing}
    groups = state.group_members({c.grp for c in claims})
    parties = state.parties({a for members in groups.values() for a in members})
    group_parties = {g: set().union(*(parties.get(a, []) for a in members)) for g, members in groups.items()}
    rows = []
    for c in claims:
        g = grade_of(c.facts.kind, c.origin, c.agree, c.contra, records[c.origin], c.facts.wording, c.country,
                     group_parties.get(c.grp, set()), c.facts.probability, priors)
        rows.append({"article_id": c.article, "claim_id": c.facts.claim_id, "source_id": c.source_id,
                     **g.to_dict()})
    return rows
