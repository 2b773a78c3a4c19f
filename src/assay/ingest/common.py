"""Byte-level checks shared by every reader: size, binary content, UTF-8, emptiness.

Readers raise `Problem` for anything that makes one input unusable; `files.py`
turns it into an `InputError` so a bad file or line never stops a batch.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from assay.records import InputError
from assay.settings import Settings

SNIFF_BYTES = 8192
UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 20
EMPTY_FILE = "empty file"
EMPTY_TEXT = "empty article text"


class Problem(Exception):
    """Why one input (file, line or row) is skipped. `path` overrides the file's, e.g. for a sidecar."""

    def __init__(self, reason: str, line: int | None = None, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.path = path

    def to_error(self, path: Path) -> InputError:
        return InputError(path=str(self.path or path), reason=self.reason, line=self.line)


@dataclass(frozen=True)
class Options:
    """The caller's settings, passed unchanged to every reader."""

    published: str | None = None
    outlet: str | None = None
    max_chars: int = Settings.max_chars  # one default for every face: Settings holds it
    max_file_bytes: int = Settings.max_file_bytes

    def flags(self) -> dict[str, str | None]:
        return {"published": self.published, "outlet": self.outlet}


def not_utf8(byte: int, offset: int) -> str:
    return f"not UTF-8 text (byte 0x{byte:02x} at offset {offset}); convert it to UTF-8"


def check_size(path: Path, max_file_bytes: int) -> None:
    """Refuse before reading, so a huge file never reaches memory."""
    size = path.stat().st_size
    if size > max_file_bytes:
        raise Problem(f"file too large: {size} bytes > {max_file_bytes}")
    if size == 0:
        raise Problem(EMPTY_FILE)


def check_head(head: bytes) -> None:
    """Sniff the start of a file. UTF-16 is named apart, since its NUL bytes would look binary."""
    if head.startswith(_UTF16_BOMS):
        raise Problem("not UTF-8 text (UTF-16 byte order mark); convert it to UTF-8")
    if b"\x00" in head[:SNIFF_BYTES]:
        raise Problem("binary file, not text")


def check_file(path: Path, max_file_bytes: int) -> None:
    """All checks that need only the file's size and first 8 KB (for the streaming readers)."""
    check_size(path, max_file_bytes)
    with path.open("rb") as f:
        check_head(f.read(SNIFF_BYTES))


def decode_utf8(data: bytes, base_offset: int = 0) -> str:
    """Strict UTF-8: we never guess another encoding, we say where the first bad byte is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Problem(not_utf8(data[e.start], base_offset + e.start)) from None


def read_whole_text(path: Path, max_file_bytes: int) -> str:
    """The file's characters exactly: BOM dropped, no newline translation (offsets index this text)."""
    check_size(path, max_file_bytes)
    data = path.read_bytes()
    check_head(data)
    if data.startswith(UTF8_BOM):
        return decode_utf8(data[len(UTF8_BOM):], len(UTF8_BOM))
    return decode_utf8(data)


def check_utf8_stream(path: Path) -> None:
    """Validate a whole file in chunks, so a CSV error can name the exact byte offset."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    fed = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            _feed(decoder, chunk, fed, final=False)
            fed += len(chunk)
    _feed(decoder, b"", fed, final=True)


def _feed(decoder: codecs.IncrementalDecoder, chunk: bytes, fed: int, *, final: bool) -> None:
    # The decoder's error indexes its held-back bytes plus this chunk, so start counting before them.
    start = fed - len(decoder.getstate()[0])
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError as e:
        raise Problem(not_utf8(e.object[e.start], start + e.start)) from None
