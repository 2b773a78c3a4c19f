"""Country names, aliases, demonyms and seats of government to ISO 3166-1 alpha-2 codes (data/countries.tsv)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from assay.tsv import data_text, tsv_rows

# Adjectives and names shared by two countries: context decides ("Korean officials" next to "Seoul").
AMBIGUOUS = {("korean",): ("KR", "KP"), ("koreans",): ("KR", "KP"), ("korea",): ("KR", "KP"),
             ("congolese",): ("CD", "CG")}
# Aliases that are also common lower-case words: they only count as written ("US", not "us").
CASED = {"us", "car", "male", "chad", "turkey", "china", "jordan", "georgia", "niger", "guinea", "polish", "lao"}
WORD = re.compile(r"[\w&][\w.&'’-]*")
POSSESSIVE = ("'s", "’s", "'", "’")


@dataclass(frozen=True)
class Country:
    """One row of countries.tsv: a country and its GeoNames entry."""

    iso: str
    name: str
    geonameid: int
    lat: float
    lon: float
    population: int


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words with possessives stripped: "South Korea's" -> ("south", "korea")."""
    out = []
    for w in WORD.findall(text):
        w = w.lower()
        for p in POSSESSIVE:
            if w.endswith(p) and len(w) > len(p):
                w = w[: -len(p)]
                break
        out.append(w)
    return tuple(out)


class CountryTable:
    """Names, aliases, demonyms and seats -> ISO codes, from countries.tsv-style rows (shipped and the user's)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.countries: dict[str, Country] = {}
        self.names: dict[tuple[str, ...], str] = {}     # names, aliases, demonyms -> iso
        seats: dict[tuple[str, ...], str] = {}
        acronyms: set[tuple[str, ...]] = set()
        for cols in tsv_rows(text):
            iso, name, gid, lat, lon, pop, aliases, demonyms, capitals = cols
            self.countries[iso] = Country(iso, name, int(gid), float(lat), float(lon), int(pop or 0))
            for n in [name, *aliases.split("|"), *demonyms.split("|")]:
                if n:
                    self.names.setdefault(_words(n), iso)
                    if n.replace(".", "").isupper() and len(_words(n)) == 1:
                        acronyms.add(_words(n))
            for n in capitals.split("|"):
                if n:
                    seats.setdefault(_words(n), iso)
        for key in AMBIGUOUS:
            self.names.pop(key, None)
        self.phrases = {**seats, **self.names}          # names + seats of government -> iso (for affiliation)
        self.vocab = frozenset(w for k in self.phrases for w in k) | {w for k in AMBIGUOUS for w in k}
        self.longest = max(len(k) for k in self.phrases)
        self.acronyms = frozenset(acronyms)  # "UK", "US", "DPRK": only as written in capitals ("Yang Uk" is a name)
        self.seats = frozenset((iso, " ".join(k)) for k, iso in self.phrases.items() if k not in self.names)

    def with_rows(self, rows: Iterable[str]) -> CountryTable:
        """This table with more countries.tsv-style rows (scenario or missing countries)."""
        return CountryTable(self.text + "\n" + "\n".join(rows))

    def _clean(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """Drop a leading "the" and a sentence-final dot the table does not know ("Washington.")."""
        words = tuple(w[:-1] if w.endswith(".") and w not in self.vocab else w for w in words)
        return words[1:] if words[:1] == ("the",) else words

    def code(self, text: str) -> str | None:
        """The ISO alpha-2 code a country name, alias or demonym stands for ("Ukraine", "Britons" -> UA, GB)."""
        words = self._clean(_words(text))
        if len(words) == 1 and words[0] in CASED and not text.strip()[:1].isupper():
            return None
        return self.names.get(words)

    def _context_codes(self, context: Iterable[str]) -> set[str]:
        out = set()
        for c in context:
            if len(c) == 2 and c.isupper():
                out.add(c)
            elif (code := self.code(c)) is not None:
                out.add(code)
        return out

    def country_in(self, text: str, context: Iterable[str] = ()) -> str | None:
        """The country a phrase is affiliated with: "Seoul's foreign ministry" -> KR, "the Kremlin" -> RU.

        The leftmost, longest known name wins; "Korean" alone takes whichever Korea `context` (ISO codes or
        country names seen in the article) holds, else None. A match must start with a capital letter as written.
        """
        raw = WORD.findall(text)
        words = self._clean(_words(text))
        offset = len(raw) - len(words)
        for i in range(len(words)):
            first = raw[i + offset]
            if not first[:1].isupper():
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = words[i:i + n]
                if key in AMBIGUOUS:
                    return _pick(key, self._context_codes(context))
                iso = self.phrases.get(key)
                if iso is not None:
                    if key in self.acronyms and not first.replace(".", "").isupper():
                        continue
                    return iso
        return None

    def info(self, iso: str) -> Country | None:
        """The country's name, GeoNames id and representative point."""
        return self.countries.get(iso)


def _pick(key: tuple[str, ...], context: set[str]) -> str | None:
    hits = [c for c in AMBIGUOUS[key] if c in context]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def shipped_countries() -> CountryTable:
    """The shipped table (immutable; a user's places file makes a new one with `with_rows`)."""
    return CountryTable(data_text("countries.tsv"))
