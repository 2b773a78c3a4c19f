"""Which claims back or contradict which, counted by independent origin, never by article.

A claim's **origin** is the original source behind the chain of reporting:
- a resolved named source is its entity ("src:org:kr-nis"), whichever outlet quotes it;
- a media source ("according to Yonhap") and an outlet's own unattributed reporting are that outlet
  ("outlet:yonhap"), taking the outlet of the original when the article is a copy;
- an anonymous source, an unnamed group ("diplomats") or an artifact ("the footage") is that source within
  the original article of its copy group: nothing says two reports' "officials" are the same people.

Two claims **corroborate** each other when they come from different origins, say the same thing with
the same polarity (shared names and most of their words); they **contradict** when one asserts what the
other denies (a negated claim or a denial cue against an assertion about the same named things and
action). Claims in two articles that give the same figure for one estimand within a week corroborate each
other (analyze/figure_facts.py).
Matching is lexical, on purpose: cheap, explainable, and never merges claims away.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from assay.analyze.figure_facts import FigureFact, claim_figures, figure_blocks, figure_relation
from assay.records import Claim, Extraction
from assay.serial import Record
from assay.tsv import data_rows

ClaimKey = tuple[str, str]  # (article id, claim id)

STOPWORDS = frozenset("""a an the and or but if of in on at to for from by with without about into over under
after before since during than then that this these those there here it its it's they them their he she his her
we our you your i me my is are was were be been being has have had do does did will would can could may might
must shall should not no nor any some all each every more most much many very also just only such as so too
said says say told according who whom which what when where why how while again further once out up down off
now new one two three""".split())
MEDIA_WORDS = ("news agency", "agency", "news", "newspaper", "daily", "television", "tv", "radio")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
AGREE_JACCARD = 0.5  # most of the words in common: the same statement, not just the same topic
AGREE_SHARED = 4  # ... and enough of them that a short phrase ("the Republican nominee") says nothing
DENIAL_COVERED = 0.6  # a denial is short: most of its words must be in the claim it denies
DENIAL_ACTION = 2  # ... two of them besides the names ("troops", "crossed"), so it denies the same thing
MIN_WORDS = 4  # a claim of fewer content words ("Mrs. Clinton's tax plans") is not a statement to compare
UNIDENTIFIED = frozenset({"anonymous", "unnamed_group", "artifact"})  # "officials", "the footage": one per report
MAX_BUCKET = 400  # a name in more claims than this ("U.S.") is too common to block on


@dataclass(frozen=True)
class Relation(Record):
    """An explicit link between two claims of different origins."""

    kind: str  # "corroborates" or "contradicts"
    a: ClaimKey
    b: ClaimKey
    reason: str

    def row(self) -> dict[str, object]:
        """As a row of the store's relations table."""
        return {"kind": self.kind, "a_article": self.a[0], "a_claim": self.a[1], "b_article": self.b[0],
                "b_claim": self.b[1], "reason": self.reason}


@dataclass(frozen=True)
class ClaimView:
    """What corroboration needs of one claim."""

    key: ClaimKey
    origin: str
    negative: bool
    names: frozenset[str]
    words: frozenset[str]
    spans: tuple[tuple[int, int], ...] = ()
    group: str = ""  # the original article of its copy group
    figures: tuple[FigureFact, ...] = ()  # the reported figures it gives (analyze/figure_facts.py)

    @property
    def blocks(self) -> frozenset[str]:
        """What it is paired on: its names and the estimands of its figures."""
        return self.names | figure_blocks(self.figures)


def normalize_outlet(name: str) -> str:
    """ "The Yonhap news agency" and "Yonhap" are one outlet."""
    n = " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())
    n = n[4:] if n.startswith("the ") else n
    for word in MEDIA_WORDS:
        if n.endswith(" " + word):
            n = n[: -len(word) - 1]
    return n


def origin_of(kind: str, has_source: bool, source_name: str | None, original_id: str, original_outlet: str | None,
              source_id: str | None) -> str:
    """The independent origin of a claim (see the module docstring), from its source's kind, name and store-wide
    id and the original article of its copy group."""
    if kind == "media" and has_source:
        return "outlet:" + normalize_outlet(source_name or "")
    if kind == "unattributed" or not has_source:
        return "outlet:" + normalize_outlet(original_outlet or original_id)
    if source_id and kind not in UNIDENTIFIED:
        return "src:" + source_id
    return f"anon:{original_id}:{(source_name or '').lower()}"


