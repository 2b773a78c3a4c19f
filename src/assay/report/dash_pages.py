"""The dashboard's HTML pages, server-rendered; every template autoescapes (article text is untrusted)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

from assay.analyze.estimates import select_series, what_line
from assay.analyze.events import event_rows, filter_events
from assay.analyze.places import filter_places
from assay.formatting import actor_list, figure, number, plural
from assay.records import PLOVER_TYPES, Extraction
from assay.report.charts import series_chart
from assay.report.dash_common import PER_PAGE, Filters, Page, PageNo, page_url, store_of, views_of
from assay.report.evidence import highlight

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
templates = Jinja2Templates(env=Environment(loader=PackageLoader("assay.report", "templates"), autoescape=True))
SERIES_PER_PAGE = 25

# the article page's two views: which spans each marks, and what the legend calls them
LAYERS = {
    "claims": (("m-src", "source"), ("m-cue", "reporting cue"), ("m-claim", "claim content")),
    "facts": (("m-qty", "figure"), ("m-time", "date or time"), ("m-place", "place"), ("m-event", "event")),
}


templates.env.filters["figure"] = figure
templates.env.filters["number"] = number
templates.env.filters["plural"] = plural
templates.env.filters["what"] = what_line
templates.env.filters["actors"] = actor_list


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, {"page_url": lambda n: page_url(request, n), **context})


@router.get("/")
def home(request: Request) -> HTMLResponse:
    store, views = store_of(request), views_of(request)
    built = {name: len(views.get(name)) for name in ("events", "places", "series") if views.warm(name)}
    return render(request, "dash_home.html.j2", counts=store.table_counts(), outlets=len(store.outlets()),
                  built=built)


@router.get("/claims")
def claims_page(request: Request, filters: Filters,
                page: PageNo = 1) -> HTMLResponse:
    store = store_of(request)
    total, rows = store.claims_page(limit=PER_PAGE, offset=(page - 1) * PER_PAGE, **filters)
    return render(request, "dash_claims.html.j2", rows=rows, filters=filters, page=Page(page, PER_PAGE, total),
                  outlets=store.outlets())


@router.get("/sources")
def sources_page(request: Request, name: str | None = None, page: PageNo = 1) -> HTMLResponse:
    total, rows = store_of(request).sources_page(name=name or None, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render(request, "dash_sources.html.j2", rows=rows, name=name or "", page=Page(page, PER_PAGE, total))


@router.get("/sources/{source_id:path}")
def source_page(request: Request, source_id: str, page: PageNo = 1) -> HTMLResponse:
    store = store_of(request)
    total, rows = store.claims_page(limit=PER_PAGE, offset=(page - 1) * PER_PAGE, source_id=source_id)
    info = store.source(source_id)
    if info is None and total == 0:
        raise HTTPException(404, f"no source {source_id!r} in the store")
    return render(request, "dash_source.html.j2", source_id=source_id, info=info, rows=rows,
                  page=Page(page, PER_PAGE, total))


@router.get("/series")
def series_list(request: Request, about: str | None = None, concept: str | None = None,
                page: PageNo = 1) -> HTMLResponse:
    rows = select_series(views_of(request).get("series"), about=about, concept=concept or None)
    pg = Page(page, SERIES_PER_PAGE, len(rows))
    return render(request, "dash_series.html.j2", rows=pg.slice(rows), about=about or "", concept=concept or "",
                  page=pg)


@router.get("/series/{name:path}")
def series_page(request: Request, name: str) -> HTMLResponse:
    """One series by its id ("s:..."), or by its name for links written by hand."""
    rows = views_of(request).get("series")
    one = next((s for s in rows if s["id"] == name), None) or next((s for s in rows if s["estimand"] == name), None)
    if one is None:
        raise HTTPException(404, f"no estimate series with id or name {name!r}")
    # one dated figure is said better by the table under it than by a chart of one dot
    return render(request, "dash_series_one.html.j2", s=one, chart=series_chart(one["points"], least=2))


def _spans(ex: Extraction, view: str) -> list[tuple[int, int, str]]:
    """(start, end, css class) for the view's layers; highlight() keeps the first of overlapping spans."""
    if view == "claims":
        out = [(c.source.start, c.source.end, "m-src") for c in ex.claims if c.source]
        out += [(c.cue.start, c.cue.end, "m-cue") for c in ex.claims]
        return out + [(s.start, s.end, "m-claim") for c in ex.claims for s in c.content]
    return ([(q.span.start, q.span.end, "m-qty") for q in ex.quantities]
            + [(t.span.start, t.span.end, "m-time") for t in ex.times]
            + [(p.span.start, p.span.end, "m-place") for p in ex.places]
            + [(e.trigger.start, e.trigger.end, "m-event") for e in ex.events])


@router.get("/articles/{article_id:path}")
def article_page(request: Request, article_id: str, view: str = "claims") -> HTMLResponse:
    store = store_of(request)
    ex = store.extraction(article_id)
    if ex is None:
        raise HTTPException(404, f"no article {article_id!r} in the store")
    view = view if view in LAYERS else "claims"
    marked = highlight(ex.article.text, _spans(ex, view))
    legend = [(css, label, marked.count(f'<mark class="{css}">')) for css, label in LAYERS[view]]
    original = store.original_of(article_id)
    return render(request, "dash_article.html.j2", ex=ex, marked=marked, view=view, legend=legend,
                  grades=store.article_grades(article_id), original=original,
                  copies=[c for c in store.copies_of(original or article_id) if c != article_id],
                  events=event_rows([ex]))


@router.get("/events")
def events_page(request: Request, type: str | None = None, actor: str | None = None,  # noqa: A002
                recipient: str | None = None, page: PageNo = 1) -> HTMLResponse:
    type_ = type.upper() if type and type.upper() in PLOVER_TYPES else None
    rows = filter_events(views_of(request).get("events"), type_, actor or None, recipient or None)
    pg = Page(page, PER_PAGE, len(rows))
    return render(request, "dash_events.html.j2", rows=pg.slice(rows), page=pg, types=PLOVER_TYPES,
                  type=type_ or "", actor=actor or "", recipient=recipient or "")


@router.get("/places")
def places_page(request: Request, country: str | None = None, name: str | None = None,
                page: PageNo = 1) -> HTMLResponse:
    rows = filter_places(views_of(request).get("places"), country or None, name or None)
    pg = Page(page, PER_PAGE, len(rows))
    return render(request, "dash_places.html.j2", rows=pg.slice(rows), page=pg, country=country or "",
                  name=name or "")
