"""Shared pieces of the dashboard: request parameters, pagination and the app's state."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, HTTPException, Query, Request

from assay.report.dash_data import DerivedViews
from assay.settings import Settings
from assay.store import Store

GRADE = re.compile(r"[A-F][1-6]?|[1-6]")
PER_PAGE = 50
MAX_PER_PAGE = 500


def store_of(request: Request) -> Store:
    return request.app.state.store


def views_of(request: Request) -> DerivedViews:
    return request.app.state.views


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def _blank(value: str | None) -> str | None:
    """Empty form fields mean "no filter"."""
    return value.strip() or None if value is not None else None


def _iso_day(value: str | None, name: str) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as e:
        raise HTTPException(422, f"{name} must be an ISO date (YYYY-MM-DD), not {value!r}") from e


def claim_filters(
        q: Annotated[str | None, Query(description="text in the claim's content")] = None,
        source: Annotated[str | None, Query(description="text in the source's name, as written, or its id")] = None,
        grade: Annotated[str | None, Query(description="Admiralty grade (B2), reliability (B) or credibility (2)")]
        = None,
        outlet: Annotated[str | None, Query(description="the article's outlet, exactly")] = None,
        date_from: Annotated[str | None, Query(description="articles published on or after (YYYY-MM-DD)")] = None,
        date_to: Annotated[str | None, Query(description="articles published on or before (YYYY-MM-DD)")] = None,
) -> dict[str, str | None]:
    """The claims search's filters, validated; blank ones dropped."""
    grade = _blank(grade)
    if grade and not GRADE.fullmatch(grade.upper()):
        raise HTTPException(422, f"a grade is A-F, 1-6 or both (B2), not {grade!r}")
    return {"q": _blank(q), "source": _blank(source), "grade": grade.upper() if grade else None,
            "outlet": _blank(outlet), "date_from": _iso_day(date_from, "date_from"),
            "date_to": _iso_day(date_to, "date_to")}


@dataclass(frozen=True)
class Page:
    """One page of a list: which page, how many per page, how many in all."""

    number: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))

    def slice(self, rows: list[Any]) -> list[Any]:
        return rows[self.offset:self.offset + self.size]

    def meta(self) -> dict[str, int]:
        return {"total": self.total, "page": self.number, "per_page": self.size, "pages": self.pages}


Filters = Annotated[dict[str, str | None], Depends(claim_filters)]
PageNo = Annotated[int, Query(ge=1, description="page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="rows per page")]


def page_url(request: Request, number: int) -> str:
    """This page's URL with its filters kept and another page number."""
    params = {k: v for k, v in request.query_params.items() if k != "page" and v != ""}
    return f"{request.url.path}?{urlencode({**params, 'page': number})}"
