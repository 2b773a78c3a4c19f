"""Estimate series: every figure given for the same thing, by whom and when (SCHEMA.md section 3).

Quantities of the same concept about the same subject ("Veldran" personnel) form one
series across all stored articles. A point's date is its claim's `stated_on`, else
the article's date. A point's `origin` is its claim's independent origin from the
corpus pass (analyze/corroboration.py): copies of one report and outlets quoting
one agency share it, so they count once among independent sources. Figures from
different origins given within a week whose bounds do not meet are listed as
`conflicts`, never averaged away. Hypothetical figures are kept apart, never as points.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date as date_type
from functools import lru_cache
from typing import Any

from assay.dates import iso_day
from assay.extract.lexicon import measure_cues
from assay.records import Claim, Estimand, Extraction, Quantity
from assay.resolve.countries import CountryTable, shipped_countries


def subject_key(subject: str) -> str:
    """ "North Koreans" and "North Korean" are one subject."""
    words = subject.lower().split()
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


Grades = dict[tuple[str, str], dict[str, Any]]  # (article, claim) -> a claim_grades row (origin, grade, ...)
Head = tuple[Estimand, str | None, str | None, str | None]
PointRow = tuple[str, Head, dict[str, Any]]  # a figure's series key, its estimand head and its point
MAX_CONFLICTS = 200  # a series listing more disagreements than this is noise; the brief shows 8
AGREE_DAYS = 7  # figures given within a week of each other describe the same moment
APPROX = 0.1  # "about 3,000" spans 2,700-3,300 when deciding whether two figures disagree


def _origin(ex: Extraction, claim: Claim | None, grades: Grades, copies: dict[str, str]) -> str:
    """The point's independent origin: its claim's, else the report it first appeared in."""
    if claim is not None and (ex.article.id, claim.id) in grades:
        return grades[(ex.article.id, claim.id)]["origin"]
    return "report:" + copies.get(ex.article.id, ex.article.id)


def _point(ex: Extraction, q: Quantity, grades: Grades, copies: dict[str, str]) -> dict[str, Any]:
    claim = next((c for c in ex.claims if c.id == q.claim), None)
    source = ex.source_name(claim) if claim is not None else None
    grade = grades.get((ex.article.id, claim.id)) if claim is not None else None
    return {
        "value": q.value, "low": q.low, "high": q.high, "bound": q.bound,
        "date": (claim.stated_on if claim and claim.stated_on else None) or ex.article.published,
        "source": source, "source_entity": grade["source_id"] if grade else claim.source_entity if claim else None,
        "source_name": claim.source.text if claim is not None and claim.source else None,  # as written
        "outlet": ex.article.outlet, "article": ex.article.id, "claim": q.claim, "status": q.status,
        "text": q.span.text, "origin": _origin(ex, claim, grades, copies),
        "grade": grade["grade"] if grade else None,
        "interested_party": grade["interested_party"] if grade else None,
        "concept": q.estimand.concept if q.estimand else q.concept, "offset": q.span.start,
        **dict(zip(("event", "event_type"), _event_of(ex, q.estimand), strict=True)),
    }


def point_bounds(p: dict[str, Any]) -> tuple[float, float]:
    """The interval a figure allows, widened for "about"."""
    lo = p["value"] if p["value"] is not None else p["low"] if p["low"] is not None else 0.0
    hi = p["value"] if p["value"] is not None else p["high"] if p["high"] is not None else float("inf")
    if p["bound"] == "at_least":
        hi = float("inf")
    elif p["bound"] == "at_most":
        lo = 0.0
    elif p["bound"] == "approx":
        lo, hi = lo * (1 - APPROX), hi * (1 + APPROX)
    return lo, hi


def _report(p: dict[str, Any]) -> tuple:
    return p["origin"], p["value"], p["low"], p["high"]


def conflicts(points: list[dict[str, Any]], rising: bool = False) -> list[dict[str, Any]]:
    """Pairs of figures from different origins, given within a week, whose bounds do not meet; copies of a
    report (same origin and figure) are one side, listed once. With `rising` (a toll, a count of the
    displaced) a higher figure given a day or more later is the count moving, not a disagreement.
    Figures are compared with those of the following week only, so a long series costs what its weeks hold."""
    dated = sorted((d.toordinal(), i) for i, p in enumerate(points) if (d := iso_day(p["date"])) is not None)
    first: dict[tuple, int] = {}  # one figure per report and day: copies add nothing to compare
    for day, i in dated:
        first.setdefault((_report(points[i]), day), i)
    reps = sorted((day, i) for (_, day), i in first.items())
    bounds = {i: point_bounds(points[i]) for _, i in reps}
    out = []
    seen: set[tuple] = set()
    for n, (day_a, i) in enumerate(reps):
        a = points[i]
        for day_b, j in reps[n + 1:]:
            days = day_b - day_a
            if days > AGREE_DAYS or len(out) >= MAX_CONFLICTS:
                break
            b = points[j]
            if a["origin"] == b["origin"]:
                continue
            pair = (_report(a), _report(b))
            if pair in seen:
                continue
            seen.add(pair)
            (alo, ahi), (blo, bhi) = bounds[i], bounds[j]
            if rising and days > 0 and blo >= alo:  # the later figure is the higher: the count moving
                continue
            if ahi < blo or bhi < alo:
                lo, hi = min(i, j), max(i, j)
                out.append({"a": lo, "b": hi, "reason": f"{points[lo]['text']} ({points[lo]['source'] or 'author'}) "
                                                        f"against {points[hi]['text']} "
                                                        f"({points[hi]['source'] or 'author'}), {days} days apart"})
    return sorted(out, key=lambda c: (c["a"], c["b"]))


def _summary(points: list[dict[str, Any]]) -> dict[str, Any]:
    def lo(p: dict[str, Any]) -> float:
        return p["value"] if p["value"] is not None else p["low"] if p["low"] is not None else p["high"]

    def hi(p: dict[str, Any]) -> float:
        return p["value"] if p["value"] is not None else p["high"] if p["high"] is not None else p["low"]
    latest = points[-1]
    return {"latest": latest["value"] if latest["value"] is not None else [latest["low"], latest["high"]],
            "latest_date": latest["date"], "latest_grade": latest["grade"],
            "low": min(lo(p) for p in points), "high": max(hi(p) for p in points),
            "sources": len({p["source"] for p in points if p["source"]}),
            "independent_sources": len({p["origin"] for p in points}),
            "reports": len({_report(p) for p in points}),
            "articles": len({p["article"] for p in points})}


INCIDENT_DAYS = 30  # figures of one incident follow each other; a longer silence is another incident
FLOW_DAYS = 7  # counts of a flow with no period of their own are of their week
FLOW_MEASURES = {"launched", "intercepted"}
INCIDENT_CONCEPTS = {"casualties", "displaced", "detained", "people", "attacks", "other"}
NOUN_LABEL = {"person": "people", None: ""}
YEAR_MONTH = re.compile(r"^\d{4}(-\d{2})?")


def main_country(ex: Extraction) -> str | None:
    """The country an article is about: the one its places name most often, a country named outright
    counting twice ("the central town of Moura" may have a namesake abroad; "Mali" is Mali), and first
    named on a tie."""
    counts: Counter[str] = Counter()  # counted in order named: max keeps the first
    for p in ex.places:
        if p.country:
            counts[p.country] += 2 if p.feature == "country" and p.name.lower() == p.span.text.lower() else 1
    return max(counts, key=counts.__getitem__) if counts else None


def series_key(e: Estimand, place: str | None) -> str:
    """The estimand key a series is built on: incidents (deaths, displacement) are also kept apart by place,
    and not by the period their clause names: when an incident happened splits its figures into windows
    (assemble_series), so "last month" and "in March 2022" said of one massacre meet, and an old tsunami
    stays apart from today's quake. A running total ("since the war began") is its own series."""
    if e.concept in INCIDENT_CONCEPTS and e.period and not e.period.startswith("since"):
        e = replace(e, period=None)
    return e.key() + ":" + ((place or "-") if e.concept in INCIDENT_CONCEPTS else "-")


