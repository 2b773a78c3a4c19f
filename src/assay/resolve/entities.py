"""Stable entity ids for sources and actors, inside one article and across the whole store.

Two layers:

* `canonical(name, type_, country)` looks a name up in the actor table (data/actors.tsv, extended by
  `load_actors_file`): first by alias ("NIS", "the Kremlin", "Israel Defense Forces"), then as a description
  that reduces to (country, concept): "Seoul's lead spy agency" -> (KR, intelligence) -> `org:kr-nis`.
  A bare country name ("Russia") becomes a `gpe:<iso>` entity.
* `resolve_store(extractions)` maps every per-article entity to a global one: table rows by id, other
  organisations by (country, normalised name or description), people by compatible names across articles
  ("Mr. Yang" joins "Yang Uk" when only one Yang is in the store; "Zelensky" ~ "Zelenskyy").

Aliases made only of institutional words ("National Intelligence Service", "Ministry of Defence", "General
Staff") name a body in many countries, so they only match when the caller's country is the row's country;
an unqualified "the Ministry of Defence" in an article stays that article's own entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from assay.extract.lexicon import source_kinds
from assay.records import Extraction
from assay.resolve.countries import country_code, country_info, seat_names

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


@dataclass
class GlobalEntity:
    """A source or actor across the store: the per-article entities it gathers."""

    id: str
    name: str
    type: str
    country: str | None = None
    kind: str | None = None
    aliases: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "type": self.type, "country": self.country, "kind": self.kind,
                "aliases": sorted(self.aliases), "articles": sorted(self.articles)}


# ------------------------------------------------------------------ words


def _tokens(text: str) -> list[str]:
    """Words as written, possessives and dotted-acronym dots removed: "the U.S.'s" -> ["the", "US"]."""
    text = text.replace("’", "'")
    text = re.sub(r"\b(?:[A-Za-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    out = []
    for w in re.split(r"[^\w&']+", text):
        w = re.sub(r"'s$|'$", "", w).strip("'")
        if w:
            out.append(w)
    return out


def _key(text: str) -> str:
    """Lower-case lookup key without a leading "the": "The Russian Defence Ministry's" -> "russian defence ministry"."""
    words = [w.lower() for w in _tokens(text)]
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _acronym(text: str) -> str | None:
    """An all-capitals name as written ("NIS", "MİT"), else None: acronyms match case-sensitively."""
    words = _tokens(text)
    if words[:1] in (["the"], ["The"]):
        words = words[1:]
    joined = " ".join(words)
    return joined if len(words) == 1 and len(joined) >= 2 and joined.isupper() else None


@lru_cache(maxsize=1)
def _concepts() -> dict[tuple[str, ...], str]:
    return {tuple(_key(p).split()): c for c, phrases in CONCEPTS.items() for p in phrases}


@lru_cache(maxsize=1)
def _seats() -> dict[str, str]:
    return {name: iso for iso, name in seat_names()}


def _country_of(words: list[str]) -> str | None:
    """The country a run of words names as a whole ("South Korea", "Russian", "Seoul"), else None."""
    words = [w for w in words if w.lower() not in FILLERS]
    if not words:
        return None
    text = " ".join(words)
    if not text[:1].isupper():
        return None
    return country_code(text) or _seats().get(text.lower())


def describe(name: str) -> tuple[str | None, str] | None:
    """(country or None, concept) when a name is a country plus a head concept, else None.

    "South Korea's lead spy agency" -> ("KR", "intelligence"); "Ministry of Defence of Ukraine" -> ("UA",
    "defence_ministry"); "the defence ministry" -> (None, "defence_ministry"); "Ilse Marren" -> None.
    """
    words = _tokens(name)
    low = [w.lower() for w in words]
    concepts = _concepts()
    for i in range(len(low)):  # "<country> <concept>", the longest concept first
        concept = concepts.get(tuple(low[i:]))
        if concept is not None:
            return _with_country(words[:i], concept)
    for j, w in enumerate(low):  # "<concept> of <country>"
        if w in ("of", "in") and j and (concept := concepts.get(tuple(low[:j]))) is not None:
            return _with_country(words[j + 1:], concept)
    return None


def _with_country(prefix: list[str], concept: str) -> tuple[str | None, str] | None:
    if all(w.lower() in FILLERS for w in prefix):
        return None, concept
    iso = _country_of(prefix)
    return (iso, concept) if iso else None


def _generic(alias: str) -> bool:
    """An alias any country's body could carry ("Ministry of Defence", "National Intelligence Service")."""
    parsed = describe(alias)
    if parsed is not None and parsed[0] is None:
        return True
    return all(w in GENERIC_WORDS for w in _key(alias).split())


