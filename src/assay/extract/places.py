"""Place names in an article, resolved to GeoNames entries (SCHEMA.md Place).

Recognition: spaCy's GPE, LOC and FAC entities, demonyms that name a country ("Ukrainian"), and place names at
the start of organisation names ("the Richmond Fire Department"). Resolution ranks gazetteer candidates by kind,
population, a qualifier ("Paris, Texas") and the other places the article names (same country, same state).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from assay.records import Article, Place
from assay.records import Span as TextSpan
from assay.resolve.gazetteer import Candidate, Context, best, normalize
from assay.resolve.reference import Reference

EXTRACTOR = "assay.places.v1"

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A kind-of-region word right after a name belongs to it ("Kursk oblast", "Donetsk region").
REGION_WORDS = {"oblast", "province", "krai", "governorate", "prefecture", "county", "region", "parish"}
# Organisation names that start with a place: "Richmond Police Department", "Ohio State University".
INSTITUTION_WORDS = {
    "police", "fire", "department", "county", "city", "council", "school", "schools", "hospital", "university",
    "college", "court", "board", "state", "times", "herald", "post", "tribune", "news", "chamber", "library",
    "high", "middle", "elementary", "community", "public", "sheriff", "township", "town", "village", "district",
    "health", "water", "utilities", "airport", "port", "museum", "zoo", "memorial", "regional", "area",
    "municipal", "general", "national", "guard", "army", "club", "association", "society", "church", "academy",
    "center", "centre", "parks", "housing", "transit", "authority", "commission", "government", "ministry",
    "parliament", "assembly", "legislature", "senate", "house", "federal", "metropolitan", "bar", "medical",
}
CONTINENT_DEMONYMS = {"european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
                      "asian": "Asia", "asians": "Asia"}
DASHES = {"—", "–", "-", "--"}
DATELINE_ENDS = DASHES | {",", "("}
MIN_EMBEDDED_POPULATION = 1000
PART_POPULATION = 10000
# The small model often calls a lone place name a PERSON or ORG; after these words it is a place.
LOCATIVE = {"in", "to", "from", "near", "at", "into", "outside", "across", "toward", "towards", "through", "via",
            "around", "throughout", "inside", "within", "of"}
# Compass words and the like are labelled GPE/LOC but name no place by themselves.
NOT_PLACES = {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest", "earth",
              "world", "eastern", "western", "northern", "southern", "central", "downtown", "city", "state",
              "nation", "county", "capital", "midtown", "uptown"}


@dataclass
class Mention:
    start: int          # token indices into the doc
    end: int
    demonym: str | None = None   # ISO code (or continent name) when the words are a demonym
    qualifier: int | None = None  # index of the mention that qualifies this one ("Paris, Texas")
    dateline: bool = False        # opens the text as a wire dateline ("NEW YORK —"): a town, not a state

    def text(self, doc: Doc) -> str:
        return doc[self.start:self.end].text


def _trim(span: Span) -> tuple[int, int]:
    """Token bounds without a leading "the" or trailing possessive and punctuation."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].lower_ == "the" or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].tag_ == "POS" or doc[e - 1].is_punct and doc[e - 1].text != "."):
        e -= 1
    return s, e


def _extend_region_word(doc: Doc, s: int, e: int) -> int:
    if e < len(doc) and doc[e].lower_ in REGION_WORDS and e - s <= 3:
        return e + 1
    return e