def series_id(key: str) -> str:
    """A stable id from the estimand key: the same figures give the same id in any pass."""
    return "s:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def estimand_name(e: Estimand, subject: str | None, unit: str | None = None,
                  countries: CountryTable | None = None) -> str:
    """A readable name: "Malian soldiers killed", "drones launched in 2023", "trucks (wait)",
    "people displaced (projected)"; `unit` is the counted noun as written, for figures of no known kind."""
    # a subject read around a figure of no group
    who = (subject or _group_name(e.group, countries or shipped_countries())) if e.group else ""
    noun = _noun_label(e, unit)
    measure = e.measure or ""
    if measure and measure not in _measures():
        measure = f"({measure})"  # a plain verb of the clause: "trucks (wait)"
    words = " ".join(w for w in (who, noun, measure) if w) or e.concept
    if e.place:
        words += f" in {e.place}"
    if e.period:
        words += f" since {e.period[6:]}" if e.period.startswith("since:") else f" in {e.period}"
    if e.kind.startswith("per "):
        words += f" {e.kind}"
    return words + (" (projected)" if e.kind == "projection" else "")


def _group_name(group: str | None, countries: CountryTable) -> str:
    if group and len(group) == 2 and group.isalpha() and (info := countries.info(group.upper())) is not None:
        return info.name
    return group.upper() if group and len(group) == 2 else group or ""


