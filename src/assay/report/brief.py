"""The brief: one self-contained HTML file (no script, no network) that says who claims what, how many, since when.

Everything comes from the store: estimate series drawn as inline SVG, key claims by source with their grades
and reasons, contradictions side by side, a timeline of events, places by country, and every article cited,
in full, at the end. Article text is untrusted: the template autoescapes, and only our own markup (evidence
marks, the charts' SVG) is passed through as safe. Lists are capped, with counts of what was left out, so a
large store still makes a brief a person can read.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from assay.analyze.estimates import select_series, series_order, what_line
from assay.analyze.events import event_rows
from assay.analyze.places import place_table
from assay.formatting import actor_list, day_of, figure, plural, short_day, sort_day
from assay.records import Extraction
from assay.report.charts import place_map, series_chart
from assay.report.evidence import evidence, highlight
from assay.store import Store

TEMPLATES = Path(__file__).parent / "templates"
RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY = {1: "confirmed by two or more other independent origins", 2: "confirmed by one other independent origin",
               3: "both confirmed and contradicted", 4: "contradicted by one other independent origin",
               5: "contradicted by two or more other origins", 6: "cannot be judged: no other origin speaks to it"}


@dataclass(frozen=True)
class Limits:
    """How much of a large store one brief shows; the rest is counted, not listed."""

    series: int = 6
    series_rows: int = 12
    series_notes: int = 8  # disagreements and hypothetical figures listed under one series
    sources: int = 10
    claims_per_source: int = 5
    contradictions: int = 12
    events: int = 40
    countries: int = 20
    places_mapped: int = 60


# ---- small text helpers


def quoted(text: str) -> str:
    """The words in quotation marks, unless they already open with one."""
    return text if text[:1] in "\"“‘'" else f"“{text}”"


def _mid(p: dict[str, Any]) -> float:
    if p.get("value") is not None:
        return float(p["value"])
    lo, hi = p.get("low"), p.get("high")
    return (lo + hi) / 2 if lo is not None and hi is not None else float(lo if lo is not None else hi or 0)


def series_line(series: dict[str, Any], year: int | None = None) -> str:
    """ "≥ 6,000 (Lenart Voss, 10 Mar), up from about 2,000 on 1 Mar; 3 sources, 3 independent; latest grade C6"."""
    points, s = series["points"], series["summary"]
    first, last = points[0], points[-1]
    line = f"{figure(last)} ({last['source'] or 'the article itself'}, {short_day(last['date'], year)})"
    if len(points) > 1:
        change = _mid(last) - _mid(first)
        word = "up from" if change > 0 else "down from" if change < 0 else "the same as"
        line += f", {word} {figure(first)} on {short_day(first['date'], year)}"
    line += f"; {plural(s['sources'], 'source')}, {s['independent_sources']} independent"
    return line + (f"; latest grade {s['latest_grade']}" if s.get("latest_grade") else "")


def anchor(article_id: str) -> str:
    """A safe, stable HTML id for an article (ids may hold any character)."""
    return "art-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]


def grade_info(grade: str | None, rel_reason: str | None = None, cred_reason: str | None = None) -> dict[str, Any]:
    """A grade with its plain words and reasons, and a tone for its badge (by credibility)."""
    if not grade:
        return {"code": "—", "tone": "none", "words": "not graded yet: run assay ingest again", "why": []}
    letter, digit = grade[0], int(grade[1]) if grade[1:].isdigit() else 6
    tone = {1: "good", 2: "good", 3: "mixed", 4: "bad", 5: "bad"}.get(digit, "none")
    why = [f"{letter}: {rel_reason or RELIABILITY.get(letter, '')}",
           f"{digit}: {cred_reason or CREDIBILITY.get(digit, '')}"]
    return {"code": grade, "tone": tone, "words": f"{RELIABILITY.get(letter, '?')}; {CREDIBILITY.get(digit, '?')}",
            "why": why}


# ---- evidence and the articles it cites


class Citations:
    """Evidence sentences for brief items, and the spans to mark in each cited article's full text."""

    def __init__(self, extractions: dict[str, Extraction], year: int | None) -> None:
        self.extractions = extractions
        self.year = year
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)

    def cite(self, article_id: str, start: int, end: int, css: str = "hl") -> dict[str, Any]:
        ex = self.extractions.get(article_id)
        if ex is None:
            return {"html": "", "href": None, "outlet": None, "date": None, "title": article_id}
        a = ex.article
        self.spans[article_id].append((start, end, css))
        return {"html": Markup(evidence(a.text, (start, end)).html(css)), "href": "#" + anchor(a.id),
                "outlet": a.outlet or "unknown outlet", "date": short_day(a.published, self.year),
                "title": a.title or a.id}

    def articles(self, copies: dict[str, str]) -> list[dict[str, Any]]:
        """Every cited article, oldest first, with its text escaped and the cited spans marked."""
        cited = [self.extractions[i].article for i in self.spans]
        cited.sort(key=lambda a: (a.published or "", a.id))
        return [{"anchor": anchor(a.id), "id": a.id, "title": a.title or "(untitled)", "outlet": a.outlet,
                 "published": a.published, "url": a.url, "author": a.author,
                 "copy_of": copies.get(a.id) if copies.get(a.id) not in (None, a.id) else None,
                 "html": Markup(highlight(a.text, self.spans[a.id]))} for a in cited]


