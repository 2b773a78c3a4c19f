"""The actor table: stable ids for sources and actors named in one article.

`ActorTable.canonical(name, type_, country)` looks a name up in the actor table (data/actors.tsv, with a
user's rows from `read_actors_file` first): first by alias ("NIS", "the Kremlin", "Israel Defense Forces"),
then as a description that reduces to (country, concept): "Seoul's lead spy agency" -> (KR, intelligence)
-> `org:kr-nis`. A bare country name ("Russia") becomes a `gpe:<iso>` entity. Matching across the store is
analyze/store_entities.py.

Aliases made only of institutional words ("National Intelligence Service", "Ministry of Defence", "General
Staff") name a body in many countries, so they only match when the caller's country is the row's country;
an unqualified "the Ministry of Defence" in an article stays that article's own entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assay.extract.lexicon import source_kinds
from assay.resolve.countries import CountryTable, shipped_countries
from assay.tsv import data_text, numbered_rows, tsv_rows

TYPES = ("org", "person", "gpe")
ID = re.compile(r"^[a-z]+:[a-z0-9][a-z0-9.-]*$")
ISO = re.compile(r"^[A-Z]{2}$")

# Head concepts of descriptions: the words after the country ("South Korea's lead >spy agency<").
CONCEPTS: dict[str, tuple[str, ...]] = {
    "intelligence": ("intelligence", "intelligence service", "intelligence services", "intelligence agency",
                     "intelligence agencies", "spy agency", "spy agencies", "spy service", "spy services",
                     "intelligence community", "intelligence organization", "intelligence organisation"),
    "military_intelligence": ("military intelligence", "military intelligence agency", "military intelligence service",
                              "military intelligence directorate", "military spy agency", "defence intelligence",
                              "defense intelligence", "defence intelligence agency", "defense intelligence agency"),
    "foreign_intelligence": ("foreign intelligence", "foreign intelligence service", "foreign intelligence agency",
                             "foreign spy agency", "external intelligence"),
    "security_service": ("security service", "security services", "domestic intelligence", "domestic security service",
                         "internal security service", "internal security agency", "counterintelligence service",
                         "counter intelligence service", "domestic intelligence agency", "domestic spy agency"),
    "defence_ministry": ("defence ministry", "defense ministry", "ministry of defence", "ministry of defense",
                         "defence department", "defense department", "department of defense",
                         "ministry of national defence", "ministry of national defense", "national defense ministry",
                         "national defence ministry"),
    "foreign_ministry": ("foreign ministry", "ministry of foreign affairs", "foreign affairs ministry",
                         "ministry for foreign affairs", "foreign office", "ministry of external affairs",
                         "external affairs ministry"),
    "military": ("military", "armed forces", "army", "forces", "defence forces", "defense forces", "militaries"),
    "general_staff": ("general staff", "joint chiefs of staff", "general staff of the armed forces"),
    "government": ("government", "administration", "cabinet", "regime", "central government", "federal government"),
    "presidency": ("presidency", "presidential office", "president's office", "presidential administration",
                   "office of the president", "presidential palace"),
    "state_media": ("state media", "state news agency", "official news agency", "state run news agency",
                    "state run media"),
}
# Words that only rank or qualify the head: "South Korea's >lead< spy agency", "the >main< intelligence agency".
FILLERS = {"the", "lead", "main", "top", "chief", "principal", "primary", "own", "national", "state", "federal",
           "official", "powerful"}
# Institutional words: an alias made only of these names a body in many countries (see module docstring).
GENERIC_WORDS = {"ministry", "department", "of", "for", "the", "and", "defence", "defense", "national", "federal",
                 "foreign", "affairs", "external", "internal", "interior", "intelligence", "security",
                 "service", "services", "agency", "directorate", "general", "main", "staff", "joint", "chiefs",
                 "armed", "forces", "force", "army", "military", "navy", "air", "council", "office", "presidential",
                 "president", "presidency", "government", "administration", "cabinet", "self",
                 "organization", "organisation", "bureau", "committee", "command", "high", "supreme", "republic",
                 "people", "spy", "news", "media", "press", "information"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "gen", "col", "lt", "capt", "maj", "adm",
              "sgt", "president", "minister", "general", "colonel", "prime", "foreign", "defence", "defense",
              "secretary", "chancellor", "premier", "ambassador", "spokesman", "spokeswoman", "senator", "sen",
              "rep", "gov", "governor", "mayor", "commander", "judge", "lord", "lady", "king", "queen", "prince"}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
LINKS = {"of", "and", "for", "the", "on", "in", "de", "al", "la", "von", "van", "der", "bin"}  # lower case in names
PRONOUNS = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their", "we", "us", "our", "i", "me",
            "who", "which", "that", "whom", "you"}


@dataclass(frozen=True)
class ActorRow:
    """One row of the actor table."""

    id: str
    name: str
    type: str
    kind: str
    country: str | None
    aliases: tuple[str, ...] = ()


# ------------------------------------------------------------------ words


def tokens(text: str) -> list[str]:
    """Words as written, possessives and dotted-acronym dots removed: "the U.S.'s" -> ["the", "US"]."""
    text = text.replace("’", "'")
    text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    out = []
    for w in re.split(r"[^\w&']+", text):
        w = re.sub(r"'s$|'$", "", w).strip("'")
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=65536)  # a pure function of the text, asked for each mention many times over
def lookup_key(text: str) -> str:
    """Lower-case lookup key without a leading "the": "The Russian Defence Ministry's" -> "russian defence ministry"."""
    words = [w.lower() for w in tokens(text)]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _acronym(text: str) -> str | None:
    """An all-capitals name as written ("NIS", "MİT"), else None: acronyms match case-sensitively."""
    words = tokens(text)
    if words[:1] in (["the"], ["The"]):
        words = words[1:]
    joined = " ".join(words)
    return joined if len(words) == 1 and len(joined) >= 2 and joined.isupper() else None


@lru_cache(maxsize=1)
def _concepts() -> dict[tuple[str, ...], str]:
    return {tuple(lookup_key(p).split()): c for c, phrases in CONCEPTS.items() for p in phrases}


# ------------------------------------------------------------------ the table


def parse_row(line: str, where: str) -> ActorRow:
    """One table row; a ValueError names `where` (file:line) when it is malformed."""
    cols = line.rstrip("\n").split("\t")
    if len(cols) != 6:
        raise ValueError(f"{where}: expected 6 tab-separated columns (id, name, type, kind, country, aliases), "
                         f"found {len(cols)}")
    eid, name, type_, kind, country, aliases = (c.strip() for c in cols)
    if not ID.match(eid):
        raise ValueError(f"{where}: bad id {eid!r} (expected lower-case 'type:slug', e.g. org:kr-nis)")
    if not name:
        raise ValueError(f"{where}: empty canonical name")
    if type_ not in TYPES:
        raise ValueError(f"{where}: type {type_!r} is not one of {', '.join(TYPES)}")
    kinds = set(source_kinds().values()) | {"person"}
    if kind not in kinds:
        raise ValueError(f"{where}: kind {kind!r} is not a source kind ({', '.join(sorted(kinds))})")
    if country and not ISO.match(country):
        raise ValueError(f"{where}: country {country!r} is not an ISO alpha-2 code (or empty)")
    return ActorRow(eid, name, type_, kind, country or None,
                    tuple(a.strip() for a in aliases.split("|") if a.strip()))


def read_actors_file(path: str | Path) -> list[ActorRow]:
    """The rows of a file in actors.tsv's format; OSError, or ValueError naming the file and line."""
    return _parse_text(Path(path).read_text(encoding="utf-8"), str(path))


