"""The one reader for assay's tab-separated tables: the files shipped in assay/data and the user's own."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib import resources


def data_text(name: str) -> str:
    """A shipped data file's text (gzip-compressed files end in .gz)."""
    f = resources.files("assay.data").joinpath(name)
    if name.endswith(".gz"):
        return gzip.decompress(f.read_bytes()).decode("utf-8")
    return f.read_text(encoding="utf-8")


def numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of each line that is neither blank nor a # comment."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, line.split("\t")


def tsv_rows(text: str) -> list[list[str]]:
    """The columns of each line that is neither blank nor a # comment."""
    return [cols for _, cols in numbered_rows(text)]


def data_rows(name: str) -> list[list[str]]:
    """The rows of a shipped table."""
    return tsv_rows(data_text(name))
