"""The brief: one self-contained HTML file, built from a small store of articles we wrote (fictional places)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from assay.report.brief import Limits, brief_context, build_brief, series_line, write_brief
from assay.store import open_store

PLACES = """# names\tfeature\tcountry\tlat\tlon\tdemonyms
Torvald\tcountry\tXT\t10.0\t20.0\tTorvish
Norvala\tcountry\tXN\t11.0\t22.0\tNorvalan|Norvalans
Kell|Kell valley\tadmin1\tXN\t11.2\t21.4
Ostel\tcity\tXN\t11.5\t22.3
"""

ARTICLES = [
    {"id": "t-1", "published": "2026-04-07", "outlet": "The Harbour Post", "title": "Torvish troops cross into Kell",
     "url": "https://harbourpost.example/kell",
     "text": "OSTEL, Norvala — About 1,200 Torvish troops have crossed into the Kell valley, Norvala's Defence "
             "Ministry said on Monday.\n\nThe ministry said 40 Norvalan soldiers were wounded in the fighting "
             "near Ostel."},
    {"id": "t-2", "published": "2026-04-08", "outlet": "Valley Courier", "title": "Torvald denies incursion",
     "text": "Torvald's foreign ministry on Tuesday denied that any Torvish troops had crossed into the Kell "
             "valley.\n\nThe ministry called the reports a fabrication."},
    {"id": "t-3", "published": "2026-04-10", "outlet": "The Harbour Post", "title": "Analyst raises count",
     "text": "Mira Vantz, an analyst at the Ostel Institute, said at least 3,000 Torvish troops were now in the "
             "Kell valley.\n\nShe said 90 Norvalan soldiers had been wounded since the start of the month."},
    {"id": "t-4", "published": "2026-04-11", "outlet": "<i>Ostel</i> Daily", "title": "Mayor <script>x()</script>",
     "text": "The mayor of Ostel said <script>alert(1)</script> and <b>bold</b> claims about the dam were false."
             "\n\nHe said about 500 Norvalan soldiers guarded the dam."},
]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    """A store ingested by the CLI in a child process: a places file changes that process's country tables."""
    root = tmp_path_factory.mktemp("brief")
    (root / "places.tsv").write_text(PLACES, encoding="utf-8")
    (root / "in.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    url = f"sqlite:///{root / 'brief.db'}"
    assay = Path(sys.executable).parent / "assay"
    subprocess.run([str(assay), "--store", url, "--places", str(root / "places.tsv"), "ingest",
                    str(root / "in.jsonl")], check=True, capture_output=True, text=True)
    return url


@pytest.fixture(scope="module")
def html(store_url) -> str:
    with open_store(store_url) as store:
        return build_brief(store)


class Tags(HTMLParser):
    """Counts start and end tags, and collects ids and in-page links."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass  # self-closing SVG elements open and close at once

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def test_the_brief_is_one_file_that_fetches_nothing(html):
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "@import" not in html and "url(" not in html
    assert html.count("<svg") >= 2  # the series charts, and the place map
    assert "https://harbourpost.example/kell" in html  # the original address as text, never a link


def test_it_parses_with_balanced_tags_and_every_link_lands(html):
    tags = parse(html)
    assert tags.errors == [] and tags.stack == []
    for link in tags.links:
        assert link.startswith("#") and link[1:] in tags.ids, link
    assert any(i.startswith("art-") for i in tags.ids)


def test_series_have_a_summary_line_a_chart_and_their_disagreements(html):
    assert "Torvish personnel" in html and "Norvalan personnel" in html
    assert "≥ 3,000 (Mira Vantz, 10 Apr), up from about 1,200 on 6 Apr; 2 sources, 2 independent" in html
    assert "Disagreements" in html and "at least 3,000 Torvish troops (Mira Vantz)" in html
    assert '<mark class="fig">About 1,200 Torvish troops</mark>' in html


def test_grades_reasons_parties_and_the_reading_guide_are_shown(html):
    assert re.search(r'class="grade [a-z]+"[^>]*>C3<', html)
    assert "How to read this" in html and "usually reliable" in html
    assert "party: XN" in html
    assert "contradicted by" in html and "a named person" in html  # credibility and reliability reasons


def test_contradictions_sit_side_by_side_with_their_evidence(html):
    section = html[html.index('id="contradictions"'):html.index('id="claims"')]
    assert section.count('class="pair"') >= 1
    assert "denied" in section and "Valley Courier" in section and "The Harbour Post" in section
    assert '<mark class="claim">' in section


def test_untrusted_article_text_is_escaped_everywhere(html):
    assert "alert(1)&lt;/script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html  # a mark may split "&lt;script"
    assert "<b>bold</b>" not in html and "<i>Ostel</i>" not in html and "<script>" not in html
    assert "&lt;i&gt;Ostel&lt;/i&gt; Daily" in html


def test_timeline_places_and_cited_articles(html):
    timeline = html[html.index('id="timeline"'):html.index('id="places"')]
    assert "<table" in timeline and '<mark class="event">' in timeline
    places = html[html.index('id="places"'):html.index('id="articles"')]
    assert "Norvala" in places and "Ostel" in places and "<svg" in places
    articles = html[html.index('id="articles"'):]
    assert articles.count('class="source-text"') == len(ARTICLES)
    assert "Torvald&#x27;s foreign ministry on Tuesday denied" in articles


def test_about_narrows_the_series(store_url):
    with open_store(store_url) as store:
        page = build_brief(store, about="Torvish")
    findings = page[page.index('id="findings"'):page.index('id="contradictions"')]
    assert "Torvish personnel" in findings and "Norvalan personnel" not in findings
    assert "Narrowed to “Torvish”" in page
    assert "Nothing" not in findings


def test_lists_are_capped_with_counts_of_what_was_left_out(store_url):
    with open_store(store_url) as store:
        ctx = brief_context(store, limits=Limits(series=1, sources=1, events=1, claims_per_source=1))
        every = brief_context(store, limits=Limits(series=1000))
    assert len(every["series"]) >= 2 and every["series_left"] == 0
    assert len(ctx["series"]) == 1 and ctx["series_left"] == len(every["series"]) - 1
    assert len(ctx["sources"]) == 1 and ctx["sources_left"] >= 1
    assert len(ctx["events"]) == 1 and ctx["events_left"] >= 1


def test_an_empty_store_says_what_to_do(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        page = build_brief(store)
        path = write_brief(store, tmp_path / "brief.html")
    assert "No articles yet: run assay ingest" in page and "<svg" not in page
    assert parse(page).errors == []
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_summary_line_reads_as_words():  # figures and dates alone: tests/test_formatting.py
    point = {"value": None, "low": None, "high": None, "bound": "exact", "source": "A", "date": "2026-03-01"}
    series = {"points": [point | {"value": 10.0}, point | {"value": 5.0, "source": None, "date": "2026-03-04"}],
              "summary": {"sources": 1, "independent_sources": 2, "latest_grade": None}}
    assert series_line(series, 2026) == "5 (the article itself, 4 Mar), down from 10 on 1 Mar; 1 source, 2 independent"
