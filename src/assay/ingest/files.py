"""Entry point: expand paths and folders, pick a reader by extension, never raise."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from assay.ingest.common import Options, Problem
from assay.ingest.html import read_html
from assay.ingest.meta import sidecar_path
from assay.ingest.tables import read_csv, read_json, read_jsonl
from assay.ingest.text import read_txt
from assay.records import Article, InputError
from assay.settings import Settings

Reader = Callable[[Path, Options], Iterator[Article | InputError]]

READERS: dict[str, Reader] = {
    ".txt": read_txt, ".html": read_html, ".htm": read_html,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".json": read_json, ".csv": read_csv,
}
# Files whose metadata may sit in a same-stem .json beside them.
SIDECAR_OWNERS = (".txt", ".html", ".htm")


def read_inputs(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    outlet: str | None = None,
    max_chars: int = Settings.max_chars,
    max_file_bytes: int = Settings.max_file_bytes,
) -> Iterator[Article | InputError]:
    """Yield one Article per article found, or an InputError per file, line or row that cannot be used.

    Each path is a file or a folder; folders are walked recursively in name order, taking
    only known extensions (.txt, .html, .htm, .jsonl, .ndjson, .json as a JSON array or JSON Lines, .csv)
    and skipping hidden entries. A `.json` beside a same-stem `.txt`/`.html`/`.htm` is that
    file's sidecar, never an input, even when named explicitly (so `assay extract dir/*`
    works). A file reached twice is read once.

    Metadata precedence, per field: the record itself (JSONL/CSV) or the sidecar (txt/HTML)
    first, then the `published`/`outlet` arguments, then (HTML only) the page's own metadata.
    The arguments are defaults for a batch, so they fill gaps and never overwrite metadata
    stated for one article. Nothing raises: every problem is an InputError, and the
    remaining inputs are still read.
    """
    if isinstance(paths, str | Path):  # a lone path would otherwise be iterated character by character
        paths = [paths]
    opts = Options(published=published, outlet=outlet, max_chars=max_chars, max_file_bytes=max_file_bytes)
    seen: set[Path] = set()
    for given in paths:
        for item in _expand(Path(given)):
            if isinstance(item, InputError):
                yield item
            elif _first_visit(item, seen):
                yield from _read_file(item, opts)


def _first_visit(path: Path, seen: set[Path]) -> bool:
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True


def _expand(path: Path) -> Iterator[Path | InputError]:
    """The input files a given path names, or why it names none."""
    try:
        if path.is_dir():
            yield from _walk(path, set())
        elif not path.exists():
            yield InputError(path=str(path), reason="no such file or directory")
        elif path.suffix.lower() not in READERS:
            kind = path.suffix or "(no extension)"
            yield InputError(path=str(path), reason=f"unsupported file type {kind}")
        elif not is_sidecar(path):
            yield path
    except OSError as e:
        yield InputError(path=str(path), reason=f"cannot read: {e.strerror or e}")


def _walk(folder: Path, visited: set[Path]) -> Iterator[Path | InputError]:
    real = folder.resolve()
    if real in visited:  # a symlink back up the tree
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield InputError(path=str(folder), reason=f"cannot read folder: {e.strerror or e}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, visited)
        elif entry.suffix.lower() in READERS and not is_sidecar(entry):
            yield entry


def is_sidecar(path: Path) -> bool:
    """True for `report.json` when `report.txt`, `.html` or `.htm` sits beside it."""
    if path != sidecar_path(path):
        return False
    return any(path.with_suffix(ext).is_file() for ext in SIDECAR_OWNERS)


def _read_file(path: Path, opts: Options) -> Iterator[Article | InputError]:
    reader = READERS[path.suffix.lower()]
    try:
        yield from reader(path, opts)
    except Problem as p:
        yield p.to_error(path)
    except OSError as e:
        yield InputError(path=str(path), reason=f"cannot read: {e.strerror or e}")
    except Exception as e:  # last resort: one odd file must not end the batch
        yield InputError(path=str(path), reason=f"unexpected error: {type(e).__name__}: {e}")
