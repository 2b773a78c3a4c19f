"""Times: date and duration expressions normalised against the article's date (SCHEMA.md Time).

`extract_times(doc, published)` is pure. Candidates are the parser's DATE and TIME
entities; each is read into a TIMEX3-style value: "on Friday" in a Monday
2024-10-21 article is 2024-10-18 (the tense of its verb says past or next),
"this month" 2024-10, "over the weekend" 2024-W42-WE, "June 2023" 2023-06,
"August" the last August before the date, "10 years" P10Y, "for months" PXM.
Without a published date, relative expressions keep a null value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from assay.dates import iso_day
from assay.extract.numbers import token_value
from assay.records import Claim, Span, Time

EXTRACTOR = "assay.times.v6"  # v6: "a day earlier", "the previous day"; v5: "the same year-end briefing"
MONTH_FORMS = (  # each month's name, then its abbreviations
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec"))
MONTHS = {m: i for i, names in enumerate(MONTH_FORMS, 1) for m in names}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"))}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "overnight": "TNI"}
UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE"}
CLOCK_UNITS = {"hour": "H", "minute": "M", "second": "S"}
FUTURE_WORDS = {"will", "'ll", "shall", "going", "next", "upcoming", "coming", "plans", "scheduled", "due"}
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


# "the same day", "in the same year-end briefing", "in the same nightly video address": a statement of that day
SAME_DAY = re.compile(r"\b(?:the same day|that day|that evening|that night|later that day|the same (?:[\w-]+ ){0,2}"
                      r"(?:briefing|update|statement|address|interview|news conference|press conference|report))\b")


def _anchor(published: str | None) -> date | None:
    return iso_day(published)


def _future(ent: SpacySpan) -> bool:
    """Whether the verb the expression hangs from speaks of what is ahead."""
    verb = ent.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    words = {c.lower_ for c in verb.children} | {verb.lower_} | {t.lower_ for t in ent}
    if words & FUTURE_WORDS or "next" in words:
        return True
    return verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _weekday(day: int, anchor: date, future: bool) -> date:
    delta = (day - anchor.weekday()) % 7
    if delta == 0:
        return anchor
    return anchor + timedelta(days=delta) if future else anchor - timedelta(days=7 - delta)


def _duration(words: list[str]) -> str | None:
    """ "10 years" -> P10Y, "more than 70 years" -> P70Y, "months" -> PXM, "two hours" -> PT2H."""
    for k, word in enumerate(words):
        unit = word[:-1] if word.endswith("s") else word
        code, clock = UNITS.get(unit), CLOCK_UNITS.get(unit)
        if not (code or clock):
            continue
        amount = next((token_value(w) for w in reversed(words[:k]) if token_value(w) is not None), None)
        if amount is None and not word.endswith("s"):
            return None  # "a year ago", "the week": not a length of time
        n = "X" if amount is None else (str(int(amount)) if float(amount).is_integer() else str(amount))
        return f"PT{n}{clock}" if clock else f"P{n}{code}"
    return None


def _past(ent: SpacySpan) -> bool:
    """The date hangs from a verb in the past tense ("said on December 26"), not a noun ("the election
    on Nov. 5") or a present or future verb."""
    head = ent.root.head
    while head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return head.tag_ == "VBD" or (head.tag_ == "VBN" and any(c.lemma_ == "have" for c in head.children))


def _calendar(words: list[str], anchor: date | None, past: bool = False) -> tuple[str, str] | None:
    """(value, granularity) for written dates: "October 21, 2024", "Nov. 5", "June 2023", "August", "2009".
    A day with no year said of the past is the latest such day up to the anchor ("said on December 26"
    in a January article)."""
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    years = [int(w) for w in words if YEAR.match(w)]
    days = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    if month is None:
        return (str(years[0]), "year") if years and len(words) <= 3 else None
    year = years[0] if years else None
    if days:
        if year is None and anchor is not None:
            year = anchor.year - (past and (month, days[0]) > (anchor.month, anchor.day))
        return (f"{year:04d}-{month:02d}-{days[0]:02d}", "day") if year else None
    if year is None and anchor is not None:
        year = anchor.year if month <= anchor.month else anchor.year - 1  # the latest such month up to the date
    return (f"{year:04d}-{month:02d}", "month") if year else None


def _relative(words: list[str], ent: SpacySpan, anchor: date) -> tuple[str, str] | None:
    text = " ".join(words)
    if "weekend" in words:
        saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7 or 7) if not _future(ent) else \
            anchor + timedelta(days=(5 - anchor.weekday()) % 7)
        year, week, _ = saturday.isocalendar()
        return f"{year}-W{week:02d}-WE", "week"
    for name, day in WEEKDAYS.items():
        if name in words:
            value = _weekday(day, anchor, _future(ent)).isoformat()
            part = next((code for p, code in PARTS_OF_DAY.items() if p in words), "")
            return value + part, "day"
    offsets = {"today": 0, "yesterday": -1, "tomorrow": 1}
    for word, shift in offsets.items():
        if word in words:
            return (anchor + timedelta(days=shift)).isoformat(), "day"
    shift = -1 if "last" in words or "previous" in words else 1 if "next" in words else 0
    if "month" in words and ("this" in words or shift):
        m = anchor.month - 1 + shift
        return f"{anchor.year + m // 12:04d}-{m % 12 + 1:02d}", "month"
    if "week" in words and ("this" in words or shift):
        year, week, _ = (anchor + timedelta(weeks=shift)).isocalendar()
        return f"{year}-W{week:02d}", "week"
    if "year" in words and ("this" in words or shift):
        return str(anchor.year + shift), "year"
    if text in ("now", "currently", "at present", "these days"):
        return "PRESENT_REF", "present"
    if text in ("recently", "recent years", "in recent years", "previously", "formerly", "the past"):
        return "PAST_REF", "past"
    return None


