"""`assay serve`: a read-only web dashboard and JSON API over the store (FastAPI, server-rendered pages).

Pages: claims search, sources, estimate series, articles with their layers highlighted, events, places.
API: the same under /api, described at /openapi.json and /docs (Swagger UI, whose assets come from a CDN;
the dashboard's own pages load nothing from outside). Ingest (POST /api/articles) is off unless the
`api_token` setting is set.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from assay.report import dash_api, dash_pages
from assay.report.dash_data import DerivedViews
from assay.settings import Settings
from assay.store import open_store


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _http_error(request: Request, exc: HTTPException) -> Response:
    """JSON for the API, a small page for a person."""
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return dash_pages.templates.TemplateResponse(request, "dash_error.html.j2",
                                                 {"status": exc.status_code, "detail": exc.detail},
                                                 status_code=exc.status_code)


async def _bad_params(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.errors()}, status_code=422)
    detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
    return await _http_error(request, HTTPException(422, detail))


def create_app(settings: Settings) -> FastAPI:
    """The dashboard over `settings.store_url`; POST /api/articles needs `settings.api_token`."""
    store = open_store(settings.store_url)
    store.ensure_indexes()  # a store made before an index was added to schema.py gets it now

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=app.state.views.build_all, name="assay-warm", daemon=True).start()
        yield
        store.close()

    app = FastAPI(title="assay", summary="Who claims what: claims, sources, estimate series, events and places",
                  version="1", redoc_url=None, lifespan=lifespan)
    app.state.settings, app.state.store, app.state.views = settings, store, DerivedViews(store)
    app.state.pipeline = None
    app.include_router(dash_api.router)
    app.include_router(dash_pages.router)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _bad_params)
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn; local only unless `host` says otherwise."""
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
