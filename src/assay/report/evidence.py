"""Evidence for a brief or a page: the sentence around a span, with the span marked, safely escaped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from assay.records import Span

SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")
MAX_CONTEXT = 400  # characters either side at most, for texts without sentence breaks


@dataclass(frozen=True)
class Evidence:
    """The text before, in and after a span, within its sentence."""

    before: str
    marked: str
    after: str

    def html(self, css_class: str = "hl") -> str:
        """Escaped HTML with the span in <mark>: article text is untrusted and never rendered as markup."""
        return f'{escape(self.before)}<mark class="{css_class}">{escape(self.marked)}</mark>{escape(self.after)}'

    def text(self) -> str:
        return f"{self.before}[{self.marked}]{self.after}"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - MAX_CONTEXT)
    begin = lo
    for m in SENTENCE_END.finditer(text, lo, start):
        begin = m.end()
    stop = SENTENCE_END.search(text, end, min(len(text), end + MAX_CONTEXT))
    return begin, stop.end() if stop else min(len(text), end + MAX_CONTEXT)


def evidence(text: str, span: Span | tuple[int, int]) -> Evidence:
    """The sentence holding `span` (clipped to the text), split around it."""
    start, end = (span.start, span.end) if isinstance(span, Span) else span
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    begin, stop = _sentence_bounds(text, start, end)
    return Evidence(text[begin:start].lstrip(), text[start:end], text[end:stop].rstrip())


def highlight(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The whole text as escaped HTML with non-overlapping spans marked by class (claims, places, ...)."""
    out, pos = [], 0
    for start, end, css in sorted(spans):
        if start < pos or end <= start:
            continue  # overlapping marks would nest badly: the first wins
        out += [escape(text[pos:start]), f'<mark class="{escape(css)}">', escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)
