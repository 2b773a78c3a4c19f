"""Quotation spans in article text, robust to how real reporting uses quotation marks.

A quotation runs from an opening mark to its closing mark. Reporting bends the
rule in three ways this module accepts rather than rejects:

- a quote running over several paragraphs leaves each paragraph unclosed and
  reopens the next one; each paragraph's part is a quotation, linked to the next;
- an opening mark never closed by the end of its paragraph closes there;
- a closing mark with no opener (a lost mark) opens at the paragraph start or
  after the previous quotation in that paragraph.

Straight quotes (" and typewriter '') alternate open/close within a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“«"
CLOSERS = "”»"
STRAIGHT = '"'
MARKS = re.compile(r"''|``|[“”«»\"]")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quotation:
    start: int  # the opening mark, or where a lost mark's quote is taken to begin
    end: int  # one past the closing mark, or the paragraph end when unclosed
    continues: bool = False  # the quote goes on in the next paragraph

    def holds(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, blank-line separated, without surrounding whitespace."""
    out, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _mark_kind(mark: str) -> str:
    if mark in ("``",) or mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        return "close"
    return "straight"  # " and '' close an open quote, else open one


def _in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) quotations in one paragraph; an unclosed one ends at `end`."""
    found: list[tuple[int, int]] = []
    opened: int | None = None
    floor = start  # where a lost closing mark's quotation may begin
    for m in MARKS.finditer(text, start, end):
        kind = _mark_kind(m.group())
        if kind == "open" or (kind == "straight" and opened is None):
            if opened is not None:  # an opener inside an open quote: the first one was never closed
                found.append((opened, m.start()))
            opened = m.start()
            continue
        if opened is None:  # a closing mark whose opener was lost
            begin = floor
            while begin < m.start() and text[begin].isspace():
                begin += 1
            found.append((begin, m.end()))
        else:
            found.append((opened, m.end()))
            opened = None
        floor = m.end()
    if opened is not None:
        stop = end
        while stop > opened and text[stop - 1].isspace():
            stop -= 1
        found.append((opened, stop))
    return found


def find_quotations(text: str) -> list[Quotation]:
    """All quotations in text, in order, with multi-paragraph continuations linked."""
    quotes: list[Quotation] = []
    paras = paragraphs(text)
    for k, (start, end) in enumerate(paras):
        spans = _in_paragraph(text, start, end)
        for j, (s, e) in enumerate(spans):
            last = j == len(spans) - 1
            unclosed = e == end and text[e - 1] not in CLOSERS + STRAIGHT + "'"
            next_opens = k + 1 < len(paras) and text[paras[k + 1][0]] in OPENERS + STRAIGHT
            quotes.append(Quotation(s, e, continues=last and unclosed and next_opens))
    return quotes


def quote_chain(quotes: list[Quotation], index: int) -> list[Quotation]:
    """The quotation at index with the paragraphs of the same quote before and after it."""
    lo = index
    while lo > 0 and quotes[lo - 1].continues:
        lo -= 1
    hi = index
    while hi < len(quotes) - 1 and quotes[hi].continues:
        hi += 1
    return quotes[lo:hi + 1]