def _split_commas(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """"Paris, Texas" as one entity -> two names."""
    parts, cur = [], s
    for i in range(s, e):
        if doc[i].text == ",":
            if cur < i:
                parts.append((cur, i))
            cur = i + 1
    if cur < e:
        parts.append((cur, e))
    return parts


def _known_parts(ref: Reference, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """An unknown name split into the known places inside it: "Northeast Georgia" -> "Georgia",
    "Columbus East" -> "Columbus", "Russia-Ukraine" -> "Russia", "Ukraine". Unknown and unsplittable: kept whole."""
    text = doc[s:e].text
    if e - s == 1 or ref.gazetteer.candidates(text)[0] or _demonym(ref, text):
        return [(s, e)]
    parts, i = [], s
    while i < e:
        for j in range(e, i, -1):
            if (j - i < e - s and all(t.pos_ == "PROPN" for t in doc[i:j])
                    and doc[i:j].text.lower() not in NOT_PLACES
                    and _embedded_ok(ref, doc[i:j].text, PART_POPULATION)):
                parts.append((i, j))
                i = j
                break
        else:
            i += 1
    return parts or [(s, e)]


def _known(ref: Reference, key: str) -> bool:
    return ref.gazetteer.has(key)


def _embedded(ref: Reference, doc: Doc, s: int, e: int) -> tuple[int, int] | None:
    """A place at the start of an organisation name, or after "of" ("University of Kansas")."""
    words = [t.lower_ for t in doc[s:e]]
    for n in range(min(4, len(words) - 1), 0, -1):
        if not doc[s + n - 1].text[:1].isupper():
            continue
        if words[n] in INSTITUTION_WORDS and _embedded_ok(ref, doc[s:s + n].text):
            return s, s + n
    if "of" in words:
        i = words.index("of") + 1
        if 0 < i < len(words) and _embedded_ok(ref, doc[s + i:e].text, False):
            return s + i, e
    return None


def _embedded_ok(ref: Reference, text: str, min_population: int | bool = MIN_EMBEDDED_POPULATION) -> bool:
    """A name that stands for a country, a first-level region or a town of at least `min_population`
    (False: countries and regions only)."""
    if ref.countries.code(text):
        return True
    cands, _ = ref.gazetteer.candidates(text)
    for c in cands:
        if c.alt:
            continue
        if c.feature in ("country", "admin1") or (min_population is not False and c.population >= min_population):
            return True
    return False


def _demonym(ref: Reference, text: str) -> str | None:
    iso = ref.countries.code(text)
    if iso:
        return iso
    return CONTINENT_DEMONYMS.get(text.lower())


def _mislabelled(ref: Reference, doc: Doc, s: int, e: int) -> bool:
    """A PERSON/ORG/PRODUCT entity that is really a place: "traveled to Kyiv", "Kursk oblast"."""
    if e - s > 3 or not all(t.text[:1].isupper() or not t.is_alpha for t in doc[s:e]):
        return False
    cue = (s > 0 and doc[s - 1].lower_ in LOCATIVE) or (e < len(doc) and doc[e].lower_ in REGION_WORDS)
    return cue and _embedded_ok(ref, doc[s:e].text)


def _unique_place(ref: Reference, doc: Doc, s: int, e: int) -> bool:
    """A lone ORG/PRODUCT token that only one place in the world is called ("seizing Bakhmut")."""
    if e - s != 1 or not doc[s].text[:1].isupper() or (e < len(doc) and doc[e].lower_ in INSTITUTION_WORDS):
        return False
    cands, _ = ref.gazetteer.candidates(doc[s].text)
    return len(cands) == 1 and not cands[0].alt and cands[0].population >= MIN_EMBEDDED_POPULATION


def _bare_names(ref: Reference, doc: Doc) -> list[Mention]:
    """Country names and names after a locative word that the entity recogniser missed ("the Russia-Ukraine war")."""
    out = []
    i = 0
    while i < len(doc):
        t = doc[i]
        if t.ent_type_ or t.pos_ != "PROPN" or not t.text[:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and not doc[j].ent_type_:
            j += 1
        text = doc[i:j].text
        loc = i > 0 and doc[i - 1].lower_ in LOCATIVE | {"-"}
        if ref.countries.code(text) and _known(ref, normalize(text)) or loc and _embedded_ok(ref, text, False):
            out.append(Mention(i, j))
        i = j
    return out


def _caps(tok) -> bool:
    return tok.is_alpha and tok.is_upper


def _dateline(ref: Reference, doc: Doc) -> list[Mention]:
    """The capitalised place that opens a wire story ("KYIV, Ukraine —", "ST. LOUIS –"), whatever the recogniser
    made of it."""
    j = 0
    while j < min(len(doc), 4) and (_caps(doc[j]) or doc[j].text == "." and j > 0 and _caps(doc[j - 1])):
        j += 1
    if j == 0 or j >= len(doc) or doc[j].text not in DATELINE_ENDS or not _known(ref, normalize(doc[:j].text)):
        return []
    return [Mention(0, j, dateline=True)]


def _is_dateline(doc: Doc, m: Mention) -> bool:
    """A name that opens the text and is followed by a dash or "(" ("New York (AP) —"), or by a comma when it is
    written in capitals or a dash follows soon ("Gaza City, Oct. 3 —")."""
    if m.start != 0 or m.end >= len(doc) or m.demonym:
        return False
    nxt = doc[m.end].text
    if nxt in DATELINE_ENDS and nxt != ",":
        return True
    if nxt != ",":
        return False
    if all(_caps(t) for t in doc[m.start:m.end] if t.is_alpha):
        return True
    for t in doc[m.end + 1:m.end + 7]:
        if t.text in DASHES:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def find_mentions(ref: Reference, doc: Doc) -> list[Mention]:
    """Place-name mentions in document order, without overlaps."""
    out = _ent_mentions(ref, doc) + _bare_names(ref, doc)
    quals = [out[m.qualifier] if m.qualifier is not None else None for m in out]
    for m in out:
        m.qualifier = None
    dl = _dateline(ref, doc)
    if dl and not any(m.start == 0 and m.end >= dl[0].end for m in out):
        # "ST. LOUIS –" read as two names "ST" and "LOUIS": the dateline replaces what it covers
        keep = [i for i, m in enumerate(out) if m.start >= dl[0].end]
        out, quals = [out[i] for i in keep] + dl, [quals[i] for i in keep] + [None]
    order = sorted(range(len(out)), key=lambda i: out[i].start)
    out, quals = [out[i] for i in order], [quals[i] for i in order]
    pos = {id(m): i for i, m in enumerate(out)}
    for m, q in zip(out, quals, strict=True):
        m.qualifier = pos.get(id(q)) if q is not None else None
    if out and _is_dateline(doc, out[0]):
        out[0].dateline = True
    _link_qualifiers(doc, out)
    return out


def _ent_mentions(ref: Reference, doc: Doc) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        s, e = _trim(ent)
        if s >= e or doc[s:e].text.lower() in NOT_PLACES:
            continue
        mislabelled = ent.label_ in ("PERSON", "ORG", "PRODUCT") and _mislabelled(ref, doc, s, e)
        if ent.label_ in PLACE_LABELS or mislabelled:
            e = _extend_region_word(doc, s, e)
            parts = [p for a, b in _split_commas(doc, s, e) for p in _known_parts(ref, doc, a, b)]
            for a, b in parts:
                text = doc[a:b].text
                out.append(Mention(a, b, demonym=None if _known(ref, normalize(text)) else _demonym(ref, text)))
            if len(parts) == 2:
                out[-2].qualifier = len(out) - 1
        elif ent.label_ == "NORP":
            d = _demonym(ref, doc[s:e].text)
            if d:
                out.append(Mention(s, e, demonym=d))
        elif ent.label_ in ("ORG", "PRODUCT") and _unique_place(ref, doc, s, e):
            out.append(Mention(s, e))
        elif ent.label_ in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT"):
            emb = _embedded(ref, doc, s, e) if e - s > 1 else None
            if emb:
                text = doc[emb[0]:emb[1]].text
                d = None if _known(ref, normalize(text)) else _demonym(ref, text)
                out.append(Mention(emb[0], emb[1], demonym=d))
    return out


def _link_qualifiers(doc: Doc, ms: list[Mention]) -> None:
    """ "Gainesville, Ga." written as two entities: the second qualifies the first."""
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if a.qualifier is None and a.demonym is None and b.demonym is None and b.start == a.end + 1 \
                and doc[a.end].text == ",":
            a.qualifier = i + 1


def _country_candidate(ref: Reference, iso: str) -> Candidate | None:
    c = ref.countries.info(iso)
    if c is None:
        return None
    return Candidate(c.geonameid or None, c.name, iso, None, c.lat, c.lon, c.population, "country")


def _demonym_candidate(ref: Reference, d: str) -> Candidate | None:
    if len(d) == 2 and d.isupper():
        return _country_candidate(ref, d)
    cands, _ = ref.gazetteer.candidates(d)
    return best(cands)


def _dateline_towns(found: tuple[list[Candidate], str | None]) -> tuple[list[Candidate], str | None]:
    """A dateline names the town the story was filed from: "NEW YORK —" is the city, not the state."""
    cands, gen = found
    towns = [c for c in cands if c.feature == "city"] if gen is None else []  # "LAUREL COUNTY, Ky. —" stays a county
    return (towns or cands), gen


def resolve_mentions(ref: Reference, doc: Doc, ms: list[Mention]) -> list[Candidate | None]:
    """Two passes: each name alone (with its qualifier), then again with what the first pass found as context."""
    look = ref.gazetteer.candidates
    found = [_dateline_towns(look(m.text(doc))) if m.dateline else look(m.text(doc))
             if m.demonym is None else ([], None) for m in ms]
    first: list[Candidate | None] = []
    for m, (cands, gen) in zip(ms, found, strict=True):
        first.append(_demonym_candidate(ref, m.demonym) if m.demonym else best(cands, None, None, gen))
    ctx = Context()
    for (cands, _), top in zip(found, first, strict=True):
        if top is not None:
            ctx.add(top, 1.0 / max(1, len(cands)))
    out: list[Candidate | None] = []
    for m, (cands, gen), top in zip(ms, found, first, strict=True):
        if m.demonym:
            out.append(top)
            continue
        q = first[m.qualifier] if m.qualifier is not None else None
        out.append(best(cands, ctx, q, gen))
    return _place_counties(ref, out)


def _place_counties(ref: Reference, out: list[Candidate | None]) -> list[Candidate | None]:
    """A county the gazetteer can only place at its state's middle goes to the town the article names most in
    that state: local news names the county's towns."""
    towns: dict[str, dict[Candidate, int]] = {}
    for c in out:
        if c is not None and c.feature == "city" and c.admin1:
            per = towns.setdefault(c.admin1, {})
            per[c] = per.get(c, 0) + 1
    if not towns:
        return out
    g = ref.gazetteer
    res: list[Candidate | None] = []
    for c in out:
        if c is not None and c.feature == "admin2" and c.admin1 in towns and g.unplaced(c):
            t = max(towns[c.admin1], key=towns[c.admin1].get)
            c = replace(c, lat=t.lat, lon=t.lon)
        res.append(c)
    return res


def _place(doc: Doc, m: Mention, c: Candidate | None) -> Place:
    span = doc[m.start:m.end]
    ts = TextSpan(start=span.start_char, end=span.end_char, text=span.text)
    if c is None:
        return Place(span=ts, name=span.text)
    return Place(span=ts, name=c.name, geonames_id=c.geonames_id, country=c.country, lat=c.lat, lon=c.lon,
                 feature=c.feature)


def extract_places(doc: Doc, article: Article, ref: Reference) -> list[Place]:
    """Every place name in the article, resolved with the article's other places as context."""
    if not doc.text.strip():
        return []
    ms = find_mentions(ref, doc)
    return [_place(doc, m, c) for m, c in zip(ms, resolve_mentions(ref, doc, ms), strict=True)]
