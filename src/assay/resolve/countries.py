"""Country names, aliases, demonyms and seats of government to ISO 3166-1 alpha-2 codes (data/countries.tsv)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(frozen=True)
class _Tables:
    countries: dict[str, Country]
    names: dict[tuple[str, ...], str]     # names, aliases, demonyms -> iso
    phrases: dict[tuple[str, ...], str]   # names + seats of government -> iso (for affiliation)
    vocab: frozenset[str]
    longest: int
    acronyms: frozenset[tuple[str, ...]]  # "UK", "US", "DPRK": only as written in capitals ("Yang Uk" is a name)


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


_LOCAL_ROWS: list[str] = []  # countries.tsv-style rows from a user's places file (see resolve/local_places.py)


def add_local_countries(rows: Iterable[str]) -> None:
    """Add countries.tsv-style rows (scenario or missing countries) to this process's tables."""
    _LOCAL_ROWS.extend(rows)
    _tables.cache_clear()
    seat_names.cache_clear()


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    text = resources.files("assay.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    text += "\n" + "\n".join(_LOCAL_ROWS)
    countries: dict[str, Country] = {}
    names: dict[tuple[str, ...], str] = {}
    seats: dict[tuple[str, ...], str] = {}
    acronyms: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        iso, name, gid, lat, lon, pop, aliases, demonyms, capitals = line.split("\t")
        countries[iso] = Country(iso, name, int(gid), float(lat), float(lon), int(pop or 0))
        for n in [name, *aliases.split("|"), *demonyms.split("|")]:
            if n:
                names.setdefault(_words(n), iso)
                if n.replace(".", "").isupper() and len(_words(n)) == 1:
                    acronyms.add(_words(n))
        for n in capitals.split("|"):
            if n:
                seats.setdefault(_words(n), iso)
    for key in AMBIGUOUS:
        names.pop(key, None)
    phrases = {**seats, **names}
    vocab = frozenset(w for k in phrases for w in k) | {w for k in AMBIGUOUS for w in k}
    longest = max(len(k) for k in phrases)
    return _Tables(countries, names, phrases, vocab, longest, frozenset(acronyms))


def _clean(words: tuple[str, ...]) -> tuple[str, ...]:
    """Drop a leading "the" and a sentence-final dot the table does not know ("Washington.")."""
    vocab = _tables().vocab
    words = tuple(w[:-1] if w.endswith(".") and w not in vocab else w for w in words)
    return words[1:] if words[:1] == ("the",) else words


def country_code(text: str) -> str | None:
    """The ISO alpha-2 code a country name, alias or demonym stands for ("Ukraine", "Britons" -> UA, GB)."""
    words = _clean(_words(text))
    if len(words) == 1 and words[0] in CASED and not text.strip()[:1].isupper():
        return None
    return _tables().names.get(words)


def _pick(key: tuple[str, ...], context: set[str]) -> str | None:
    hits = [c for c in AMBIGUOUS[key] if c in context]
    return hits[0] if len(hits) == 1 else None


def _context_codes(context: Iterable[str]) -> set[str]:
    out = set()
    for c in context:
        if len(c) == 2 and c.isupper():
            out.add(c)
        elif (code := country_code(c)) is not None:
            out.add(code)
    return out


def country_in(text: str, context: Iterable[str] = ()) -> str | None:
    """The country a phrase is affiliated with: "Seoul's foreign ministry" -> KR, "the Kremlin" -> RU.

    The leftmost, longest known name wins; "Korean" alone takes whichever Korea `context` (ISO codes or country
    names seen in the article) holds, else None. A match must start with a capital letter as written.
    """
    t = _tables()
    raw = WORD.findall(text)
    words = _clean(_words(text))
    offset = len(raw) - len(words)
    for i in range(len(words)):
        first = raw[i + offset]
        if not first[:1].isupper():
            continue
        for n in range(min(t.longest, len(words) - i), 0, -1):
            key = words[i:i + n]
            if key in AMBIGUOUS:
                return _pick(key, _context_codes(context))
            iso = t.phrases.get(key)
            if iso is not None:
                if key in t.acronyms and not first.replace(".", "").isupper():
                    continue
                return iso
    return None


def country_info(iso: str) -> Country | None:
    """The country's name, GeoNames id and representative point."""
    return _tables().countries.get(iso)


def countries() -> dict[str, Country]:
    """Every country in the table, by ISO alpha-2."""
    return _tables().countries


@lru_cache(maxsize=1)
def seat_names() -> frozenset[tuple[str, str]]:
    """(ISO alpha-2, lower-cased name) of capitals and seats of government ("KR", "seoul")."""
    return frozenset((iso, " ".join(k)) for k, iso in _tables().phrases.items() if k not in _tables().names)


def country_names() -> dict[tuple[str, ...], str]:
    """Word tuples of names, aliases and demonyms -> ISO alpha-2 (for the place gazetteer)."""
    return _tables().names
