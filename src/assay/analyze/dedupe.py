"""Syndicated and near-duplicate articles: a wire story carried by ten outlets is one source, not ten.

Outlets reprint with a new headline, a trimmed ending, dropped or reordered paragraphs, an
added local paragraph and light edits. Two articles are copies when most of the shorter one's
word 5-grams appear in the longer one (containment, which tolerates trims and additions) and
the two overlap enough overall (Jaccard, so a short boilerplate paragraph inside a long
round-up does not make them one story). Different outlets' own reports of one event share
names, places and figures but few 5-word runs, so they stay apart. Templated wires (one bank after
another "raising its prime rate to 7-3/4 pct") share runs but not names and figures, so a pair must
also share most of those, and be published within MAX_DAYS of each other when both are dated.
Thresholds were set on eval/dedupe_eval.py (synthetic reprints of corpus documents, ECB+ same-event
reports as hard negatives); see eval/README.md.

Only a compact signature is kept per article: a MinHash of its 5-gram shingles (128 x 32 bits),
the number of distinct shingles and a hash of its normalised words. Jaccard is estimated from the
MinHash; the intersection, and so containment, follows from Jaccard and the two sizes.
Candidates come from LSH banding (64 bands of 2 rows), checked with the estimates.

`copy_groups(articles)` maps every article id to its group's original; `CopyIndex` does the
same incrementally (`add` as articles arrive, then `groups`); the corpus pass keeps the signatures in the
store and checks a new article against the stored ones that share a band (analyze/copy_pass.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from assay.dates import iso_day
from assay.records import Article

SHINGLE = 5  # words per shingle: long enough that shared names and figures alone rarely match
NUM_PERM = 128  # MinHash size: Jaccard standard error <= 0.045
ROWS = 2  # rows per LSH band; 64 bands find a pair at Jaccard 0.2 with p~0.93, at 0.3 with p~0.998
BANDS = NUM_PERM // ROWS
MIN_SHINGLES = 8  # below this (about 12 words) estimates are noise: such texts group only when identical
CONTAINMENT = 0.6  # share of the shorter text's shingles found in the longer (see eval/README.md)
JACCARD = 0.15  # overall overlap: keeps a short boilerplate paragraph from tying two long articles
TERMS = 0.7  # share of the names and figures of the article with fewer that the other also has
MAX_DAYS = 7  # reprints run within days; the same template weeks apart (a daily market notice) is a new report
_MASK64 = (1 << 64) - 1
_WORD = re.compile(r"\w+")
_TERM = re.compile(r"\b(?:[A-Z][\w'-]*|\d[\d.,/-]*\d|\d)")
_NOT_TERMS = {"the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "but", "and", "this", "that", "i"}
# House styles differ on units ("pct", "percent", "%"): one spelling each, so a restyled reprint still matches.
_UNITS = {"percent": "pct", "pc": "pct", "million": "mln", "mn": "mln", "m": "mln", "billion": "bln", "bn": "bln",
          "dollars": "dlrs", "dollar": "dlrs", "dlr": "dlrs", "usd": "dlrs"}


def _constants(label: str, n: int) -> np.ndarray:
    """Fixed odd 64-bit multipliers from a hash, so signatures are stable across runs and versions."""
    out = [int.from_bytes(hashlib.blake2b(f"{label}{i}".encode(), digest_size=8).digest(), "little") | 1
           for i in range(n)]
    return np.array(out, dtype=np.uint64)


_SHINGLE_MUL = _constants("assay.dedupe.shingle", SHINGLE)
_PERM_A = _constants("assay.dedupe.perm.a", NUM_PERM)[:, None]
_PERM_B = _constants("assay.dedupe.perm.b", NUM_PERM)[:, None]


def normalise(text: str) -> list[str]:
    """Lower-cased words: punctuation, spacing, case and Unicode forms differ between outlets' systems."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("%", " pct ").replace("per cent", "pct")
    return [_UNITS.get(w, w) for w in _WORD.findall(text)]