def _parse_text(text: str, source: str) -> list[ActorRow]:
    return [parse_row("\t".join(cols), f"{source}:{n}") for n, cols in numbered_rows(text)]


@lru_cache(maxsize=1)
def _shipped_rows() -> tuple[ActorRow, ...]:
    return tuple(_parse_text(data_text("actors.tsv"), "actors.tsv"))


def _compatible(row: ActorRow, type_: str) -> bool:
    return (row.type == "person") == (type_ == "person")


class ActorTable:
    """The actor table (shipped rows, a user's rows first) and the look-ups on it.

    Built once per Reference; its look-ups are cached per table, since a name is asked for many times over.
    """

    def __init__(self, countries: CountryTable, user_rows: Sequence[ActorRow] = ()) -> None:
        self.countries = countries
        self._seats = {name: iso for iso, name in countries.seats}
        self.describe = lru_cache(maxsize=65536)(self._describe)
        self.canonical = lru_cache(maxsize=65536)(self._canonical)
        user_ids = {r.id for r in user_rows}
        self.rows: dict[str, ActorRow] = {}                         # id -> row
        self._aliases: dict[str, ActorRow] = {}                     # lower-case key -> row
        self._acronyms: dict[str, ActorRow] = {}                    # all-caps alias as written -> row
        generic: set[str] = set()                                   # keys that need the row's country
        self._pairs: dict[tuple[str, str], ActorRow] = {}           # (country, concept) -> row
        for row in [*user_rows, *(r for r in _shipped_rows() if r.id not in user_ids)]:  # the first row wins
            self.rows.setdefault(row.id, row)
            for alias in (row.name, *row.aliases):
                if (acr := _acronym(alias)) is not None:
                    self._acronyms.setdefault(acr, row)
                    continue
                key = lookup_key(alias)
                self._aliases.setdefault(key, row)
                if self._generic(alias):
                    generic.add(key)
                parsed = self.describe(alias)
                if parsed is not None and parsed[0] is not None and parsed[0] == row.country:
                    self._pairs.setdefault((parsed[0], parsed[1]), row)
        self._generic_keys = frozenset(generic)
        # country names and aliases, not demonyms: "Russia" is the state, "Russians" are people
        self._state_names: dict[str, str] = {}
        for cols in tsv_rows(countries.text):
            for n in [cols[1], *cols[6].split("|")]:
                if n:
                    self._state_names.setdefault(lookup_key(n), cols[0])

    # ---------------------------------------------------------- descriptions

    def _country_of(self, words: list[str]) -> str | None:
        """The country a run of words names as a whole ("South Korea", "Russian", "Seoul"), else None."""
        words = [w for w in words if w.lower() not in FILLERS]
        if not words:
            return None
        text = " ".join(words)
        if not text[:1].isupper():
            return None
        return self.countries.code(text) or self._seats.get(text.lower())

    def _describe(self, name: str) -> tuple[str | None, str] | None:
        """(country or None, concept) when a name is a country plus a head concept, else None.

        "South Korea's lead spy agency" -> ("KR", "intelligence"); "Ministry of Defence of Ukraine" -> ("UA",
        "defence_ministry"); "the defence ministry" -> (None, "defence_ministry"); "Ilse Marren" -> None.
        """
        words = tokens(name)
        low = [w.lower() for w in words]
        concepts = _concepts()
        for i in range(len(low)):  # "<country> <concept>", the longest concept first
            concept = concepts.get(tuple(low[i:]))
            if concept is not None:
                return self._with_country(words[:i], concept)
        for j, w in enumerate(low):  # "<concept> of <country>"
            if w in ("of", "in") and j and (concept := concepts.get(tuple(low[:j]))) is not None:
                return self._with_country(words[j + 1:], concept)
        return None

    def _with_country(self, prefix: list[str], concept: str) -> tuple[str | None, str] | None:
        if all(w.lower() in FILLERS for w in prefix):
            return None, concept
        iso = self._country_of(prefix)
        return (iso, concept) if iso else None

    def _generic(self, alias: str) -> bool:
        """An alias any country's body could carry ("Ministry of Defence", "National Intelligence Service")."""
        parsed = self.describe(alias)
        if parsed is not None and parsed[0] is None:
            return True
        return all(w in GENERIC_WORDS for w in lookup_key(alias).split())

    # ---------------------------------------------------------- look-ups

    def _by_alias(self, name: str, type_: str, country: str | None) -> ActorRow | None:
        acr = _acronym(name)
        key = lookup_key(name)
        row = (self._acronyms.get(acr) if acr else None) or self._aliases.get(key)
        if row is None or not _compatible(row, type_):
            return None
        if key in self._generic_keys and country != row.country:
            return None
        if country and row.country and country != row.country:
            return None
        return row

    def _by_description(self, name: str, country: str | None) -> ActorRow | None:
        parsed = self.describe(name)
        if parsed is None:
            return None
        iso, concept = parsed
        if iso and country and iso != country:
            return None
        iso = iso or country
        return self._pairs.get((iso, concept)) if iso else None

    def _as_country(self, name: str, type_: str, country: str | None) -> ActorRow | None:
        """A bare country name ("Russia", "the Russian Federation") as a state actor `gpe:ru`."""
        if type_ == "person":
            return None
        iso = self.countries.code(name)
        if iso is None or (country and country != iso):
            return None
        info = self.countries.info(iso)
        if self._state_names.get(lookup_key(name)) != iso and \
                (info is None or lookup_key(info.name) != lookup_key(name)):
            return None  # a demonym ("Russians") is people, not the state
        return ActorRow(f"gpe:{iso.lower()}", info.name if info else name, "gpe", "official_body", iso)

    def _canonical(self, name: str, type_: str, country: str | None) -> ActorRow | None:
        """The table row a name stands for, else None.

        By alias ("NIS", "the Pentagon"), then as a description ("Russia's Defence Ministry", or "the defence
        ministry" with `country` RU), then as a bare country name (a `gpe:<iso>` row). `country` is the
        affiliation known from context, if any; a row of another country never matches. A person-type name
        matches person rows by alias and organisations only by description ("Ukrainian intelligence" is often
        tagged as a person by the parser).
        """
        if not name or not name.strip():
            return None
        return (self._by_alias(name, type_, country) or self._by_description(name, country)
                or self._as_country(name, type_, country))


@lru_cache(maxsize=1)
def shipped_actors() -> ActorTable:
    """The shipped table over the shipped countries (a user's file makes a new one with `with_rows`)."""
    return ActorTable(shipped_countries())