# ---- sections


def _quantity_span(ex: Extraction | None, point: dict[str, Any]) -> tuple[int, int] | None:
    for q in ex.quantities if ex else ():
        if q.claim == point["claim"] and q.span.text == point["text"]:
            return q.span.start, q.span.end
    return None


def _series_rows(series: dict[str, Any], cites: Citations) -> list[dict[str, Any]]:
    """One row per report: copies of one figure from one origin on one day are one row with several outlets."""
    rows: dict[tuple, dict[str, Any]] = {}
    for p in series["points"]:
        key = (p["origin"], p["value"], p["low"], p["high"], p["date"])
        if key in rows:
            rows[key]["outlets"].append(p["outlet"] or "unknown outlet")
            continue
        span = _quantity_span(cites.extractions.get(p["article"]), p)
        rows[key] = {"date": short_day(p["date"], cites.year), "figure": figure(p), "source": p["source"],
                     "party": p["interested_party"], "grade": grade_info(p["grade"]), "outlets": [p["outlet"]
                     or "unknown outlet"], "ev": cites.cite(p["article"], *span, "fig") if span else None}
    return list(rows.values())


def series_section(all_series: list[dict[str, Any]], cites: Citations, limits: Limits) -> list[dict[str, Any]]:
    out = []
    for s in all_series[:limits.series]:
        rows = _series_rows(s, cites)
        out.append({
            "name": s["estimand"], "what": what_line(s), "line": series_line(s, cites.year),
            "svg": series_chart(s["points"]),
            "rows": rows[-limits.series_rows:], "rows_left": max(0, len(rows) - limits.series_rows),
            "hypotheticals": [{"figure": figure(p), "source": p["source"], "date": short_day(p["date"], cites.year),
                               "ev": _cite_point(p, cites)} for p in s["hypotheticals"][:limits.series_notes]],
            "hypotheticals_left": max(0, len(s["hypotheticals"]) - limits.series_notes),
            "conflicts": [c["reason"] for c in s["conflicts"][-limits.series_notes:]],
            "conflicts_left": max(0, len(s["conflicts"]) - limits.series_notes),
        })
    return out


def _cite_point(p: dict[str, Any], cites: Citations) -> dict[str, Any] | None:
    span = _quantity_span(cites.extractions.get(p["article"]), p)
    return cites.cite(p["article"], *span, "fig") if span else None


def _claim_span(row: dict[str, Any]) -> tuple[int, int]:
    spans = row["content"] or [{"start": row["cue_start"], "end": row["cue_end"]}]
    return min(s["start"] for s in spans), max(s["end"] for s in spans)


def _claim_item(row: dict[str, Any], cites: Citations, relations: dict[tuple[str, str], list[str]]) -> dict[str, Any]:
    return {"content": quoted(row["content_text"]), "cue": row["cue_text"], "modality": row["modality"],
            "party": row["interested_party"], "probability": row["probability"],
            "grade": grade_info(row["grade"], row["reliability_reason"], row["credibility_reason"]),
            "relations": relations.get((row["article_id"], row["claim_id"]), []),
            "source": row["source_name"] or f"({row['source_kind']})", "outlets": [row["outlet"] or "unknown outlet"],
            "ev": cites.cite(row["article_id"], *_claim_span(row), "claim")}


def _rank(row: dict[str, Any], related: set[tuple[str, str]]) -> tuple:
    """Contested and confirmed claims first, then by credibility, then oldest first."""
    return ((row["article_id"], row["claim_id"]) not in related, row["credibility"] or 9, row["published"] or "")