def shingles(words: list[str]) -> np.ndarray:
    """Distinct 64-bit hashes of the word 5-grams (a text shorter than 5 words gives none)."""
    if len(words) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    w = np.fromiter((zlib.crc32(x.encode()) for x in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # a position-weighted sum: uint64 arithmetic wraps, which is the hash
        h += w[j:j + n] * _SHINGLE_MUL[j]
    return np.unique(h)


def minhash(sh: np.ndarray) -> np.ndarray:
    """128 minima of multiply-shift hashes of the shingles (top 32 bits of a*x+b mod 2^64)."""
    return ((_PERM_A * sh[None, :] + _PERM_B) >> np.uint64(32)).min(axis=1).astype(np.uint32)


@dataclass(frozen=True)
class Signature:
    """What is kept of one text: its MinHash (None when too short), shingle count and word hash."""

    minhash: np.ndarray | None
    size: int
    terms: np.ndarray  # sorted distinct hashes of capitalised words and figures: what tells templates apart
    exact: bytes | None  # hash of the normalised words; None for a text with no words


def signature_row(sig: Signature) -> dict[str, object]:
    """A signature as store columns (bytes)."""
    return {"minhash": sig.minhash.tobytes() if sig.minhash is not None else None, "size": sig.size,
            "terms": sig.terms.tobytes(), "exact": sig.exact}


def signature_of_row(minhash: bytes | None, size: int, terms_: bytes, exact: bytes | None) -> Signature:
    return Signature(np.frombuffer(minhash, dtype=np.uint32) if minhash is not None else None, size,
                     np.frombuffer(terms_, dtype=np.uint32), exact)


def band_row_keys(sig: Signature) -> list[int]:
    """One signed 63-bit key per band, the band's number mixed in, for an indexed look-up of candidates in the
    store (a rare collision only adds a candidate, which the band check then drops)."""
    if sig.minhash is None:
        return []
    keys = _band_keys(sig.minhash) ^ (np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    return (keys >> np.uint64(1)).astype(np.int64).tolist()


def signature(text: str) -> Signature:
    words = normalise(text)
    exact = hashlib.blake2b(" ".join(words).encode(), digest_size=12).digest() if words else None
    sh = shingles(words)
    if len(sh) < MIN_SHINGLES:
        return Signature(None, len(sh), np.empty(0, dtype=np.uint32), exact)
    return Signature(minhash(sh), len(sh), terms(text), exact)


def terms(text: str) -> np.ndarray:
    """Names and figures ("Irving Trust", "7-3/4"): templated wires share wording but not these."""
    found = {t.casefold() for t in _TERM.findall(unicodedata.normalize("NFKC", text))}
    return np.unique(np.array([zlib.crc32(t.encode()) for t in found - _NOT_TERMS], dtype=np.uint32))


def same_terms(a: np.ndarray, b: np.ndarray) -> bool:
    """Most names and figures of the article with fewer are in the other (always true with under 3)."""
    small = min(len(a), len(b))
    return small < 3 or len(np.intersect1d(a, b, assume_unique=True)) >= TERMS * small


def estimate(a: np.ndarray, b: np.ndarray, size_a: int, size_b: int) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) from two MinHashes and the shingle counts."""
    j = float(np.count_nonzero(a == b)) / len(a)
    inter = j * (size_a + size_b) / (1.0 + j)
    return j, min(1.0, inter / max(1, min(size_a, size_b)))


def is_copy(jaccard: float | np.ndarray, containment: float | np.ndarray) -> bool | np.ndarray:
    """The copy rule, for numbers or numpy arrays alike (elementwise)."""
    return (containment >= CONTAINMENT) & (jaccard >= JACCARD)


def day_number(published: str | None) -> int:
    """Days since year 1 of an ISO date (its first 10 characters); -1 when unknown or unreadable."""
    d = iso_day(published)
    return d.toordinal() if d else -1


def _estimates(sigs: np.ndarray, sizes: np.ndarray, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised `estimate` over index pairs."""
    jac = np.count_nonzero(sigs[i] == sigs[j], axis=1) / sigs.shape[1]
    inter = jac * (sizes[i] + sizes[j]) / (1.0 + jac)
    con = np.minimum(1.0, inter / np.maximum(1, np.minimum(sizes[i], sizes[j])))
    return jac, con


def _band_keys(sig: np.ndarray) -> np.ndarray:
    """One 64-bit key per band: its two 32-bit minima side by side."""
    s = sig.astype(np.uint64).reshape(BANDS, ROWS)
    return (s[:, 0] << np.uint64(32)) | s[:, 1]


def _pairs_in_runs(keys: np.ndarray, new_from: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (lo, hi) sharing a key in one band, where hi was added since the last `groups()`."""
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
    ends = np.r_[starts[1:], len(k)]
    multi = ends - starts > 1
    lo_out: list[np.ndarray] = []
    hi_out: list[np.ndarray] = []
    for s, e in zip(starts[multi], ends[multi], strict=True):
        members = np.sort(order[s:e])
        if members[-1] < new_from:
            continue
        a, b = np.triu_indices(len(members), 1)
        keep = members[b] >= new_from
        lo_out.append(members[a][keep])
        hi_out.append(members[b][keep])
    if not lo_out:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(lo_out), np.concatenate(hi_out)


def rank(article_id: str, published: str | None, length: int) -> tuple[bool, str, int, str]:
    """How "original" an article is, lower first: earliest, then longest, then smallest id."""
    return published is None, published or "", -length, article_id


class CopyIndex:
    """Copy groups built incrementally: `add` articles as they arrive, `groups()` when needed.

    `add` only computes a signature; `groups()` finds candidates for the articles added since the
    last call (LSH bands over all stored signatures, by sorting) and checks them. Groups are the connected
    parts of the pairs found (every article keeps its signature row, verbatim copies too), so the result does
    not depend on the order articles were added in.
    """

    def __init__(self) -> None:
        self._ids: list[str] = []
        self._rank: list[tuple[bool, str, int, str]] = []  # how "original" each article is: lower wins
        self._parent: list[int] = []
        self._exact: dict[bytes, int] = {}  # normalised-word hash -> first article with it
        self._rows: list[int] = []  # article index of each signature row
        self._sigs = np.empty((0, NUM_PERM), dtype=np.uint32)
        self._keys = np.empty((0, BANDS), dtype=np.uint64)
        self._sizes = np.empty(0, dtype=np.int64)
        self._days = np.empty(0, dtype=np.int64)
        self._terms: list[np.ndarray] = []  # per signature row
        self._pending: list[tuple[np.ndarray, int, int]] = []
        self._seen: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, article: Article) -> None:
        """Add one article (an id already added is ignored)."""
        self.add_signed(article.id, rank(article.id, article.published, len(article.text)), signature(article.text),
                        day_number(article.published))

    def add_signed(self, article_id: str, rank_: tuple[bool, str, int, str], sig: Signature, day: int) -> None:
        """Add an article by its signature, `rank` and `day_number` (the corpus pass keeps these stored)."""
        if article_id in self._seen:
            return
        idx = len(self._ids)
        self._seen[article_id] = idx
        self._ids.append(article_id)
        self._rank.append(rank_)
        self._parent.append(idx)
        if sig.exact is None:
            return  # no words at all: nothing to be a copy of
        first = self._exact.setdefault(sig.exact, idx)
        if first != idx:
            self._union(first, idx)  # the same words: a verbatim copy
        if sig.minhash is not None:  # a copy keeps its row too, so groups do not depend on arrival order
            self._pending.append((sig.minhash, sig.size, day))
            self._terms.append(sig.terms)
            self._rows.append(idx)

    def _find(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    def _flush(self) -> None:
        """Stack pending signatures, then check every candidate pair that involves one of them."""
        if not self._pending:
            return
        new_from = len(self._sizes)
        new = np.stack([m for m, _, _ in self._pending])
        self._sigs = np.concatenate([self._sigs, new])
        self._keys = np.concatenate([self._keys, np.stack([_band_keys(m) for m in new])])
        self._sizes = np.concatenate([self._sizes, np.array([s for _, s, _ in self._pending], dtype=np.int64)])
        self._days = np.concatenate([self._days, np.array([d for _, _, d in self._pending], dtype=np.int64)])
        self._pending = []
        cand: set[tuple[int, int]] = set()
        for band in range(BANDS):
            lo, hi = _pairs_in_runs(self._keys[:, band], new_from)
            cand.update(zip(lo.tolist(), hi.tolist(), strict=True))
        if not cand:
            return
        pairs = np.array(sorted(cand), dtype=np.int64)
        for start in range(0, len(pairs), 200_000):  # bounded memory for the row gathers
            chunk = pairs[start:start + 200_000]
            a, b = chunk[:, 0], chunk[:, 1]
            jac, con = _estimates(self._sigs, self._sizes, a, b)
            da, db = self._days[a], self._days[b]
            near = (da < 0) | (db < 0) | (np.abs(da - db) <= MAX_DAYS)
            for a, b in chunk[is_copy(jac, con) & near].tolist():
                if same_terms(self._terms[a], self._terms[b]):
                    self._union(self._rows[a], self._rows[b])

    def groups(self) -> dict[str, str]:
        """Every article id -> the id of its group's original (earliest, then longest, then smallest id)."""
        self._flush()
        best: dict[int, int] = {}
        for i in range(len(self._ids)):
            r = self._find(i)
            if r not in best or self._rank[i] < self._rank[best[r]]:
                best[r] = i
        return {self._ids[i]: self._ids[best[self._find(i)]] for i in range(len(self._ids))}


def copy_groups(articles: Iterable[Article]) -> dict[str, str]:
    """Every article id -> the id of its copy group's original; an article with no copies maps to itself."""
    index = CopyIndex()
    for a in articles:
        index.add(a)
    return index.groups()