def _read(ent: SpacySpan, anchor: date | None) -> tuple[str | None, str, str]:
    """(value, type, granularity) of one date or time expression."""
    words = [t.lower_.rstrip(".,") for t in ent if not t.is_space and not t.is_punct]
    if words and words[0] in ("recent", "past", "previous") and words[-1] in ("years", "months", "weeks", "days"):
        return "PAST_REF", "date", "past"  # "recent years": a time before now, not a length
    if (duration := _duration(words)) is not None and not any(w in RELATIVE_WORDS for w in words):
        return duration, "duration", "duration"
    if (written := _calendar(words, anchor, _past(ent))) is not None:
        return written[0], "date", written[1]
    if anchor is not None and (rel := _relative(words, ent, anchor)) is not None:
        return rel[0], "date", rel[1]
    kind = "time" if ent.label_ == "TIME" else "date"
    return None, kind, "unknown"


def _with_preposition(doc: Doc, ent: SpacySpan, kind: str) -> SpacySpan:
    """Take in a leading "on" or "over" ("on Friday", "over the weekend"), or "for" before a duration
    ("For months"); drop trailing breaks."""
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    lead = doc[start - 1].lower_ if start > 0 else ""
    if lead in ("on", "over") or (lead == "for" and kind == "duration"):
        start -= 1
    return doc[start:end]


