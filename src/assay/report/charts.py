"""The charts of the brief and the dashboard: SVG from one Jinja template, with no script and nothing fetched.

The functions here only place things (pure arithmetic on the rows they are given); `charts.svg.j2` writes
the elements. Its environment autoescapes, so a source or place name is always text in the SVG, never
markup. A chart is returned as Markup, ready to inline in a page or a brief that opens with scripts off.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from assay.formatting import day_of, figure, short_day

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#9b2c2c", "#6b46c1", "#b7791f", "#2c7a7b", "#97266d", "#4a5568")
WIDTH = 760
MAX_LABELS = 14  # more printed values than this would overlap: the table under the chart has them all
MAX_DAY_TICKS = 8  # up to this many report days each get a tick; more get evenly spaced ones
LEGEND_CHARS = 32
LEGEND_COLUMNS = 3
CHAR_PX = 7  # about the width of one 12px character, to leave room for tick labels
TEMPLATES = Path(__file__).parent / "templates"
_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Axis:
    """A linear map from values (numbers or day ordinals) to pixels; a domain of one value maps to the middle."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, v: float) -> float:
        if self.hi == self.lo:
            return round((self.start + self.end) / 2, 1)
        return round(self.start + (v - self.lo) / (self.hi - self.lo) * (self.end - self.start), 1)


