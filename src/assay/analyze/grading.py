"""NATO Admiralty grades for every claim: source reliability A-F x information credibility 1-6.

Reliability starts from a prior per source kind (data/reliability.tsv, replaceable by the
`reliability_file` setting) and moves one letter with the source's track record in the store: up when at
least three of its claims are corroborated and none contradicted, down when more are contradicted than
corroborated (two at least). Credibility counts independent origins, never articles:

  1  confirmed by two or more other independent origins, contradicted by none
  2  confirmed by one other independent origin, contradicted by none
  3  both confirmed and contradicted by other origins
  4  contradicted by one other independent origin
  5  contradicted by two or more
  6  cannot be judged: no other independent origin speaks to it

A source whose country is a party to the conflict its article reports (an actor or target of force,
coercion, threats or sanctions there, or the country where it happens) is flagged as an interested party,
shown beside the grade and never silently down-weighted. Hedges map to ICD 203 probability bands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import ClassVar

from assay.analyze.corroboration import ClaimKey, Relation, claim_origins, claim_views, find_relations
from assay.records import Claim, Extraction
from assay.serial import Record
from assay.tsv import data_rows, data_text, numbered_rows

LETTERS = "ABCDEF"
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"})
SourceId = Callable[[Extraction, Claim], "str | None"]


@dataclass(frozen=True)
class Grade(Record):
    """A claim's grade with the reasons in words; `to_dict` is a row of the store's claim_grades table."""

    json_derived: ClassVar[dict[str, str]] = {"grade": "code"}

    reliability: str
    credibility: int
    origin: str
    reliability_reason: str
    credibility_reason: str
    interested_party: str | None = None  # ISO code of the party the source belongs to
    probability: str | None = None  # ICD 203 band of the claim's hedge

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass
class Grading:
    """Grades of every claim in the store and the relations they rest on."""

    grades: dict[ClaimKey, Grade] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)


@lru_cache(maxsize=4)
def reliability_priors(path: str = "") -> dict[str, tuple[str, str]]:
    """Source kind -> (letter, why); from a user's file when given (a bad letter is a ValueError)."""
    text = Path(path).read_text(encoding="utf-8") if path else data_text("reliability.tsv")
    priors = {}
    for n, row in numbered_rows(text):
        if len(row) != 3 or row[1] not in LETTERS:
            raise ValueError(f"{path or 'reliability.tsv'}:{n}: expected kind, a letter A-F and a reason")
        priors[row[0]] = (row[1], row[2])
    return priors


@lru_cache(maxsize=1)
def probability_bands() -> dict[str, str]:
    return {phrase: band for phrase, band in data_rows("probability.tsv")}


def probability_of(claim: Claim) -> str | None:
    """The ICD 203 band of the claim's first hedge that has one."""
    bands = probability_bands()
    return next((bands[h.text.lower()] for h in claim.hedges if h.text.lower() in bands), None)


def _credibility(agree: set[str], contra: set[str]) -> tuple[int, str]:
    def n(origins: set[str]) -> str:
        return "one other independent origin" if len(origins) == 1 else f"{len(origins)} independent origins"
    if agree and not contra:
        return (1 if len(agree) >= 2 else 2), f"confirmed by {n(agree)}"
    if agree and contra:
        return 3, f"confirmed by {n(agree)}, contradicted by {n(contra)}"
    if contra:
        return (5 if len(contra) >= 2 else 4), f"contradicted by {n(contra)}"
    return 6, "cannot be judged: no other independent origin reports on it"


def _shift(letter: str, step: int) -> str:
    return LETTERS[min(max(LETTERS.index(letter) + step, 0), LETTERS.index("E"))] if letter != "F" else letter


def _reliability(kind: str, record: tuple[int, int], priors: dict[str, tuple[str, str]]) -> tuple[str, str]:
    letter, why = priors.get(kind, ("F", "a source of unknown kind: reliability cannot be judged"))
    good, bad = record
    if good >= 3 and bad == 0:
        letter, why = _shift(letter, -1), f"{why}; {good} of its claims corroborated, none contradicted"
    elif bad >= 2 and bad > good:
        letter, why = _shift(letter, +1), f"{why}; {bad} of its claims contradicted, {good} corroborated"
    elif good or bad:
        why = f"{why}; {good} of its claims corroborated, {bad} contradicted"
    return letter, why


