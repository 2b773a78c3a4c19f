"""Article metadata: sidecar files, merging sources by precedence, building the Article."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assay.dates import DateError, iso_published
from assay.ingest.common import EMPTY_TEXT, Problem, decode_utf8
from assay.records import Article, derive_article_id

# SCHEMA.md section 1, all fields but `id` and `text`.
META_FIELDS = ("title", "published", "outlet", "url", "author", "language")
_MERGED = ("id", *META_FIELDS)


def sidecar_path(path: Path) -> Path:
    return path.with_suffix(".json")


def load_sidecar(path: Path) -> dict[str, Any]:
    """The metadata object beside `path` (`report.txt` -> `report.json`), or {} when there is none.

    A sidecar that exists but cannot be used is a Problem for the article: reading the
    article without it would silently lose its date or outlet.
    """
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(decode_utf8(sidecar.read_bytes().removeprefix(b"\xef\xbb\xbf")))
    except Problem as p:
        raise Problem(f"sidecar for {path.name}: {p.reason}", path=sidecar) from None
    except json.JSONDecodeError as e:
        reason = f"malformed sidecar JSON for {path.name}: {e.msg}"
        raise Problem(reason, line=e.lineno, path=sidecar) from None
    except OSError as e:
        raise Problem(f"cannot read sidecar for {path.name}: {e.strerror or e}", path=sidecar) from None
    if not isinstance(data, dict):
        raise Problem(f"sidecar for {path.name} is not a JSON object", path=sidecar)
    return data


def clean_value(value: Any) -> str | None:
    """Metadata as a string; blank counts as missing so a later source can fill it."""
    if value is None:
        return None
    if isinstance(value, list):  # several bylines are common in scraped metadata
        value = ", ".join(str(v) for v in value if v is not None)
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def merge(*sources: Mapping[str, Any] | None) -> dict[str, str | None]:
    """Per field, the first non-blank value among `sources`, in the order given."""
    merged: dict[str, str | None] = dict.fromkeys(_MERGED)
    for source in sources:
        for key in _MERGED:
            if merged[key] is None and source:
                merged[key] = clean_value(source.get(key))
    return merged


def missing(meta: Mapping[str, str | None]) -> bool:
    return any(meta.get(key) is None for key in META_FIELDS if key != "language")


def build_article(text: str, meta: Mapping[str, str | None], max_chars: int) -> Article:
    """An Article with `text` unchanged; the id is derived when no source gave one."""
    if not text.strip():
        raise Problem(EMPTY_TEXT)
    if len(text) > max_chars:
        raise Problem(f"article too long: {len(text)} characters > {max_chars}")
    fields = {key: meta.get(key) for key in META_FIELDS}
    try:
        fields["published"] = iso_published(fields["published"])
    except DateError as e:
        raise Problem(str(e)) from e
    language = fields.pop("language") or "en"
    article_id = meta.get("id") or derive_article_id(text, fields["outlet"], fields["url"])
    return Article(id=article_id, text=text, language=language, **fields)