def nice_step(lo: float, hi: float, most: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most about `most` steps over lo..hi."""
    raw = (hi - lo) / most if hi > lo else abs(hi) or 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))


def tick_text(v: float, step: float) -> str:
    """A tick value with as many decimals as its step needs: "2,000", "0.25", "0.003"."""
    decimals = next(d for d in range(13) if abs(round(step, d) - step) <= step * 1e-6)
    return "0" if v == 0 else f"{v:,.{decimals}f}"


def _value_ticks(lo: float, hi: float) -> tuple[float, float, list[float]]:
    """The value axis widened to round ticks: (bottom, top, ticks)."""
    step = nice_step(lo, hi)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    if last == first:
        last += 1
    return first * step, last * step, [k * step for k in range(first, last + 1)]


def _legend(names: Sequence[str], colors: Sequence[str], top: float) -> list[dict[str, Any]]:
    """Legend entries in rows of LEGEND_COLUMNS under the plot; long names are cut, the full name is the title."""
    col = (WIDTH - 24) / LEGEND_COLUMNS
    return [{"x": round(12 + (i % LEGEND_COLUMNS) * col, 1), "y": top + (i // LEGEND_COLUMNS) * 20, "color": c,
             "name": n, "text": n if len(n) <= LEGEND_CHARS else n[:LEGEND_CHARS - 1] + "…"}
            for i, (n, c) in enumerate(zip(names, colors, strict=True))]


def _legend_height(n: int) -> int:
    return 20 * math.ceil(n / LEGEND_COLUMNS) + 8 if n else 0


def _spread(ticks: list[dict[str, Any]], gap: float) -> list[dict[str, Any]]:
    """Drop tick labels that would overlap the one kept before them."""
    kept: list[dict[str, Any]] = []
    for t in ticks:
        if not kept or t["x"] - kept[-1]["x"] >= gap:
            kept.append(t)
    return kept


def render(kind: str, chart: dict[str, Any]) -> Markup:
    """One chart (`kind` is a macro of charts.svg.j2: "series" or "places") as inline SVG."""
    macro: Callable[[dict[str, Any]], str] = getattr(_ENV.get_template("charts.svg.j2").module, kind)
    return Markup(str(macro(chart)).strip())


# ---- figures over time


def _span(p: dict[str, Any]) -> tuple[float, float] | None:
    """The low and high a point draws; None when it has no finite number."""
    lo = p.get("value") if p.get("value") is not None else p.get("low")
    hi = p.get("value") if p.get("value") is not None else p.get("high")
    lo, hi = (lo if lo is not None else hi), (hi if hi is not None else lo)
    return (float(lo), float(hi)) if lo is not None and math.isfinite(lo) and math.isfinite(hi) else None


def _who(p: dict[str, Any]) -> str:
    return p.get("source") or "the article itself"


def _shape(p: dict[str, Any], lo: float, hi: float) -> str:
    """dot: a figure; bar: a range; up or down: an open dot with a cap, "at least" or "at most"."""
    if lo != hi:
        return "bar"
    if p.get("bound") == "at_least" or (p.get("value") is None and p.get("high") is None):
        return "up"
    if p.get("bound") == "at_most" or (p.get("value") is None and p.get("low") is None):
        return "down"
    return "dot"


def _day_ticks(days: list[int], x: Axis) -> list[dict[str, Any]]:
    if len(days) <= MAX_DAY_TICKS:
        picked = days
    else:
        picked = sorted({round(days[0] + i * (days[-1] - days[0]) / 5) for i in range(6)})
    ticks = [{"x": x(d), "text": short_day(date.fromordinal(d).isoformat())} for d in picked]
    return _spread(ticks, 11 * CHAR_PX)


@dataclass
class Report:
    """One mark: a figure from one source on one day, with how many articles printed it."""

    day: int  # date ordinal
    low: float
    high: float
    point: dict[str, Any]
    copies: int = 1


def _reports(points: Sequence[dict[str, Any]]) -> list[Report]:
    """The dated figures by day; copies of one figure from one source on one day (a story reprinted) are one
    mark, so they neither stack up nor use up the printed labels."""
    seen: dict[tuple, Report] = {}
    for p in points:
        if (d := day_of(p.get("date"))) and (s := _span(p)):
            key = (d.toordinal(), s, _who(p), p.get("bound"))
            if key in seen:
                seen[key].copies += 1
            else:
                seen[key] = Report(d.toordinal(), *s, p)
    return sorted(seen.values(), key=lambda r: r.day)


def _mark(r: Report, x: Axis, y: Axis) -> dict[str, Any]:
    text, p = figure(r.point), r.point
    title = f"{short_day(p.get('date'))}: {text}, {_who(p)}" + (f" ({p['text']})" if p.get("text") else "")
    return {"x": x(r.day), "y1": y(r.low), "y2": y(r.high), "shape": _shape(p, r.low, r.high), "label": text,
            "title": title + (f"; in {r.copies} articles" if r.copies > 1 else "")}


def series_chart(points: Sequence[dict[str, Any]], least: int = 1) -> Markup:
    """Figures over time, one colour per source: a dot for a figure, a bar for a range, an open dot with a cap
    for "at least"/"at most", a thin line joining each source's figures. Empty Markup with fewer than `least`
    dated figures. `points` are series points (date, value, low, high, bound, source, text)."""
    reports = _reports(points)
    if not reports or sum(r.copies for r in reports) < least:
        return Markup("")
    sources = list(dict.fromkeys(_who(r.point) for r in reports))
    colors = dict(zip(sources, (PALETTE[i % len(PALETTE)] for i in range(len(sources))), strict=True))
    bottom, top, values = _value_ticks(min(0.0, *(r.low for r in reports)), max(0.0, *(r.high for r in reports)))
    texts = [tick_text(v, values[1] - values[0]) for v in values]
    left, right, plot_top, axis_y = 16 + CHAR_PX * max(map(len, texts)), WIDTH - 64, 28, 258
    x, y = Axis(reports[0].day, reports[-1].day, left + 12, right), Axis(bottom, top, axis_y, plot_top)
    marks = [_mark(r, x, y) | {"color": colors[_who(r.point)], "right": x(r.day) > left + (right - left) * .75,
                               "source": _who(r.point)} for r in reports]
    if len(marks) > MAX_LABELS:
        marks = [m | {"label": ""} for m in marks]
    return render("series", {
        "w": WIDTH, "h": axis_y + 30 + _legend_height(len(sources)), "left": left, "right": right,
        "top": plot_top, "bottom": axis_y, "zero": y(0.0), "marks": marks, "lines": _lines(marks, colors),
        "yticks": [{"y": y(v), "text": t} for v, t in zip(values, texts, strict=True)],
        "xticks": _day_ticks(sorted({r.day for r in reports}), x),
        "legend": _legend(sources, list(colors.values()), axis_y + 38)})


def _lines(marks: list[dict[str, Any]], colors: dict[str, str]) -> list[dict[str, Any]]:
    """Each source's figures joined in date order (through the middle of a range), where it gave several."""
    out = []
    for name, color in colors.items():
        own = [(m["x"], round((m["y1"] + m["y2"]) / 2, 1)) for m in marks if m["source"] == name]
        if len({px for px, _ in own}) > 1:
            out.append({"color": color, "points": " ".join(f"{px},{py}" for px, py in own)})
    return out


# ---- places on a longitude/latitude grid


def _grid(lo: float, hi: float, axis: Axis, key: str) -> list[dict[str, Any]]:
    step = nice_step(lo, hi, 8)
    return [{key: axis(k * step), "text": f"{k * step:.1f}°"} for k in range(math.ceil(lo / step - 1e-9),
                                                                              math.floor(hi / step + 1e-9) + 1)]


def place_map(rows: Sequence[dict[str, Any]], labelled: int = 10) -> Markup:
    """Places as dots on a plain longitude/latitude grid (no tiles, no coastlines), one colour per country;
    the first `labelled` places are named. Empty Markup when no place has a point."""
    points = [r for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    if not points:
        return Markup("")
    countries = list(dict.fromkeys(r.get("country") or "?" for r in points))
    named = countries[:len(PALETTE) - 1]  # the last colour is for every other country
    legend = named + (["other"] if len(countries) > len(named) else [])
    colors = [PALETTE[i] for i in range(len(named))] + [PALETTE[-1]] * (len(legend) - len(named))
    lons, lats = [r["lon"] for r in points], [r["lat"] for r in points]
    pad = max(1.0, (max(lons) - min(lons)) * 0.08, (max(lats) - min(lats)) * 0.08)
    (x0, x1), (y0, y1) = (min(lons) - pad, max(lons) + pad), (min(lats) - pad, max(lats) + pad)
    left, plot_top, plot_h = 64, 16, 300
    x, y = Axis(x0, x1, left, WIDTH - 16), Axis(y0, y1, plot_top + plot_h, plot_top)
    dots = [{"x": x(r["lon"]), "y": y(r["lat"]), "label": r["name"] if i < labelled else "",
             "color": colors[named.index(r.get("country") or "?")] if (r.get("country") or "?") in named
             else PALETTE[-1], "title": r["name"] + (f" ({r['country']})" if r.get("country") else "")}
            for i, r in enumerate(points)]
    axis_y = plot_top + plot_h
    return render("places", {
        "w": WIDTH, "h": axis_y + 44 + _legend_height(len(legend)), "left": left, "right": WIDTH - 16,
        "top": plot_top, "bottom": axis_y, "dots": dots, "xticks": _grid(x0, x1, x, "x"),
        "yticks": _grid(y0, y1, y, "y"), "legend": _legend(legend, colors, axis_y + 52)})
