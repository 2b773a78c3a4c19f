"""Reading numbers as written in news: "1,500", "1.5 million", "twenty-five", "a dozen", "$5m",
"256GB", "50.8bn". Pure string functions; quantities.py finds them in a parsed sentence."""

from __future__ import annotations

import re

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12, "half": 0.5,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000}
# glued multipliers: "$5m", "50.8bn", "3k", "1.2tn"
SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
                 "bn": 1_000_000_000, "bln": 1_000_000_000, "tn": 1_000_000_000_000}
# vague plurals: "thousands of" -> 1,000-9,999 (SCHEMA.md)
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (100, 999), "thousands": (1_000, 9_999),
         "millions": (1_000_000, 999_999_999), "billions": (1_000_000_000, 999_999_999_999)}
CURRENCY_PREFIX = re.compile(r"^(US\$|\$US|USD|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|Y=|₹|INR|EUR|GBP|Rs\.?|RM)")
DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
# a number with letters or a sign glued on: "256GB", "640bhp", "1.5mm", "5m", "10%"
GLUED = re.compile(r"^(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>[A-Za-z%][A-Za-z%/.²³-]*)$")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.I)


def digits_value(text: str) -> float | None:
    """ "1,500" -> 1500.0, "0.9" -> 0.9; None when it is not a plain written number."""
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def word_value(word: str) -> float | None:
    """ "twelve" -> 12, "twenty-five" -> 25."""
    word = word.lower()
    if word in WORDS:
        return float(WORDS[word])
    if "-" in word:
        parts = word.split("-")
        if len(parts) == 2 and parts[0] in WORDS and parts[1] in WORDS and WORDS[parts[0]] >= 20:
            return float(WORDS[parts[0]] + WORDS[parts[1]])
    return None


def split_glued(text: str) -> tuple[str, float, str | None] | None:
    """(currency, value, unit) for a token like "$5m", "USD10m", "256GB", "50.8bn"; else None."""
    currency = ""
    m = CURRENCY_PREFIX.match(text)
    if m and len(m.group()) < len(text):
        currency, text = m.group(), text[m.end():]
    if (value := digits_value(text)) is not None:
        return (currency, value, None) if currency else None
    g = GLUED.match(text)
    if not g or ORDINAL.match(text):
        return None
    if CLOCK.match(text):
        return None
    value = float(g.group("num").replace(",", ""))
    unit = g.group("unit")
    if unit.lower() in SUFFIX_SCALES and (currency or unit.lower() != "m" or not value.is_integer()):
        return currency, value * SUFFIX_SCALES[unit.lower()], None  # "$5m", "1.2m"; "37m" stays metres
    return currency, value, unit


SIGNED = re.compile(r"^(?P<sign>[+\-−]|minus-)(?P<num>[\d.,]+)$", re.I)
FRACTION = re.compile(r"^(\d+)[/⁄](\d+)$")
FRACTION_WORDS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
CLOCK = re.compile(r"^\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)$", re.I)


def token_value(text: str) -> float | None:
    """The value of one token that is a number by itself: digits, a signed number ("-1.3",
    "minus-5"), a fraction ("1/16") or a number word."""
    if (m := SIGNED.match(text)) and (v := digits_value(m.group("num"))) is not None:
        return -v if m.group("sign") != "+" else v
    if (m := FRACTION.match(text)) and int(m.group(2)):
        return int(m.group(1)) / int(m.group(2))
    return digits_value(text) if text[:1].isdigit() or text[:1] == "." else word_value(text)


def combine(values: list[float], scales: list[float]) -> float:
    """ "two hundred thirty" / "1.5 million" / "twenty five": numbers then multipliers, in order."""
    total, current = 0.0, 0.0
    for v, s in zip(values, scales, strict=True):
        if s:
            current = (current or 1.0) * s
            if s >= 1_000:
                total, current = total + current, 0.0
        else:
            current += v
    return total + current
