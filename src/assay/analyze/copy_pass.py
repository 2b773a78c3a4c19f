"""Copy groups kept current: a new article is checked against the stored articles that share an LSH band
or its exact wording, and only the groups it joins or leaves are worked out again.

A group's members are checked afresh among themselves when anything in it changes (a copy removed may split
it), so the groups always equal `dedupe.copy_groups` over the whole store.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from assay.analyze.contributions import ArticleFacts
from assay.analyze.dedupe import CopyIndex, Signature, band_row_keys, rank, signature_of_row, signature_row
from assay.store.pass_state import PassState


@dataclass
class CopyChange:
    """What the step changed: each affected article's original, and who must be looked at again."""

    original: dict[str, str] = field(default_factory=dict)  # affected article -> its original now
    moved: set[str] = field(default_factory=set)  # articles whose original changed (new ones included)
    regrouped: set[str] = field(default_factory=set)  # articles whose group changed: its parties may have


Signed = tuple[str, tuple[bool, str, int, str], Signature, int]


def _signed(f: ArticleFacts) -> Signed:
    return f.article_id, rank(f.article_id, f.published, f.length), f.signature, f.day


def _stored_signed(r: Any) -> Signed:
    return (r.article_id, rank(r.article_id, r.published, r.length),
            signature_of_row(r.minhash, r.size, r.terms, r.exact), r.day)


def fact_rows(new: dict[str, ArticleFacts]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(article_facts rows, copy_bands rows) for new articles."""
    rows, bands = [], []
    for f in new.values():
        rows.append({"article_id": f.article_id, "published": f.published, "outlet": f.outlet,
                     "length": f.length, "day": f.day, "parties": list(f.parties), **signature_row(f.signature)})
        bands.extend({"key": k, "article_id": f.article_id} for k in set(band_row_keys(f.signature)))
    return rows, sorted(bands, key=lambda b: (b["key"], b["article_id"]))  # in index order: faster B-tree inserts


def _groups(items: list[Signed]) -> dict[str, str]:
    index = CopyIndex()
    for item in sorted(items, key=lambda s: s[0]):
        index.add_signed(*item)
    return index.groups()


def _members_by_original(original_of: dict[str, str]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for a, o in original_of.items():
        groups[o].add(a)
    frozen = {o: frozenset(m) for o, m in groups.items()}
    return {a: frozen[o] for a, o in original_of.items()}


def _candidates(state: PassState, new: dict[str, ArticleFacts]) -> set[str]:
    """Stored articles sharing an LSH band or the exact wording with a new one."""
    keys = [k for f in new.values() for k in band_row_keys(f.signature)]
    exacts = [f.signature.exact for f in new.values() if f.signature.exact is not None]
    return state.band_candidates(keys) | state.exact_candidates(exacts)


def update_copies(state: PassState, new: dict[str, ArticleFacts], removed: set[str]) -> CopyChange:
    """Store the new articles' signatures, regroup what they touch, and say what moved."""
    touched = set(new) | removed
    candidates = set() if state.emptied else _candidates(state, new) - touched
    old_original = state.originals(touched | candidates)
    groups = state.group_members(set(old_original.values()))
    stored = {a for members in groups.values() for a in members} - touched
    old_original |= state.originals(stored)
    items = [_stored_signed(r) for r in state.article_rows(stored)] + [_signed(f) for f in new.values()]
    original = _groups(items)
    state.put_articles(*fact_rows(new), gone=removed)
    state.put_copies(original, gone=removed)
    before, after = _members_by_original(old_original), _members_by_original(original)
    return CopyChange(original=original,
                      moved={a for a, o in original.items() if old_original.get(a) != o} | set(new),
                      regrouped={a for a in original if before.get(a) != after[a] or after[a] & touched})