def _noun_label(e: Estimand, unit: str | None) -> str:
    if e.concept == "personnel":
        return "personnel"
    if e.concept == "money":
        currency, _, thing = (e.counted or "").partition(":")
        return " ".join(w for w in (thing, "in " + currency if currency else "") if w) or "money"
    if e.counted == "person" or e.concept == "casualties":
        return "people"
    if e.counted:
        return e.counted if e.counted.endswith("s") or e.concept == "percentage" else e.counted + "s"
    if e.concept == "other":
        return (unit or "").lower() or "figures"  # "figures (compare)", not "(compare)"
    return e.concept if e.measure is None or e.concept != e.measure else ""


@lru_cache(maxsize=1)
def _measures() -> frozenset[str]:
    return frozenset(m for m, _ in measure_cues().values())


def article_points(ex: Extraction, grades: Grades, copies: dict[str, str]) -> list[PointRow]:
    """What one article adds to the series: each figure's series key, estimand head and point."""
    place = main_country(ex)
    return [(series_key(q.estimand, place), (q.estimand, q.subject, place, q.unit),
             _point(ex, q, grades, copies)) for q in ex.quantities if q.estimand is not None]


def share_copy_origins(own: list[PointRow], original: list[PointRow]) -> None:
    """A reprint's figure is its original's report: it takes the origin of the original's first point with
    the same figure, though the reprint may name the source in other words."""
    def figure(p: dict[str, Any]) -> tuple:
        return p["value"], p["low"], p["high"]
    first: dict[tuple, str] = {}
    for _, _, p in original:
        first.setdefault(figure(p), p["origin"])
    for _, _, p in own:
        p["origin"] = first.get(figure(p), p["origin"])


def points_by_article(extractions: Iterable[Extraction], grades: Grades, copies: dict[str, str]
                      ) -> dict[str, list[PointRow]]:
    """Every article's point rows, reprints' origins shared with their originals'."""
    rows = {ex.article.id: article_points(ex, grades, copies) for ex in extractions}
    for article, own in rows.items():
        original = copies.get(article, article)
        if original != article and original in rows:
            share_copy_origins(own, rows[original])
    return rows


