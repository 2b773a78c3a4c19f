"""Number expressions in a parsed sentence: where a figure starts and ends, its value, range or
vague bounds, the bound words before it and the unit or counted noun after it. Dates, clock
times, ordinals, years, phone numbers and numbers inside names are not figures.
`numbers.py` reads the written numbers; `quantities.py` turns figures into Quantity records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from assay.extract.lexicon import quantity_concepts
from assay.extract.numbers import (
    FRACTION_WORDS,
    ORDINAL,
    SCALES,
    SUFFIX_SCALES,
    VAGUE,
    WORDS,
    combine,
    split_glued,
    token_value,
)
from assay.extract.times import MONTHS as MONTH_NUMBERS
from assay.extract.times import WEEKDAYS

CURRENCY = {"$": "$", "us$": "$", "$us": "$", "usd": "$", "€": "€", "eur": "€", "£": "£", "gbp": "£", "¥": "¥",
            "y=": "¥", "inr": "₹", "₹": "₹", "a$": "$", "c$": "$", "hk$": "$"}
BOUNDS = [  # the words right before a number; sorted longest first below, so "no more than" beats "more than"
    (("at", "least"), "at_least"), (("more", "than"), "at_least"), (("upwards", "of"), "at_least"),
    (("in", "excess", "of"), "at_least"), (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"), (("over",), "at_least"), (("above",), "at_least"),
    (("up", "to"), "at_most"), (("at", "most"), "at_most"), (("less", "than"), "at_most"),
    (("fewer", "than"), "at_most"), (("no", "more", "than"), "at_most"), (("as", "many", "as"), "at_most"),
    (("as", "much", "as"), "at_most"), (("under",), "at_most"), (("below",), "at_most"),
    (("an", "estimated"), "approx"), (("about",), "approx"), (("around",), "approx"),
    (("roughly",), "approx"), (("approximately",), "approx"), (("nearly",), "approx"),
    (("almost",), "approx"), (("some",), "approx"), (("close", "to"), "approx"), (("estimated",), "approx"),
    (("circa",), "approx"), (("~",), "approx"),
]
BOUNDS.sort(key=lambda phrase_bound: -len(phrase_bound[0]))
MONTHS = set(MONTH_NUMBERS) | set(WEEKDAYS)  # words that make a number part of a date
YEAR_WORDS = {"in", "since", "of", "by", "until", "from", "before", "after", "early", "late", "mid", "during",
              "through", "between", "year", "season", "the", "fiscal", "'s"}
PHONE = re.compile(r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{3,4}[\s.-]\d{3,4}"
                   r"(?:[\s.-]\d{2,4})?(?![\w,]|\.\d)")
LENGTHY = {"long", "tall", "high", "wide", "deep"}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
UNITS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}


@dataclass
class Figure:
    start: int  # token range of the number itself (with a currency sign)
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    bound: str = "exact"
    currency: str = ""
    unit: str | None = None  # a unit glued to the number ("256GB")
    lead: int | None = None  # first token of the bound words ("at least")
    scale: float = 1.0  # the multiplier written after the number ("billion"), for ranges


def _is_date_or_time(tok: Token) -> bool:
    """A number inside a date or clock time ("Nov. 5", "2024", "3 p.m."), but not a duration."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in ("am", "pm", "a.m.", "p.m."):
        return True
    if tok.ent_type_ not in ("DATE", "TIME"):
        v = token_value(tok.text)
        if v is None or not tok.text.isdigit() or not 1800 <= v <= 2100:
            return False
        prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
        counted = nxt is not None and (nxt.lemma_.lower() in quantity_concepts() or nxt.pos_ == "NOUN")
        return prev in YEAR_WORDS or not counted  # "in 2019", "2019's"; not "2000 hires"
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    words = {t.lower_.rstrip(".") for t in ent} if ent is not None else set()
    years = any(t.like_num and len(t.text) == 4 and t.text.isdigit() for t in ent or [])
    return bool(words & MONTHS) or years or any(":" in t.text or t.lower_ in ("a.m.", "p.m.") for t in ent or [])


