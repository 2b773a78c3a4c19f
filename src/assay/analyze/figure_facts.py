"""The figures a claim gives, as corroboration compares them: two origins in two articles giving the same
figure for one estimand within a week of each other corroborate each other, which lets an estimate series
raise the grades of the claims in it.

Figures that differ are not set against each other as contradictions. Read on the news dev set, 13 such
pairs of exact counts given within a day were mostly tolls of different places of one disaster, or counts
of different things that the estimand key could not tell apart (two of them were real disputes). They stay
visible as a series' conflicts instead, where a reader sees both figures."""

from __future__ import annotations

from dataclasses import dataclass

from assay.analyze.estimates import AGREE_DAYS, main_country, point_bounds, series_key
from assay.dates import iso_day
from assay.records import Extraction
from assay.serial import Record

FIGURE_BLOCK = "fig:"  # prefix of the blocking names that pair claims giving figures of one estimand
# Counts of a fixed fact that two reports can confirm; crowd sizes and figures of no known kind ("two trucks",
# "30 people") are too loosely keyed for one to confirm the other.
FACT_CONCEPTS = {"casualties", "personnel", "displaced", "detained", "attacks", "weapons"}


@dataclass(frozen=True)
class FigureFact(Record):
    """One reported figure of a claim: its series key, the interval it allows, the day it was given."""

    key: str
    low: float
    high: float | None  # None: no upper bound ("at least 400")
    day: int  # proleptic ordinal of the claim's date
    text: str
    bound: str = "exact"  # exact, approx, at_least, at_most, range
    article: str = ""

    def agrees(self, other: FigureFact) -> bool:
        """The same figure: both stated as numbers whose bounds meet, or the same bound on the same number
        ("at least 500" twice). "at least 5" does not confirm "249"."""
        if self.bound == other.bound and (self.low, self.high) == (other.low, other.high):
            return True
        return self.bound in ("exact", "approx") and other.bound in ("exact", "approx") and self.meets(other)

    def meets(self, other: FigureFact) -> bool:
        return (self.high is None or other.low <= self.high) and (other.high is None or self.low <= other.high)


def claim_figures(ex: Extraction) -> dict[str, tuple[FigureFact, ...]]:
    """Claim id -> the reported figures it gives, with an estimand, a date and a bound that says something
    (one pass over the article's figures; the article's main country is read once)."""
    claims = {c.id: c for c in ex.claims if c.modality not in ("negated", "hypothetical", "predicted")}
    place = main_country(ex)
    out: dict[str, list[FigureFact]] = {}
    for q in ex.quantities:
        e, claim = q.estimand, claims.get(q.claim or "")
        if claim is None or e is None or q.status != "reported" or q.bound == "vague" \
                or e.concept not in FACT_CONCEPTS or e.concept == "casualties" and e.measure is None:
            continue
        day = iso_day(claim.stated_on or ex.article.published)
        low, high = point_bounds({"value": q.value, "low": q.low, "high": q.high, "bound": q.bound})
        if day is None or low <= 0 and high == float("inf"):
            continue
        out.setdefault(claim.id, []).append(FigureFact(
            series_key(e, place), low, None if high == float("inf") else high,
            day.toordinal(), q.span.text, q.bound or "exact", ex.article.id))
    return {cid: tuple(figs) for cid, figs in out.items()}


def figure_blocks(figures: tuple[FigureFact, ...]) -> frozenset[str]:
    return frozenset(FIGURE_BLOCK + f.key for f in figures)


def figure_relation(a: tuple[FigureFact, ...], b: tuple[FigureFact, ...]) -> str | None:
    """The reason two claims corroborate each other through their figures, else None: the same figure for one
    estimand, given in two articles within a week."""
    for fa in a:
        for fb in b:
            days = abs(fb.day - fa.day)
            if fa.key == fb.key and fa.article != fb.article and days <= AGREE_DAYS and fa.agrees(fb):
                return f"'{fa.text}' and '{fb.text}' agree, {days} days apart"
    return None