def _source_head(rows: list[dict[str, Any]]) -> dict[str, Any]:
    letters = Counter(r["reliability"] for r in rows if r["reliability"])
    letter = letters.most_common(1)[0][0] if letters else None
    reason = next((r["reliability_reason"] for r in rows if r["reliability"] == letter), None)
    return {"name": Counter(r["source_name"] for r in rows if r["source_name"]).most_common(1)[0][0]
            if any(r["source_name"] for r in rows) else rows[0]["source_id"],
            "kind": Counter(r["source_kind"] for r in rows).most_common(1)[0][0], "reliability": letter,
            "reliability_words": RELIABILITY.get(letter or "", "not graded"), "reason": reason,
            "party": next((r["interested_party"] for r in rows if r["interested_party"]), None),
            "claims": len(rows), "outlets": sorted({r["outlet"] for r in rows if r["outlet"]}),
            "grades": sorted(Counter(r["grade"] for r in rows if r["grade"]).items())}


def sources_section(rows: list[dict[str, Any]], cites: Citations, relations: dict[tuple[str, str], list[str]],
                    limits: Limits) -> tuple[list[dict[str, Any]], int]:
    """The sources with most claims, each with its best-evidenced claims; copies of a claim listed once."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["source_id"]:
            by_source[r["source_id"]].append(r)
    ranked = sorted(by_source.values(), key=lambda rs: (-len(rs), rs[0]["source_name"] or ""))
    out = []
    for rs in ranked[:limits.sources]:
        head = _source_head(rs)
        items: dict[str, dict[str, Any]] = {}
        for r in sorted(rs, key=lambda r: _rank(r, set(relations))):
            key = " ".join(r["content_text"].lower().split())
            if key in items:
                items[key]["outlets"].append(r["outlet"] or "unknown outlet")
            elif len(items) < limits.claims_per_source:
                items[key] = _claim_item(r, cites, relations)
        head["items"] = list(items.values())
        head["left"] = len({" ".join(r["content_text"].lower().split()) for r in rs}) - len(items)
        out.append(head)
    return out, max(0, len(ranked) - limits.sources)


def _relation_tags(relations: list[dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    tags: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in relations:
        word = "contradicted" if r["kind"] == "contradicts" else "corroborated"
        for side in ("a", "b"):
            key = (r[f"{side}_article"], r[f"{side}_claim"])
            if word not in tags[key]:
                tags[key].append(word)
    return tags


def contradictions_section(relations: list[dict[str, Any]], claims: dict[tuple[str, str], dict[str, Any]],
                           cites: Citations, about: str | None, limits: Limits) -> tuple[list[dict[str, Any]], int]:
    pairs = []
    for r in relations:
        a, b = claims.get((r["a_article"], r["a_claim"])), claims.get((r["b_article"], r["b_claim"]))
        if a is None or b is None or (about and not (_matches(a, about) or _matches(b, about))):
            continue
        pairs.append((r, a, b))
    shown = [{"reason": r["reason"], "sides": [_side(a, cites), _side(b, cites)]}
             for r, a, b in pairs[:limits.contradictions]]
    return shown, max(0, len(pairs) - limits.contradictions)


def _side(row: dict[str, Any], cites: Citations) -> dict[str, Any]:
    item = _claim_item(row, cites, {})
    item["date"] = short_day(row["stated_on"] or row["published"], cites.year)
    return item


def _matches(row: dict[str, Any], about: str) -> bool:
    return about.lower() in (row["content_text"] or "").lower()


def _event_rows(extractions: Iterable[Extraction]) -> list[dict[str, Any]]:
    """event_rows, one event at a time so each row keeps its trigger's offsets for the evidence."""
    rows = []
    for ex in extractions:
        for ev in ex.events:
            for row in event_rows([replace(ex, events=(ev,))]):
                rows.append({**row, "span": (ev.trigger.start, ev.trigger.end)})
    return sorted(rows, key=lambda r: (sort_day(r["date"] or r["published"]), r["article"]))


def events_section(extractions: list[Extraction], copies: dict[str, str], cites: Citations,
                   limits: Limits) -> tuple[list[dict[str, Any]], int]:
    """The latest events in date order; an event in several copies of one report is one row."""
    folded: dict[tuple, dict[str, Any]] = {}
    for r in _event_rows(extractions):
        key = (copies.get(r["article"], r["article"]), r["type"], r["trigger"], r["date"],
               actor_list(r["actors"], most=None))
        if key in folded:
            folded[key]["outlets"].append(r["outlet"] or "unknown outlet")
        else:
            folded[key] = r | {"outlets": [r["outlet"] or "unknown outlet"]}
    rows = list(folded.values())
    shown = rows[-limits.events:]
    return [{"date": short_day(r["date"], cites.year),
             "from_article": r["date_from_article"], "type": r["type"], "mode": r["mode"], "aux": r["aux"],
             "actors": actor_list(r["actors"]), "recipients": actor_list(r["recipients"], empty=""),
             "place": r["place"], "size": r["size"], "reported_by": r["reported_by"] or "the article itself",
             "outlets": r["outlets"], "ev": cites.cite(r["article"], *r["span"], "event")} for r in shown], \
        len(rows) - len(shown)