def _in_a_name(doc: Doc, j: int, currency: str) -> bool:
    """ "S&P 500", "FTSE 100", "iPhone 12", "Game 7": a number that is part of a name."""
    prev = doc[j - 1] if j > 0 else None
    return not currency and prev is not None and prev.pos_ == "PROPN" and not prev.is_punct \
        and doc[j].text.lstrip("+-−").isdigit() and prev.lower_.rstrip(".") not in MONTHS


def _adjective(doc: Doc, j: int, end: int) -> bool:
    """ "four-door", "three-year": a number word fused into an adjective, not a count."""
    return doc[j].lower_ in WORDS and j + 2 < end and doc[j + 1].text == "-" \
        and token_value(doc[j + 2].text) is None and doc[j + 2].lower_ not in SCALES


def _fraction_at(doc: Doc, j: int, end: int) -> Figure | None:
    """ "a third", "one fourth", "one out of three", "sixfold"."""
    word = doc[j].lower_
    if word.endswith("fold") and (v := token_value(word[:-4])) is not None:
        return Figure(j, j + 1, v)
    nxt = doc[j + 1].lower_ if j + 1 < end else ""
    if word in ("a", "one") and nxt in FRACTION_WORDS:
        return Figure(j, j + 2, 1 / FRACTION_WORDS[nxt])
    if j + 3 < end and nxt == "out" and doc[j + 2].lower_ == "of":
        top, bottom = token_value(doc[j].text), token_value(doc[j + 3].text)
        if top is not None and bottom:
            return Figure(j, j + 4, top / bottom)
    return None


def _number_at(doc: Doc, i: int, end: int) -> Figure | None:
    """The number expression starting at token i, if any: currency, digits or words, scales."""
    tok = doc[i]
    currency = ""
    j = i
    if tok.lower_ in CURRENCY and j + 1 < end:
        currency, j = CURRENCY[tok.lower_], j + 1
    text = doc[j].text
    lower = text.lower()
    if not (any(ch.isdigit() for ch in text) or lower.split("-")[0] in WORDS or lower == "a"
            or lower.endswith("fold")):
        return None  # most tokens: no number here, skip the costlier checks below
    glued = split_glued(text)
    if ORDINAL.match(text) or _is_date_or_time(doc[j]) or _in_a_name(doc, j, currency) or _adjective(doc, j, end):
        return None
    if (fraction := _fraction_at(doc, j, end)) is not None:
        return fraction
    if glued is not None:
        cur, value, unit = glued
        num = Figure(i, j + 1, value, currency=currency or CURRENCY.get(cur.lower(), cur), unit=unit)
    elif (value := token_value(text)) is not None and text.lower() not in ("half", "dozen"):
        value, j = _spaced_groups(doc, j, end, value)
        num = Figure(i, j + 1, value, currency=currency)  # a lone "half" or "dozen" is not a figure
    elif text.lower() == "a" and j + 1 < end and doc[j + 1].lower_ in ("dozen", "hundred", "thousand", "million"):
        num = Figure(i, j + 1, 1.0, currency=currency)
    else:
        return None
    return _extend(doc, num, end)


def _spaced_groups(doc: Doc, j: int, end: int, value: float) -> tuple[float, int]:
    """Tokenised text writes "170 , 000" and "6 . 1": join digit groups split by a spaced comma or point."""
    if not doc[j].text.isdigit():
        return value, j
    while j + 2 < end and doc[j].whitespace_ and doc[j + 1].whitespace_ and doc[j + 2].text.isdigit():
        sep, group = doc[j + 1].text, doc[j + 2].text
        if sep == "," and len(group) == 3 and len(doc[j].text) <= 3:
            value, j = value * 1000 + int(group), j + 2
        elif sep == "." and float(value).is_integer() and len(doc[j].text) <= 3:
            value, j = float(f"{int(value)}.{group}"), j + 2
            break
        else:
            break
    return value, j


