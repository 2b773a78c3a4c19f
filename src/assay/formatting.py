"""How figures, dates and actor lists read, wherever they are shown: the CLI, the brief and the dashboard.

One module so the three faces say a figure the same way ("about 2,000", "≥ 6,000", "4,000–5,000").
It reads plain dicts (a series point, an event's actor) and imports nothing from extraction, the
pipeline, the store or the faces, so analyze/, report/ and the CLI can all use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from assay.dates import iso_day

BOUND_WORDS = {"approx": "about ", "at_least": "≥ ", "at_most": "≤ "}
MAX_ACTORS = 6  # more names than this in one table cell are hard to read; the JSON keeps them all


# ---- figures


def number(v: float) -> str:
    """ "2,000" for a whole number, "2.5" or "1,234.56" otherwise: never rounded away."""
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,}"


def between(low: float, high: float) -> str:
    """ "4,000–5,000": two numbers joined by an en dash."""
    return f"{number(low)}–{number(high)}"


def figure(p: Mapping[str, Any]) -> str:
    """A figure as a reader says it: "about 2,000", "≥ 6,000", "≤ 50", "4,000–5,000", "1,000–9,999 (vague)".

    `p` holds `value`, `low`, `high` and `bound` as a Quantity or a series point does; "?" when it has no number.
    """
    value, low, high = p.get("value"), p.get("low"), p.get("high")
    if value is not None:
        return BOUND_WORDS.get(p.get("bound") or "", "") + number(value)
    if low is not None and high is not None:
        # "thousands of" is stored as 1,000–9,999: say so, or it reads as a range someone gave
        return between(low, high) + (" (vague)" if p.get("bound") == "vague" else "")
    if low is not None:
        return "≥ " + number(low)
    return "≤ " + number(high) if high is not None else "?"


# ---- dates


def day_of(value: str | None) -> date | None:
    """The day a stored date stands for: an ISO date or datetime, a month ("2026-03": its first day) or an
    ISO week ("2026-W09": its Monday); None for anything else (a year alone, a duration, nothing)."""
    if not value:
        return None
    if _is_week(value):
        try:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        except ValueError:  # "2026-W60"
            return None
    return iso_day(value) or iso_day(value[:7] + "-01")


def sort_day(value: str | None) -> str:
    """A key that sorts TIMEX values by day: a week sorts as its Monday, anything else by its first 10 chars."""
    return day.isoformat() if _is_week(value) and (day := day_of(value)) else (value or "")[:10]


def short_day(value: str | None, year: int | None = None) -> str:
    """A date as a reader says it: "10 Mar" in `year`, "10 Mar 2025", "Oct 2025", "week of 23 Feb"; "undated"
    when there is none, and the value as stored when it is no day (a year, a season)."""
    if not value:
        return "undated"
    day = day_of(value)
    if day is None:
        return value
    if _is_week(value):
        return "week of " + short_day(day.isoformat(), year)
    if len(value) == 7:  # a month
        return f"{day:%b %Y}"
    return f"{day.day} {day:%b}" if day.year == year else f"{day.day} {day:%b %Y}"


def _is_week(value: str | None) -> bool:
    return bool(value) and len(value) >= 8 and value[5] == "W" and value[6:8].isdigit()


# ---- words and lists


def plural(n: int, word: str) -> str:
    """ "1 claim", "3 claims", "2 more countries", "4 smaller series"."""
    if n == 1 or word.endswith("series"):
        return f"{n:,} {word}"
    return f"{n:,} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else f"{n:,} {word}s"


def actor_list(actors: Sequence[Mapping[str, Any]], empty: str = "—", most: int | None = MAX_ACTORS) -> str:
    """Actors as "Norvala (XN); the mayor of Ostel", at most `most` names and then "and 2 more"; `empty`
    when there are none. `most=None` lists every one (a key that must tell two lists apart)."""
    names = [a["name"] + (f" ({a['country']})" if a.get("country") else "") for a in actors]
    if not names:
        return empty
    if most is not None and len(names) > most:
        return "; ".join(names[:most]) + f" and {len(names) - most} more"
    return "; ".join(names)
