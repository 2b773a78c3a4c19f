"""The dashboard's JSON API: the same reads as the pages, plus token-guarded ingest."""

from __future__ import annotations

import secrets
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from assay import service
from assay.analyze.estimates import select_series
from assay.analyze.events import filter_events
from assay.analyze.places import filter_places
from assay.ingest.common import Options, Problem
from assay.ingest.tables import record_article
from assay.records import PLOVER_TYPES, Article
from assay.report.dash_common import (
    PER_PAGE,
    Filters,
    Page,
    PageNo,
    PerPage,
    settings_of,
    store_of,
    views_of,
)
from assay.resolve.reference import reference_from
from assay.settings import Settings

router = APIRouter(prefix="/api", tags=["api"])
bearer = HTTPBearer(auto_error=False, description="the api_token setting, for POST /api/articles only")
_ingest_lock = threading.Lock()  # one ingest at a time: the pipeline is shared and the pass is one writer


@router.get("/claims", summary="Claims matching the filters, newest article first")
def api_claims(request: Request, filters: Filters, page: PageNo = 1,
               per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    total, rows = store_of(request).claims_page(limit=per_page, offset=(page - 1) * per_page, **filters)
    return {**Page(page, per_page, total).meta(), "items": rows}


@router.get("/sources", summary="Store-wide sources, most claims first, with grades and reasons")
def api_sources(request: Request, name: str | None = None, page: PageNo = 1,
                per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    total, rows = store_of(request).sources_page(name=name or None, limit=per_page,
                                                 offset=(page - 1) * per_page)
    return {**Page(page, per_page, total).meta(), "items": rows}


@router.get("/sources/{source_id:path}", summary="One source with its grades and reasons")
def api_source(request: Request, source_id: str) -> dict[str, Any]:
    row = store_of(request).source(source_id)
    if row is None:
        raise HTTPException(404, f"no store-wide source {source_id!r}")
    return row


@router.get("/series", summary="Estimate series (SCHEMA.md section 3), most reports first")
def api_series(request: Request, about: str | None = None, concept: str | None = None, event: str | None = None,
               place: str | None = None, page: PageNo = 1, per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    rows = select_series(views_of(request).get("series"), about=about, concept=concept, event=event, place=place)
    pg = Page(page, per_page, len(rows))
    return {**pg.meta(), "items": pg.slice(rows)}


@router.get("/articles/{article_id:path}", summary="One article's full extraction, with its claims' grades")
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    store = store_of(request)
    ex = store.extraction(article_id)
    if ex is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return {**ex.to_dict(), "grades": store.article_grades(article_id), "original": store.original_of(article_id)}


@router.get("/events", summary="PLOVER events in date order")
def api_events(request: Request, type: str | None = None, actor: str | None = None,  # noqa: A002 - the field's name
               recipient: str | None = None, page: PageNo = 1,
               per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    if type and type.upper() not in PLOVER_TYPES:
        raise HTTPException(422, f"type must be one of {', '.join(PLOVER_TYPES)}")
    rows = filter_events(views_of(request).get("events"), type or None, actor or None, recipient or None)
    pg = Page(page, per_page, len(rows))
    return {**pg.meta(), "items": pg.slice(rows)}


@router.get("/places", summary="Places named across the store, most mentioned first")
def api_places(request: Request, country: str | None = None, name: str | None = None,
               page: PageNo = 1, per_page: PerPage = PER_PAGE) -> dict[str, Any]:
    rows = filter_places(views_of(request).get("places"), country or None, name or None)
    pg = Page(page, per_page, len(rows))
    return {**pg.meta(), "items": pg.slice(rows)}


# ---- ingest: off unless the api_token setting is set, then only with that bearer token

class ArticleIn(BaseModel):
    """An article record (SCHEMA.md section 1); only `text` is required, the id is derived when missing."""

    text: str = Field(min_length=1)
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None


def require_token(request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    token = getattr(settings_of(request), "api_token", "")
    if not token:
        raise HTTPException(403, "ingest is off: the server has no api_token set")
    if creds is None or not secrets.compare_digest(creds.credentials.encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


def _extractor(request: Request) -> service.Extractor:
    """The per-article pipeline, loaded on the first ingest only (it takes seconds and memory)."""
    if getattr(request.app.state, "pipeline", None) is None:
        request.app.state.pipeline = service.load_extractor(settings_of(request))
    return request.app.state.pipeline


def _articles(records: list[ArticleIn], settings: Settings) -> list[Article]:
    try:
        return [record_article(r.model_dump(), Options(max_chars=settings.max_chars)) for r in records]
    except Problem as e:
        raise HTTPException(422, e.reason) from e


@router.post("/articles", summary="Extract and store articles (needs the api_token as a bearer token)",
             dependencies=[Depends(require_token)])
def api_ingest(request: Request, body: ArticleIn | list[ArticleIn]) -> dict[str, Any]:
    settings, store = settings_of(request), store_of(request)
    articles = _articles(body if isinstance(body, list) else [body], settings)
    with _ingest_lock:
        pipeline = _extractor(request)
        report = service.ingest(store, articles, pipeline.extract, pipeline.versions, settings.batch_size,
                                settings.reliability_file, reference_from(settings).actors)
    return {"stored": report.stored, "unchanged": report.unchanged,
            "skipped": [{"id": r.path, "reason": r.reason} for r in report.skipped],
            "articles": store.count()["articles"]}
