"""Reads and writes of the corpus pass's own tables (schema.py), inside one transaction.

The pass (analyze/corpus.py) asks for rows by key, so an ingest reads what its articles touch, never a
whole table. Look-ups by many keys go in chunks (SQLite caps the parameters of one statement).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, tuple_, update

from .schema import (
    article_facts,
    claim_facts,
    claim_grades,
    claim_names,
    copies,
    copy_bands,
    entity_keys,
    entity_members,
    event_rows,
    global_entities,
    pending,
    place_rows,
    relations,
    series,
    series_points,
    sources,
)

CHUNK = 5000  # keys per IN list: SQLite allows 32,766 parameters a statement, PostgreSQL 65,535
PAIR_CHUNK = 2000
PASS_TABLES = (relations, claim_grades, sources, copies, claim_names, claim_facts, entity_keys, entity_members,
               global_entities, copy_bands, article_facts, series, series_points, event_rows, place_rows)
PLAIN_TABLES = {"copy_bands", "entity_keys", "claim_names", "copies"}  # strings and integers only
ClaimKey = tuple[str, str]


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _in(column: Any) -> tuple[Any, int]:
    """What an IN list tests (one column, or a pair of columns as a row value) and its chunk size."""
    return (tuple_(*column), PAIR_CHUNK) if isinstance(column, tuple) else (column, CHUNK)


class PassState:
    """The pass's tables over one open transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.emptied = False  # cleared in this transaction: nothing stored before the pass can be reached

    def _rows(self, query: Any, column: Any, values: Iterable[Any]) -> Iterator[Any]:
        """Rows whose `column` (or pair of columns) is among `values`."""
        expr, size = _in(column)
        for part in chunks(sorted(set(values)), size):
            yield from self.conn.execute(query.where(expr.in_(part)))

    def _delete(self, table: Any, column: Any, values: Iterable[Any]) -> None:
        expr, size = _in(column)
        for part in chunks(sorted(set(values)), size):
            self.conn.execute(delete(table).where(expr.in_(part)))

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        if table.name in PLAIN_TABLES:
            self._insert_plain(table, rows)
            return
        for part in chunks(rows, 5000):
            self.conn.execute(insert(table), part)

    def _insert_plain(self, table: Any, rows: list[dict[str, Any]]) -> None:
        """Many rows of plain columns (no JSON) through the driver: SQLAlchemy's per-row parameter work
        costs more than the database does for the index tables' million rows."""
        names = list(rows[0])
        compiled = insert(table).compile(dialect=self.conn.dialect, column_keys=names)
        order = compiled.positiontup or []
        for part in chunks(rows, 20000):
            params = [tuple(r[k] for k in order) for r in part] if compiled.positional else part
            self.conn.exec_driver_sql(str(compiled), params)

    def _update_many(self, query: Any, params: list[dict[str, Any]]) -> None:
        if params:
            self.conn.execute(query, params)

    def clear(self) -> None:
        """Empty every table of the pass (before a rebuild)."""
        for table in PASS_TABLES:
            self.conn.execute(delete(table))
        self.emptied = True

    # ---- pending articles
    def pending(self) -> set[str]:
        return set(self.conn.execute(select(pending.c.article_id)).scalars())

    def clear_pending(self, ids: Iterable[str]) -> None:
        self._delete(pending, pending.c.article_id, ids)

    # ---- copies
    def originals(self, ids: Iterable[str]) -> dict[str, str]:
        c = copies.c
        return {r.article_id: r.original_id for r in self._rows(select(c.article_id, c.original_id), c.article_id,
                                                                ids)}

    def group_members(self, originals: Iterable[str]) -> dict[str, list[str]]:
        c = copies.c
        out: dict[str, list[str]] = defaultdict(list)
        for r in self._rows(select(c.article_id, c.original_id), c.original_id, originals):
            out[r.original_id].append(r.article_id)
        return out

    def put_copies(self, original_of: dict[str, str], gone: Iterable[str]) -> None:
        self._delete(copies, copies.c.article_id, set(original_of) | set(gone))
        self._insert(copies, [{"article_id": a, "original_id": o} for a, o in sorted(original_of.items())])

    def band_candidates(self, keys: Iterable[int]) -> set[str]:
        b = copy_bands.c
        return {r.article_id for r in self._rows(select(b.article_id), b.key, keys)}

    def exact_candidates(self, exacts: Iterable[bytes]) -> set[str]:
        f = article_facts.c
        return {r.article_id for r in self._rows(select(f.article_id), f.exact, exacts)}

    def article_rows(self, ids: Iterable[str]) -> list[Any]:
        """Stored article facts (signature, date, length, outlet, parties) by id."""
        return list(self._rows(select(article_facts), article_facts.c.article_id, ids))

    def outlets(self, ids: Iterable[str]) -> dict[str, str | None]:
        f = article_facts.c
        return {r.article_id: r.outlet for r in self._rows(select(f.article_id, f.outlet), f.article_id, ids)}

    def parties(self, ids: Iterable[str]) -> dict[str, list[str]]:
        f = article_facts.c
        return {r.article_id: r.parties for r in self._rows(select(f.article_id, f.parties), f.article_id, ids)}

    def put_articles(self, rows: list[dict[str, Any]], bands: list[dict[str, Any]], gone: Iterable[str]) -> None:
        gone = set(gone) | {r["article_id"] for r in rows}
        self._delete(copy_bands, copy_bands.c.article_id, gone)
        self._delete(article_facts, article_facts.c.article_id, gone)
        self._insert(article_facts, rows)
        self._insert(copy_bands, bands)

    # ---- entities
    def members_of_articles(self, ids: Iterable[str]) -> list[Any]:
        return list(self._rows(select(entity_members), entity_members.c.article_id, ids))

    def member_keys_with(self, keys: Iterable[str]) -> set[ClaimKey]:
        k = entity_keys.c
        return {(r.article_id, r.entity_id) for r in self._rows(select(k.article_id, k.entity_id), k.key, keys)}

    def members_holding(self, people: Iterable[frozenset[str]]) -> set[ClaimKey]:
        """Members whose person name words hold all the words of one of `people` ("Yang Uk" holds "Yang"):
        one look-up for a whole round of the reach."""
        people = [p for p in people if p]
        k = entity_keys.c
        words: dict[ClaimKey, set[str]] = defaultdict(set)
        for r in self._rows(select(k.article_id, k.entity_id, k.key), k.key, {f"pw:{w}" for p in people for w in p}):
            words[(r.article_id, r.entity_id)].add(r.key[3:])
        by_first: dict[str, list[frozenset[str]]] = defaultdict(list)  # a person is checked under one word
        for p in people:
            by_first[min(p)].append(p)
        return {m for m, held in words.items() if any(p <= held for w in held for p in by_first.get(w, ()))}

    def members(self, keys: Iterable[ClaimKey]) -> list[Any]:
        m = entity_members.c
        return list(self._rows(select(entity_members), (m.article_id, m.entity_id), keys))

    def put_members(self, rows: list[dict[str, Any]], key_rows: list[dict[str, Any]], gone: Iterable[str]) -> None:
        gone = set(gone) | {r["article_id"] for r in rows}
        self._delete(entity_keys, entity_keys.c.article_id, gone)
        self._delete(entity_members, entity_members.c.article_id, gone)
        self._insert(entity_members, rows)
        self._insert(entity_keys, key_rows)

    def set_global_ids(self, ids: dict[ClaimKey, str]) -> None:
        m = entity_members.c
        query = (update(entity_members).where((m.article_id == bindparam("a")) & (m.entity_id == bindparam("e")))
                 .values(global_id=bindparam("g")))
        self._update_many(query, [{"a": a, "e": e, "g": gid} for (a, e), gid in ids.items()])

    def global_entities(self, ids: Iterable[str]) -> dict[str, Any]:
        return {r.id: r for r in self._rows(select(global_entities), global_entities.c.id, ids)}

    def aliases_of(self, global_ids: Iterable[str]) -> dict[str, set[str]]:
        """Global id -> the aliases of every member stored under it."""
        out: dict[str, set[str]] = defaultdict(set)
        m = entity_members.c
        for r in self._rows(select(m.global_id, m.facts), m.global_id, global_ids):
            out[r.global_id] |= set(r.facts["aliases"])
        return out

    def put_global_entities(self, rows: list[dict[str, Any]], gone: Iterable[str]) -> None:
        self._delete(global_entities, global_entities.c.id, set(gone) | {r["id"] for r in rows})
        self._insert(global_entities, rows)

    def member_globals(self, article_ids: Iterable[str]) -> dict[ClaimKey, tuple[str | None, str | None]]:
        """(article, entity) -> (global id, global country) for the members of these articles."""
        m, g = entity_members.c, global_entities.c
        query = select(m.article_id, m.entity_id, m.global_id, g.country).outerjoin(
            global_entities, g.id == m.global_id)
        return {(r.article_id, r.entity_id): (r.global_id, r.country) for r in self._rows(query, m.article_id,
                                                                                           article_ids)}

    # ---- claims
    def claims_of_articles(self, ids: Iterable[str]) -> list[Any]:
        return list(self._rows(select(claim_facts), claim_facts.c.article_id, ids))

    def claims(self, keys: Iterable[ClaimKey]) -> list[Any]:
        c = claim_facts.c
        return list(self._rows(select(claim_facts), (c.article_id, c.claim_id), keys))

    def claims_of_origins(self, origins: Iterable[str]) -> list[Any]:
        c = claim_facts.c
        query = select(c.article_id, c.claim_id, c.origin, c.wording, c.agree, c.contra)
        return list(self._rows(query, c.origin, origins))

    def name_counts(self, names: Iterable[str]) -> dict[str, int]:
        n = claim_names.c
        query = select(n.name, func.count()).group_by(n.name)
        return {name: count for name, count in self._rows(query, n.name, names)}

    def claims_named(self, names: Iterable[str]) -> set[ClaimKey]:
        n = claim_names.c
        return {(r.article_id, r.claim_id) for r in self._rows(select(n.article_id, n.claim_id), n.name, names)}

    def put_claims(self, rows: list[dict[str, Any]], name_rows: list[dict[str, Any]], gone: Iterable[str]) -> None:
        gone = set(gone) | {r["article_id"] for r in rows}
        self._delete(claim_names, claim_names.c.article_id, gone)
        self._delete(claim_facts, claim_facts.c.article_id, gone)
        self._insert(claim_facts, rows)
        self._insert(claim_names, name_rows)

    def set_relation_origins(self, found: dict[ClaimKey, tuple[list[str], list[str]]]) -> None:
        c = claim_facts.c
        query = (update(claim_facts).where((c.article_id == bindparam("a")) & (c.claim_id == bindparam("k")))
                 .values(agree=bindparam("agree"), contra=bindparam("contra")))
        self._update_many(query, [{"a": a, "k": k, "agree": good, "contra": bad}
                                  for (a, k), (good, bad) in found.items()])

    def relations_touching(self, keys: Iterable[ClaimKey]) -> list[Any]:
        r = relations.c
        keys = set(keys)
        seen: dict[int, Any] = {}
        for cols in ((r.a_article, r.a_claim), (r.b_article, r.b_claim)):
            for row in self._rows(select(relations), cols, keys):
                seen[row.id] = row
        return [seen[i] for i in sorted(seen)]

    def replace_relations(self, old_ids: Iterable[int], rows: list[dict[str, Any]]) -> None:
        self._delete(relations, relations.c.id, old_ids)
        self._insert(relations, rows)

    # ---- grades and sources
    def grade_sources(self, keys: Iterable[ClaimKey]) -> set[str]:
        g = claim_grades.c
        return {r.source_id for r in self._rows(select(g.source_id), (g.article_id, g.claim_id), keys)
                if r.source_id}

    def replace_grades(self, keys: Iterable[ClaimKey], rows: list[dict[str, Any]]) -> set[str]:
        """Replace these claims' grades with `rows`; the articles whose grade rows differ from before."""
        g = claim_grades.c
        keys = set(keys)
        before = {(r.article_id, r.claim_id): dict(r._mapping)
                  for r in self._rows(select(claim_grades), (g.article_id, g.claim_id), keys)}
        after = {(r["article_id"], r["claim_id"]): r for r in rows}
        self._delete(claim_grades, (g.article_id, g.claim_id), keys)
        self._insert(claim_grades, rows)
        return {k[0] for k in before.keys() | after.keys() if before.get(k) != after.get(k)}

    def graded_sources(self, ids: Iterable[str]) -> set[str]:
        g = claim_grades.c
        return {r.source_id for r in self._rows(select(g.source_id).distinct(), g.source_id, ids)}

    def replace_sources(self, ids: Iterable[str], rows: list[dict[str, Any]]) -> None:
        self._delete(sources, sources.c.id, ids)
        self._insert(sources, rows)
