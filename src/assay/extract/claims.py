"""Attributed claims: who (source) says (cue) what (content), from a parsed article.

`extract_claims(doc)` is pure: Doc in, Claims and Entities out. Steps:
find cues per sentence (cues.py), snap content to quotation marks (quotes.py),
carry quotes split around the cue or running on, resolve sources (entities.py),
then modality and hedges (hedges.py) and nesting.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from assay.extract.article_entities import SourceResolver
from assay.extract.cues import find_in_sentence, speaker_lines
from assay.extract.hedges import modality_and_hedges
from assay.extract.parse import Found
from assay.extract.propositions import propositions
from assay.extract.quotes import Quotation, find_quotations, quote_chain
from assay.records import Claim, Entity, Span
from assay.resolve.reference import Reference

EXTRACTOR = "assay.claims.v17"  # v17: a quote's first sentence gives its modality
MAX_GAP_FOR_CONTINUATION = 160  # characters between a quote claim's end and the quote that continues it
FIRST_AND_SECOND = {"i", "we", "you"}
SPEECH_ACTS = {"neutral", "assert", "warn", "deny", "allege"}  # "I told", "we warned" report speech
SPEECH_CLASSES = {"neutral", "assert", "warn", "deny", "allege", "caution", "estimate", "predict", "other"}


@dataclass
class Draft:
    """A claim being assembled, in character offsets."""

    found: Found
    cue: tuple[int, int]
    content: list[tuple[int, int]]
    kind: str = "indirect"
    part: int = 0  # which clause of a coordinated content split into propositions (extract/propositions.py)


def _chars(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    span = doc[rng[0]:rng[1]]
    return span.start_char, span.end_char


def _snap_to_quotes(text: str, content: tuple[int, int], cue: tuple[int, int],
                    quotes: list[Quotation]) -> tuple[list[tuple[int, int]], str]:
    """Content that lies mostly inside a quotation becomes the whole quotation (all its paragraphs)."""
    s, e = content
    for k, q in enumerate(quotes):
        inside = min(e, q.end) - max(s, q.start)
        if inside <= 0 or q.holds(*cue):
            continue
        if inside >= 0.5 * (e - s) and q.start - s <= 3:  # not 'there remains a "significant ..."'
            chain = quote_chain(quotes, k)
            return [(p.start, p.end) for p in chain], "direct"
    for q in quotes:  # a quotation that opens inside the content closes it: 'there is "a lot going on."'
        if s < q.start < e < q.end and not text[e:q.end].strip(".,;:!?”\"' "):
            e = q.end
    if any(s <= q.start and q.end <= e for q in quotes):
        return [(s, e)], "mixed"
    return [(s, e)], "indirect"


def _draft(doc: Doc, text: str, found: Found, quotes: list[Quotation]) -> Draft | None:
    """`text` is doc.text, which spaCy joins anew on every read."""
    cue = _chars(doc, found.cue)
    spans: list[tuple[int, int]] = []
    kinds: set[str] = set()
    for rng in found.content:
        snapped, kind = _snap_to_quotes(text, _chars(doc, rng), cue, quotes)
        spans.extend(snapped)
        kinds.add(kind)
    if not spans:
        quote = _adjacent_quote(doc, text, found, quotes)
        if quote is None:
            return None
        spans, kinds = [(q.start, q.end) for q in quote_chain(quotes, quote)], {"direct"}
    kind = kinds.pop() if len(kinds) == 1 else "mixed"
    return Draft(found, cue, sorted(set(spans)), kind)


def _adjacent_quote(doc: Doc, text: str, found: Found, quotes: list[Quotation]) -> int | None:
    """A speech cue with no parsed content takes the quote just before it ("“...,” he said") or after it."""
    if found.cue_class not in SPEECH_CLASSES:
        return None
    cue_start, cue_end = _chars(doc, found.cue)
    before = [k for k, q in enumerate(quotes) if q.end <= cue_start and _near(text[q.end:cue_start], 80)]
    if before:
        return before[-1]
    colon = text[cue_start:cue_end].endswith(":")
    after = [k for k, q in enumerate(quotes) if q.start >= cue_end and (  # "reports:" + block quote
        _near(text[cue_end:q.start], 4) or text[cue_end:q.start].strip() == ("" if colon else ":"))]
    return after[0] if after else None


def _near(gap: str, limit: int) -> bool:
    """Text between a quote and its cue: short, in one paragraph, with no other quote in it."""
    return len(gap) <= limit and "\n" not in gap and not any(ch in gap for ch in "“”\"")


def _speech(d: Draft) -> bool:
    """A paraphrase by a speaker ("X said Y.") that a following quote may go on with."""
    return d.found.cue_class in ("neutral", "assert") and d.found.source_head is not None


def _own_cue(text: str, quote: Quotation, d: Draft, others: list[Draft], gap_start: int) -> bool:
    """Another speaker's cue stands between, or the quote is followed by a cue of its own."""
    for o in others:
        at = o.cue[0]
        if gap_start <= at < quote.start and o.found.source_head != d.found.source_head:
            return True
        if quote.end <= at < quote.end + 40 and "\n" not in text[quote.end:at]:
            return True
    return False


