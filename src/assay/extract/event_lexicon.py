"""The PLOVER trigger lexicon, mode words and CAMEO table shipped in assay/data/events*.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assay.tsv import data_rows

# cooperative acts whose future form is an intent (AGREE, as CAMEO 03x "express intent to ...")
INTENT_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
# forceful acts whose future or conditional form is a threat (CAMEO 13x)
INTENT_TO_THREATEN = {"ASSAULT", "COERCE", "MOBILIZE"}


@dataclass(frozen=True)
class Sense:
    """What a trigger means: a PLOVER type, its mode and CAMEO code (either may be empty)."""

    type: str
    mode: str | None
    cameo: str | None


@lru_cache(maxsize=1)
def triggers() -> dict[str, dict[str, Sense]]:
    """frame (verb, prt, obj, noun) -> trigger words ("call on", "impose curfew") -> sense."""
    out: dict[str, dict[str, Sense]] = {"verb": {}, "prt": {}, "obj": {}, "noun": {}}
    for row in data_rows("events.tsv"):
        row += [""] * (5 - len(row))
        words, frame, kind, mode, cameo = (c.strip() for c in row[:5])
        out[frame][words] = Sense(kind, mode or None, cameo or None)
    return out


@lru_cache(maxsize=1)
def mode_words() -> dict[tuple[str, str], str]:
    """(PLOVER type, lower-case lemma) -> mode the word signals for that type ("drone" -> drone)."""
    return {(kind, word): mode for word, kind, mode in data_rows("events_modes.tsv")}


@lru_cache(maxsize=1)
def cameo_codes() -> dict[tuple[str, str], str]:
    """(PLOVER type, mode or "") -> representative CAMEO code."""
    return {(kind, mode): code for kind, mode, code in data_rows("events_cameo.tsv")}


def cameo_for(kind: str, mode: str | None) -> str | None:
    table = cameo_codes()
    return table.get((kind, mode or "")) or table.get((kind, ""))


@lru_cache(maxsize=1)
def verb_lemmas() -> frozenset[str]:
    """Every verb lemma that starts some trigger: the cheap first test on each token."""
    t = triggers()
    return frozenset(t["verb"]) | {k.split()[0] for k in t["prt"]} | {k.split()[0] for k in t["obj"]}