def _extend(doc: Doc, num: Figure, end: int) -> Figure:
    """Take in following number words and scales: "1.5 million", "twenty five", "$5 m"."""
    values, scales = [num.value or 0.0], [0.0]
    k = num.end
    while k < end:
        word = doc[k].lower_.rstrip(".") if doc[k].lower_ != "." else "."
        if word in SCALES or word == "dozen":
            values.append(0.0)
            scales.append(float(SCALES.get(word, 12)))
        elif word in SUFFIX_SCALES and not num.unit and _scale_not_metres(doc, num, k, end):
            values.append(0.0)
            scales.append(float(SUFFIX_SCALES[word]))
        elif word in WORDS and word not in ("half", "dozen") and doc[k - 1].lower_ in WORDS:
            values.append(float(WORDS[word]))
            scales.append(0.0)
        elif word == "-" and k + 1 < end and doc[k + 1].lower_ in SCALES and doc[k + 1].lower_ != "hundred":
            values.append(0.0)  # "a two-million-euro haul", "a 10-million-dollar deal"
            scales.append(float(SCALES[doc[k + 1].lower_]))
            k += 1
        elif word == "-" and k + 1 < end and doc[k - 1].lower_ in TENS and doc[k + 1].lower_ in UNITS:
            values.append(float(WORDS[doc[k + 1].lower_]))  # "twenty - five", split by the tokenizer
            scales.append(0.0)
            k += 1
        else:
            break
        k += 1
    if k > num.end:
        num.value, num.end = combine(values, scales), k
        num.scale = max(scales)
    return num


def _scale_not_metres(doc: Doc, num: Figure, k: int, end: int) -> bool:
    """A split "m" after a number means million with money, decimals, "of" or a noun after it."""
    if doc[k].lower_ != "m" or num.currency or not float(num.value or 0).is_integer():
        return True
    nxt = doc[k + 1] if k + 1 < end else None
    return nxt is not None and (nxt.lower_ == "of" or (nxt.pos_ == "NOUN" and nxt.lower_ not in LENGTHY))


def _vague_at(doc: Doc, i: int, end: int) -> Figure | None:
    """"thousands of", "tens of thousands of", "dozens of"."""
    word = doc[i].lower_
    if word == "tens" and i + 2 < end and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in VAGUE:
        low, _ = VAGUE[doc[i + 2].lower_]
        return Figure(i, i + 3, None, low=float(low * 10), high=float(low * 100 - 1), bound="vague")
    if word in VAGUE and i + 2 < end and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in ("thousands", "millions"):
        low, high = VAGUE[word]  # "hundreds of thousands": one figure, 100,000-999,999
        scale = VAGUE[doc[i + 2].lower_][0]
        return Figure(i, i + 3, None, low=float(low * scale), high=float((high + 1) * scale - 1), bound="vague")
    if word in VAGUE and i + 1 < end and doc[i + 1].lower_ == "of":
        low, high = VAGUE[word]
        return Figure(i, i + 1, None, low=float(low), high=float(high), bound="vague")
    if word in VAGUE and word != "scores" and doc[i].pos_ in ("NOUN", "NUM", "PRON"):
        low, high = VAGUE[word]  # "injuring dozens", "hundreds more were hurt"
        return Figure(i, i + 1, None, low=float(low), high=float(high), bound="vague")
    return None


def figures_in(sent: SpacySpan) -> list[Figure]:
    doc, nums, i = sent.doc, [], sent.start
    phones = [(m.start() + sent.start_char, m.end() + sent.start_char) for m in PHONE.finditer(sent.text)]
    while i < sent.end:
        num = _vague_at(doc, i, sent.end) or _number_at(doc, i, sent.end)
        if num is None:
            i += 1
            continue
        if not any(a <= doc[num.start].idx < b for a, b in phones):  # a phone number is not a figure
            nums.append(num)
        i = num.end
    return _ranges(doc, nums)