def parties(ex: Extraction) -> set[str]:
    """Countries that act, are targeted, or are fought over in the article's conflict events."""
    conflict = [e for e in ex.events if e.type in CONFLICT_TYPES]
    sides = {a.country for e in conflict for a in (*e.actors, *e.recipients) if a.country}
    return sides | {e.place.country for e in conflict if e.place and e.place.country}


def local_country(ex: Extraction, claim: Claim) -> str | None:
    return next((e.country for e in ex.entities if e.id == claim.source_entity), None)


def wording(claim: Claim) -> str:
    """A claim's words: copies of one claim in reprints count once in a track record."""
    return " ".join(" ".join(s.text.lower().split()) for s in claim.content)


def _track_record(exs: list[Extraction], origins: dict[ClaimKey, str], agree: dict[ClaimKey, set[str]],
                  contra: dict[ClaimKey, set[str]]) -> dict[str, OriginRecord]:
    """origin -> its distinct claims (by wording) -> (corroborated, contradicted)."""
    by_origin: dict[str, list[tuple[str, bool, bool]]] = defaultdict(list)
    for ex in exs:
        for c in ex.claims:
            key = (ex.article.id, c.id)
            by_origin[origins[key]].append((wording(c), bool(agree[key]), bool(contra[key])))
    return {origin: origin_record(claims) for origin, claims in by_origin.items()}


@dataclass(frozen=True)
class OriginRecord:
    """One origin's track record: its distinct claims (by wording) -> (corroborated, contradicted), and the
    totals (claims corroborated and not contradicted, claims contradicted), each wording counted once."""

    claims: dict[str, tuple[bool, bool]]
    totals: tuple[int, int]

    def without(self, text: str) -> tuple[int, int]:
        """The totals less one wording's claim: a claim does not vouch for itself."""
        good, bad = self.claims[text]
        return self.totals[0] - (good and not bad), self.totals[1] - bad


def origin_record(claims: Iterable[tuple[str, bool, bool]]) -> OriginRecord:
    """An origin's record from (wording, agreed, contradicted) of each of its claims."""
    record: dict[str, tuple[bool, bool]] = {}
    for text, agreed, contradicted in claims:
        good, bad = record.get(text, (False, False))
        record[text] = (good or agreed, bad or contradicted)
    totals = sum(good and not bad for good, bad in record.values()), sum(bad for _, bad in record.values())
    return OriginRecord(record, totals)


def grade_of(kind: str, origin: str, agree: set[str], contra: set[str], record: OriginRecord,
             text: str, country: str | None, parties_: set[str], probability: str | None,
             priors: dict[str, tuple[str, str]]) -> Grade:
    """One claim's grade from its relations' origins, its origin's record and its article's parties."""
    cred, cred_why = _credibility(agree, contra)
    rel, rel_why = _reliability(kind, record.without(text), priors)
    return Grade(rel, cred, origin, rel_why, cred_why, country if country in parties_ else None, probability)


def grade_claims(extractions: Iterable[Extraction], copy_of: dict[str, str], source_id: SourceId,
                 priors: dict[str, tuple[str, str]] | None = None, source_country: SourceId | None = None) -> Grading:
    """Grade every claim of the store (see the module docstring).

    `source_country` gives a source's country as known across the store (a pronoun mention names none).
    """
    exs = list(extractions)
    priors = priors or reliability_priors()
    country_of = source_country or local_country
    origins = claim_origins(exs, copy_of, source_id)
    relations = find_relations(claim_views(exs, copy_of, origins))
    agree: dict[ClaimKey, set[str]] = defaultdict(set)
    contra: dict[ClaimKey, set[str]] = defaultdict(set)
    for r in relations:
        into = agree if r.kind == "corroborates" else contra
        into[r.a].add(origins[r.b])
        into[r.b].add(origins[r.a])
    record = _track_record(exs, origins, agree, contra)
    grading = Grading(relations=relations)
    group_parties: dict[str, set[str]] = defaultdict(set)  # copies of a report share its parties
    for ex in exs:
        group_parties[copy_of.get(ex.article.id, ex.article.id)] |= parties(ex)
    for ex in exs:
        in_group = group_parties[copy_of.get(ex.article.id, ex.article.id)]
        for c in ex.claims:
            key = (ex.article.id, c.id)
            grading.grades[key] = grade_of(c.source_kind, origins[key], agree[key], contra[key],
                                           record[origins[key]], wording(c), country_of(ex, c), in_group,
                                           probability_of(c), priors)
    return grading
