"""HTML pages: trafilatura extraction and the metadata precedence."""

import json
from pathlib import Path

from assay.ingest import read_inputs
from assay.records import Article, InputError

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry resumes after storm | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta name="author" content="Mira Tallis">
<meta property="article:published_time" content="2023-03-14">
<link rel="canonical" href="https://courier.example/ferry-resumes">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav>
<article><h1>Harbour ferry resumes after storm</h1>
<p>The ferry between Port Alder and Gull Island ran again on Tuesday after a three-day pause,
the harbour authority said in a statement.</p>
<p>Crews spent the weekend clearing timber and a drifting buoy from the channel, according to a
spokesperson, who added that the first crossing carried about 140 passengers.</p>
<p>Local shop owners said the pause had cost them a busy weekend, and the island council plans to
ask for a backup vessel before next winter.</p>
</article>
<footer>Subscribe to our newsletter for daily tide tables.</footer>
</body></html>
"""


def only(results: list) -> Article | InputError:
    assert len(results) == 1, results
    return results[0]


def write_page(folder: Path, markup: str = PAGE, name: str = "ferry.html") -> Path:
    path = folder / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_body_text_extracted(tmp_path: Path) -> None:
    article = only(list(read_inputs([write_page(tmp_path)])))
    assert isinstance(article, Article)
    assert "carried about 140 passengers" in article.text
    assert "backup vessel before next winter" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert "<p>" not in article.text


def test_page_metadata_fills_gaps(tmp_path: Path) -> None:
    article = only(list(read_inputs([write_page(tmp_path)])))
    assert article.title == "Harbour ferry resumes after storm"
    assert article.outlet == "Coastline Courier"
    assert article.author == "Mira Tallis"
    assert article.url == "https://courier.example/ferry-resumes"
    assert article.published == "2023-03-14"


def test_sidecar_and_flags_beat_page_metadata(tmp_path: Path) -> None:
    path = write_page(tmp_path, name="ferry.htm")
    (tmp_path / "ferry.json").write_text(json.dumps({"title": "Ferry back in service"}), encoding="utf-8")
    article = only(list(read_inputs([path], outlet="Island Weekly", published="2023-03-15")))
    assert article.title == "Ferry back in service"
    assert article.outlet == "Island Weekly"
    assert article.published == "2023-03-15"
    assert article.author == "Mira Tallis"  # nobody else gave one


def test_page_without_text(tmp_path: Path) -> None:
    markup = "<html><head><title>Tide tables</title></head><body><script>var tide = 3;</script></body></html>"
    path = write_page(tmp_path, markup)
    error = only(list(read_inputs([path])))
    assert isinstance(error, InputError)
    assert error.reason == "no article text found in HTML"
