"""The dashboard in a real headless Chromium (Playwright), served by uvicorn on a free local port.

Screenshots go to tests/report/out/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from helpers import ingest_articles

from assay.cli import cli
from assay.report.serve import create_app
from assay.settings import Settings

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no `chromium` on PATH (apt-get install chromium)")
OUT = Path(__file__).parent / "out"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
ARTICLES = [
    {"id": "border-1", "title": "Troops cross the border", "published": "2030-05-06", "outlet": "Coastline Wire",
     "text": "ODESA (Coastline Wire) - The Defence Ministry said on Monday that about 2,000 Norvan troops had "
             "crossed the border near Odesa. “The bridge at Marrow Point is closed,” spokeswoman Lena Arkwright "
             "told reporters."},
    {"id": "border-2", "title": "More troops reported", "published": "2030-05-08", "outlet": "Valley Courier",
     "text": "Analyst Piet Varga said at least 5,000 Norvan troops were now in the province. Police said "
             "protesters attacked the customs office in Kyiv on Tuesday."},
    {"id": "script-1", "title": "Council meets", "published": "2030-05-09", "outlet": "Test Gazette",
     "text": "The mayor said <script>alert(1)</script> the council would meet on Friday. "
             "Residents said <b>x</b> marks the ballot."},
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return ingest_articles(tmp_path_factory.mktemp("browser"), ARTICLES, "dash.db")


@pytest.fixture(scope="module")
def base_url(store_url) -> Iterator[str]:
    url = store_url
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(store_url=url)), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator:
    sync_api = pytest.importorskip("playwright.sync_api")
    OUT.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium-profile")),
                                                        executable_path=CHROMIUM, args=ARGS, headless=True,
                                                        viewport={"width": 1280, "height": 900})
        yield context.new_page()
        context.close()


def test_search_claims_and_follow_a_source(page, base_url):
    page.goto(base_url + "/")
    assert page.get_by_role("heading", name="Who claims what").is_visible()
    page.screenshot(path=OUT / "home.png", full_page=True)
    page.get_by_role("link", name="Claims", exact=True).click()
    page.fill("input[name=q]", "Norvan troops")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/claims?*q=Norvan*")
    assert page.locator("table.claims tbody tr").count() == 2
    page.screenshot(path=OUT / "claims.png", full_page=True)
    page.locator("table.claims a.src-link", has_text="Piet Varga").click()
    assert page.get_by_role("heading", name="Piet Varga").is_visible()
    assert page.get_by_text("at least 5,000 Norvan troops").is_visible()
    page.screenshot(path=OUT / "source.png", full_page=True)


def test_article_shows_highlights_and_legend(page, base_url):
    page.goto(base_url + "/articles/border-1")
    text = page.locator("#text")
    assert text.locator("mark.m-claim").count() >= 2 and text.locator("mark.m-src").count() >= 2
    assert page.locator(".legend").get_by_text("claim content").is_visible()
    page.screenshot(path=OUT / "article.png", full_page=True)
    page.get_by_role("link", name="Figures, dates, places, events").click()
    assert text.locator("mark.m-qty").first.inner_text() == "about 2,000 Norvan troops"
    assert text.locator("mark.m-place", has_text="Odesa").count() >= 1
    page.screenshot(path=OUT / "article_facts.png", full_page=True)


def test_script_in_an_article_is_shown_as_text(page, base_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + "/articles/script-1")
    assert "<script>alert(1)</script>" in page.locator("#text").inner_text()
    assert "<b>x</b>" in page.locator("#text").inner_text()
    assert page.locator("#text b").count() == 0 and page.locator("#text script").count() == 0
    page.screenshot(path=OUT / "article_script.png", full_page=True)
    assert dialogs == []


def test_series_events_and_places_pages(page, base_url):
    page.goto(base_url + "/series")
    page.get_by_role("link", name="Norvan personnel").click()
    assert page.locator("svg.chart circle").count() == 2
    page.screenshot(path=OUT / "series.png", full_page=True)
    page.goto(base_url + "/events")
    assert page.get_by_role("cell", name="ASSAULT").is_visible()
    page.screenshot(path=OUT / "events.png", full_page=True)
    page.goto(base_url + "/places")
    assert page.get_by_role("cell", name="Kyiv", exact=True).first.is_visible()
    page.screenshot(path=OUT / "places.png", full_page=True)


def test_the_brief_opens_from_disk_and_links_to_its_evidence(page, store_url, tmp_path):
    brief = tmp_path / "brief.html"
    assert CliRunner().invoke(cli, ["--store", store_url, "brief", "-o", str(brief)]).exit_code == 0
    page.goto(brief.as_uri())
    assert page.get_by_text("How to read this").is_visible()
    assert page.locator("svg").count() >= 1  # the series chart, drawn inline
    page.screenshot(path=str(OUT / "brief.png"), full_page=True)
    link = page.locator('a[href^="#art-"]').first
    target = link.get_attribute("href")
    link.click()
    assert page.url.endswith(target) and page.locator(target).is_visible()
    assert page.get_by_text("<script>alert(1)</script>", exact=False).count() >= 1  # shown as text, not run