def _with_part_of_day(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """ "Sunday" + "evening" (tagged TIME) are one expression."""
    if ent.end < len(doc) and doc[ent.end].lower_ in PARTS_OF_DAY:
        return doc[ent.start:ent.end + 1]
    return ent


# "a day earlier", "two days later", "the day before", "the previous day", "three days ago"
DAYS_APART = re.compile(r"^(?:(?P<n>a|one|two|three|four|five|six|seven|\d+) days? (?P<way>earlier|later|before"
                        r"|after|ago)|the day (?P<way2>before|after)|the (?P<way3>previous|next|following) day)$")
RELATIVE_WORDS = {"ago", "last", "this", "next", "earlier", "later", "before", "after"}


def _days_apart(ent: SpacySpan, earlier_day: date | None, anchor: date | None) -> tuple[str, str] | None:
    """A day given as days from another: from the day the sentence names before it ("said on Thursday that
    419 trucks had entered a day earlier"), else from the article's date; "ago" is always from the date."""
    words = " ".join(t.lower_ for t in ent if not t.is_space and not t.is_punct)
    m = DAYS_APART.match(words)
    if m is None:
        return None
    way = m["way"] or m["way2"] or m["way3"]
    back = way in ("earlier", "before", "ago", "previous")
    base = anchor if way == "ago" else earlier_day or anchor
    if base is None:
        return None
    n = 1 if m["n"] in (None, "a") else int(token_value(m["n"]))
    return (base - timedelta(days=n) if back else base + timedelta(days=n)).isoformat(), "day"


def extract_times(doc: Doc, published: str | None) -> list[Time]:
    """Every date, time and duration expression, normalised against `published`."""
    anchor = _anchor(published)
    text, out, taken = doc.text, [], set()
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or ent.start in taken:
            continue
        ent = _with_part_of_day(doc, ent)
        taken.update(range(ent.start, ent.end))
        value, kind, granularity = _read(ent, anchor)
        if value is None:
            sent = ent.sent
            before = [d for t in out if sent.start_char <= t.span.start < ent.start_char and (d := iso_day(t.value))]
            value, granularity = _days_apart(ent, before[-1] if before else None, anchor) or (value, granularity)
        span = _with_preposition(doc, ent, kind)
        if not span.text.strip():
            continue
        out.append(Time(span=Span.of(text, span.start_char, span.end_char), value=value, type=kind,
                        granularity=granularity))
    return out


def _day(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def date_claims(doc: Doc, claims: list[Claim], times: list[Time], published: str | None) -> list[Claim]:
    """Each claim's `stated_on`: a day named in the cue's sentence outside the content ("the agency
    said on Friday"), else the article's date when the cue is in the present tense ("now estimate")."""
    anchor = _anchor(published)
    stated_on: dict[str, str] = {}
    last: str | None = None  # the day of the latest dated statement before this one
    for c in sorted(claims, key=lambda c: c.cue.start):
        cue = doc.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
        if cue is None:
            continue
        sent = cue.sent
        days = [(abs(t.span.start - c.cue.start), _day(t.value)) for t in times
                if sent.start_char <= t.span.start < sent.end_char and _day(t.value)
                and not _reported(t.span.start, c, claims)]
        stated = min(days)[1] if days else None
        if stated is None and SAME_DAY.search(_outside(sent, c)):
            # "struck on Wednesday, Central Command said late that day"; "said the same day"
            before = [_day(t.value) for t in times if sent.start_char <= t.span.start < c.cue.start and _day(t.value)]
            stated = before[-1] if before else last
        if stated is None and anchor is not None and (cue.root.tag_ in ("VBP", "VBZ") or "now" in sent.text.split()):
            stated = anchor.isoformat()
        if stated:
            stated_on[c.id] = last = stated
    return [replace(c, stated_on=stated_on[c.id]) if c.id in stated_on else c for c in claims]


def _within(pos: int, claim: Claim) -> bool:
    return any(s.start <= pos < s.end for s in claim.content)


def _reported(pos: int, c: Claim, claims: list[Claim]) -> bool:
    """A date inside what a claim reports, this one's or another's that does not hold this one's cue ("said
    on Tuesday that the first ship came on Friday, but acknowledged ...": Friday dates neither statement)."""
    return any(_within(pos, o) and (o is c or not _within(c.cue.start, o)) for o in claims)


def _outside(sent: SpacySpan, c: Claim) -> str:
    """The sentence's words outside the claim's content (where "the same day" dates the statement)."""
    text, base = sent.text, sent.start_char
    for s in sorted(c.content, key=lambda s: -s.start):
        lo, hi = max(s.start - base, 0), min(s.end - base, len(text))
        if lo < hi:
            text = text[:lo] + " " + text[hi:]
    return text.lower()