def claim_origin(ex: Extraction, claim: Claim, original: Extraction, source_id: str | None) -> str:
    return origin_of(claim.source_kind, claim.source is not None, ex.source_name(claim), original.article.id,
                     original.article.outlet, source_id)


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    return {word: synonym for word, synonym in data_rows("claim_synonyms.tsv")}


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    return synonyms().get(w, w)


def content_terms(claim: Claim) -> tuple[frozenset[str], frozenset[str]]:
    """(names, words): capitalised words past the first of a span, and all content words, stemmed."""
    names: set[str] = set()
    words: set[str] = set()
    for span in claim.content:
        for i, m in enumerate(WORD.finditer(span.text)):
            token = m.group()
            if token.lower() in STOPWORDS or len(token) < 3:
                continue
            stem = _stem(token)
            words.add(stem)
            if i > 0 and token[0].isupper():
                names.add(stem)
    return frozenset(names), frozenset(words)


def is_negative(claim: Claim) -> bool:
    return claim.modality == "negated" or claim.cue_class == "deny"


def claim_origins(extractions: Iterable[Extraction], copy_of: dict[str, str],
                  source_id: Callable[[Extraction, Claim], str | None]) -> dict[ClaimKey, str]:
    """Every claim's independent origin."""
    exs = list(extractions)
    by_id = {ex.article.id: ex for ex in exs}
    return {(ex.article.id, c.id): claim_origin(ex, c, by_id.get(copy_of.get(ex.article.id, ex.article.id), ex),
                                                source_id(ex, c))
            for ex in exs for c in ex.claims}


def claim_views(extractions: Iterable[Extraction], copy_of: dict[str, str],
                origins: dict[ClaimKey, str]) -> list[ClaimView]:
    """Views of every claim that states something (hypotheticals and predictions assert nothing yet)."""
    views = []
    for ex in extractions:
        group = copy_of.get(ex.article.id, ex.article.id)
        by_claim = claim_figures(ex)
        for c in ex.claims:
            if c.modality in ("hypothetical", "predicted"):
                continue
            names, words = content_terms(c)
            figures = by_claim.get(c.id, ())
            if names and len(words) >= MIN_WORDS or figures:
                views.append(ClaimView((ex.article.id, c.id), origins[(ex.article.id, c.id)], is_negative(c),
                                       names, words, tuple((s.start, s.end) for s in c.content), group, figures))
    return views


def _same_text(a: ClaimView, b: ClaimView) -> bool:
    """Claims over the same words are one statement: a claim nested in another, or any two claims in different
    copies of one report (whatever they say to each other, the original already says it)."""
    if a.key[0] == b.key[0]:
        return any(s < f and t < e for s, e in a.spans for t, f in b.spans)
    return a.group == b.group


def relate(a: ClaimView, b: ClaimView) -> Relation | None:
    if _same_text(a, b):
        return None
    if (same_figure := figure_relation(a.figures, b.figures)) is not None:
        return Relation("corroborates", a.key, b.key, same_figure)
    if not (a.names and len(a.words) >= MIN_WORDS and b.names and len(b.words) >= MIN_WORDS):
        return None  # a claim paired for its figures alone says too little to compare its words
    shared = a.words & b.words
    if a.negative == b.negative:
        jaccard = len(shared) / len(a.words | b.words)
        if jaccard >= AGREE_JACCARD and len(shared) >= AGREE_SHARED:
            return Relation("corroborates", a.key, b.key, f"{len(shared)} words in common ({jaccard:.0%})")
        return None
    said, denied = (b, a) if a.negative else (a, b)
    action = shared - a.names - b.names
    names = a.names & b.names
    if names and len(action) >= DENIAL_ACTION and len(shared) / len(denied.words) >= DENIAL_COVERED:
        return Relation("contradicts", said.key, denied.key,
                        f"denies '{' '.join(sorted(action)[:3])}' about {', '.join(sorted(names)[:3])}")
    return None


def find_relations(views: list[ClaimView]) -> list[Relation]:
    """Corroborations and contradictions between claims of different origins, each pair once."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, v in enumerate(views):
        for name in v.blocks:
            buckets[name].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) <= MAX_BUCKET:
            pairs.update((i, j) for i, j in combinations(members, 2) if views[i].origin != views[j].origin)
    relations = (relate(views[i], views[j]) for i, j in sorted(pairs))
    return [r for r in relations if r is not None]
