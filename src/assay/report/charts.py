"""Server-side charts for the brief: pygal SVG, inlined, with no script and nothing fetched.

pygal always writes a small configuration <script> into its SVG even when `js=[]`; it only serves the
interactive tooltips, so it is removed (a brief must open from an e-mail attachment with scripts off).
Every text pygal writes (legends, labels) goes through its XML serialiser, so untrusted names are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import pygal
from pygal.style import Style

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#97266d", "#4a5568")
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
CHART_ID = re.compile(r'<svg[^>]*\bid="(chart-[0-9a-f-]+)"')
MAX_LABELS = 14  # more printed values than this would overlap: the table under the chart has them all
LEGEND_CHARS = 32


def _style(colors: Sequence[str]) -> Style:
    return Style(background="white", plot_background="white", foreground="#333", foreground_strong="#111",
                 foreground_subtle="#ddd", colors=tuple(colors) or PALETTE, font_family="system-ui, sans-serif",
                 label_font_size=12, major_label_font_size=12, legend_font_size=13, value_label_font_size=11,
                 opacity=".9", opacity_hover=".9")


def clean_svg(svg: str) -> str:
    """pygal's SVG without its script and comments, ready to inline in HTML."""
    return COMMENT.sub("", SCRIPT.sub("", svg)).strip()


def _config(colors: Sequence[str], height: int, **extra: Any) -> dict[str, Any]:
    return {"js": [], "disable_xml_declaration": True, "style": _style(colors), "width": 760, "height": height,
            "explicit_size": False, "legend_at_bottom": True, "legend_at_bottom_columns": 3,
            "truncate_legend": LEGEND_CHARS, "allow_interruptions": True, "show_x_guides": False,
            "margin": 12, "spacing": 10} | extra


def _label(figure: str, labels: bool) -> dict[str, Any]:
    return {"label": figure} if labels else {}


def series_chart(groups: list[dict[str, Any]]) -> str:
    """A figure-over-time chart: one colour per source, dots for single figures, bars for ranges.

    `groups` is [{"source": name, "points": [{"day": date, "value"|"low"/"high": float, "figure": str}]}].
    """
    labels = sum(len(g["points"]) for g in groups) <= MAX_LABELS
    colors: list[str] = []
    chart = pygal.DateLine(**_config(colors, 330, include_x_axis=True, print_labels=labels, dots_size=5,
                                     x_value_formatter=lambda d: f"{d.day} {d:%b %Y}",
                                     value_formatter=_number, margin_right=64))
    days: set[date] = set()
    wide: list[int] = []  # indexes of the range series, drawn as thick bars
    for i, g in enumerate(groups):
        color = PALETTE[i % len(PALETTE)]
        dots = [{"value": (p["day"], p["value"]), **_label(p["figure"], labels)}
                for p in g["points"] if p.get("value") is not None]
        bars: list[Any] = []
        for p in g["points"]:
            if p.get("value") is None:
                bars += [(p["day"], p["low"]), {"value": (p["day"], p["high"]), **_label(p["figure"], labels)},
                         None]
        days.update(p["day"] for p in g["points"])
        chart.add(g["source"], dots or [None], stroke=False)
        colors.append(color)
        if bars:  # ranges as thick vertical bars in the source's colour, with no legend entry of their own
            chart.add(None, bars, stroke=True, dots_size=1)
            wide.append(len(colors))
            colors.append(color)
    chart.config.style = _style(colors)
    if len(days) <= 8:
        chart.x_labels = sorted(days) if len(days) > 1 else [min(days), max(days)]
    return _thick_lines(clean_svg(chart.render(is_unicode=True)), wide)


def _thick_lines(svg: str, series: list[int]) -> str:
    """Thicken the lines of some series: pygal's per-series stroke style sits on the group, which its own
    `.reactive` rule overrides on the line itself, so the rule is added here under the chart's id."""
    found = CHART_ID.search(svg)
    if not series or not found:
        return svg
    rules = "".join(f"#{found[1]} .serie-{i} .line{{stroke-width:7;stroke-linecap:butt}}" for i in series)
    end = svg.index(">") + 1
    return f"{svg[:end]}<style>{rules}</style>{svg[end:]}"


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.2g}"


def place_map(rows: list[dict[str, Any]], labelled: int = 10) -> str:
    """Places as dots on a plain longitude/latitude grid (no tiles, no coastlines), one colour per country."""
    points = [r for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    if not points:
        return ""
    countries: list[str] = []
    for r in points:
        if (r["country"] or "?") not in countries:
            countries.append(r["country"] or "?")
    lons, lats = [r["lon"] for r in points], [r["lat"] for r in points]
    pad = max(1.0, (max(lons) - min(lons)) * 0.08, (max(lats) - min(lats)) * 0.08)
    chart = pygal.XY(**_config(PALETTE, 380, print_labels=True, stroke=False, dots_size=5, show_x_guides=True,
                               xrange=(min(lons) - pad, max(lons) + pad), range=(min(lats) - pad, max(lats) + pad),
                               x_title="longitude", y_title="latitude", legend_at_bottom=False,
                               x_value_formatter=lambda v: f"{v:.1f}°", value_formatter=lambda v: f"{v:.1f}°"))
    named = {id(r) for r in points[:labelled]}
    for code in countries[:len(PALETTE) - 1]:
        chart.add(code, [{"value": (r["lon"], r["lat"]), "label": r["name"] if id(r) in named else ""}
                         for r in points if (r["country"] or "?") == code])
    rest = [r for r in points if (r["country"] or "?") not in countries[:len(PALETTE) - 1]]
    if rest:
        chart.add("other", [(r["lon"], r["lat"]) for r in rest])
    return clean_svg(chart.render(is_unicode=True))
