"""Lexicons shipped in assay/data, loaded once per process."""

from __future__ import annotations

from functools import lru_cache

from assay.tsv import data_rows


@lru_cache(maxsize=1)
def cue_classes() -> dict[tuple[str, str], str]:
    """(lemma, "VERB" | "NOUN") -> cue class."""
    return {(lemma, pos): cls for lemma, pos, cls in data_rows("cues.tsv")}


@lru_cache(maxsize=1)
def hedge_phrases() -> tuple[tuple[str, ...], ...]:
    """Hedge phrases as lower-case word tuples, longest first so phrases win over their words."""
    phrases = {tuple(row[0].split()) for row in data_rows("hedges.tsv")}
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def source_kinds() -> dict[str, str]:
    """Lower-case head word of a source mention -> source kind."""
    return {word: kind for word, kind in data_rows("source_kinds.tsv")}


@lru_cache(maxsize=1)
def stance_frames() -> dict[str, tuple[str, tuple[str, ...]]]:
    """lemma -> (cue class, content frames) for verbs whose content is an object or infinitive."""
    return {lemma: (cls, tuple(frames.split(","))) for lemma, cls, frames in data_rows("stance.tsv")}


@lru_cache(maxsize=1)
def quantity_concepts() -> dict[str, str]:
    """Counted noun or unit (lower case, singular) -> concept (personnel, distance, ...)."""
    return {word: concept for word, concept in data_rows("concepts.tsv")}


@lru_cache(maxsize=1)
def measure_cues() -> dict[str, tuple[str, str]]:
    """Governing word (lemma) -> (measure, concept): "kill" -> (killed, casualties)."""
    return {word: (measure, concept) for word, measure, concept in data_rows("measures.tsv")}