def _ranges(doc: Doc, nums: list[Figure]) -> list[Figure]:
    """"between 8,000 and 10,000", "from 10 to 12", "10,000-12,000", "14 to 18"."""
    out: list[Figure] = []
    for num in nums:
        prev = out[-1] if out else None
        if prev is not None and prev.value is not None and num.value is not None:
            gap = [t.lower_ for t in doc[prev.end:num.start]]
            before = doc[prev.start - 1].lower_ if prev.start > 0 else ""
            dash, to = gap[-1:] in (["-"], ["–"]), gap[-1:] == ["to"]
            repeated = len(gap) == 2 and num.end < len(doc) and gap[0] == doc[num.end].lower_
            spread = before == "from" and to and len(gap) <= 8  # "from 208 pounds to 193"
            if len(gap) != 1 and not (repeated or spread):  # "5% to 10%", "252 miles to 287 miles"
                dash = to = False
            change = before == "by" and num.value > 3 * prev.value  # "grew by $43bn to $419bn"
            joined = (dash and prev.value < num.value) or (to and not change) \
                or (gap == ["and"] and before == "between")
            if gap in (["-"], ["–"]) and prev.value == num.value:  # a score ("89-89"), not a range
                out.pop()
                continue
            if joined:
                if prev.scale == 1.0 and num.scale > 1.0 and prev.value <= num.value / num.scale:
                    prev.value *= num.scale  # "$10 to $15 billion", "four to five thousand"
                low, high = sorted((prev.value, num.value))
                out[-1] = Figure(prev.start, num.end, None, low=low, high=high, bound="range",
                               currency=prev.currency or num.currency, unit=num.unit or prev.unit)
                if before in ("between", "from"):
                    out[-1].lead = prev.start - 1
                continue
        out.append(num)
    return out


def read_bound(doc: Doc, num: Figure) -> None:
    """Bound words right before the number ("at least", "up to", "about")."""
    if num.bound != "exact":
        return
    words = [t.lower_ for t in doc[max(0, num.start - 3):num.start]]
    for phrase, bound in BOUNDS:
        if tuple(words[-len(phrase):]) == phrase:
            num.bound, num.lead = bound, num.start - len(phrase)
            if bound == "at_least":
                num.low = num.value
            elif bound == "at_most":
                num.high = num.value
            return


def read_unit(doc: Doc, num: Figure, end: int) -> tuple[str | None, int]:
    """(unit as written, end token of the expression): a glued unit, %, currency, or the counted noun."""
    k = num.end
    if num.unit:
        return num.unit, k
    if k < end and doc[k].text == "%":
        return "%", k + 1
    if k + 1 < end and doc[k].lower_ == "per" and doc[k + 1].lower_ == "cent":
        return "per cent", k + 2
    if k < end and doc[k].lower_ in ("percent", "pct"):
        return doc[k].text, k + 1
    if num.currency:
        return num.currency, k
    if k + 1 < end and doc[k].text == "-" and num.scale and doc[k + 1].is_alpha:
        k += 1  # "a two-million-euro haul": the unit after the compound's hyphen
    if k < end and doc[k].lower_ == "of":  # "thousands of families", "one of the best speakers"
        objs = [c for c in doc[k].children if c.dep_ == "pobj" and c.i < end]
        if objs and objs[0].pos_ in ("NOUN", "PROPN"):
            first = k + 1
            while first < objs[0].i and doc[first].dep_ in ("det", "poss"):
                first += 1
            return doc[first:objs[0].i + 1].text, objs[0].i + 1
    if k < end and doc[k].pos_ in ("PROPN", "NOUN", "X") and doc[k].is_alpha and len(doc[k]) <= 4 \
            and doc[k].text[:1].isupper():
        return doc[k].text, k + 1  # "784 HP", "70 GPa", "24 MPG"
    head = _counted_noun(doc, num, k, end)
    if head is None:
        return None, num.end
    return doc[k:head + 1].text, head + 1


def _counted_noun(doc: Doc, num: Figure, k: int, end: int) -> int | None:
    """Index of the noun the number counts: its syntactic head, or the noun right after it."""
    last = doc[num.end - 1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound") and k <= head.i < min(end, k + 6) \
            and head.pos_ in ("NOUN", "PROPN", "SYM"):
        return head.i
    j = k
    while j < end and j < k + 5 and doc[j].pos_ in ("ADJ", "PROPN", "NOUN", "NUM", "PUNCT") \
            and doc[j].text not in (",", ".", ";", ":", "(", ")"):
        if doc[j].pos_ == "NOUN" and (j + 1 >= end or doc[j + 1].pos_ != "NOUN"):
            return j
        j += 1
    return None