# ------------------------------------------------------------------ the table


@dataclass(frozen=True)
class _Table:
    rows: dict[str, ActorRow]                          # id -> row
    aliases: dict[str, ActorRow]                       # lower-case key -> row
    acronyms: dict[str, ActorRow]                      # all-caps alias as written -> row
    generic: frozenset[str]                            # keys that need the row's country
    pairs: dict[tuple[str, str], ActorRow]             # (country, concept) -> row
    country_names: dict[str, str]                      # country name or alias key -> iso


_USER_ROWS: list[ActorRow] = []  # rows from users' files, newest file first; they win over the shipped table


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


def _parse_text(text: str, source: str) -> list[ActorRow]:
    return [parse_row(line, f"{source}:{n}") for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _shipped_rows() -> tuple[ActorRow, ...]:
    text = resources.files("assay.data").joinpath("actors.tsv").read_text(encoding="utf-8")
    return tuple(_parse_text(text, "actors.tsv"))


def load_actors_file(path: str | Path) -> int:
    """Extend this process's actor table from a file in actors.tsv's format; returns the rows read.

    The file's rows win over the shipped table (same id, alias or country and concept).
    """
    path = Path(path)
    rows = _parse_text(path.read_text(encoding="utf-8"), str(path))
    _USER_ROWS[:0] = rows
    _table.cache_clear()
    canonical.cache_clear()
    return len(rows)


def reset_user_actors() -> None:
    """Forget rows loaded from users' files (tests, long-lived processes switching projects)."""
    _USER_ROWS.clear()
    _table.cache_clear()
    canonical.cache_clear()


@lru_cache(maxsize=1)
def _country_name_keys() -> dict[str, str]:
    """Country names and aliases (not demonyms) -> iso: "Russia" is the state, "Russians" are people."""
    text = resources.files("assay.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            for n in [cols[1], *cols[6].split("|")]:
                if n:
                    out.setdefault(_key(n), cols[0])
    return out


@lru_cache(maxsize=1)
def _table() -> _Table:
    user_ids = {r.id for r in _USER_ROWS}
    rows = [*_USER_ROWS, *(r for r in _shipped_rows() if r.id not in user_ids)]
    by_id: dict[str, ActorRow] = {}
    aliases: dict[str, ActorRow] = {}
    acronyms: dict[str, ActorRow] = {}
    generic: set[str] = set()
    pairs: dict[tuple[str, str], ActorRow] = {}
    for row in rows:  # first row wins: user rows, then the shipped table in file order
        by_id.setdefault(row.id, row)
        for alias in (row.name, *row.aliases):
            if (acr := _acronym(alias)) is not None:
                acronyms.setdefault(acr, row)
                continue
            key = _key(alias)
            aliases.setdefault(key, row)
            if _generic(alias):
                generic.add(key)
            parsed = describe(alias)
            if parsed is not None and parsed[0] is not None and parsed[0] == row.country:
                pairs.setdefault((parsed[0], parsed[1]), row)
    return _Table(by_id, aliases, acronyms, frozenset(generic), pairs, _country_name_keys())


def actor_rows() -> dict[str, ActorRow]:
    """Every row of the table (shipped and user), by id."""
    return _table().rows


def _compatible(row: ActorRow, type_: str) -> bool:
    return (row.type == "person") == (type_ == "person")


def _by_alias(t: _Table, name: str, type_: str, country: str | None) -> ActorRow | None:
    acr = _acronym(name)
    key = _key(name)
    row = (t.acronyms.get(acr) if acr else None) or t.aliases.get(key)
    if row is None or not _compatible(row, type_):
        return None
    if key in t.generic and country != row.country:
        return None
    if country and row.country and country != row.country:
        return None
    return row


def _by_description(t: _Table, name: str, country: str | None) -> ActorRow | None:
    parsed = describe(name)
    if parsed is None:
        return None
    iso, concept = parsed
    if iso and country and iso != country:
        return None
    iso = iso or country
    return t.pairs.get((iso, concept)) if iso else None


def _as_country(t: _Table, name: str, type_: str, country: str | None) -> ActorRow | None:
    """A bare country name ("Russia", "the Russian Federation") as a state actor `gpe:ru`."""
    if type_ == "person":
        return None
    iso = country_code(name)
    if iso is None or (country and country != iso):
        return None
    info = country_info(iso)
    if t.country_names.get(_key(name)) != iso and (info is None or _key(info.name) != _key(name)):
        return None  # a demonym ("Russians") is people, not the state
    return ActorRow(f"gpe:{iso.lower()}", info.name if info else name, "gpe", "official_body", iso)


@lru_cache(maxsize=65536)
def canonical(name: str, type_: str, country: str | None) -> ActorRow | None:
    """The table row a name stands for, else None.

    By alias ("NIS", "the Pentagon"), then as a description ("Russia's Defence Ministry", or "the defence
    ministry" with `country` RU), then as a bare country name (a `gpe:<iso>` row). `country` is the
    affiliation known from context, if any; a row of another country never matches. A person-type name
    matches person rows by alias and organisations only by description ("Ukrainian intelligence" is often
    tagged as a person by the parser).
    """
    if not name or not name.strip():
        return None
    t = _table()
    return (_by_alias(t, name, type_, country) or _by_description(t, name, country)
            or _as_country(t, name, type_, country))


# ------------------------------------------------------------------ across the store


def _translit(word: str) -> str:
    """A spelling-tolerant form of a name word: "Zelenskyy", "Zelenskiy", "Zelensky" -> "zelensk".

    Accents go, doubled letters collapse, and a final run of i/y/j (the usual transliteration wobble of
    Slavic endings) is dropped when at least three letters remain.
    """
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if c.isalnum())
    word = re.sub(r"(.)\1+", r"\1", word)
    stem = re.sub(r"[iyj]+$", "", word)
    return stem if len(stem) >= 3 else word


def name_key(name: str) -> frozenset[str]:
    """The name words of a person that identify them, transliteration-tolerant: "Mr. Yang Uk Jr." -> {yang, uk}."""
    words = [w for w in _tokens(name) if w.lower().rstrip(".") not in HONORIFICS | SUFFIXES]
    words = [w for w in words if len(w.rstrip(".")) > 1]  # initials ("Lloyd J. Austin") do not identify
    return frozenset(_translit(w) for w in words if _translit(w))


@dataclass
class _Member:
    key: str                 # article_id/entity_id
    article: str
    name: str
    type: str
    country: str | None
    aliases: set[str]
    kinds: Counter
    capitalised: bool = True  # written with a capital other than at a sentence start ("Police said" is not)


def _members(extractions: Iterable[Extraction]) -> list[_Member]:
    out = []
    for ex in extractions:
        kinds: dict[str, Counter] = {}
        for c in ex.claims:
            if c.source_entity:
                kinds.setdefault(c.source_entity, Counter())[c.source_kind] += 1
        for e in ex.entities:
            seen = {e.name} | {m.text for m in e.mentions if _alias_like(m.text)}
            type_ = "person" if e.type == "org" and _key(e.name).split()[:1] in (["mr"], ["mrs"], ["ms"]) \
                else e.type  # "Mr. Obama" the parser took for an organisation
            capitalised = len(_tokens(e.name)) > 1 or any(
                m.text[:1].isupper() and not _sentence_start(ex.article.text, m.start) for m in e.mentions)
            out.append(_Member(f"{ex.article.id}/{e.id}", ex.article.id, e.name, type_, e.country, seen,
                               kinds.get(e.id, Counter()), capitalised))
    return out


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _alias_like(text: str) -> bool:
    """A mention that names ("the NIS", "Mr. Yang"), not a pronoun or a clause ("Yang, who said ...")."""
    return text.lower() not in PRONOUNS and len(text.split()) <= 6 and "," not in text \
        and any(c.isupper() for c in text)


class _Groups:
    """Union-find over member indices, keeping each group's country (None until one is known)."""

    def __init__(self, members: list[_Member]) -> None:
        self.parent = list(range(len(members)))
        self.country = [m.country for m in members]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        """Join two groups unless their countries differ."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ca, cb = self.country[a], self.country[b]
        if ca and cb and ca != cb:
            return False
        self.parent[b] = a
        self.country[a] = ca or cb
        return True


def _proper(name: str) -> bool:
    """A proper name ("Yang Uk", "Veldran Border Guard"), not a description the parser made an entity
    ("a senior official", "police")."""
    words = [w for w in _tokens(name) if w.lower().rstrip(".") not in HONORIFICS | SUFFIXES | LINKS]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _merge_people(members: list[_Member], idx: list[int], groups: _Groups) -> None:
    """Same name key -> one person; a name whose words fall within exactly one fuller name joins it."""
    keys = {i: name_key(members[i].name) for i in idx if _proper(members[i].name)}
    by_key: dict[tuple[frozenset[str], str | None], int] = {}
    by_name: dict[frozenset[str], list[int]] = {}  # name key -> its by_key entries, whatever the country
    for i in sorted((i for i in keys if keys[i]), key=lambda i: members[i].country is None):  # countries first
        exact = by_key.get((keys[i], members[i].country))
        if exact is None and members[i].country is None:
            same = by_name.get(keys[i], [])
            exact = same[0] if len(same) == 1 else None
        if (exact is None or not groups.union(exact, i)) and (keys[i], members[i].country) not in by_key:
            by_key[(keys[i], members[i].country)] = i
            by_name.setdefault(keys[i], []).append(i)
    words: dict[str, list[tuple[frozenset[str], int]]] = {}
    for (key, _), i in by_key.items():
        for w in key:
            words.setdefault(w, []).append((key, i))
    for (key, _), i in sorted(by_key.items(), key=lambda kv: -len(kv[0][0])):
        # fuller names first, so "Lloyd Austin" joins "Lloyd James Austin" before "Austin" looks
        root = groups.find(i)
        pool = min((words[w] for w in key), key=len)
        cands = [(k, j) for k, j in pool if key < k and _countries_agree(groups.country[root],
                                                                         groups.country[groups.find(j)])]
        fullest = {groups.find(j) for k, j in cands if not any(k < k2 for k2, _ in cands)}
        if len(fullest) == 1:
            groups.union(fullest.pop(), i)


def _countries_agree(a: str | None, b: str | None) -> bool:
    return not (a and b and a != b)


def _merge_orgs(members: list[_Member], idx: list[int], groups: _Groups) -> dict[int, ActorRow]:
    """Table rows by id; other bodies by (type, country, description or normalised name)."""
    rows: dict[int, ActorRow] = {}
    first: dict[tuple, int] = {}
    for i in idx:
        m = members[i]
        row = actor_rows().get(m.key.split("/", 1)[1]) or canonical(m.name, m.type, m.country)
        if row is not None:
            rows[i] = row
            key: tuple = ("row", row.id)
        else:
            parsed = describe(m.name)
            if parsed is not None and (parsed[0] or m.country):
                key = ("desc", parsed[0] or m.country, parsed[1])
            elif _proper(m.name) and m.capitalised:
                key = ("name", m.type, m.country, _key(m.name))
            else:  # "police", "officials": a common noun names a different body in each article
                continue
        if key in first:
            groups.union(first[key], i)
        else:
            first[key] = i
    return rows


def _global(members: list[_Member], group: list[int], rows: dict[int, ActorRow], country: str | None,
            taken: dict[str, GlobalEntity], suffixes: dict[str, int]) -> GlobalEntity:
    row = next((rows[i] for i in group if i in rows), None)
    kinds = sum((members[i].kinds for i in group), Counter())
    if row is not None:
        ent = GlobalEntity(row.id, row.name, row.type, row.country, row.kind)
    else:
        type_ = members[group[0]].type
        name = _best_name([members[i].name for i in group], type_)
        parsed = describe(name) if type_ != "person" else None
        base = f"{type_}:" + (f"{country.lower()}-{parsed[1].replace('_', '-')}" if parsed and country
                              else _slug(name))
        eid = f"{base}-{country.lower()}" if base in taken and country else base
        n = suffixes.get(base, 2)  # where the last "-n" for this base stopped: no rescans of the same ids
        while eid in taken:
            eid, n = f"{base}-{n}", n + 1
        suffixes[base] = n
        kind = kinds.most_common(1)[0][0] if kinds else ("person" if type_ == "person" else None)
        ent = GlobalEntity(eid, name, type_, country, kind)
    for i in group:
        ent.aliases |= members[i].aliases
        ent.articles.add(members[i].article)
    return ent


def _best_name(names: list[str], type_: str) -> str:
    """The most frequent full name ("Donald Trump" over a one-off "Rip Donald Trump"), then the longest."""
    counts = Counter(names)
    full = [n for n in counts if type_ != "person" or len(name_key(n)) >= 2] or list(counts)
    return max(full, key=lambda n: (counts[n], len(name_key(n)), len(n)))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def resolve_store(extractions: Iterable[Extraction]) -> dict[str, GlobalEntity]:
    """Every per-article entity, keyed `"{article_id}/{entity_id}"`, mapped to its entity across the store.

    Entities of different countries never merge. Table rows keep their ids; others get `person:<slug>`,
    `org:<iso>-<concept>` for a described body, or `<type>:<slug>`, made unique with the country.
    """
    members = _members(extractions)
    groups = _Groups(members)
    people = [i for i, m in enumerate(members) if m.type == "person"]
    others = [i for i, m in enumerate(members) if m.type != "person"]
    rows = _merge_orgs(members, others, groups)
    for i in people:  # a "person" the parser made of "Ukrainian intelligence" is a table body
        row = canonical(members[i].name, "person", members[i].country)
        if row is not None:
            rows[i] = row
    _merge_people(members, [i for i in people if i not in rows], groups)
    for i, row in rows.items():
        groups.country[groups.find(i)] = row.country or groups.country[groups.find(i)]
    by_root: dict[int, list[int]] = {}
    for i in range(len(members)):
        by_root.setdefault(groups.find(i), []).append(i)
    # the same row reached by person-typed and org-typed members is one entity
    out: dict[str, GlobalEntity] = {}
    made: dict[str, GlobalEntity] = {}
    suffixes: dict[str, int] = {}
    for root, group in sorted(by_root.items(), key=lambda kv: kv[1][0]):
        ent = _global(members, group, rows, groups.country[root], made, suffixes)
        ent = _absorb(made, ent)
        for i in group:
            out[members[i].key] = ent
    return out


def _absorb(made: dict[str, GlobalEntity], ent: GlobalEntity) -> GlobalEntity:
    if ent.id in made:
        kept = made[ent.id]
        kept.aliases |= ent.aliases
        kept.articles |= ent.articles
        return kept
    made[ent.id] = ent
    return ent
