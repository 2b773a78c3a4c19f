"""The dashboard (report/serve.py) through FastAPI's TestClient, on a small store of articles we wrote."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient
from helpers import ingest_articles

from assay.report.serve import create_app
from assay.settings import Settings

SCRIPT_TEXT = ("The mayor said <script>alert(1)</script> the council would meet on Friday. "
               "Residents said <b>x</b> marks the ballot.")
ARTICLES = [
    {"id": "border-1", "title": "Troops cross the border", "published": "2030-05-06", "outlet": "Coastline Wire",
     "text": "ODESA (Coastline Wire) - The Defence Ministry said on Monday that about 2,000 Norvan troops had "
             "crossed the border near Odesa. “The bridge at Marrow Point is closed,” spokeswoman Lena Arkwright "
             "told reporters."},
    {"id": "border-2", "title": "More troops reported", "published": "2030-05-08", "outlet": "Valley Courier",
     "text": "Analyst Piet Varga said at least 5,000 Norvan troops were now in the province. Police said "
             "protesters attacked the customs office in Kyiv on Tuesday."},
    {"id": "script-1", "title": "Council <i>meets</i>", "published": "2030-05-09", "outlet": "Test Gazette",
     "text": SCRIPT_TEXT},
] + [  # enough claims for a second page of 50
    {"id": f"shelter-{i:02d}", "published": "2030-04-01", "outlet": "District Notes",
     "text": f"Officials in district {i} said {i} shelters had opened."} for i in range(1, 56)
]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return ingest_articles(tmp_path_factory.mktemp("serve"), ARTICLES, "dash.db")


@pytest.fixture(scope="module")
def client(store_url) -> TestClient:
    return TestClient(create_app(Settings(store_url=store_url)))


def table(html: str) -> str:
    """The claims table of a page (the filter form above it names every outlet)."""
    start = '<table class="claims">'
    return html.split(start, 1)[1].split("</table>", 1)[0] if start in html else ""


def rows(html: str) -> int:
    return table(html).count("<tr>") - 1  # less the header row


def test_home_links_every_page_and_counts_the_store(client):
    page = client.get("/")
    assert page.status_code == 200
    for href in ("/claims", "/sources", "/series", "/events", "/places"):
        assert f'href="{href}"' in page.text
    assert "58</b>claims in 58 articles" not in page.text  # counts are the store's, checked below
    assert re.search(r"<b>\d+</b>claims in 58 articles", page.text)


def test_claims_page_filters_by_text_source_grade_outlet_and_dates(client):
    everything = client.get("/claims").text
    assert "in all · page 1 of 2" in everything
    assert rows(everything) == 50
    troops = client.get("/claims", params={"q": "Norvan troops"}).text
    assert rows(troops) == 2 and "Piet Varga" in troops and "shelters" not in troops
    assert rows(client.get("/claims", params={"source": "varga"}).text) == 1
    assert rows(client.get("/claims", params={"outlet": "Valley Courier"}).text) >= 2
    assert "No claims match" in client.get("/claims", params={"outlet": "Nowhere Times"}).text
    dated = table(client.get("/claims", params={"date_from": "2030-05-06", "date_to": "2030-05-08"}).text)
    assert "Coastline Wire" in dated and "Valley Courier" in dated and "Test Gazette" not in dated
    graded = client.get("/claims", params={"grade": "C"}).text
    assert all(g.startswith("C") for g in re.findall(r'class="grade g-\w">(\w+)<', graded))
    assert client.get("/claims", params={"grade": "Q9"}).status_code == 422
    assert client.get("/claims", params={"date_from": "May"}).status_code == 422


def test_claims_pagination(client):
    first, second = client.get("/claims").text, client.get("/claims", params={"page": 2}).text
    assert "page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second
    assert 'href="/claims?page=2"' in first
    total = int(re.search(r"([\d,]+) in all", first).group(1).replace(",", ""))
    assert rows(second) == total - 50
    kept = client.get("/claims", params={"q": "shelters", "page": 1}).text
    assert "q=shelters&amp;page=2" in kept  # the next link keeps the filters


def test_source_page_lists_its_claims_grades_and_party(client):
    listing = client.get("/sources", params={"name": "varga"}).text
    link = re.search(r'href="(/sources/[^"]+)">Piet Varga', listing).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert "Piet Varga" in page.text and "at least 5,000 Norvan troops" in page.text
    assert "first / last seen" in page.text and "2030-05-08" in page.text and "Valley Courier" in page.text
    assert "reliability" in page.text and "interested party" in page.text
    assert client.get("/sources/person:nobody-at-all").status_code == 404


def test_series_pages_show_points_chart_and_disagreement(client):
    listing = client.get("/series").text
    assert "Norvan personnel" in listing
    page = client.get("/series/Norvan personnel").text
    assert "about 2,000" in page and "≥ 5,000" in page and "Piet Varga" in page
    assert "<svg" in page and page.count("<circle") == 2
    assert "2 days apart" in page  # the two figures disagree


def test_article_page_highlights_layers_with_a_legend(client):
    page = client.get("/articles/border-1").text
    assert page.count('<mark class="m-claim">') >= 2 and '<mark class="m-src">' in page
    assert 'class="legend"' in page and "claim content" in page
    facts = client.get("/articles/border-1", params={"view": "facts"}).text
    for css in ("m-qty", "m-time", "m-place"):
        assert f'<mark class="{css}">' in facts
    events = client.get("/articles/border-2", params={"view": "facts"}).text
    assert '<mark class="m-event">attacked</mark>' in events and "ASSAULT" in events
    assert client.get("/articles/no-such-article").status_code == 404


def test_untrusted_text_is_escaped_on_article_and_claims_pages(client):
    for page in (client.get("/articles/script-1").text, client.get("/claims", params={"q": "script"}).text,
                 client.get("/articles/script-1", params={"view": "facts"}).text):
        assert "<script>alert(1)</script>" not in page and "<b>x</b>" not in page
        assert "alert(1)&lt;/script&gt;" in page
    article = re.sub(r"</?mark[^>]*>", "", client.get("/articles/script-1").text)  # marks may split the text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article and "&lt;b&gt;x&lt;/b&gt;" in article
    assert "Council &lt;i&gt;meets&lt;/i&gt;" in article


def test_events_and_places_pages(client):
    events = client.get("/events", params={"type": "ASSAULT"}).text
    assert "protesters" in events and "Kyiv" in events
    assert "No events match" in client.get("/events", params={"actor": "nobody-here"}).text
    places = client.get("/places").text
    assert "Odesa" in places and "Kyiv" in places
    assert "Kyiv" not in client.get("/places", params={"name": "odesa"}).text.split("<tbody>")[1]


def test_json_api_shapes(client):
    claims = client.get("/api/claims", params={"q": "Norvan", "per_page": 1}).json()
    assert claims["total"] == 2 and claims["pages"] == 2 and len(claims["items"]) == 1
    assert {"source_name", "content_text", "grade", "outlet", "published", "article_id"} <= set(claims["items"][0])
    sources = client.get("/api/sources").json()
    assert sources["total"] >= 5
    assert {"id", "name", "claims", "grades", "reliability_reason"} <= set(sources["items"][0])
    one = client.get("/api/sources/" + sources["items"][0]["id"]).json()
    assert one["id"] == sources["items"][0]["id"]
    series = {s["estimand"]: s for s in client.get("/api/series", params={"about": "Norvan"}).json()["items"]}
    norvan = series["Norvan personnel"]
    assert len(norvan["points"]) == 2 and norvan["conflicts"] and norvan["id"].startswith("s:")
    article = client.get("/api/articles/border-2").json()
    assert article["article"]["text"].startswith("Analyst Piet Varga") and article["events"] and article["grades"]
    events = client.get("/api/events", params={"type": "assault"}).json()
    assert events["items"][0]["type"] == "ASSAULT"
    places = client.get("/api/places", params={"country": "UA"}).json()["items"]
    assert {p["name"] for p in places} == {"Odesa", "Kyiv"}
    assert client.get("/api/claims", params={"grade": "Z"}).status_code == 422
    assert client.get("/api/articles/nope").json() == {"detail": "no article 'nope'"}


def test_openapi_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/claims", "/api/sources", "/api/series", "/api/articles/{article_id}", "/api/events",
                 "/api/places", "/api/articles"):
        assert path in paths
    assert "post" in paths["/api/articles"] and "/claims" not in paths  # pages are not part of the API


NEW = {"id": "new-1", "published": "2030-05-10", "outlet": "Test Gazette",
       "text": "The port captain said the ferry would sail again on Sunday."}


def test_ingest_is_off_without_a_token(client):
    response = client.post("/api/articles", json=NEW)
    assert response.status_code == 403 and "ingest is off" in response.json()["detail"]


def test_ingest_needs_the_right_token_then_stores_and_grades(store_url):
    app = create_app(dataclasses.replace(Settings(store_url=store_url), api_token="s3cret"))
    client = TestClient(app)
    assert client.post("/api/articles", json=NEW).status_code == 401
    assert client.post("/api/articles", json=NEW, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    assert client.post("/api/articles", json={"id": "x", "text": " "}, headers=auth).status_code == 422
    done = client.post("/api/articles", json=[NEW], headers=auth).json()
    assert done["stored"] == ["new-1"] and done["articles"] == len(ARTICLES) + 1
    again = client.post("/api/articles", json=NEW, headers=auth).json()
    assert again["stored"] == [] and again["unchanged"] == ["new-1"]
    claims = client.get("/api/claims", params={"q": "ferry"}).json()["items"]
    assert claims and claims[0]["grade"]  # the corpus pass ran again
    assert "ferry would sail" in client.get("/articles/new-1").text
