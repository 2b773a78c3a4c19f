"""Article dates, read once at ingest: whatever a feed or a spreadsheet wrote becomes ISO 8601, so every
later step reads `published[:10]` as a date without guessing."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Written dates we read besides ISO 8601, day-first where the order is ambiguous only by name ("21 Oct")
WRITTEN = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%Y/%m/%d", "%Y.%m.%d",
           "%d.%m.%Y")


class DateError(ValueError):
    """A published date that could not be read."""


def iso_published(value: str | None) -> str | None:
    """`value` as ISO 8601 in its extended form: a date ("2024-10-21"), or a date and time when one is given.

    "Oct 21, 2024", "21 October 2024", "2024/10/21" and RFC 2822 ("Mon, 21 Oct 2024 08:00:00 GMT") are read;
    anything else raises DateError, so a date is never stored as written when nothing can read it.
    """
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    try:
        return (datetime.fromisoformat(text) if "T" in text or " " in text.strip() else date.fromisoformat(text)
                ).isoformat()
    except ValueError:
        pass
    for fmt in WRITTEN:
        try:
            return datetime.strptime(text.replace("Sept ", "Sep "), fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        pass
    raise DateError(f"published date not understood: {value[:60]!r} (write it as YYYY-MM-DD)")


def iso_day(value: str | None) -> date | None:
    """The day of a stored ISO date or datetime (its first 10 characters); None when missing or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
