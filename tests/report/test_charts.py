"""The charts of the brief and the dashboard (report/charts.py): self-contained SVG whatever the figures."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from assay.report.charts import MAX_LABELS, nice_step, place_map, series_chart, tick_text

NS = {"svg": "http://www.w3.org/2000/svg"}
EVIL = "<script>alert(1)</script>"


def point(date: str | None, value: float | None = None, source: str | None = "Agency", **extra) -> dict:
    return {"date": date, "value": value, "low": None, "high": None, "bound": "exact", "source": source,
            "text": f"{value} troops"} | extra


def svg_tree(svg: str) -> ElementTree.Element:
    """The chart parsed as XML: it must be well formed on its own, not only inside HTML."""
    return ElementTree.fromstring(svg)


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in svg_tree(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_no_dated_figure_draws_nothing():
    assert series_chart([]) == ""
    assert series_chart([point(None, 10.0), point("soon", 5.0), point("2026-03-01", None)]) == ""


def test_one_figure_is_one_dot_in_the_middle_with_its_label_and_date():
    svg = series_chart([point("2026-03-10", 2000.0, bound="approx")])
    tree = svg_tree(svg)
    circles = tree.findall(".//svg:circle", NS)
    assert len(circles) == 1 and circles[0].get("fill") != "#fff"  # a filled dot: a figure
    width = float(tree.get("width"))
    assert abs(float(circles[0].get("cx")) - width / 2) < width * 0.1
    assert "about 2,000" in texts(svg) and "10 Mar 2026" in texts(svg) and "Agency" in texts(svg)
    assert series_chart([point("2026-03-10", 2000.0)], least=2) == ""  # the dashboard asks for two


def test_figures_on_one_date_share_one_tick_and_get_one_colour_each():
    svg = series_chart([point("2026-03-10", 100.0), point("2026-03-10", 300.0, source="Ministry"),
                        point("2026-03-10T09:00", 200.0, source="Monitor")])
    tree = svg_tree(svg)
    xs = {c.get("cx") for c in tree.findall(".//svg:circle", NS)}
    fills = {c.get("fill") for c in tree.findall(".//svg:circle", NS)}
    assert len(xs) == 1 and len(fills) == 3
    assert texts(svg).count("10 Mar 2026") == 1
    assert not tree.findall(".//svg:polyline", NS)  # no line within one day


def test_ranges_bounds_and_lines_per_source():
    svg = series_chart([
        point("2026-03-01", 2000.0),
        point("2026-03-04", None, low=4000.0, high=5000.0, bound="range"),
        point("2026-03-06", 6000.0, bound="at_least", low=6000.0, source="Voss"),
        point("2026-03-08", 3000.0),
        point("2026-03-09", 500.0, bound="at_most", high=500.0, source="Voss")])
    tree = svg_tree(svg)
    bars = [line for line in tree.findall(".//svg:line", NS) if line.get("stroke-width") == "7"]
    assert len(bars) == 1 and bars[0].get("y1") != bars[0].get("y2")  # the range as a bar
    open_dots = [c for c in tree.findall(".//svg:circle", NS) if c.get("fill") == "#fff"]
    assert len(open_dots) == 2 and len(tree.findall(".//svg:path", NS)) == 2  # capped: at least, at most
    assert len(tree.findall(".//svg:polyline", NS)) == 2  # Agency's three figures, Voss's two
    assert {"≥ 6,000", "≤ 500", "4,000–5,000"} <= set(texts(svg))


def test_copies_of_one_report_are_one_mark():
    copies = [point("2026-03-08", 3000.0, bound="approx") for _ in range(3)]
    svg = series_chart(copies)
    assert svg.count("<circle") == 1 and "in 3 articles" in svg


def test_huge_and_tiny_values_get_readable_ticks():
    huge = series_chart([point("2026-03-01", 2.5e12), point("2026-03-02", 1e12)])
    assert "2,500,000,000,000" in texts(huge) and "0" in texts(huge) and "e+" not in huge
    left = float(svg_tree(huge).find(".//svg:text", NS).get("x"))
    assert left > 7 * len("2,500,000,000,000")  # room for the longest tick label
    tiny = series_chart([point("2026-03-01", 0.003), point("2026-03-02", 0.0012)])
    assert {"0.001", "0.002", "0.003"} <= set(texts(tiny))
    zero = series_chart([point("2026-03-01", 0.0)])
    assert svg_tree(zero).findall(".//svg:circle", NS)
    assert not re.search(r"nan|inf", huge + tiny + zero, re.I)


def test_many_figures_are_drawn_without_their_labels():
    many = [point(f"2026-03-{d:02d}", float(d * 10 + 3)) for d in range(1, MAX_LABELS + 3)]
    svg = series_chart(many)
    assert svg.count("<circle") == len(many) and "13" not in texts(svg)  # "13": the first value's label
    assert "13" in texts(series_chart(many[:MAX_LABELS]))
    ticks = [t for t in texts(svg) if t.endswith("2026")]
    assert 2 <= len(ticks) <= 6


@pytest.mark.parametrize("chart", ["series", "places"])
def test_names_are_escaped_and_nothing_runs_or_loads(chart):
    if chart == "series":
        svg = series_chart([point("2026-03-01", 5.0, source=EVIL, text=EVIL), point("2026-03-02", 6.0)])
    else:
        svg = place_map([{"name": EVIL, "country": "XN", "lat": 10.0, "lon": 20.0},
                         {"name": "Ostel", "country": EVIL, "lat": 11.0, "lon": 21.0}])
    assert "<script" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert EVIL in texts(svg) or any(EVIL in (t.text or "") for t in svg_tree(svg).iter())  # read back as text
    assert not re.search(r"href|url\(|@import|<image|<foreignObject|\bon\w+=", svg, re.I)


def test_the_place_map_colours_countries_and_names_the_first_places():
    rows = [{"name": f"Town {i}", "country": f"C{i % 10}", "lat": 40.0 + i * 0.1, "lon": -3.0 + i * 0.2}
            for i in range(14)] + [{"name": "Nowhere", "country": "XX", "lat": None, "lon": None}]
    svg = place_map(rows, labelled=10)
    tree = svg_tree(svg)
    assert len(tree.findall(".//svg:circle", NS)) == 14
    assert "Town 9" in texts(svg) and "Town 10" not in texts(svg)
    assert "other" in texts(svg) and "C0" in texts(svg)  # eight countries by colour, the rest together
    assert len({c.get("fill") for c in tree.findall(".//svg:circle", NS)}) == 9
    assert "longitude" in texts(svg) and any(t.endswith("°") for t in texts(svg))
    assert place_map([{"name": "Nowhere", "country": None, "lat": None, "lon": None}]) == ""


def test_one_place_is_drawn_inside_its_grid():
    tree = svg_tree(place_map([{"name": "Ostel", "country": None, "lat": 0.0, "lon": 0.0}]))
    circle = tree.find(".//svg:circle", NS)
    assert 0 < float(circle.get("cx")) < float(tree.get("width")) and 0 < float(circle.get("cy"))


def test_tick_steps_are_round_numbers():
    assert nice_step(0, 6000) == 2000 and nice_step(0, 0.003) == 0.001 and nice_step(0, 0) == 1.0
    assert nice_step(0, 1.2) == 0.25 and tick_text(0.25, 0.25) == "0.25" and tick_text(2000, 1000) == "2,000"
    assert tick_text(0.0, 0.001) == "0"