def places_section(extractions: list[Extraction], limits: Limits) -> dict[str, Any]:
    """Places as a country table (with the most named places) and a plain dot map."""
    table = place_table(extractions)
    names = {r["country"]: r["name"] for r in table if r["feature"] == "country" and r["country"]}
    articles: dict[str | None, set[str]] = defaultdict(set)
    for ex in extractions:
        for p in ex.places:
            articles[p.country].add(ex.article.id)
    countries: dict[str | None, dict[str, Any]] = {}
    for r in table:
        c = countries.setdefault(r["country"], {"code": r["country"] or "no country",
                                                "name": names.get(r["country"], ""), "places": [], "mentions": 0,
                                                "articles": len(articles[r["country"]])})
        c["mentions"] += r["mentions"]
        if r["feature"] != "country":
            c["places"].append(f"{r['name']} ({r['mentions']})")
    rows = sorted(countries.values(), key=lambda c: (-c["mentions"], c["code"]))
    for c in rows:
        c["more"] = max(0, len(c["places"]) - 6)
        c["places"] = c["places"][:6]
    mapped = [r for r in table if r["lat"] is not None][:limits.places_mapped]
    return {"countries": rows[:limits.countries], "left": max(0, len(rows) - limits.countries),
            "places": len(table), "map": place_map(mapped)}


# ---- the whole brief


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["plural"] = plural
    return env


def _scope(about: str | None, claims: list[dict[str, Any]], series: list[dict[str, Any]]) -> set[str] | None:
    """With --about, the articles the matching claims and series come from; None means every article."""
    if not about:
        return None
    ids = {r["article_id"] for r in claims if _matches(r, about)}
    return ids | {p["article"] for s in series for p in s["points"] + s["hypotheticals"]}


def _stats(extractions: list[Extraction], claims: int) -> dict[str, Any]:
    dates = sorted(a.published[:10] for a in (ex.article for ex in extractions) if a.published)
    return {"articles": len(extractions), "claims": claims,
            "outlets": len({ex.article.outlet for ex in extractions if ex.article.outlet}),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None}


def brief_context(store: Store, about: str | None = None, title: str | None = None,
                  limits: Limits = Limits()) -> dict[str, Any]:
    """Everything the template shows, from one read of the store."""
    extractions = list(store.extractions())
    ctx: dict[str, Any] = {"title": title or f"Brief{': ' + about if about else ''}: who claims what", "about": about,
                           "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "empty": not extractions}
    if not extractions:
        return ctx
    copies, grades = store.copies(), store.grades()
    claim_rows = store.claims()
    series = select_series(series_order(store.series()), about=about)  # the view the corpus pass keeps
    scope = _scope(about, claim_rows, series)
    in_scope = [ex for ex in extractions if scope is None or ex.article.id in scope]
    stats = _stats(extractions, len(claim_rows))
    cites = Citations({ex.article.id: ex for ex in extractions}, day_of(stats["last"]).year if stats["last"] else None)
    relations = store.relations()
    tags = _relation_tags(relations)
    matched = [r for r in claim_rows if not about or _matches(r, about)]
    by_key = {(r["article_id"], r["claim_id"]): r for r in claim_rows}
    ctx["series"] = series_section(series, cites, limits)
    ctx["series_left"] = max(0, len(series) - limits.series)
    ctx["sources"], ctx["sources_left"] = sources_section(matched, cites, tags, limits)
    ctx["unsourced"] = sum(1 for r in matched if not r["source_id"])
    ctx["contradictions"], ctx["contradictions_left"] = contradictions_section(
        [r for r in relations if r["kind"] == "contradicts"], by_key, cites, about, limits)
    ctx["events"], ctx["events_left"] = events_section(in_scope, copies, cites, limits)
    ctx["places"] = places_section(in_scope, limits)
    ctx["articles"] = cites.articles(copies)
    ctx.update(stats=stats, scope=len(in_scope), matched=len(matched), ungraded=len(claim_rows) - len(grades))
    return ctx


def build_brief(store: Store, about: str | None = None, title: str | None = None) -> str:
    """The brief as one self-contained HTML document; `about` narrows it to series and claims naming TEXT."""
    return _env().get_template("brief.html.j2").render(**brief_context(store, about=about, title=title))


def write_brief(store: Store, path: str | Path, about: str | None = None, title: str | None = None) -> Path:
    """Write the brief to `path` (UTF-8) and return the path."""
    out = Path(path)
    out.write_text(build_brief(store, about=about, title=title), encoding="utf-8")
    return out