def assemble_series(rows: Iterable[tuple[str, PointRow]], countries: CountryTable | None = None
                    ) -> list[dict[str, Any]]:
    """The series the point rows form, given as (article id, row) in (article id, text) order."""
    points: dict[str, list[dict[str, Any]]] = defaultdict(list)
    heads: dict[str, Head] = {}  # the first estimand of each key, with its subject, country and unit
    periods: dict[int, str | None] = {}  # the period each point's own clause names
    for _, (key, head, point) in rows:
        if key not in heads or (heads[key][1] is None and head[1]):
            heads[key] = head
        points[key].append(point)
        periods[id(point)] = head[0].period
    out = []
    for key, pts in points.items():
        e, subject, place, unit = heads[key]
        runs = _windows(e, sorted(pts, key=lambda p: (p["date"] or "", p["article"])), periods)
        for when, members in runs:
            run_e = _run_estimand(e, {periods[id(p)] for p in members})
            name = estimand_name(run_e, subject, unit, countries)
            for part_key, part in _parts(key, members):
                out += _series(part_key, when if len(runs) > 1 else None, run_e, name, place, part)
    return out


def _run_estimand(e: Estimand, said: set[str | None]) -> Estimand:
    """An incident's window is named by the period its figures' clauses name, when they name one alike."""
    if e.concept not in INCIDENT_CONCEPTS or (e.period or "").startswith("since"):
        return e
    return replace(e, period=next(iter(said)) if len(said) == 1 else None)