def _continues(text: str, gap_start: int, quote: Quotation, d: Draft, others: list[Draft]) -> bool:
    """Whether `quote` carries on the quote claim that ends at gap_start ("“A,” he said. “B.”")."""
    gap = text[gap_start:quote.start]
    if len(gap) > MAX_GAP_FOR_CONTINUATION or any(ch in gap for ch in "“”\""):
        return False
    if "\n" in gap:  # the next paragraph goes on only if it is all quote
        rest = text[quote.end:quote.end + 2]
        if gap.count("\n\n") > 1 or not (rest == "" or rest.startswith("\n")):
            return False
    elif gap.strip() and gap.rstrip()[-1] not in ".:;,":
        return False
    return not _own_cue(text, quote, d, others, gap_start)


def _carry_quotes(text: str, drafts: list[Draft], quotes: list[Quotation]) -> None:
    """A quote right after a direct claim, with no cue of its own, continues that claim."""
    used = {span for d in drafts for span in d.content}
    for d in sorted(drafts, key=lambda d: d.cue[0]):
        if d.kind == "indirect" and not _speech(d):
            continue
        others = [o for o in drafts if o is not d]
        while True:
            last = max(max(e for _, e in d.content), d.cue[1])
            k = next((k for k, q in enumerate(quotes) if q.start >= last), None)
            if k is None or (quotes[k].start, quotes[k].end) in used \
                    or not _continues(text, last, quotes[k], d, others):
                break
            for q in quote_chain(quotes, k):
                d.content.append((q.start, q.end))
                used.add((q.start, q.end))
            if d.kind == "indirect":
                d.kind = "mixed"


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One draft per cue; the parser can reach the same cue twice (verb and noun readings)."""
    seen: dict[tuple[tuple[int, int], int], Draft] = {}
    for d in drafts:
        seen.setdefault((d.cue, d.part), d)
    return sorted(seen.values(), key=lambda d: (d.cue[0], d.part))


def _speakers_own_mind(doc: Doc, d: Draft, quotes: list[Quotation]) -> bool:
    """ "'I think he's great,' he says", "'We want a stop sign'": inside a quote, the speaker's own thinking
    or wanting is part of what is quoted, not a claim of its own; a report of speech stays ("'I told them
    to leave,' she said")."""
    if d.found.source_head is None or d.found.cue_class in SPEECH_ACTS:
        return False
    if doc[d.found.source_head].lower_ not in FIRST_AND_SECOND:
        return False
    return any(q.holds(*d.cue) for q in quotes)


def _nesting(claims: list[tuple[str, Draft]]) -> dict[str, str]:
    """Claim id -> id of the innermost claim whose content holds its cue."""
    out: dict[str, str] = {}
    for cid, d in claims:
        best = None
        for oid, o in claims:
            if oid == cid:
                continue
            for s, e in o.content:
                if s <= d.cue[0] and d.cue[1] <= e and (best is None or e - s < best[1]):
                    best = (oid, e - s)
        if best:
            out[cid] = best[0]
    return out


def extract_claims(doc: Doc, ref: Reference) -> tuple[list[Claim], list[Entity]]:
    """All attributed claims in an article, with the entities their sources resolve to."""
    text = doc.text
    quotes = find_quotations(text)
    drafts = []
    found_all = [f for sent in doc.sents for f in find_in_sentence(sent)] + speaker_lines(doc)
    for found in found_all:
        for part, prop in enumerate(propositions(doc, found)):
            draft = _draft(doc, text, prop, quotes)
            if draft is not None:
                draft.part = part
                drafts.append(draft)
    drafts = [d for d in _dedupe(drafts) if not _speakers_own_mind(doc, d, quotes)]
    _carry_quotes(text, drafts, quotes)
    resolver = SourceResolver(doc, quotes, ref)
    ids = [(f"c{i}", d) for i, d in enumerate(drafts, 1)]
    nested = _nesting(ids)
    claims = []
    for cid, d in ids:
        source = _chars(doc, d.found.source) if d.found.source else None
        resolved = resolver.resolve(d.found.source_head, source)
        content = tuple(Span.of(text, s, e) for s, e in sorted(d.content))
        modality, hedges = modality_and_hedges(doc, d.found, d.content)
        claims.append(Claim(
            id=cid, cue=Span.of(text, *d.cue), content=content,
            source=Span.of(text, *source) if source else None,
            source_entity=resolved.entity_id, source_kind=resolved.kind,
            cue_class=d.found.cue_class, kind=d.kind, modality=modality,
            hedges=tuple(Span.of(text, s, e) for s, e in hedges),
            nested_in=nested.get(cid), extractor=EXTRACTOR,
        ))
    return claims, resolver.entities()
