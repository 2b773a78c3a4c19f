"""Record files: JSON Lines (`.jsonl`, `.ndjson`, `.json`), a JSON array (`.json`) and CSV.

A bad line or row is reported with its line number and the rest of the file goes on.
Both readers stream: memory holds one record at a time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from assay.ingest.common import (
    EMPTY_FILE,
    UTF8_BOM,
    Options,
    Problem,
    check_file,
    check_utf8_stream,
    decode_utf8,
)
from assay.ingest.meta import build_article, merge
from assay.records import Article, InputError


def record_article(record: Mapping[str, Any], opts: Options) -> Article:
    """An Article from one JSON object or CSV row; the flags fill only what the record leaves out."""
    text = record.get("text")
    if text is None:
        raise Problem("missing 'text' field")
    if not isinstance(text, str):
        raise Problem(f"'text' must be a string, not {type(text).__name__}")
    return build_article(text, merge(record, opts.flags()), opts.max_chars)


def read_jsonl(path: Path, opts: Options) -> Iterator[Article | InputError]:
    check_file(path, opts.max_file_bytes)
    found = False
    offset = 0
    with path.open("rb") as f:  # bytes, so only "\n" ends a line and offsets are exact
        for lineno, raw in enumerate(f, 1):
            start, offset = offset, offset + len(raw)
            if lineno == 1 and raw.startswith(UTF8_BOM):
                raw, start = raw[len(UTF8_BOM):], start + len(UTF8_BOM)
            if not raw.strip():
                continue
            found = True
            try:
                yield record_article(parse_line(raw, start), opts)
            except Problem as p:
                yield InputError(path=str(path), reason=p.reason, line=lineno)
    if not found:
        raise Problem(EMPTY_FILE)


def read_json(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """A `.json` file: one JSON array of article objects, or else JSON Lines."""
    check_file(path, opts.max_file_bytes)
    with path.open("rb") as f:
        head = f.read(64).lstrip(UTF8_BOM).lstrip()
    if not head.startswith(b"["):
        yield from read_jsonl(path, opts)
        return
    raw = path.read_bytes()
    try:
        records = json.loads(decode_utf8(raw, 0).lstrip("\ufeff"))
    except json.JSONDecodeError as e:
        raise Problem(f"not JSON: {e.msg}", line=e.lineno) from None
    if not records:
        raise Problem(EMPTY_FILE)
    for k, record in enumerate(records, 1):
        try:
            if not isinstance(record, dict):
                raise Problem(f"item {k} is not a JSON object but {type(record).__name__}")
            yield record_article(record, opts)
        except Problem as p:
            yield InputError(path=str(path), reason=f"item {k}: {p.reason}")


def parse_line(raw: bytes, offset: int) -> dict[str, Any]:
    try:
        obj = json.loads(decode_utf8(raw, offset))
    except json.JSONDecodeError as e:
        raise Problem(f"not JSON: {e.msg} (column {e.colno})") from None
    except RecursionError:
        raise Problem("not JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise Problem(f"not a JSON object but {type(obj).__name__}")
    return obj


def read_csv(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """A header row of SCHEMA field names (`text` required), then one article per row."""
    check_file(path, opts.max_file_bytes)
    check_utf8_stream(path)  # text-mode decoding errors would carry no usable offset
    # A long article is one long field; the csv default (128 KiB) is far below max_chars.
    csv.field_size_limit(max(csv.field_size_limit(), opts.max_chars + 1))
    with path.open(encoding="utf-8-sig", newline="") as f:  # newline="" keeps "\r\n" inside fields
        reader = csv.reader(f)
        header = [name.strip() for name in _next_row(reader, 1) or []]
        if "text" not in header:
            raise Problem("CSV header has no 'text' column", line=1)
        yield from _csv_rows(reader, header, path, opts)


def _csv_rows(reader: Any, header: list[str], path: Path, opts: Options) -> Iterator[Article | InputError]:
    found = False
    while True:
        start = reader.line_num + 1  # first line of the record, even when a field spans lines
        row = _next_row(reader, start)
        if row is None:
            break
        if not any(cell.strip() for cell in row):
            continue
        found = True
        try:
            yield record_article(dict(zip(header, row, strict=False)), opts)
        except Problem as p:
            yield InputError(path=str(path), reason=p.reason, line=start)
    if not found:
        raise Problem(f"{EMPTY_FILE}: a header but no rows")


def _next_row(reader: Any, line: int) -> list[str] | None:
    # After a syntax error the reader's position is unreliable, so the file stops there.
    try:
        return next(reader, None)
    except csv.Error as e:
        raise Problem(f"malformed CSV: {e}", line=line) from None