def series_order(series: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Largest first (most reports), then by estimand and id, so any way of building them lists them alike."""
    return sorted(series, key=lambda s: (-s["summary"]["reports"], s["estimand"], s["id"]))


def build_series(extractions: Iterable[Extraction], about: str | None = None, grades: Grades | None = None,
                 copies: dict[str, str] | None = None, countries: CountryTable | None = None) -> list[dict[str, Any]]:
    """Estimate series across the corpus, largest first; `about` keeps series whose name holds it.

    `grades` and `copies` come from the corpus pass (the store); without them every report is its own origin.
    `countries` names groups (the user's scenario countries too); the shipped table when not given.
    """
    rows = points_by_article(extractions, grades or {}, copies or {})
    flat = ((a, r) for a in sorted(rows) for r in rows[a])
    return select_series(series_order(assemble_series(flat, countries)), about=about)


def _event_of(ex: Extraction, e: Estimand | None) -> tuple[str | None, str | None]:
    """(ARTICLE_ID/eN, PLOVER type) of the event a figure belongs to, when it has one."""
    if e is None or e.event is None or e.event >= len(ex.events):
        return None, None
    return f"{ex.article.id}/e{e.event}", ex.events[e.event].type


def _upper(p: dict[str, Any]) -> float:
    lo, hi = point_bounds(p)
    return hi if hi != float("inf") else lo


def _parts(key: str, points: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """One origin giving several different figures for one estimand in one article is giving parts
    (a district's toll after the total, last year's after this year's), not rival estimates: the
    figure it gives first stays in the series, each other figure becomes a series of that article's own.
    Different origins' figures in one article stay together: they are the disagreement we show."""
    by_origin: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        if p["status"] != "hypothetical":  # a figure that might be stays beside the series it is about
            by_origin[(p["article"], p["origin"])].append(p)
    parts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (article, _), pts in by_origin.items():
        top = _upper(min(pts, key=lambda p: p["offset"]))
        for p in pts:
            if _upper(p) != top:
                parts[f"{key}|part:{article}:{_upper(p):g}"].append(p)
    moved = {id(p) for pts in parts.values() for p in pts}
    return [(key, [p for p in points if id(p) not in moved]), *parts.items()]


def _a_flow(e: Estimand) -> bool:
    """Counts of what passes or happens (trucks entering, drones launched, attacks), not of a stock."""
    return e.concept in ("vehicles", "attacks") or (e.concept == "weapons" and e.measure in FLOW_MEASURES)


def incident_day(period: str | None, said_on: str | None) -> date_type | None:
    """When an incident happened, as near as the text says: the last day of the month or year its clause
    names, or the report's day when that is earlier ("in March 2022" said in 2023 is 31 March 2022; "this
    year" said in June is the report's day); the report's day when the clause names no period."""
    said = iso_day(said_on)
    if not period or not YEAR_MONTH.match(period):
        return said
    year, month = int(period[:4]), int(period[5:7]) if len(period) >= 7 else 12
    end = date_type(year, month, calendar.monthrange(year, month)[1])
    return min(end, said) if said else end


def _windows(e: Estimand, points: list[dict[str, Any]], periods: dict[int, str | None]
             ) -> list[tuple[str | None, list[dict[str, Any]]]]:
    """An incident's figures (deaths, displacement) are one series while the days they happened follow each
    other within INCIDENT_DAYS; a longer gap is another incident. A flow's counts with no period of their own
    ("419 trucks entered", "40 drones were launched") are of the days around their report: a week's silence
    starts another count. Others (a force's size, a stock of weapons), and running totals, stay whole."""
    gap = INCIDENT_DAYS if e.concept in INCIDENT_CONCEPTS else FLOW_DAYS if _a_flow(e) and not e.period else None
    if gap is None or (e.period or "").startswith("since"):
        return [(None, points)]
    days = {id(p): incident_day(periods.get(id(p)), p["date"]) for p in points}
    ordered = sorted(points, key=lambda p: (days[id(p)] or date_type.min, p["date"] or "", p["article"]))
    runs: list[tuple[str | None, list[dict[str, Any]]]] = []
    for p in ordered:
        day = days[id(p)]
        last = days[id(runs[-1][1][-1])] if runs else None
        if runs and (day is None or last is None or (day - last).days <= gap):
            runs[-1][1].append(p)
        else:
            runs.append((day.isoformat() if day else None, [p]))
    for _, members in runs:
        members.sort(key=lambda p: (p["date"] or "", p["article"]))
    return runs


def _series(key: str, when: str | None, e: Estimand, name: str, place: str | None,
            pts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    real = [p for p in pts if p["status"] != "hypothetical"]
    if not real:
        return []
    sid = series_id(key + (f"@{when}" if when else ""))
    if when and not e.period:
        name = f"{name} (from {when})"
    if "|part:" in key:
        name = f"{name} (a part, in {pts[0]['article']})"
    return [{"id": sid, "estimand": name, "concept": e.concept, "measure": e.measure, "group": e.group,
             "place": place if e.concept in INCIDENT_CONCEPTS else None,
             "event": next((p["event"] for p in real if p["event"]), None),
             "event_type": next((p["event_type"] for p in real if p["event_type"]), None),
             "period": e.period, "kind": e.kind, "points": real,
             "hypotheticals": [p for p in pts if p["status"] == "hypothetical"],
             "summary": _summary(real), "conflicts": conflicts(real, rising=e.concept in INCIDENT_CONCEPTS)}]


def select_series(series: list[dict[str, Any]], about: str | None = None, concept: str | None = None,
                  event: str | None = None, place: str | None = None) -> list[dict[str, Any]]:
    """Series matching every filter given: name text, concept ("casualties"), an event id (ARTICLE/eN)
    or PLOVER type of one of its points ("ASSAULT"), and a place code ("SD") or name text."""
    def wanted(s: dict[str, Any]) -> bool:
        if about and about.lower() not in s["estimand"].lower():
            return False
        if concept and concept.lower() != (s["concept"] or "").lower():
            return False
        if event and not any(event.lower() in (str(p.get(k) or "")).lower() for p in s["points"]
                             for k in ("event", "event_type")):
            return False
        return not place or place.upper() in (s["place"], s["group"] and s["group"].upper()) \
            or place.lower() in s["estimand"].lower()
    return [s for s in series if wanted(s)]


def what_line(s: dict[str, Any]) -> str:
    """What a series measures, in a few words: "casualties · killed · ASSAULT · SD"."""
    measure = s.get("measure") if s.get("measure") != s["concept"] else None
    return " · ".join(str(v) for v in (s["concept"], measure, s.get("event_type"), s.get("place") or
                                       s.get("group")) if v)



